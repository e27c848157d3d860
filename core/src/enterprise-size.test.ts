import { describe, expect, it } from 'vitest';
import { SIZE_RULES, type SizeInput, sizeClassOf, sizeRuleOf } from './enterprise-size.js';
import { industries } from './industries.js';

/** A class code for each row of the 2017 table. */
const SAMPLE_CLASS: Record<string, string> = {
  agriculture: '0111',
  industry: '3311',
  construction: '4710',
  wholesale: '5111',
  retail: '5211',
  transport: '5411',
  warehousing: '5910',
  postal: '6010',
  accommodation_catering: '6110',
  telecom_internet: '6311',
  software: '6511',
  real_estate_development: '7010',
  property_management: '7020',
  leasing_business: '7111',
  other: '8310',
};

const KEYS = ['employees', 'revenue', 'assets'] as const;

describe('统计上大中小微型企业划分办法(2017), every row of the table', () => {
  for (const rule of SIZE_RULES) {
    const industryCode = SAMPLE_CLASS[rule.id] as string;
    describe(`${rule.name} (${industryCode})`, () => {
      it('maps the sample class to this row', () => expect(sizeRuleOf(industryCode)?.id).toBe(rule.id));

      for (const cls of ['large', 'medium', 'small'] as const) {
        const floors = rule[cls];
        const atFloors: SizeInput = { industryCode, employees: 0, revenue: 0, assets: 0, ...floors };
        it(`${cls}: exactly at every floor is ${cls}`, () => expect(sizeClassOf(atFloors)).toBe(cls));

        for (const key of KEYS) {
          const floor = floors[key];
          if (floor === undefined) continue;
          const lower = cls === 'large' ? 'medium' : cls === 'medium' ? 'small' : 'micro';
          it(`${cls}: one below the ${key} floor drops a class (${lower} or lower)`, () => {
            const got = sizeClassOf({ ...atFloors, [key]: floor - (key === 'employees' ? 1 : 0.01) });
            const order = ['large', 'medium', 'small', 'micro'];
            expect(order.indexOf(got ?? '')).toBeGreaterThan(order.indexOf(cls));
          });
          it(`${cls}: ${key} unknown cannot be told`, () => {
            expect(sizeClassOf({ ...atFloors, [key]: null })).toBeNull();
          });
        }
      }

      it('far above every floor is large; zero everywhere is micro', () => {
        expect(sizeClassOf({ industryCode, employees: 1e6, revenue: 1e7, assets: 1e7 })).toBe('large');
        expect(sizeClassOf({ industryCode, employees: 0, revenue: 0, assets: 0 })).toBe('micro');
      });
    });
  }
});

describe('which row applies', () => {
  it('the DOMAIN-RULES industry example: 1000 people and 40,000 revenue is large, 999 medium', () => {
    expect(sizeClassOf({ industryCode: 'C', employees: 1000, revenue: 40000 })).toBe('large');
    expect(sizeClassOf({ industryCode: 'C', employees: 999, revenue: 40000 })).toBe('medium');
    expect(sizeClassOf({ industryCode: 'C', employees: 19, revenue: 1e6 })).toBe('micro');
  });

  it('a known miss decides even when another indicator is unknown', () => {
    // 15 people misses the small floor of industry (20), whatever the revenue.
    expect(sizeClassOf({ industryCode: '3311', employees: 15 })).toBe('micro');
    // 500 people reaches medium's people floor but revenue is unknown: cannot be told.
    expect(sizeClassOf({ industryCode: '3311', employees: 500 })).toBeNull();
  });

  it('every class of the standard has exactly one row', () => {
    for (const c of industries().filter((r) => r.level === 'class')) expect(sizeRuleOf(c.code), c.code).toBeDefined();
  });

  it('coarse codes: one row when all their classes share it, otherwise unknown', () => {
    expect(sizeRuleOf('A')?.id).toBe('agriculture');
    expect(sizeRuleOf('B')?.id).toBe('industry');
    expect(sizeRuleOf('H')?.id).toBe('accommodation_catering');
    expect(sizeRuleOf('L')?.id).toBe('leasing_business');
    expect(sizeRuleOf('701')?.id).toBe('real_estate_development');
    expect(sizeRuleOf('7030')?.id).toBe('other');
    expect(sizeRuleOf('F')).toBeUndefined(); // wholesale and retail differ
    expect(sizeRuleOf('G')).toBeUndefined(); // transport, warehousing and postal differ
    expect(sizeRuleOf('70')).toBeUndefined();
    expect(sizeRuleOf('ZZ')).toBeUndefined();
    expect(sizeClassOf({ industryCode: 'G', employees: 5000, revenue: 1e6 })).toBeNull();
  });
});
