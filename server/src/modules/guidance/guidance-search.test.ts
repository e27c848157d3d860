import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../test/helpers.js';
import { policyListSql, qaListSql } from './guidance.repository.js';

let t: TestContext;

/**
 * A library of a few thousand rows of random Chinese text (its own database), to see that the search the
 * API runs goes through the GIN index on character pairs rather than reading every row.
 */
beforeAll(async () => {
  t = await createTestApp('guidance_search');
  const randomText = (n: number) =>
    `(SELECT string_agg(chr(19968 + floor(random() * 3000)::int), '') FROM generate_series(1, ${n}) WHERE i > 0)`;
  await t.owner.query(
    `INSERT INTO policies (title, issuer, level, doc_number, issued_on, body, published)
     SELECT '测试政策' || i, '测试机关', 'national', '测〔2020〕' || i || '号', date '2000-01-01' + i,
            ${randomText(100)} || CASE WHEN i % 500 = 0 THEN '依法支付经济补偿' ELSE '' END, true
       FROM generate_series(1, 3000) AS i`,
  );
  await t.owner.query(
    `INSERT INTO qa (question, answer, published)
     SELECT '测试问题' || i, ${randomText(80)} || CASE WHEN i % 500 = 0 THEN '经济补偿' ELSE '' END, true
       FROM generate_series(1, 2000) AS i`,
  );
  // What autovacuum does after a bulk load: GIN keeps fresh rows in a pending list that every search reads
  // through until it is merged; a planner that sees a long pending list rightly prefers the table.
  await t.owner.query('VACUUM ANALYZE policies');
  await t.owner.query('VACUUM ANALYZE qa');
}, 120_000);
afterAll(() => t.close());

async function plan(sql: string, params: unknown[]): Promise<string> {
  const { rows } = await t.db.query<{ 'QUERY PLAN': unknown }>(`EXPLAIN (FORMAT JSON) ${sql}`, params);
  return JSON.stringify(rows[0]?.['QUERY PLAN']);
}

describe('Chinese search on character pairs', () => {
  it('the public policy search reads the GIN index, not the table', async () => {
    const { page, count, params } = policyListSql({ q: '经济补偿', page: 1, pageSize: 20 }, 'public');
    for (const sql of [page, count]) {
      const p = await plan(sql, params);
      expect(p).toContain('policies_grams_idx');
      expect(p).not.toContain('"Seq Scan"');
    }
    const { rows } = await t.db.query(page, params);
    expect(rows).toHaveLength(6);
  });

  it('so does a search by 文号 and the Q&A search', async () => {
    const byNumber = policyListSql({ q: '测〔2020〕1234号', page: 1, pageSize: 20 }, 'staff');
    expect(await plan(byNumber.page, byNumber.params)).toContain('policies_grams_idx');
    expect((await t.db.query(byNumber.page, byNumber.params)).rows.map((r) => r.title)).toEqual(['测试政策1234']);
    const qa = qaListSql({ q: '经济补偿', page: 1, pageSize: 20 }, 'public');
    expect(await plan(qa.page, qa.params)).toContain('qa_grams_idx');
    expect((await t.db.query(qa.page, qa.params)).rows).toHaveLength(4);
  });
});
