import { describe, expect, it } from 'vitest';
import {
  ABILITY_BANDS,
  abilityRating,
  abilityToPay,
  abilityToPayProblems,
  art41StepStates,
  checkLayoff,
  layoffCheckBody,
  layoffProblems,
} from './layoffs.js';

describe('第四十一条: 20 people or 10% of the employees, both inclusive', () => {
  it('19 people of a large enterprise do not trigger it; 20 do', () => {
    expect(checkLayoff({ employees: 1000, layoffs: 19 })).toMatchObject({
      art41Applies: false,
      byCount: false,
      byShare: false,
      requirements: [],
    });
    expect(checkLayoff({ employees: 1000, layoffs: 20 })).toMatchObject({
      art41Applies: true,
      byCount: true,
      byShare: false,
    });
  });
  it('9.9% does not trigger it; 10% does', () => {
    expect(checkLayoff({ employees: 1000, layoffs: 99 })).toMatchObject({ share: 0.099, byShare: false });
    // 99 people are over 20 anyway; take a small enterprise for the share alone.
    expect(checkLayoff({ employees: 191, layoffs: 19 })).toMatchObject({ art41Applies: false, byShare: false });
    expect(checkLayoff({ employees: 190, layoffs: 19 })).toMatchObject({
      art41Applies: true,
      byCount: false,
      byShare: true,
      share: 0.1,
    });
    expect(checkLayoff({ employees: 101, layoffs: 10 })).toMatchObject({ art41Applies: false, share: 0.099 });
    expect(checkLayoff({ employees: 100, layoffs: 10 })).toMatchObject({ art41Applies: true, byShare: true });
    // 3 of 30 is exactly 10%, counted without a float ratio.
    expect(checkLayoff({ employees: 30, layoffs: 3 }).art41Applies).toBe(true);
    expect(checkLayoff({ employees: 30, layoffs: 2 }).art41Applies).toBe(false);
  });
  it('both at once, and everyone', () => {
    expect(checkLayoff({ employees: 150, layoffs: 30 })).toMatchObject({ byCount: true, byShare: true });
    expect(checkLayoff({ employees: 20, layoffs: 20 })).toMatchObject({ art41Applies: true, share: 1 });
  });
  it('then requires the 30-day explanation and the report, with the latest day when the date is known', () => {
    const r = checkLayoff({ employees: 300, layoffs: 45, plannedOn: '2026-06-30' });
    expect(r.requirements.map((q) => q.step)).toEqual(['explain', 'report']);
    expect(r.requirements[0]).toMatchObject({ latestOn: '2026-05-31', basis: '《劳动合同法》第四十一条第一款' });
    expect(r.requirements[0]?.label['zh-CN']).toContain('提前三十日向工会或者全体职工说明情况');
    expect(r.requirements[1]?.label['zh-CN']).toContain('向劳动行政部门报告');
    const zh = r.explanation.map((l) => l['zh-CN']).join('\n');
    expect(zh).toContain('最迟应于 2026-05-31');
    expect(zh).toContain('第四十一条第二款');
    expect(r.explanation.map((l) => l['en-US']).join('\n')).toContain('Art. 41');
    expect(checkLayoff({ employees: 300, layoffs: 45 }).requirements[0]?.latestOn).toBeNull();
  });
  it('lists the protected groups of 第四十二条 either way', () => {
    expect(checkLayoff({ employees: 300, layoffs: 2 }).protectedGroups).toHaveLength(6);
    expect(checkLayoff({ employees: 300, layoffs: 2 }).explanation[1]?.['zh-CN']).toContain('不属于第四十一条');
  });
  it('refuses more laid off than employed', () => {
    expect(layoffProblems({ employees: 10, layoffs: 11 })).toEqual([
      { field: 'layoffs', code: 'too_big', params: { max: 10 } },
    ]);
    expect(layoffProblems({ employees: 10, layoffs: 10 })).toEqual([]);
    expect(() => checkLayoff({ employees: 10, layoffs: 11 })).toThrow();
    expect(layoffCheckBody.safeParse({ employees: 10, layoffs: 0 }).success).toBe(false);
    expect(layoffCheckBody.safeParse({ employees: 10.5, layoffs: 1 }).success).toBe(false);
  });
});

