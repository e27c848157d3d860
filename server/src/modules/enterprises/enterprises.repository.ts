import {
  countCapOf,
  type EnterpriseRecord,
  type EnterpriseSource,
  industrySection,
  normaliseCode,
  type Ownership,
  type SizeClass,
} from '@hexie/core';
import type { Queryable } from '../../db/pool.js';
import type { RegionScope } from '../../platform/regions.js';

export interface EnterpriseRow {
  id: string;
  credit_code: string;
  name: string;
  region_code: string;
  industry_code: string;
  ownership: Ownership | null;
  employees: number | null;
  revenue: string | null;
  assets: string | null;
  size_class: SizeClass | null;
  registered_on: string | null;
  address: string | null;
  legal_representative: string | null;
  contact_name: string | null;
  contact_phone: string | null;
  source: EnterpriseSource;
  credit_code_override_reason: string | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = `e.id, e.credit_code, e.name, e.region_code, e.industry_code, e.ownership, e.employees, e.revenue,
  e.assets, e.size_class, e.registered_on, e.address, e.legal_representative, e.contact_name, e.contact_phone,
  e.source, e.credit_code_override_reason, e.version, e.created_at, e.updated_at`;

/** The stored columns of a record, in one order for INSERT, UPDATE and the import's upsert. */
export const RECORD_COLUMNS: [keyof EnterpriseRecord, string][] = [
  ['creditCode', 'credit_code'],
  ['name', 'name'],
  ['regionCode', 'region_code'],
  ['industryCode', 'industry_code'],
  ['ownership', 'ownership'],
  ['employees', 'employees'],
  ['revenue', 'revenue'],
  ['assets', 'assets'],
  ['sizeClass', 'size_class'],
  ['registeredOn', 'registered_on'],
  ['address', 'address'],
  ['legalRepresentative', 'legal_representative'],
  ['contactName', 'contact_name'],
  ['contactPhone', 'contact_phone'],
  ['source', 'source'],
  ['creditCodeOverrideReason', 'credit_code_override_reason'],
];

export async function getEnterprise(
  db: Queryable,
  scope: RegionScope,
  id: string,
  forUpdate = false,
): Promise<EnterpriseRow | undefined> {
  const { rows } = await db.query<EnterpriseRow>(
    `SELECT ${COLUMNS} FROM enterprises e WHERE e.id = $1 AND e.region_code = ANY($2::text[])${forUpdate ? ' FOR UPDATE' : ''}`,
    [id, scope.codes],
  );
  return rows[0];
}

/** Who holds a credit code, anywhere: one record per code in the province. */
export async function findByCreditCode(
  db: Queryable,
  creditCode: string,
): Promise<{ id: string; region_code: string } | undefined> {
  const { rows } = await db.query<{ id: string; region_code: string }>(
    'SELECT id, region_code FROM enterprises WHERE credit_code = $1',
    [creditCode],
  );
  return rows[0];
}

/** Holders of many codes at once (the import's check). */
export async function findByCreditCodes(
  db: Queryable,
  creditCodes: readonly string[],
): Promise<Map<string, { id: string; region_code: string }>> {
  const { rows } = await db.query<{ id: string; region_code: string; credit_code: string }>(
    'SELECT id, region_code, credit_code FROM enterprises WHERE credit_code = ANY($1::text[])',
    [creditCodes],
  );
  return new Map(rows.map((r) => [r.credit_code, r]));
}

export interface EnterpriseFilter {
  /** region codes to search (the scope, or a subtree of it) */
  regionCodes: readonly string[];
  /**
   * regionCodes are the whole province, so every row qualifies (region_code references the province's tree):
   * the region test is left out, or the planner would AND a bitmap of every row into each search.
   */
  wholeProvince?: boolean | undefined;
  /** the token of regionCodes in the grams, for a text search (see regionToken) */
  regionToken?: RegionToken | undefined;
  q?: string | undefined;
  industryCode?: string | undefined;
  sizeClass?: SizeClass | 'unknown' | undefined;
  source?: EnterpriseSource | undefined;
  registeredFrom?: string | undefined;
  registeredTo?: string | undefined;
  page: number;
  pageSize: number;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The shape of a whole 统一社会信用代码 (valid or not: a legacy code is found too). */
const WHOLE_CODE = /^[0-9A-Z]{18}$/;

/** A query of one or two characters without white space is a gram of hx_grams: containment is exact. */
export const gramIsExact = (q: string) => [...q].length <= 2 && !/\s/.test(q);

export interface RegionToken {
  token: string;
  /** the rows carrying the token are exactly the rows of the regions: the region test can be left out */
  exact: boolean;
}

/**
 * The region token (010_enterprise_search_stats.sql) that every row of these regions carries, if there is one:
 * a single region's own, or the prefecture's when all of them share its first four digits. It is exact when no
 * other region of the province (`all`) carries it: 长春市's is, 通化市's is not (梅河口市 reports to the province
 * but shares 通化's digits), and then the region test stays beside it. Leaving the test out where it is not
 * needed matters: the planner would AND a bitmap of the region's every row into the search.
 */
export function regionToken(codes: readonly string[], all: readonly string[]): RegionToken | undefined {
  const [first] = codes;
  if (!first) return undefined;
  // A row carries '@' + its code and '@' + its prefecture's (first four digits and 00).
  const region = codes.length === 1 ? first : `${first.slice(0, 4)}00`;
  if (!codes.every((c) => c === region || (region.endsWith('00') && c.startsWith(region.slice(0, 4))))) {
    return undefined;
  }
  const carries = (c: string) => c === region || (region.endsWith('00') && c.startsWith(region.slice(0, 4)));
  const inScope = new Set(codes);
  return { token: `@${region}`, exact: all.filter(carries).every((c) => inScope.has(c)) };
}

/** WHERE clause and parameters of a filter: shared by the list, its count and the export. */
export function whereOf(filter: Omit<EnterpriseFilter, 'page' | 'pageSize'>): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const add = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const where: string[] = [];
  const q = filter.q?.trim().toUpperCase();
  const code = q ? normaliseCode(q) : '';
  const wholeCode = WHOLE_CODE.test(code);
  const token = q && !wholeCode && !filter.wholeProvince ? filter.regionToken : undefined;
  if (!filter.wholeProvince && !token?.exact) where.push(`e.region_code = ANY(${add(filter.regionCodes)}::text[])`);
  if (wholeCode) {
    // A whole 18-character code can only be a code: the unique index answers at once, where the grams would
    // intersect the posting lists of 17 pairs, some (91, 22) in nearly every row.
    where.push(`e.credit_code = ${add(code)}`);
  } else if (q) {
    // The GIN index finds candidates by character pairs (003_search_grams.sql). One or two characters are a
    // gram themselves, so containing it is the exact answer; longer words are confirmed by LIKE. Leaving out the
    // redundant LIKE also keeps the planner's estimate right (it would multiply two correlated selectivities),
    // and the estimate decides between walking the newest-first index and collecting every match to sort them.
    const grams = token
      ? `e.grams @> (hx_query_grams(${add(q)}) || ${add([token.token])}::text[])`
      : `e.grams @> hx_query_grams(${add(q)})`;
    if (gramIsExact(q)) where.push(grams);
    else {
      const like = add(`%${escapeLike(q)}%`);
      where.push(`${grams} AND (upper(e.name) LIKE ${like} OR e.credit_code LIKE ${like})`);
    }
  }
  if (filter.industryCode) {
    const code = filter.industryCode.toUpperCase();
    where.push(/^[A-T]$/.test(code) ? `e.industry_section = ${add(code)}` : `e.industry_code LIKE ${add(`${code}%`)}`);
  }
  if (filter.sizeClass === 'unknown') where.push('e.size_class IS NULL');
  else if (filter.sizeClass) where.push(`e.size_class = ${add(filter.sizeClass)}`);
  if (filter.source) where.push(`e.source = ${add(filter.source)}`);
  if (filter.registeredFrom) where.push(`e.registered_on >= ${add(filter.registeredFrom)}`);
  if (filter.registeredTo) where.push(`e.registered_on <= ${add(filter.registeredTo)}`);
  return { sql: where.length ? where.join(' AND ') : 'true', params };
}

export const LIST_ORDER = 'ORDER BY e.created_at DESC, e.id DESC';

export async function listEnterprises(
  db: Queryable,
  filter: EnterpriseFilter,
): Promise<{ rows: EnterpriseRow[]; total: number; totalCapped: boolean }> {
  if (filter.regionCodes.length === 0) return { rows: [], total: 0, totalCapped: false };
  const { sql, params } = whereOf(filter);
  const cap = countCapOf(filter);
  const [count, page] = await Promise.all([
    // Counted up to the cap (see LIST_COUNT_CAP): an exact count of a broad search is the slowest part.
    db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM (SELECT 1 FROM enterprises e WHERE ${sql} LIMIT ${cap + 1}) s`,
      params,
    ),
    db.query<EnterpriseRow>(
      `SELECT ${COLUMNS} FROM enterprises e WHERE ${sql} ${LIST_ORDER}
        LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, filter.pageSize, (filter.page - 1) * filter.pageSize],
    ),
  ]);
  const n = count.rows[0]?.n ?? 0;
  return { rows: page.rows, total: Math.min(n, cap), totalCapped: n > cap };
}

