import type { Role } from '@hexie/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, fieldsOf, login, makeUser, type Session, type TestContext } from '../../../test/helpers.js';

let t: TestContext;
let changchunStaff: Session; // mediation staff of 长春市
let changchunAdmin: Session; // region admin: personal:read
let jilinStaff: Session; // mediation staff of 吉林市
let regionStaff: Session; // reads, does not write
let firm: Session;

beforeAll(async () => {
  t = await createTestApp('mediation');
  const mk = async (role: Role, regionCode: string) =>
    login(t.app, (await makeUser(t.db, { role, regionCode })).username);
  changchunStaff = await mk('mediation_staff', '220100');
  changchunAdmin = await mk('region_admin', '220100');
  jilinStaff = await mk('mediation_staff', '220200');
  regionStaff = await mk('region_staff', '220100');
  firm = await mk('enterprise_user', '220102');
});
afterAll(() => t.close());

let seq = 0;
const org = (over: Record<string, unknown> = {}) => {
  seq += 1;
  return {
    name: `长春市朝阳区第${seq}街道劳动争议调解委员会`,
    type: 'township_street',
    regionCode: '220104',
    address: '长春市朝阳区人民大街 100 号',
    contactName: '李四',
    contactPhone: '13900001111',
    ...over,
  };
};
const create = (who: Session, body: Record<string, unknown>) =>
  as(t.app, who, { method: 'POST', url: '/api/v1/mediation/orgs', payload: body });
const auditOf = (action: string, id: string) =>
  t.db.query<{ details: Record<string, unknown>; result: string }>(
    'SELECT details, result FROM audit_events WHERE action = $1 AND entity_id = $2 ORDER BY id',
    [action, id],
  );

