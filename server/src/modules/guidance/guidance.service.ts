import {
  type AdminPolicyListQuery,
  type AdminQaListQuery,
  type CreatePolicyBody,
  type CreateQaBody,
  type GuidanceTags,
  type KeptSelfcheckReport,
  type KeptSelfcheckSummary,
  type Page,
  type PageQuery,
  type Policy,
  type PolicySummary,
  PROVINCE_CODE,
  type Qa,
  type SelfcheckAnswers,
  scoreSelfcheck,
  type UpdatePolicyBody,
  type UpdateQaBody,
} from '@hexie/core';
import type { Queryable } from '../../db/pool.js';
import { withTx } from '../../db/pool.js';
import { audit, changes } from '../../platform/audit.js';
import type { ServiceContext } from '../../platform/context.js';
import { AppError, invalid, notFound } from '../../platform/errors.js';
import {
  presentPolicy,
  presentPolicySummary,
  presentQa,
  presentReport,
  presentReportSummary,
} from './guidance.presenter.js';
import type { Audience, PolicyField, QaField } from './guidance.repository.js';
import * as repo from './guidance.repository.js';

/*
 * 线上用工指导. Guidance content is province-wide: it belongs to no region, so there is no region scope;
 * holders of guidance:write maintain it and every change is audited under the province's code. Nothing is
 * deleted: withdrawing (published = false) takes an item off the public site and keeps it, with its history,
 * for the staff — what the public once read stays traceable and Q&A links to it do not dangle.
 */

// ——— policies ———

export async function listPolicies(
  db: Queryable,
  query: AdminPolicyListQuery,
  audience: Audience,
): Promise<Page<PolicySummary>> {
  const { rows, total } = await repo.listPolicies(db, query, audience);
  return { items: rows.map(presentPolicySummary), total, page: query.page, pageSize: query.pageSize };
}

export async function getPolicy(db: Queryable, id: string, audience: Audience): Promise<Policy> {
  const row = await repo.findPolicy(db, id, { audience });
  if (!row) throw notFound();
  return presentPolicy(row);
}

/** The audit keeps the short fields as they are and the body as its length (it can be long). */
function auditable(p: Partial<Record<PolicyField, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...p };
  if (typeof p.body === 'string') out.body = `〔正文 ${p.body.length} 字〕`;
  return out;
}

export async function createPolicy(ctx: ServiceContext, b: CreatePolicyBody): Promise<Policy> {
  const values: Record<PolicyField, unknown> = {
    title: b.title,
    issuer: b.issuer,
    docNumber: b.docNumber ?? null,
    level: b.level,
    issuedOn: b.issuedOn ?? null,
    effectiveOn: b.effectiveOn ?? null,
    status: b.status ?? 'current',
    summary: b.summary ?? null,
    body: b.body,
    tags: b.tags ?? [],
    published: b.published ?? false,
  };
  checkDates(values.issuedOn, values.effectiveOn);
  const id = await withTx(ctx.db, async (tx) => {
    const newId = await repo.insertPolicy(tx, values, ctx.actor.id);
    await audit(tx, ctx, {
      action: 'policy.create',
      entityType: 'policy',
      entityId: newId,
      regionCode: PROVINCE_CODE,
      result: 'success',
      details: { after: auditable(values) },
    });
    return newId;
  });
  return getPolicy(ctx.db, id, 'staff');
}

/** A policy cannot take effect before it is issued. */
function checkDates(issuedOn: unknown, effectiveOn: unknown): void {
  if (typeof issuedOn === 'string' && typeof effectiveOn === 'string' && effectiveOn < issuedOn) {
    throw invalid('effectiveOn', 'before_issue');
  }
}

export async function updatePolicy(ctx: ServiceContext, id: string, b: UpdatePolicyBody): Promise<Policy> {
  const { version, ...patch } = b;
  await withTx(ctx.db, async (tx) => {
    const row = await repo.findPolicy(tx, id, { audience: 'staff', forUpdate: true });
    if (!row) throw notFound();
    if (row.version !== version) throw new AppError('version_conflict', { params: { version: row.version } });
    const { id: _id, version: _v, updatedAt: _u, ...before } = presentPolicy(row);
    const after = { ...before, ...patch };
    checkDates(after.issuedOn, after.effectiveOn);
    const diff = changes(before as Record<string, unknown>, after as Record<string, unknown>);
    if (!diff) return;
    await repo.updatePolicy(tx, id, diff.after as Partial<Record<PolicyField, unknown>>);
    const action =
      diff.after.published === true ? 'policy.publish' : diff.after.published === false ? 'policy.withdraw' : null;
    await audit(tx, ctx, {
      action: action ?? 'policy.update',
      entityType: 'policy',
      entityId: id,
      regionCode: PROVINCE_CODE,
      result: 'success',
      details: {
        title: row.title,
        before: auditable(diff.before as Partial<Record<PolicyField, unknown>>),
        after: auditable(diff.after as Partial<Record<PolicyField, unknown>>),
      },
    });
  });
  return getPolicy(ctx.db, id, 'staff');
}

