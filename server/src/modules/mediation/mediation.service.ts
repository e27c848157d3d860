import { randomInt, timingSafeEqual } from 'node:crypto';
import {
  addCounts,
  addDays,
  CASE_EVENT_LABELS,
  CASE_STATUS_LABELS,
  type CaseEventBody,
  type CaseExtensionBody,
  type CaseListQuery,
  type CreateMediationOrgBody,
  type CreateMediatorBody,
  can,
  caseDeadlines,
  checkApplication,
  checkExtension,
  chinaToday,
  deadlineState,
  emptyCounts,
  eventsFrom,
  isOpen,
  isValidIdNumber,
  isValidPhone,
  MEDIATION_RULES,
  type MediationApplicationBody,
  type MediationCase,
  type MediationCaseDetail,
  type MediationOrg,
  type MediationOrgListQuery,
  type MediationStats,
  type MediationStatsQuery,
  type MediationStatsRow,
  type Mediator,
  type MediatorListQuery,
  maskIdNumber,
  maskMobile,
  maskPhone,
  normaliseCode,
  orgStandard,
  type Page,
  type PublicMediationOrg,
  pendingDeadline,
  type RegisterCaseBody,
  reviewApplicationDue,
  type StatsCounts,
  SUCCESS_RATE_TARGET,
  statsRowOf,
  TRACKING_ALPHABET,
  TRACKING_CODE,
  transitionCase,
  type UpdateMediationOrgBody,
  type UpdateMediatorBody,
} from '@hexie/core';
import type { FastifyReply } from 'fastify';
import { withTx } from '../../db/pool.js';
import { type AuditContext, audit, changes } from '../../platform/audit.js';
import type { ServiceContext } from '../../platform/context.js';
import { AppError, type FieldProblem } from '../../platform/errors.js';
import { sendXlsx } from '../../platform/export/xlsx.js';
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

// ——— 调解案件 ———

/** A tracking code from the readable alphabet (no 0/O, 1/I/L): 31^8, about 8.5 × 10^11. */
function newTrackingCode(): string {
  let code = '';
  for (let i = 0; i < 8; i += 1) code += TRACKING_ALPHABET[randomInt(TRACKING_ALPHABET.length)];
  return code;
}

function presentCase(regions: Regions, r: repo.CaseRow, today: string, reveal = false): MediationCase {
  const pending = pendingDeadline({ status: r.status, acceptanceDue: r.acceptance_due, effectiveDue: r.effective_due });
  return {
    id: r.id,
    trackingCode: r.tracking_code,
    orgId: r.org_id,
    orgName: r.org_name,
    regionCode: r.region_code,
    regionName: regions.fullName(r.region_code),
    source: r.source,
    entrustedRef: r.entrusted_ref,
    applicant: {
      name: r.applicant_name,
      idNumber: reveal ? r.applicant_id_number : maskIdNumber(r.applicant_id_number),
      phone: reveal ? r.applicant_phone : maskMobile(r.applicant_phone),
    },
    personalMasked: !reveal,
    respondent: { name: r.respondent_name, creditCode: r.respondent_credit_code },
    disputeTypes: r.dispute_types,
    claimAmount: r.claim_amount === null ? null : Number(r.claim_amount),
    status: r.status,
    receivedOn: r.received_on,
    acceptanceDue: r.acceptance_due,
    mediationDue: r.mediation_due,
    extensionDays: r.extension_days,
    effectiveDue: r.effective_due,
    calendarMissing: r.calendar_missing,
    pending: pending ? { ...pending, state: deadlineState(pending.due, today) } : null,
    closedOn: r.closed_on,
    version: r.version,
  };
}

/** Cases are seen by who handles them: the organisation's region and above (mediation:read). */
export async function listCases(ctx: ServiceContext, q: CaseListQuery): Promise<Page<MediationCase>> {
  const today = chinaToday();
  const { rows, total } = await repo.listCases(ctx.db, {
    regionCodes: regionCodesOf(ctx, q.regionCode),
    q: q.q,
    status: q.status,
    open: q.open === undefined ? undefined : q.open === 'true',
    dueBy: q.due === 'soon' ? addDays(today, MEDIATION_RULES.warnDays) : undefined,
    dueBefore: q.due === 'overdue' ? today : undefined,
    orgId: q.orgId,
    page: q.page,
    pageSize: q.pageSize,
  });
  return { items: rows.map((r) => presentCase(ctx.regions, r, today)), total, page: q.page, pageSize: q.pageSize };
}

