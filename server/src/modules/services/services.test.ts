import { chinaToday, type Role } from '@hexie/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeEnterprise } from '../../../test/factories/enterprises.js';
import { as, createTestApp, fieldsOf, login, makeUser, type Session, type TestContext } from '../../../test/helpers.js';

let t: TestContext;
let province: Session;
let changchun: Session;
let jilin: Session;
let mediation: Session;
let newFirm: { id: string };
let oldFirm: { id: string };
let jilinFirm: { id: string };
let expertId: string;

const YEAR = Number(chinaToday().slice(0, 4));
const day = (y: number, md: string) => `${y}-${md}`;

beforeAll(async () => {
  t = await createTestApp('services');
  const mk = async (role: Role, regionCode: string) =>
    login(t.app, (await makeUser(t.db, { role, regionCode })).username);
  province = await mk('province_admin', '220000');
  changchun = await mk('region_staff', '220100');
  jilin = await mk('region_admin', '220200');
  mediation = await mk('mediation_staff', '220100');
  newFirm = await makeEnterprise(t.db, { regionCode: '220102', registeredOn: day(YEAR - 1, '03-01') });
  oldFirm = await makeEnterprise(t.db, { regionCode: '220102', registeredOn: day(YEAR - 5, '03-01') });
  jilinFirm = await makeEnterprise(t.db, { regionCode: '220202', registeredOn: day(YEAR, '01-10') });
});
afterAll(() => t.close());

const record = (over: Record<string, unknown> = {}) => ({
  enterpriseId: newFirm.id,
  servedOn: day(YEAR, '01-15'),
  channel: 'on_site',
  topics: ['contract', 'social_insurance'],
  findings: '未按时签订书面劳动合同 2 人',
  followUp: '一周内补签并回访',
  ...over,
});

describe('专家服务团队', () => {
  it('adds a member (phone masked in answers and audit), lists the team, reveals the phone audited', async () => {
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
    expertId = res.json().id;
    expect(res.json()).toMatchObject({ kind: 'lawyer', phone: '139****5678', phoneMasked: true, regionName: '长春市' });
    const audit = await t.db.query(
      "SELECT details FROM audit_events WHERE action = 'service_expert.create' AND entity_id = $1",
      [expertId],
    );
    expect(JSON.stringify(audit.rows[0].details)).not.toContain('13912345678');
    expect((await as(t.app, changchun, { url: '/api/v1/service-experts?kind=lawyer' })).json().total).toBe(1);
    const shown = await as(t.app, changchun, { url: `/api/v1/service-experts/${expertId}?reveal=phone` });
    expect(shown.json().phone).toBe('13912345678');
    expect(
      (
        await t.db.query("SELECT 1 FROM audit_events WHERE action = 'service_expert.reveal' AND entity_id = $1", [
          expertId,
        ])
      ).rowCount,
    ).toBe(1);
  });

  it('400 naming bad fields, 403 without services:write, 404 for another region, 412 for a stale version', async () => {
    const bad = await as(t.app, changchun, {
      method: 'POST',
      url: '/api/v1/service-experts',
      payload: { name: '王', kind: 'wizard', regionCode: '220200' },
    });
    expect(fieldsOf(bad).sort()).toEqual(['kind', 'name']);
    const out = await as(t.app, changchun, {
      method: 'POST',
      url: '/api/v1/service-experts',
      payload: { name: '王五', kind: 'judge', regionCode: '220200' },
    });
    expect(fieldsOf(out)).toEqual(['regionCode']);
    expect(
      (
        await as(t.app, mediation, {
          method: 'POST',
          url: '/api/v1/service-experts',
          payload: { name: '王五', kind: 'judge', regionCode: '220100' },
        })
      ).statusCode,
    ).toBe(403);
    expect((await as(t.app, jilin, { url: `/api/v1/service-experts/${expertId}` })).statusCode).toBe(404);
    const ok = await as(t.app, changchun, {
      method: 'PATCH',
      url: `/api/v1/service-experts/${expertId}`,
      payload: { version: 1, title: '专职律师' },
    });
    expect(ok.json().version).toBe(2);
    const stale = await as(t.app, changchun, {
      method: 'PATCH',
      url: `/api/v1/service-experts/${expertId}`,
      payload: { version: 1, title: 'x' },
    });
    expect(stale.statusCode).toBe(412);
    expect((await t.app.inject({ url: '/api/v1/service-experts' })).statusCode).toBe(401);
  });
});

