import { z } from 'zod';
import type { Messages } from './i18n.js';
import { pageQuery } from './schemas.js';
import { SELFCHECK_AREAS, selfcheckAnswers } from './selfcheck.js';

/** 线上用工指导: the policy library and Q&A, public; maintained by staff with guidance:write. */
export const POLICY_LEVELS = ['national', 'province', 'city'] as const;
export type PolicyLevel = (typeof POLICY_LEVELS)[number];
export const POLICY_LEVEL_LABELS: Record<PolicyLevel, Messages> = {
  national: { 'zh-CN': '国家', 'en-US': 'National' },
  province: { 'zh-CN': '吉林省', 'en-US': 'Jilin' },
  city: { 'zh-CN': '市州', 'en-US': 'City' },
};
export const POLICY_STATUSES = ['current', 'amended', 'repealed'] as const;
export type PolicyStatus = (typeof POLICY_STATUSES)[number];
export const POLICY_STATUS_LABELS: Record<PolicyStatus, Messages> = {
  current: { 'zh-CN': '现行有效', 'en-US': 'In force' },
  amended: { 'zh-CN': '已修订', 'en-US': 'Amended' },
  repealed: { 'zh-CN': '已废止', 'en-US': 'Repealed' },
};

const isoDate = z.iso.date();
const tags = z.array(z.string().trim().min(1).max(20)).max(10);

export const policyFields = z.object({
  /** 标题 */
  title: z.string().trim().min(2).max(200),
  /** 发文机关 */
  issuer: z.string().trim().min(2).max(100),
  /** 文号 */
  docNumber: z.string().trim().max(60).nullable().optional(),
  level: z.enum(POLICY_LEVELS),
  issuedOn: isoDate.nullable().optional(),
  effectiveOn: isoDate.nullable().optional(),
  status: z.enum(POLICY_STATUSES),
  /** 摘要 (our own words) */
  summary: z.string().trim().max(1000).nullable().optional(),
  /** 正文 */
  body: z.string().trim().min(2).max(100_000),
  tags,
  published: z.boolean(),
});
/** Creation fills what is left out; an update (partial) never does, so a PATCH changes only what it names. */
export const createPolicyBody = policyFields
  .extend({
    status: z.enum(POLICY_STATUSES).default('current'),
    tags: tags.default([]),
    published: z.boolean().default(false),
  })
  .strict();
export type CreatePolicyBody = z.input<typeof createPolicyBody>;
export const updatePolicyBody = policyFields
  .partial()
  .extend({ version: z.number().int().min(1) })
  .strict();
export type UpdatePolicyBody = z.input<typeof updatePolicyBody>;

