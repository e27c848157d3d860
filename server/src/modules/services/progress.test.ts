import { NEW_ENTERPRISE_MONTHS, type Role } from '@hexie/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeEnterprise } from '../../../test/factories/enterprises.js';
import { as, createTestApp, fieldsOf, login, makeUser, type Session, type TestContext } from '../../../test/helpers.js';
import { FIRST_SERVICES_SQL } from './services.repository.js';

// 服务新注册企业户数: the indicator's definition, targets, rates, scope, and that it reads through indexes.

let t: TestContext;
let province: Session;
let changchun: Session;
let jilin: Session;
let mediation: Session;
let firmUser: Session;
let recorder: string;
let expert: string;

interface Unit {
  regionCode: string;
  target: number | null;
  served: number;
  rate: number | null;
}
const unit = (p: { units: Unit[] }, code: string) => p.units.find((u) => u.regionCode === code);

/** A service record straight into the database (the API's rules are tested in services.test.ts). */
async function serve(enterpriseId: string, regionCode: string, servedOn: string) {
  await t.db.query(
    `INSERT INTO service_records (enterprise_id, region_code, served_on, channel, topics, expert_ids, recorded_by)
     VALUES ($1, $2, $3, 'on_site', '{policy}', ARRAY[$4::uuid], $5)`,
    [enterpriseId, regionCode, servedOn, expert, recorder],
  );
}

const progress = async (s: Session, q: string) => as(t.app, s, { url: `/api/v1/service-progress?${q}` });

beforeAll(async () => {
  t = await createTestApp('service_progress');
  const mk = async (role: Role, regionCode: string) =>
    login(t.app, (await makeUser(t.db, { role, regionCode })).username);
  province = await mk('province_admin', '220000');
  changchun = await mk('region_staff', '220100');
  jilin = await mk('region_admin', '220200');
  mediation = await mk('mediation_staff', '220100');
  const ent = await makeUser(t.db, { role: 'enterprise_user', regionCode: '220102', memberUnit: null });
  firmUser = await login(t.app, ent.username);
  recorder = changchun.userId;
  const { rows } = await t.db.query<{ id: string }>(
    "INSERT INTO service_experts (region_code, name, kind) VALUES ('220000', '省级专家', 'expert') RETURNING id",
  );
  expert = (rows[0] as { id: string }).id;

  // 南关区: served twice in 2026 (once the same day twice), counts once.
  const twice = await makeEnterprise(t.db, { regionCode: '220102', registeredOn: '2025-03-01' });
  await serve(twice.id, '220102', '2026-01-15');
  await serve(twice.id, '220102', '2026-01-15');
  await serve(twice.id, '220102', '2026-03-02');
  // 南关区: registered four years before its service: not a new enterprise.
  const old = await makeEnterprise(t.db, { regionCode: '220102', registeredOn: '2022-02-01' });
  await serve(old.id, '220102', '2026-02-01');
  // 朝阳区: served in 2025 and again in 2026: counts in 2025 only.
  const spans = await makeEnterprise(t.db, { regionCode: '220104', registeredOn: '2024-06-01' });
  await serve(spans.id, '220104', '2025-05-05');
  await serve(spans.id, '220104', '2026-05-05');
  // 朝阳区: served first when it was already too old, then never again: nothing; served before registering: nothing.
  const early = await makeEnterprise(t.db, { regionCode: '220104', registeredOn: '2026-04-01' });
  await serve(early.id, '220104', '2026-03-20');
  // 朝阳区: an old enterprise first served as old (2024), no qualifying service ever.
  const veteran = await makeEnterprise(t.db, { regionCode: '220104', registeredOn: '2019-01-01' });
  await serve(veteran.id, '220104', '2024-01-01');
  // 吉林市船营区: one new enterprise in 2026.
  const jl = await makeEnterprise(t.db, { regionCode: '220204', registeredOn: '2026-01-10' });
  await serve(jl.id, '220204', '2026-02-02');
  // Served in 吉林市 in 2025, moved to 长春市 and served there in 2026: counted once, for 吉林市 in 2025.
  const moved = await makeEnterprise(t.db, { regionCode: '220204', registeredOn: '2025-01-01' });
  await serve(moved.id, '220204', '2025-08-08');
  await t.owner.query("UPDATE enterprises SET region_code = '220102' WHERE id = $1", [moved.id]);
  await serve(moved.id, '220102', '2026-08-08');
  // No registration date: never counts.
  const unknown = await makeEnterprise(t.db, { regionCode: '220102', registeredOn: null });
  await serve(unknown.id, '220102', '2026-06-06');
});
afterAll(() => t.close());

