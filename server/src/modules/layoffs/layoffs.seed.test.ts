import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, makeUser, type TestContext } from '../../../test/helpers.js';
import { seedDemoEnterprises } from '../enterprises/enterprises.seed.js';
import { seedDemoLayoffs } from './layoffs.seed.js';
import { evaluatedPlans } from './layoffs.service.js';

let t: TestContext;
beforeAll(async () => {
  t = await createTestApp('layoffs_seed');
});
afterAll(() => t.close());

const TODAY = new Date('2026-11-24T04:00:00Z');
const count = async () =>
  (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM layoff_plans')).rows[0]?.n ?? 0;

describe('the demo layoff plans', () => {
  it('does nothing without enterprises', async () => {
    await makeUser(t.db, { role: 'province_admin', regionCode: '220000' });
    await seedDemoLayoffs(t.db, TODAY);
    expect(await count()).toBe(0);
  });

  it('one plan of each kind the rules catch, and lawful ones, in several regions; the same on every run', async () => {
    await seedDemoEnterprises(t.db, 3000);
    await seedDemoLayoffs(t.db, TODAY);
    const plans = await evaluatedPlans(t, {}, '2026-11-24');
    expect(plans).toHaveLength(7);
    expect(new Set(plans.map((p) => p.regionCode.slice(0, 4))).size).toBeGreaterThanOrEqual(6);
    const codes = plans.map((p) => p.evaluation.warnings.map((w) => w.code).sort());
    // 第四十一条 met with neither the explanation nor the report.
    expect(codes).toContainEqual(['explain_missing', 'report_missing']);
    expect(
      plans.some((p) => p.evaluation.steps?.explain === 'missing' && p.evaluation.steps.report === 'missing'),
    ).toBe(true);
    expect(codes).toContainEqual(['wage_arrears']);
    expect(codes).toContainEqual(['low_ability']);
    expect(codes).toContainEqual(['protected_on_list']);
    // Lawful: no warning at all (one of them under the threshold, one with a full list).
    const lawful = plans.filter((p) => p.evaluation.warnings.length === 0);
    expect(lawful.length).toBeGreaterThanOrEqual(3);
    expect(lawful.some((p) => !p.evaluation.check.art41Applies)).toBe(true);
    expect(lawful.some((p) => p.summary.staffCount > 0)).toBe(true);
    // Every seeded person has a valid ID number and service before the layoff (the checks the form applies).
    const bad = await t.db.query(
      `SELECT 1 FROM layoff_plan_staff s JOIN layoff_plans p ON p.id = s.plan_id
        WHERE s.service_start > p.planned_on OR length(s.id_number) <> 18 OR s.region_code <> p.region_code`,
    );
    expect(bad.rowCount).toBe(0);
    await seedDemoLayoffs(t.db, TODAY);
    expect(await count()).toBe(7);
  });
});
