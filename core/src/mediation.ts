import { z } from 'zod';
import { type CalendarDay, computeDeadline, daysBetween } from './deadlines.js';
import { isValidPhone } from './enterprises.js';
import type { FieldErrorCode } from './errors.js';
import type { Messages } from './i18n.js';
import { isValidCreditCode, isValidIdNumber, isValidMobile, normaliseCode } from './identifiers.js';
import { pageQuery, regionCode } from './schemas.js';

/**
 * Labor-dispute mediation (附件3, 附件4, SPEC §2.3, DOMAIN-RULES §1–2): the organisations and the plan's standard
 * for them, the case workflow as a state machine, each case's deadlines, and the success rate. The server and the
 * pages use these; nothing here is re-derived in a route.
 */

// ——— organisations ———

export const MEDIATION_ORG_TYPES = ['township_street', 'enterprise', 'industry_regional', 'chamber', 'other'] as const;
export type MediationOrgType = (typeof MEDIATION_ORG_TYPES)[number];
export const MEDIATION_ORG_TYPE_LABELS: Record<MediationOrgType, Messages> = {
  township_street: { 'zh-CN': '乡镇（街道）劳动争议调解组织', 'en-US': 'Township (street) mediation organisation' },
  enterprise: { 'zh-CN': '企业劳动争议调解委员会', 'en-US': 'Enterprise mediation committee' },
  industry_regional: {
    'zh-CN': '行业性、区域性劳动争议调解组织',
    'en-US': 'Industry or regional mediation organisation',
  },
  chamber: { 'zh-CN': '商会劳动争议调解组织', 'en-US': 'Chamber of commerce mediation organisation' },
  other: { 'zh-CN': '其他劳动争议调解组织', 'en-US': 'Other mediation organisation' },
};

export const FILING_STATUSES = ['filed', 'pending', 'not_filed'] as const;
export type FilingStatus = (typeof FILING_STATUSES)[number];
export const FILING_STATUS_LABELS: Record<FilingStatus, Messages> = {
  filed: { 'zh-CN': '已备案', 'en-US': 'Filed' },
  pending: { 'zh-CN': '备案中', 'en-US': 'Filing' },
  not_filed: { 'zh-CN': '未备案', 'en-US': 'Not filed' },
};

/** What the plan asks of a mediation organisation (三年行动计划: office, sign, posted rules, a mediator). */
export interface OrgStandardInput {
  hasOffice: boolean;
  hasSign: boolean;
  rulesPosted: boolean;
  /** active mediators, full- or part-time */
  activeMediators: number;
}

export const ORG_STANDARD_ITEMS = ['office', 'sign', 'rules', 'mediator'] as const;
export type OrgStandardItem = (typeof ORG_STANDARD_ITEMS)[number];
export const ORG_STANDARD_LABELS: Record<OrgStandardItem, Messages> = {
  office: { 'zh-CN': '专门的办公场所和办公设施', 'en-US': 'A dedicated office' },
  sign: { 'zh-CN': '规范的调解组织名称和标识', 'en-US': 'A standard name and sign' },
  rules: {
    'zh-CN': '调解工作程序、工作职责和调解员行为规范上墙公布',
    'en-US': 'Procedures, duties and the code of conduct posted',
  },
  mediator: { 'zh-CN': '至少一名专职或兼职调解员', 'en-US': 'At least one full- or part-time mediator' },
};

/** The standard checked: which items are missing (none: it meets the standard). */
export function orgStandard(org: OrgStandardInput): { met: boolean; missing: OrgStandardItem[] } {
  const missing = ORG_STANDARD_ITEMS.filter((item) => {
    if (item === 'office') return !org.hasOffice;
    if (item === 'sign') return !org.hasSign;
    if (item === 'rules') return !org.rulesPosted;
    return org.activeMediators < 1;
  });
  return { met: missing.length === 0, missing };
}

/** The fields of an organisation as a client sends them (create; update sends any of them plus `version`). */
export const mediationOrgFields = z.object({
  /** 规范名称 */
  name: z.string().trim().min(4).max(100),
  type: z.enum(MEDIATION_ORG_TYPES),
  regionCode,
  address: z.string().trim().max(200).nullable().optional(),
  /** 办公场所 */
  hasOffice: z.boolean().optional(),
  /** 名称标识 */
  hasSign: z.boolean().optional(),
  /** 制度上墙 */
  rulesPosted: z.boolean().optional(),
  filingStatus: z.enum(FILING_STATUSES).optional(),
  /** 备案日期: required once filed */
  filedOn: z.iso.date().nullable().optional(),
  /** 联系人 */
  contactName: z.string().trim().max(50).nullable().optional(),
  /** 联系电话 */
  contactPhone: z.string().trim().max(30).nullable().optional(),
  active: z.boolean().optional(),
});
export type MediationOrgFields = z.infer<typeof mediationOrgFields>;

