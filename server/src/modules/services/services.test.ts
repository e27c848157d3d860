import type { Role } from '@hexie/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeEnterprise } from '../../../test/factories/enterprises.js';
import { as, createTestApp, fieldsOf, login, makeUser, type Session, type TestContext } from '../../../test/helpers.js';

// The expert team and service records: access, scope, validation, versions and the audit trail.

let t: TestContext;
let province: Session;
let changchun: Session;
let jilin: Session;
let mediation: Session;
let firmUser: Session;
let firm: { id: string };
let jilinFirm: { id: string };
let ccExpert: string;
let provinceExpert: string;
let jilinExpert: string;

const NOBODY = '00000000-0000-4000-8000-000000000000';

async function expertIn(regionCode: string, name = '赵立新'): Promise<string> {
  const { rows } = await t.db.query<{ id: string }>(
    "INSERT INTO service_experts (region_code, name, kind, phone) VALUES ($1, $2, 'coordinator', '13800001111') RETURNING id",
    [regionCode, name],
  );
  return (rows[0] as { id: string }).id;
}

const auditOf = async (action: string, entityId: string) =>
  (
    await t.db.query<{ details: Record<string, unknown>; result: string }>(
      'SELECT details, result FROM audit_events WHERE action = $1 AND entity_id = $2 ORDER BY id',
      [action, entityId],
    )
  ).rows;

beforeAll(async () => {
  t = await createTestApp('services');
  const mk = async (role: Role, regionCode: string) =>
    login(t.app, (await makeUser(t.db, { role, regionCode })).username);
  province = await mk('province_admin', '220000');
  changchun = await mk('region_staff', '220100');
  jilin = await mk('region_admin', '220200');
  mediation = await mk('mediation_staff', '220100');
  firm = await makeEnterprise(t.db, { regionCode: '220102', registeredOn: '2025-03-01' });
  jilinFirm = await makeEnterprise(t.db, { regionCode: '220202', registeredOn: '2026-01-10' });
  const ent = await makeUser(t.db, { role: 'enterprise_user', regionCode: '220102', memberUnit: null });
  await t.owner.query('UPDATE users SET enterprise_id = $1 WHERE id = $2', [firm.id, ent.id]);
  firmUser = await login(t.app, ent.username);
  provinceExpert = await expertIn('220000', '省级专家');
  jilinExpert = await expertIn('220200', '吉林专家');
});
afterAll(() => t.close());

