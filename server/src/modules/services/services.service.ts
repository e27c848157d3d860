import {
  type CreateExpertBody,
  type CreateServiceRecordBody,
  can,
  chinaToday,
  type Expert,
  type ExpertKind,
  isValidPhone,
  NEW_ENTERPRISE_MONTHS,
  type Page,
  PROVINCE_CODE,
  PROVINCE_SERVICE_GOAL,
  PROVINCE_SERVICE_GOAL_YEARS,
  type ServiceProgress,
  type ServiceRecord,
  type ServiceRecordListQuery,
  type ServiceTargets,
  type ServiceTargetsBody,
  type UpdateExpertBody,
  type UpdateServiceRecordBody,
} from '@hexie/core';
import { withTx } from '../../db/pool.js';
import { audit, changes } from '../../platform/audit.js';
import type { ServiceContext } from '../../platform/context.js';
import { AppError, type FieldProblem } from '../../platform/errors.js';
import { blankToNull } from '../../platform/fields.js';
import { notFoundInScope } from '../../platform/scope-miss.js';
import { regionCodesOf } from '../enterprises/enterprises.service.js';
import { auditableExpert, expertRecordOf, presentExpert, presentRecord } from './services.presenter.js';
import * as repo from './services.repository.js';

// ——— 专家服务团队 ———

/**
 * Team members a caller may see and call on: their region's and below, and the teams of the regions above
 * (the province's experts serve everyone). Only those in the caller's own scope can be changed.
 */
function expertRegions(ctx: ServiceContext): string[] {
  return [...new Set([...ctx.scope.codes, ...ctx.regions.lineage(ctx.actor.regionCode)])];
}

export async function listExperts(
  ctx: ServiceContext,
  q: {
    q?: string | undefined;
    kind?: ExpertKind | undefined;
    regionCode?: string | undefined;
    active?: 'true' | 'false' | undefined;
    page: number;
    pageSize: number;
  },
): Promise<Page<Expert>> {
  const { rows, total } = await repo.listExperts(ctx.db, {
    regionCodes: q.regionCode ? regionCodesOf(ctx, q.regionCode) : expertRegions(ctx),
    q: q.q,
    kind: q.kind,
    active: q.active === undefined ? undefined : q.active === 'true',
    page: q.page,
    pageSize: q.pageSize,
  });
  return { items: rows.map((r) => presentExpert(ctx, r)), total, page: q.page, pageSize: q.pageSize };
}

/**
 * One team member. `reveal` shows the phone unmasked to a role that may see personal data, and the reveal is
 * audited; anyone else is refused (403).
 */
export async function getExpert(ctx: ServiceContext, id: string, reveal = false): Promise<Expert> {
  const row = await repo.getExpert(ctx.db, expertRegions(ctx), id);
  if (!row) throw await notFoundInScope(ctx, 'service_expert', id);
  if (reveal && !can(ctx.actor.role, 'personal:read')) throw new AppError('forbidden');
  if (reveal && row.phone) {
    await audit(ctx.db, ctx, {
      action: 'service_expert.reveal',
      entityType: 'service_expert',
      entityId: id,
      regionCode: row.region_code,
      result: 'success',
      details: { fields: ['phone'] },
    });
  }
  return presentExpert(ctx, row, reveal);
}

function checkExpert(ctx: ServiceContext, r: repo.ExpertRecord): void {
  const problems: FieldProblem[] = [];
  if (!ctx.regions.get(r.regionCode)) problems.push({ field: 'regionCode', code: 'unknown_region' });
  else if (!ctx.scope.includes(r.regionCode)) problems.push({ field: 'regionCode', code: 'region_out_of_scope' });
  if (r.phone && !isValidPhone(r.phone)) problems.push({ field: 'phone', code: 'invalid_phone' });
  if (problems.length) throw new AppError('validation_failed', { fields: problems });
}