/** For the export: the same filter, all rows, as SQL to stream. */
export function exportQuery(filter: Omit<EnterpriseFilter, 'page' | 'pageSize'>): { sql: string; params: unknown[] } {
  const { sql, params } = whereOf(filter);
  return { sql: `SELECT ${COLUMNS} FROM enterprises e WHERE ${sql} ${LIST_ORDER}`, params };
}

/** The stored rows of many codes, locked for the import's transaction. */
export async function rowsByCreditCodes(
  db: Queryable,
  creditCodes: readonly string[],
): Promise<Map<string, EnterpriseRow>> {
  const { rows } = await db.query<EnterpriseRow>(
    `SELECT ${COLUMNS} FROM enterprises e WHERE e.credit_code = ANY($1::text[]) FOR UPDATE`,
    [creditCodes],
  );
  return new Map(rows.map((r) => [r.credit_code, r]));
}

const RECORDSET = `${RECORD_COLUMNS.map(([, c]) => `${c} ${c === 'employees' ? 'integer' : c === 'revenue' || c === 'assets' ? 'numeric' : c === 'registered_on' ? 'date' : 'text'}`).join(', ')}, industry_section text`;

function jsonRows(records: readonly EnterpriseRecord[]): string {
  return JSON.stringify(
    records.map((r) => ({
      ...Object.fromEntries(RECORD_COLUMNS.map(([k, c]) => [c, r[k]])),
      industry_section: sectionOf(r.industryCode),
    })),
  );
}

