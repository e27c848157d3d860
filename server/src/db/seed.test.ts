import { addDays, caseDeadlines, chinaToday } from '@hexie/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, login, type TestContext } from '../../test/helpers.js';
import { DEMO_PASSWORD, seedDemo } from './seed.js';

let t: TestContext;
beforeAll(async () => {
  t = await createTestApp('demo_seed');
});
afterAll(() => t.close());

describe('the demo data', () => {
  it('loads once into an empty database: accounts, enterprises, notices, the service team, records, targets and mediation organisations', async () => {
    expect(await seedDemo(t.owner)).toBe(true);
    expect(await seedDemo(t.owner)).toBe(false);
    const n = async (sql: string) => (await t.db.query<{ n: number }>(sql)).rows[0]?.n ?? 0;
    expect(await n('SELECT count(*)::int AS n FROM enterprises')).toBe(3000);
    expect(await n('SELECT count(*)::int AS n FROM service_experts')).toBe(66);
    expect(await n('SELECT count(*)::int AS n FROM service_records')).toBeGreaterThan(300);
    const targets = await n(
      'SELECT sum(target)::int AS n FROM service_targets WHERE year = extract(year FROM current_date)::int',
    );
    expect(targets).toBeGreaterThan(3000);
    expect(targets).toBeLessThan(3700);
    // The demo enterprise user has notices; the province sees progress.
    const qiye = await login(t.app, 'qiye', DEMO_PASSWORD);
    expect((await as(t.app, qiye, { url: '/api/v1/inbox' })).json().total).toBeGreaterThan(0);
    const admin = await login(t.app, 'admin', DEMO_PASSWORD);
    const year = new Date().getFullYear();
    const progress = (await as(t.app, admin, { url: `/api/v1/service-progress?year=${year}` })).json();
    expect(progress.served).toBeGreaterThan(0);
    expect(progress.units).toHaveLength(11);
    // A mediation organisation in every county-level region, each with a mediator; most meet the standard.
    const counties = await n("SELECT count(*)::int AS n FROM regions WHERE level = 'county'");
    expect(await n('SELECT count(*)::int AS n FROM mediation_orgs')).toBe(counties);
    expect(await n('SELECT count(DISTINCT org_id)::int AS n FROM mediators WHERE active')).toBe(counties);
    const tiaojie = await login(t.app, 'tiaojie', DEMO_PASSWORD);
    const met = (await as(t.app, tiaojie, { url: '/api/v1/mediation/orgs?standardMet=true' })).json();
    const unmet = (await as(t.app, tiaojie, { url: '/api/v1/mediation/orgs?standardMet=false' })).json();
    expect(met.total).toBeGreaterThan(unmet.total);
    expect(unmet.total).toBeGreaterThan(0);
    // A year of cases: a realistic success rate, deadlines as core counts them, a timeline for each.
    const stats = (
      await as(t.app, admin, { url: `/api/v1/mediation/stats?from=${addDays(chinaToday(), -366)}` })
    ).json();
    expect(stats.total.received).toBeGreaterThan(500);
    expect(stats.total.successRate.n).toBeGreaterThan(300);
    expect(stats.total.successRate.rate).toBeGreaterThan(0.55);
    expect(stats.total.successRate.rate).toBeLessThan(0.8);
    const sample = await t.db.query<{ received_on: string; acceptance_due: string; mediation_due: string }>(
      `SELECT to_char(received_on, 'YYYY-MM-DD') AS received_on, to_char(acceptance_due, 'YYYY-MM-DD') AS acceptance_due,
              to_char(mediation_due, 'YYYY-MM-DD') AS mediation_due FROM mediation_cases ORDER BY tracking_code LIMIT 50`,
    );
    for (const c of sample.rows) {
      const d = caseDeadlines(c.received_on);
      expect([c.acceptance_due, c.mediation_due]).toEqual([d.acceptanceDue, d.mediationDue]);
    }
    expect(
      await n(
        'SELECT count(*)::int AS n FROM mediation_cases c WHERE NOT EXISTS (SELECT 1 FROM mediation_case_events e WHERE e.case_id = c.id)',
      ),
    ).toBe(0);
  });

  it('the warnings the rules raise over the demo reports and plans, some followed up and some resolved', async () => {
    const { rows } = await t.db.query<{ rule: string; status: string; n: number; regions: number }>(
      `SELECT rule, status, count(*)::int AS n, count(DISTINCT region_code)::int AS regions
         FROM early_warnings GROUP BY rule, status`,
    );
    const rules = new Set(rows.map((r) => r.rule));
    for (const rule of ['art41_steps', 'wage_arrears', 'low_ability', 'protected_staff']) expect(rules).toContain(rule);
    expect([...rules].some((r) => r.startsWith('headcount_') || r === 'silent')).toBe(true);
    const statuses = new Set(rows.map((r) => r.status));
    expect(statuses).toEqual(new Set(['new', 'following', 'resolved']));
    // Every warning has its history from the raise on.
    const n = async (sql: string) => (await t.db.query<{ n: number }>(sql)).rows[0]?.n ?? 0;
    expect(
      await n(`SELECT count(*)::int AS n FROM early_warnings w
                WHERE NOT EXISTS (SELECT 1 FROM early_warning_events e WHERE e.warning_id = w.id AND e.status = 'new')`),
    ).toBe(0);
    const changchun = await login(t.app, 'changchun', DEMO_PASSWORD);
    const summary = (await as(t.app, changchun, { url: '/api/v1/warnings/summary' })).json();
    expect(summary.open).toBeGreaterThan(0);
    // The grave ones are left for the demo's users to handle.
    expect(summary.bySeverity.high).toBeGreaterThan(0);
    expect(summary.latest.every((w: { regionCode: string }) => w.regionCode.startsWith('2201'))).toBe(true);
  });
});
