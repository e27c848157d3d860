import { z } from 'zod';
import type { Role } from './access.js';
import type { Messages } from './i18n.js';
import type { RecordProblem } from './mediation.js';
import { pageQuery, regionCode } from './schemas.js';

/**
 * 重点企业用工指导 (附件7, SPEC §2.6): the dynamic list of key enterprises and its ledger (台账), the monthly
 * employment reports, the stabilisation policies enjoyed, the guidance given and the collective consultations.
 * The server, the import and the pages use these rules; nothing here is re-derived in a route or a page.
 */

// ——— the list ———

/** 列入原因: why an enterprise is on the list (several may apply). */
export const KEY_REASONS = ['large_headcount', 'operating_difficulty', 'layoff_plan', 'complaints'] as const;
export type KeyReason = (typeof KEY_REASONS)[number];
export const KEY_REASON_LABELS: Record<KeyReason, Messages> = {
  large_headcount: { 'zh-CN': '用工规模较大', 'en-US': 'Large headcount' },
  operating_difficulty: { 'zh-CN': '生产经营困难', 'en-US': 'Operating difficulty' },
  layoff_plan: { 'zh-CN': '拟裁员或已裁员', 'en-US': 'Planning or making layoffs' },
  complaints: { 'zh-CN': '劳动争议、投诉举报较多', 'en-US': 'Disputes and complaints' },
};

/** Which entries of the ledger a list shows: those on the list now, those taken off, or both. */
export const KEY_STATUSES = ['listed', 'delisted', 'all'] as const;
export type KeyStatus = (typeof KEY_STATUSES)[number];
export const KEY_STATUS_LABELS: Record<KeyStatus, Messages> = {
  listed: { 'zh-CN': '在册', 'en-US': 'On the list' },
  delisted: { 'zh-CN': '已移出', 'en-US': 'Taken off' },
  all: { 'zh-CN': '全部', 'en-US': 'All' },
};

/** 稳岗政策: the kinds of stabilisation support the plan names (第六(四)). */
export const POLICY_KINDS = [
  'social_insurance_relief',
  'job_retention_refund',
  'skills_subsidy',
  'tax_relief',
  'other',
] as const;
export type PolicyKind = (typeof POLICY_KINDS)[number];
export const POLICY_KIND_LABELS: Record<PolicyKind, Messages> = {
  social_insurance_relief: { 'zh-CN': '社会保险费阶段性减免', 'en-US': 'Social insurance relief' },
  job_retention_refund: { 'zh-CN': '失业保险稳岗返还', 'en-US': 'Job-retention refund' },
  skills_subsidy: { 'zh-CN': '技能提升补贴', 'en-US': 'Skills subsidy' },
  tax_relief: { 'zh-CN': '税收优惠', 'en-US': 'Tax relief' },
  other: { 'zh-CN': '其他稳岗政策', 'en-US': 'Other support' },
};

/** Who may follow a key enterprise (对接工作人员): the offices' staff, of the enterprise's region or above it. */
export const FOLLOWER_ROLES: readonly Role[] = ['province_admin', 'region_admin', 'region_staff'];

/** The most people one enterprise reports (a very large group). */
export const MAX_HEADCOUNT = 1_000_000;
/** The largest amount of one policy entry, in yuan. */
export const MAX_POLICY_AMOUNT = 10_000_000_000;

const day = z.iso.date();
const text = (max: number) => z.string().trim().max(max);
const reasons = z.array(z.enum(KEY_REASONS)).min(1).max(KEY_REASONS.length);
const headcount = z.number().int().min(0).max(MAX_HEADCOUNT);

/** 列入重点企业名单: an enterprise of the register put on the list (again, after it was taken off). */
export const listKeyEnterpriseBody = z
  .object({
    enterpriseId: z.uuid(),
    /** 列入原因 */
    reasons,
    /** 列入日期 */
    listedOn: day,
    /** 列入说明 */
    note: text(500).nullable().optional(),
    /** 对接工作人员 */
    followerId: z.uuid().nullable().optional(),
    /** 上年底职工数, as the office knows it when listing (a December report, once there, counts instead) */
    baseHeadcount: headcount.nullable().optional(),
    /** the year whose end baseHeadcount is */
    baseYear: z.number().int().min(2000).max(2100).nullable().optional(),
  })
  .strict();
