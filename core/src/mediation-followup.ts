import { z } from 'zod';
import { daysBetween } from './deadlines.js';
import type { FieldErrorCode } from './errors.js';
import type { Messages } from './i18n.js';
import { type CaseStatus, isOpen } from './mediation.js';

/**
 * What follows a case's workflow (SPEC §2.3, 办案规则 Art. 74, 人社部令第17号): the documents the parties and
 * staff attach, the joint application for arbitral review confirmation of an agreement and its result, the
 * agreement's performance, the mediation suggestion letters (调解建议书) sent to an employer, and the archive of
 * a closed case. The server and the pages use these rules; nothing here is re-derived in a route.
 */

/** A field at fault (dotted path), as the server turns it into a 400 naming the field. */
export interface FollowupProblem {
  field: string;
  code: FieldErrorCode;
}

// ——— attachments ———

/** What may be attached: photographs or scans (JPEG, PNG) and PDF, told by their first bytes, not their name. */
export const ATTACHMENT_TYPES = ['image/jpeg', 'image/png', 'application/pdf'] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];
export const ATTACHMENT_EXTENSIONS: Record<AttachmentType, string> = {
  'image/jpeg': '.jpg',
  'image/png': '.png',
  'application/pdf': '.pdf',
};

export const ATTACHMENT_RULES = {
  /** an applicant's file, online (a phone photo is 2–4 MB) */
  publicMaxBytes: 5 * 1024 * 1024,
  /** an applicant's files on one application */
  publicMaxFiles: 5,
  /** a file staff attach (a scanned record) */
  staffMaxBytes: 10 * 1024 * 1024,
  /** all files of one case */
  maxFiles: 30,
} as const;

