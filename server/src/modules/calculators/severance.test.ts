import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, fieldsOf, type TestContext } from '../../../test/helpers.js';

let t: TestContext;

beforeAll(async () => {
  t = await createTestApp('calculators_severance');
});
afterAll(() => t.close());

const post = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: `/api/v1/calculators/${url}`, payload: payload as object, headers });
const severance = (payload: unknown, headers?: Record<string, string>) => post('severance', payload, headers);
const messagesOf = (res: { json(): unknown }) =>
  ((res.json() as { errors?: { field: string; message: string }[] }).errors ?? []).map((e) => e.message).join(' ');
const zh = (body: { explanation: { 'zh-CN': string }[] }) => body.explanation.map((l) => l['zh-CN']).join('\n');

describe('POST /api/v1/calculators/severance (public)', () => {
  it('answers without a session: the DOMAIN-RULES vectors with the figures given', async () => {
    const given = { localAverageMonthlyWage: 7268.5, minimumWage: 2120 };
    const a = await severance({ ...given, averageMonthlyWage: 6000, serviceMonths: 63 });
    expect(a.statusCode).toBe(200);
    expect(a.json()).toMatchObject({ years: 5.5, base: 6000, capped: false, severance: 33000, total: 33000 });
    expect(a.json().parameters.minimumWage).toMatchObject({ value: 2120, source: 'input', regionCode: null });
    expect((await severance({ ...given, averageMonthlyWage: 5000, serviceMonths: 4 })).json().severance).toBe(2500);
    const floored = (await severance({ ...given, averageMonthlyWage: 1500, serviceMonths: 42 })).json();
    expect(floored).toMatchObject({ floored: true, base: 2120, years: 4, severance: 8480 });
  });

  it('takes both figures from the tables for the region on the contract’s end, and says which', async () => {
    const res = await severance({
      averageMonthlyWage: 6000,
      serviceStart: '2020-01-15',
      serviceEnd: '2025-04-14',
      regionCode: '220102',
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ date: '2025-04-14', years: 5.5, severance: 33000, cap: 21805.5 });
    expect(body.parameters.minimumWage).toMatchObject({
      value: 2120,
      source: 'table',
      regionCode: '220102',
      regionName: '长春市南关区',
      tier: 1,
      basis: '吉政函〔2024〕66号',
      effectiveFrom: '2024-10-01',
    });
    expect(body.parameters.localAverageMonthlyWage).toMatchObject({
      value: 7268.5,
      source: 'table',
      regionCode: '220000',
      regionName: '吉林省',
      statYear: 2022,
      effectiveFrom: '2023-01-01',
      // 2022 is not "the previous year" of 2025: the newest on file, flagged.
      stale: true,
    });
    expect(zh(body)).toContain('取自参数表，长春市南关区，一类地区（吉政函〔2024〕66号）');
    expect(zh(body)).toContain('吉林省2022年度');
  });

  it('picks the row in effect on the date: the 2021 standard before 2024-10-01, each area’s tier', async () => {
    const min = async (regionCode: string, terminationDate: string) => {
      const res = await severance({ averageMonthlyWage: 100, serviceMonths: 12, regionCode, terminationDate });
      expect(res.statusCode).toBe(200);
      const p = res.json().parameters.minimumWage;
      return [p.value, p.tier];
    };
    expect(await min('220102', '2024-09-30')).toEqual([1880, 1]);
    expect(await min('220102', '2024-10-01')).toEqual([2120, 1]);
    expect(await min('220113', '2024-10-01')).toEqual([2120, 1]); // 九台区, named in 2024
    expect(await min('220602', '2024-09-30')).toEqual([1640, 3]); // 白山市浑江区: tier 3 of 4, then 2 of 3
    expect(await min('220602', '2024-10-01')).toEqual([1920, 2]);
    expect(await min('220721', '2024-09-30')).toEqual([1640, 3]); // 前郭县, named in 2021
    expect(await min('220721', '2024-10-01')).toEqual([1780, 3]);
    expect(await min('220581', '2024-09-30')).toEqual([1540, 4]); // 梅河口市
    expect(await min('220581', '2026-01-01')).toEqual([1780, 3]);
    expect(await min('222404', '2026-01-01')).toEqual([1920, 2]); // 珲春市
    expect(await min('229900', '2026-01-01')).toEqual([1780, 3]); // 长白山
    expect(await min('220184', '2026-01-01')).toEqual([1780, 3]); // 公主岭市
    // The 2021 average answers for 2022; the 2022 average for 2023 and is not stale then.
    const avg = await severance({
      averageMonthlyWage: 100,
      serviceMonths: 1,
      regionCode: '220102',
      terminationDate: '2023-06-30',
    });
    expect(avg.json().parameters.localAverageMonthlyWage).toMatchObject({
      value: 7268.5,
      statYear: 2022,
      stale: false,
    });
    const old = await severance({
      averageMonthlyWage: 100,
      serviceMonths: 1,
      regionCode: '220102',
      terminationDate: '2022-06-30',
    });
    expect(old.json().parameters.localAverageMonthlyWage).toMatchObject({ value: 6919, statYear: 2021 });
  });

  it('uses a figure the caller gives over the table’s, and the table for the other', async () => {
    const res = await severance({
      averageMonthlyWage: 30000,
      serviceMonths: 180,
      regionCode: '220102',
      localAverageMonthlyWage: 8000,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ capped: true, base: 24000, years: 12, severance: 288000 });
    expect(res.json().parameters.localAverageMonthlyWage.source).toBe('input');
    expect(res.json().parameters.minimumWage.source).toBe('table');
  });

  it('adds the month in lieu of notice (Art. 40)', async () => {
    const res = await severance({
      averageMonthlyWage: 6000,
      serviceMonths: 63,
      regionCode: '220102',
      withoutNotice: true,
      lastMonthWage: 6500,
    });
    expect(res.json()).toMatchObject({ severance: 33000, noticePay: 6500, total: 39500 });
  });

  it('a region without a row: 400 on the figure, in Chinese and English', async () => {
    // 长春市 itself has no minimum wage (its districts and counties do); the province's average still applies.
    const city = await severance({ averageMonthlyWage: 6000, serviceMonths: 12, regionCode: '220100' });
    expect(city.statusCode).toBe(400);
    expect(fieldsOf(city)).toEqual(['minimumWage']);
    expect(messagesOf(city)).toContain('参数表中没有该地区在该日期适用的当地最低工资标准');
    const en = await severance(
      { averageMonthlyWage: 6000, serviceMonths: 12, regionCode: '220100' },
      { 'accept-language': 'en-US' },
    );
    expect(messagesOf(en)).toContain('no Local minimum wage for this region');
    // Before any row took effect: neither figure.
    const early = await severance({
      averageMonthlyWage: 6000,
      serviceMonths: 12,
      regionCode: '220102',
      terminationDate: '2021-06-30',
    });
    expect(fieldsOf(early).sort()).toEqual(['localAverageMonthlyWage', 'minimumWage']);
    // Given, the figure needs no row.
    const ok = await severance({
      averageMonthlyWage: 6000,
      serviceMonths: 12,
      regionCode: '220100',
      minimumWage: 2120,
    });
    expect(ok.statusCode).toBe(200);
  });

  it('wants a region when a figure is left out, and a known one', async () => {
    const none = await severance({ averageMonthlyWage: 6000, serviceMonths: 12 });
    expect(none.statusCode).toBe(400);
    expect(fieldsOf(none)).toEqual(['regionCode']);
    expect(messagesOf(none)).toContain('工作所在地区为必填项');
    const unknown = await severance({ averageMonthlyWage: 6000, serviceMonths: 12, regionCode: '110101' });
    expect(fieldsOf(unknown)).toEqual(['regionCode']);
    expect(messagesOf(unknown)).toContain('不是有效的行政区划');
  });

  it('names each bad field in the caller’s language', async () => {
    const bad = await severance({ averageMonthlyWage: -5, serviceMonths: 1.5, regionCode: '2201', bonus: 1 });
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad).sort()).toEqual(['averageMonthlyWage', 'bonus', 'regionCode', 'serviceMonths']);
    const zhText = messagesOf(bad);
    expect(zhText).toContain('月平均工资不能小于 0');
    expect(zhText).toContain('工作年限（月数）');
    expect(zhText).toContain('不支持的字段 bonus');
    const en = await severance({ averageMonthlyWage: 'lots', serviceMonths: 3 }, { 'accept-language': 'en-US' });
    expect(messagesOf(en)).toContain('Average monthly wage');
  });

  it('checks the fields together: service one way, end after start, last month’s wage for notice pay', async () => {
    const neither = await severance({ averageMonthlyWage: 6000, minimumWage: 2120, localAverageMonthlyWage: 7000 });
    expect(fieldsOf(neither)).toEqual(['serviceMonths']);
    expect(messagesOf(neither)).toContain('请填写工作年限（月数），或者填写入职日期和离职日期（二者选一）');
    const half = await severance({ averageMonthlyWage: 6000, serviceStart: '2024-01-01', regionCode: '220102' });
    expect(fieldsOf(half)).toEqual(['serviceEnd']);
    expect(messagesOf(half)).toContain('离职日期为必填项');
    const backwards = await severance({
      averageMonthlyWage: 6000,
      serviceStart: '2024-05-01',
      serviceEnd: '2024-04-30',
      regionCode: '220102',
    });
    expect(messagesOf(backwards)).toContain('离职日期不能早于入职日期');
    // Every problem at once: the notice pay's wage and the missing region.
    const both = await severance({ averageMonthlyWage: 6000, serviceMonths: 12, withoutNotice: true });
    expect(fieldsOf(both).sort()).toEqual(['lastMonthWage', 'regionCode']);
    expect(messagesOf(both)).toContain('上一个月工资为必填项');
  });

  it('is rate-limited per address', async () => {
    let last = 0;
    for (let i = 0; i < 62; i++) {
      last = (
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/calculators/severance',
          payload: { averageMonthlyWage: 6000, serviceMonths: 12, minimumWage: 2120, localAverageMonthlyWage: 7000 },
          remoteAddress: '10.9.8.7',
        })
      ).statusCode;
    }
    expect(last).toBe(429);
  });
});

