import type { Role } from '@hexie/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, fieldsOf, login, makeUser, type Session, type TestContext } from '../../../test/helpers.js';
import { seedWageParameters } from './parameters.seed.js';

// The wage parameter tables: the seed, the province administrator's list/add/end, the lookup the calculators use.

let t: TestContext;
let province: Session;
let regionAdmin: Session;
let staff: Session;

const NOBODY = '00000000-0000-4000-8000-000000000000';
const URL = '/api/v1/wage-parameters';

const auditOf = async (action: string, entityId: string) =>
  (
    await t.db.query<{ details: Record<string, unknown>; result: string; region_code: string }>(
      'SELECT details, result, region_code FROM audit_events WHERE action = $1 AND entity_id = $2 ORDER BY id',
      [action, entityId],
    )
  ).rows;
const n = async (sql: string, params: unknown[] = []) => (await t.db.query<{ n: number }>(sql, params)).rows[0]?.n ?? 0;
const messagesOf = (res: { json(): unknown }) =>
  ((res.json() as { errors?: { message: string }[] }).errors ?? []).map((e) => e.message).join(' ');
/** What the public calculator takes for a region on a day. */
const lookup = async (regionCode: string, date: string) =>
  (await t.app.inject({ url: `/api/v1/calculators/wage-parameters?regionCode=${regionCode}&date=${date}` })).json();

beforeAll(async () => {
  t = await createTestApp('parameters');
  const mk = async (role: Role, regionCode: string) =>
    login(t.app, (await makeUser(t.db, { role, regionCode })).username);
  province = await mk('province_admin', '220000');
  regionAdmin = await mk('region_admin', '220100');
  staff = await mk('region_staff', '220100');
});
afterAll(() => t.close());

describe('the seed (DOMAIN-RULES §3)', () => {
  it('gives every county-level region (development zones included) and 长白山 one row of each minimum-wage standard, and the province two averages', async () => {
    const areas = await n("SELECT count(*)::int AS n FROM regions WHERE level = 'county' OR code = '229900'");
    expect(areas).toBe(70);
    for (const from of ['2021-12-01', '2024-10-01']) {
      expect(
        await n(
          "SELECT count(DISTINCT region_code)::int AS n FROM wage_parameters WHERE kind = 'minimum_wage' AND effective_from = $1",
          [from],
        ),
      ).toBe(areas);
    }
    expect(await n("SELECT count(*)::int AS n FROM wage_parameters WHERE kind = 'minimum_wage'")).toBe(areas * 2);
    const tiers = await t.db.query<{ tier: number; monthly: string; hourly: string; n: number }>(
      `SELECT tier, monthly_amount AS monthly, hourly_amount AS hourly, count(*)::int AS n FROM wage_parameters
        WHERE kind = 'minimum_wage' AND effective_from = '2024-10-01' GROUP BY 1, 2, 3 ORDER BY 1`,
    );
    expect(tiers.rows).toEqual([
      { tier: 1, monthly: '2120.00', hourly: '21.00', n: 11 },
      { tier: 2, monthly: '1920.00', hourly: '19.50', n: 13 },
      { tier: 3, monthly: '1780.00', hourly: '18.00', n: 46 },
    ]);
    const old = await t.db.query<{ tier: number; monthly: string; n: number }>(
      `SELECT tier, monthly_amount AS monthly, count(*)::int AS n FROM wage_parameters
        WHERE kind = 'minimum_wage' AND effective_from = '2021-12-01' GROUP BY 1, 2 ORDER BY 1`,
    );
    expect(old.rows).toEqual([
      { tier: 1, monthly: '1880.00', n: 11 },
      { tier: 2, monthly: '1760.00', n: 11 },
      { tier: 3, monthly: '1640.00', n: 10 },
      { tier: 4, monthly: '1540.00', n: 38 },
    ]);
    const avg = await t.db.query(
      `SELECT region_code, stat_year, monthly_amount, effective_from FROM wage_parameters
        WHERE kind = 'average_wage' ORDER BY effective_from`,
    );
    expect(avg.rows).toEqual([
      { region_code: '220000', stat_year: 2021, monthly_amount: '6919.00', effective_from: '2022-01-01' },
      { region_code: '220000', stat_year: 2022, monthly_amount: '7268.50', effective_from: '2023-01-01' },
    ]);
  });

  it('loads only into an empty table', async () => {
    expect(await seedWageParameters(t.owner)).toBe(false);
  });
});

