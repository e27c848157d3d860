import { describe, expect, it } from 'vitest';
import { wageTierLabel } from './severance.js';
import {
  averageWageStale,
  createWageParametersBody,
  dayBefore,
  rowInEffect,
  wageParameterProblems,
} from './wage-parameters.js';

describe('wage parameter rows', () => {
  const base = {
    regionCodes: ['220102'],
    effectiveFrom: '2024-10-01',
    monthlyAmount: 2120,
    basis: '吉政函〔2024〕66号',
  };
  it('a minimum wage has its tier and no year', () => {
    expect(wageParameterProblems({ ...base, kind: 'minimum_wage', tier: 1, hourlyAmount: 21 })).toEqual([]);
    expect(wageParameterProblems({ ...base, kind: 'minimum_wage' })).toEqual([{ field: 'tier', code: 'required' }]);
    expect(wageParameterProblems({ ...base, kind: 'minimum_wage', tier: 1, statYear: 2023 })).toEqual([
      { field: 'statYear', code: 'invalid_value' },
    ]);
  });
  it('an average wage has a year that ended before it takes effect, and no tier or hourly rate', () => {
    const avg = { ...base, kind: 'average_wage' as const, effectiveFrom: '2023-01-01', monthlyAmount: 7268.5 };
    expect(wageParameterProblems({ ...avg, statYear: 2022 })).toEqual([]);
    expect(wageParameterProblems(avg)).toEqual([{ field: 'statYear', code: 'required' }]);
    expect(wageParameterProblems({ ...avg, statYear: 2023 })).toEqual([{ field: 'statYear', code: 'invalid_value' }]);
    expect(wageParameterProblems({ ...avg, statYear: 2022, tier: 1, hourlyAmount: 20 })).toEqual([
      { field: 'tier', code: 'invalid_value' },
      { field: 'hourlyAmount', code: 'invalid_value' },
    ]);
  });
  it('the schema wants one region at least and a source', () => {
    expect(createWageParametersBody.safeParse({ ...base, kind: 'minimum_wage', tier: 1 }).success).toBe(true);
    expect(createWageParametersBody.safeParse({ ...base, regionCodes: [], kind: 'minimum_wage' }).success).toBe(false);
    expect(createWageParametersBody.safeParse({ ...base, basis: '', kind: 'minimum_wage' }).success).toBe(false);
  });
  it('an average figure older than the previous year is stale', () => {
    expect(averageWageStale(2022, '2023-06-30')).toBe(false);
    expect(averageWageStale(2022, '2024-01-01')).toBe(true);
    expect(averageWageStale(null, '2024-01-01')).toBe(false);
  });
  it('helpers', () => {
    expect(dayBefore('2024-03-01')).toBe('2024-02-29');
    expect(wageTierLabel(3)['zh-CN']).toBe('三类地区');
  });
  it('the row in effect: the nearest region with a row not ended before the day', () => {
    const county = { regionCode: '220102', effectiveTo: null, v: 'county' };
    const ended = { regionCode: '220102', effectiveTo: '2025-12-31', v: 'ended' };
    const province = { regionCode: '220000', effectiveTo: null, v: 'province' };
    const lineage = ['220102', '220100', '220000'];
    expect(rowInEffect(lineage, [county, province], '2026-01-01')?.v).toBe('county');
    expect(rowInEffect(lineage, [province], '2026-01-01')?.v).toBe('province');
    expect(rowInEffect(lineage, [ended, province], '2025-12-31')?.v).toBe('ended');
    expect(rowInEffect(lineage, [ended, province], '2026-01-01')?.v).toBe('province');
    expect(rowInEffect(lineage, [ended], '2026-01-01')).toBeUndefined();
  });
});