describe('POST /api/v1/calculators/layoff-check (public)', () => {
  const check = (payload: unknown, headers?: Record<string, string>) => post('layoff-check', payload, headers);
  it('19 or 20 people; 9.9% or 10%', async () => {
    expect((await check({ employees: 1000, layoffs: 19 })).json()).toMatchObject({
      art41Applies: false,
      requirements: [],
    });
    const twenty = (await check({ employees: 1000, layoffs: 20 })).json();
    expect(twenty).toMatchObject({ art41Applies: true, byCount: true, byShare: false });
    expect(twenty.requirements.map((r: { step: string }) => r.step)).toEqual(['explain', 'report']);
    expect((await check({ employees: 101, layoffs: 10 })).json()).toMatchObject({ art41Applies: false, share: 0.099 });
    expect((await check({ employees: 100, layoffs: 10 })).json()).toMatchObject({ art41Applies: true, byShare: true });
  });
  it('gives the last day to tell the union for a planned date', async () => {
    const res = await check({ employees: 300, layoffs: 45, plannedOn: '2026-06-30' });
    expect(res.statusCode).toBe(200);
    expect(res.json().requirements[0]).toMatchObject({ step: 'explain', latestOn: '2026-05-31' });
    expect(res.json().protectedGroups).toHaveLength(6);
  });
  it('names bad fields in Chinese', async () => {
    const more = await check({ employees: 100, layoffs: 101 });
    expect(more.statusCode).toBe(400);
    expect(fieldsOf(more)).toEqual(['layoffs']);
    expect(messagesOf(more)).toContain('裁减人数不能大于 100');
    const missing = await check({ layoffs: 3 });
    expect(fieldsOf(missing)).toEqual(['employees']);
    expect(messagesOf(missing)).toContain('企业职工总数为必填项');
    expect(fieldsOf(await check({ employees: 10, layoffs: 0 }))).toEqual(['layoffs']);
  });
});