describe('/api/v1/wage-parameters: access', () => {
  it('401 without a session on every endpoint', async () => {
    for (const [method, url] of [
      ['GET', `${URL}?kind=minimum_wage`],
      ['POST', URL],
      ['POST', `${URL}/${NOBODY}/end`],
    ] as const) {
      expect((await t.app.inject({ method, url, payload: method === 'GET' ? undefined : {} })).statusCode).toBe(401);
    }
  });

  it('403 for anyone but the province administrator; 403 without the CSRF token', async () => {
    for (const s of [regionAdmin, staff]) {
      expect((await as(t.app, s, { url: `${URL}?kind=minimum_wage` })).statusCode).toBe(403);
      const add = await as(t.app, s, {
        method: 'POST',
        url: URL,
        payload: {
          kind: 'average_wage',
          regionCodes: ['220100'],
          effectiveFrom: '2025-07-01',
          monthlyAmount: 8000,
          statYear: 2024,
          basis: '长春市统计局',
        },
      });
      expect(add.statusCode).toBe(403);
    }
    expect(await n("SELECT count(*)::int AS n FROM wage_parameters WHERE region_code = '220100'")).toBe(0);
    const noCsrf = await as(t.app, province, {
      method: 'POST',
      url: URL,
      csrf: false,
      payload: {
        kind: 'average_wage',
        regionCodes: ['220100'],
        effectiveFrom: '2025-07-01',
        monthlyAmount: 8000,
        statYear: 2024,
        basis: '长春市统计局',
      },
    });
    expect(noCsrf.statusCode).toBe(403);
  });
});