describe('服务记录', () => {
  it('records a service with its experts, audited; lists it by enterprise; flags a new enterprise', async () => {
    const res = await as(t.app, changchun, {
      method: 'POST',
      url: '/api/v1/service-records',
      payload: record({ expertIds: [expertId] }),
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      enterpriseId: newFirm.id,
      regionName: '长春市南关区',
      newEnterprise: true,
      experts: [{ id: expertId, name: '刘明', kind: 'lawyer' }],
    });
    const list = await as(t.app, changchun, { url: `/api/v1/service-records?enterpriseId=${newFirm.id}` });
    expect(list.json().total).toBe(1);
    const audit = await t.db.query(
      "SELECT 1 FROM audit_events WHERE action = 'service_record.create' AND entity_id = $1",
      [res.json().id],
    );
    expect(audit.rowCount).toBe(1);
  });

  it('400: an enterprise outside the region, a date in the future, an unknown expert, no topics', async () => {
    const res = await as(t.app, changchun, {
      method: 'POST',
      url: '/api/v1/service-records',
      payload: record({ enterpriseId: jilinFirm.id }),
    });
    expect(fieldsOf(res)).toEqual(['enterpriseId']);
    const dates = await as(t.app, changchun, {
      method: 'POST',
      url: '/api/v1/service-records',
      payload: record({ servedOn: day(YEAR + 1, '01-01'), expertIds: ['00000000-0000-4000-8000-000000000000'] }),
    });
    expect(fieldsOf(dates).sort()).toEqual(['expertIds', 'servedOn']);
    const topics = await as(t.app, changchun, {
      method: 'POST',
      url: '/api/v1/service-records',
      payload: record({ topics: [] }),
    });
    expect(fieldsOf(topics)).toEqual(['topics']);
    expect(
      (await as(t.app, mediation, { method: 'POST', url: '/api/v1/service-records', payload: record() })).statusCode,
    ).toBe(403);
  });

  it('another region sees none of it; a stale version is 412', async () => {
    const mine = (await as(t.app, changchun, { url: '/api/v1/service-records' })).json().items[0];
    expect((await as(t.app, jilin, { url: '/api/v1/service-records' })).json().total).toBe(0);
    expect((await as(t.app, jilin, { url: `/api/v1/service-records/${mine.id}` })).statusCode).toBe(404);
    const upd = await as(t.app, changchun, {
      method: 'PATCH',
      url: `/api/v1/service-records/${mine.id}`,
      payload: { version: 1, channel: 'online' },
    });
    expect(upd.json()).toMatchObject({ channel: 'online', version: 2 });
    expect(
      (
        await as(t.app, changchun, {
          method: 'PATCH',
          url: `/api/v1/service-records/${mine.id}`,
          payload: { version: 1, channel: 'phone' },
        })
      ).statusCode,
    ).toBe(412);
  });
});

