import type { PolicyLevel, PolicyStatus, SelfcheckAnswers, SelfcheckReport } from '@hexie/core';
import type { Queryable } from '../../db/pool.js';
import { escapeLike } from '../../platform/fields.js';

/**
 * All SQL of the online guidance. Guidance content is province-wide: no region scope here, only the
 * audience (the public sees published rows only).
 */

export interface PolicyRow {
  id: string;
  title: string;
  issuer: string;
  doc_number: string | null;
  level: PolicyLevel;
  issued_on: string | null;
  effective_on: string | null;
  status: PolicyStatus;
  summary: string | null;
  body: string;
  tags: string[];
  published: boolean;
  version: number;
  updated_at: Date;
}

export interface QaRow {
  id: string;
  question: string;
  answer: string;
  tags: string[];
  policy_ids: string[];
  /** the related policies the audience may see */
  policies: { id: string; title: string }[];
  published: boolean;
  version: number;
  updated_at: Date;
}

export interface ReportRow {
  id: string;
  created_at: Date;
  answers: SelfcheckAnswers;
  report: SelfcheckReport;
}

/** Who reads: the public sees published rows only; staff see drafts too. */
export type Audience = 'public' | 'staff';

const POLICY_COLUMNS = `id, title, issuer, doc_number, level, issued_on::text AS issued_on,
  effective_on::text AS effective_on, status, summary, body, tags, published, version, updated_at`;
/** The text a policy is searched in: the same expression as its generated `grams` column (006_guidance.sql). */
const POLICY_TEXT = "title || ' ' || coalesce(doc_number, '') || ' ' || coalesce(summary, '') || ' ' || body";
const QA_TEXT = "q.question || ' ' || q.answer";

/** The columns a policy's fields are stored in. */
export const POLICY_FIELD_COLUMNS = {
  title: 'title',
  issuer: 'issuer',
  docNumber: 'doc_number',
  level: 'level',
  issuedOn: 'issued_on',
  effectiveOn: 'effective_on',
  status: 'status',
  summary: 'summary',
  body: 'body',
  tags: 'tags',
  published: 'published',
} as const;
export type PolicyField = keyof typeof POLICY_FIELD_COLUMNS;

export const QA_FIELD_COLUMNS = {
  question: 'question',
  answer: 'answer',
  tags: 'tags',
  policyIds: 'policy_ids',
  published: 'published',
} as const;
export type QaField = keyof typeof QA_FIELD_COLUMNS;

/** The words of a query: separated by any whitespace (full-width too); each must occur in the text. */
export function searchTerms(q: string | undefined): string[] {
  return (q ?? '')
    .split(/[\s\u3000]+/)
    .map((w) => w.trim())
    .filter(Boolean)
    .slice(0, 5);
}

/**
 * Chinese search without a word segmenter (003_search_grams.sql): the GIN index on the character pairs finds
 * the candidates (`grams @> hx_query_grams(word)`), LIKE confirms each word as an exact substring (wildcards
 * in the query escaped). `rank` puts rows whose title (or question) holds every word first.
 */
function searchClause(
  q: string | undefined,
  grams: string,
  text: string,
  title: string,
  params: unknown[],
): { where: string[]; rank: string } {
  const terms = searchTerms(q);
  if (!terms.length) return { where: [], rank: '' };
  const where: string[] = [];
  const likes: string[] = [];
  for (const term of terms) {
    params.push(term);
    where.push(`${grams} @> hx_query_grams($${params.length}::text)`);
    likes.push(`%${escapeLike(term.toUpperCase())}%`);
  }
  params.push(likes);
  const p = `$${params.length}::text[]`;
  where.push(`upper(${text}) LIKE ALL(${p})`);
  return { where, rank: `(upper(${title}) LIKE ALL(${p})) DESC,` };
}

export interface PolicyFilter {
  q?: string | undefined;
  tag?: string | undefined;
  level?: PolicyLevel | undefined;
  status?: PolicyStatus | undefined;
  published?: 'true' | 'false' | undefined;
  page: number;
  pageSize: number;
}

