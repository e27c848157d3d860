import {
  countCapOf,
  type EnterpriseRecord,
  type EnterpriseSource,
  industrySection,
  normaliseCode,
  type Ownership,
  type SizeClass,
} from '@hexie/core';
import { type CopyTarget, copyRows } from '../../db/copy.js';
import type { Queryable } from '../../db/pool.js';
import { escapeLike } from '../../platform/fields.js';
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
  /**
   * Grams found in many rows (commonGrams): a long word leaves its common pairs out of the index lookup, LIKE
   * confirming (see hx_query_grams(q, common) in 012). Read from the database's statistics when not given.
   */
  commonGrams?: ReadonlySet<string> | undefined;
  industryCode?: string | undefined;
  sizeClass?: SizeClass | 'unknown' | undefined;
  source?: EnterpriseSource | undefined;
  registeredFrom?: string | undefined;
  registeredTo?: string | undefined;
  page: number;
  pageSize: number;
}

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

/** A gram in more than this share of the register is common (commonGrams). */
const COMMON_GRAM_SHARE = 0.01;
const COMMON_GRAMS_TTL_MS = 10 * 60 * 1000;
const commonCache = new WeakMap<object, { at: number; grams: Promise<ReadonlySet<string>> }>();

/**
 * The grams in more than 1% of the register, from PostgreSQL's own statistics of enterprises.grams (the most
 * common elements ANALYZE keeps, statistics target 1,000): 有限, 公司, 长春, a city's token… Cached for ten
 * minutes per pool; empty before the first ANALYZE.
 */
export function commonGrams(db: Queryable, maxAgeMs = COMMON_GRAMS_TTL_MS): Promise<ReadonlySet<string>> {
  const cached = commonCache.get(db);
  if (cached && Date.now() - cached.at < maxAgeMs) return cached.grams;
  const grams = db
    .query<{ elems: string[] | null; freqs: number[] | null }>(
      `SELECT most_common_elems::text::text[] AS elems, most_common_elem_freqs AS freqs
         FROM pg_stats WHERE schemaname = current_schema() AND tablename = 'enterprises' AND attname = 'grams'`,
    )
    .then(({ rows }) => {
      const { elems, freqs } = rows[0] ?? { elems: null, freqs: null };
      return new Set((elems ?? []).filter((_, i) => (freqs?.[i] ?? 0) > COMMON_GRAM_SHARE));
    });
  // A failed read is not kept: the next search asks again.
  grams.catch(() => commonCache.delete(db));
  commonCache.set(db, { at: Date.now(), grams });
  return grams;
}

/**
 * The pairs of a longer word that are common, to leave out of its index lookup (hx_query_grams(q, common) keeps
 * them all when none is left). Computed like hx_query_grams; should the two ever differ on some character, a
 * pair named here that the database does not produce simply excludes nothing.
 */
export function commonPairsOf(q: string, common: ReadonlySet<string>): string[] {
  const chars = [...q.trim().toUpperCase()];
  const pairs = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i += 1) {
    const pair = `${chars[i]}${chars[i + 1]}`;
    if (!/\s/.test(pair)) pairs.add(pair);
  }
  return [...pairs].filter((p) => common.has(p));
}

/** The token of an industry section in the grams (012): '#F#'. */
export const sectionToken = (section: string) => `#${section}#`;

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
  const industry = filter.industryCode?.toUpperCase();
  const isSection = !!industry && /^[A-T]$/.test(industry);
  // With a word, the industry's section goes into the grams asked for as a token (012): exact for a section
  // filter, a narrowing beside the code's own test for a division, group or class.
  const section = q && !wholeCode && industry ? (isSection ? industry : industrySection(industry)) : undefined;
  const tokens = [token?.token, section ? sectionToken(section) : undefined].filter((t): t is string => !!t);
  if (wholeCode) {
    // A whole 18-character code can only be a code: the unique index answers at once, where the grams would
    // intersect the posting lists of 17 pairs, some (91, 22) in nearly every row.
    where.push(`e.credit_code = ${add(code)}`);
  } else if (q) {
    // The GIN index finds candidates by character pairs (003_search_grams.sql). One or two characters are a
    // gram themselves, so containing it is the exact answer; longer words are confirmed by LIKE. Leaving out the
    // redundant LIKE also keeps the planner's estimate right (it would multiply two correlated selectivities),
    // and the estimate decides between walking the newest-first index and collecting every match to sort them.
    const exact = gramIsExact(q);
    const common = exact ? [] : commonPairsOf(q, filter.commonGrams ?? new Set());
    const asked = common.length ? `hx_query_grams(${add(q)}, ${add(common)}::text[])` : `hx_query_grams(${add(q)})`;
    const grams = tokens.length ? `e.grams @> (${asked} || ${add(tokens)}::text[])` : `e.grams @> ${asked}`;
    if (exact) where.push(grams);
    else {
      const like = add(`%${escapeLike(q)}%`);
      where.push(`${grams} AND (upper(e.name) LIKE ${like} OR e.credit_code LIKE ${like})`);
    }
  }
  if (industry && !(isSection && section)) {
    where.push(isSection ? `e.industry_section = ${add(industry)}` : `e.industry_code LIKE ${add(`${industry}%`)}`);
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
  const { sql, params } = whereOf(
    filter.q && !filter.commonGrams ? { ...filter, commonGrams: await commonGrams(db) } : filter,
  );
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

/** Many new records at once (the import, the demo data): streamed through COPY (db/copy.ts). */
export async function insertMany(
  db: CopyTarget,
  records: readonly EnterpriseRecord[],
  actorId: string | null,
): Promise<void> {
  if (records.length === 0) return;
  await copyRows(
    db,
    'enterprises',
    [...RECORD_COLUMNS.map(([, c]) => c), 'industry_section', 'created_by', 'updated_by'],
    (function* () {
      for (const r of records) yield [...values(r), sectionOf(r.industryCode), actorId, actorId];
    })(),
  );
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