describe('/api/v1/wage-parameters: list, add, end', () => {
  it('lists a kind newest first with each row’s status; filters by region and status', async () => {
    const all = await as(t.app, province, { url: `${URL}?kind=minimum_wage&pageSize=100` });
    expect(all.statusCode).toBe(200);
    expect(all.json().total).toBe(140);
    expect(all.json().items[0]).toMatchObject({
      effectiveFrom: '2024-10-01',
      status: 'current',
      regionName: '长春市南关区',
    });
    const current = await as(t.app, province, { url: `${URL}?kind=minimum_wage&status=current` });
    expect(current.json().total).toBe(70);
    const superseded = await as(t.app, province, { url: `${URL}?kind=minimum_wage&status=superseded` });
    expect(superseded.json().total).toBe(70);
    const baishan = await as(t.app, province, { url: `${URL}?kind=minimum_wage&regionCode=220600` });
    expect(baishan.json().items.map((r: { regionCode: string; monthlyAmount: number }) => r.monthlyAmount)).toEqual([
      // 浑江区, 江源区 (市区) and 抚松县 were tier 3 of 4 in 2021; 靖宇县, 长白县, 临江市 tier 4.
      1920, 1920, 1780, 1780, 1780, 1780, 1640, 1640, 1640, 1540, 1540, 1540,
    ]);
    const bad = await as(t.app, province, { url: `${URL}?kind=wages&regionCode=999999` });
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad)).toEqual(['kind']);
    expect(fieldsOf(await as(t.app, province, { url: `${URL}?kind=average_wage&regionCode=999999` }))).toEqual([
      'regionCode',
    ]);
  });

  it('adds a city’s own average: it comes before the province’s for the regions under it; audited', async () => {
    expect((await lookup('220102', '2025-08-01')).localAverageMonthlyWage.regionCode).toBe('220000');
    const res = await as(t.app, province, {
      method: 'POST',
      url: URL,
      payload: {
        kind: 'average_wage',
        regionCodes: ['220100'],
        effectiveFrom: '2025-07-01',
        monthlyAmount: 8123.45,
        statYear: 2024,
        basis: '长春市统计局 2024 年城镇非私营单位就业人员平均工资',
      },
    });
    expect(res.statusCode).toBe(201);
    const row = res.json().items[0];
    expect(row).toMatchObject({
      regionName: '长春市',
      monthlyAmount: 8123.45,
      statYear: 2024,
      status: 'current',
      tier: null,
    });
    expect((await lookup('220102', '2025-08-01')).localAverageMonthlyWage).toMatchObject({
      value: 8123.45,
      regionName: '长春市',
      stale: false,
    });
    // Before its start, and outside 长春, the province's.
    expect((await lookup('220102', '2025-06-30')).localAverageMonthlyWage.value).toBe(7268.5);
    expect((await lookup('220202', '2025-08-01')).localAverageMonthlyWage.value).toBe(7268.5);
    const [event] = await auditOf('wage_parameter.create', row.id);
    expect(event).toMatchObject({ result: 'success', region_code: '220100' });
    expect(event?.details).toMatchObject({ kind: 'average_wage', monthlyAmount: 8123.45, effectiveFrom: '2025-07-01' });
    // The calculator says so too.
    const calc = await t.app.inject({
      method: 'POST',
      url: '/api/v1/calculators/severance',
      payload: { averageMonthlyWage: 30000, serviceMonths: 24, regionCode: '220104', terminationDate: '2025-09-30' },
    });
    expect(calc.json()).toMatchObject({ capped: true, base: 24370.35, severance: 48740.7 });
  });

  it('adds a new standard for several areas at once, all or none', async () => {
    const body = {
      kind: 'minimum_wage',
      regionCodes: ['220102', '220103'],
      effectiveFrom: '2027-01-01',
      monthlyAmount: 2300,
      hourlyAmount: 23,
      tier: 1,
      basis: '测试通知',
    };
    const res = await as(t.app, province, { method: 'POST', url: URL, payload: body });
    expect(res.statusCode).toBe(201);
    expect(res.json().items.map((r: { status: string }) => r.status)).toEqual(['future', 'future']);
    expect((await lookup('220102', '2026-12-31')).minimumWage.value).toBe(2120);
    expect((await lookup('220102', '2027-01-01')).minimumWage).toMatchObject({ value: 2300, hourly: 23 });
    // One region already has a row from that day: nothing is written, and the region is named.
    const before = await n('SELECT count(*)::int AS n FROM wage_parameters');
    const again = await as(t.app, province, {
      method: 'POST',
      url: URL,
      payload: { ...body, regionCodes: ['220104', '220103'] },
    });
    expect(again.statusCode).toBe(400);
    expect(fieldsOf(again)).toEqual(['regionCodes']);
    expect(messagesOf(again)).toContain('适用地区中的长春市宽城区已有自 2027-01-01 起生效的记录');
    expect(await n('SELECT count(*)::int AS n FROM wage_parameters')).toBe(before);
  });

  it('refuses bad rows, naming the field in Chinese', async () => {
    const noTier = await as(t.app, province, {
      method: 'POST',
      url: URL,
      payload: {
        kind: 'minimum_wage',
        regionCodes: ['220102', '999999'],
        effectiveFrom: '2027-06-01',
        monthlyAmount: 2400,
        basis: '测试',
      },
    });
    expect(noTier.statusCode).toBe(400);
    expect(fieldsOf(noTier).sort()).toEqual(['regionCodes', 'tier']);
    expect(messagesOf(noTier)).toContain('适用地区不是有效的行政区划');
    expect(messagesOf(noTier)).toContain('最低工资档次为必填项');
    const yearAfter = await as(t.app, province, {
      method: 'POST',
      url: URL,
      payload: {
        kind: 'average_wage',
        regionCodes: ['220000'],
        effectiveFrom: '2026-07-01',
        monthlyAmount: 8000,
        statYear: 2026,
        basis: '测试',
      },
    });
    expect(fieldsOf(yearAfter)).toEqual(['statYear']);
    const schema = await as(t.app, province, {
      method: 'POST',
      url: URL,
      payload: {
        kind: 'minimum_wage',
        regionCodes: [],
        effectiveFrom: '2027-02-30',
        monthlyAmount: 0,
        tier: 1,
        basis: '',
      },
    });
    expect(fieldsOf(schema).sort()).toEqual(['basis', 'effectiveFrom', 'monthlyAmount', 'regionCodes']);
    expect(messagesOf(schema)).toContain('文件依据或数据来源至少需要 2 个字符');
  });

  it('ends a row: the region falls back to its parent’s; ending twice is refused; audited with the reason', async () => {
    const list = await as(t.app, province, { url: `${URL}?kind=average_wage&regionCode=220100` });
    const row = list.json().items[0];
    const early = await as(t.app, province, {
      method: 'POST',
      url: `${URL}/${row.id}/end`,
      payload: { effectiveTo: '2025-06-29', reason: '录入有误' },
    });
    expect(early.statusCode).toBe(400);
    expect(messagesOf(early)).toContain('停止执行日期不能早于生效日期的前一日');
    const res = await as(t.app, province, {
      method: 'POST',
      url: `${URL}/${row.id}/end`,
      payload: { effectiveTo: '2025-12-31', reason: '并入全省口径' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ effectiveTo: '2025-12-31', endReason: '并入全省口径', status: 'ended' });
    expect((await lookup('220102', '2025-12-31')).localAverageMonthlyWage.value).toBe(8123.45);
    expect((await lookup('220102', '2026-01-01')).localAverageMonthlyWage.value).toBe(7268.5);
    const twice = await as(t.app, province, {
      method: 'POST',
      url: `${URL}/${row.id}/end`,
      payload: { effectiveTo: '2026-01-31', reason: '再次' },
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().detail).toContain('已于 2025-12-31 停止执行');
    const [event] = await auditOf('wage_parameter.end', row.id);
    expect(event?.details).toMatchObject({
      before: { effectiveTo: null },
      after: { effectiveTo: '2025-12-31' },
      reason: '并入全省口径',
    });
    expect(
      (
        await as(t.app, province, {
          method: 'POST',
          url: `${URL}/${NOBODY}/end`,
          payload: { effectiveTo: '2025-12-31', reason: '没有' },
        })
      ).statusCode,
    ).toBe(404);
  });

  it('withdraws a row entered in error (ended the day before it starts), making room for its correction', async () => {
    const wrong = await as(t.app, province, {
      method: 'POST',
      url: URL,
      payload: {
        kind: 'minimum_wage',
        regionCodes: ['222401'],
        effectiveFrom: '2026-03-01',
        monthlyAmount: 9920,
        tier: 2,
        basis: '录错',
      },
    });
    const id = wrong.json().items[0].id;
    expect((await lookup('222401', '2026-03-02')).minimumWage.value).toBe(9920);
    const withdraw = await as(t.app, province, {
      method: 'POST',
      url: `${URL}/${id}/end`,
      payload: { effectiveTo: '2026-02-28', reason: '金额录入错误' },
    });
    expect(withdraw.json().status).toBe('withdrawn');
    expect(await auditOf('wage_parameter.withdraw', id)).toHaveLength(1);
    // Withdrawn, it never applied: the 2024 standard stands.
    expect((await lookup('222401', '2026-03-02')).minimumWage.value).toBe(1920);
    const fixed = await as(t.app, province, {
      method: 'POST',
      url: URL,
      payload: {
        kind: 'minimum_wage',
        regionCodes: ['222401'],
        effectiveFrom: '2026-03-01',
        monthlyAmount: 1990,
        tier: 2,
        basis: '更正',
      },
    });
    expect(fixed.statusCode).toBe(201);
    expect((await lookup('222401', '2026-03-02')).minimumWage.value).toBe(1990);
  });
});
