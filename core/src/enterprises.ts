import { z } from 'zod';
import { SIZE_CLASSES, type SizeClass, sizeClassOf } from './enterprise-size.js';
import type { FieldErrorCode } from './errors.js';
import type { Messages } from './i18n.js';
import { isValidCreditCode, isValidMobile, normaliseCode } from './identifiers.js';
import { findIndustry } from './industries.js';
import { pageQuery, regionCode } from './schemas.js';

/** 登记注册类型, simplified to what the ledgers ask. */
export const OWNERSHIPS = ['state', 'collective', 'private', 'joint_stock', 'foreign', 'hmt', 'other'] as const;
export type Ownership = (typeof OWNERSHIPS)[number];
export const OWNERSHIP_LABELS: Record<Ownership, Messages> = {
  state: { 'zh-CN': '国有企业', 'en-US': 'State-owned' },
  collective: { 'zh-CN': '集体企业', 'en-US': 'Collective' },
  private: { 'zh-CN': '私营企业', 'en-US': 'Private' },
  joint_stock: { 'zh-CN': '股份制企业', 'en-US': 'Joint-stock' },
  foreign: { 'zh-CN': '外商投资企业', 'en-US': 'Foreign-invested' },
  hmt: { 'zh-CN': '港澳台投资企业', 'en-US': 'HK/Macao/Taiwan-invested' },
  other: { 'zh-CN': '其他', 'en-US': 'Other' },
};

/** Where a record came from: 新企 arrive from market regulation or social insurance data. */
export const ENTERPRISE_SOURCES = ['manual', 'market_regulation', 'social_insurance'] as const;
export type EnterpriseSource = (typeof ENTERPRISE_SOURCES)[number];
export const ENTERPRISE_SOURCE_LABELS: Record<EnterpriseSource, Messages> = {
  manual: { 'zh-CN': '手工录入', 'en-US': 'Entered by staff' },
  market_regulation: { 'zh-CN': '市场监管登记', 'en-US': 'Market regulation register' },
  social_insurance: { 'zh-CN': '社保参保登记', 'en-US': 'Social insurance register' },
};

/** 联系电话: a mobile number, or a landline with its area code (0431-88886666, 043188886666). */
export function isValidPhone(raw: string): boolean {
  const p = normaliseCode(raw).replace(/[\s-]/g, '');
  return isValidMobile(p) || /^0\d{9,11}$/.test(p);
}

/** Mobile 138****5678; landline keeps the area code and the last 4: 0431****6666. */
export function maskPhone(raw: string): string {
  const p = normaliseCode(raw).replace(/[\s-]/g, '');
  if (p.length < 8) return '*'.repeat(p.length);
  const head = p.startsWith('0') ? p.slice(0, p.startsWith('01') || p.startsWith('02') ? 3 : 4) : p.slice(0, 3);
  return `${head}${'*'.repeat(p.length - head.length - 4)}${p.slice(-4)}`;
}

const money = z.number().min(0).max(1e12);
const isoDate = z.iso.date();

/** The fields of an enterprise as a client sends them (create; update sends any of them plus `version`). */
export const enterpriseFields = z.object({
  /** 统一社会信用代码 (normalised: upper case, half-width) */
  creditCode: z.string().trim().min(1).max(40),
  /** 企业名称 */
  name: z.string().trim().min(2).max(100),
  /** 所属区划 */
  regionCode,
  /** 行业代码 GB/T 4754-2017: a section letter or a division/group/class code */
  industryCode: z.string().trim().min(1).max(4),
  /** 登记注册类型 */
  ownership: z.enum(OWNERSHIPS).nullable().optional(),
  /** 从业人员 (人) */
  employees: z.number().int().min(0).max(10_000_000).nullable().optional(),
  /** 营业收入 (万元) */
  revenue: money.nullable().optional(),
  /** 资产总额 (万元) */
  assets: money.nullable().optional(),
  /** 成立（登记）日期 */
  registeredOn: isoDate.nullable().optional(),
  /** 注册地址 */
  address: z.string().trim().max(200).nullable().optional(),
  /** 法定代表人 */
  legalRepresentative: z.string().trim().max(50).nullable().optional(),
  /** 联系人 */
  contactName: z.string().trim().max(50).nullable().optional(),
  /** 联系电话 */
  contactPhone: z.string().trim().max(30).nullable().optional(),
  /** 数据来源 */
  source: z.enum(ENTERPRISE_SOURCES).optional(),
  /** 校验码例外说明: a legacy code that fails the check, kept with the reason (administrators only) */
  creditCodeOverrideReason: z.string().trim().min(4).max(200).nullable().optional(),
});
export type EnterpriseFields = z.infer<typeof enterpriseFields>;

export const createEnterpriseBody = enterpriseFields.strict();
export type CreateEnterpriseBody = z.infer<typeof createEnterpriseBody>;

export const updateEnterpriseBody = enterpriseFields
  .partial()
  .extend({
    /** the version the client read: a stale one answers 412 and changes nothing */
    version: z.number().int().min(1),
  })
  .strict();