describe('服务新注册企业 against targets', () => {
  it('counts an enterprise once, in the year of its first service as a new enterprise; not an old one', async () => {
    await as(t.app, changchun, {
      method: 'POST',
      url: '/api/v1/service-records',
      payload: record({ servedOn: day(YEAR, '03-02') }),
    });
    await as(t.app, changchun, {
      method: 'POST',
      url: '/api/v1/service-records',
      payload: record({ enterpriseId: oldFirm.id }),
    });
    await as(t.app, jilin, {
      method: 'POST',
      url: '/api/v1/service-records',
      payload: record({ enterpriseId: jilinFirm.id, servedOn: day(YEAR, '02-02') }),
    });
    // Served last year too: it counts in that year, not this one.
    const earlier = await makeEnterprise(t.db, { regionCode: '220103', registeredOn: day(YEAR - 2, '06-01') });
    await as(t.app, changchun, {
      method: 'POST',
      url: '/api/v1/service-records',
      payload: record({ enterpriseId: earlier.id, servedOn: day(YEAR - 1, '05-05') }),
    });
    await as(t.app, changchun, {
      method: 'POST',
      url: '/api/v1/service-records',
      payload: record({ enterpriseId: earlier.id, servedOn: day(YEAR, '05-05') }),
    });

    const cc = (await as(t.app, changchun, { url: `/api/v1/service-progress?year=${YEAR}` })).json();
    expect(cc).toMatchObject({ regionName: '长春市', served: 1 });
    expect(cc.units.find((u: { regionCode: string }) => u.regionCode === '220102')).toMatchObject({ served: 1 });
    expect(cc.monthly).toHaveLength(12);
    expect(cc.monthly[0]).toEqual({ month: `${YEAR}-01`, served: 1 });
    const last = (await as(t.app, changchun, { url: `/api/v1/service-progress?year=${YEAR - 1}` })).json();
    expect(last.served).toBe(1);
    const all = (await as(t.app, province, { url: `/api/v1/service-progress?year=${YEAR}` })).json();
    expect(all).toMatchObject({ served: 2, goal: { target: 10000, served: 3 } });
    expect(
      (await as(t.app, changchun, { url: `/api/v1/service-progress?year=${YEAR}&regionCode=220200` })).statusCode,
    ).toBe(400);
  });

  it('the province sets yearly targets in one go (audited); rates follow; others may not', async () => {
    const put = await as(t.app, province, {
      method: 'PUT',
      url: '/api/v1/service-targets',
      payload: {
        year: YEAR,
        targets: [
          { regionCode: '220100', target: 4 },
          { regionCode: '220200', target: 2 },
        ],
      },
    });
    expect(put.statusCode).toBe(200);
    expect(put.json().targets.find((x: { regionCode: string }) => x.regionCode === '220100').target).toBe(4);
    const all = (await as(t.app, province, { url: `/api/v1/service-progress?year=${YEAR}` })).json();
    expect(all.units.find((u: { regionCode: string }) => u.regionCode === '220100')).toMatchObject({
      target: 4,
      served: 1,
      rate: 0.25,
    });
    expect(all.units.find((u: { regionCode: string }) => u.regionCode === '220200')).toMatchObject({
      target: 2,
      served: 1,
      rate: 0.5,
    });
    expect(all.target).toBe(6);
    const bad = await as(t.app, province, {
      method: 'PUT',
      url: '/api/v1/service-targets',
      payload: { year: YEAR, targets: [{ regionCode: '220102', target: 1 }] },
    });
    expect(fieldsOf(bad)).toEqual(['targets.0.regionCode']);
    expect(
      (
        await as(t.app, changchun, {
          method: 'PUT',
          url: '/api/v1/service-targets',
          payload: { year: YEAR, targets: [{ regionCode: '220100', target: 9 }] },
        })
      ).statusCode,
    ).toBe(403);
    const audit = await t.db.query(
      "SELECT details FROM audit_events WHERE action = 'service_target.set' ORDER BY id DESC LIMIT 1",
    );
    expect(audit.rows[0].details.after).toEqual({ '220100': 4, '220200': 2 });
  });

  it('progress for one region reads the region index, not the whole table', async () => {
    await t.owner.query('SET enable_seqscan = off');
    const plan = await t.owner.query(
      "EXPLAIN SELECT count(*) FROM service_records r WHERE r.region_code = ANY(ARRAY['220102','220103'])",
    );
    await t.owner.query('RESET enable_seqscan');
    expect(plan.rows.map((r) => r['QUERY PLAN']).join('\n')).toContain('service_records_region_served_idx');
  });
});
