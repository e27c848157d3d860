import { chinaToday, headcountChange, lastDueMonth, monthsBetween, monthsWithoutReport } from '@hexie/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, makeUser, type TestContext } from '../../../test/helpers.js';
import { seedDemoEnterprises } from '../enterprises/enterprises.seed.js';
import { seedDemoEmployment } from './employment.seed.js';
import { monitoredEnterprises } from './facts.js';

let t: TestContext;
beforeAll(async () => {
  t = await createTestApp('employment_seed');
  await seedDemoEnterprises(t.owner);
  const own = await t.db.query<{ id: string }>(
    "SELECT id FROM enterprises WHERE region_code = '220102' ORDER BY registered_on DESC NULLS LAST, id LIMIT 1",
  );
  const u = await makeUser(t.db, { username: 'qiye', role: 'enterprise_user', regionCode: '220102', memberUnit: null });
  await t.db.query('UPDATE users SET enterprise_id = $1 WHERE id = $2', [own.rows[0]?.id, u.id]);
});
afterAll(() => t.close());

const n = async (sql: string) => (await t.db.query<{ n: number }>(sql)).rows[0]?.n ?? 0;

describe('the demo key enterprises', () => {
  it('loads once, with key enterprises in every reporting unit and a year of reports that add up', async () => {
    const loaded = await seedDemoEmployment(t.owner);
    expect(loaded).toBeGreaterThan(100);
    expect(await seedDemoEmployment(t.owner)).toBe(0);
    // Every city-level unit (9 prefectures, 梅河口, 长白山) has some.
    const units = await t.db.query<{ code: string }>(
      `SELECT DISTINCT u.code FROM key_enterprises k
         JOIN regions r ON r.code = k.region_code
         JOIN regions u ON u.parent_code = '220000' AND (u.code = r.code OR u.code = r.parent_code)`,
    );
    expect(units.rows.length).toBe(11);
    // About fourteen months each, the figures adding up except where a note says why.
    expect(
      await n('SELECT min(c)::int AS n FROM (SELECT count(*) AS c FROM employment_reports GROUP BY enterprise_id) x'),
    ).toBeGreaterThanOrEqual(12);
    const broken = await n(
      `SELECT count(*)::int AS n FROM employment_reports r
         JOIN employment_reports p ON p.enterprise_id = r.enterprise_id AND p.month = (r.month - interval '1 month')::date
        WHERE p.headcount + r.hires - (r.separated_resigned + r.separated_dismissed + r.separated_contract_ended
                + r.separated_retired + r.separated_other) <> r.headcount AND r.note IS NULL`,
    );
    expect(broken).toBe(0);
    // The history: some taken off, one put back on with a second period.
    expect(await n('SELECT count(*)::int AS n FROM key_enterprises WHERE NOT listed')).toBeGreaterThan(0);
    expect(
      await n(
        'SELECT count(*)::int AS n FROM (SELECT 1 FROM key_enterprise_listings GROUP BY key_enterprise_id HAVING count(*) > 1) x',
      ),
    ).toBeGreaterThan(0);
    expect(await n('SELECT count(*)::int AS n FROM key_enterprise_policies')).toBeGreaterThan(50);
    expect(await n('SELECT count(*)::int AS n FROM key_enterprise_guidance')).toBeGreaterThan(loaded);
    expect(await n('SELECT count(*)::int AS n FROM collective_consultations')).toBeGreaterThan(5);
  });

  it('gives the early warnings something to find', async () => {
    const today = chinaToday();
    const lastYear = Number(today.slice(0, 4)) - 1;
    const watched = await monitoredEnterprises(t.db, lastYear);
    const due = lastDueMonth(today);
    // Down 10% or more against last year end (once a month of this year is due).
    if (monthsBetween(`${lastYear}-12`, due) >= 1) {
      const declining = watched.filter(
        (w) => (headcountChange(w.yearEnd?.headcount ?? null, w.latestHeadcount)?.ratio ?? 0) <= -0.1,
      );
      expect(declining.length).toBeGreaterThan(5);
    }
    // Down by 20 or more in a month.
    const dropped = watched.filter(
      (w) =>
        w.previousHeadcount !== null && w.latestHeadcount !== null && w.previousHeadcount - w.latestHeadcount >= 20,
    );
    expect(dropped.length).toBeGreaterThan(0);
    // Nothing for the last two months due.
    const silent = watched.filter((w) => monthsWithoutReport(w.lastReportMonth, today, w.listedOn.slice(0, 7)) >= 2);
    expect(silent.length).toBeGreaterThan(0);
    // The enterprise user's own is on the list and has not filed the open month yet.
    const own = await t.db.query<{ month: string }>(
      `SELECT to_char(max(r.month), 'YYYY-MM') AS month FROM employment_reports r
         JOIN users u ON u.enterprise_id = r.enterprise_id WHERE u.username = 'qiye'`,
    );
    expect(own.rows[0]?.month).toBe(due);
  });
});