/**
 * One case with its timeline. `reveal` shows the applicant's ID and phone: to whoever handles cases
 * (mediation:write: the mediator must call the parties) or may see personal data; audited.
 */
export async function getCase(ctx: ServiceContext, id: string, reveal = false): Promise<MediationCaseDetail> {
  const row = await repo.getCase(ctx.db, ctx.scope.codes, id);
  if (!row) throw await notFoundInScope(ctx, 'mediation_case', id);
  if (reveal && !can(ctx.actor.role, 'mediation:write') && !can(ctx.actor.role, 'personal:read')) {
    throw new AppError('forbidden');
  }
  if (reveal) {
    await audit(ctx.db, ctx, {
      action: 'mediation_case.reveal',
      entityType: 'mediation_case',
      entityId: id,
      regionCode: row.region_code,
      result: 'success',
      details: { fields: ['applicant.idNumber', 'applicant.phone'] },
    });
  }
  const events = await repo.eventsOf(ctx.db, id);
  return {
    ...presentCase(ctx.regions, row, chinaToday(), reveal),
    facts: row.facts,
    outcomeNote: row.outcome_note,
    agreement: row.agreement,
    extension: row.extension,
    next: eventsFrom(row.status),
    timeline: events.map((e) => ({
      at: e.at.toISOString(),
      event: e.event as MediationCaseDetail['timeline'][number]['event'],
      fromStatus: e.from_status,
      toStatus: e.to_status,
      actorName: e.actor_name,
      note: e.note,
      session: e.session,
    })),
  };
}

function validationFailed(problems: { field: string; code: FieldProblem['code'] }[]): AppError {
  return new AppError('validation_failed', { fields: problems });
}

/** Inserts a case with a fresh tracking code (a collision, about one in 10^11 per pair, draws again). */
/** Who writes a case: staff, or the public (no actor) with its address for the audit log. */
type CaseWriter = AuditContext & { db: ServiceContext['db'] };

async function insertWithCode(ctx: CaseWriter, c: Omit<repo.NewCase, 'trackingCode'>, event: 'apply' | 'register') {
  for (let attempt = 0; ; attempt += 1) {
    const trackingCode = newTrackingCode();
    try {
      return await withTx(ctx.db, async (tx) => {
        const id = await repo.insertCase(tx, { ...c, trackingCode });
        await repo.addEvent(tx, { caseId: id, actorId: c.createdBy, event, from: null, to: 'received' });
        await audit(tx, ctx, {
          action: `mediation_case.${event}`,
          entityType: 'mediation_case',
          entityId: id,
          regionCode: c.regionCode,
          result: 'success',
          // Never the parties' ID or phone.
          details: { trackingCode, orgId: c.orgId, source: c.source, disputeTypes: c.disputeTypes },
        });
        return { id, trackingCode };
      });
    } catch (err) {
      if (isUniqueViolation(err) && attempt < 3) continue;
      throw err;
    }
  }
}

/** 网上申请: anyone, no account. The case goes to the chosen organisation, or to the region's nearest one. */
export async function applyOnline(ctx: CaseWriter & { regions: Regions }, b: MediationApplicationBody) {
  const checked = checkApplication(b);
  const problems: { field: string; code: FieldProblem['code'] }[] = [...(checked.problems ?? [])];
  if (!ctx.regions.get(b.regionCode)) problems.push({ field: 'regionCode', code: 'unknown_region' });
  if (problems.length || !checked.value) throw validationFailed(problems);
  const org = b.orgId
    ? await repo.activeOrg(ctx.db, b.orgId)
    : await repo.orgForRegion(ctx.db, ctx.regions.lineage(b.regionCode));
  if (!org && b.orgId) throw validationFailed([{ field: 'orgId', code: 'invalid_value' }]);
  if (!org) throw new AppError('no_mediation_org');
  const receivedOn = chinaToday();
  const d = caseDeadlines(receivedOn);
  const { trackingCode } = await insertWithCode(
    ctx,
    {
      orgId: org.id,
      regionCode: org.region_code,
      source: 'online',
      entrustedRef: null,
      ...checked.value,
      facts: b.facts,
      receivedOn,
      acceptanceDue: d.acceptanceDue,
      mediationDue: d.mediationDue,
      calendarMissing: d.calendarMissing,
      createdBy: null,
    },
    'apply',
  );
  return { trackingCode, orgName: org.name, receivedOn, acceptanceDue: d.acceptanceDue, mediationDue: d.mediationDue };
}

