import { describe, expect, it } from 'vitest';
import {
  computeSeverance,
  formatYuan,
  monthAnniversary,
  type SeveranceInput,
  serviceLength,
  serviceProblems,
  severanceBody,
  severanceProblems,
  severanceYears,
  toFen,
} from './severance.js';

/** DOMAIN-RULES §3's vectors: local average monthly 7,268.50 (cap 21,805.50), minimum wage 2,120. */
const LOCAL = 7268.5;
const MIN = 2120;
const calc = (o: Partial<SeveranceInput> & { averageMonthlyWage: number }) =>
  computeSeverance({ localAverageMonthlyWage: LOCAL, minimumWage: MIN, ...o });
const zh = (r: { explanation: { 'zh-CN': string }[] }) => r.explanation.map((l) => l['zh-CN']).join('\n');
const en = (r: { explanation: { 'en-US': string }[] }) => r.explanation.map((l) => l['en-US']).join('\n');

describe('DOMAIN-RULES §3 vectors', () => {
  it('5 years 3 months at 6,000 -> n = 5.5 -> 33,000.00', () => {
    const r = calc({ averageMonthlyWage: 6000, serviceMonths: 63 });
    expect(r).toMatchObject({ years: 5.5, base: 6000, capped: false, floored: false, severance: 33000, total: 33000 });
    expect(r.noticePay).toBe(0);
  });
  it('4 months at 5,000 -> n = 0.5 -> 2,500.00', () => {
    const r = calc({ averageMonthlyWage: 5000, serviceMonths: 4 });
    expect(r).toMatchObject({ years: 0.5, base: 5000, severance: 2500 });
  });
  it('3 years 6 months at 1,500 -> base floored to 2,120, n = 4 -> 8,480.00', () => {
    const r = calc({ averageMonthlyWage: 1500, serviceMonths: 42 });
    expect(r).toMatchObject({ years: 4, monthlyWage: 1500, floored: true, base: 2120, severance: 8480 });
  });
});

describe('n (第四十七条第一款)', () => {
  it.each([
    [0, 0, 0],
    [0, 1, 0.5],
    [1, 0, 0.5],
    [5, 0, 0.5],
    [5, 29, 0.5], // five months and 29 days are still under six months
    [6, 0, 1], // exactly six months
    [11, 30, 1],
    [12, 0, 1],
    [12, 1, 1.5],
    [17, 0, 1.5],
    [18, 0, 2],
    [63, 0, 5.5],
  ])('%i months %i days -> %d', (months, days, n) => expect(severanceYears({ months, days })).toBe(n));

  it('exactly six months is a whole year; five is half a month', () => {
    expect(calc({ averageMonthlyWage: 6000, serviceMonths: 6 }).severance).toBe(6000);
    expect(calc({ averageMonthlyWage: 6000, serviceMonths: 5 }).severance).toBe(3000);
    expect(calc({ averageMonthlyWage: 6000, serviceMonths: 0 }).severance).toBe(0);
  });
});

describe('the cap (第四十七条第二款): strictly more than 3x, then 3x for at most 12 years', () => {
  it('exactly 3x the local average is not capped', () => {
    const r = calc({ averageMonthlyWage: 21805.5, serviceMonths: 24 });
    expect(r).toMatchObject({ cap: 21805.5, capped: false, base: 21805.5, years: 2, severance: 43611 });
  });
  it('one fen above 3x is capped at 3x', () => {
    const r = calc({ averageMonthlyWage: 21805.51, serviceMonths: 24 });
    expect(r).toMatchObject({ capped: true, base: 21805.5, years: 2, severance: 43611 });
  });
  it('capped: n stops at 12 (15 years -> 12), and says so', () => {
    const r = calc({ averageMonthlyWage: 30000, serviceMonths: 180 });
    expect(r).toMatchObject({ capped: true, serviceYears: 15, years: 12, base: 21805.5, severance: 261666 });
    expect(zh(r)).toContain('n 由 15 调整为 12');
    expect(en(r)).toContain('n goes from 15 to 12');
  });
  it('capped at 12.5 years -> 12; at 11.5 -> 11.5', () => {
    expect(calc({ averageMonthlyWage: 30000, serviceMonths: 146 }).years).toBe(12);
    expect(calc({ averageMonthlyWage: 30000, serviceMonths: 133 }).years).toBe(11.5);
  });
  it('not capped: n is not limited to 12', () => {
    const r = calc({ averageMonthlyWage: 6000, serviceMonths: 180 });
    expect(r).toMatchObject({ capped: false, years: 15, severance: 90000 });
  });
});

