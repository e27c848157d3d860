import {
  type EnterpriseRecord,
  type EnterpriseSource,
  industrySection,
  LIST_COUNT_CAP,
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

/** WHERE clause and parameters of a filter: shared by the list, its count and the export. */
export function whereOf(filter: Omit<EnterpriseFilter, 'page' | 'pageSize'>): { sql: string; params: unknown[] } {
  const params: unknown[] = [filter.regionCodes];
  const where = ['e.region_code = ANY($1::text[])'];
  const add = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  if (filter.q) {
    // The GIN index finds candidates by character pairs; LIKE keeps exact substrings (003_search_grams.sql).
    const q = filter.q.toUpperCase();
    const grams = add(q);
    const like = add(`%${escapeLike(q)}%`);
    where.push(`e.grams @> hx_query_grams(${grams}) AND (upper(e.name) LIKE ${like} OR e.credit_code LIKE ${like})`);
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
  return { sql: where.join(' AND '), params };
}

export const LIST_ORDER = 'ORDER BY e.created_at DESC, e.id DESC';

export async function listEnterprises(
  db: Queryable,
  filter: EnterpriseFilter,
): Promise<{ rows: EnterpriseRow[]; total: number; totalCapped: boolean }> {
  if (filter.regionCodes.length === 0) return { rows: [], total: 0, totalCapped: false };
  const { sql, params } = whereOf(filter);
  const [count, page] = await Promise.all([
    // Counted up to the cap (see LIST_COUNT_CAP): an exact count of a broad search is the slowest part.
    db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM (SELECT 1 FROM enterprises e WHERE ${sql} LIMIT ${LIST_COUNT_CAP + 1}) s`,
      params,
    ),
    db.query<EnterpriseRow>(
      `SELECT ${COLUMNS} FROM enterprises e WHERE ${sql} ${LIST_ORDER}
        LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, filter.pageSize, (filter.page - 1) * filter.pageSize],
    ),
  ]);
  const n = count.rows[0]?.n ?? 0;
  return { rows: page.rows, total: Math.min(n, LIST_COUNT_CAP), totalCapped: n > LIST_COUNT_CAP };
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