/** Many new records in one statement (the import). */
export async function insertMany(
  db: Queryable,
  records: readonly EnterpriseRecord[],
  actorId: string | null,
): Promise<void> {
  const cols = [...RECORD_COLUMNS.map(([, c]) => c), 'industry_section'];
  // In slices: one statement per 10,000 rows keeps the JSON parameter and its parse small.
  for (let i = 0; i < records.length; i += 10_000) {
    await db.query(
      `INSERT INTO enterprises (${cols.join(', ')}, created_by, updated_by)
       SELECT ${cols.join(', ')}, $2, $2 FROM jsonb_to_recordset($1::jsonb) AS r(${RECORDSET})`,
      [jsonRows(records.slice(i, i + 10_000)), actorId],
    );
  }
}

/** Many changed records in one statement (the import); each gets its next version. */
export async function updateMany(
  db: Queryable,
  updates: readonly { id: string; record: EnterpriseRecord }[],
  actorId: string,
): Promise<void> {
  if (updates.length === 0) return;
  const cols = [...RECORD_COLUMNS.map(([, c]) => c), 'industry_section'];
  const rows = JSON.parse(jsonRows(updates.map((u) => u.record))) as Record<string, unknown>[];
  rows.forEach((r, i) => {
    r.id = updates[i]?.id;
  });
  await db.query(
    `UPDATE enterprises e SET ${cols.map((c) => `${c} = r.${c}`).join(', ')},
            version = e.version + 1, updated_at = now(), updated_by = $2
       FROM jsonb_to_recordset($1::jsonb) AS r(${RECORDSET}, id uuid)
      WHERE e.id = r.id`,
    [JSON.stringify(rows), actorId],
  );
}

function values(r: EnterpriseRecord): unknown[] {
  return RECORD_COLUMNS.map(([k]) => r[k]);
}

export async function insertEnterprise(db: Queryable, r: EnterpriseRecord, actorId: string): Promise<string> {
  const cols = RECORD_COLUMNS.map(([, c]) => c);
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO enterprises (${cols.join(', ')}, industry_section, created_by, updated_by)
     VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')}, $${cols.length + 1}, $${cols.length + 2}, $${cols.length + 2})
     RETURNING id`,
    [...values(r), sectionOf(r.industryCode), actorId],
  );
  return (rows[0] as { id: string }).id;
}

export async function updateEnterprise(db: Queryable, id: string, r: EnterpriseRecord, actorId: string): Promise<void> {
  const sets = RECORD_COLUMNS.map(([, c], i) => `${c} = $${i + 2}`);
  const n = RECORD_COLUMNS.length;
  await db.query(
    `UPDATE enterprises SET ${sets.join(', ')}, industry_section = $${n + 2}, updated_by = $${n + 3},
            version = version + 1, updated_at = now()
      WHERE id = $1`,
    [id, ...values(r), sectionOf(r.industryCode), actorId],
  );
}

/** 门类 of a stored code, computed by core; kept in a column so the list can filter by section. */
export function sectionOf(industryCode: string): string {
  return industrySection(industryCode) ?? industryCode.slice(0, 1);
}