describe('POST /api/v1/calculators/ability-to-pay (public)', () => {
  const ability = (payload: unknown) => post('ability-to-pay', payload);
  it('person by person, with the region’s figures', async () => {
    const res = await ability({
      regionCode: '220102',
      date: '2026-03-01',
      staff: [
        { averageMonthlyWage: 6000, serviceMonths: 63 },
        { averageMonthlyWage: 1500, serviceStart: '2022-09-01', serviceEnd: '2026-02-28' },
      ],
      wagesOwed: 10000,
      fundsAvailable: 60000,
    });
    expect(res.statusCode).toBe(200);
    // 33,000 + 2,120 x 4 (3 years 6 months, floored) = 41,480; + 10,000 owed = 51,480; 60,000 / 51,480 = 1.1655
    expect(res.json()).toMatchObject({
      people: 2,
      estimated: false,
      severanceTotal: 41480,
      need: 51480,
      ratio: 1.1655,
      rating: 'tight',
      date: '2026-03-01',
    });
    expect(res.json().parameters.minimumWage).toMatchObject({ value: 2120, source: 'table' });
  });
  it('count x average, and every problem named', async () => {
    const est = await ability({
      count: 50,
      averageMonthlyWage: 6000,
      averageServiceMonths: 63,
      fundsAvailable: 500000,
      minimumWage: 2120,
      localAverageMonthlyWage: 7268.5,
    });
    expect(est.json()).toMatchObject({ estimated: true, severanceTotal: 1650000, rating: 'severe' });
    const bad = await ability({ fundsAvailable: 1, staff: [{ averageMonthlyWage: 1 }], regionCode: '220102' });
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad)).toEqual(['staff.0.serviceMonths']);
    const none = await ability({ fundsAvailable: 1, regionCode: '220102' });
    expect(fieldsOf(none)).toEqual(['count', 'averageMonthlyWage', 'averageServiceMonths']);
    expect(messagesOf(none)).toContain('裁减人数为必填项');
  });
});

describe('GET /api/v1/calculators/wage-parameters (public)', () => {
  it('the figures in effect for a region on a day; none where the region has no row', async () => {
    const res = await t.app.inject({ url: '/api/v1/calculators/wage-parameters?regionCode=220602&date=2025-01-01' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      regionName: '白山市浑江区',
      minimumWage: { value: 1920, hourly: 19.5, tier: 2 },
      localAverageMonthlyWage: { value: 7268.5, regionCode: '220000' },
    });
    const city = await t.app.inject({ url: '/api/v1/calculators/wage-parameters?regionCode=220100' });
    expect(city.json()).toMatchObject({ minimumWage: null, localAverageMonthlyWage: { value: 7268.5 } });
    const bad = await t.app.inject({ url: '/api/v1/calculators/wage-parameters?regionCode=999999' });
    expect(bad.statusCode).toBe(400);
    expect(messagesOf(bad)).toContain('地区不是有效的行政区划');
  });
});
