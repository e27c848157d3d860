import {
  type CreateMediationOrgBody,
  can,
  isValidPhone,
  type MediationOrg,
  type MediationOrgListQuery,
  maskPhone,
  orgStandard,
  type Page,
  type PublicMediationOrg,
  type UpdateMediationOrgBody,
} from '@hexie/core';
import { withTx } from '../../db/pool.js';
import { audit, changes } from '../../platform/audit.js';
import type { ServiceContext } from '../../platform/context.js';
import { AppError, type FieldProblem } from '../../platform/errors.js';
import type { Regions } from '../../platform/regions.js';
import { notFoundInScope } from '../../platform/scope-miss.js';
import { regionCodesOf } from '../enterprises/enterprises.service.js';
import * as repo from './mediation.repository.js';

// ——— 调解组织 ———

/** What staff see of an organisation: the contact's phone masked unless revealed (audited by the caller). */
export function presentOrg(regions: Regions, r: repo.OrgRow, revealPhone = false): MediationOrg {
  return {
    id: r.id,
    name: r.name,
    type: r.type,
    regionCode: r.region_code,
    regionName: regions.fullName(r.region_code),
    address: r.address,
    hasOffice: r.has_office,
    hasSign: r.has_sign,
    rulesPosted: r.rules_posted,
    filingStatus: r.filing_status,
    filedOn: r.filed_on,
    contactName: r.contact_name,
    contactPhone: r.contact_phone && !revealPhone ? maskPhone(r.contact_phone) : r.contact_phone,
    contactPhoneMasked: !!r.contact_phone && !revealPhone,
    active: r.active,
    activeMediators: r.active_mediators,
    standard: orgStandard({
      hasOffice: r.has_office,
      hasSign: r.has_sign,
      rulesPosted: r.rules_posted,
      activeMediators: r.active_mediators,
    }),
    version: r.version,
    updatedAt: r.updated_at.toISOString(),
  };
}

function presentPublicOrg(regions: Regions, r: repo.OrgRow): PublicMediationOrg {
  const { id, name, type, regionCode, regionName, address, filingStatus, activeMediators, standard } = presentOrg(
    regions,
    r,
  );
  return { id, name, type, regionCode, regionName, address, filingStatus, activeMediators, standard };
}

function orgRecordOf(r: repo.OrgRow): repo.OrgRecord {
  return {
    name: r.name,
    type: r.type,
    regionCode: r.region_code,
    address: r.address,
    hasOffice: r.has_office,
    hasSign: r.has_sign,
    rulesPosted: r.rules_posted,
    filingStatus: r.filing_status,
    filedOn: r.filed_on,
    contactName: r.contact_name,
    contactPhone: r.contact_phone,
    active: r.active,
  };
}

/** The audit log keeps who changed a phone number, never the number itself. */
const auditable = (r: Partial<repo.OrgRecord>) =>
  r.contactPhone ? { ...r, contactPhone: maskPhone(r.contactPhone) } : r;

const blankToNull = (v: string | null | undefined) => v?.trim() || null;

function checkOrg(ctx: ServiceContext, r: repo.OrgRecord): void {
  const problems: FieldProblem[] = [];
  if (!ctx.regions.get(r.regionCode)) problems.push({ field: 'regionCode', code: 'unknown_region' });
  else if (!ctx.scope.includes(r.regionCode)) problems.push({ field: 'regionCode', code: 'region_out_of_scope' });
  if (r.filingStatus === 'filed' && !r.filedOn) problems.push({ field: 'filedOn', code: 'required' });
  if (r.contactPhone && !isValidPhone(r.contactPhone)) problems.push({ field: 'contactPhone', code: 'invalid_phone' });
  if (problems.length) throw new AppError('validation_failed', { fields: problems });
}

const isUniqueViolation = (err: unknown) => (err as { code?: string }).code === '23505';

export async function listOrgs(ctx: ServiceContext, q: MediationOrgListQuery): Promise<Page<MediationOrg>> {
  const { rows, total } = await repo.listOrgs(ctx.db, {
    regionCodes: regionCodesOf(ctx, q.regionCode),
    q: q.q,
    type: q.type,
    filingStatus: q.filingStatus,
    standardMet: q.standardMet === undefined ? undefined : q.standardMet === 'true',
    page: q.page,
    pageSize: q.pageSize,
  });
  return { items: rows.map((r) => presentOrg(ctx.regions, r)), total, page: q.page, pageSize: q.pageSize };
}

