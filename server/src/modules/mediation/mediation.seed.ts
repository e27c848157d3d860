import type { Queryable } from '../../db/pool.js';

/**
 * Demo mediation organisations: a 劳动人事争议调解中心 in every county-level region (most meeting the plan's
 * standard and filed, one in five without its rules posted), each with a full-time mediator. Only into an empty
 * register. (A year of demo cases comes with the statistics.)
 */
export async function seedDemoMediation(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM mediation_orgs');
  if ((rows[0]?.n ?? 0) > 0) return 0;
  const inserted = await db.query(
    `INSERT INTO mediation_orgs (region_code, name, type, address, has_office, has_sign, rules_posted, filing_status,
       filed_on, contact_name)
     SELECT r.code, coalesce(p.name, '') || r.name || '劳动人事争议调解中心', 'township_street',
            coalesce(p.name, '') || r.name || '人力资源和社会保障局一楼', true, true, n % 5 <> 0,
            CASE WHEN n % 7 = 0 THEN 'pending' ELSE 'filed' END,
            CASE WHEN n % 7 = 0 THEN NULL ELSE DATE '2021-03-01' + (n % 300) END,
            (ARRAY['王立新', '李淑华', '张建国', '刘玉芬', '陈志刚', '杨秀英', '赵德胜', '黄丽娟'])[1 + n % 8]
       FROM (SELECT code, name, parent_code, row_number() OVER (ORDER BY code)::int AS n
               FROM regions WHERE level = 'county') r
       LEFT JOIN regions p ON p.code = r.parent_code AND p.level <> 'province'`,
  );
  await db.query(
    `INSERT INTO mediators (org_id, region_code, name, full_time)
     SELECT id, region_code, contact_name, true FROM mediation_orgs`,
  );
  return inserted.rowCount ?? 0;
}