/** 现场登记 / 委托调解: staff register a case for an organisation in their region, with the date received. */
export async function registerCase(ctx: ServiceContext, b: RegisterCaseBody): Promise<MediationCaseDetail> {
  const checked = checkApplication({ ...b, orgId: null });
  const problems: { field: string; code: FieldProblem['code'] }[] = [...(checked.problems ?? [])];
  if (b.receivedOn > chinaToday()) problems.push({ field: 'receivedOn', code: 'future_date' });
  if (b.source === 'entrusted' && !b.entrustedRef?.trim()) problems.push({ field: 'entrustedRef', code: 'required' });
  const org = await repo.getOrg(ctx.db, ctx.scope.codes, b.orgId);
  if (!org?.active) problems.push({ field: 'orgId', code: 'invalid_value' });
  if (problems.length || !checked.value || !org) throw validationFailed(problems);
  const d = caseDeadlines(b.receivedOn);
  const { id } = await insertWithCode(
    ctx,
    {
      orgId: org.id,
      regionCode: org.region_code,
      source: b.source,
      entrustedRef: b.source === 'entrusted' ? (b.entrustedRef?.trim() ?? null) : null,
      ...checked.value,
      facts: b.facts,
      receivedOn: b.receivedOn,
      acceptanceDue: d.acceptanceDue,
      mediationDue: d.mediationDue,
      calendarMissing: d.calendarMissing,
      createdBy: ctx.actor.id,
    },
    'register',
  );
  return getCase(ctx, id);
}

/** One step of the workflow (core's transitionCase), at the version read; audited with both statuses. */
export async function caseEvent(ctx: ServiceContext, id: string, b: CaseEventBody): Promise<MediationCaseDetail> {
  await withTx(ctx.db, async (tx) => {
    const row = await repo.getCase(tx, ctx.scope.codes, id, true);
    if (!row) throw await notFoundInScope(ctx, 'mediation_case', id);
    if (row.version !== b.version) throw new AppError('version_conflict', { params: { version: row.version } });
    const today = chinaToday();
    const moved = transitionCase(row.status, b.event, { today, mediationDue: row.effective_due });
    if ('refused' in moved) {
      const r = moved.refused;
      throw new AppError(r.code, {
        params:
          r.code === 'illegal_transition'
            ? {
                status: CASE_STATUS_LABELS[r.params.status][ctx.lang],
                event: CASE_EVENT_LABELS[r.params.event][ctx.lang],
              }
            : r.params,
      });
    }
    if (b.event === 'session' && !b.session) throw validationFailed([{ field: 'session', code: 'required' }]);
    if (b.event === 'session' && b.session && b.session.heldOn > today) {
      throw validationFailed([{ field: 'session.heldOn', code: 'future_date' }]);
    }
    if (b.event === 'agree') {
      if (!b.agreement) throw validationFailed([{ field: 'agreement', code: 'required' }]);
      const wrong: { field: string; code: FieldProblem['code'] }[] = [];
      if (b.agreement.effectiveOn > today) wrong.push({ field: 'agreement.effectiveOn', code: 'future_date' });
      if (b.agreement.effectiveOn < row.received_on)
        wrong.push({ field: 'agreement.effectiveOn', code: 'invalid_value' });
      if (b.agreement.performanceDeadline < b.agreement.effectiveOn) {
        wrong.push({ field: 'agreement.performanceDeadline', code: 'invalid_value' });
      }
      if (wrong.length) throw validationFailed(wrong);
    }
    const needsNote = b.event === 'reject' || b.event === 'fail' || b.event === 'withdraw';
    if (needsNote && !b.note?.trim()) throw validationFailed([{ field: 'note', code: 'required' }]);
    const closes = !isOpen(moved.to);
    await repo.updateCaseStatus(tx, id, {
      status: moved.to,
      ...(b.event === 'accept' ? { acceptedOn: today } : {}),
      ...(closes ? { closedOn: today, outcomeNote: b.note?.trim() || null } : {}),
      ...(b.event === 'agree' && b.agreement
        ? { agreement: { ...b.agreement, reviewDue: reviewApplicationDue(b.agreement.effectiveOn) } }
        : {}),
    });
    await repo.addEvent(tx, {
      caseId: id,
      actorId: ctx.actor.id,
      event: b.event,
      from: row.status,
      to: moved.to,
      note: b.note?.trim() || null,
      session: b.event === 'session' ? (b.session ?? null) : null,
    });
    await audit(tx, ctx, {
      action: `mediation_case.${b.event}`,
      entityType: 'mediation_case',
      entityId: id,
      regionCode: row.region_code,
      result: 'success',
      details: { from: row.status, to: moved.to },
    });
  });
  return getCase(ctx, id);
}

