import { chinaToday } from '@hexie/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeEnterprise } from '../../../test/factories/enterprises.js';
import { createTestApp, makeUser, type TestContext } from '../../../test/helpers.js';
import { seedDemoServices } from './services.seed.js';

let t: TestContext;
beforeAll(async () => {
  t = await createTestApp('services_seed');
});
afterAll(() => t.close());

const n = async (sql: string) => (await t.db.query<{ n: number }>(sql)).rows[0]?.n ?? 0;

describe('the demo service data', () => {
  it('does nothing without enterprises', async () => {
    await makeUser(t.db, { role: 'province_admin', regionCode: '220000' });
    await seedDemoServices(t.db);
    expect(await n('SELECT count(*)::int AS n FROM service_experts')).toBe(0);
    expect(await n('SELECT count(*)::int AS n FROM service_targets')).toBe(0);
  });

  it('picks the enterprises it finds: a team per unit, valid records, targets of about 10,000 over three years', async () => {
    for (let i = 0; i < 40; i++) {
      await makeEnterprise(t.db, {
        regionCode: i % 2 ? '220102' : '220204',
        registeredOn: `2025-${String((i % 12) + 1).padStart(2, '0')}-10`,
      });
    }
    await seedDemoServices(t.db, new Date('2026-11-24T04:00:00Z'));
    expect(await n('SELECT count(*)::int AS n FROM service_experts')).toBe(66);
    expect(await n('SELECT count(DISTINCT kind)::int AS n FROM service_experts')).toBe(8);
    expect(await n('SELECT count(*)::int AS n FROM service_records')).toBeGreaterThan(10);
    // Every record: served after registration and not in the future, by experts of its own reporting unit.
    expect(
      await n(`SELECT count(*)::int AS n FROM service_records r JOIN enterprises e ON e.id = r.enterprise_id
                WHERE r.served_on > $$${chinaToday()}$$::date OR r.served_on < e.registered_on
                   OR cardinality(r.expert_ids) = 0 OR r.region_code <> e.region_code
                   OR EXISTS (SELECT 1 FROM service_experts x WHERE x.id = ANY(r.expert_ids)
                               AND x.region_code <> left(r.region_code, 4) || '00')`),
    ).toBe(0);
    const targets = await t.db.query<{ year: number; n: number }>(
      'SELECT year, sum(target)::int AS n FROM service_targets GROUP BY year ORDER BY year',
    );
    expect(targets.rows.map((r) => r.year)).toEqual([2024, 2025, 2026]);
    const sum = targets.rows.reduce((s, r) => s + r.n, 0);
    expect(sum).toBeGreaterThan(9500);
    expect(sum).toBeLessThan(10600);
    // Idempotent: a second run adds nothing.
    const before = await n('SELECT count(*)::int AS n FROM service_records');
    await seedDemoServices(t.db, new Date('2026-11-24T04:00:00Z'));
    expect(await n('SELECT count(*)::int AS n FROM service_records')).toBe(before);
  });
});