export type ListKeyEnterpriseBody = z.infer<typeof listKeyEnterpriseBody>;

/** 移出名单: the day and why; the listing period is closed, never deleted. */
export const delistKeyEnterpriseBody = z
  .object({
    delistedOn: day,
    /** 移出原因 */
    reason: z.string().trim().min(2).max(500),
    version: z.number().int().min(1),
  })
  .strict();
export type DelistKeyEnterpriseBody = z.infer<typeof delistKeyEnterpriseBody>;

/** The ledger's own fields, and the reasons of the current listing. */
export const updateKeyEnterpriseBody = z
  .object({
    reasons,
    note: text(500).nullable(),
    followerId: z.uuid().nullable(),
    baseHeadcount: headcount.nullable(),
    baseYear: z.number().int().min(2000).max(2100).nullable(),
  })
  .partial()
  .extend({ version: z.number().int().min(1) })
  .strict();
export type UpdateKeyEnterpriseBody = z.infer<typeof updateKeyEnterpriseBody>;

/** 已享受的稳岗政策: one entry (kind, amount, date). */
export const keyPolicyFields = z.object({
  kind: z.enum(POLICY_KINDS),
  /** 金额（元） */
  amount: z.number().min(0).max(MAX_POLICY_AMOUNT),
  /** 享受日期 */
  grantedOn: day,
  note: text(500).nullable().optional(),
});
export const createKeyPolicyBody = keyPolicyFields.strict();
export type CreateKeyPolicyBody = z.infer<typeof createKeyPolicyBody>;
export const updateKeyPolicyBody = keyPolicyFields
  .partial()
  .extend({ version: z.number().int().min(1) })
  .strict();
export type UpdateKeyPolicyBody = z.infer<typeof updateKeyPolicyBody>;

/** 跟踪指导情况: one visit or call (date, by whom, what was done). */
export const keyGuidanceFields = z.object({
  guidedOn: day,
  /** 指导人: a name (the signed-in user when left out) */
  guidedBy: z.string().trim().min(1).max(50).optional(),
  content: z.string().trim().min(2).max(2000),
});
export const createKeyGuidanceBody = keyGuidanceFields.strict();
export type CreateKeyGuidanceBody = z.infer<typeof createKeyGuidanceBody>;
export const updateKeyGuidanceBody = keyGuidanceFields
  .partial()
  .extend({ version: z.number().int().min(1) })
  .strict();
export type UpdateKeyGuidanceBody = z.infer<typeof updateKeyGuidanceBody>;

// ——— collective consultation (集体协商, 第六(三)) ———

export const CONSULTATION_TOPICS = ['wages', 'hours', 'rotation', 'shorter_hours', 'other'] as const;
export type ConsultationTopic = (typeof CONSULTATION_TOPICS)[number];
export const CONSULTATION_TOPIC_LABELS: Record<ConsultationTopic, Messages> = {
  wages: { 'zh-CN': '工资报酬', 'en-US': 'Wages' },
  hours: { 'zh-CN': '工作时间', 'en-US': 'Working hours' },
  rotation: { 'zh-CN': '轮岗轮休', 'en-US': 'Rotation and rotating leave' },
  shorter_hours: { 'zh-CN': '缩短工时', 'en-US': 'Shorter hours' },
  other: { 'zh-CN': '其他', 'en-US': 'Other' },
};

export const consultationFields = z.object({
  /** 协商日期 */
  heldOn: day,
  /** 协商议题 */
  topics: z.array(z.enum(CONSULTATION_TOPICS)).min(1).max(CONSULTATION_TOPICS.length),
  /** 参加人员 */
  participants: z.string().trim().min(2).max(500),
  /** 协商结果 */
  result: z.string().trim().min(2).max(2000),
  /** 是否达成协议 */
  agreementReached: z.boolean(),
  /** 协议内容摘要: required when an agreement was reached */
  agreementSummary: text(2000).nullable().optional(),
});
export const createConsultationBody = consultationFields.strict();
export type CreateConsultationBody = z.infer<typeof createConsultationBody>;
export const updateConsultationBody = consultationFields
  .partial()
  .extend({ version: z.number().int().min(1) })
  .strict();