describe('服务新注册企业户数 (GET /api/v1/service-progress)', () => {
  it('counts an enterprise once, in the year of its first service as a new enterprise; not an old one', async () => {
    const cc = (await progress(changchun, 'year=2026')).json();
    expect(cc).toMatchObject({ year: 2026, regionCode: '220100', regionName: '长春市', served: 1 });
    expect(unit(cc, '220102')).toMatchObject({ served: 1, target: null, rate: null });
    expect(unit(cc, '220104')).toMatchObject({ served: 0 });
    expect(cc.monthly).toHaveLength(12);
    expect(cc.monthly[0]).toEqual({ month: '2026-01', served: 1 });
    expect(cc.monthly.reduce((s: number, m: { served: number }) => s + m.served, 0)).toBe(1);

    const cc25 = (await progress(changchun, 'year=2025')).json();
    expect(cc25.served).toBe(1);
    expect(unit(cc25, '220104')?.served).toBe(1);
    expect(cc25.monthly[4]).toEqual({ month: '2025-05', served: 1 });
    expect((await progress(changchun, 'year=2024')).json().served).toBe(0);
  });

  it("keeps to the caller's scope: own region, a region inside it, never a sibling", async () => {
    const jl = (await progress(jilin, 'year=2026')).json();
    expect(jl).toMatchObject({ regionName: '吉林市', served: 1 });
    expect((await progress(jilin, 'year=2025')).json().served).toBe(1);
    const district = (await progress(changchun, 'year=2026&regionCode=220102')).json();
    expect(district).toMatchObject({ regionName: '长春市南关区', served: 1 });
    const sibling = await progress(changchun, 'year=2026&regionCode=220200');
    expect(sibling.statusCode).toBe(400);
    expect(fieldsOf(sibling)).toEqual(['regionCode']);
    const all = (await progress(province, 'year=2026')).json();
    expect(all).toMatchObject({ regionName: '吉林省', served: 2 });
    expect(all.units).toHaveLength(11);
    expect(all.units.reduce((s: number, u: Unit) => s + u.served, 0)).toBe(all.served);
    // The three-year goal: 2024–2026 in the province.
    expect(all.goal).toEqual({ target: 10000, served: 4, fromYear: 2024, toYear: 2026 });
  });

  it('401, 403, and 400 naming the field', async () => {
    expect((await t.app.inject({ url: '/api/v1/service-progress?year=2026' })).statusCode).toBe(401);
    expect((await progress(firmUser, 'year=2026')).statusCode).toBe(403);
    expect((await progress(mediation, 'year=2026')).statusCode).toBe(200);
    expect(fieldsOf(await progress(changchun, 'year=abc&regionCode=22'))).toEqual(['year', 'regionCode']);
    expect(fieldsOf(await progress(changchun, ''))).toEqual(['year']);
    expect(fieldsOf(await progress(province, 'year=2026&regionCode=999999'))).toEqual(['regionCode']);
  });
});