describe('the steps of a plan that meets 第四十一条', () => {
  it('explained 30 days before is on time, 29 days is late; no report is missing', () => {
    expect(art41StepStates({ plannedOn: '2026-06-30', explainedOn: '2026-05-31', reportedOn: '2026-06-10' })).toEqual({
      explain: 'done',
      report: 'done',
    });
    expect(art41StepStates({ plannedOn: '2026-06-30', explainedOn: '2026-06-01' })).toEqual({
      explain: 'late',
      report: 'missing',
    });
    expect(art41StepStates({ plannedOn: '2026-06-30', reportedOn: '2026-07-01' })).toEqual({
      explain: 'missing',
      report: 'late',
    });
  });
});

describe('ability to pay', () => {
  const params = { localAverageMonthlyWage: 7268.5, minimumWage: 2120 };
  it('bands (ours): >= 1.2 sufficient, >= 1.0 tight, >= 0.5 insufficient, below severe — exact at the edges', () => {
    expect(ABILITY_BANDS.map((b) => b.rating)).toEqual(['sufficient', 'tight', 'insufficient', 'severe']);
    expect(abilityRating(120_00, 100_00)).toBe('sufficient');
    expect(abilityRating(119_99, 100_00)).toBe('tight');
    expect(abilityRating(100_00, 100_00)).toBe('tight');
    expect(abilityRating(99_99, 100_00)).toBe('insufficient');
    expect(abilityRating(50_00, 100_00)).toBe('insufficient');
    expect(abilityRating(49_99, 100_00)).toBe('severe');
    expect(abilityRating(0, 100_00)).toBe('severe');
    expect(abilityRating(0, 0)).toBe('sufficient');
  });
  it('person by person: the DOMAIN-RULES vectors add up', () => {
    const r = abilityToPay({
      ...params,
      staff: [
        { averageMonthlyWage: 6000, serviceMonths: 63 },
        { averageMonthlyWage: 5000, serviceMonths: 4 },
        { averageMonthlyWage: 1500, serviceMonths: 42 },
        { averageMonthlyWage: 30000, serviceStart: '2010-03-01', serviceEnd: '2026-02-28' },
      ],
      wagesOwed: 20000,
      fundsAvailable: 400000,
    });
    // 33,000 + 2,500 + 8,480 + 21,805.50 x 12 (16 years, capped) = 305,646
    expect(r).toMatchObject({
      people: 4,
      estimated: false,
      severanceTotal: 305646,
      cappedPeople: 1,
      need: 325646,
      ratio: 1.2283,
      rating: 'sufficient',
      shortfall: 0,
    });
    expect(r.explanation[1]?.['zh-CN']).toContain('不支付代通知金');
  });
  it('count x average: an estimate, said to be one', () => {
    const r = abilityToPay({
      ...params,
      count: 50,
      averageMonthlyWage: 6000,
      averageServiceMonths: 63,
      wagesOwed: 150000,
      fundsAvailable: 1_000_000,
    });
    expect(r).toMatchObject({ people: 50, estimated: true, severanceTotal: 1_650_000, need: 1_800_000 });
    expect(r).toMatchObject({ ratio: 0.5556, rating: 'insufficient', shortfall: 800_000 });
    expect(r.explanation[0]?.['zh-CN']).toContain('估算');
    expect(r.explanation[3]?.['zh-CN']).toContain('资金缺口 800,000.00 元');
  });
  it('nothing owed: no ratio, sufficient', () => {
    const r = abilityToPay({
      ...params,
      count: 3,
      averageMonthlyWage: 5000,
      averageServiceMonths: 0,
      wagesOwed: 0,
      fundsAvailable: 0,
    });
    expect(r).toMatchObject({ need: 0, ratio: null, rating: 'sufficient' });
  });
  it('takes a list, or a count with the averages', () => {
    expect(abilityToPayProblems({ fundsAvailable: 1 })).toEqual([
      { field: 'count', code: 'required' },
      { field: 'averageMonthlyWage', code: 'required' },
      { field: 'averageServiceMonths', code: 'required' },
    ]);
    expect(
      abilityToPayProblems({
        fundsAvailable: 1,
        count: 2,
        staff: [{ averageMonthlyWage: 1, serviceMonths: 2 }, { averageMonthlyWage: 1 }],
      }),
    ).toEqual([
      { field: 'count', code: 'invalid_value' },
      { field: 'staff.1.serviceMonths', code: 'service_either' },
    ]);
  });
});
