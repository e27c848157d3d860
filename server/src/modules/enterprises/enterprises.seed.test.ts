import { industrySection, isValidCreditCode } from '@hexie/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../test/helpers.js';
import { seedDemoEnterprises } from './enterprises.seed.js';

let t: TestContext;
beforeAll(async () => {
  t = await createTestApp('enterprise_seed');
});
afterAll(() => t.close());

describe('demo enterprises', () => {
  it('fill every reporting unit and many industries with valid, unique credit codes, once', async () => {
    expect(await seedDemoEnterprises(t.owner, 3000)).toBe(3000);
    expect(await seedDemoEnterprises(t.owner, 3000)).toBe(0);
    const { rows } = await t.db.query<{
      credit_code: string;
      region_code: string;
      industry_code: string;
      size_class: string | null;
    }>('SELECT credit_code, region_code, industry_code, size_class FROM enterprises');
    expect(rows).toHaveLength(3000);
    expect(rows.every((r) => isValidCreditCode(r.credit_code))).toBe(true);
    expect(new Set(rows.map((r) => r.credit_code)).size).toBe(3000);
    const units = [
      '220100',
      '220200',
      '220300',
      '220400',
      '220500',
      '220600',
      '220700',
      '220800',
      '222400',
      '220581',
      '229900',
    ];
    for (const unit of units) {
      const scope = t.regions.scopeOf(unit);
      expect(
        rows.some((r) => scope.includes(r.region_code)),
        unit,
      ).toBe(true);
    }
    expect(new Set(rows.map((r) => industrySection(r.industry_code))).size).toBeGreaterThanOrEqual(12);
    expect(new Set(rows.map((r) => r.size_class))).toEqual(new Set(['large', 'medium', 'small', 'micro', null]));
  });
});
