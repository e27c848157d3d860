import { chinaToday, type Role } from '@hexie/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeEnterprise } from '../../../test/factories/enterprises.js';
import { as, createTestApp, fieldsOf, login, makeUser, type Session, type TestContext } from '../../../test/helpers.js';

let t: TestContext;
let changchun: Session;
let changchunStaff: Session;
let jilin: Session;
let mediation: Session;
let newFirmUser: Session;
let oldFirmUser: Session;
let jilinFirmUser: Session;
let newFirm: { id: string };

const monthsAgo = (n: number) => {
  const d = new Date(`${chinaToday()}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - n);
  return d.toISOString().slice(0, 10);
};

beforeAll(async () => {
  t = await createTestApp('notices');
  const mk = async (role: Role, regionCode: string, enterpriseId?: string) => {
    const u = await makeUser(t.db, { role, regionCode });
    if (enterpriseId) await t.db.query('UPDATE users SET enterprise_id = $2 WHERE id = $1', [u.id, enterpriseId]);
    return login(t.app, u.username);
  };
  changchun = await mk('region_admin', '220100');
  changchunStaff = await mk('region_staff', '220100');
  jilin = await mk('region_admin', '220200');
  mediation = await mk('mediation_staff', '220100');
  newFirm = await makeEnterprise(t.db, {
    regionCode: '220102',
    industryCode: '6110',
    registeredOn: monthsAgo(3),
    name: '南关区新开酒店有限公司',
  });
  const oldFirm = await makeEnterprise(t.db, {
    regionCode: '220102',
    industryCode: '6110',
    registeredOn: monthsAgo(60),
  });
  const jilinFirm = await makeEnterprise(t.db, {
    regionCode: '220202',
    industryCode: '6110',
    registeredOn: monthsAgo(2),
  });
  await makeEnterprise(t.db, { regionCode: '220103', industryCode: '3311', registeredOn: monthsAgo(2) });
  newFirmUser = await mk('enterprise_user', '220102', newFirm.id);
  oldFirmUser = await mk('enterprise_user', '220102', oldFirm.id);
  jilinFirmUser = await mk('enterprise_user', '220202', jilinFirm.id);
});
afterAll(() => t.close());

const criteria = { regionCode: '220102', industryCode: 'H', registeredWithinMonths: 12 };
const notice = (over: Record<string, unknown> = {}) => ({
  kind: 'guidance',
  title: '新开业住宿餐饮企业用工指导',
  body: '请于用工之日起一个月内与劳动者订立书面劳动合同，并依法参加社会保险。',
  criteria,
  ...over,
});

describe('notices to enterprises', () => {
  it('preview counts the enterprises of the sender region matching region, industry and registration age', async () => {
    const res = await as(t.app, changchunStaff, { method: 'POST', url: '/api/v1/notices/preview', payload: criteria });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ recipients: 1, sample: [{ id: newFirm.id, regionName: '长春市南关区' }] });
    const wide = await as(t.app, changchunStaff, {
      method: 'POST',
      url: '/api/v1/notices/preview',
      payload: { registeredWithinMonths: 12 },
    });
    expect(wide.json().recipients).toBe(2); // 南关 hotel and 宽城 factory; never 吉林市's
  });

  it('sends one copy per matching enterprise, audited; the enterprise reads it in its inbox, others never see it', async () => {
    const sent = await as(t.app, changchunStaff, { method: 'POST', url: '/api/v1/notices', payload: notice() });
    expect(sent.statusCode).toBe(201);
    expect(sent.json()).toMatchObject({ recipients: 1, readCount: 0, regionName: '长春市' });
    const audit = await t.db.query("SELECT details FROM audit_events WHERE action = 'notice.send' AND entity_id = $1", [
      sent.json().id,
    ]);
    expect(audit.rows[0].details.after).toMatchObject({ recipients: 1, criteria });

    const box = await as(t.app, newFirmUser, { url: '/api/v1/inbox' });
    expect(box.json()).toMatchObject({
      total: 1,
      unread: 1,
      items: [{ title: '新开业住宿餐饮企业用工指导', readAt: null, senderRegionName: '长春市' }],
    });
    expect((await as(t.app, oldFirmUser, { url: '/api/v1/inbox' })).json().total).toBe(0);
    expect((await as(t.app, jilinFirmUser, { url: '/api/v1/inbox' })).json().total).toBe(0);

    const read = await as(t.app, newFirmUser, { method: 'POST', url: `/api/v1/inbox/${sent.json().id}/read` });
    expect(read.statusCode).toBe(204);
    expect((await as(t.app, newFirmUser, { url: '/api/v1/inbox?unread=true' })).json()).toMatchObject({
      total: 0,
      unread: 0,
    });
    expect((await as(t.app, changchun, { url: `/api/v1/notices/${sent.json().id}` })).json().readCount).toBe(1);
    // Another enterprise cannot mark it read: it was never theirs.
    expect(
      (await as(t.app, oldFirmUser, { method: 'POST', url: `/api/v1/inbox/${sent.json().id}/read` })).statusCode,
    ).toBe(404);
  });

  it('a filter that reaches nobody is a 400 on criteria and writes nothing', async () => {
    const before = (await t.db.query('SELECT count(*)::int AS n FROM notices')).rows[0].n;
    const res = await as(t.app, changchun, {
      method: 'POST',
      url: '/api/v1/notices',
      payload: notice({ criteria: { industryCode: 'B' } }),
    });
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res)).toEqual(['criteria']);
    expect((await t.db.query('SELECT count(*)::int AS n FROM notices')).rows[0].n).toBe(before);
  });

  it('400 naming bad fields; a region outside the sender scope is refused', async () => {
    const bad = await as(t.app, changchun, {
      method: 'POST',
      url: '/api/v1/notices',
      payload: notice({ kind: 'spam', title: '', criteria: { registeredWithinMonths: 0 } }),
    });
    expect(fieldsOf(bad).sort()).toEqual(['criteria.registeredWithinMonths', 'kind', 'title']);
    const out = await as(t.app, changchun, {
      method: 'POST',
      url: '/api/v1/notices/preview',
      payload: { regionCode: '220202' },
    });
    expect(out.statusCode).toBe(400);
    expect(fieldsOf(out)).toEqual(['criteria.regionCode']);
  });

  it('lists are scoped: 吉林市 sees none of 长春市 notices and gets 404 for one', async () => {
    const sent = await as(t.app, changchun, {
      method: 'POST',
      url: '/api/v1/notices',
      payload: notice({ kind: 'risk_alert' }),
    });
    expect((await as(t.app, changchun, { url: '/api/v1/notices' })).json().total).toBeGreaterThanOrEqual(1);
    expect((await as(t.app, jilin, { url: '/api/v1/notices' })).json()).toMatchObject({ total: 0, items: [] });
    expect((await as(t.app, jilin, { url: `/api/v1/notices/${sent.json().id}` })).statusCode).toBe(404);
  });

  it('an enterprise user reads their own enterprise, contacts unmasked, and nothing of the region', async () => {
    const mine = await as(t.app, newFirmUser, { url: '/api/v1/my-enterprise' });
    expect(mine.json()).toMatchObject({ id: newFirm.id, name: '南关区新开酒店有限公司', contactPhoneMasked: false });
    expect((await as(t.app, newFirmUser, { url: '/api/v1/dashboard' })).statusCode).toBe(403);
    expect((await as(t.app, newFirmUser, { url: `/api/v1/enterprises/${newFirm.id}` })).statusCode).toBe(403);
    expect((await as(t.app, changchun, { url: '/api/v1/my-enterprise' })).statusCode).toBe(403);
  });

  it('401 and 403: staff without notices:write, enterprise users on staff routes, staff on the inbox', async () => {
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/notices', payload: notice() })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/api/v1/inbox' })).statusCode).toBe(401);
    expect((await as(t.app, mediation, { method: 'POST', url: '/api/v1/notices', payload: notice() })).statusCode).toBe(
      403,
    );
    expect((await as(t.app, newFirmUser, { url: '/api/v1/notices' })).statusCode).toBe(403);
    expect((await as(t.app, changchun, { url: '/api/v1/inbox' })).statusCode).toBe(403);
  });
});