export type UpdateEnterpriseBody = z.infer<typeof updateEnterpriseBody>;

export const enterprise = z.object({
  id: z.uuid(),
  creditCode: z.string(),
  name: z.string(),
  regionCode: z.string(),
  /** 区划名称 */
  regionName: z.string(),
  industryCode: z.string(),
  /** 行业名称 */
  industryName: z.string(),
  ownership: z.enum(OWNERSHIPS).nullable(),
  employees: z.number().nullable(),
  revenue: z.number().nullable(),
  assets: z.number().nullable(),
  /** 企业规模, null when it cannot be told from what is known */
  sizeClass: z.enum(SIZE_CLASSES).nullable(),
  registeredOn: z.string().nullable(),
  address: z.string().nullable(),
  legalRepresentative: z.string().nullable(),
  contactName: z.string().nullable(),
  /** masked (138****5678) unless the caller may see personal data and asked to reveal it */
  contactPhone: z.string().nullable(),
  contactPhoneMasked: z.boolean(),
  source: z.enum(ENTERPRISE_SOURCES),
  creditCodeOverrideReason: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Enterprise = z.infer<typeof enterprise>;

export const enterpriseListQuery = pageQuery.extend({
  /** any substring of the name or the credit code */
  q: z.string().trim().max(50).optional(),
  regionCode: regionCode.optional(),
  /** a section letter or a code prefix: C, 13, 131, 1311 */
  industryCode: z
    .string()
    .trim()
    .regex(/^([A-Ta-t]|\d{2,4})$/)
    .optional(),
  sizeClass: z.enum([...SIZE_CLASSES, 'unknown']).optional(),
  source: z.enum(ENTERPRISE_SOURCES).optional(),
  registeredFrom: isoDate.optional(),
  registeredTo: isoDate.optional(),
});
export type EnterpriseListQuery = z.infer<typeof enterpriseListQuery>;

/** The record as stored after the rules: codes normalised, size class computed. */
export type EnterpriseRecord = {
  creditCode: string;
  name: string;
  regionCode: string;
  industryCode: string;
  ownership: Ownership | null;
  employees: number | null;
  revenue: number | null;
  assets: number | null;
  sizeClass: SizeClass | null;
  registeredOn: string | null;
  address: string | null;
  legalRepresentative: string | null;
  contactName: string | null;
  contactPhone: string | null;
  source: EnterpriseSource;
  creditCodeOverrideReason: string | null;
};

export interface EnterpriseProblem {
  field: keyof EnterpriseFields;
  code: FieldErrorCode;
  params?: Record<string, string | number>;
}

/**
 * The business rules of one enterprise record, shared by the form, the API and the import:
 * the credit code per GB 32100-2015 after normalising (DOMAIN-RULES §4; a legacy code failing only the check
 * character is accepted with a recorded reason), a known GB/T 4754-2017 code, a valid phone, a registration
 * date not in the future; the size class computed from the 2017 table (§6).
 */
export function checkEnterprise(
  input: EnterpriseFields,
  today: string,
): { record: EnterpriseRecord; problems?: undefined } | { record?: undefined; problems: EnterpriseProblem[] } {
  const problems: EnterpriseProblem[] = [];
  const creditCode = normaliseCode(input.creditCode).replace(/\s/g, '');
  const overrideReason = input.creditCodeOverrideReason?.trim() || null;
  if (!isValidCreditCode(creditCode)) {
    const wellFormed = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(creditCode);
    if (!wellFormed) problems.push({ field: 'creditCode', code: 'invalid_credit_code' });
    else if (!overrideReason) problems.push({ field: 'creditCode', code: 'credit_code_check' });
  }
  const industryCode = input.industryCode.trim().toUpperCase();
  if (!findIndustry(industryCode)) problems.push({ field: 'industryCode', code: 'unknown_industry' });
  const phone = input.contactPhone?.trim() || null;
  if (phone && !isValidPhone(phone)) problems.push({ field: 'contactPhone', code: 'invalid_phone' });
  const registeredOn = input.registeredOn ?? null;
  if (registeredOn && registeredOn > today) problems.push({ field: 'registeredOn', code: 'future_date' });
  if (problems.length) return { problems };
  const employees = input.employees ?? null;
  const revenue = input.revenue ?? null;
  const assets = input.assets ?? null;
  return {
    record: {
      creditCode,
      name: input.name.trim(),
      regionCode: input.regionCode,
      industryCode,
      ownership: input.ownership ?? null,
      employees,
      revenue,
      assets,
      sizeClass: sizeClassOf({ industryCode, employees, revenue, assets }),
      registeredOn,
      address: input.address?.trim() || null,
      legalRepresentative: input.legalRepresentative?.trim() || null,
      contactName: input.contactName?.trim() || null,
      contactPhone: phone ? normaliseCode(phone).replace(/\s/g, '') : null,
      source: input.source ?? 'manual',
      creditCodeOverrideReason: isValidCreditCode(creditCode) ? null : overrideReason,
    },
  };
}