/** The type of a file from its magic bytes, or null when it is none of the accepted ones. */
export function sniffAttachment(bytes: Uint8Array): AttachmentType | null {
  const starts = (sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (starts([0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf'; // %PDF-
  return null;
}

/** A file name safe to show and to send back: no path, no control characters, at most 100 characters. */
export function cleanFileName(name: string, type: AttachmentType): string {
  const base = [...(name.split(/[\\/]/).pop() ?? '')]
    .filter((ch) => ch.charCodeAt(0) >= 0x20 && ch.charCodeAt(0) !== 0x7f && !'"<>|:*?'.includes(ch))
    .join('')
    .trim();
  const ext = ATTACHMENT_EXTENSIONS[type];
  const own = /\.([A-Za-z0-9]{1,5})$/.exec(base)?.[1]?.toLowerCase();
  const fits = own !== undefined && (`.${own}` === ext || (type === 'image/jpeg' && own === 'jpeg'));
  // The name's extension follows the content: 证据.exe holding a PNG is saved as 证据.png.
  const stem = (own !== undefined ? base.slice(0, -own.length - 1) : base) || '附件';
  return `${stem.slice(0, 100)}${fits ? base.slice(-own.length - 1) : ext}`;
}

export const caseAttachment = z.object({
  id: z.uuid(),
  fileName: z.string(),
  contentType: z.enum(ATTACHMENT_TYPES),
  size: z.number().int(),
  /** the applicant online, or the staff member who attached it */
  uploadedBy: z.enum(['applicant', 'staff']),
  uploaderName: z.string().nullable(),
  createdAt: z.string(),
});
export type CaseAttachment = z.infer<typeof caseAttachment>;

// ——— arbitral review confirmation (仲裁审查确认) ———

export const REVIEW_RESULTS = ['confirmed', 'not_confirmed'] as const;
export type ReviewResult = (typeof REVIEW_RESULTS)[number];

/**
 * Where an agreement's review stands: `awaiting` until the last day of the joint application, `missed` after it
 * with no application recorded, then `applied` and its result.
 */
export const REVIEW_STATES = ['awaiting', 'missed', 'applied', 'confirmed', 'not_confirmed'] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];
export const REVIEW_STATE_LABELS: Record<ReviewState, Messages> = {
  awaiting: { 'zh-CN': '可申请仲裁审查确认', 'en-US': 'Review may be applied for' },
  missed: { 'zh-CN': '未在期限内申请审查确认', 'en-US': 'No review applied for in time' },
  applied: { 'zh-CN': '已申请，待仲裁委员会审查', 'en-US': 'Applied, awaiting the commission' },
  confirmed: { 'zh-CN': '仲裁委员会已确认协议效力', 'en-US': 'Confirmed by the commission' },
  not_confirmed: { 'zh-CN': '仲裁委员会不予确认', 'en-US': 'Not confirmed by the commission' },
};

export const reviewRecord = z.object({
  /** 双方共同申请之日 */
  appliedOn: z.string(),
  /** 仲裁委员会名称 */
  commission: z.string(),
  result: z.enum(REVIEW_RESULTS).nullable(),
  resultOn: z.string().nullable(),
  note: z.string().nullable(),
});
export type ReviewRecord = z.infer<typeof reviewRecord>;

export const reviewBody = z
  .object({
    version: z.number().int().min(1),
    appliedOn: z.iso.date(),
    commission: z.string().trim().min(4).max(100),
    result: z.enum(REVIEW_RESULTS).nullable().optional(),
    resultOn: z.iso.date().nullable().optional(),
    note: z.string().trim().max(1000).nullable().optional(),
  })
  .strict();
export type ReviewBody = z.infer<typeof reviewBody>;

export interface AgreementDates {
  effectiveOn: string;
  performanceDeadline: string;
  reviewDue: string;
}

/**
 * A review as recorded: applied for on or after the agreement took effect and by its last day (a later joint
 * application is not accepted: 办案规则 Art. 74), not in the future; a result needs its date, on or after the
 * application.
 */
export function checkReview(agreement: AgreementDates, b: ReviewBody, today: string): FollowupProblem[] {
  const problems: FollowupProblem[] = [];
  if (b.appliedOn > today) problems.push({ field: 'appliedOn', code: 'future_date' });
  else if (b.appliedOn < agreement.effectiveOn) problems.push({ field: 'appliedOn', code: 'before_effect' });
  else if (b.appliedOn > agreement.reviewDue) problems.push({ field: 'appliedOn', code: 'review_late' });
  if (b.result && !b.resultOn) problems.push({ field: 'resultOn', code: 'required' });
  if (!b.result && b.resultOn) problems.push({ field: 'result', code: 'required' });
  if (b.resultOn) {
    if (b.resultOn > today) problems.push({ field: 'resultOn', code: 'future_date' });
    else if (b.resultOn < b.appliedOn) problems.push({ field: 'resultOn', code: 'before_application' });
  }
  return problems;
}

export function reviewState(agreement: AgreementDates, review: ReviewRecord | null, today: string): ReviewState {
  if (review) return review.result ?? 'applied';
  return today > agreement.reviewDue ? 'missed' : 'awaiting';
}

// ——— performance (协议履行) ———

export const PERFORMANCE_STATUSES = ['performed', 'partial', 'not_performed'] as const;
export type PerformanceStatus = (typeof PERFORMANCE_STATUSES)[number];

/** Where performance stands: `pending` before the deadline with nothing recorded, `overdue` after it. */
export const PERFORMANCE_STATES = ['pending', 'overdue', ...PERFORMANCE_STATUSES] as const;
export type PerformanceState = (typeof PERFORMANCE_STATES)[number];
export const PERFORMANCE_STATE_LABELS: Record<PerformanceState, Messages> = {
  pending: { 'zh-CN': '履行期限未到', 'en-US': 'Not yet due' },
  overdue: { 'zh-CN': '履行期限已过，未记录履行情况', 'en-US': 'Due, performance not recorded' },
  performed: { 'zh-CN': '已履行', 'en-US': 'Performed' },
  partial: { 'zh-CN': '部分履行', 'en-US': 'Partly performed' },
  not_performed: { 'zh-CN': '未履行', 'en-US': 'Not performed' },
};

export const performanceRecord = z.object({
  status: z.enum(PERFORMANCE_STATUSES),
  /** the day it was performed, or found not to be */
  on: z.string(),
  /** 已履行金额 (元) */
  amountPaid: z.number().nullable(),
  note: z.string().nullable(),
});
export type PerformanceRecord = z.infer<typeof performanceRecord>;

export const performanceBody = z
  .object({
    version: z.number().int().min(1),
    status: z.enum(PERFORMANCE_STATUSES),
    on: z.iso.date(),
    amountPaid: z.number().min(0).max(100_000_000).nullable().optional(),
    note: z.string().trim().max(1000).nullable().optional(),
  })
  .strict();
export type PerformanceBody = z.infer<typeof performanceBody>;

/**
 * Performance as recorded: on or after the agreement took effect, not in the future; partial or no performance
 * says why (the applicant may then go to arbitration or, once confirmed, to the court).
 */
export function checkPerformance(agreement: AgreementDates, b: PerformanceBody, today: string): FollowupProblem[] {
  const problems: FollowupProblem[] = [];
  if (b.on > today) problems.push({ field: 'on', code: 'future_date' });
  else if (b.on < agreement.effectiveOn) problems.push({ field: 'on', code: 'before_effect' });
  if (b.status !== 'performed' && !b.note?.trim()) problems.push({ field: 'note', code: 'required' });
  return problems;
}

export function performanceState(
  agreement: AgreementDates,
  performance: PerformanceRecord | null,
  today: string,
): PerformanceState {
  if (performance) return performance.status;
  return today > agreement.performanceDeadline ? 'overdue' : 'pending';
}

// ——— mediation suggestion letters (调解建议书) ———

/** A letter to the employer on what the mediation found (e.g. wages not paid on time across a workshop). */
export const letterBody = z
  .object({
    /** 送达单位 */
    recipient: z.string().trim().min(2).max(100),
    sentOn: z.iso.date(),
    /** 建议内容 */
    content: z.string().trim().min(10).max(4000),
  })
  .strict();
export type LetterBody = z.infer<typeof letterBody>;

export const letterReplyBody = z
  .object({
    repliedOn: z.iso.date(),
    /** 整改反馈 */
    reply: z.string().trim().min(2).max(4000),
  })
  .strict();
export type LetterReplyBody = z.infer<typeof letterReplyBody>;

export const caseLetter = z.object({
  id: z.uuid(),
  /** 〔2026〕第 3 号: numbered per organisation and year */
  number: z.string(),
  recipient: z.string(),
  sentOn: z.string(),
  content: z.string(),
  repliedOn: z.string().nullable(),
  reply: z.string().nullable(),
  createdByName: z.string().nullable(),
});
export type CaseLetter = z.infer<typeof caseLetter>;

/** A letter's date: not in the future, not before the case was received. */
export function checkLetterDate(field: string, on: string, receivedOn: string, today: string): FollowupProblem[] {
  if (on > today) return [{ field, code: 'future_date' }];
  if (on < receivedOn) return [{ field, code: 'before_received' }];
  return [];
}

/** A document number as an organisation's register writes it: 〔2026〕第 12 号. */
export function documentNumber(year: number, seq: number): string {
  return `〔${year}〕第 ${seq} 号`;
}

// ——— archive (结案归档) ———

export type ArchiveRefusal = 'archive_open' | 'archive_twice';

/** Only a closed case is archived, once; its file then takes no more letters or attachments. */
export function checkArchive(c: { status: CaseStatus; archivedOn: string | null }): ArchiveRefusal | null {
  if (isOpen(c.status)) return 'archive_open';
  if (c.archivedOn) return 'archive_twice';
  return null;
}

export const archiveBody = z.object({ version: z.number().int().min(1) }).strict();

// ——— the case file ———

/** Everything after and around the workflow, as the case's page shows it. */
export const caseFile = z.object({
  caseId: z.uuid(),
  version: z.number().int(),
  attachments: z.array(caseAttachment),
  /** only for an agreement */
  review: reviewRecord.nullable(),
  reviewState: z.enum(REVIEW_STATES).nullable(),
  performance: performanceRecord.nullable(),
  performanceState: z.enum(PERFORMANCE_STATES).nullable(),
  /** days left to the joint application's last day (negative: past), for an agreement without one */
  reviewDaysLeft: z.number().int().nullable(),
  letters: z.array(caseLetter),
  archive: z.object({ number: z.string(), on: z.string() }).nullable(),
});
export type CaseFile = z.infer<typeof caseFile>;

/** Days from today to a date (negative: past). */
export const daysLeft = (today: string, due: string) => daysBetween(today, due);

export const FOLLOWUP_FIELD_LABELS: Record<string, Messages> = {
  appliedOn: { 'zh-CN': '申请审查确认日期', 'en-US': 'Date of the joint application' },
  commission: { 'zh-CN': '仲裁委员会', 'en-US': 'Arbitration commission' },
  result: { 'zh-CN': '审查结果', 'en-US': 'Result' },
  resultOn: { 'zh-CN': '审查结果日期', 'en-US': 'Date of the result' },
  on: { 'zh-CN': '履行（核实）日期', 'en-US': 'Date' },
  status: { 'zh-CN': '履行情况', 'en-US': 'Performance' },
  amountPaid: { 'zh-CN': '已履行金额', 'en-US': 'Amount paid' },
  note: { 'zh-CN': '说明', 'en-US': 'Note' },
  recipient: { 'zh-CN': '送达单位', 'en-US': 'Recipient' },
  sentOn: { 'zh-CN': '送达日期', 'en-US': 'Date sent' },
  content: { 'zh-CN': '建议内容', 'en-US': 'Suggestions' },
  repliedOn: { 'zh-CN': '反馈日期', 'en-US': 'Date of reply' },
  reply: { 'zh-CN': '整改反馈', 'en-US': 'Reply' },
  file: { 'zh-CN': '附件', 'en-US': 'Attachment' },
  phone: { 'zh-CN': '手机号码', 'en-US': 'Mobile' },
};