export async function createExpert(ctx: ServiceContext, b: CreateExpertBody): Promise<Expert> {
  const record: repo.ExpertRecord = {
    name: b.name,
    kind: b.kind,
    organisation: blankToNull(b.organisation),
    title: blankToNull(b.title),
    regionCode: b.regionCode,
    phone: blankToNull(b.phone),
    active: b.active ?? true,
  };
  checkExpert(ctx, record);
  const id = await withTx(ctx.db, async (tx) => {
    const newId = await repo.insertExpert(tx, record);
    await audit(tx, ctx, {
      action: 'service_expert.create',
      entityType: 'service_expert',
      entityId: newId,
      regionCode: record.regionCode,
      result: 'success',
      details: { after: auditableExpert(record) },
    });
    return newId;
  });
  return getExpert(ctx, id);
}

export async function updateExpert(ctx: ServiceContext, id: string, b: UpdateExpertBody): Promise<Expert> {
  const { version, ...patch } = b;
  await withTx(ctx.db, async (tx) => {
    const row = await repo.getExpert(tx, ctx.scope.codes, id, true);
    if (!row) throw await notFoundInScope(ctx, 'service_expert', id);
    if (row.version !== version) throw new AppError('version_conflict', { params: { version: row.version } });
    const before = expertRecordOf(row);
    const after: repo.ExpertRecord = {
      ...before,
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.kind !== undefined ? { kind: patch.kind } : {}),
      ...(patch.organisation !== undefined ? { organisation: blankToNull(patch.organisation) } : {}),
      ...(patch.title !== undefined ? { title: blankToNull(patch.title) } : {}),
      ...(patch.regionCode !== undefined ? { regionCode: patch.regionCode } : {}),
      ...(patch.phone !== undefined ? { phone: blankToNull(patch.phone) } : {}),
      ...(patch.active !== undefined ? { active: patch.active } : {}),
    };
    checkExpert(ctx, after);
    const diff = changes(before, after);
    if (!diff) return;
    await repo.updateExpert(tx, id, after);
    await audit(tx, ctx, {
      action: 'service_expert.update',
      entityType: 'service_expert',
      entityId: id,
      regionCode: after.regionCode,
      result: 'success',
      details: { before: auditableExpert(diff.before), after: auditableExpert(diff.after) },
    });
  });
  return getExpert(ctx, id);
}

// ——— 服务记录 ———

export async function listServiceRecords(ctx: ServiceContext, q: ServiceRecordListQuery): Promise<Page<ServiceRecord>> {
  const { rows, total } = await repo.listRecords(ctx.db, { ...q, regionCodes: regionCodesOf(ctx, q.regionCode) });
  return { items: rows.map((r) => presentRecord(ctx, r)), total, page: q.page, pageSize: q.pageSize };
}

export async function getServiceRecord(ctx: ServiceContext, id: string): Promise<ServiceRecord> {
  const row = await repo.getRecord(ctx.db, ctx.scope.codes, id);
  if (!row) throw await notFoundInScope(ctx, 'service_record', id);
  return presentRecord(ctx, row);
}

/** Dates (served not in the future, follow-up not before it) and experts the caller may call on. */
async function checkRecord(ctx: ServiceContext, r: repo.ServiceRecordFields, problems: FieldProblem[] = []) {
  if (r.servedOn > chinaToday()) problems.push({ field: 'servedOn', code: 'future_date' });
  if (r.followUpDue && r.followUpDue < r.servedOn) problems.push({ field: 'followUpDue', code: 'invalid_value' });
  if ((await repo.countExperts(ctx.db, r.expertIds, expertRegions(ctx))) !== r.expertIds.length) {
    problems.push({ field: 'expertIds', code: 'invalid_value' });
  }
  if (problems.length) throw new AppError('validation_failed', { fields: problems });
}

const unique = <T>(xs: readonly T[]) => [...new Set(xs)];