// ——— Q&A ———

export async function listQa(db: Queryable, query: AdminQaListQuery, audience: Audience): Promise<Page<Qa>> {
  const { rows, total } = await repo.listQa(db, query, audience);
  return { items: rows.map(presentQa), total, page: query.page, pageSize: query.pageSize };
}

export async function getQa(db: Queryable, id: string, audience: Audience): Promise<Qa> {
  const row = await repo.findQa(db, id, { audience });
  if (!row) throw notFound();
  return presentQa(row);
}

/** A Q&A cites policies of the library only. */
async function checkPolicies(db: Queryable, ids: readonly string[] | undefined): Promise<void> {
  if (!ids?.length) return;
  if ((await repo.countPolicies(db, ids)) !== new Set(ids).size) throw invalid('policyIds', 'unknown_policy');
}

export async function createQa(ctx: ServiceContext, b: CreateQaBody): Promise<Qa> {
  const values: Record<QaField, unknown> = {
    question: b.question,
    answer: b.answer,
    tags: b.tags ?? [],
    policyIds: [...new Set(b.policyIds ?? [])],
    published: b.published ?? false,
  };
  await checkPolicies(ctx.db, b.policyIds);
  const id = await withTx(ctx.db, async (tx) => {
    const newId = await repo.insertQa(tx, values, ctx.actor.id);
    await audit(tx, ctx, {
      action: 'qa.create',
      entityType: 'qa',
      entityId: newId,
      regionCode: PROVINCE_CODE,
      result: 'success',
      details: { after: values },
    });
    return newId;
  });
  return getQa(ctx.db, id, 'staff');
}

export async function updateQa(ctx: ServiceContext, id: string, b: UpdateQaBody): Promise<Qa> {
  const { version, ...patch } = b;
  if (patch.policyIds) patch.policyIds = [...new Set(patch.policyIds)];
  await checkPolicies(ctx.db, patch.policyIds);
  await withTx(ctx.db, async (tx) => {
    const row = await repo.findQa(tx, id, { audience: 'staff', forUpdate: true });
    if (!row) throw notFound();
    if (row.version !== version) throw new AppError('version_conflict', { params: { version: row.version } });
    const before = {
      question: row.question,
      answer: row.answer,
      tags: row.tags,
      policyIds: row.policy_ids,
      published: row.published,
    };
    const diff = changes(before, { ...before, ...patch });
    if (!diff) return;
    await repo.updateQa(tx, id, diff.after);
    const action = diff.after.published === true ? 'qa.publish' : diff.after.published === false ? 'qa.withdraw' : null;
    await audit(tx, ctx, {
      action: action ?? 'qa.update',
      entityType: 'qa',
      entityId: id,
      regionCode: PROVINCE_CODE,
      result: 'success',
      details: { question: row.question, ...diff },
    });
  });
  return getQa(ctx.db, id, 'staff');
}

export function tags(db: Queryable): Promise<GuidanceTags> {
  return repo.publishedTags(db);
}

// ——— 用工风险体检: reports an enterprise user keeps (the public report is stored nowhere) ———

export async function keepReport(ctx: ServiceContext, answers: SelfcheckAnswers): Promise<KeptSelfcheckReport> {
  const report = scoreSelfcheck(answers);
  const r = await repo.insertReport(ctx.db, {
    userId: ctx.actor.id,
    enterpriseId: ctx.actor.enterpriseId,
    answers,
    report,
  });
  return { id: r.id, createdAt: r.created_at.toISOString(), answers, report };
}

/** The caller's own reports, newest first. */
export async function listReports(ctx: ServiceContext, page: PageQuery): Promise<Page<KeptSelfcheckSummary>> {
  const { rows, total } = await repo.listReports(ctx.db, ctx.actor.id, page);
  return { items: rows.map(presentReportSummary), total, page: page.page, pageSize: page.pageSize };
}

/** A kept report: only its owner sees it; anyone else gets 404, as if it did not exist. */
export async function getReport(ctx: ServiceContext, id: string): Promise<KeptSelfcheckReport> {
  const row = await repo.findReport(ctx.db, ctx.actor.id, id);
  if (!row) throw notFound();
  return presentReport(row);
}