describe('the minimum-wage floor (实施条例第二十七条)', () => {
  it('one fen below the minimum wage is raised to it; the minimum itself is kept', () => {
    expect(calc({ averageMonthlyWage: 2119.99, serviceMonths: 12 })).toMatchObject({ floored: true, base: 2120 });
    expect(calc({ averageMonthlyWage: 2120, serviceMonths: 12 })).toMatchObject({ floored: false, base: 2120 });
    expect(calc({ averageMonthlyWage: 0, serviceMonths: 12 })).toMatchObject({ floored: true, severance: 2120 });
  });
  it('the explanation cites the floor', () => {
    const r = calc({ averageMonthlyWage: 1500, serviceMonths: 42 });
    expect(zh(r)).toContain('按最低工资标准 2,120.00 元计算');
    expect(en(r)).toContain('the minimum wage of 2,120.00 yuan is used');
  });
});

describe('money to the fen', () => {
  it('rounds wages half up to the fen as written', () => {
    expect(toFen(1.005)).toBe(101);
    expect(toFen(0.1 + 0.2)).toBe(30);
    expect(toFen(6083.333333)).toBe(608333);
    expect(toFen(6083.335)).toBe(608334);
    expect(() => toFen(-1)).toThrow();
  });
  it('half a month of an odd number of fen rounds half up', () => {
    expect(calc({ averageMonthlyWage: 5000.01, serviceMonths: 3 }).severance).toBe(2500.01);
    expect(calc({ averageMonthlyWage: 5000.03, serviceMonths: 18 }).severance).toBe(10000.06);
    expect(calc({ averageMonthlyWage: 5000.03, serviceMonths: 27 }).severance).toBe(12500.08);
  });
  it('an average with more decimals is rounded before it is used', () => {
    const r = calc({ averageMonthlyWage: 73000 / 12, serviceMonths: 12 });
    expect(r).toMatchObject({ monthlyWage: 6083.33, severance: 6083.33 });
  });
  it('formats yuan with thousands separators', () => {
    expect(formatYuan(33000)).toBe('33,000.00');
    expect(formatYuan(261666)).toBe('261,666.00');
    expect(formatYuan(0.5)).toBe('0.50');
    expect(formatYuan(1234567.891)).toBe('1,234,567.89');
  });
});

describe('第四十条: a month in lieu of notice', () => {
  it('adds the previous month’s wage, not the average', () => {
    const r = calc({ averageMonthlyWage: 6000, serviceMonths: 63, withoutNotice: true, lastMonthWage: 6500 });
    expect(r).toMatchObject({ severance: 33000, noticePay: 6500, total: 39500 });
    expect(zh(r)).toContain('实施条例》第二十条');
    expect(en(r)).toContain('Implementing Regulations Art. 20');
  });
  it('adds nothing when notice was given', () => {
    const r = calc({ averageMonthlyWage: 6000, serviceMonths: 63, withoutNotice: false, lastMonthWage: 6500 });
    expect(r).toMatchObject({ noticePay: 0, total: 33000 });
  });
  it('is not capped or floored (the previous month’s wage as paid)', () => {
    const r = calc({ averageMonthlyWage: 30000, serviceMonths: 12, withoutNotice: true, lastMonthWage: 31000.015 });
    expect(r).toMatchObject({ base: 21805.5, severance: 21805.5, noticePay: 31000.02, total: 52805.52 });
  });
});

