import { z } from 'zod';
import { WARNING_RULE_LABELS } from './early-warnings.js';
import { format, type Lang, type Messages } from './i18n.js';
import { WARNING_SEVERITY_LABELS } from './layoff-plans.js';
import { type CaseStatus, deadlineState, MEDIATION_RULES, pendingDeadline } from './mediation.js';
import { pageQuery } from './schemas.js';

/**
 * 站内提醒: warnings the platform raises for a staff member (a mediation case near its deadline; later a layoff
 * report). A notification is stored as data — its kind, its subject and the parameters of its text — and the
 * text is made here in the reader's language, so the page, the API and a later SMS channel all say the same.
 * A module adds a kind by adding it to NOTIFICATION_KINDS and its text to NOTIFICATION_TEXTS.
 */

export const NOTIFICATION_KINDS = ['mediation_deadline', 'mediation_overdue', 'early_warning'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** What a notification is about (the page links to it). */
export const NOTIFICATION_SUBJECTS = ['mediation_case', 'early_warning'] as const;
export type NotificationSubject = (typeof NOTIFICATION_SUBJECTS)[number];

/** The parameters of a notification's text: plain values, never personal data (it may leave by SMS). */
export type NotificationParams = Record<string, string | number>;

/** Which deadline of a case is meant (a parameter of the mediation kinds). */
export const PENDING_DEADLINE_LABELS: Record<'acceptance' | 'mediation', Messages> = {
  acceptance: { 'zh-CN': '受理决定期限', 'en-US': 'acceptance decision deadline' },
  mediation: { 'zh-CN': '调解期限', 'en-US': 'mediation deadline' },
};

interface KindText {
  title: Messages;
  /** {name} placeholders filled from the parameters */
  body: Messages;
  /** parameters whose value is a key of a label map, shown as that label */
  labels?: Record<string, Record<string, Messages>>;
}

export const NOTIFICATION_TEXTS: Record<NotificationKind, KindText> = {
  mediation_deadline: {
    title: { 'zh-CN': '调解案件即将到期', 'en-US': 'Mediation case due soon' },
    body: {
      'zh-CN': '案件 {trackingCode}（{respondentName}）的{deadline}为 {due}，请及时处理。',
      'en-US': 'Case {trackingCode} ({respondentName}): the {deadline} is {due}. Please act in time.',
    },
    labels: { deadline: PENDING_DEADLINE_LABELS },
  },
  mediation_overdue: {
    title: { 'zh-CN': '调解案件已逾期', 'en-US': 'Mediation case overdue' },
    body: {
      'zh-CN': '案件 {trackingCode}（{respondentName}）的{deadline}已于 {due} 届满，案件尚未办结。',
      'en-US': 'Case {trackingCode} ({respondentName}): the {deadline} ended on {due} and the case is still open.',
    },
    labels: { deadline: PENDING_DEADLINE_LABELS },
  },
  early_warning: {
    title: { 'zh-CN': '裁员预警：{rule}', 'en-US': 'Layoff warning: {rule}' },
    body: {
      'zh-CN': '{enterpriseName}触发“{rule}”预警（{severity}），请及时跟进处理。',
      'en-US': '{enterpriseName}: “{rule}” ({severity}). Please follow it up.',
    },
    labels: { rule: WARNING_RULE_LABELS, severity: WARNING_SEVERITY_LABELS },
  },
};

/** A notification's title and text in one language. */
export function renderNotification(
  n: { kind: NotificationKind; params: NotificationParams },
  lang: Lang,
): { title: string; body: string } {
  const text = NOTIFICATION_TEXTS[n.kind];
  const params: NotificationParams = { ...n.params };
  for (const [key, labels] of Object.entries(text.labels ?? {})) {
    const label = labels[String(params[key])];
    if (label) params[key] = label[lang];
  }
  return { title: format(text.title[lang], params), body: format(text.body[lang], params) };
}

/**
 * The warning an open case calls for today (站内提醒, issue 4): its pending deadline within the warning days is
 * due soon, after it overdue; otherwise none. The rule is core's pendingDeadline and deadlineState, nothing more.
 */
export function mediationDeadlineWarning(
  c: { status: CaseStatus; acceptanceDue: string; effectiveDue: string },
  today: string,
  warnDays: number = MEDIATION_RULES.warnDays,
): { kind: NotificationKind; deadline: 'acceptance' | 'mediation'; due: string } | null {
  const pending = pendingDeadline(c);
  if (!pending) return null;
  const state = deadlineState(pending.due, today, warnDays);
  if (state === 'ok') return null;
  return {
    kind: state === 'overdue' ? 'mediation_overdue' : 'mediation_deadline',
    deadline: pending.kind,
    due: pending.due,
  };
}

// ——— the API's shapes ———

export const notificationItem = z.object({
  id: z.uuid(),
  kind: z.enum(NOTIFICATION_KINDS),
  subjectType: z.enum(NOTIFICATION_SUBJECTS),
  subjectId: z.uuid(),
  /** the subject's region */
  regionCode: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  /** 到期日: the deadline the warning is about */
  dueOn: z.string().nullable(),
  /** title and text in the caller's language (the page renders them itself from kind and params) */
  title: z.string(),
  body: z.string(),
  createdAt: z.string(),
  /** 已读时间 */
  readAt: z.string().nullable(),
});
export type NotificationItem = z.infer<typeof notificationItem>;

export const notificationListQuery = pageQuery.extend({
  /** only the unread ones */
  unread: z.enum(['true', 'false']).optional(),
  /** unread first (then newest), or newest first */
  order: z.enum(['unread', 'newest']).default('unread'),
});
export type NotificationListQuery = z.infer<typeof notificationListQuery>;