/** A problem with one field of a record, found by a rule of core (the server and the import name the field). */
export interface RecordProblem {
  field: string;
  code: FieldErrorCode;
}

/**
 * What an organisation's record must satisfy beyond its schema: a filed organisation has its filing date, and the
 * contact phone is a phone number. The form, the API and the import all check it here.
 */
export function mediationOrgProblems(r: {
  filingStatus: FilingStatus;
  filedOn: string | null;
  contactPhone: string | null;
}): RecordProblem[] {
  const problems: RecordProblem[] = [];
  if (r.filingStatus === 'filed' && !r.filedOn) problems.push({ field: 'filedOn', code: 'required' });
  if (r.contactPhone && !isValidPhone(r.contactPhone)) problems.push({ field: 'contactPhone', code: 'invalid_phone' });
  return problems;
}

export const createMediationOrgBody = mediationOrgFields.strict();
export type CreateMediationOrgBody = z.infer<typeof createMediationOrgBody>;
export const updateMediationOrgBody = mediationOrgFields
  .partial()
  .extend({ version: z.number().int().min(1) })
  .strict();
export type UpdateMediationOrgBody = z.infer<typeof updateMediationOrgBody>;

export const MEDIATION_ORG_FIELD_LABELS: Record<string, Messages> = {
  name: { 'zh-CN': '调解组织名称', 'en-US': 'Name' },
  type: { 'zh-CN': '调解组织类型', 'en-US': 'Type' },
  regionCode: { 'zh-CN': '所属区划', 'en-US': 'Region' },
  filedOn: { 'zh-CN': '备案日期', 'en-US': 'Filing date' },
  filingStatus: { 'zh-CN': '备案状态', 'en-US': 'Filing status' },
  contactPhone: { 'zh-CN': '联系电话', 'en-US': 'Contact phone' },
};