describe('service from dates', () => {
  it('a whole month ends the day before the same date of the next month', () => {
    expect(serviceLength('2020-01-15', '2025-04-14')).toEqual({ months: 63, days: 0 });
    expect(serviceLength('2020-01-15', '2025-04-15')).toEqual({ months: 63, days: 1 });
    expect(serviceLength('2020-01-15', '2025-04-13')).toEqual({ months: 62, days: 30 });
    expect(serviceLength('2024-02-01', '2024-02-29')).toEqual({ months: 1, days: 0 });
    expect(serviceLength('2024-03-01', '2024-03-01')).toEqual({ months: 0, days: 1 });
  });
  it('across month ends: a month without the start date ends on its last day', () => {
    expect(monthAnniversary('2024-01-31', 1)).toBe('2024-03-01');
    expect(monthAnniversary('2024-01-31', 2)).toBe('2024-03-31');
    expect(monthAnniversary('2024-01-30', 1)).toBe('2024-03-01');
    expect(monthAnniversary('2024-01-29', 1)).toBe('2024-02-29');
    expect(monthAnniversary('2023-12-31', 2)).toBe('2024-03-01');
    expect(monthAnniversary('2024-05-31', 1)).toBe('2024-07-01');
    expect(serviceLength('2024-01-31', '2024-02-29')).toEqual({ months: 1, days: 0 });
    expect(serviceLength('2024-01-31', '2024-02-28')).toEqual({ months: 0, days: 29 });
    expect(serviceLength('2024-05-31', '2024-06-30')).toEqual({ months: 1, days: 0 });
    expect(serviceLength('2024-01-31', '2024-01-31')).toEqual({ months: 0, days: 1 });
  });
  it('six months across a month end: the last day of February completes them; the day before does not', () => {
    const six = calc({ averageMonthlyWage: 6000, serviceStart: '2024-08-31', serviceEnd: '2025-02-28' });
    expect(six).toMatchObject({ service: { months: 6, days: 0 }, years: 1, severance: 6000 });
    const short = calc({ averageMonthlyWage: 6000, serviceStart: '2024-08-31', serviceEnd: '2025-02-27' });
    expect(short).toMatchObject({ service: { months: 5, days: 28 }, years: 0.5, severance: 3000 });
  });
  it('leap days: 29 February starts and ends', () => {
    // A start on the 29th: February has the date in a leap year and not in another.
    expect(serviceLength('2023-08-29', '2024-02-28')).toEqual({ months: 6, days: 0 });
    expect(serviceLength('2022-08-29', '2023-02-28')).toEqual({ months: 6, days: 0 });
    expect(serviceLength('2022-08-29', '2023-02-27')).toEqual({ months: 5, days: 30 });
    expect(serviceLength('2023-08-30', '2024-02-28')).toEqual({ months: 5, days: 30 });
    expect(serviceLength('2023-08-30', '2024-02-29')).toEqual({ months: 6, days: 0 });
    // Starting on 29 February: a year is complete on 28 February, and four years on the 28th before the next 29th.
    expect(serviceLength('2020-02-29', '2021-02-28')).toEqual({ months: 12, days: 0 });
    expect(serviceLength('2020-02-29', '2021-02-27')).toEqual({ months: 11, days: 30 });
    expect(serviceLength('2020-02-29', '2024-02-28')).toEqual({ months: 48, days: 0 });
    expect(serviceLength('2020-02-29', '2024-02-29')).toEqual({ months: 48, days: 1 });
    // Ending on 29 February.
    expect(serviceLength('2019-03-01', '2024-02-29')).toEqual({ months: 60, days: 0 });
    expect(calc({ averageMonthlyWage: 6000, serviceStart: '2019-03-01', serviceEnd: '2024-02-29' }).years).toBe(5);
    expect(calc({ averageMonthlyWage: 6000, serviceStart: '2019-03-01', serviceEnd: '2024-03-01' }).years).toBe(5.5);
  });
  it('the DOMAIN-RULES vector by dates: 5 years 3 months -> 33,000.00', () => {
    const r = calc({ averageMonthlyWage: 6000, serviceStart: '2020-01-15', serviceEnd: '2025-04-14' });
    expect(r).toMatchObject({ years: 5.5, severance: 33000 });
    expect(zh(r)).toContain('2020-01-15 至 2025-04-14，共 5 年 3 个月');
    expect(en(r)).toContain('2020-01-15 to 2025-04-14, 5 years 3 months');
  });
  it('leftover days make the remainder count but never a month', () => {
    const r = calc({ averageMonthlyWage: 6000, serviceStart: '2025-01-01', serviceEnd: '2025-06-29' });
    expect(r).toMatchObject({ service: { months: 5, days: 29 }, years: 0.5 });
    expect(zh(r)).toContain('又 29 天');
  });
  it('service before 2008 is flagged (第九十七条)', () => {
    const r = calc({ averageMonthlyWage: 6000, serviceStart: '2005-03-01', serviceEnd: '2025-02-28' });
    expect(r.years).toBe(20);
    expect(zh(r)).toContain('第九十七条第三款');
    expect(zh(calc({ averageMonthlyWage: 6000, serviceStart: '2008-01-01', serviceEnd: '2025-02-28' }))).not.toContain(
      '第九十七条',
    );
  });
});