export type UpdateConsultationBody = z.infer<typeof updateConsultationBody>;

// ——— monthly employment reports ———

/** 减少原因: why people left in the month. */
export const SEPARATION_REASONS = ['resigned', 'dismissed', 'contractEnded', 'retired', 'other'] as const;
export type SeparationReason = (typeof SEPARATION_REASONS)[number];
export const SEPARATION_REASON_LABELS: Record<SeparationReason, Messages> = {
  resigned: { 'zh-CN': '主动辞职', 'en-US': 'Resigned' },
  dismissed: { 'zh-CN': '单位解除（辞退）', 'en-US': 'Dismissed' },
  contractEnded: { 'zh-CN': '劳动合同终止', 'en-US': 'Contract ended' },
  retired: { 'zh-CN': '退休', 'en-US': 'Retired' },
  other: { 'zh-CN': '其他原因', 'en-US': 'Other' },
};
export type Separations = Record<SeparationReason, number>;

/** Who entered a report: the office's staff, the enterprise itself, or a staff import. */
export const REPORT_SOURCES = ['staff', 'enterprise', 'import'] as const;
export type ReportSource = (typeof REPORT_SOURCES)[number];
export const REPORT_SOURCE_LABELS: Record<ReportSource, Messages> = {
  staff: { 'zh-CN': '工作人员录入', 'en-US': 'Entered by staff' },
  enterprise: { 'zh-CN': '企业填报', 'en-US': 'Filed by the enterprise' },
  import: { 'zh-CN': '批量导入', 'en-US': 'Imported' },
};

/** A month as the API writes it: 2026-11. */
export const yearMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);

const count = z.number().int().min(0).max(MAX_HEADCOUNT);
export const separationsSchema = z
  .object({ resigned: count, dismissed: count, contractEnded: count, retired: count, other: count })
  .strict();

export const reportFields = z.object({
  /** 报告月份 */
  month: yearMonth,
  /** 月末职工人数 */
  headcount: count,
  /** 本月新增人数 */
  hires: count,
  /** 本月减少人数, by reason */
  separations: separationsSchema,
  /** 备注: e.g. why the figures do not add up */
  note: text(500).nullable().optional(),
});
/** Staff enter a report for an enterprise of their region. */
export const createReportBody = reportFields.extend({ enterpriseId: z.uuid() }).strict();
export type CreateReportBody = z.infer<typeof createReportBody>;
/** An enterprise user files their own enterprise's report: no enterprise to name. */
export const createOwnReportBody = reportFields.strict();
export type CreateOwnReportBody = z.infer<typeof createOwnReportBody>;
/** A correction: the figures (not the month or the enterprise), at the version read. */
export const updateReportBody = reportFields
  .omit({ month: true })
  .partial()
  .extend({ version: z.number().int().min(1) })
  .strict();
export type UpdateReportBody = z.infer<typeof updateReportBody>;

/**
 * 报送期: a month's report is due from the 25th of that month to the 5th of the next (both days included). A
 * parameter: the functions below take another window where a region sets one.
 */
export interface ReportingWindow {
  /** the day of the reported month the window opens */
  opensOnDay: number;
  /** the day of the following month it closes */
  closesOnDay: number;
}
export const REPORTING_WINDOW: ReportingWindow = { opensOnDay: 25, closesOnDay: 5 };

const pad = (n: number) => String(n).padStart(2, '0');

/** The month of a day: 2026-11-30 -> 2026-11. */
export const monthOf = (date: string) => date.slice(0, 7);

/** A month moved by n months: addMonths('2026-01', -1) = '2025-12'. */
export function addMonths(m: string, n: number): string {
  const total = Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1 + n;
  return `${Math.floor(total / 12)}-${pad((total % 12) + 1)}`;
}

/** Months from a to b (b later: positive). */
export function monthsBetween(a: string, b: string): number {
  return Number(b.slice(0, 4)) * 12 + Number(b.slice(5, 7)) - (Number(a.slice(0, 4)) * 12 + Number(a.slice(5, 7)));
}

/** The first and last day the month's report is taken in. */
export function windowOf(m: string, w: ReportingWindow = REPORTING_WINDOW): { opens: string; closes: string } {
  return { opens: `${m}-${pad(w.opensOnDay)}`, closes: `${addMonths(m, 1)}-${pad(w.closesOnDay)}` };
}

