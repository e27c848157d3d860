import { z } from 'zod';
import type { Messages } from './i18n.js';
import { pageQuery, regionCode } from './schemas.js';

/** 服务万户新企用工计划 (the plan, 三（五）): the expert team, service records and the indicator. */

/** 专家服务团队 members by kind (the plan lists them). */
export const EXPERT_KINDS = [
  'coordinator',
  'mediator',
  'arbitrator',
  'inspector',
  'union_cadre',
  'lawyer',
  'judge',
  'expert',
] as const;
export type ExpertKind = (typeof EXPERT_KINDS)[number];
export const EXPERT_KIND_LABELS: Record<ExpertKind, Messages> = {
  coordinator: { 'zh-CN': '劳动关系协调员', 'en-US': 'Labor-relations coordinator' },
  mediator: { 'zh-CN': '劳动争议调解员', 'en-US': 'Mediator' },
  arbitrator: { 'zh-CN': '劳动人事争议仲裁员', 'en-US': 'Arbitrator' },
  inspector: { 'zh-CN': '劳动保障监察员', 'en-US': 'Labor inspector' },
  union_cadre: { 'zh-CN': '工会干部', 'en-US': 'Union cadre' },
  lawyer: { 'zh-CN': '律师', 'en-US': 'Lawyer' },
  judge: { 'zh-CN': '法官', 'en-US': 'Judge' },
  expert: { 'zh-CN': '专家', 'en-US': 'Expert' },
};

export const SERVICE_CHANNELS = ['on_site', 'online', 'phone', 'training'] as const;
export type ServiceChannel = (typeof SERVICE_CHANNELS)[number];
export const SERVICE_CHANNEL_LABELS: Record<ServiceChannel, Messages> = {
  on_site: { 'zh-CN': '上门指导', 'en-US': 'On site' },
  online: { 'zh-CN': '线上指导', 'en-US': 'Online' },
  phone: { 'zh-CN': '电话咨询', 'en-US': 'By phone' },
  training: { 'zh-CN': '培训', 'en-US': 'Training' },
};

export const SERVICE_TOPICS = [
  'contract',
  'wages',
  'hours',
  'social_insurance',
  'leave',
  'dismissal',
  'policy',
  'dispute_prevention',
  'other',
] as const;
export type ServiceTopic = (typeof SERVICE_TOPICS)[number];
export const SERVICE_TOPIC_LABELS: Record<ServiceTopic, Messages> = {
  contract: { 'zh-CN': '劳动合同', 'en-US': 'Labor contracts' },
  wages: { 'zh-CN': '工资支付', 'en-US': 'Wages' },
  hours: { 'zh-CN': '工作时间', 'en-US': 'Working hours' },
  social_insurance: { 'zh-CN': '社会保险', 'en-US': 'Social insurance' },
  leave: { 'zh-CN': '休息休假', 'en-US': 'Leave' },
  dismissal: { 'zh-CN': '解除终止与裁员', 'en-US': 'Dismissal and layoffs' },
  policy: { 'zh-CN': '政策咨询', 'en-US': 'Policy advice' },
  dispute_prevention: { 'zh-CN': '矛盾纠纷预防', 'en-US': 'Dispute prevention' },
  other: { 'zh-CN': '其他', 'en-US': 'Other' },
};

/**
 * 新注册企业 (the indicator 服务新注册企业户数): an enterprise served no later than NEW_ENTERPRISE_MONTHS after
 * its registration date. The plan says "新注册企业" without a period; 36 months matches its own three-year span
 * and is a parameter here, in one place. The indicator counts households (户), not visits: an enterprise counts
 * once, in the year of its first service that found it newly registered; later services add nothing.
 */
export const NEW_ENTERPRISE_MONTHS = 36;
/** 3 年内全省服务新注册企业 10000 户左右 (the plan, 二、3 and 三（五）2(1)). */
export const PROVINCE_SERVICE_GOAL = 10_000;
/** The goal spans three years: the year shown and the two before it. */
export const PROVINCE_SERVICE_GOAL_YEARS = 3;

/**
 * The earliest registration date that still makes an enterprise "new" on `servedOn` (YYYY-MM-DD): the same day
 * NEW_ENTERPRISE_MONTHS earlier, or that month's last day when it is shorter (2024-02-29 → 2021-02-28), which
 * is what PostgreSQL's `date - interval 'N months'` gives, so the server's SQL and this rule agree.
 */
export function newEnterpriseSince(servedOn: string): string {
  const [y, m, d] = servedOn.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) - NEW_ENTERPRISE_MONTHS;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
}

/** Whether a service on `servedOn` serves a 新注册企业 registered on `registeredOn` (both YYYY-MM-DD). */
export function isNewEnterpriseService(registeredOn: string | null, servedOn: string): boolean {
  if (!registeredOn || registeredOn > servedOn) return false;
  return registeredOn >= newEnterpriseSince(servedOn);
}

const isoDate = z.iso.date();
const phone = z.string().trim().max(30);

/** The expert form's own field names (FIELD_LABELS names `name` and `title` for enterprises and policies). */
export const EXPERT_FIELD_LABELS: Record<string, Messages> = {
  name: { 'zh-CN': '姓名', 'en-US': 'Name' },
  title: { 'zh-CN': '职务职称', 'en-US': 'Position' },
  kind: { 'zh-CN': '人员类别', 'en-US': 'Kind' },
  regionCode: { 'zh-CN': '所属区划', 'en-US': 'Region' },
};