describe('the explanation', () => {
  it('cites the articles in both languages, step by step', () => {
    const r = calc({ averageMonthlyWage: 6000, serviceMonths: 63 });
    const z = zh(r);
    expect(z).toContain('《劳动合同法》第四十七条第一款');
    expect(z).toContain('计 n = 5.5');
    expect(z).toContain('实施条例》第二十七条');
    expect(z).toContain('不封顶（第四十七条第二款）');
    expect(z).toContain('经济补偿 = 6,000.00 元 × 5.5 = 33,000.00 元');
    expect(z).toContain('第八十七条');
    const e = en(r);
    expect(e).toContain('Art. 47(1)');
    expect(e).toContain('Severance = 6,000.00 yuan × 5.5 = 33,000.00 yuan');
    for (const l of r.explanation) {
      expect(l['zh-CN']).toBeTruthy();
      expect(l['en-US']).toBeTruthy();
    }
  });
  it('names where the parameters came from', () => {
    const r = computeSeverance(
      { averageMonthlyWage: 6000, serviceMonths: 63, localAverageMonthlyWage: LOCAL, minimumWage: MIN },
      {
        localAverage: { regionName: '吉林省', effectiveFrom: '2023-01-01', basis: '吉林省统计局', statYear: 2022 },
        minimumWage: { regionName: '长春市南关区', effectiveFrom: '2024-10-01', basis: '吉政函〔2024〕66号', tier: 1 },
      },
    );
    expect(zh(r)).toContain('长春市南关区，一类地区（吉政函〔2024〕66号），自 2024-10-01 起执行');
    expect(zh(r)).toContain('吉林省2022年度');
    expect(en(r)).toContain('长春市南关区, tier 1 (吉政函〔2024〕66号)');
    expect(en(r)).toContain('吉林省 for 2022');
    expect(zh(calc({ averageMonthlyWage: 6000, serviceMonths: 1 }))).toContain('按您填写的 7,268.50 元');
  });
});

describe('the body’s rules', () => {
  it('takes months or both dates, one or the other', () => {
    expect(serviceProblems({})).toEqual([{ field: 'serviceMonths', code: 'service_either' }]);
    expect(serviceProblems({ serviceMonths: 3, serviceStart: '2024-01-01' })).toEqual([
      { field: 'serviceMonths', code: 'service_either' },
    ]);
    expect(serviceProblems({ serviceStart: '2024-01-01' })).toEqual([{ field: 'serviceEnd', code: 'required' }]);
    expect(serviceProblems({ serviceEnd: '2024-01-01' })).toEqual([{ field: 'serviceStart', code: 'required' }]);
    expect(serviceProblems({ serviceStart: '2024-01-02', serviceEnd: '2024-01-01' })).toEqual([
      { field: 'serviceEnd', code: 'before_hire' },
    ]);
    expect(serviceProblems({ serviceStart: '1950-01-01', serviceEnd: '2024-01-01' })).toEqual([
      { field: 'serviceEnd', code: 'service_too_long' },
    ]);
    expect(serviceProblems({ serviceStart: '2024-01-01', serviceEnd: '2024-01-01' })).toEqual([]);
    expect(serviceProblems({ serviceMonths: 0 })).toEqual([]);
    expect(serviceProblems({ serviceMonths: 3 }, 'staff.2.')).toEqual([]);
    expect(serviceProblems({}, 'staff.2.')).toEqual([{ field: 'staff.2.serviceMonths', code: 'service_either' }]);
  });
  it('needs the last month’s wage for notice pay', () => {
    expect(severanceProblems({ averageMonthlyWage: 1, serviceMonths: 1, withoutNotice: true })).toEqual([
      { field: 'lastMonthWage', code: 'required' },
    ]);
    expect(severanceProblems({ averageMonthlyWage: 1, serviceMonths: 1, withoutNotice: false })).toEqual([]);
  });
  it('the schema refuses what it does not know, negative money and fractional months', () => {
    expect(severanceBody.safeParse({ averageMonthlyWage: 6000, serviceMonths: 63 }).success).toBe(true);
    expect(severanceBody.safeParse({ averageMonthlyWage: -1, serviceMonths: 63 }).success).toBe(false);
    expect(severanceBody.safeParse({ averageMonthlyWage: 6000, serviceMonths: 6.5 }).success).toBe(false);
    expect(severanceBody.safeParse({ averageMonthlyWage: 6000, serviceMonths: 6, bonus: 1 }).success).toBe(false);
    expect(severanceBody.safeParse({ averageMonthlyWage: 6000, serviceStart: '2024-02-30' }).success).toBe(false);
    expect(severanceBody.safeParse({ averageMonthlyWage: 6000, serviceMonths: 6, minimumWage: 0 }).success).toBe(false);
  });
});