export const mediationOrg = z.object({
  id: z.uuid(),
  name: z.string(),
  type: z.enum(MEDIATION_ORG_TYPES),
  regionCode: z.string(),
  regionName: z.string(),
  address: z.string().nullable(),
  hasOffice: z.boolean(),
  hasSign: z.boolean(),
  rulesPosted: z.boolean(),
  filingStatus: z.enum(FILING_STATUSES),
  filedOn: z.string().nullable(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  contactPhoneMasked: z.boolean(),
  active: z.boolean(),
  /** active mediators (the standard needs one) */
  activeMediators: z.number().int(),
  /** the plan's standard, checked on the record */
  standard: z.object({ met: z.boolean(), missing: z.array(z.enum(ORG_STANDARD_ITEMS)) }),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type MediationOrg = z.infer<typeof mediationOrg>;

export const mediationOrgListQuery = pageQuery.extend({
  q: z.string().trim().max(50).optional(),
  type: z.enum(MEDIATION_ORG_TYPES).optional(),
  regionCode: regionCode.optional(),
  filingStatus: z.enum(FILING_STATUSES).optional(),
  /** only those meeting (true) or missing (false) the standard */
  standardMet: z.enum(['true', 'false']).optional(),
});
export type MediationOrgListQuery = z.infer<typeof mediationOrgListQuery>;

/** The public roster's view of an organisation (名册制度): no person's phone, only where to go. */
export const publicMediationOrg = mediationOrg.pick({
  id: true,
  name: true,
  type: true,
  regionCode: true,
  regionName: true,
  address: true,
  filingStatus: true,
  activeMediators: true,
  standard: true,
});
export type PublicMediationOrg = z.infer<typeof publicMediationOrg>;

export const publicMediationOrgListQuery = pageQuery.extend({
  q: z.string().trim().max(50).optional(),
  type: z.enum(MEDIATION_ORG_TYPES).optional(),
  regionCode: regionCode.optional(),
});

// ——— cases ———

export const DISPUTE_TYPES = ['wages', 'severance', 'social_insurance', 'contract', 'work_injury', 'other'] as const;
export type DisputeType = (typeof DISPUTE_TYPES)[number];
export const DISPUTE_TYPE_LABELS: Record<DisputeType, Messages> = {
  wages: { 'zh-CN': '劳动报酬', 'en-US': 'Wages' },
  severance: { 'zh-CN': '经济补偿、赔偿金', 'en-US': 'Severance and compensation' },
  social_insurance: { 'zh-CN': '社会保险', 'en-US': 'Social insurance' },
  contract: { 'zh-CN': '劳动合同', 'en-US': 'Labor contract' },
  work_injury: { 'zh-CN': '工伤待遇', 'en-US': 'Work injury' },
  other: { 'zh-CN': '其他', 'en-US': 'Other' },
};

export const CASE_SOURCES = ['online', 'walk_in', 'entrusted'] as const;
export type CaseSource = (typeof CASE_SOURCES)[number];
export const CASE_SOURCE_LABELS: Record<CaseSource, Messages> = {
  online: { 'zh-CN': '网上申请', 'en-US': 'Online' },
  walk_in: { 'zh-CN': '现场登记', 'en-US': 'Walk-in' },
  entrusted: { 'zh-CN': '仲裁委托调解', 'en-US': 'Entrusted by arbitration' },
};

export const CASE_STATUSES = [
  'received',
  'accepted',
  'rejected',
  'in_mediation',
  'agreement',
  'failed',
  'withdrawn',
  'overdue',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
export const CASE_STATUS_LABELS: Record<CaseStatus, Messages> = {
  received: { 'zh-CN': '待受理', 'en-US': 'Awaiting acceptance' },
  accepted: { 'zh-CN': '已受理', 'en-US': 'Accepted' },
  rejected: { 'zh-CN': '不予受理', 'en-US': 'Rejected' },
  in_mediation: { 'zh-CN': '调解中', 'en-US': 'In mediation' },
  agreement: { 'zh-CN': '调解成功', 'en-US': 'Agreement reached' },
  failed: { 'zh-CN': '调解不成', 'en-US': 'Failed' },
  withdrawn: { 'zh-CN': '撤回申请', 'en-US': 'Withdrawn' },
  overdue: { 'zh-CN': '逾期未达成协议', 'en-US': 'Overdue without agreement' },
};

/** A case still being handled; the others are closed (archived). */
export const OPEN_STATUSES: readonly CaseStatus[] = ['received', 'accepted', 'in_mediation'];
export const isOpen = (s: CaseStatus) => OPEN_STATUSES.includes(s);

export const CASE_EVENTS = ['accept', 'reject', 'session', 'agree', 'fail', 'withdraw', 'expire'] as const;
export type CaseEvent = (typeof CASE_EVENTS)[number];
export const CASE_EVENT_LABELS: Record<CaseEvent, Messages> = {
  accept: { 'zh-CN': '受理', 'en-US': 'Accept' },
  reject: { 'zh-CN': '不予受理', 'en-US': 'Reject' },
  session: { 'zh-CN': '记录调解', 'en-US': 'Record a session' },
  agree: { 'zh-CN': '达成调解协议', 'en-US': 'Reach agreement' },
  fail: { 'zh-CN': '调解不成', 'en-US': 'Record failure' },
  withdraw: { 'zh-CN': '撤回申请', 'en-US': 'Withdraw' },
  expire: { 'zh-CN': '逾期终止调解', 'en-US': 'Close as overdue' },
};

/**
 * The workflow: from each status, what each event leads to. Sessions can be recorded once accepted (the first
 * one starts the mediation); an agreement or a failure needs a mediation under way; a case may be withdrawn
 * while open; `expire` closes a mediation whose deadline has passed (guarded by transitionCase).
 */
const TRANSITIONS: Readonly<Record<CaseStatus, Partial<Record<CaseEvent, CaseStatus>>>> = {
  received: { accept: 'accepted', reject: 'rejected', withdraw: 'withdrawn' },
  accepted: { session: 'in_mediation', withdraw: 'withdrawn', expire: 'overdue' },
  in_mediation: {
    session: 'in_mediation',
    agree: 'agreement',
    fail: 'failed',
    withdraw: 'withdrawn',
    expire: 'overdue',
  },
  rejected: {},
  agreement: {},
  failed: {},
  withdrawn: {},
  overdue: {},
};

/** The events a case in this status accepts. */
export function eventsFrom(status: CaseStatus): CaseEvent[] {
  return CASE_EVENTS.filter((e) => TRANSITIONS[status][e] !== undefined);
}

export type TransitionRefusal =
  /** the event does not apply to the status (the service names both in the caller's language) */
  | { code: 'illegal_transition'; params: { status: CaseStatus; event: CaseEvent } }
  /** `expire` before the deadline has passed */
  | { code: 'not_overdue'; params: { due: string } };

/** Where an event takes a case, or why it cannot; `today` and `due` guard `expire`. */
export function transitionCase(
  status: CaseStatus,
  event: CaseEvent,
  at: { today: string; mediationDue: string },
): { to: CaseStatus } | { refused: TransitionRefusal } {
  const to = TRANSITIONS[status][event];
  if (!to) {
    return {
      refused: {
        code: 'illegal_transition',
        params: { status, event },
      },
    };
  }
  if (event === 'expire' && at.today <= at.mediationDue) {
    return { refused: { code: 'not_overdue', params: { due: at.mediationDue } } };
  }
  return { to };
}

/** The deadlines' parameters (DOMAIN-RULES §2): acceptance 3 working days (a local rule), mediation 15 days. */
export const MEDIATION_RULES = {
  acceptanceWorkingDays: 3,
  mediationDays: 15,
  maxExtensionDays: 15,
  reviewApplicationDays: 15,
  /** the in-app warning before a deadline */
  warnDays: 3,
} as const;

export interface CaseDeadlines {
  /** 受理决定 due: received + 3 working days */
  acceptanceDue: string;
  /** 调解期限: received + 15 days (劳动争议调解仲裁法 Art. 14) */
  mediationDue: string;
  /** the mediation deadline after an agreed extension (at most 15 days more), else mediationDue */
  effectiveDue: string;
  /** a year the holiday calendar lacks was counted with weekends only */
  calendarMissing: boolean;
}

/** A case's deadlines, computed by the one deadline function of core. */
export function caseDeadlines(
  receivedOn: string,
  extensionDays = 0,
  acceptanceWorkingDays: number = MEDIATION_RULES.acceptanceWorkingDays,
  /** the days an administrator loaded for years the built-in calendar lacks */
  extra?: ReadonlyMap<string, CalendarDay>,
): CaseDeadlines {
  const acceptance = computeDeadline({ start: receivedOn, days: acceptanceWorkingDays, unit: 'working' }, extra);
  const mediation = computeDeadline(
    { start: receivedOn, days: MEDIATION_RULES.mediationDays, unit: 'calendar' },
    extra,
  );
  const extended =
    extensionDays > 0 ? computeDeadline({ start: mediation.due, days: extensionDays, unit: 'calendar' }, extra) : null;
  return {
    acceptanceDue: acceptance.due,
    mediationDue: mediation.due,
    effectiveDue: extended?.due ?? mediation.due,
    calendarMissing: acceptance.calendarMissing || mediation.calendarMissing || !!extended?.calendarMissing,
  };
}

/** Whether a case may still be extended: an open mediation before its first deadline, not extended yet. */
export function extensionOpen(
  c: { status: CaseStatus; extensionDays: number; mediationDue: string },
  today: string,
): boolean {
  return (c.status === 'accepted' || c.status === 'in_mediation') && today <= c.mediationDue && c.extensionDays === 0;
}

export type ExtensionRefusal = 'extension_not_open' | 'extension_twice' | 'extension_too_long' | 'extension_consent';

/**
 * An extension of the mediation period (人社部令第17号): only while the mediation is open and before its deadline
 * passed, once, at most 15 days, and only with both parties' consent recorded.
 */
export function checkExtension(
  c: { status: CaseStatus; extensionDays: number; mediationDue: string },
  ask: { days: number; applicantConsentOn?: string | null; respondentConsentOn?: string | null },
  today: string,
): ExtensionRefusal | null {
  if (!extensionOpen({ ...c, extensionDays: 0 }, today)) return 'extension_not_open';
  if (c.extensionDays > 0) return 'extension_twice';
  if (!Number.isInteger(ask.days) || ask.days < 1 || ask.days > MEDIATION_RULES.maxExtensionDays) {
    return 'extension_too_long';
  }
  if (!ask.applicantConsentOn || !ask.respondentConsentOn) return 'extension_consent';
  return null;
}

export type DeadlineState = 'ok' | 'due_soon' | 'overdue';

/** How close a deadline is: due within `warnDays` (today included) is due soon; after it, overdue. */
export function deadlineState(due: string, today: string, warnDays: number = MEDIATION_RULES.warnDays): DeadlineState {
  const left = daysBetween(today, due);
  if (left < 0) return 'overdue';
  return left <= warnDays ? 'due_soon' : 'ok';
}

/** The deadline an open case is waiting on: acceptance while received, else the mediation deadline. */
export function pendingDeadline(
  c: { status: CaseStatus } & Pick<CaseDeadlines, 'acceptanceDue' | 'effectiveDue'>,
): { kind: 'acceptance' | 'mediation'; due: string } | null {
  if (c.status === 'received') return { kind: 'acceptance', due: c.acceptanceDue };
  if (c.status === 'accepted' || c.status === 'in_mediation') return { kind: 'mediation', due: c.effectiveDue };
  return null;
}

/** The last day for the joint application for arbitral review (办案规则 Art. 74): 15 days from the agreement. */
export function reviewApplicationDue(agreementEffectiveOn: string): string {
  return computeDeadline({ start: agreementEffectiveOn, days: MEDIATION_RULES.reviewApplicationDays, unit: 'calendar' })
    .due;
}

/** The plan's target for the success rate. */
export const SUCCESS_RATE_TARGET = 0.6;

/**
 * The success rate (DOMAIN-RULES §2): agreements over the mediations concluded (agreement + failed + overdue);
 * withdrawn and rejected applications are not in the denominator. `n` is that denominator; the rate is null
 * when it is 0. Open cases past their deadline count as overdue (the parties may go to arbitration).
 */
export function successRate(counts: { agreement: number; failed: number; overdue: number }): {
  rate: number | null;
  n: number;
} {
  const n = counts.agreement + counts.failed + counts.overdue;
  return { rate: n === 0 ? null : counts.agreement / n, n };
}

// ——— the public application ———

const name = z.string().trim().min(2).max(50);

export const mediationApplicationBody = z
  .object({
    applicant: z
      .object({ name, idNumber: z.string().trim().min(1).max(30), phone: z.string().trim().min(1).max(20) })
      .strict(),
    respondent: z
      .object({ name: z.string().trim().min(2).max(100), creditCode: z.string().trim().max(40).nullable().optional() })
      .strict(),
    regionCode,
    /** the organisation chosen by the applicant; otherwise the region's */
    orgId: z.uuid().nullable().optional(),
    disputeTypes: z.array(z.enum(DISPUTE_TYPES)).min(1).max(DISPUTE_TYPES.length),
    /** 请求金额 (元) */
    claimAmount: z.number().min(0).max(100_000_000).nullable().optional(),
    /** 事实与理由 */
    facts: z.string().trim().min(10).max(4000),
  })
  .strict();
export type MediationApplicationBody = z.infer<typeof mediationApplicationBody>;

/** A field of the application at fault (dotted path: `applicant.idNumber`). */
export interface ApplicationProblem {
  field: string;
  code: FieldErrorCode;
}

export interface CheckedApplication {
  applicant: { name: string; idNumber: string; phone: string };
  respondent: { name: string; creditCode: string | null };
  disputeTypes: DisputeType[];
  claimAmount: number | null;
}

/** The rules beyond the shape: a valid ID number and mobile, a valid credit code when given, no repeated type. */
export function checkApplication(body: MediationApplicationBody): {
  value?: CheckedApplication;
  problems?: ApplicationProblem[];
} {
  const problems: ApplicationProblem[] = [];
  const idNumber = normaliseCode(body.applicant.idNumber);
  if (!isValidIdNumber(idNumber)) problems.push({ field: 'applicant.idNumber', code: 'invalid_id_number' });
  const phone = body.applicant.phone.replace(/[\s-]/g, '');
  if (!isValidMobile(phone)) problems.push({ field: 'applicant.phone', code: 'invalid_mobile' });
  const code = body.respondent.creditCode ? normaliseCode(body.respondent.creditCode) : null;
  if (code && !isValidCreditCode(code)) problems.push({ field: 'respondent.creditCode', code: 'invalid_credit_code' });
  const types = [...new Set(body.disputeTypes)];
  const claim =
    body.claimAmount === undefined || body.claimAmount === null ? null : Math.round(body.claimAmount * 100) / 100;
  if (problems.length) return { problems };
  return {
    value: {
      applicant: { name: body.applicant.name, idNumber, phone },
      respondent: { name: body.respondent.name, creditCode: code },
      disputeTypes: types,
      claimAmount: claim,
    },
  };
}

/** A tracking code an applicant can read out on the phone: 8 characters without 0/O, 1/I/L. */
export const TRACKING_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const TRACKING_CODE = /^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}$/;

// ——— cases: the API's shapes ———

export const DEADLINE_STATES = ['ok', 'due_soon', 'overdue'] as const;

/** A case as the inbox lists it: the parties' ID and phone masked unless revealed. */
export const mediationCase = z.object({
  id: z.uuid(),
  trackingCode: z.string(),
  orgId: z.uuid(),
  orgName: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  source: z.enum(CASE_SOURCES),
  entrustedRef: z.string().nullable(),
  applicant: z.object({ name: z.string(), idNumber: z.string(), phone: z.string() }),
  personalMasked: z.boolean(),
  respondent: z.object({ name: z.string(), creditCode: z.string().nullable() }),
  disputeTypes: z.array(z.enum(DISPUTE_TYPES)),
  claimAmount: z.number().nullable(),
  status: z.enum(CASE_STATUSES),
  receivedOn: z.string(),
  acceptanceDue: z.string(),
  mediationDue: z.string(),
  extensionDays: z.number().int(),
  effectiveDue: z.string(),
  calendarMissing: z.boolean(),
  /** the deadline an open case waits on, and how close it is (closed cases: null) */
  pending: z
    .object({ kind: z.enum(['acceptance', 'mediation']), due: z.string(), state: z.enum(DEADLINE_STATES) })
    .nullable(),
  closedOn: z.string().nullable(),
  version: z.number().int(),
});
export type MediationCase = z.infer<typeof mediationCase>;

/** What an agreement records (调解协议书): the terms, when they are to be performed, when it took effect. */
export const agreementFields = z
  .object({
    /** 协议内容 */
    terms: z.string().trim().min(4).max(4000),
    /** 履行期限 */
    performanceDeadline: z.iso.date(),
    /** 生效日期: signed by both parties and the mediator, sealed by the organisation */
    effectiveOn: z.iso.date(),
  })
  .strict();
export type AgreementFields = z.infer<typeof agreementFields>;

/** The timeline's entries that do not move the workflow: the case's arrival, an extension, the case file's records. */
export const RECORD_EVENTS = [
  'apply',
  'register',
  'extend',
  'attach',
  'review',
  'perform',
  'letter',
  'reply',
  'archive',
] as const;
export type RecordEvent = (typeof RECORD_EVENTS)[number];
export const RECORD_EVENT_LABELS: Record<RecordEvent, Messages> = {
  apply: { 'zh-CN': '网上申请', 'en-US': 'Applied online' },
  register: { 'zh-CN': '登记案件', 'en-US': 'Registered' },
  extend: { 'zh-CN': '延长调解期限', 'en-US': 'Extended' },
  attach: { 'zh-CN': '上传材料', 'en-US': 'Document attached' },
  review: { 'zh-CN': '仲裁审查确认', 'en-US': 'Arbitral review' },
  perform: { 'zh-CN': '协议履行', 'en-US': 'Performance' },
  letter: { 'zh-CN': '发出调解建议书', 'en-US': 'Suggestion letter sent' },
  reply: { 'zh-CN': '建议书反馈', 'en-US': 'Reply to a letter' },
  archive: { 'zh-CN': '结案归档', 'en-US': 'Archived' },
};

export const caseEventRecord = z.object({
  at: z.string(),
  event: z.enum([...CASE_EVENTS, ...RECORD_EVENTS]),
  fromStatus: z.enum(CASE_STATUSES).nullable(),
  toStatus: z.enum(CASE_STATUSES),
  actorName: z.string().nullable(),
  note: z.string().nullable(),
  session: z
    .object({ heldOn: z.string(), mediatorName: z.string(), participants: z.string(), record: z.string() })
    .nullable(),
});

export const mediationCaseDetail = mediationCase.extend({
  facts: z.string(),
  outcomeNote: z.string().nullable(),
  /** the agreement, with the last day of the joint application for arbitral review (15 days from effect) */
  agreement: agreementFields.extend({ reviewDue: z.string() }).nullable(),
  extension: z
    .object({ days: z.number().int(), applicantConsentOn: z.string(), respondentConsentOn: z.string() })
    .nullable(),
  /** the events this case accepts now */
  next: z.array(z.enum(CASE_EVENTS)),
  timeline: z.array(caseEventRecord),
});
export type MediationCaseDetail = z.infer<typeof mediationCaseDetail>;

export const caseListQuery = pageQuery.extend({
  q: z.string().trim().max(50).optional(),
  status: z.enum(CASE_STATUSES).optional(),
  /** open cases only */
  open: z.enum(['true', 'false']).optional(),
  /** open cases whose pending deadline is within the warning days, or past */
  due: z.enum(['soon', 'overdue']).optional(),
  orgId: z.uuid().optional(),
  regionCode: regionCode.optional(),
});
export type CaseListQuery = z.infer<typeof caseListQuery>;

/** Staff register a case that came in person or from an arbitration commission, with the date received. */
export const registerCaseBody = mediationApplicationBody
  .omit({ orgId: true })
  .extend({
    orgId: z.uuid(),
    source: z.enum(['walk_in', 'entrusted']),
    /** 委托调解: the arbitration commission's reference */
    entrustedRef: z.string().trim().max(60).nullable().optional(),
    receivedOn: z.iso.date(),
  })
  .strict();
export type RegisterCaseBody = z.infer<typeof registerCaseBody>;

export const caseEventBody = z
  .object({
    event: z.enum(CASE_EVENTS),
    version: z.number().int().min(1),
    note: z.string().trim().max(2000).nullable().optional(),
    /** for `agree`: the agreement itself */
    agreement: agreementFields.optional(),
    /** for `session`: the mediation session's record (调解记录) */
    session: z
      .object({
        heldOn: z.iso.date(),
        mediatorName: z.string().trim().min(2).max(50),
        participants: z.string().trim().min(2).max(200),
        record: z.string().trim().min(4).max(8000),
      })
      .strict()
      .optional(),
  })
  .strict();
export type CaseEventBody = z.infer<typeof caseEventBody>;

export const caseExtensionBody = z
  .object({
    version: z.number().int().min(1),
    days: z.number().int(),
    applicantConsentOn: z.iso.date().nullable().optional(),
    respondentConsentOn: z.iso.date().nullable().optional(),
    note: z.string().trim().max(500).nullable().optional(),
  })
  .strict();
export type CaseExtensionBody = z.infer<typeof caseExtensionBody>;

export const CASE_FIELD_LABELS: Record<string, Messages> = {
  'applicant.name': { 'zh-CN': '申请人姓名', 'en-US': 'Applicant name' },
  'applicant.idNumber': { 'zh-CN': '申请人身份证号码', 'en-US': 'Applicant ID number' },
  'applicant.phone': { 'zh-CN': '申请人手机号码', 'en-US': 'Applicant mobile' },
  'respondent.name': { 'zh-CN': '被申请人（单位）名称', 'en-US': 'Respondent' },
  'respondent.creditCode': { 'zh-CN': '被申请人统一社会信用代码', 'en-US': 'Respondent credit code' },
  regionCode: { 'zh-CN': '争议发生地区划', 'en-US': 'Region' },
  orgId: { 'zh-CN': '调解组织', 'en-US': 'Mediation organisation' },
  disputeTypes: { 'zh-CN': '争议类型', 'en-US': 'Dispute types' },
  claimAmount: { 'zh-CN': '请求金额', 'en-US': 'Amount claimed' },
  facts: { 'zh-CN': '事实与理由', 'en-US': 'Facts and reasons' },
  receivedOn: { 'zh-CN': '收到申请日期', 'en-US': 'Date received' },
  entrustedRef: { 'zh-CN': '委托调解函号', 'en-US': 'Entrustment reference' },
  'session.heldOn': { 'zh-CN': '调解日期', 'en-US': 'Session date' },
  'session.mediatorName': { 'zh-CN': '调解员', 'en-US': 'Mediator' },
  'session.participants': { 'zh-CN': '参加人员', 'en-US': 'Participants' },
  'session.record': { 'zh-CN': '调解记录', 'en-US': 'Record' },
  agreement: { 'zh-CN': '调解协议', 'en-US': 'Agreement' },
  'agreement.terms': { 'zh-CN': '协议内容', 'en-US': 'Terms' },
  'agreement.performanceDeadline': { 'zh-CN': '履行期限', 'en-US': 'Performance deadline' },
  'agreement.effectiveOn': { 'zh-CN': '协议生效日期', 'en-US': 'Date of effect' },
  session: { 'zh-CN': '调解记录', 'en-US': 'Session record' },
  note: { 'zh-CN': '说明（理由）', 'en-US': 'Note (reason)' },
  days: { 'zh-CN': '延长天数', 'en-US': 'Days of extension' },
  applicantConsentOn: { 'zh-CN': '申请人同意日期', 'en-US': 'Applicant’s consent' },
  respondentConsentOn: { 'zh-CN': '被申请人同意日期', 'en-US': 'Respondent’s consent' },
  from: { 'zh-CN': '起始日期', 'en-US': 'From' },
  to: { 'zh-CN': '截止日期', 'en-US': 'To' },
};

/** What the public gets back from an application: the tracking code and where it went. */
export const applicationReceipt = z.object({
  trackingCode: z.string(),
  orgName: z.string(),
  receivedOn: z.string(),
  acceptanceDue: z.string(),
  mediationDue: z.string(),
});

/** What a tracking code and its phone number show: status and deadline only, nothing personal. */
export const publicCaseStatus = z.object({
  trackingCode: z.string(),
  orgName: z.string(),
  status: z.enum(CASE_STATUSES),
  receivedOn: z.string(),
  pending: mediationCase.shape.pending,
  effectiveDue: z.string(),
  closedOn: z.string().nullable(),
  history: z.array(z.object({ at: z.string(), toStatus: z.enum(CASE_STATUSES) })),
});

// ——— statistics (DOMAIN-RULES §2) ———

/** The counts of a group of cases, the success rate with its n, and the average days to close. */
export const mediationStatsRow = z.object({
  key: z.string(),
  name: z.string(),
  received: z.number().int(),
  accepted: z.number().int(),
  rejected: z.number().int(),
  agreement: z.number().int(),
  failed: z.number().int(),
  withdrawn: z.number().int(),
  /** closed as overdue, or open past their deadline */
  overdue: z.number().int(),
  open: z.number().int(),
  successRate: z.object({ rate: z.number().nullable(), n: z.number().int() }),
  /** received to closed, over agreements, failures and overdue closings */
  avgDaysToClose: z.number().nullable(),
  claimAmount: z.number(),
});
export type MediationStatsRow = z.infer<typeof mediationStatsRow>;

export const mediationStats = z.object({
  from: z.string(),
  to: z.string(),
  by: z.enum(['region', 'org']),
  target: z.number(),
  total: mediationStatsRow,
  rows: z.array(mediationStatsRow),
  disputeTypes: z.array(z.object({ type: z.enum(DISPUTE_TYPES), cases: z.number().int() })),
  monthly: z.array(z.object({ month: z.string(), received: z.number().int(), agreement: z.number().int() })),
});
export type MediationStats = z.infer<typeof mediationStats>;

export const mediationStatsQuery = z.object({
  /** received on or after (default: 1 January of this year) */
  from: z.iso.date().optional(),
  /** received on or before (default: today) */
  to: z.iso.date().optional(),
  regionCode: regionCode.optional(),
  /** rows by the regions under the caller's (or the chosen) region, or by organisation */
  by: z.enum(['region', 'org']).default('region'),
});
export type MediationStatsQuery = z.infer<typeof mediationStatsQuery>;

/** The additive counts of a group; `statsRowOf` turns them into a row with its rate. */
export interface StatsCounts {
  received: number;
  accepted: number;
  rejected: number;
  agreement: number;
  failed: number;
  withdrawn: number;
  overdue: number;
  open: number;
  closedDays: number;
  closedCount: number;
  claimAmount: number;
}

export const emptyCounts = (): StatsCounts => ({
  received: 0,
  accepted: 0,
  rejected: 0,
  agreement: 0,
  failed: 0,
  withdrawn: 0,
  overdue: 0,
  open: 0,
  closedDays: 0,
  closedCount: 0,
  claimAmount: 0,
});

export function addCounts(a: StatsCounts, b: StatsCounts): StatsCounts {
  const out = emptyCounts();
  for (const k of Object.keys(out) as (keyof StatsCounts)[]) out[k] = a[k] + b[k];
  return out;
}

export function statsRowOf(key: string, name: string, c: StatsCounts): MediationStatsRow {
  return {
    key,
    name,
    received: c.received,
    accepted: c.accepted,
    rejected: c.rejected,
    agreement: c.agreement,
    failed: c.failed,
    withdrawn: c.withdrawn,
    overdue: c.overdue,
    open: c.open,
    successRate: successRate(c),
    avgDaysToClose: c.closedCount ? Math.round((c.closedDays / c.closedCount) * 10) / 10 : null,
    claimAmount: Math.round(c.claimAmount * 100) / 100,
  };
}

// ——— mediators (附件4) ———

export const mediatorTraining = z
  .object({ on: z.iso.date(), title: z.string().trim().min(2).max(100), hours: z.number().min(0).max(1000) })
  .strict();

export const mediatorFields = z.object({
  name: z.string().trim().min(2).max(50),
  /** 公民身份号码 (optional; masked unless revealed) */
  idNumber: z.string().trim().max(30).nullable().optional(),
  phone: z.string().trim().max(30).nullable().optional(),
  /** 专职 / 兼职 */
  fullTime: z.boolean(),
  trainings: z.array(mediatorTraining).max(50).optional(),
  active: z.boolean().optional(),
});

/** A mediator's ID number must be a valid citizen ID (checked with its check character), the phone a phone number. */
export function mediatorProblems(r: { idNumber: string | null; phone: string | null }): RecordProblem[] {
  const problems: RecordProblem[] = [];
  if (r.idNumber && !isValidIdNumber(r.idNumber)) problems.push({ field: 'idNumber', code: 'invalid_id_number' });
  if (r.phone && !isValidPhone(r.phone)) problems.push({ field: 'phone', code: 'invalid_phone' });
  return problems;
}

export const createMediatorBody = mediatorFields.extend({ orgId: z.uuid() }).strict();
export type CreateMediatorBody = z.infer<typeof createMediatorBody>;
export const updateMediatorBody = mediatorFields
  .partial()
  .extend({ version: z.number().int().min(1) })
  .strict();
export type UpdateMediatorBody = z.infer<typeof updateMediatorBody>;

export const mediator = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  orgName: z.string(),
  regionCode: z.string(),
  name: z.string(),
  idNumber: z.string().nullable(),
  phone: z.string().nullable(),
  personalMasked: z.boolean(),
  fullTime: z.boolean(),
  trainings: z.array(mediatorTraining),
  active: z.boolean(),
  version: z.number().int(),
});
export type Mediator = z.infer<typeof mediator>;

export const mediatorListQuery = pageQuery.extend({
  orgId: z.uuid().optional(),
  q: z.string().trim().max(50).optional(),
  regionCode: regionCode.optional(),
  active: z.enum(['true', 'false']).optional(),
});
export type MediatorListQuery = z.infer<typeof mediatorListQuery>;

/** The public roster of mediators (名册制度): name, organisation, full- or part-time; nothing personal. */
export const publicMediator = mediator.pick({
  id: true,
  orgId: true,
  orgName: true,
  regionCode: true,
  name: true,
  fullTime: true,
});
export const publicMediatorListQuery = pageQuery.extend({
  orgId: z.uuid().optional(),
  regionCode: regionCode.optional(),
});

export const MEDIATOR_FIELD_LABELS: Record<string, Messages> = {
  name: { 'zh-CN': '调解员姓名', 'en-US': 'Name' },
  idNumber: { 'zh-CN': '公民身份号码', 'en-US': 'ID number' },
  phone: { 'zh-CN': '联系电话', 'en-US': 'Phone' },
  orgId: { 'zh-CN': '调解组织', 'en-US': 'Organisation' },
  fullTime: { 'zh-CN': '专职/兼职', 'en-US': 'Full- or part-time' },
  trainings: { 'zh-CN': '培训记录', 'en-US': 'Trainings' },
};