/** The list query of policies (exported so a test can EXPLAIN exactly what the API runs). */
export function policyListSql(f: PolicyFilter, audience: Audience): { count: string; page: string; params: unknown[] } {
  const params: unknown[] = [];
  const s = searchClause(f.q, 'grams', POLICY_TEXT, 'title', params);
  const where = [...s.where];
  if (audience === 'public') where.push('published');
  else if (f.published) where.push(f.published === 'true' ? 'published' : 'NOT published');
  if (f.tag) {
    params.push(f.tag);
    where.push(`$${params.length} = ANY(tags)`);
  }
  if (f.level) {
    params.push(f.level);
    where.push(`level = $${params.length}`);
  }
  if (f.status) {
    params.push(f.status);
    where.push(`status = $${params.length}`);
  }
  const sql = where.length ? where.join(' AND ') : 'true';
  return {
    count: `SELECT count(*)::int AS n FROM policies WHERE ${sql}`,
    page: `SELECT ${POLICY_COLUMNS} FROM policies WHERE ${sql}
            ORDER BY ${s.rank} ${audience === 'public' ? 'issued_on DESC NULLS LAST, title, id' : 'updated_at DESC, issued_on DESC NULLS LAST, id'}
            LIMIT ${f.pageSize} OFFSET ${(f.page - 1) * f.pageSize}`,
    params,
  };
}

export async function listPolicies(
  db: Queryable,
  f: PolicyFilter,
  audience: Audience,
): Promise<{ rows: PolicyRow[]; total: number }> {
  const { count, page, params } = policyListSql(f, audience);
  const [c, r] = await Promise.all([db.query<{ n: number }>(count, params), db.query<PolicyRow>(page, params)]);
  return { rows: r.rows, total: c.rows[0]?.n ?? 0 };
}

export async function findPolicy(
  db: Queryable,
  id: string,
  opts: { audience: Audience; forUpdate?: boolean },
): Promise<PolicyRow | undefined> {
  const { rows } = await db.query<PolicyRow>(
    `SELECT ${POLICY_COLUMNS} FROM policies WHERE id = $1${opts.audience === 'public' ? ' AND published' : ''}${
      opts.forUpdate ? ' FOR UPDATE' : ''
    }`,
    [id],
  );
  return rows[0];
}

export async function insertPolicy(
  db: Queryable,
  values: Record<PolicyField, unknown>,
  createdBy: string,
): Promise<string> {
  const keys = Object.keys(POLICY_FIELD_COLUMNS) as PolicyField[];
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO policies (${keys.map((k) => POLICY_FIELD_COLUMNS[k]).join(', ')}, created_by)
     VALUES (${keys.map((_, i) => `$${i + 1}`).join(', ')}, $${keys.length + 1}) RETURNING id`,
    [...keys.map((k) => values[k]), createdBy],
  );
  return (rows[0] as { id: string }).id;
}

/** Writes the given fields and moves the version on. */
export async function updatePolicy(db: Queryable, id: string, patch: Partial<Record<PolicyField, unknown>>) {
  const keys = Object.keys(patch) as PolicyField[];
  await db.query(
    `UPDATE policies SET ${keys.map((k, i) => `${POLICY_FIELD_COLUMNS[k]} = $${i + 2}`).join(', ')},
            version = version + 1, updated_at = now() WHERE id = $1`,
    [id, ...keys.map((k) => patch[k])],
  );
}

/** How many of these ids are policies (any state): a Q&A may cite only real ones. */
export async function countPolicies(db: Queryable, ids: readonly string[]): Promise<number> {
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM policies WHERE id = ANY($1::uuid[])', [
    ids,
  ]);
  return rows[0]?.n ?? 0;
}

const qaSelect = (audience: Audience) => `SELECT q.id, q.question, q.answer, q.tags, q.policy_ids, q.published,
  q.version, q.updated_at,
  coalesce((SELECT json_agg(json_build_object('id', p.id, 'title', p.title) ORDER BY p.issued_on DESC NULLS LAST)
              FROM policies p
             WHERE p.id = ANY(q.policy_ids)${audience === 'public' ? ' AND p.published' : ''}), '[]') AS policies
  FROM qa q`;

export interface QaFilter {
  q?: string | undefined;
  tag?: string | undefined;
  policyId?: string | undefined;
  published?: 'true' | 'false' | undefined;
  page: number;
  pageSize: number;
}

export function qaListSql(f: QaFilter, audience: Audience): { count: string; page: string; params: unknown[] } {
  const params: unknown[] = [];
  const s = searchClause(f.q, 'q.grams', QA_TEXT, 'q.question', params);
  const where = [...s.where];
  if (audience === 'public') where.push('q.published');
  else if (f.published) where.push(f.published === 'true' ? 'q.published' : 'NOT q.published');
  if (f.tag) {
    params.push(f.tag);
    where.push(`$${params.length} = ANY(q.tags)`);
  }
  if (f.policyId) {
    params.push(f.policyId);
    where.push(`$${params.length}::uuid = ANY(q.policy_ids)`);
  }
  const sql = where.length ? where.join(' AND ') : 'true';
  return {
    count: `SELECT count(*)::int AS n FROM qa q WHERE ${sql}`,
    page: `${qaSelect(audience)} WHERE ${sql}
            ORDER BY ${s.rank} ${audience === 'public' ? 'q.created_at, q.id' : 'q.updated_at DESC, q.id'}
            LIMIT ${f.pageSize} OFFSET ${(f.page - 1) * f.pageSize}`,
    params,
  };
}

export async function listQa(
  db: Queryable,
  f: QaFilter,
  audience: Audience,
): Promise<{ rows: QaRow[]; total: number }> {
  const { count, page, params } = qaListSql(f, audience);
  const [c, r] = await Promise.all([db.query<{ n: number }>(count, params), db.query<QaRow>(page, params)]);
  return { rows: r.rows, total: c.rows[0]?.n ?? 0 };
}

export async function findQa(
  db: Queryable,
  id: string,
  opts: { audience: Audience; forUpdate?: boolean },
): Promise<QaRow | undefined> {
  const { rows } = await db.query<QaRow>(
    `${qaSelect(opts.audience)} WHERE q.id = $1${opts.audience === 'public' ? ' AND q.published' : ''}${
      opts.forUpdate ? ' FOR UPDATE OF q' : ''
    }`,
    [id],
  );
  return rows[0];
}

export async function insertQa(db: Queryable, values: Record<QaField, unknown>, createdBy: string): Promise<string> {
  const keys = Object.keys(QA_FIELD_COLUMNS) as QaField[];
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO qa (${keys.map((k) => QA_FIELD_COLUMNS[k]).join(', ')}, created_by)
     VALUES (${keys.map((_, i) => `$${i + 1}`).join(', ')}, $${keys.length + 1}) RETURNING id`,
    [...keys.map((k) => values[k]), createdBy],
  );
  return (rows[0] as { id: string }).id;
}