/** One organisation; `reveal` shows the contact's phone to a role that may see personal data, audited. */
export async function getOrg(ctx: ServiceContext, id: string, reveal = false): Promise<MediationOrg> {
  const row = await repo.getOrg(ctx.db, ctx.scope.codes, id);
  if (!row) throw await notFoundInScope(ctx, 'mediation_org', id);
  if (reveal && !can(ctx.actor.role, 'personal:read')) throw new AppError('forbidden');
  if (reveal && row.contact_phone) {
    await audit(ctx.db, ctx, {
      action: 'mediation_org.reveal',
      entityType: 'mediation_org',
      entityId: id,
      regionCode: row.region_code,
      result: 'success',
      details: { fields: ['contactPhone'] },
    });
  }
  return presentOrg(ctx.regions, row, reveal);
}

export async function createOrg(ctx: ServiceContext, b: CreateMediationOrgBody): Promise<MediationOrg> {
  const record: repo.OrgRecord = {
    name: b.name,
    type: b.type,
    regionCode: b.regionCode,
    address: blankToNull(b.address),
    hasOffice: b.hasOffice ?? false,
    hasSign: b.hasSign ?? false,
    rulesPosted: b.rulesPosted ?? false,
    filingStatus: b.filingStatus ?? 'not_filed',
    filedOn: b.filedOn ?? null,
    contactName: blankToNull(b.contactName),
    contactPhone: blankToNull(b.contactPhone),
    active: b.active ?? true,
  };
  checkOrg(ctx, record);
  try {
    const id = await withTx(ctx.db, async (tx) => {
      const newId = await repo.insertOrg(tx, record);
      await audit(tx, ctx, {
        action: 'mediation_org.create',
        entityType: 'mediation_org',
        entityId: newId,
        regionCode: record.regionCode,
        result: 'success',
        details: { after: auditable(record) },
      });
      return newId;
    });
    return getOrg(ctx, id);
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('org_name_taken', { params: { name: record.name } });
    throw err;
  }
}

export async function updateOrg(ctx: ServiceContext, id: string, b: UpdateMediationOrgBody): Promise<MediationOrg> {
  const { version, ...patch } = b;
  try {
    await withTx(ctx.db, async (tx) => {
      const row = await repo.getOrg(tx, ctx.scope.codes, id, true);
      if (!row) throw await notFoundInScope(ctx, 'mediation_org', id);
      if (row.version !== version) throw new AppError('version_conflict', { params: { version: row.version } });
      const before = orgRecordOf(row);
      const text = (v: string | null | undefined, was: string | null) => (v === undefined ? was : blankToNull(v));
      const after: repo.OrgRecord = {
        name: patch.name ?? before.name,
        type: patch.type ?? before.type,
        regionCode: patch.regionCode ?? before.regionCode,
        address: text(patch.address, before.address),
        hasOffice: patch.hasOffice ?? before.hasOffice,
        hasSign: patch.hasSign ?? before.hasSign,
        rulesPosted: patch.rulesPosted ?? before.rulesPosted,
        filingStatus: patch.filingStatus ?? before.filingStatus,
        filedOn: patch.filedOn === undefined ? before.filedOn : patch.filedOn,
        contactName: text(patch.contactName, before.contactName),
        contactPhone: text(patch.contactPhone, before.contactPhone),
        active: patch.active ?? before.active,
      };
      checkOrg(ctx, after);
      const diff = changes(before, after);
      if (!diff) return;
      await repo.updateOrg(tx, id, after);
      await audit(tx, ctx, {
        action: 'mediation_org.update',
        entityType: 'mediation_org',
        entityId: id,
        regionCode: after.regionCode,
        result: 'success',
        details: { before: auditable(diff.before), after: auditable(diff.after) },
      });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('org_name_taken', { params: { name: patch.name ?? '' } });
    throw err;
  }
  return getOrg(ctx, id);
}

/** The public roster (名册制度): active organisations anywhere in the province, no person's phone. */
export async function publicOrgs(
  db: ServiceContext['db'],
  regions: Regions,
  q: {
    q?: string | undefined;
    type?: MediationOrg['type'] | undefined;
    regionCode?: string | undefined;
    page: number;
    pageSize: number;
  },
): Promise<Page<PublicMediationOrg>> {
  const regionCodes = regions.scopeOf(q.regionCode && regions.get(q.regionCode) ? q.regionCode : '220000').codes;
  const { rows, total } = await repo.listOrgs(db, {
    regionCodes,
    q: q.q,
    type: q.type,
    active: true,
    page: q.page,
    pageSize: q.pageSize,
  });
  return { items: rows.map((r) => presentPublicOrg(regions, r)), total, page: q.page, pageSize: q.pageSize };
}