/** 延长调解期限: once, at most 15 days, both parties' consent recorded (core's checkExtension). */
export async function extendCaseDeadline(
  ctx: ServiceContext,
  id: string,
  b: CaseExtensionBody,
): Promise<MediationCaseDetail> {
  await withTx(ctx.db, async (tx) => {
    const row = await repo.getCase(tx, ctx.scope.codes, id, true);
    if (!row) throw await notFoundInScope(ctx, 'mediation_case', id);
    if (row.version !== b.version) throw new AppError('version_conflict', { params: { version: row.version } });
    const refused = checkExtension(
      { status: row.status, extensionDays: row.extension_days, mediationDue: row.mediation_due },
      b,
      chinaToday(),
    );
    if (refused) throw new AppError(refused);
    const d = caseDeadlines(row.received_on, b.days);
    const extension = {
      days: b.days,
      applicantConsentOn: b.applicantConsentOn,
      respondentConsentOn: b.respondentConsentOn,
      ...(b.note?.trim() ? { note: b.note.trim() } : {}),
    };
    await repo.extendCase(tx, id, b.days, d.effectiveDue, extension);
    await repo.addEvent(tx, {
      caseId: id,
      actorId: ctx.actor.id,
      event: 'extend',
      from: row.status,
      to: row.status,
      note: `调解期限延长 ${b.days} 日，至 ${d.effectiveDue}`,
    });
    await audit(tx, ctx, {
      action: 'mediation_case.extend',
      entityType: 'mediation_case',
      entityId: id,
      regionCode: row.region_code,
      result: 'success',
      details: { before: { effectiveDue: row.effective_due }, after: { effectiveDue: d.effectiveDue, ...extension } },
    });
  });
  return getCase(ctx, id);
}

/** 进度查询: the status and deadline of a tracking code, only when the phone matches; otherwise 404, nothing said. */
export async function publicCaseStatus(db: ServiceContext['db'], trackingCode: string, phone: string) {
  const row = TRACKING_CODE.test(trackingCode) ? await repo.caseByTrackingCode(db, trackingCode) : undefined;
  const given = phone.replace(/[\s-]/g, '');
  if (!row || !given || !timingSafeEqualText(row.applicant_phone, given)) throw new AppError('not_found');
  const pending = pendingDeadline({
    status: row.status,
    acceptanceDue: row.acceptance_due,
    effectiveDue: row.effective_due,
  });
  const events = await repo.eventsOf(db, row.id);
  return {
    trackingCode: row.tracking_code,
    orgName: row.org_name,
    status: row.status,
    receivedOn: row.received_on,
    pending: pending ? { ...pending, state: deadlineState(pending.due, chinaToday()) } : null,
    effectiveDue: row.effective_due,
    closedOn: row.closed_on,
    // The statuses it went through, without who or what was said.
    history: events
      .filter((e) => e.from_status !== e.to_status)
      .map((e) => ({ at: e.at.toISOString(), toStatus: e.to_status })),
  };
}

function timingSafeEqualText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

// ——— 统计 ———

/**
 * Statistics of the cases received in a period (DOMAIN-RULES §2): by the regions directly under the caller's (or
 * the chosen) region, or by organisation; the success rate with its n against the plan's 60%.
 */