export const expertFields = z.object({
  /** 姓名 */
  name: z.string().trim().min(2).max(30),
  kind: z.enum(EXPERT_KINDS),
  /** 工作单位 */
  organisation: z.string().trim().max(100).nullable().optional(),
  /** 职务职称 */
  title: z.string().trim().max(50).nullable().optional(),
  regionCode,
  phone: phone.nullable().optional(),
  active: z.boolean().optional(),
});
export const createExpertBody = expertFields.strict();
export type CreateExpertBody = z.infer<typeof createExpertBody>;
export const updateExpertBody = expertFields
  .partial()
  .extend({ version: z.number().int().min(1) })
  .strict();
export type UpdateExpertBody = z.infer<typeof updateExpertBody>;

export const expert = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: z.enum(EXPERT_KINDS),
  organisation: z.string().nullable(),
  title: z.string().nullable(),
  regionCode: z.string(),
  regionName: z.string(),
  phone: z.string().nullable(),
  phoneMasked: z.boolean(),
  active: z.boolean(),
  /** in the caller's region (a team above it, such as the province's, can be called on but not edited) */
  editable: z.boolean(),
  version: z.number().int(),
});
export type Expert = z.infer<typeof expert>;

export const expertListQuery = pageQuery.extend({
  q: z.string().trim().max(30).optional(),
  kind: z.enum(EXPERT_KINDS).optional(),
  regionCode: regionCode.optional(),
  active: z.enum(['true', 'false']).optional(),
});

const serviceFields = z.object({
  enterpriseId: z.uuid(),
  /** 服务日期 */
  servedOn: isoDate,
  channel: z.enum(SERVICE_CHANNELS),
  topics: z.array(z.enum(SERVICE_TOPICS)).min(1).max(SERVICE_TOPICS.length),
  /** 服务人员: one or more members of the 专家服务团队 */
  expertIds: z.array(z.uuid()).min(1).max(20),
  /** 发现的问题 */
  findings: z.string().trim().max(2000).nullable().optional(),
  /** 跟进措施 */
  followUp: z.string().trim().max(1000).nullable().optional(),
  followUpDue: isoDate.nullable().optional(),
});
export const createServiceRecordBody = serviceFields.strict();
export type CreateServiceRecordBody = z.input<typeof createServiceRecordBody>;
export const updateServiceRecordBody = serviceFields
  .omit({ enterpriseId: true })
  .partial()
  .extend({ version: z.number().int().min(1) })
  .strict();
export type UpdateServiceRecordBody = z.input<typeof updateServiceRecordBody>;

export const serviceRecord = z.object({
  id: z.uuid(),
  enterpriseId: z.string(),
  enterpriseName: z.string(),
  creditCode: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  servedOn: z.string(),
  channel: z.enum(SERVICE_CHANNELS),
  topics: z.array(z.enum(SERVICE_TOPICS)),
  experts: z.array(z.object({ id: z.string(), name: z.string(), kind: z.enum(EXPERT_KINDS) })),
  findings: z.string().nullable(),
  followUp: z.string().nullable(),
  followUpDue: z.string().nullable(),
  /** the service counts toward the indicator: the enterprise was newly registered when served */
  newEnterprise: z.boolean(),
  recordedBy: z.string(),
  version: z.number().int(),
  createdAt: z.string(),
});
export type ServiceRecord = z.infer<typeof serviceRecord>;

export const serviceRecordListQuery = pageQuery.extend({
  enterpriseId: z.uuid().optional(),
  regionCode: regionCode.optional(),
  channel: z.enum(SERVICE_CHANNELS).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});
export type ServiceRecordListQuery = z.infer<typeof serviceRecordListQuery>;

export const serviceTargetsBody = z
  .object({
    year: z.number().int().min(2020).max(2100),
    targets: z
      .array(z.object({ regionCode, target: z.number().int().min(0).max(1_000_000) }))
      .min(1)
      .max(20),
  })
  .strict();
export type ServiceTargetsBody = z.infer<typeof serviceTargetsBody>;

/** 年度目标 of the province (its own, optional: else the units' sum) and of each reporting unit. */
export const serviceTargets = z.object({
  year: z.number().int(),
  targets: z.array(z.object({ regionCode: z.string(), regionName: z.string(), target: z.number().int().nullable() })),
});
export type ServiceTargets = z.infer<typeof serviceTargets>;

export const serviceProgress = z.object({
  year: z.number().int(),
  regionCode: z.string(),
  regionName: z.string(),
  target: z.number().int().nullable(),
  served: z.number().int(),
  rate: z.number().nullable(),
  /** the province's three-year goal (PROVINCE_SERVICE_GOAL) and the new enterprises served in those years */
  goal: z.object({
    target: z.number().int(),
    served: z.number().int(),
    fromYear: z.number().int(),
    toYear: z.number().int(),
  }),
  units: z.array(
    z.object({
      regionCode: z.string(),
      regionName: z.string(),
      target: z.number().int().nullable(),
      served: z.number().int(),
      rate: z.number().nullable(),
    }),
  ),
  monthly: z.array(z.object({ month: z.string(), served: z.number().int() })),
});
export type ServiceProgress = z.infer<typeof serviceProgress>;
