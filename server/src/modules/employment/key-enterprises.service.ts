import {
  addMonths,
  baseHeadcountProblems,
  type CollectiveConsultation,
  type CreateConsultationBody,
  type CreateKeyGuidanceBody,
  type CreateKeyPolicyBody,
  chinaToday,
  consultationProblems,
  type DelistKeyEnterpriseBody,
  delistProblems,
  FOLLOWER_ROLES,
  type FollowerOption,
  type KeyEnterprise,
  type KeyEnterpriseDetail,
  type KeyEnterpriseListQuery,
  type KeyGuidance,
  type KeyPolicy,
  type ListKeyEnterpriseBody,
  lastDueMonth,
  listingProblems,
  monthOf,
  openReportMonth,
  type Page,
  type Role,
  type UpdateConsultationBody,
  type UpdateKeyEnterpriseBody,
  type UpdateKeyGuidanceBody,
  type UpdateKeyPolicyBody,
} from '@hexie/core';
import { type Queryable, withTx } from '../../db/pool.js';
import { audit, changes } from '../../platform/audit.js';
import type { ServiceContext } from '../../platform/context.js';
import { AppError, type FieldProblem, invalid, invalidFields, isUniqueViolation } from '../../platform/errors.js';
import { blankToNull } from '../../platform/fields.js';
import { notFoundInScope } from '../../platform/scope-miss.js';
import { regionCodesOf } from '../enterprises/enterprises.service.js';
import {
  presentConsultation,
  presentGuidance,
  presentLedger,
  presentListing,
  presentPolicy,
  presentReport,
} from './employment.presenter.js';
import * as repo from './employment.repository.js';

/** 上年底: the year before today's (China time). */
export const lastYearOf = (today: string) => Number(today.slice(0, 4)) - 1;

/** The months of reports the monitoring page shows. */
const DETAIL_MONTHS = 36;