describe('专家服务团队 /api/v1/service-experts', () => {
  it('401 without a session on every endpoint', async () => {
    for (const [method, url] of [
      ['GET', '/api/v1/service-experts'],
      ['POST', '/api/v1/service-experts'],
      ['GET', `/api/v1/service-experts/${NOBODY}`],
      ['PATCH', `/api/v1/service-experts/${NOBODY}`],
    ] as const) {
      expect((await t.app.inject({ method, url, payload: method === 'GET' ? undefined : {} })).statusCode).toBe(401);
    }
  });

  it('adds a member: phone masked in the answer and the audit; lists the team; reveals the phone, audited', async () => {
    const res = await as(t.app, changchun, {
      method: 'POST',
      url: '/api/v1/service-experts',
      payload: {
        name: '刘明',
        kind: 'lawyer',
        organisation: '吉林某律师事务所',
        regionCode: '220100',
        phone: '13912345678',
      },
    });
    expect(res.statusCode).toBe(201);
    ccExpert = res.json().id;
    expect(res.json()).toMatchObject({
      kind: 'lawyer',
      phone: '139****5678',
      phoneMasked: true,
      regionName: '长春市',
      active: true,
      editable: true,
      version: 1,
    });
    const [created] = await auditOf('service_expert.create', ccExpert);
    expect(JSON.stringify(created?.details)).not.toContain('13912345678');
    expect(created?.details.after).toMatchObject({ name: '刘明', phone: '139****5678' });

    const lawyers = (await as(t.app, changchun, { url: '/api/v1/service-experts?kind=lawyer' })).json();
    expect(lawyers).toMatchObject({ total: 1, page: 1, pageSize: 20 });
    expect(lawyers.items[0].phone).toBe('139****5678');
    expect((await as(t.app, changchun, { url: '/api/v1/service-experts?q=律师事务' })).json().total).toBe(1);

    const shown = await as(t.app, changchun, { url: `/api/v1/service-experts/${ccExpert}?reveal=phone` });
    expect(shown.json()).toMatchObject({ phone: '13912345678', phoneMasked: false });
    expect(await auditOf('service_expert.reveal', ccExpert)).toHaveLength(1);
    // Reading without reveal is not audited as a reveal.
    await as(t.app, changchun, { url: `/api/v1/service-experts/${ccExpert}` });
    expect(await auditOf('service_expert.reveal', ccExpert)).toHaveLength(1);
  });

  it('403: reading needs enterprises:read, writing services:write, revealing personal:read', async () => {
    expect((await as(t.app, firmUser, { url: '/api/v1/service-experts' })).statusCode).toBe(403);
    expect((await as(t.app, mediation, { url: '/api/v1/service-experts' })).statusCode).toBe(200);
    expect((await as(t.app, mediation, { url: `/api/v1/service-experts/${ccExpert}` })).json().phone).toBe(
      '139****5678',
    );
    expect((await as(t.app, mediation, { url: `/api/v1/service-experts/${ccExpert}?reveal=phone` })).statusCode).toBe(
      403,
    );
    const post = await as(t.app, mediation, {
      method: 'POST',
      url: '/api/v1/service-experts',
      payload: { name: '王五', kind: 'judge', regionCode: '220100' },
    });
    expect(post.statusCode).toBe(403);
    const patch = await as(t.app, mediation, {
      method: 'PATCH',
      url: `/api/v1/service-experts/${ccExpert}`,
      payload: { version: 1, title: 'x' },
    });
    expect(patch.statusCode).toBe(403);
  });

  it('400 naming each bad field', async () => {
    const bad = await as(t.app, changchun, {
      method: 'POST',
      url: '/api/v1/service-experts',
      payload: { name: '王', kind: 'wizard', regionCode: '220100' },
    });
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad).sort()).toEqual(['kind', 'name']);
    // The expert form's own names: 姓名 and 人员类别, not the register's 企业名称.
    const messages = bad
      .json()
      .errors.map((e: { message: string }) => e.message)
      .join(' ');
    expect(messages).toContain('姓名');
    expect(messages).toContain('人员类别');
    expect(messages).not.toContain('企业名称');
    const out = await as(t.app, changchun, {
      method: 'POST',
      url: '/api/v1/service-experts',
      payload: { name: '王五', kind: 'judge', regionCode: '220200', phone: '12345' },
    });
    expect(fieldsOf(out).sort()).toEqual(['phone', 'regionCode']);
    const version = await as(t.app, changchun, {
      method: 'PATCH',
      url: `/api/v1/service-experts/${ccExpert}`,
      payload: { title: '主任' },
    });
    expect(fieldsOf(version)).toEqual(['version']);
    expect((await as(t.app, changchun, { url: '/api/v1/service-experts?pageSize=101' })).statusCode).toBe(400);
  });

  it("another region's member is 404 (and the probe audited); the province's team is visible but not editable", async () => {
    expect((await as(t.app, jilin, { url: `/api/v1/service-experts/${ccExpert}` })).statusCode).toBe(404);
    const patch = await as(t.app, jilin, {
      method: 'PATCH',
      url: `/api/v1/service-experts/${ccExpert}`,
      payload: { version: 1, title: 'x' },
    });
    expect(patch.statusCode).toBe(404);
    expect((await auditOf('access.out_of_scope', ccExpert)).map((a) => a.result)).toEqual(['denied', 'denied']);
    expect((await as(t.app, jilin, { url: `/api/v1/service-experts/${NOBODY}` })).statusCode).toBe(404);

    const team = (await as(t.app, changchun, { url: '/api/v1/service-experts?pageSize=100' })).json();
    const names = team.items.map((x: { name: string }) => x.name);
    expect(names).toContain('省级专家');
    expect(names).not.toContain('吉林专家');
    const mine = await as(t.app, changchun, { url: `/api/v1/service-experts/${provinceExpert}` });
    expect(mine.json()).toMatchObject({ regionName: '吉林省', editable: false });
    const edit = await as(t.app, changchun, {
      method: 'PATCH',
      url: `/api/v1/service-experts/${provinceExpert}`,
      payload: { version: 1, title: 'x' },
    });
    expect(edit.statusCode).toBe(404);
  });

  it('updates at a version (audited before/after, phone masked); a stale version is 412', async () => {
    const ok = await as(t.app, changchun, {
      method: 'PATCH',
      url: `/api/v1/service-experts/${ccExpert}`,
      payload: { version: 1, title: '专职律师', phone: '13700001234', active: false },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ title: '专职律师', phone: '137****1234', active: false, version: 2 });
    const [update] = await auditOf('service_expert.update', ccExpert);
    expect(update?.details).toEqual({
      before: { title: null, phone: '139****5678', active: true },
      after: { title: '专职律师', phone: '137****1234', active: false },
    });
    const stale = await as(t.app, changchun, {
      method: 'PATCH',
      url: `/api/v1/service-experts/${ccExpert}`,
      payload: { version: 1, title: 'x' },
    });
    expect(stale.statusCode).toBe(412);
    expect((await as(t.app, changchun, { url: '/api/v1/service-experts?active=true' })).json().total).toBe(1);
    await as(t.app, changchun, {
      method: 'PATCH',
      url: `/api/v1/service-experts/${ccExpert}`,
      payload: { version: 2, active: true },
    });
  });
});