/** early: before the window opens (the month has not ended); open; late: after it closed. */
export type ReportTiming = 'early' | 'open' | 'late';
export function reportTiming(m: string, today: string, w: ReportingWindow = REPORTING_WINDOW): ReportTiming {
  const { opens, closes } = windowOf(m, w);
  if (today < opens) return 'early';
  return today > closes ? 'late' : 'open';
}

/** The month whose window is open today (the month just ending), or null between the 6th and the 24th. */
export function openReportMonth(today: string, w: ReportingWindow = REPORTING_WINDOW): string | null {
  const d = Number(today.slice(8, 10));
  if (d >= w.opensOnDay) return monthOf(today);
  if (d <= w.closesOnDay) return addMonths(monthOf(today), -1);
  return null;
}

/** The latest month whose window has closed by today: the last report every enterprise should have sent. */
export function lastDueMonth(today: string, w: ReportingWindow = REPORTING_WINDOW): string {
  const d = Number(today.slice(8, 10));
  return addMonths(monthOf(today), d > w.closesOnDay ? -1 : -2);
}

/**
 * How many due months have passed without a report since the last one (the warning "no report for two months"):
 * 0 when the last due month was reported. `since` stands for the month before the first one expected (the listing
 * month, say) when the enterprise has never reported.
 */
export function monthsWithoutReport(
  lastReported: string | null,
  today: string,
  since: string,
  w: ReportingWindow = REPORTING_WINDOW,
): number {
  const from = lastReported && lastReported > since ? lastReported : since;
  return Math.max(0, monthsBetween(from, lastDueMonth(today, w)));
}

/** Reads a month as people type it in a spreadsheet: 2026-11, 2026/11, 2026.11, 2026年11月, 202611, 2026-11-30. */
export function parseMonth(raw: string): string | null {
  const t = raw.replace(/\s/g, '');
  const m =
    /^(\d{4})[-/.年](\d{1,2})(?:月|[-/.]\d{1,2}日?)?$/.exec(t) ??
    /^(\d{4})(\d{2})$/.exec(t) ??
    /^(\d{4})-(\d{2})-\d{2}T.*$/.exec(t);
  if (!m) return null;
  const mm = Number(m[2]);
  return mm >= 1 && mm <= 12 ? `${m[1]}-${pad(mm)}` : null;
}

export const separationsTotal = (s: Separations) => s.resigned + s.dismissed + s.contractEnded + s.retired + s.other;

export interface ReportConsistency {
  /** the previous month's reported headcount, when there is that report */
  previousHeadcount: number | null;
  /** previous + hires − separations */
  expected: number | null;
  /** reported − expected: 0 when the figures add up */
  gap: number | null;
  /** null: no previous month to check against */
  consistent: boolean | null;
}

/**
 * 上月末人数 + 本月新增 − 本月减少 = 本月末人数. A gap is a warning, not a refusal: transfers between units of a
 * group, staff seconded in or out, a previous month corrected later all make honest reports that do not add up,
 * and the month-end headcount is what the warnings read. The gap is shown with the report, and the form asks for
 * a note explaining it.
 */
export function reportConsistency(
  previousHeadcount: number | null,
  r: { headcount: number; hires: number; separations: Separations },
): ReportConsistency {
  if (previousHeadcount === null) return { previousHeadcount: null, expected: null, gap: null, consistent: null };
  const expected = previousHeadcount + r.hires - separationsTotal(r.separations);
  const gap = r.headcount - expected;
  return { previousHeadcount, expected, gap, consistent: gap === 0 };
}

/**
 * Who may file a month, and when. An enterprise user files only while the month's window is open; staff may file
 * late (the report is then marked late). Nobody files a month before its window opens: its figures are not known.
 */
export function reportFilingProblem(
  m: string,
  today: string,
  by: 'staff' | 'enterprise',
  w: ReportingWindow = REPORTING_WINDOW,
): { refused: 'not_due' | 'window_closed'; opens: string; closes: string } | null {
  const timing = reportTiming(m, today, w);
  const { opens, closes } = windowOf(m, w);
  if (timing === 'early') return { refused: 'not_due', opens, closes };
  if (timing === 'late' && by === 'enterprise') return { refused: 'window_closed', opens, closes };
  return null;
}

