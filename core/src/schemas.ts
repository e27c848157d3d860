import { z } from 'zod';
import { MEMBER_UNITS, ROLES } from './access.js';

/** Query of every list: page from 1, at most 100 a page. */
export const pageQuery = z.object({
  /** 页码 */
  page: z.coerce.number().int().min(1).default(1),
  /** 每页条数 */
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type PageQuery = z.infer<typeof pageQuery>;

/** Every list answers in this shape. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
    /** set on lists of very large ledgers: `total` is a lower bound (counting stopped at LIST_COUNT_CAP) */
    totalCapped: z.boolean().optional(),
  });
}
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
  totalCapped?: boolean;
}

/**
 * Counting every match of a broad search over a million rows costs more than the page itself (1.6 s for
 * "有限公司" at 1M enterprises): large ledgers count up to this many and say "10,000+". Nobody pages past it.
 */
export const LIST_COUNT_CAP = 10_000;

/**
 * A text search counts only up to this many: each counted match of a word is a visit to its row, and at 1M
 * enterprises counting 10,000 matches of 科技 in one city took 150 ms against 15 ms for 1,000 (bench/RESULTS.md).
 * Past it the list says "more than 1,000: narrow the search", which is what a searcher should do anyway.
 */
export const SEARCH_COUNT_CAP = 1_000;

/** The cap on a list's count: lower when a text search is part of the filter. */
export const countCapOf = (filter: { q?: string | undefined }) =>
  filter.q?.trim() ? SEARCH_COUNT_CAP : LIST_COUNT_CAP;

export const regionCode = z.string().regex(/^\d{6}$/);
export const username = z
  .string()
  .trim()
  .min(3)
  .max(32)
  .regex(/^[A-Za-z][A-Za-z0-9_.-]*$/);

export const user = z.object({
  id: z.uuid(),
  /** 用户名 */
  username: z.string(),
  /** 姓名 */
  displayName: z.string(),
  /** 角色 */
  role: z.enum(ROLES),
  /** 所属区划代码 */
  regionCode: z.string(),
  /** 成员单位 (人社/工会/企联/工商联), for region staff */
  memberUnit: z.enum(MEMBER_UNITS).nullable(),
  /** 已停用 */
  disabled: z.boolean(),
  /** 所属企业, for enterprise users */
  enterpriseId: z.string().nullable(),
});
export type User = z.infer<typeof user>;

/** The user list and detail carry a little more for administrators. */
export const userDetail = user.extend({
  /** 区划名称 */
  regionName: z.string(),
  /** 最近登录 */
  lastLoginAt: z.string().nullable(),
  /** 锁定至 */
  lockedUntil: z.string().nullable(),
  /** 所属企业名称 */
  enterpriseName: z.string().nullable(),
  createdAt: z.string(),
});
export type UserDetail = z.infer<typeof userDetail>;

export const loginBody = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});

export const changePasswordBody = z.object({
  /** 当前密码 */
  currentPassword: z.string().min(1).max(256),
  /** 新密码 */
  newPassword: z.string().max(128),
});

export const createUserBody = z.object({
  username,
  displayName: z.string().trim().min(1).max(50),
  role: z.enum(ROLES),
  regionCode,
  memberUnit: z.enum(MEMBER_UNITS).nullable().optional(),
  /** 所属企业: required for enterprise users, whose region is then the enterprise's */
  enterpriseId: z.uuid().nullable().optional(),
  password: z.string().max(128),
});
export type CreateUserBody = z.infer<typeof createUserBody>;

export const updateUserBody = z
  .object({
    displayName: z.string().trim().min(1).max(50),
    role: z.enum(ROLES),
    regionCode,
    memberUnit: z.enum(MEMBER_UNITS).nullable(),
    disabled: z.boolean(),
    enterpriseId: z.uuid().nullable(),
    /** 重置密码: a new password set by the administrator */
    newPassword: z.string().max(128),
  })
  .partial()
  .strict();
export type UpdateUserBody = z.infer<typeof updateUserBody>;

