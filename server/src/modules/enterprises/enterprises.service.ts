import {
  type CreateEnterpriseBody,
  can,
  checkEnterprise,
  chinaToday,
  ENTERPRISE_SOURCE_LABELS,
  type Enterprise,
  type EnterpriseFields,
  type EnterpriseListQuery,
  type EnterpriseRecord,
  findIndustry,
  OWNERSHIP_LABELS,
  type Page,
  PROVINCE_CODE,
  SIZE_CLASS_LABELS,
  type UpdateEnterpriseBody,
} from '@hexie/core';
import type { FastifyReply } from 'fastify';
import { withTx } from '../../db/pool.js';
import { audit, changes } from '../../platform/audit.js';
import type { ServiceContext } from '../../platform/context.js';
import { AppError, type FieldProblem, isUniqueViolation } from '../../platform/errors.js';
import { EXPORT_MAX_ROWS, type ExportColumn, sendXlsx, streamQuery } from '../../platform/export/xlsx.js';
import { notFoundInScope } from '../../platform/scope-miss.js';
import { auditable, presentEnterprise, recordOf } from './enterprises.presenter.js';
import * as repo from './enterprises.repository.js';

/** Only administrators may keep a legacy credit code that fails its check (DOMAIN-RULES §4). */
const MAY_OVERRIDE_CREDIT_CODE = new Set(['province_admin', 'region_admin']);

/** The region codes a list searches: the caller's scope, or the subtree of a region inside it. */
export function regionCodesOf(ctx: ServiceContext, regionCode: string | undefined): readonly string[] {
  if (!regionCode) return ctx.scope.codes;
  return ctx.scope.includes(regionCode) ? ctx.regions.scopeOf(regionCode).codes : [];
}

/** The region part of a register filter: the codes searched, whether they are the whole province, their token. */
export function regionFilterOf(
  ctx: ServiceContext,
  regionCode: string | undefined,
): Pick<repo.EnterpriseFilter, 'regionCodes' | 'wholeProvince' | 'regionToken'> {
  const regionCodes = regionCodesOf(ctx, regionCode);
  return {
    regionCodes,
    wholeProvince: !regionCode && ctx.scope.isProvince,
    regionToken: repo.regionToken(regionCodes, ctx.regions.scopeOf(PROVINCE_CODE).codes),
  };
}

/**
 * The rules of core plus what needs the caller: region known and in scope, and who may keep a legacy code
 * (only when the code or its reason is new: staff may still edit the other fields of such a record).
 */
export function validate(ctx: ServiceContext, fields: EnterpriseFields, previous?: EnterpriseRecord): EnterpriseRecord {
  const checked = checkEnterprise(fields, chinaToday());
  const problems: FieldProblem[] = checked.problems ? [...checked.problems] : [];
  if (!ctx.regions.get(fields.regionCode)) problems.push({ field: 'regionCode', code: 'unknown_region' });
  else if (!ctx.scope.includes(fields.regionCode)) problems.push({ field: 'regionCode', code: 'region_out_of_scope' });
  const kept = checked.record?.creditCodeOverrideReason;
  const newOverride =
    kept && (previous?.creditCode !== checked.record?.creditCode || previous?.creditCodeOverrideReason !== kept);
  if (newOverride && !MAY_OVERRIDE_CREDIT_CODE.has(ctx.actor.role)) {
    problems.push({ field: 'creditCodeOverrideReason', code: 'role_not_allowed' });
  }
  if (problems.length || !checked.record) throw new AppError('validation_failed', { fields: problems });
  return checked.record;
}

export async function listEnterprises(ctx: ServiceContext, query: EnterpriseListQuery): Promise<Page<Enterprise>> {
  const { rows, total, totalCapped } = await repo.listEnterprises(ctx.db, {
    ...query,
    ...regionFilterOf(ctx, query.regionCode),
  });
  return {
    items: rows.map((r) => presentEnterprise(r, ctx.regions)),
    total,
    ...(totalCapped ? { totalCapped } : {}),
    page: query.page,
    pageSize: query.pageSize,
  };
}

/**
 * One enterprise. `reveal` shows the contact phone unmasked to a role that may see personal data, and the
 * reveal is audited; anyone else gets it masked.
 */
export async function getEnterprise(ctx: ServiceContext, id: string, reveal = false): Promise<Enterprise> {
  const row = await repo.getEnterprise(ctx.db, ctx.scope, id);
  if (!row) throw await notFoundInScope(ctx, 'enterprise', id);
  if (reveal && !can(ctx.actor.role, 'personal:read')) throw new AppError('forbidden');
  if (reveal && row.contact_phone) {
    await audit(ctx.db, ctx, {
      action: 'enterprise.reveal',
      entityType: 'enterprise',
      entityId: row.id,
      regionCode: row.region_code,
      result: 'success',
      details: { fields: ['contactPhone'] },
    });
  }
  return presentEnterprise(row, ctx.regions, reveal);
}

/** 本企业: an enterprise user's own record, contact details included (it is their own data). */
export async function getMyEnterprise(ctx: ServiceContext): Promise<Enterprise> {
  if (!ctx.actor.enterpriseId) throw new AppError('not_found');
  const row = await repo.getEnterprise(ctx.db, ctx.scope, ctx.actor.enterpriseId);
  if (!row) throw new AppError('not_found');
  return presentEnterprise(row, ctx.regions, true);
}