export async function listKeyEnterprises(ctx: ServiceContext, q: KeyEnterpriseListQuery): Promise<Page<KeyEnterprise>> {
  if (q.regionCode && !ctx.regions.get(q.regionCode)) throw invalid('regionCode', 'unknown_region');
  const lastYear = lastYearOf(chinaToday());
  const { rows, total } = await repo.listLedger(ctx.db, {
    regionCodes: regionCodesOf(ctx, q.regionCode),
    q: q.q,
    reason: q.reason,
    status: q.status,
    followerId: q.mine === 'true' ? ctx.actor.id : undefined,
    lastYear,
    page: q.page,
    pageSize: q.pageSize,
  });
  return {
    items: rows.map((r) => presentLedger(ctx.regions, r, lastYear)),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

/** The monitoring page: the ledger line, its listing periods, policies, guidance, consultations and reports. */
export async function getKeyEnterprise(ctx: ServiceContext, id: string): Promise<KeyEnterpriseDetail> {
  const today = chinaToday();
  const lastYear = lastYearOf(today);
  const row = await repo.getLedger(ctx.db, ctx.scope.codes, id, lastYear);
  if (!row) throw await notFoundInScope(ctx, 'key_enterprise', id);
  const [listings, policies, guidance, consultations, reports] = await Promise.all([
    repo.listings(ctx.db, id),
    repo.recordsOf(ctx.db, 'policy', id),
    repo.recordsOf(ctx.db, 'guidance', id),
    repo.recordsOf(ctx.db, 'consultation', id),
    repo.reportsOf(ctx.db, ctx.scope.codes, row.enterprise_id, addMonths(monthOf(today), 1 - DETAIL_MONTHS)),
  ]);
  return {
    ...presentLedger(ctx.regions, row, lastYear),
    listings: listings.map(presentListing),
    policyEntries: policies.map(presentPolicy),
    guidance: guidance.map(presentGuidance),
    consultations: consultations.map(presentConsultation),
    reports: reports.map((r) => presentReport(ctx.regions, r)),
    reporting: { openMonth: openReportMonth(today), lastDueMonth: lastDueMonth(today) },
  };
}

/** 对接工作人员: an active staff member of the enterprise's region or a region above it. */
async function followerProblems(
  ctx: ServiceContext,
  followerId: string | null,
  regionCode: string,
): Promise<FieldProblem[]> {
  if (!followerId) return [];
  const u = await repo.userById(ctx.db, followerId);
  const ok =
    !!u &&
    !u.disabled &&
    FOLLOWER_ROLES.includes(u.role as Role) &&
    ctx.regions.lineage(regionCode).includes(u.region_code);
  return ok ? [] : [{ field: 'followerId', code: 'follower_not_eligible' }];
}

/** Who may follow an enterprise (or one of `regionCode`, the caller's region when neither is given): the picker. */
export async function followerOptions(
  ctx: ServiceContext,
  q: { regionCode?: string | undefined; enterpriseId?: string | undefined },
): Promise<FollowerOption[]> {
  let region = q.regionCode ?? ctx.actor.regionCode;
  if (q.enterpriseId) {
    const enterprise = await repo.enterpriseIn(ctx.db, ctx.scope.codes, q.enterpriseId);
    if (!enterprise) throw invalid('enterpriseId', 'invalid_value');
    region = enterprise.region_code;
  }
  if (!ctx.regions.get(region)) throw invalid('regionCode', 'unknown_region');
  if (!ctx.scope.includes(region)) throw invalid('regionCode', 'region_out_of_scope');
  const users = await repo.staffOf(ctx.db, ctx.regions.lineage(region), FOLLOWER_ROLES);
  return users.map((u) => ({ id: u.id, name: u.display_name, regionName: ctx.regions.fullName(u.region_code) }));
}

/**
 * 列入名单: an enterprise of the caller's register put on the list, or back on it after it was taken off (a new
 * listing period on the same ledger, which keeps its history). One transaction, audited.
 */
export async function putOnList(ctx: ServiceContext, b: ListKeyEnterpriseBody): Promise<KeyEnterpriseDetail> {
  const today = chinaToday();
  const ledger: repo.LedgerFields = {
    followerId: b.followerId ?? null,
    baseYear: b.baseYear ?? null,
    baseHeadcount: b.baseHeadcount ?? null,
    note: null,
  };
  const problems: FieldProblem[] = [...listingProblems(b, today), ...baseHeadcountProblems(ledger, today)];
  const enterprise = await repo.enterpriseIn(ctx.db, ctx.scope.codes, b.enterpriseId);
  if (!enterprise) problems.push({ field: 'enterpriseId', code: 'invalid_value' });
  else problems.push(...(await followerProblems(ctx, ledger.followerId, enterprise.region_code)));
  if (problems.length || !enterprise) throw invalidFields(problems);
  const listing = { listedOn: b.listedOn, reasons: b.reasons, note: blankToNull(b.note) };
  try {
    const id = await withTx(ctx.db, async (tx) => {
      const existing = await repo.lockKeyEnterpriseOf(tx, enterprise.id);
      let keyId: string;
      if (existing) {
        if (existing.listed) {
          const open = await repo.openListing(tx, existing.id);
          throw new AppError('already_listed', { params: { date: open?.listed_on ?? '' } });
        }
        const last = await repo.lastDelisting(tx, existing.id);
        if (last && b.listedOn < last.delisted_on) {
          throw invalid('listedOn', 'before_delisted', { date: last.delisted_on });
        }
        keyId = existing.id;
        // Back on the list: the ledger keeps what it had unless the form gives new figures.
        await repo.updateKeyEnterprise(
          tx,
          keyId,
          {
            listed: true,
            regionCode: enterprise.region_code,
            followerId: b.followerId === undefined ? existing.follower_id : ledger.followerId,
            baseYear: b.baseYear === undefined ? existing.base_year : ledger.baseYear,
            baseHeadcount: b.baseHeadcount === undefined ? existing.base_headcount : ledger.baseHeadcount,
            note: existing.note,
          },
          ctx.actor.id,
        );
      } else {
        keyId = await repo.insertKeyEnterprise(tx, enterprise.id, enterprise.region_code, ledger, ctx.actor.id);
      }
      await repo.insertListing(tx, keyId, enterprise.region_code, listing, ctx.actor.id);
      await audit(tx, ctx, {
        action: 'key_enterprise.list',
        entityType: 'key_enterprise',
        entityId: keyId,
        regionCode: enterprise.region_code,
        result: 'success',
        details: {
          enterpriseId: enterprise.id,
          enterpriseName: enterprise.name,
          relisted: !!existing,
          after: { ...listing, ...ledger },
        },
      });
      return keyId;
    });
    return getKeyEnterprise(ctx, id);
  } catch (err) {
    // Two people listing the same enterprise at once: the second meets the unique index.
    if (isUniqueViolation(err)) throw new AppError('already_listed', { params: { date: b.listedOn } });
    throw err;
  }
}

async function lockInScope(ctx: ServiceContext, tx: Queryable, id: string) {
  const row = await repo.lockKeyEnterprise(tx, ctx.scope.codes, id);
  if (!row) throw await notFoundInScope(ctx, 'key_enterprise', id);
  return row;
}

/** The ledger's fields and the current listing's reasons, at the version read; audited with what changed. */
export async function updateKeyEnterprise(
  ctx: ServiceContext,
  id: string,
  b: UpdateKeyEnterpriseBody,
): Promise<KeyEnterpriseDetail> {
  const today = chinaToday();
  await withTx(ctx.db, async (tx) => {
    const row = await lockInScope(ctx, tx, id);
    if (row.version !== b.version) throw new AppError('version_conflict', { params: { version: row.version } });
    const open = await repo.openListing(tx, id);
    if (b.reasons && !open) {
      const last = await repo.lastDelisting(tx, id);
      throw new AppError('not_listed', { params: { date: last?.delisted_on ?? '' } });
    }
    const before = {
      reasons: open?.reasons ?? [],
      followerId: row.follower_id,
      baseYear: row.base_year,
      baseHeadcount: row.base_headcount,
      note: row.note,
    };
    const after = {
      reasons: b.reasons ?? before.reasons,
      followerId: b.followerId === undefined ? before.followerId : b.followerId,
      baseYear: b.baseYear === undefined ? before.baseYear : b.baseYear,
      baseHeadcount: b.baseHeadcount === undefined ? before.baseHeadcount : b.baseHeadcount,
      note: b.note === undefined ? before.note : blankToNull(b.note),
    };
    const problems: FieldProblem[] = [
      ...listingProblems({ reasons: b.reasons }, today),
      ...baseHeadcountProblems(after, today),
    ];
    if (after.followerId !== before.followerId) {
      problems.push(...(await followerProblems(ctx, after.followerId, row.region_code)));
    }
    if (problems.length) throw invalidFields(problems);
    const diff = changes(before, after);
    if (!diff) return;
    if (open && b.reasons && diff.after.reasons) await repo.setListingReasons(tx, open.id, after.reasons);
    await repo.updateKeyEnterprise(tx, id, { ...after, listed: row.listed, regionCode: row.region_code }, ctx.actor.id);
    await audit(tx, ctx, {
      action: 'key_enterprise.update',
      entityType: 'key_enterprise',
      entityId: id,
      regionCode: row.region_code,
      result: 'success',
      details: diff,
    });
  });
  return getKeyEnterprise(ctx, id);
}

/** 移出名单: the open listing period closed with its day and reason; nothing is deleted. */
export async function takeOffList(
  ctx: ServiceContext,
  id: string,
  b: DelistKeyEnterpriseBody,
): Promise<KeyEnterpriseDetail> {
  const today = chinaToday();
  await withTx(ctx.db, async (tx) => {
    const row = await lockInScope(ctx, tx, id);
    if (row.version !== b.version) throw new AppError('version_conflict', { params: { version: row.version } });
    const open = await repo.openListing(tx, id);
    if (!row.listed || !open) {
      const last = await repo.lastDelisting(tx, id);
      throw new AppError('not_listed', { params: { date: last?.delisted_on ?? '' } });
    }
    const problems = delistProblems(b.delistedOn, open.listed_on, today);
    if (problems.length) throw invalidFields(problems);
    await repo.closeListing(tx, open.id, b.delistedOn, b.reason, ctx.actor.id);
    await repo.updateKeyEnterprise(
      tx,
      id,
      {
        listed: false,
        regionCode: row.region_code,
        followerId: row.follower_id,
        baseYear: row.base_year,
        baseHeadcount: row.base_headcount,
        note: row.note,
      },
      ctx.actor.id,
    );
    await audit(tx, ctx, {
      action: 'key_enterprise.delist',
      entityType: 'key_enterprise',
      entityId: id,
      regionCode: row.region_code,
      result: 'success',
      details: { listedOn: open.listed_on, delistedOn: b.delistedOn, reason: b.reason },
    });
  });
  return getKeyEnterprise(ctx, id);
}

// ——— records on the ledger: policies, guidance, collective consultations ———

const RECORD_ENTITY = {
  policy: 'key_enterprise_policy',
  guidance: 'key_enterprise_guidance',
  consultation: 'collective_consultation',
} as const;

interface RecordBodies {
  policy: { create: CreateKeyPolicyBody; update: UpdateKeyPolicyBody; out: KeyPolicy };
  guidance: { create: CreateKeyGuidanceBody; update: UpdateKeyGuidanceBody; out: KeyGuidance };
  consultation: { create: CreateConsultationBody; update: UpdateConsultationBody; out: CollectiveConsultation };
}

/** A record's stored values in the API's names (the columns of RECORD_TABLES). */
function valuesOf(kind: repo.RecordKind, r: repo.RecordRows[repo.RecordKind]): Record<string, unknown> {
  if (kind === 'policy') {
    const p = r as repo.PolicyRow;
    return { kind: p.kind, amount: Number(p.amount), grantedOn: p.granted_on, note: p.note };
  }
  if (kind === 'guidance') {
    const g = r as repo.GuidanceRow;
    return { guidedOn: g.guided_on, guidedBy: g.guided_by, content: g.content };
  }
  const c = r as repo.ConsultationRow;
  return {
    heldOn: c.held_on,
    topics: c.topics,
    participants: c.participants,
    result: c.result,
    agreementReached: c.agreement_reached,
    agreementSummary: c.agreement_summary,
  };
}

/** The rules of each kind: no day in the future; an agreement reached has its summary. */
function recordProblems(kind: repo.RecordKind, v: Record<string, unknown>, today: string): FieldProblem[] {
  if (kind === 'policy') return (v.grantedOn as string) > today ? [{ field: 'grantedOn', code: 'future_date' }] : [];
  if (kind === 'guidance') return (v.guidedOn as string) > today ? [{ field: 'guidedOn', code: 'future_date' }] : [];
  return consultationProblems(
    {
      heldOn: v.heldOn as string,
      topics: v.topics as string[],
      agreementReached: v.agreementReached as boolean,
      agreementSummary: (v.agreementSummary as string | null) ?? null,
    },
    today,
  );
}

function normalise(kind: repo.RecordKind, v: Record<string, unknown>): Record<string, unknown> {
  const out = { ...v };
  if (kind === 'policy' && 'note' in out) out.note = blankToNull(out.note as string | null);
  if (kind === 'consultation') {
    if ('agreementSummary' in out) out.agreementSummary = blankToNull(out.agreementSummary as string | null);
    // No agreement, no summary of one.
    if (out.agreementReached === false) out.agreementSummary = null;
  }
  return out;
}

function presentRecord<K extends repo.RecordKind>(kind: K, r: repo.RecordRows[K]): RecordBodies[K]['out'] {
  if (kind === 'policy') return presentPolicy(r as repo.PolicyRow) as RecordBodies[K]['out'];
  if (kind === 'guidance') return presentGuidance(r as repo.GuidanceRow) as RecordBodies[K]['out'];
  return presentConsultation(r as repo.ConsultationRow) as RecordBodies[K]['out'];
}

/** Adds a policy, a guidance record or a consultation to a ledger of the caller's region; audited. */
export async function createRecord<K extends repo.RecordKind>(
  ctx: ServiceContext,
  kind: K,
  keyId: string,
  body: RecordBodies[K]['create'],
): Promise<RecordBodies[K]['out']> {
  const today = chinaToday();
  const values = normalise(kind, {
    ...(kind === 'guidance' ? { guidedBy: ctx.actor.displayName } : {}),
    ...body,
  });
  const problems = recordProblems(kind, values, today);
  const id = await withTx(ctx.db, async (tx) => {
    const key = await lockInScope(ctx, tx, keyId);
    if (problems.length) throw invalidFields(problems);
    const newId = await repo.insertRecord(tx, kind, keyId, key.region_code, values, ctx.actor.id);
    await audit(tx, ctx, {
      action: `${RECORD_ENTITY[kind]}.create`,
      entityType: RECORD_ENTITY[kind],
      entityId: newId,
      regionCode: key.region_code,
      result: 'success',
      details: { keyEnterpriseId: keyId, after: values },
    });
    return newId;
  });
  const row = await repo.getRecord(ctx.db, kind, ctx.scope.codes, keyId, id);
  if (!row) throw new AppError('not_found');
  return presentRecord(kind, row);
}

/** Corrects a record at the version read; audited with what changed. */
export async function updateRecord<K extends repo.RecordKind>(
  ctx: ServiceContext,
  kind: K,
  keyId: string,
  id: string,
  body: RecordBodies[K]['update'],
): Promise<RecordBodies[K]['out']> {
  const today = chinaToday();
  const { version, ...patch } = body as { version: number } & Record<string, unknown>;
  await withTx(ctx.db, async (tx) => {
    const row = await repo.getRecord(tx, kind, ctx.scope.codes, keyId, id, true);
    if (!row) throw await notFoundInScope(ctx, RECORD_ENTITY[kind], id);
    if (row.version !== version) throw new AppError('version_conflict', { params: { version: row.version } });
    const before = valuesOf(kind, row);
    const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
    const after = normalise(kind, { ...before, ...defined });
    const problems = recordProblems(kind, after, today);
    if (problems.length) throw invalidFields(problems);
    const diff = changes(before, after);
    if (!diff) return;
    await repo.updateRecord(tx, kind, id, after);
    await audit(tx, ctx, {
      action: `${RECORD_ENTITY[kind]}.update`,
      entityType: RECORD_ENTITY[kind],
      entityId: id,
      regionCode: row.region_code,
      result: 'success',
      details: { keyEnterpriseId: keyId, ...diff },
    });
  });
  const row = await repo.getRecord(ctx.db, kind, ctx.scope.codes, keyId, id);
  if (!row) throw new AppError('not_found');
  return presentRecord(kind, row);
}