describe('年度目标 (GET/PUT /api/v1/service-targets)', () => {
  it('the province sets targets in one go, audited; rates and the region totals follow', async () => {
    const put = await as(t.app, province, {
      method: 'PUT',
      url: '/api/v1/service-targets',
      payload: {
        year: 2026,
        targets: [
          { regionCode: '220100', target: 4 },
          { regionCode: '220200', target: 2 },
          { regionCode: '222400', target: 0 },
        ],
      },
    });
    expect(put.statusCode).toBe(200);
    expect(put.json().targets).toHaveLength(12);
    expect(put.json().targets[0]).toEqual({ regionCode: '220000', regionName: '吉林省', target: null });
    expect(put.json().targets.find((x: Unit) => x.regionCode === '220100').target).toBe(4);

    const all = (await progress(province, 'year=2026')).json();
    expect(unit(all, '220100')).toMatchObject({ target: 4, served: 1, rate: 0.25 });
    expect(unit(all, '220200')).toMatchObject({ target: 2, served: 1, rate: 0.5 });
    expect(unit(all, '222400')).toMatchObject({ target: 0, served: 0, rate: null });
    expect(unit(all, '220300')).toMatchObject({ target: null, rate: null });
    // Without its own target the province's is its units' sum.
    expect(all).toMatchObject({ target: 6, rate: 0.333 });
    expect((await progress(changchun, 'year=2026')).json()).toMatchObject({ target: 4, rate: 0.25 });
    expect((await progress(changchun, 'year=2025')).json()).toMatchObject({ target: null, rate: null });

    // The province may set its own figure; it then stands for the province.
    await as(t.app, province, {
      method: 'PUT',
      url: '/api/v1/service-targets',
      payload: {
        year: 2026,
        targets: [
          { regionCode: '220000', target: 8 },
          { regionCode: '220100', target: 5 },
        ],
      },
    });
    expect((await progress(province, 'year=2026')).json()).toMatchObject({ target: 8, rate: 0.25 });
    const audits = await t.db.query<{ details: Record<string, unknown> }>(
      "SELECT details FROM audit_events WHERE action = 'service_target.set' ORDER BY id",
    );
    expect(audits.rows.map((r) => r.details)).toEqual([
      { year: 2026, before: {}, after: { '220100': 4, '220200': 2, '222400': 0 } },
      { year: 2026, before: { '220100': 4 }, after: { '220000': 8, '220100': 5 } },
    ]);
  });

  it('a region reads its own target; only the province may set them', async () => {
    const mine = (await as(t.app, changchun, { url: '/api/v1/service-targets?year=2026' })).json();
    expect(mine).toEqual({ year: 2026, targets: [{ regionCode: '220100', regionName: '长春市', target: 5 }] });
    const refused = await as(t.app, changchun, {
      method: 'PUT',
      url: '/api/v1/service-targets',
      payload: { year: 2026, targets: [{ regionCode: '220100', target: 9 }] },
    });
    expect(refused.statusCode).toBe(403);
    expect((await as(t.app, firmUser, { url: '/api/v1/service-targets?year=2026' })).statusCode).toBe(403);
    expect((await t.app.inject({ url: '/api/v1/service-targets?year=2026' })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'PUT', url: '/api/v1/service-targets', payload: {} })).statusCode).toBe(401);
  });

  it('400 naming the field: a county, a duplicate, a negative or fractional target; nothing half-written', async () => {
    const put = (targets: unknown[], year: unknown = 2027) =>
      as(t.app, province, { method: 'PUT', url: '/api/v1/service-targets', payload: { year, targets } });
    const county = await put([
      { regionCode: '220100', target: 1 },
      { regionCode: '220102', target: 1 },
      { regionCode: '220100', target: 2 },
    ]);
    expect(county.statusCode).toBe(400);
    expect(fieldsOf(county)).toEqual(['targets.1.regionCode', 'targets.2.regionCode']);
    expect(fieldsOf(await put([{ regionCode: '220100', target: -1 }]))).toEqual(['targets.0.target']);
    expect(fieldsOf(await put([{ regionCode: '220100', target: 2.5 }]))).toEqual(['targets.0.target']);
    expect(fieldsOf(await put([{ regionCode: '220100', target: 1 }], 1999))).toEqual(['year']);
    expect(fieldsOf(await put([]))).toEqual(['targets']);
    expect((await as(t.app, province, { url: '/api/v1/service-targets?year=2027' })).json().targets[1].target).toBe(
      null,
    );
    expect(fieldsOf(await as(t.app, province, { url: '/api/v1/service-targets' }))).toEqual(['year']);
  });
});

describe('the indicator reads through indexes', () => {
  it('for one county among 30,000 records: no scan of the whole service_records table', async () => {
    await t.owner.query('BEGIN');
    try {
      // Spread records over 60 counties and three years, on the enterprises above.
      await t.owner.query(`
        INSERT INTO service_records (enterprise_id, region_code, served_on, channel, topics, recorded_by)
        SELECT (SELECT array_agg(id) FROM enterprises)[1 + g % (SELECT count(*) FROM enterprises)::int],
               c.codes[1 + g % array_length(c.codes, 1)],
               date '2024-01-01' + (g % 1000),
               'online', '{policy}', '${recorder}'
          FROM generate_series(1, 30000) g,
               (SELECT array_agg(code ORDER BY code) AS codes FROM (
                  SELECT code FROM regions WHERE level = 'county' ORDER BY code LIMIT 60) x) c`);
      await t.owner.query('ANALYZE service_records');
      await t.owner.query('ANALYZE enterprises');
      const { rows } = await t.owner.query<{ 'QUERY PLAN': unknown }>(
        `EXPLAIN (FORMAT JSON) SELECT f.region_code, count(*) FROM (${FIRST_SERVICES_SQL}) f GROUP BY 1`,
        [['220102'], '2026-01-01', '2027-01-01', NEW_ENTERPRISE_MONTHS],
      );
      const plan = JSON.stringify(rows[0]?.['QUERY PLAN']);
      expect(plan).toContain('service_records_region_served_idx');
      expect(plan).toContain('service_records_enterprise_idx');
      expect(plan).not.toMatch(/"Node Type":"Seq Scan"[^{}]*"Relation Name":"service_records"/);
    } finally {
      await t.owner.query('ROLLBACK');
    }
  });
});