export async function mediationStats(ctx: ServiceContext, q: MediationStatsQuery): Promise<MediationStats> {
  const today = chinaToday();
  const from = q.from ?? `${today.slice(0, 4)}-01-01`;
  const to = q.to ?? today;
  if (from > to) throw validationFailed([{ field: 'to', code: 'invalid_value' }]);
  if (q.regionCode && !ctx.regions.get(q.regionCode))
    throw validationFailed([{ field: 'regionCode', code: 'unknown_region' }]);
  if (q.regionCode && !ctx.scope.includes(q.regionCode)) {
    throw validationFailed([{ field: 'regionCode', code: 'region_out_of_scope' }]);
  }
  const root = q.regionCode ?? ctx.actor.regionCode;
  const regionCodes = regionCodesOf(ctx, q.regionCode);
  const { groups, types, monthly } = await repo.statsGroups(ctx.db, { regionCodes, from, to, today });
  const countsOf = (g: repo.StatsGroupRow): StatsCounts => ({
    received: g.received,
    accepted: g.accepted,
    rejected: g.rejected,
    agreement: g.agreement,
    failed: g.failed,
    withdrawn: g.withdrawn,
    overdue: g.overdue,
    open: g.open,
    closedDays: g.closed_days,
    closedCount: g.closed_count,
    claimAmount: g.claim_amount,
  });
  /** The region directly under the root on a region's line (the root itself for its own cases). */
  const unitOf = (code: string) => {
    const line = ctx.regions.lineage(code);
    const at = line.indexOf(root);
    return at > 0 ? (line[at - 1] as string) : root;
  };
  const buckets = new Map<string, { name: string; counts: StatsCounts }>();
  let total = emptyCounts();
  for (const g of groups) {
    const key = q.by === 'org' ? g.org_id : unitOf(g.region_code);
    const name = q.by === 'org' ? g.org_name : ctx.regions.name(key);
    const b = buckets.get(key) ?? { name, counts: emptyCounts() };
    b.counts = addCounts(b.counts, countsOf(g));
    buckets.set(key, b);
    total = addCounts(total, countsOf(g));
  }
  const rows = [...buckets]
    .map(([key, b]) => statsRowOf(key, b.name, b.counts))
    .sort((a, b) => b.received - a.received || a.key.localeCompare(b.key));
  return {
    from,
    to,
    by: q.by,
    target: SUCCESS_RATE_TARGET,
    total: statsRowOf(root, ctx.regions.fullName(root), total),
    rows,
    disputeTypes: types,
    monthly,
  };
}

/** The statistics as an xlsx: one row per region or organisation, then the total (audited by the engine). */
export async function exportMediationStats(
  ctx: ServiceContext,
  reply: FastifyReply,
  q: MediationStatsQuery,
): Promise<FastifyReply> {
  const s = await mediationStats(ctx, q);
  const rows = [...s.rows, { ...s.total, name: `合计（${s.total.name}）` }];
  const rate = (r: MediationStatsRow) =>
    r.successRate.rate === null ? null : Math.round(r.successRate.rate * 1000) / 10;
  return sendXlsx<MediationStatsRow>(ctx, reply, {
    entity: 'mediation_stats',
    fileName: `调解统计-${s.from}至${s.to}`,
    asciiName: `mediation-stats-${s.from}-${s.to}`,
    sheet: '调解统计',
    columns: [
      { header: q.by === 'org' ? '调解组织' : '区划', key: 'name', width: 30 },
      { header: '收到申请', key: 'received', kind: 'number' },
      { header: '受理', key: 'accepted', kind: 'number' },
      { header: '不予受理', key: 'rejected', kind: 'number' },
      { header: '调解成功', key: 'agreement', kind: 'number' },
      { header: '调解不成', key: 'failed', kind: 'number' },
      { header: '撤回', key: 'withdrawn', kind: 'number' },
      { header: '逾期', key: 'overdue', kind: 'number' },
      { header: '未结', key: 'open', kind: 'number' },
      { header: '调解成功率（%）', value: rate, kind: 'number' },
      { header: '成功率计算案件数（n）', value: (r) => r.successRate.n, kind: 'number' },
      { header: '平均结案天数', key: 'avgDaysToClose', kind: 'number' },
      { header: '请求金额（元）', key: 'claimAmount', kind: 'money' },
    ],
    count: rows.length,
    rows: (async function* () {
      yield* rows;
    })(),
    filters: { from: s.from, to: s.to, by: s.by, regionCode: q.regionCode ?? null },
  });
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

const mediatorRecordOf = (r: repo.MediatorRow): repo.MediatorRecord => ({
  name: r.name,
  idNumber: r.id_number,
  phone: r.phone,
  fullTime: r.full_time,
  trainings: r.trainings,
  active: r.active,
});

/** The audit log keeps who changed an ID or phone number, never the number. */
const auditableMediator = (r: Partial<repo.MediatorRecord>) => ({
  ...r,
  ...(r.idNumber ? { idNumber: maskIdNumber(r.idNumber) } : {}),
  ...(r.phone ? { phone: maskPhone(r.phone) } : {}),
});

function checkMediator(r: repo.MediatorRecord): void {
  const problems: { field: string; code: FieldProblem['code'] }[] = [];
  if (r.idNumber && !isValidIdNumber(r.idNumber)) problems.push({ field: 'idNumber', code: 'invalid_id_number' });
  if (r.phone && !isValidPhone(r.phone)) problems.push({ field: 'phone', code: 'invalid_phone' });
  if (problems.length) throw validationFailed(problems);
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
  if (!org) throw validationFailed([{ field: 'orgId', code: 'invalid_value' }]);
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
