import { randomInt, timingSafeEqual } from 'node:crypto';
import {
  addDays,
  CASE_EVENT_LABELS,
  CASE_STATUS_LABELS,
  type CaseEventBody,
  type CaseExtensionBody,
  type CaseListQuery,
  canSeeCaseParties,
  caseDeadlines,
  checkApplication,
  checkExtension,
  chinaToday,
  deadlineState,
  eventsFrom,
  isOpen,
  MEDIATION_RULES,
  type MediationApplicationBody,
  type MediationCase,
  type MediationCaseDetail,
  maskIdNumber,
  maskMobile,
  type Page,
  pendingDeadline,
  type RegisterCaseBody,
  reviewApplicationDue,
  TRACKING_ALPHABET,
  TRACKING_CODE,
  transitionCase,
} from '@hexie/core';
import { withTx } from '../../db/pool.js';
import { type AuditContext, audit } from '../../platform/audit.js';
import type { ServiceContext } from '../../platform/context.js';
import { AppError, type FieldProblem, invalidFields, isUniqueViolation } from '../../platform/errors.js';
import type { Regions } from '../../platform/regions.js';
import { notFoundInScope } from '../../platform/scope-miss.js';
import { extraDays } from '../calendar/calendar.service.js';
import { regionCodesOf } from '../enterprises/enterprises.service.js';
import * as repo from './mediation.repository.js';

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
  const { rows, total, totalCapped } = await repo.listCases(ctx.db, {
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
  return {
    items: rows.map((r) => presentCase(ctx.regions, r, today)),
    total,
    ...(totalCapped ? { totalCapped } : {}),
    page: q.page,
    pageSize: q.pageSize,
  };
}

/**
 * One case with its timeline. `reveal` shows the applicant's ID and phone: to whoever handles cases
 * (mediation:write: the mediator must call the parties) or may see personal data; audited.
 */
export async function getCase(ctx: ServiceContext, id: string, reveal = false): Promise<MediationCaseDetail> {
  const row = await repo.getCase(ctx.db, ctx.scope.codes, id);
  if (!row) throw await notFoundInScope(ctx, 'mediation_case', id);
  if (reveal && !canSeeCaseParties(ctx.actor.role)) {
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
  if (problems.length || !checked.value) throw invalidFields(problems);
  const org = b.orgId
    ? await repo.activeOrg(ctx.db, b.orgId)
    : await repo.orgForRegion(ctx.db, ctx.regions.lineage(b.regionCode));
  if (!org && b.orgId) throw invalidFields([{ field: 'orgId', code: 'invalid_value' }]);
  if (!org) throw new AppError('no_mediation_org');
  const receivedOn = chinaToday();
  const d = caseDeadlines(receivedOn, 0, undefined, await extraDays(ctx.db));
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
  if (problems.length || !checked.value || !org) throw invalidFields(problems);
  const d = caseDeadlines(b.receivedOn, 0, undefined, await extraDays(ctx.db));
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
    if (b.event === 'session' && !b.session) throw invalidFields([{ field: 'session', code: 'required' }]);
    if (b.event === 'session' && b.session && b.session.heldOn > today) {
      throw invalidFields([{ field: 'session.heldOn', code: 'future_date' }]);
    }
    if (b.event === 'agree') {
      if (!b.agreement) throw invalidFields([{ field: 'agreement', code: 'required' }]);
      const wrong: { field: string; code: FieldProblem['code'] }[] = [];
      if (b.agreement.effectiveOn > today) wrong.push({ field: 'agreement.effectiveOn', code: 'future_date' });
      if (b.agreement.effectiveOn < row.received_on)
        wrong.push({ field: 'agreement.effectiveOn', code: 'invalid_value' });
      if (b.agreement.performanceDeadline < b.agreement.effectiveOn) {
        wrong.push({ field: 'agreement.performanceDeadline', code: 'invalid_value' });
      }
      if (wrong.length) throw invalidFields(wrong);
    }
    const needsNote = b.event === 'reject' || b.event === 'fail' || b.event === 'withdraw';
    if (needsNote && !b.note?.trim()) throw invalidFields([{ field: 'note', code: 'required' }]);
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
    const d = caseDeadlines(row.received_on, b.days, undefined, await extraDays(tx));
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
