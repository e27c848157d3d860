import { z } from 'zod';
import { SIZE_CLASSES } from './enterprise-size.js';
import type { Messages } from './i18n.js';
import { regionCode } from './schemas.js';

/** 通知类型: 用工指导, 风险提示, 政策推送. */
export const NOTICE_KINDS = ['guidance', 'risk_alert', 'policy'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];
export const NOTICE_KIND_LABELS: Record<NoticeKind, Messages> = {
  guidance: { 'zh-CN': '用工指导', 'en-US': 'Employment guidance' },
  risk_alert: { 'zh-CN': '风险提示', 'en-US': 'Risk alert' },
  policy: { 'zh-CN': '政策推送', 'en-US': 'Policy update' },
};

/** Which enterprises receive a notice: those of the sender's region matching every given condition. */
export const noticeCriteria = z
  .object({
    /** 区划: a region inside the sender's (its whole subtree) */
    regionCode: regionCode.optional(),
    /** 行业: a section letter or a code prefix */
    industryCode: z
      .string()
      .trim()
      .regex(/^([A-Ta-t]|\d{2,4})$/)
      .optional(),
    /** 成立时长: registered within this many months (新注册企业) */
    registeredWithinMonths: z.number().int().min(1).max(240).optional(),
    sizeClass: z.enum(SIZE_CLASSES).optional(),
  })
  .strict();
export type NoticeCriteria = z.infer<typeof noticeCriteria>;

export const createNoticeBody = z
  .object({
    kind: z.enum(NOTICE_KINDS),
    /** 标题 */
    title: z.string().trim().min(2).max(100),
    /** 正文 */
    body: z.string().trim().min(2).max(10_000),
    criteria: noticeCriteria,
  })
  .strict();
export type CreateNoticeBody = z.infer<typeof createNoticeBody>;

export const notice = z.object({
  id: z.uuid(),
  kind: z.enum(NOTICE_KINDS),
  title: z.string(),
  body: z.string(),
  criteria: noticeCriteria,
  /** 发送单位 (区划) */
  regionCode: z.string(),
  regionName: z.string(),
  recipients: z.number().int(),
  /** 已读企业数 */
  readCount: z.number().int(),
  createdAt: z.string(),
  createdBy: z.string(),
});
export type Notice = z.infer<typeof notice>;

export const inboxItem = z.object({
  noticeId: z.uuid(),
  kind: z.enum(NOTICE_KINDS),
  title: z.string(),
  body: z.string(),
  senderRegionName: z.string(),
  sentAt: z.string(),
  readAt: z.string().nullable(),
});
export type InboxItem = z.infer<typeof inboxItem>;

/** The first day a "registered within N months" filter keeps, from today (YYYY-MM-DD). */
export function registeredSince(today: string, months: number): string {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) - months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}