/** 上年底职工数 for the end of `year`: the December report when there is one, else what the office recorded. */
export function yearEndHeadcount(
  year: number,
  decemberReport: number | null,
  recorded: { baseYear: number | null; baseHeadcount: number | null },
): { year: number; headcount: number; source: 'report' | 'ledger' } | null {
  if (decemberReport !== null) return { year, headcount: decemberReport, source: 'report' };
  if (recorded.baseYear === year && recorded.baseHeadcount !== null) {
    return { year, headcount: recorded.baseHeadcount, source: 'ledger' };
  }
  return null;
}

/** The change from a base headcount: people, and the share of the base (null when the base is 0). */
export function headcountChange(
  base: number | null,
  current: number | null,
): { delta: number; ratio: number | null } | null {
  if (base === null || current === null) return null;
  const delta = current - base;
  return { delta, ratio: base > 0 ? delta / base : null };
}

/**
 * The plan's defaults for what makes an enterprise's headcount worth a warning (issue 5 item 5): down 10% or more
 * against last year end, down by 20 people or more in a month, no report for two due months. The early-warning
 * rules start from these; the thresholds the province administrator sets there win.
 */
export const HEADCOUNT_WATCH = { fallShare: 0.1, monthlyDrop: 20, silentMonths: 2 } as const;

/** A change from last year end that the default rule would flag (shown in red on the ledger). */
export const isNotableFall = (
  change: { ratio: number | null } | null,
  watch: { fallShare: number } = HEADCOUNT_WATCH,
) =>
  // The epsilon keeps an exact 10% (say 93 of 930 people) from missing through floating point.
  change?.ratio != null && change.ratio <= -watch.fallShare + 1e-9;

// ——— rules over a record ———

/** The listing's dates and reasons: no day in the future, no reason twice. */
export function listingProblems(
  b: { listedOn?: string | undefined; reasons?: readonly string[] | undefined },
  today: string,
): RecordProblem[] {
  const problems: RecordProblem[] = [];
  if (b.listedOn && b.listedOn > today) problems.push({ field: 'listedOn', code: 'future_date' });
  if (b.reasons && new Set(b.reasons).size !== b.reasons.length)
    problems.push({ field: 'reasons', code: 'invalid_value' });
  return problems;
}

export function delistProblems(delistedOn: string, listedOn: string, today: string): RecordProblem[] {
  if (delistedOn > today) return [{ field: 'delistedOn', code: 'future_date' }];
  if (delistedOn < listedOn) return [{ field: 'delistedOn', code: 'before_listed' }];
  return [];
}

/** The year a base headcount belongs to comes with it, and is a past year. */
export function baseHeadcountProblems(
  b: { baseHeadcount: number | null; baseYear: number | null },
  today: string,
): RecordProblem[] {
  if (b.baseHeadcount !== null && b.baseYear === null) return [{ field: 'baseYear', code: 'required' }];
  if (b.baseYear !== null && b.baseYear >= Number(today.slice(0, 4))) return [{ field: 'baseYear', code: 'too_big' }];
  return [];
}

export function consultationProblems(
  c: { heldOn: string; topics: readonly string[]; agreementReached: boolean; agreementSummary: string | null },
  today: string,
): RecordProblem[] {
  const problems: RecordProblem[] = [];
  if (c.heldOn > today) problems.push({ field: 'heldOn', code: 'future_date' });
  if (new Set(c.topics).size !== c.topics.length) problems.push({ field: 'topics', code: 'invalid_value' });
  if (c.agreementReached && !c.agreementSummary) problems.push({ field: 'agreementSummary', code: 'required' });
  return problems;
}