export async function createServiceRecord(ctx: ServiceContext, b: CreateServiceRecordBody): Promise<ServiceRecord> {
  const fields: repo.ServiceRecordFields = {
    servedOn: b.servedOn,
    channel: b.channel,
    topics: unique(b.topics),
    expertIds: unique(b.expertIds),
    findings: blankToNull(b.findings),
    followUp: blankToNull(b.followUp),
    followUpDue: b.followUpDue ?? null,
  };
  // The record takes the enterprise's region, so the record itself is region-scoped like every ledger row.
  const regionCode = await repo.enterpriseRegion(ctx.db, ctx.scope.codes, b.enterpriseId);
  await checkRecord(ctx, fields, regionCode ? [] : [{ field: 'enterpriseId', code: 'invalid_value' }]);
  const id = await withTx(ctx.db, async (tx) => {
    const newId = await repo.insertRecord(tx, {
      ...fields,
      enterpriseId: b.enterpriseId,
      regionCode: regionCode as string,
      recordedBy: ctx.actor.id,
    });
    await audit(tx, ctx, {
      action: 'service_record.create',
      entityType: 'service_record',
      entityId: newId,
      regionCode,
      result: 'success',
      details: { after: { enterpriseId: b.enterpriseId, ...fields } },
    });
    return newId;
  });
  return getServiceRecord(ctx, id);
}

export async function updateServiceRecord(
  ctx: ServiceContext,
  id: string,
  b: UpdateServiceRecordBody,
): Promise<ServiceRecord> {
  const { version, ...patch } = b;
  await withTx(ctx.db, async (tx) => {
    const row = await repo.lockRecord(tx, ctx.scope.codes, id);
    if (!row) throw await notFoundInScope(ctx, 'service_record', id);
    if (row.version !== version) throw new AppError('version_conflict', { params: { version: row.version } });
    const { regionCode, version: _v, ...before } = row;
    const after: repo.ServiceRecordFields = {
      ...before,
      ...(patch.servedOn !== undefined ? { servedOn: patch.servedOn } : {}),
      ...(patch.channel !== undefined ? { channel: patch.channel } : {}),
      ...(patch.topics !== undefined ? { topics: unique(patch.topics) } : {}),
      ...(patch.expertIds !== undefined ? { expertIds: unique(patch.expertIds) } : {}),
      ...(patch.findings !== undefined ? { findings: blankToNull(patch.findings) } : {}),
      ...(patch.followUp !== undefined ? { followUp: blankToNull(patch.followUp) } : {}),
      ...(patch.followUpDue !== undefined ? { followUpDue: patch.followUpDue } : {}),
    };
    const diff = changes(before, after);
    if (!diff) return;
    // Experts already on the record stay valid even if the caller could not pick them today.
    await checkRecord(ctx, {
      ...after,
      expertIds: diff.after.expertIds ? after.expertIds.filter((x) => !before.expertIds.includes(x)) : [],
    });
    await repo.updateRecord(tx, id, after);
    await audit(tx, ctx, {
      action: 'service_record.update',
      entityType: 'service_record',
      entityId: id,
      regionCode,
      result: 'success',
      details: diff,
    });
  });
  return getServiceRecord(ctx, id);
}

// ——— 目标与进度 ———

/** The regions a yearly target belongs to: the province (its own, optional) and the 11 reporting units. */
function targetRegions(ctx: ServiceContext) {
  const province = ctx.regions.get(PROVINCE_CODE);
  return [...(province ? [province] : []), ...ctx.regions.reportingUnits()];
}

/** 年度目标 of the province and the reporting units in the caller's scope. */
export async function getTargets(ctx: ServiceContext, year: number): Promise<ServiceTargets> {
  const regions = targetRegions(ctx).filter((r) => ctx.scope.includes(r.code));
  const byCode = await repo.targetsOf(
    ctx.db,
    year,
    regions.map((r) => r.code),
  );
  return {
    year,
    targets: regions.map((r) => ({ regionCode: r.code, regionName: r.name, target: byCode.get(r.code) ?? null })),
  };
}