describe('mediation organisations (附件3)', () => {
  it('registers one, checks the plan standard on the record, masks the phone, audits without it', async () => {
    const res = await create(changchunStaff, org({ hasOffice: true, hasSign: true, rulesPosted: true }));
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({
      type: 'township_street',
      regionName: expect.stringContaining('朝阳区'),
      filingStatus: 'not_filed',
      contactPhone: '139****1111',
      contactPhoneMasked: true,
      activeMediators: 0,
      standard: { met: false, missing: ['mediator'] },
      version: 1,
    });
    const logged = await auditOf('mediation_org.create', body.id);
    expect(logged.rows).toHaveLength(1);
    expect(JSON.stringify(logged.rows[0]?.details)).not.toContain('13900001111');

    // A mediator makes it meet the standard (the mediators' register comes with the cases).
    await t.owner.query(
      `INSERT INTO mediators (org_id, region_code, name, full_time) VALUES ($1, '220104', '王调解', true)`,
      [body.id],
    );
    const again = await as(t.app, changchunStaff, { url: `/api/v1/mediation/orgs/${body.id}` });
    expect(again.json()).toMatchObject({ activeMediators: 1, standard: { met: true, missing: [] } });
  });

  it('400 naming each bad field in Chinese; nothing written', async () => {
    const res = await create(
      changchunStaff,
      org({ name: '短', filingStatus: 'filed', contactPhone: '12345', regionCode: '220202' }),
    );
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res).sort()).toEqual(['name']);
    const semantic = await create(
      changchunStaff,
      org({ filingStatus: 'filed', contactPhone: '12345', regionCode: '220202' }),
    );
    expect(semantic.statusCode).toBe(400);
    expect(fieldsOf(semantic).sort()).toEqual(['contactPhone', 'filedOn', 'regionCode']);
    const messages = semantic
      .json()
      .errors.map((e: { message: string }) => e.message)
      .join(' ');
    expect(messages).toContain('备案日期');
    expect(messages).toContain('超出了您的管辖范围');
    expect((await create(changchunStaff, org({ unknown: 1 }))).statusCode).toBe(400);
    const { rows } = await t.db.query("SELECT count(*)::int AS n FROM mediation_orgs WHERE region_code = '220202'");
    expect(rows[0].n).toBe(0);
  });

  it('409 for a name taken in the same region; the same name in another region is fine', async () => {
    const body = org();
    expect((await create(changchunStaff, body)).statusCode).toBe(201);
    const again = await create(changchunStaff, body);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('org_name_taken');
    expect((await create(jilinStaff, { ...body, regionCode: '220202' })).statusCode).toBe(201);
  });

  it('is limited to the region: another region’s record is 404 (and audited), lists filter', async () => {
    const theirs = (
      await create(jilinStaff, org({ regionCode: '220202', name: '吉林市船营区劳动争议调解中心' }))
    ).json();
    const miss = await as(t.app, changchunStaff, { url: `/api/v1/mediation/orgs/${theirs.id}` });
    expect(miss.statusCode).toBe(404);
    const { rows } = await t.db.query(
      "SELECT result FROM audit_events WHERE action = 'access.out_of_scope' AND entity_id = $1",
      [theirs.id],
    );
    expect(rows.map((r) => r.result)).toEqual(['denied']);
    const list = await as(t.app, changchunStaff, { url: '/api/v1/mediation/orgs?pageSize=100' });
    expect(list.json().items.every((o: { regionCode: string }) => o.regionCode.startsWith('2201'))).toBe(true);
    const patch = await as(t.app, changchunStaff, {
      method: 'PATCH',
      url: `/api/v1/mediation/orgs/${theirs.id}`,
      payload: { version: 1, hasOffice: true },
    });
    expect(patch.statusCode).toBe(404);
  });

  it('lists by standard, type and filing status', async () => {
    const met = await as(t.app, changchunStaff, { url: '/api/v1/mediation/orgs?standardMet=true&pageSize=100' });
    expect(met.json().items.length).toBeGreaterThan(0);
    expect(met.json().items.every((o: { standard: { met: boolean } }) => o.standard.met)).toBe(true);
    const unmet = await as(t.app, changchunStaff, { url: '/api/v1/mediation/orgs?standardMet=false&pageSize=100' });
    expect(unmet.json().items.every((o: { standard: { met: boolean } }) => !o.standard.met)).toBe(true);
    expect(met.json().total + unmet.json().total).toBe(
      (await as(t.app, changchunStaff, { url: '/api/v1/mediation/orgs' })).json().total,
    );
    const bad = await as(t.app, changchunStaff, { url: '/api/v1/mediation/orgs?type=guild' });
    expect(bad.statusCode).toBe(400);
  });

  it('updates at the version read (412 when stale), audits before and after without the phone', async () => {
    const created = (await create(changchunStaff, org())).json();
    const url = `/api/v1/mediation/orgs/${created.id}`;
    const ok = await as(t.app, changchunStaff, {
      method: 'PATCH',
      url,
      payload: { version: 1, filingStatus: 'filed', filedOn: '2026-03-02', contactPhone: '13900002222' },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ filingStatus: 'filed', filedOn: '2026-03-02', version: 2 });
    const stale = await as(t.app, changchunStaff, { method: 'PATCH', url, payload: { version: 1, hasSign: true } });
    expect(stale.statusCode).toBe(412);
    expect((await as(t.app, changchunStaff, { url })).json().hasSign).toBe(false);
    const logged = await auditOf('mediation_org.update', created.id);
    expect(logged.rows).toHaveLength(1);
    expect(logged.rows[0]?.details).toMatchObject({
      before: { filingStatus: 'not_filed', filedOn: null },
      after: { filingStatus: 'filed', filedOn: '2026-03-02', contactPhone: '139****2222' },
    });
    // Filed needs its date: clearing it is refused.
    const cleared = await as(t.app, changchunStaff, { method: 'PATCH', url, payload: { version: 2, filedOn: null } });
    expect(fieldsOf(cleared)).toEqual(['filedOn']);
  });

  it('reveals the contact phone only to a role with personal:read, audited', async () => {
    const created = (await create(changchunStaff, org())).json();
    const url = `/api/v1/mediation/orgs/${created.id}?reveal=phone`;
    expect((await as(t.app, changchunStaff, { url })).statusCode).toBe(403);
    const shown = await as(t.app, changchunAdmin, { url });
    expect(shown.json()).toMatchObject({ contactPhone: '13900001111', contactPhoneMasked: false });
    expect((await auditOf('mediation_org.reveal', created.id)).rows).toHaveLength(1);
  });

  it('401 without a session; 403 to write without mediation:write; enterprise users see nothing', async () => {
    expect((await t.app.inject({ url: '/api/v1/mediation/orgs' })).statusCode).toBe(401);
    expect((await as(t.app, regionStaff, { url: '/api/v1/mediation/orgs' })).statusCode).toBe(200);
    expect((await create(regionStaff, org())).statusCode).toBe(403);
    expect((await as(t.app, firm, { url: '/api/v1/mediation/orgs' })).statusCode).toBe(403);
  });

  it('the public roster: no session, active organisations only, no person’s phone', async () => {
    const hidden = (
      await create(changchunStaff, org({ active: false, name: '长春市已撤销劳动争议调解委员会' }))
    ).json();
    const res = await t.app.inject({ url: '/api/v1/public/mediation-orgs?regionCode=220100&pageSize=100' });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as Record<string, unknown>[];
    expect(items.length).toBeGreaterThan(0);
    expect(items.some((o) => o.id === hidden.id)).toBe(false);
    expect(items.every((o) => String(o.regionCode).startsWith('2201'))).toBe(true);
    expect(JSON.stringify(items)).not.toMatch(/contactPhone|contactName|1390000/);
    const all = await t.app.inject({ url: '/api/v1/public/mediation-orgs?pageSize=100' });
    expect(all.json().items.some((o: { regionCode: string }) => o.regionCode.startsWith('2202'))).toBe(true);
  });
});