export const EMPLOYMENT_FIELD_LABELS: Record<string, Messages> = {
  enterpriseId: { 'zh-CN': '企业', 'en-US': 'Enterprise' },
  reasons: { 'zh-CN': '列入原因', 'en-US': 'Reasons for listing' },
  reason: { 'zh-CN': '移出原因', 'en-US': 'Reason for taking off' },
  listedOn: { 'zh-CN': '列入日期', 'en-US': 'Listed on' },
  delistedOn: { 'zh-CN': '移出日期', 'en-US': 'Taken off on' },
  note: { 'zh-CN': '备注', 'en-US': 'Note' },
  followerId: { 'zh-CN': '对接工作人员', 'en-US': 'Staff following it' },
  baseHeadcount: { 'zh-CN': '上年底职工数', 'en-US': 'Headcount at last year end' },
  baseYear: { 'zh-CN': '上年底职工数所属年度', 'en-US': 'Year of that headcount' },
  kind: { 'zh-CN': '政策类型', 'en-US': 'Kind of support' },
  amount: { 'zh-CN': '金额（元）', 'en-US': 'Amount (yuan)' },
  grantedOn: { 'zh-CN': '享受日期', 'en-US': 'Granted on' },
  guidedOn: { 'zh-CN': '指导日期', 'en-US': 'Date' },
  guidedBy: { 'zh-CN': '指导人', 'en-US': 'By' },
  content: { 'zh-CN': '指导内容', 'en-US': 'What was done' },
  heldOn: { 'zh-CN': '协商日期', 'en-US': 'Held on' },
  topics: { 'zh-CN': '协商议题', 'en-US': 'Topics' },
  participants: { 'zh-CN': '参加人员', 'en-US': 'Participants' },
  result: { 'zh-CN': '协商结果', 'en-US': 'Result' },
  agreementReached: { 'zh-CN': '是否达成协议', 'en-US': 'Agreement reached' },
  agreementSummary: { 'zh-CN': '协议内容摘要', 'en-US': 'Summary of the agreement' },
  month: { 'zh-CN': '报告月份', 'en-US': 'Month' },
  headcount: { 'zh-CN': '月末职工人数', 'en-US': 'Headcount at month end' },
  hires: { 'zh-CN': '本月新增人数', 'en-US': 'Hires' },
  separations: { 'zh-CN': '本月减少人数', 'en-US': 'Separations' },
  'separations.resigned': { 'zh-CN': '减少人数（主动辞职）', 'en-US': 'Separations (resigned)' },
  'separations.dismissed': { 'zh-CN': '减少人数（单位解除）', 'en-US': 'Separations (dismissed)' },
  'separations.contractEnded': { 'zh-CN': '减少人数（劳动合同终止）', 'en-US': 'Separations (contract ended)' },
  'separations.retired': { 'zh-CN': '减少人数（退休）', 'en-US': 'Separations (retired)' },
  'separations.other': { 'zh-CN': '减少人数（其他原因）', 'en-US': 'Separations (other)' },
  regionCode: { 'zh-CN': '所属区划', 'en-US': 'Region' },
  status: { 'zh-CN': '名单状态', 'en-US': 'Status' },
  version: { 'zh-CN': '版本号', 'en-US': 'Version' },
};

// ——— what the API answers ———

export const keyListing = z.object({
  id: z.uuid(),
  listedOn: z.string(),
  reasons: z.array(z.enum(KEY_REASONS)),
  note: z.string().nullable(),
  listedBy: z.string().nullable(),
  delistedOn: z.string().nullable(),
  delistReason: z.string().nullable(),
  delistedBy: z.string().nullable(),
});
export type KeyListing = z.infer<typeof keyListing>;

const yearEnd = z.object({ year: z.number().int(), headcount: z.number().int(), source: z.enum(['report', 'ledger']) });

