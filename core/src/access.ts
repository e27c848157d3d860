import type { Messages } from './i18n.js';

/** Roles of SPEC §1. The public is anonymous and has no role. */
export const ROLES = [
  'province_admin',
  'region_admin',
  'region_staff',
  'mediation_staff',
  'social_org_staff',
  'enterprise_user',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, Messages> = {
  province_admin: { 'zh-CN': '省三方办管理员', 'en-US': 'Province administrator' },
  region_admin: { 'zh-CN': '区域管理员', 'en-US': 'Region administrator' },
  region_staff: { 'zh-CN': '区域工作人员', 'en-US': 'Region staff' },
  mediation_staff: { 'zh-CN': '调解组织人员', 'en-US': 'Mediation organisation staff' },
  social_org_staff: { 'zh-CN': '社会组织人员', 'en-US': 'Social organisation staff' },
  enterprise_user: { 'zh-CN': '企业用户', 'en-US': 'Enterprise user' },
};

/** 三方成员单位: the four member units of the tripartite office. */
export const MEMBER_UNITS = ['hrss', 'union', 'enterprise_confed', 'commerce_fed'] as const;
export type MemberUnit = (typeof MEMBER_UNITS)[number];

export const MEMBER_UNIT_LABELS: Record<MemberUnit, Messages> = {
  hrss: { 'zh-CN': '人社', 'en-US': 'Human Resources & Social Security' },
  union: { 'zh-CN': '工会', 'en-US': 'Trade Union' },
  enterprise_confed: { 'zh-CN': '企联', 'en-US': 'Enterprise Confederation' },
  commerce_fed: { 'zh-CN': '工商联', 'en-US': 'Federation of Industry & Commerce' },
};

/** Roles that belong to a tripartite member unit (region staff and their administrators). */
export function roleNeedsMemberUnit(role: Role): boolean {
  return role === 'province_admin' || role === 'region_admin' || role === 'region_staff';
}

/**
 * What a signed-in user may do. Every route names one of these (or `public`/`authenticated`);
 * region scope is applied on top of the permission, on the server, in one place.
 */
export const PERMISSIONS = [
  'dashboard:read',
  'users:read',
  'users:write',
  'audit:read',
  /** 企业名录: read, and create/update/import */
  'enterprises:read',
  'enterprises:write',
  /** 个人信息: see ID and phone numbers unmasked (each reveal is audited) */
  'personal:read',
  /** 新企服务: the expert team and service records */
  'services:write',
  /** 年度目标: set the per-region yearly targets (the province) */
  'targets:write',
  /** 工资参数: the minimum wage and average wage tables (the province) */
  'parameters:write',
  /** 政策库与问答: maintain the policy library and Q&A */
  'guidance:write',
  /** 通知推送: push notices to enterprises */
  'notices:write',
  /** 导入记录: read the import records of your region */
  'imports:read',
  /** 调解: the mediation organisations, mediators and cases of your region: read, and register/handle */
  'mediation:read',
  'mediation:write',
  /**
   * 重点企业用工监测 (附件7): the key-enterprise list, monthly employment reports, layoff plans, collective
   * consultations and the early warnings of your region: read, and record/follow
   */
  'employment:read',
  'employment:write',
  /** 企业端: an enterprise user's inbox and kept self-check reports */
  'enterprise:self',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const ALL_STAFF: readonly Permission[] = PERMISSIONS.filter((p) => p !== 'enterprise:self');

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  province_admin: ALL_STAFF,
  region_admin: [
    'dashboard:read',
    'users:read',
    'users:write',
    'audit:read',
    'enterprises:read',
    'enterprises:write',
    'personal:read',
    'services:write',
    'guidance:write',
    'notices:write',
    'imports:read',
    'mediation:read',
    'mediation:write',
    'employment:read',
    'employment:write',
  ],
  region_staff: [
    'dashboard:read',
    'enterprises:read',
    'enterprises:write',
    'personal:read',
    'services:write',
    'notices:write',
    'imports:read',
    'mediation:read',
    'employment:read',
    'employment:write',
  ],
  mediation_staff: ['dashboard:read', 'enterprises:read', 'mediation:read', 'mediation:write'],
  social_org_staff: ['dashboard:read', 'enterprises:read'],
  // An enterprise user sees their own enterprise, never the region's figures.
  enterprise_user: ['enterprise:self'],
};

export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

/** Roles an administrator may grant: only the province admin makes province admins. */
export function grantableRoles(actor: Role): Role[] {
  if (actor === 'province_admin') return [...ROLES];
  if (actor === 'region_admin') return ROLES.filter((r) => r !== 'province_admin');
  return [];
}

/** 密码策略: at least 10 characters with at least 3 of the 4 character classes. */
export function meetsPasswordPolicy(password: string): boolean {
  if (password.length < 10 || password.length > 128) return false;
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  return classes >= 3;
}

/** Session and lockout limits (issue 2). */
export const AUTH_LIMITS = {
  /** 连续失败次数 before the account locks */
  maxFailedLogins: 5,
  lockMinutes: 15,
  idleMinutes: 30,
  absoluteHours: 12,
  /** login attempts per IP per minute: loose enough for an office behind one address */
  loginPerIpPerMinute: 30,
} as const;