/** The province sets yearly targets (下达年度目标), all in one transaction, audited with before and after. */
export async function setTargets(ctx: ServiceContext, body: ServiceTargetsBody): Promise<ServiceTargets> {
  const allowed = new Set(targetRegions(ctx).map((r) => r.code));
  const seen = new Set<string>();
  const problems: FieldProblem[] = [];
  body.targets.forEach((t, i) => {
    if (!allowed.has(t.regionCode) || seen.has(t.regionCode)) {
      problems.push({ field: `targets.${i}.regionCode`, code: 'invalid_value' });
    }
    seen.add(t.regionCode);
  });
  if (problems.length) throw new AppError('validation_failed', { fields: problems });
  await withTx(ctx.db, async (tx) => {
    const before = await repo.upsertTargets(tx, body.year, body.targets, ctx.actor.id);
    await audit(tx, ctx, {
      action: 'service_target.set',
      entityType: 'service_target',
      entityId: String(body.year),
      regionCode: PROVINCE_CODE,
      result: 'success',
      details: {
        year: body.year,
        before,
        after: Object.fromEntries(body.targets.map((t) => [t.regionCode, t.target])),
      },
    });
  });
  return getTargets(ctx, body.year);
}

/**
 * 服务新注册企业户数 for the caller's region (or a region inside it) in a year: its own figure against its target
 * (its own target, else the sum of its units' targets), one row per child region, a monthly series, and the
 * province's three-year goal. Definition: core's NEW_ENTERPRISE_MONTHS; SQL: repo.FIRST_SERVICES_SQL.
 */
export async function serviceProgress(
  ctx: ServiceContext,
  year: number,
  regionCode?: string,
): Promise<ServiceProgress> {
  const root = regionCode ?? ctx.actor.regionCode;
  const node = ctx.regions.get(root);
  if (!node || !ctx.scope.includes(root)) {
    throw new AppError('validation_failed', {
      fields: [{ field: 'regionCode', code: node ? 'region_out_of_scope' : 'unknown_region' }],
    });
  }
  const codes = ctx.regions.scopeOf(root).codes;
  const fromYear = year - PROVINCE_SERVICE_GOAL_YEARS + 1;
  const [rows, target] = await Promise.all([
    repo.newEnterprisesServed(ctx.db, codes, fromYear, year, NEW_ENTERPRISE_MONTHS),
    repo.targetsOf(ctx.db, year, codes),
  ]);
  const served = new Map<string, number>();
  const perMonth = new Map<string, number>();
  let goalServed = 0;
  for (const r of rows) {
    goalServed += r.n;
    if (!r.month.startsWith(`${year}-`)) continue;
    served.set(r.region_code, (served.get(r.region_code) ?? 0) + r.n);
    perMonth.set(r.month, (perMonth.get(r.month) ?? 0) + r.n);
  }
  const sumIn = (code: string) => ctx.regions.scopeOf(code).codes.reduce((s, c) => s + (served.get(c) ?? 0), 0);
  const rate = (s: number, t: number | null) => (t ? Math.round((s / t) * 1000) / 1000 : null);
  const units = node.children.map((c) => {
    const s = sumIn(c.code);
    const t = target.get(c.code) ?? null;
    return { regionCode: c.code, regionName: c.name, target: t, served: s, rate: rate(s, t) };
  });
  const total = sumIn(root);
  const ownTarget =
    target.get(root) ?? (units.some((u) => u.target !== null) ? units.reduce((s, u) => s + (u.target ?? 0), 0) : null);
  return {
    year,
    regionCode: root,
    regionName: ctx.regions.fullName(root),
    target: ownTarget,
    served: total,
    rate: rate(total, ownTarget),
    goal: { target: PROVINCE_SERVICE_GOAL, served: goalServed, fromYear, toYear: year },
    units,
    monthly: Array.from({ length: 12 }, (_, i) => {
      const month = `${year}-${String(i + 1).padStart(2, '0')}`;
      return { month, served: perMonth.get(month) ?? 0 };
    }),
  };
}