export async function updateQa(db: Queryable, id: string, patch: Partial<Record<QaField, unknown>>) {
  const keys = Object.keys(patch) as QaField[];
  await db.query(
    `UPDATE qa SET ${keys.map((k, i) => `${QA_FIELD_COLUMNS[k]} = $${i + 2}`).join(', ')},
            version = version + 1, updated_at = now() WHERE id = $1`,
    [id, ...keys.map((k) => patch[k])],
  );
}

/** The tags of published content, most used first. */
export async function publishedTags(db: Queryable): Promise<{
  policies: { tag: string; count: number }[];
  qa: { tag: string; count: number }[];
}> {
  const sql = (table: string) => `SELECT t AS tag, count(*)::int AS count FROM ${table}, unnest(tags) AS t
    WHERE published GROUP BY t ORDER BY count(*) DESC, t LIMIT 40`;
  const [p, q] = await Promise.all([
    db.query<{ tag: string; count: number }>(sql('policies')),
    db.query<{ tag: string; count: number }>(sql('qa')),
  ]);
  return { policies: p.rows, qa: q.rows };
}

// ——— 体检报告 an enterprise user kept: always filtered by its owner ———

export async function insertReport(
  db: Queryable,
  r: { userId: string; enterpriseId: string | null; answers: SelfcheckAnswers; report: SelfcheckReport },
): Promise<{ id: string; created_at: Date }> {
  const { rows } = await db.query<{ id: string; created_at: Date }>(
    `INSERT INTO selfcheck_reports (user_id, enterprise_id, answers, report, score) VALUES ($1, $2, $3, $4, $5)
     RETURNING id, created_at`,
    [r.userId, r.enterpriseId, JSON.stringify(r.answers), JSON.stringify(r.report), r.report.score],
  );
  return rows[0] as { id: string; created_at: Date };
}

export async function listReports(
  db: Queryable,
  userId: string,
  page: { page: number; pageSize: number },
): Promise<{ rows: ReportRow[]; total: number }> {
  const [c, r] = await Promise.all([
    db.query<{ n: number }>('SELECT count(*)::int AS n FROM selfcheck_reports WHERE user_id = $1', [userId]),
    db.query<ReportRow>(
      `SELECT id, created_at, answers, report FROM selfcheck_reports WHERE user_id = $1
        ORDER BY created_at DESC, id LIMIT ${page.pageSize} OFFSET ${(page.page - 1) * page.pageSize}`,
      [userId],
    ),
  ]);
  return { rows: r.rows, total: c.rows[0]?.n ?? 0 };
}

export async function findReport(db: Queryable, userId: string, id: string): Promise<ReportRow | undefined> {
  const { rows } = await db.query<ReportRow>(
    'SELECT id, created_at, answers, report FROM selfcheck_reports WHERE id = $1 AND user_id = $2',
    [id, userId],
  );
  return rows[0];
}
