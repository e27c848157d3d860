import {
  type CreateMediationOrgBody,
  type CreateMediatorBody,
  can,
  type MediationOrg,
  type MediationOrgListQuery,
  type Mediator,
  type MediatorListQuery,
  maskIdNumber,
  maskPhone,
  mediationOrgProblems,
  mediatorProblems,
  normaliseCode,
  orgStandard,
  type Page,
  type PublicMediationOrg,
  type UpdateMediationOrgBody,
  type UpdateMediatorBody,
} from '@hexie/core';
import { withTx } from '../../db/pool.js';
import { audit, changes } from '../../platform/audit.js';
import type { ServiceContext } from '../../platform/context.js';
import { AppError, type FieldProblem, invalidFields, isUniqueViolation } from '../../platform/errors.js';
import { blankToNull } from '../../platform/fields.js';
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

export function orgRecordOf(r: repo.OrgRow): repo.OrgRecord {
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
export const auditable = (r: Partial<repo.OrgRecord>) =>
  r.contactPhone ? { ...r, contactPhone: maskPhone(r.contactPhone) } : r;

function checkOrg(ctx: ServiceContext, r: repo.OrgRecord): void {
  const problems: FieldProblem[] = [];
  if (!ctx.regions.get(r.regionCode)) problems.push({ field: 'regionCode', code: 'unknown_region' });
  else if (!ctx.scope.includes(r.regionCode)) problems.push({ field: 'regionCode', code: 'region_out_of_scope' });
  problems.push(...mediationOrgProblems(r));
  if (problems.length) throw new AppError('validation_failed', { fields: problems });
}

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

// ——— 调解员 ———

function presentMediator(r: repo.MediatorRow, reveal = false): Mediator {
  return {
    id: r.id,
    orgId: r.org_id,
    orgName: r.org_name,
    regionCode: r.region_code,
    name: r.name,
    idNumber: r.id_number && !reveal ? maskIdNumber(r.id_number) : r.id_number,
    phone: r.phone && !reveal ? maskPhone(r.phone) : r.phone,
    personalMasked: !reveal && !!(r.id_number || r.phone),
    fullTime: r.full_time,
    trainings: r.trainings,
    active: r.active,
    version: r.version,
  };
}

export const mediatorRecordOf = (r: repo.MediatorRow): repo.MediatorRecord => ({
  name: r.name,
  idNumber: r.id_number,
  phone: r.phone,
  fullTime: r.full_time,
  // jsonb keeps keys in its own order: rebuilt in the schema's, so an unchanged list compares equal (changes()).
  trainings: r.trainings.map((t) => ({ on: t.on, title: t.title, hours: t.hours })),
  active: r.active,
});

/** The audit log keeps who changed an ID or phone number, never the number. */
export const auditableMediator = (r: Partial<repo.MediatorRecord>) => ({
  ...r,
  ...(r.idNumber ? { idNumber: maskIdNumber(r.idNumber) } : {}),
  ...(r.phone ? { phone: maskPhone(r.phone) } : {}),
});

function checkMediator(r: repo.MediatorRecord): void {
  const problems = mediatorProblems(r);
  if (problems.length) throw invalidFields(problems);
}

export async function listMediators(ctx: ServiceContext, q: MediatorListQuery): Promise<Page<Mediator>> {
  const { rows, total } = await repo.listMediators(ctx.db, {
    regionCodes: regionCodesOf(ctx, q.regionCode),
    orgId: q.orgId,
    q: q.q,
    active: q.active === undefined ? undefined : q.active === 'true',
    page: q.page,
    pageSize: q.pageSize,
  });
  return { items: rows.map((r) => presentMediator(r)), total, page: q.page, pageSize: q.pageSize };
}

/** One mediator; `reveal` shows the ID and phone to a role with personal:read, audited. */
export async function getMediator(ctx: ServiceContext, id: string, reveal = false): Promise<Mediator> {
  const row = await repo.getMediator(ctx.db, ctx.scope.codes, id);
  if (!row) throw await notFoundInScope(ctx, 'mediator', id);
  if (reveal && !can(ctx.actor.role, 'personal:read')) throw new AppError('forbidden');
  if (reveal && (row.id_number || row.phone)) {
    await audit(ctx.db, ctx, {
      action: 'mediator.reveal',
      entityType: 'mediator',
      entityId: id,
      regionCode: row.region_code,
      result: 'success',
      details: { fields: ['idNumber', 'phone'] },
    });
  }
  return presentMediator(row, reveal);
}

export async function createMediator(ctx: ServiceContext, b: CreateMediatorBody): Promise<Mediator> {
  const org = await repo.getOrg(ctx.db, ctx.scope.codes, b.orgId);
  if (!org) throw invalidFields([{ field: 'orgId', code: 'invalid_value' }]);
  const record: repo.MediatorRecord = {
    name: b.name,
    idNumber: b.idNumber?.trim() ? normaliseCode(b.idNumber) : null,
    phone: blankToNull(b.phone),
    fullTime: b.fullTime,
    trainings: b.trainings ?? [],
    active: b.active ?? true,
  };
  checkMediator(record);
  try {
    const id = await withTx(ctx.db, async (tx) => {
      const newId = await repo.insertMediator(tx, org.id, org.region_code, record);
      await audit(tx, ctx, {
        action: 'mediator.create',
        entityType: 'mediator',
        entityId: newId,
        regionCode: org.region_code,
        result: 'success',
        details: { orgId: org.id, after: auditableMediator(record) },
      });
      return newId;
    });
    return getMediator(ctx, id);
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('mediator_taken');
    throw err;
  }
}

export async function updateMediator(ctx: ServiceContext, id: string, b: UpdateMediatorBody): Promise<Mediator> {
  const { version, ...patch } = b;
  try {
    await withTx(ctx.db, async (tx) => {
      const row = await repo.getMediator(tx, ctx.scope.codes, id, true);
      if (!row) throw await notFoundInScope(ctx, 'mediator', id);
      if (row.version !== version) throw new AppError('version_conflict', { params: { version: row.version } });
      const before = mediatorRecordOf(row);
      const after: repo.MediatorRecord = {
        name: patch.name ?? before.name,
        idNumber:
          patch.idNumber === undefined
            ? before.idNumber
            : patch.idNumber?.trim()
              ? normaliseCode(patch.idNumber)
              : null,
        phone: patch.phone === undefined ? before.phone : blankToNull(patch.phone),
        fullTime: patch.fullTime ?? before.fullTime,
        trainings: patch.trainings ?? before.trainings,
        active: patch.active ?? before.active,
      };
      checkMediator(after);
      const diff = changes(before, after);
      if (!diff) return;
      await repo.updateMediator(tx, id, after);
      await audit(tx, ctx, {
        action: 'mediator.update',
        entityType: 'mediator',
        entityId: id,
        regionCode: row.region_code,
        result: 'success',
        details: { before: auditableMediator(diff.before), after: auditableMediator(diff.after) },
      });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('mediator_taken');
    throw err;
  }
  return getMediator(ctx, id);
}

/** The public roster of mediators: active ones of active organisations, name and full/part-time only. */
export async function publicMediators(
  db: ServiceContext['db'],
  regions: Regions,
  q: { orgId?: string | undefined; regionCode?: string | undefined; page: number; pageSize: number },
) {
  const regionCodes = regions.scopeOf(q.regionCode && regions.get(q.regionCode) ? q.regionCode : '220000').codes;
  const { rows, total } = await repo.listMediators(db, {
    regionCodes,
    orgId: q.orgId,
    active: true,
    orgActive: true,
    page: q.page,
    pageSize: q.pageSize,
  });
  return {
    items: rows.map((r) => ({
      id: r.id,
      orgId: r.org_id,
      orgName: r.org_name,
      regionCode: r.region_code,
      name: r.name,
      fullTime: r.full_time,
    })),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}