/** The export's columns: the import template's headers first (so an export can be edited and imported back). */
function exportColumns(ctx: ServiceContext): ExportColumn<repo.EnterpriseRow>[] {
  const label = <K extends string>(table: Record<K, { 'zh-CN': string }>, k: K | null) =>
    k ? table[k]['zh-CN'] : null;
  const num = (v: string | null) => (v === null ? null : Number(v));
  return [
    { header: '统一社会信用代码', kind: 'code', width: 24, value: (r) => r.credit_code },
    { header: '企业名称', width: 36, value: (r) => r.name },
    { header: '所属区划', width: 22, value: (r) => ctx.regions.fullName(r.region_code) },
    { header: '行业代码', kind: 'code', width: 10, value: (r) => r.industry_code },
    { header: '登记注册类型', width: 14, value: (r) => label(OWNERSHIP_LABELS, r.ownership) },
    { header: '从业人员数', kind: 'number', value: (r) => r.employees },
    { header: '营业收入（万元）', kind: 'number', width: 16, value: (r) => num(r.revenue) },
    { header: '资产总额（万元）', kind: 'number', width: 16, value: (r) => num(r.assets) },
    { header: '成立日期', kind: 'code', width: 12, value: (r) => r.registered_on },
    { header: '注册地址', width: 36, value: (r) => r.address },
    { header: '法定代表人', value: (r) => r.legal_representative },
    { header: '联系人', value: (r) => r.contact_name },
    // Masked by the export engine unless revealed (reveal=phone, personal:read, audited as a reveal).
    { header: '联系电话', kind: 'code', width: 16, personal: 'phone', value: (r) => r.contact_phone },
    { header: '数据来源', width: 14, value: (r) => label(ENTERPRISE_SOURCE_LABELS, r.source) },
    { header: '行业名称', width: 24, value: (r) => findIndustry(r.industry_code)?.name ?? null },
    { header: '企业规模', value: (r) => label(SIZE_CLASS_LABELS, r.size_class) ?? '无法判定' },
  ];
}

/**
 * 导出: the list's filters, every matching row, streamed as xlsx. Phones are masked unless the caller may see
 * personal data and asked for them (`reveal=phone`), which the audit records as an unmasked export.
 */
export async function exportEnterprises(
  ctx: ServiceContext,
  reply: FastifyReply,
  query: Omit<EnterpriseListQuery, 'page' | 'pageSize'>,
  reveal: boolean,
): Promise<FastifyReply> {
  if (reveal && !can(ctx.actor.role, 'personal:read')) throw new AppError('forbidden');
  const filter = {
    ...query,
    ...regionFilterOf(ctx, query.regionCode),
    ...(query.q ? { commonGrams: await repo.commonGrams(ctx.db) } : {}),
  };
  const { sql, params } = repo.whereOf(filter);
  const counted = await ctx.db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM (SELECT 1 FROM enterprises e WHERE ${sql} LIMIT ${EXPORT_MAX_ROWS + 1}) s`,
    params,
  );
  const q = repo.exportQuery(filter);
  return sendXlsx(ctx, reply, {
    entity: 'enterprise',
    fileName: `企业名录-${chinaToday()}`,
    asciiName: `enterprises-${chinaToday()}`,
    sheet: '企业名录',
    columns: exportColumns(ctx),
    rows: streamQuery<repo.EnterpriseRow>(ctx.db, q.sql, q.params),
    count: counted.rows[0]?.n ?? 0,
    filters: query,
    reveal,
  });
}

async function assertCodeFree(ctx: ServiceContext, creditCode: string, exceptId?: string): Promise<void> {
  const holder = await repo.findByCreditCode(ctx.db, creditCode);
  if (holder && holder.id !== exceptId) throw new AppError('credit_code_taken', { params: { creditCode } });
}

export async function createEnterprise(ctx: ServiceContext, body: CreateEnterpriseBody): Promise<Enterprise> {
  const record = validate(ctx, body);
  await assertCodeFree(ctx, record.creditCode);
  try {
    const id = await withTx(ctx.db, async (tx) => {
      const newId = await repo.insertEnterprise(tx, record, ctx.actor.id);
      await audit(tx, ctx, {
        action: 'enterprise.create',
        entityType: 'enterprise',
        entityId: newId,
        regionCode: record.regionCode,
        result: 'success',
        details: { after: auditable(record) },
      });
      return newId;
    });
    return getEnterprise(ctx, id);
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('credit_code_taken', { params: { creditCode: record.creditCode } });
    throw err;
  }
}

/**
 * Changes what the body carries. The body names the version it was read at: if the record has moved on since,
 * 412 and nothing changes. A body that changes nothing keeps the version.
 */
export async function updateEnterprise(
  ctx: ServiceContext,
  id: string,
  body: UpdateEnterpriseBody,
): Promise<Enterprise> {
  const { version, ...patch } = body;
  try {
    await withTx(ctx.db, async (tx) => {
      const row = await repo.getEnterprise(tx, ctx.scope, id, true);
      if (!row) throw await notFoundInScope(ctx, 'enterprise', id);
      if (row.version !== version) throw new AppError('version_conflict', { params: { version: row.version } });
      const before = recordOf(row);
      const merged: EnterpriseFields = { ...before, ...patch };
      const after = validate(ctx, merged, before);
      const diff = changes(before, after);
      if (!diff) return;
      if (after.creditCode !== before.creditCode) await assertCodeFree(ctx, after.creditCode, id);
      await repo.updateEnterprise(tx, id, after, ctx.actor.id);
      await audit(tx, ctx, {
        action: 'enterprise.update',
        entityType: 'enterprise',
        entityId: id,
        regionCode: after.regionCode,
        result: 'success',
        details: { before: auditable(diff.before), after: auditable(diff.after), version: version + 1 },
      });
    });
  } catch (err) {
    if (isUniqueViolation(err))
      throw new AppError('credit_code_taken', { params: { creditCode: patch.creditCode ?? '' } });
    throw err;
  }
  return getEnterprise(ctx, id);
}
