import {
  type CreatePolicyBody,
  type CreateQaBody,
  type Page,
  type Policy,
  PROVINCE_CODE,
  type Qa,
  type SelfcheckAnswers,
  type SelfcheckReport,
  scoreSelfcheck,
  type UpdatePolicyBody,
  type UpdateQaBody,
} from '@hexie/core';
import type { Db, Queryable } from '../../db/pool.js';
import { withTx } from '../../db/pool.js';
import { audit, changes } from '../../platform/audit.js';
import type { ServiceContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

interface PolicyRow {
  id: string;
  title: string;
  issuer: string;
  doc_number: string | null;
  level: Policy['level'];
  issued_on: string | null;
  effective_on: string | null;
  status: Policy['status'];
  summary: string | null;
  body: string;
  tags: string[];
  published: boolean;
  version: number;
  updated_at: Date;
}

const POLICY_COLUMNS = `id, title, issuer, doc_number, level, issued_on, effective_on, status, summary, body, tags,
  published, version, updated_at`;

function presentPolicy(r: PolicyRow): Policy {
  return {
    id: r.id,
    title: r.title,
    issuer: r.issuer,
    docNumber: r.doc_number,
    level: r.level,
    issuedOn: r.issued_on,
    effectiveOn: r.effective_on,
    status: r.status,
    summary: r.summary,
    body: r.body,
    tags: r.tags,
    published: r.published,
    version: r.version,
    updatedAt: r.updated_at.toISOString(),
  };
}

/**
 * Chinese search without a segmenter: candidates through the GIN index of character pairs, then the exact
 * substring; title matches rank first.
 */
function searchWhere(q: string | undefined, text: string, params: unknown[]): { where: string; rank: string } {
  if (!q) return { where: 'true', rank: '' };
  params.push(q, `%${escapeLike(q.toUpperCase())}%`);
  const g = `$${params.length - 1}`;
  const like = `$${params.length}`;
  return {
    where: `grams @> hx_query_grams(${g}) AND upper(${text}) LIKE ${like}`,
    rank: `(upper(${text.split(' || ')[0]}) LIKE ${like}) DESC,`,
  };
}

export async function listPolicies(
  db: Queryable,
  q: {
    q?: string | undefined;
    tag?: string | undefined;
    level?: Policy['level'] | undefined;
    page: number;
    pageSize: number;
  },
  publicOnly: boolean,
): Promise<Page<Omit<Policy, 'body'>>> {
  const params: unknown[] = [];
  const text = "title || ' ' || coalesce(doc_number, '') || ' ' || coalesce(summary, '') || ' ' || body";
  const s = searchWhere(q.q, text, params);
  const where = [s.where];
  if (publicOnly) where.push('published');
  if (q.tag) {
    params.push(q.tag);
    where.push(`$${params.length} = ANY(tags)`);
  }
  if (q.level) {
    params.push(q.level);
    where.push(`level = $${params.length}`);
  }
  const sql = where.join(' AND ');
  const [count, rows] = await Promise.all([
    db.query<{ n: number }>(`SELECT count(*)::int AS n FROM policies WHERE ${sql}`, params),
    db.query<PolicyRow>(
      `SELECT ${POLICY_COLUMNS} FROM policies WHERE ${sql}
        ORDER BY ${s.rank} issued_on DESC NULLS LAST, title LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
      params,
    ),
  ]);
  return {
    items: rows.rows.map((r) => {
      const { body: _body, ...rest } = presentPolicy(r);
      return rest;
    }),
    total: count.rows[0]?.n ?? 0,
    page: q.page,
    pageSize: q.pageSize,
  };
}

export async function getPolicy(db: Queryable, id: string, publicOnly: boolean): Promise<Policy> {
  const { rows } = await db.query<PolicyRow>(
    `SELECT ${POLICY_COLUMNS} FROM policies WHERE id = $1${publicOnly ? ' AND published' : ''}`,
    [id],
  );
  if (!rows[0]) throw new AppError('not_found');
  return presentPolicy(rows[0]);
}

const policyColumns = {
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

export async function createPolicy(ctx: ServiceContext, b: CreatePolicyBody): Promise<Policy> {
  const id = await withTx(ctx.db, async (tx) => {
    const keys = Object.keys(policyColumns) as (keyof typeof policyColumns)[];
    const values = keys.map(
      (k) =>
        (b as Record<string, unknown>)[k] ??
        (k === 'tags' ? [] : k === 'published' ? false : k === 'status' ? 'current' : null),
    );
    const { rows } = await tx.query<{ id: string }>(
      `INSERT INTO policies (${keys.map((k) => policyColumns[k]).join(', ')}, created_by)
       VALUES (${keys.map((_, i) => `$${i + 1}`).join(', ')}, $${keys.length + 1}) RETURNING id`,
      [...values, ctx.actor.id],
    );
    const newId = (rows[0] as { id: string }).id;
    await audit(tx, ctx, {
      action: 'policy.create',
      entityType: 'policy',
      entityId: newId,
      regionCode: PROVINCE_CODE,
      result: 'success',
      details: { after: { title: b.title, docNumber: b.docNumber ?? null, published: b.published ?? false } },
    });
    return newId;
  });
  return getPolicy(ctx.db, id, false);
}

export async function updatePolicy(ctx: ServiceContext, id: string, b: UpdatePolicyBody): Promise<Policy> {
  const { version, ...patch } = b;
  await withTx(ctx.db, async (tx) => {
    const { rows } = await tx.query<PolicyRow>(`SELECT ${POLICY_COLUMNS} FROM policies WHERE id = $1 FOR UPDATE`, [id]);
    const row = rows[0];
    if (!row) throw new AppError('not_found');
    if (row.version !== version) throw new AppError('version_conflict', { params: { version: row.version } });
    const { id: _id, version: _v, updatedAt: _u, ...before } = presentPolicy(row);
    const after = { ...before, ...patch };
    const diff = changes(before as Record<string, unknown>, after as Record<string, unknown>);
    if (!diff) return;
    const keys = Object.keys(diff.after) as (keyof typeof policyColumns)[];
    await tx.query(
      `UPDATE policies SET ${keys.map((k, i) => `${policyColumns[k]} = $${i + 2}`).join(', ')},
              version = version + 1, updated_at = now() WHERE id = $1`,
      [id, ...keys.map((k) => (after as Record<string, unknown>)[k])],
    );
    // The body can be long: the audit keeps which fields changed, and the before/after of the short ones.
    const short = (v: Record<string, unknown>) => Object.fromEntries(Object.entries(v).filter(([k]) => k !== 'body'));
    await audit(tx, ctx, {
      action: 'policy.update',
      entityType: 'policy',
      entityId: id,
      regionCode: PROVINCE_CODE,
      result: 'success',
      details: { title: row.title, fields: keys, before: short(diff.before), after: short(diff.after) },
    });
  });
  return getPolicy(ctx.db, id, false);
}

interface QaRow {
  id: string;
  question: string;
  answer: string;
  tags: string[];
  policies: { id: string; title: string }[];
  published: boolean;
  version: number;
  updated_at: Date;
  policy_ids: string[];
}

const QA_SELECT = `SELECT q.id, q.question, q.answer, q.tags, q.published, q.version, q.updated_at, q.policy_ids,
  coalesce((SELECT json_agg(json_build_object('id', p.id, 'title', p.title)) FROM policies p
             WHERE p.id = ANY(q.policy_ids) AND (p.published OR NOT $PUBLIC)), '[]') AS policies
  FROM qa q`;

function presentQa(r: QaRow): Qa {
  return {
    id: r.id,
    question: r.question,
    answer: r.answer,
    tags: r.tags,
    policies: r.policies,
    published: r.published,
    version: r.version,
    updatedAt: r.updated_at.toISOString(),
  };
}

export async function listQa(
  db: Queryable,
  q: { q?: string | undefined; tag?: string | undefined; page: number; pageSize: number },
  publicOnly: boolean,
): Promise<Page<Qa>> {
  const params: unknown[] = [];
  const s = searchWhere(q.q, "question || ' ' || answer", params);
  const where = [s.where.replace(/\bgrams\b/, 'q.grams')];
  if (publicOnly) where.push('q.published');
  if (q.tag) {
    params.push(q.tag);
    where.push(`$${params.length} = ANY(q.tags)`);
  }
  const sql = where.join(' AND ');
  const select = QA_SELECT.replace('$PUBLIC', publicOnly ? 'true' : 'false');
  const [count, rows] = await Promise.all([
    db.query<{ n: number }>(`SELECT count(*)::int AS n FROM qa q WHERE ${sql}`, params),
    db.query<QaRow>(
      `${select} WHERE ${sql} ORDER BY ${s.rank} q.updated_at DESC LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
      params,
    ),
  ]);
  return { items: rows.rows.map(presentQa), total: count.rows[0]?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

export async function getQa(db: Queryable, id: string, publicOnly: boolean): Promise<Qa> {
  const select = QA_SELECT.replace('$PUBLIC', publicOnly ? 'true' : 'false');
  const { rows } = await db.query<QaRow>(`${select} WHERE q.id = $1${publicOnly ? ' AND q.published' : ''}`, [id]);
  if (!rows[0]) throw new AppError('not_found');
  return presentQa(rows[0]);
}

async function checkPolicies(db: Db, ids: readonly string[] | undefined): Promise<void> {
  if (!ids?.length) return;
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM policies WHERE id = ANY($1::uuid[])', [
    ids,
  ]);
  if ((rows[0]?.n ?? 0) !== new Set(ids).size) {
    throw new AppError('validation_failed', { fields: [{ field: 'policyIds', code: 'invalid_value' }] });
  }
}

export async function createQa(ctx: ServiceContext, b: CreateQaBody): Promise<Qa> {
  await checkPolicies(ctx.db, b.policyIds);
  const id = await withTx(ctx.db, async (tx) => {
    const { rows } = await tx.query<{ id: string }>(
      'INSERT INTO qa (question, answer, tags, policy_ids, published, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
      [b.question, b.answer, b.tags ?? [], b.policyIds ?? [], b.published ?? false, ctx.actor.id],
    );
    const newId = (rows[0] as { id: string }).id;
    await audit(tx, ctx, {
      action: 'qa.create',
      entityType: 'qa',
      entityId: newId,
      regionCode: PROVINCE_CODE,
      result: 'success',
      details: { after: { question: b.question, published: b.published ?? false } },
    });
    return newId;
  });
  return getQa(ctx.db, id, false);
}

export async function updateQa(ctx: ServiceContext, id: string, b: UpdateQaBody): Promise<Qa> {
  const { version, ...patch } = b;
  await checkPolicies(ctx.db, patch.policyIds);
  await withTx(ctx.db, async (tx) => {
    const { rows } = await tx.query<QaRow>(
      'SELECT id, question, answer, tags, policy_ids, published, version FROM qa WHERE id = $1 FOR UPDATE',
      [id],
    );
    const row = rows[0];
    if (!row) throw new AppError('not_found');
    if (row.version !== version) throw new AppError('version_conflict', { params: { version: row.version } });
    const before = {
      question: row.question,
      answer: row.answer,
      tags: row.tags,
      policyIds: row.policy_ids,
      published: row.published,
    };
    const after = { ...before, ...patch };
    const diff = changes(before, after);
    if (!diff) return;
    await tx.query(
      `UPDATE qa SET question = $2, answer = $3, tags = $4, policy_ids = $5, published = $6, version = version + 1,
              updated_at = now() WHERE id = $1`,
      [id, after.question, after.answer, after.tags, after.policyIds, after.published],
    );
    await audit(tx, ctx, {
      action: 'qa.update',
      entityType: 'qa',
      entityId: id,
      regionCode: PROVINCE_CODE,
      result: 'success',
      details: diff,
    });
  });
  return getQa(ctx.db, id, false);
}

// ——— 用工风险体检 ———

export async function keepReport(ctx: ServiceContext, answers: SelfcheckAnswers) {
  const report = scoreSelfcheck(answers);
  const { rows } = await ctx.db.query<{ id: string; created_at: Date }>(
    `INSERT INTO selfcheck_reports (user_id, enterprise_id, answers, report, score) VALUES ($1, $2, $3, $4, $5)
     RETURNING id, created_at`,
    [ctx.actor.id, ctx.actor.enterpriseId, JSON.stringify(answers), JSON.stringify(report), report.score],
  );
  const r = rows[0] as { id: string; created_at: Date };
  return { id: r.id, createdAt: r.created_at.toISOString(), answers, report };
}

export async function listReports(ctx: ServiceContext, q: { page: number; pageSize: number }) {
  const [count, rows] = await Promise.all([
    ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM selfcheck_reports WHERE user_id = $1', [ctx.actor.id]),
    ctx.db.query<{ id: string; score: number; created_at: Date; report: { counts: Record<string, number> } }>(
      `SELECT id, score, created_at, report FROM selfcheck_reports WHERE user_id = $1 ORDER BY created_at DESC
        LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
      [ctx.actor.id],
    ),
  ]);
  return {
    items: rows.rows.map((r) => ({
      id: r.id,
      score: r.score,
      createdAt: r.created_at.toISOString(),
      counts: r.report.counts,
    })),
    total: count.rows[0]?.n ?? 0,
    page: q.page,
    pageSize: q.pageSize,
  };
}

/** A kept report: only its owner sees it; anyone else gets 404, as if it did not exist. */
export async function getReport(ctx: ServiceContext, id: string) {
  const { rows } = await ctx.db.query<{
    id: string;
    created_at: Date;
    answers: SelfcheckAnswers;
    report: SelfcheckReport;
  }>('SELECT id, created_at, answers, report FROM selfcheck_reports WHERE id = $1 AND user_id = $2', [
    id,
    ctx.actor.id,
  ]);
  const r = rows[0];
  if (!r) throw new AppError('not_found');
  return { id: r.id, createdAt: r.created_at.toISOString(), answers: r.answers, report: r.report };
}