/** One line of the ledger (台账). */
export const keyEnterprise = z.object({
  id: z.uuid(),
  enterpriseId: z.uuid(),
  enterpriseName: z.string(),
  creditCode: z.string(),
  industryCode: z.string(),
  industryName: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  /** on the list now */
  listed: z.boolean(),
  /** the open listing period, or the last one when taken off */
  listing: keyListing,
  /** 上年底职工数 */
  lastYearEnd: yearEnd.nullable(),
  /** 目前职工数: the latest monthly report */
  current: z.object({ month: z.string(), headcount: z.number().int() }).nullable(),
  /** current against last year end */
  change: z.object({ delta: z.number().int(), ratio: z.number().nullable() }).nullable(),
  follower: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  /** 已享受的稳岗政策: how many entries, and their total (yuan) */
  policies: z.object({ count: z.number().int(), total: z.number() }),
  lastGuidedOn: z.string().nullable(),
  note: z.string().nullable(),
  baseHeadcount: z.number().int().nullable(),
  baseYear: z.number().int().nullable(),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type KeyEnterprise = z.infer<typeof keyEnterprise>;

export const keyEnterpriseListQuery = pageQuery.extend({
  /** enterprise name or credit code */
  q: z.string().trim().max(50).optional(),
  regionCode: regionCode.optional(),
  reason: z.enum(KEY_REASONS).optional(),
  status: z.enum(KEY_STATUSES).default('listed'),
  /** only those the caller follows */
  mine: z.enum(['true', 'false']).optional(),
});
export type KeyEnterpriseListQuery = z.infer<typeof keyEnterpriseListQuery>;

export const keyPolicy = z.object({
  id: z.uuid(),
  kind: z.enum(POLICY_KINDS),
  amount: z.number(),
  grantedOn: z.string(),
  note: z.string().nullable(),
  version: z.number().int(),
});
export type KeyPolicy = z.infer<typeof keyPolicy>;

export const keyGuidance = z.object({
  id: z.uuid(),
  guidedOn: z.string(),
  guidedBy: z.string(),
  content: z.string(),
  version: z.number().int(),
});
export type KeyGuidance = z.infer<typeof keyGuidance>;

export const collectiveConsultation = z.object({
  id: z.uuid(),
  heldOn: z.string(),
  topics: z.array(z.enum(CONSULTATION_TOPICS)),
  participants: z.string(),
  result: z.string(),
  agreementReached: z.boolean(),
  agreementSummary: z.string().nullable(),
  version: z.number().int(),
});
export type CollectiveConsultation = z.infer<typeof collectiveConsultation>;

export const employmentReport = z.object({
  id: z.uuid(),
  enterpriseId: z.uuid(),
  enterpriseName: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  month: z.string(),
  headcount: z.number().int(),
  hires: z.number().int(),
  separations: z.object({
    resigned: z.number().int(),
    dismissed: z.number().int(),
    contractEnded: z.number().int(),
    retired: z.number().int(),
    other: z.number().int(),
  }),
  separationsTotal: z.number().int(),
  /** checked against the previous month's report (a gap warns, see reportConsistency) */
  consistency: z.object({
    previousHeadcount: z.number().int().nullable(),
    expected: z.number().int().nullable(),
    gap: z.number().int().nullable(),
    consistent: z.boolean().nullable(),
  }),
  source: z.enum(REPORT_SOURCES),
  /** first filed after its window closed */
  late: z.boolean(),
  note: z.string().nullable(),
  submittedAt: z.string(),
  submittedBy: z.string().nullable(),
  version: z.number().int(),
});
export type EmploymentReport = z.infer<typeof employmentReport>;

export const reportListQuery = pageQuery.extend({
  enterpriseId: z.uuid().optional(),
  month: yearMonth.optional(),
  regionCode: regionCode.optional(),
});
export type ReportListQuery = z.infer<typeof reportListQuery>;

/** The monitoring page: the ledger line and everything recorded about the enterprise. */
export const keyEnterpriseDetail = keyEnterprise.extend({
  listings: z.array(keyListing),
  policyEntries: z.array(keyPolicy),
  guidance: z.array(keyGuidance),
  consultations: z.array(collectiveConsultation),
  /** the monthly reports, oldest first (at most the last 36 months) */
  reports: z.array(employmentReport),
  /** the month whose window is open today, and the last month due (lastDueMonth) */
  reporting: z.object({ openMonth: z.string().nullable(), lastDueMonth: z.string() }),
});
export type KeyEnterpriseDetail = z.infer<typeof keyEnterpriseDetail>;

/** An enterprise user's page: the window and their own reports. */
export const ownReports = z.object({
  enterpriseName: z.string(),
  openMonth: z.string().nullable(),
  window: z.object({ opens: z.string(), closes: z.string() }).nullable(),
  /** the next window, when none is open today */
  nextWindow: z.object({ month: z.string(), opens: z.string(), closes: z.string() }),
  reports: z.array(employmentReport),
});
export type OwnReports = z.infer<typeof ownReports>;

export const followerOption = z.object({ id: z.uuid(), name: z.string(), regionName: z.string() });
export type FollowerOption = z.infer<typeof followerOption>;