export const userListQuery = pageQuery.extend({
  q: z.string().trim().max(50).optional(),
  regionCode: regionCode.optional(),
  role: z.enum(ROLES).optional(),
  disabled: z.enum(['true', 'false']).optional(),
});

export const AUDIT_RESULTS = ['success', 'failure', 'denied'] as const;

export const auditEvent = z.object({
  id: z.string(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorUsername: z.string().nullable(),
  actorRole: z.string().nullable(),
  actorRegion: z.string().nullable(),
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
  /** 操作: e.g. auth.login, user.create */
  action: z.string(),
  entityType: z.string().nullable(),
  entityId: z.string().nullable(),
  /** 记录所属区划 */
  regionCode: z.string().nullable(),
  result: z.enum(AUDIT_RESULTS),
  details: z.record(z.string(), z.unknown()).nullable(),
});
export type AuditEvent = z.infer<typeof auditEvent>;

export const auditListQuery = pageQuery.extend({
  action: z.string().trim().max(64).optional(),
  actorUsername: z.string().trim().max(64).optional(),
  regionCode: regionCode.optional(),
  result: z.enum(AUDIT_RESULTS).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});

export const AUDIT_ACTION_LABELS: Record<string, { 'zh-CN': string; 'en-US': string }> = {
  'auth.login': { 'zh-CN': '登录', 'en-US': 'Sign in' },
  'auth.login_failed': { 'zh-CN': '登录失败', 'en-US': 'Failed sign-in' },
  'auth.locked': { 'zh-CN': '账号锁定', 'en-US': 'Account locked' },
  'auth.logout': { 'zh-CN': '退出登录', 'en-US': 'Sign out' },
  'auth.password_change': { 'zh-CN': '修改密码', 'en-US': 'Change password' },
  'user.create': { 'zh-CN': '新建用户', 'en-US': 'Create user' },
  'user.update': { 'zh-CN': '修改用户', 'en-US': 'Update user' },
  'user.password_reset': { 'zh-CN': '重置密码', 'en-US': 'Reset password' },
  'audit.export': { 'zh-CN': '导出审计日志', 'en-US': 'Export audit log' },
  'access.denied': { 'zh-CN': '拒绝访问', 'en-US': 'Access denied' },
  'access.out_of_scope': { 'zh-CN': '越权访问', 'en-US': 'Out-of-region access' },
  'enterprise.create': { 'zh-CN': '新增企业', 'en-US': 'Create enterprise' },
  'enterprise.update': { 'zh-CN': '修改企业', 'en-US': 'Update enterprise' },
  'enterprise.reveal': { 'zh-CN': '查看企业联系电话', 'en-US': 'Reveal enterprise phone' },
  'enterprise.import': { 'zh-CN': '导入企业名录', 'en-US': 'Import enterprises' },
  'enterprise.export': { 'zh-CN': '导出企业名录', 'en-US': 'Export enterprises' },
  'mediation_org.import': { 'zh-CN': '导入调解组织情况表', 'en-US': 'Import mediation organisations' },
  'mediation_org.export': { 'zh-CN': '导出调解组织情况表', 'en-US': 'Export mediation organisations' },
  'mediator.import': { 'zh-CN': '导入调解员情况表', 'en-US': 'Import mediators' },
  'mediator.export': { 'zh-CN': '导出调解员情况表', 'en-US': 'Export mediators' },
  'notice.send': { 'zh-CN': '推送通知', 'en-US': 'Send notice' },
  'service_expert.create': { 'zh-CN': '新增服务团队成员', 'en-US': 'Add team member' },
  'service_expert.update': { 'zh-CN': '修改服务团队成员', 'en-US': 'Update team member' },
  'service_expert.reveal': { 'zh-CN': '查看团队成员电话', 'en-US': 'Reveal team member phone' },
  'service_record.create': { 'zh-CN': '登记服务记录', 'en-US': 'Record a service' },
  'service_record.update': { 'zh-CN': '修改服务记录', 'en-US': 'Update service record' },
  'service_target.set': { 'zh-CN': '下达年度目标', 'en-US': 'Set yearly targets' },
  'policy.create': { 'zh-CN': '新增政策', 'en-US': 'Add policy' },
  'policy.update': { 'zh-CN': '修改政策', 'en-US': 'Update policy' },
  'qa.create': { 'zh-CN': '新增问答', 'en-US': 'Add Q&A' },
  'qa.update': { 'zh-CN': '修改问答', 'en-US': 'Update Q&A' },
  'policy.publish': { 'zh-CN': '发布政策', 'en-US': 'Publish policy' },
  'policy.withdraw': { 'zh-CN': '撤回政策', 'en-US': 'Withdraw policy' },
  'qa.publish': { 'zh-CN': '发布问答', 'en-US': 'Publish Q&A' },
  'qa.withdraw': { 'zh-CN': '撤回问答', 'en-US': 'Withdraw Q&A' },
  'mediation_case.agreement_export': { 'zh-CN': '下载调解协议书', 'en-US': 'Download mediation agreement' },
  'key_enterprise.list': { 'zh-CN': '列入重点企业名单', 'en-US': 'Put on the key-enterprise list' },
  'key_enterprise.delist': { 'zh-CN': '移出重点企业名单', 'en-US': 'Take off the key-enterprise list' },
  'key_enterprise.update': { 'zh-CN': '修改重点企业台账', 'en-US': 'Update key-enterprise ledger' },
  'key_enterprise.export': { 'zh-CN': '导出重点用工企业情况表', 'en-US': 'Export key-enterprise ledger' },
  'key_enterprise_policy.create': { 'zh-CN': '登记稳岗政策', 'en-US': 'Record stabilisation support' },
  'key_enterprise_policy.update': { 'zh-CN': '修改稳岗政策', 'en-US': 'Update stabilisation support' },
  'key_enterprise_guidance.create': { 'zh-CN': '登记跟踪指导', 'en-US': 'Record guidance' },
  'key_enterprise_guidance.update': { 'zh-CN': '修改跟踪指导', 'en-US': 'Update guidance' },
  'collective_consultation.create': { 'zh-CN': '登记集体协商', 'en-US': 'Record collective consultation' },
  'collective_consultation.update': { 'zh-CN': '修改集体协商', 'en-US': 'Update collective consultation' },
  'employment_report.create': { 'zh-CN': '报送月度用工报告', 'en-US': 'File monthly employment report' },
  'employment_report.update': { 'zh-CN': '修改月度用工报告', 'en-US': 'Correct monthly employment report' },
  'employment_report.import': { 'zh-CN': '导入月度用工报告', 'en-US': 'Import monthly employment reports' },
  'layoff_plan.create': { 'zh-CN': '登记裁员方案', 'en-US': 'Record layoff plan' },
  'layoff_plan.update': { 'zh-CN': '修改裁员方案', 'en-US': 'Update layoff plan' },
  'layoff_plan.export': { 'zh-CN': '导出裁员方案', 'en-US': 'Export layoff plans' },
  'layoff_staff.import': { 'zh-CN': '导入被裁减人员名单', 'en-US': 'Import people laid off' },
  'wage_parameter.create': { 'zh-CN': '新增工资参数', 'en-US': 'Add wage parameter' },
  'wage_parameter.end': { 'zh-CN': '停止执行工资参数', 'en-US': 'End wage parameter' },
  'wage_parameter.withdraw': { 'zh-CN': '撤回工资参数', 'en-US': 'Withdraw wage parameter' },
  'early_warning.follow': { 'zh-CN': '跟进裁员预警', 'en-US': 'Follow up layoff warning' },
  'early_warning.resolve': { 'zh-CN': '解除裁员预警', 'en-US': 'Resolve layoff warning' },
  'early_warning.run': { 'zh-CN': '立即运行预警规则', 'en-US': 'Run warning rules' },
  'warning_rule.update': { 'zh-CN': '设置预警规则', 'en-US': 'Set warning rule' },
  'calendar.update': { 'zh-CN': '录入节假日安排', 'en-US': 'Load holiday arrangement' },
};