const record = (over: Record<string, unknown> = {}) => ({
  enterpriseId: firm.id,
  servedOn: '2026-01-15',
  channel: 'on_site',
  topics: ['contract', 'social_insurance'],
  expertIds: [ccExpert],
  findings: '未按时签订书面劳动合同 2 人',
  followUp: '一周内补签并回访',
  followUpDue: '2026-01-22',
  ...over,
});

describe('服务记录 /api/v1/service-records', () => {
  let recordId: string;

  it('401 without a session on every endpoint', async () => {
    for (const [method, url] of [
      ['GET', '/api/v1/service-records'],
      ['POST', '/api/v1/service-records'],
      ['GET', `/api/v1/service-records/${NOBODY}`],
      ['PATCH', `/api/v1/service-records/${NOBODY}`],
    ] as const) {
      expect((await t.app.inject({ method, url, payload: method === 'GET' ? undefined : {} })).statusCode).toBe(401);
    }
  });

  it('records a service with its experts (the province team too), in the enterprise region, audited', async () => {
    const res = await as(t.app, changchun, {
      method: 'POST',
      url: '/api/v1/service-records',
      payload: record({ expertIds: [ccExpert, provinceExpert, ccExpert], topics: ['wages', 'wages', 'hours'] }),
    });
    expect(res.statusCode).toBe(201);
    recordId = res.json().id;
    expect(res.json()).toMatchObject({
      enterpriseId: firm.id,
      regionCode: '220102',
      regionName: '长春市南关区',
      servedOn: '2026-01-15',
      topics: ['wages', 'hours'],
      newEnterprise: true,
      followUpDue: '2026-01-22',
      version: 1,
    });
    expect(
      res
        .json()
        .experts.map((x: { id: string }) => x.id)
        .sort(),
    ).toEqual([ccExpert, provinceExpert].sort());
    expect(res.json().recordedBy).toMatch(/测试用户/);
    const [created] = await auditOf('service_record.create', recordId);
    expect(created?.details.after).toMatchObject({ enterpriseId: firm.id, servedOn: '2026-01-15', channel: 'on_site' });
    const got = await as(t.app, mediation, { url: `/api/v1/service-records/${recordId}` });
    expect(got.json().id).toBe(recordId);
  });

  it('lists with filters and pages', async () => {
    await as(t.app, changchun, {
      method: 'POST',
      url: '/api/v1/service-records',
      payload: record({ servedOn: '2025-11-03', channel: 'phone', followUpDue: null }),
    });
    const url = (q: string) => `/api/v1/service-records?${q}`;
    const total = async (q: string) => (await as(t.app, changchun, { url: url(q) })).json().total;
    expect(await total(`enterpriseId=${firm.id}`)).toBe(2);
    expect(await total('channel=phone')).toBe(1);
    expect(await total('from=2026-01-01')).toBe(1);
    expect(await total('from=2025-11-01&to=2025-11-30')).toBe(1);
    expect(await total('regionCode=220102')).toBe(2);
    expect(await total('regionCode=220103')).toBe(0);
    expect(await total('regionCode=220200')).toBe(0);
    const page = (await as(t.app, changchun, { url: url('page=2&pageSize=1') })).json();
    expect(page).toMatchObject({ total: 2, page: 2, pageSize: 1 });
    expect(page.items[0].servedOn).toBe('2025-11-03');
    expect((await as(t.app, changchun, { url: url('pageSize=101') })).statusCode).toBe(400);
    expect(fieldsOf(await as(t.app, changchun, { url: url('channel=fax&from=2026-13-01') })).sort()).toEqual([
      'channel',
      'from',
    ]);
  });

  it('400 naming the field: an enterprise outside the region, a future date, experts unknown or elsewhere', async () => {
    const outside = await as(t.app, changchun, {
      method: 'POST',
      url: '/api/v1/service-records',
      payload: record({ enterpriseId: jilinFirm.id }),
    });
    expect(outside.statusCode).toBe(400);
    expect(fieldsOf(outside)).toEqual(['enterpriseId']);
    const dates = await as(t.app, changchun, {
      method: 'POST',
      url: '/api/v1/service-records',
      payload: record({ servedOn: '2099-01-01', followUpDue: '2098-01-01', expertIds: [NOBODY] }),
    });
    expect(fieldsOf(dates).sort()).toEqual(['expertIds', 'followUpDue', 'servedOn']);
    const elsewhere = await as(t.app, changchun, {
      method: 'POST',
      url: '/api/v1/service-records',
      payload: record({ expertIds: [jilinExpert] }),
    });
    expect(fieldsOf(elsewhere)).toEqual(['expertIds']);
    const shape = await as(t.app, changchun, {
      method: 'POST',
      url: '/api/v1/service-records',
      payload: record({ topics: [], expertIds: [], channel: 'fax', servedOn: '2026-02-30' }),
    });
    expect(fieldsOf(shape).sort()).toEqual(['channel', 'expertIds', 'servedOn', 'topics']);
    expect(shape.json().errors[0].message).toBeTruthy();
    const unknown = await as(t.app, changchun, {
      method: 'POST',
      url: '/api/v1/service-records',
      payload: { ...record(), extra: 1 },
    });
    expect(unknown.statusCode).toBe(400);
    expect(await t.db.query('SELECT 1 FROM service_records WHERE enterprise_id = $1', [jilinFirm.id])).toMatchObject({
      rowCount: 0,
    });
  });

  it('403 for a role without services:write (or without enterprises:read to read)', async () => {
    expect(
      (await as(t.app, mediation, { method: 'POST', url: '/api/v1/service-records', payload: record() })).statusCode,
    ).toBe(403);
    expect(
      (
        await as(t.app, mediation, {
          method: 'PATCH',
          url: `/api/v1/service-records/${recordId}`,
          payload: { version: 1, channel: 'online' },
        })
      ).statusCode,
    ).toBe(403);
    expect((await as(t.app, firmUser, { url: '/api/v1/service-records' })).statusCode).toBe(403);
    expect((await as(t.app, firmUser, { url: `/api/v1/service-records/${recordId}` })).statusCode).toBe(403);
  });

  it('another region sees none of it: list empty, the record 404 to read and to change', async () => {
    expect((await as(t.app, jilin, { url: '/api/v1/service-records' })).json().total).toBe(0);
    expect((await as(t.app, jilin, { url: `/api/v1/service-records/${recordId}` })).statusCode).toBe(404);
    const patch = await as(t.app, jilin, {
      method: 'PATCH',
      url: `/api/v1/service-records/${recordId}`,
      payload: { version: 1, channel: 'online' },
    });
    expect(patch.statusCode).toBe(404);
    expect(await auditOf('access.out_of_scope', recordId)).toHaveLength(2);
    expect((await as(t.app, province, { url: `/api/v1/service-records/${recordId}` })).statusCode).toBe(200);
  });

  it('updates at a version, audited with before and after; a stale version is 412; bad input 400', async () => {
    const upd = await as(t.app, changchun, {
      method: 'PATCH',
      url: `/api/v1/service-records/${recordId}`,
      payload: { version: 1, channel: 'online', findings: '加班费计算基数有误' },
    });
    expect(upd.statusCode).toBe(200);
    expect(upd.json()).toMatchObject({ channel: 'online', findings: '加班费计算基数有误', version: 2 });
    const [update] = await auditOf('service_record.update', recordId);
    expect(update?.details).toEqual({
      before: { channel: 'on_site', findings: '未按时签订书面劳动合同 2 人' },
      after: { channel: 'online', findings: '加班费计算基数有误' },
    });
    const stale = await as(t.app, changchun, {
      method: 'PATCH',
      url: `/api/v1/service-records/${recordId}`,
      payload: { version: 1, channel: 'phone' },
    });
    expect(stale.statusCode).toBe(412);
    const future = await as(t.app, changchun, {
      method: 'PATCH',
      url: `/api/v1/service-records/${recordId}`,
      payload: { version: 2, servedOn: '2099-01-01' },
    });
    // The follow-up due date (2026-01-22) would now come before the service.
    expect(fieldsOf(future).sort()).toEqual(['followUpDue', 'servedOn']);
    const moved = await as(t.app, changchun, {
      method: 'PATCH',
      url: `/api/v1/service-records/${recordId}`,
      payload: { version: 2, enterpriseId: jilinFirm.id },
    });
    expect(moved.statusCode).toBe(400);
    // Nothing changed: no new version, no audit.
    const same = await as(t.app, changchun, {
      method: 'PATCH',
      url: `/api/v1/service-records/${recordId}`,
      payload: { version: 2, channel: 'online' },
    });
    expect(same.json().version).toBe(2);
    expect(await auditOf('service_record.update', recordId)).toHaveLength(1);
  });
});