export const policy = z.object({
  id: z.uuid(),
  title: z.string(),
  issuer: z.string(),
  docNumber: z.string().nullable(),
  level: z.enum(POLICY_LEVELS),
  issuedOn: z.string().nullable(),
  effectiveOn: z.string().nullable(),
  status: z.enum(POLICY_STATUSES),
  summary: z.string().nullable(),
  body: z.string(),
  tags: z.array(z.string()),
  published: z.boolean(),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type Policy = z.infer<typeof policy>;
/** A list row: the body left out. */
export const policySummary = policy.omit({ body: true });
export type PolicySummary = z.infer<typeof policySummary>;

export const policyListQuery = pageQuery.extend({
  /** any substring of title, 文号, summary or body, no spaces needed; words separated by spaces must all occur */
  q: z.string().trim().max(50).optional(),
  tag: z.string().trim().max(20).optional(),
  level: z.enum(POLICY_LEVELS).optional(),
  status: z.enum(POLICY_STATUSES).optional(),
});
export type PolicyListQuery = z.infer<typeof policyListQuery>;
/** Staff see drafts too and may filter on them. */
export const adminPolicyListQuery = policyListQuery.extend({ published: z.enum(['true', 'false']).optional() });
export type AdminPolicyListQuery = z.infer<typeof adminPolicyListQuery>;

export const qaFields = z.object({
  question: z.string().trim().min(4).max(300),
  answer: z.string().trim().min(4).max(20_000),
  tags,
  policyIds: z.array(z.uuid()).max(10),
  published: z.boolean(),
});
export const createQaBody = qaFields
  .extend({
    tags: tags.default([]),
    policyIds: z.array(z.uuid()).max(10).default([]),
    published: z.boolean().default(false),
  })
  .strict();
export type CreateQaBody = z.input<typeof createQaBody>;
export const updateQaBody = qaFields
  .partial()
  .extend({ version: z.number().int().min(1) })
  .strict();
export type UpdateQaBody = z.input<typeof updateQaBody>;

export const qa = z.object({
  id: z.uuid(),
  question: z.string(),
  answer: z.string(),
  tags: z.array(z.string()),
  policies: z.array(z.object({ id: z.string(), title: z.string() })),
  published: z.boolean(),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type Qa = z.infer<typeof qa>;

export const qaListQuery = pageQuery.extend({
  q: z.string().trim().max(50).optional(),
  tag: z.string().trim().max(20).optional(),
  /** the answers that cite this policy */
  policyId: z.uuid().optional(),
});
export type QaListQuery = z.infer<typeof qaListQuery>;
export const adminQaListQuery = qaListQuery.extend({ published: z.enum(['true', 'false']).optional() });
export type AdminQaListQuery = z.infer<typeof adminQaListQuery>;

/** The tags in use on published content, most used first (the portal's filters). */
export const guidanceTags = z.object({
  policies: z.array(z.object({ tag: z.string(), count: z.number().int() })),
  qa: z.array(z.object({ tag: z.string(), count: z.number().int() })),
});
export type GuidanceTags = z.infer<typeof guidanceTags>;

// ——— 劳动用工风险体检 over the API ———

/** GET /public/self-check: the questions without their risks (those come with the report). */
export const selfcheckQuestionnaire = z.object({
  areas: z.array(z.object({ area: z.enum(SELFCHECK_AREAS), label: z.string() })),
  questions: z.array(
    z.object({
      id: z.string(),
      area: z.enum(SELFCHECK_AREAS),
      text: z.string(),
      options: z.array(z.object({ value: z.string(), label: z.string() })),
    }),
  ),
});
export type SelfcheckQuestionnaire = z.infer<typeof selfcheckQuestionnaire>;

const riskLevel = z.enum(['high', 'medium', 'low']);
export const selfcheckReport = z.object({
  score: z.number().int(),
  grade: z.enum(['good', 'fair', 'poor', 'serious']),
  gradeLabel: z.string(),
  answered: z.number().int(),
  total: z.number().int(),
  unanswered: z.array(z.object({ id: z.string(), text: z.string() })),
  risks: z.array(
    z.object({
      questionId: z.string(),
      area: z.enum(SELFCHECK_AREAS),
      areaLabel: z.string(),
      level: riskLevel,
      title: z.string(),
      basis: z.string(),
      advice: z.string(),
    }),
  ),
  byArea: z.array(
    z.object({
      area: z.enum(SELFCHECK_AREAS),
      label: z.string(),
      questions: z.number().int(),
      answered: z.number().int(),
      risks: z.number().int(),
    }),
  ),
  counts: z.object({ high: z.number().int(), medium: z.number().int(), low: z.number().int() }),
});

/** A report an enterprise user kept: their answers and the report as computed then. */
export const keptSelfcheckReport = z.object({
  id: z.uuid(),
  createdAt: z.string(),
  answers: selfcheckAnswers,
  report: selfcheckReport,
});
export type KeptSelfcheckReport = z.infer<typeof keptSelfcheckReport>;
export const keptSelfcheckSummary = z.object({
  id: z.uuid(),
  createdAt: z.string(),
  score: z.number().int(),
  grade: z.enum(['good', 'fair', 'poor', 'serious']),
  gradeLabel: z.string(),
  counts: z.object({ high: z.number().int(), medium: z.number().int(), low: z.number().int() }),
});
export type KeptSelfcheckSummary = z.infer<typeof keptSelfcheckSummary>;
