import type { Messages } from './i18n.js';
import { findIndustry, industryClasses, industrySection } from './industries.js';

/**
 * 企业规模 by 统计上大中小微型企业划分办法(2017) (DOMAIN-RULES §6). X = 从业人员 (people), Y = 营业收入 and
 * Z = 资产总额 (both in 万元). Large, medium and small must reach every floor listed for their class, or they
 * drop a class; what reaches no small floor set is micro.
 */
export const SIZE_CLASSES = ['large', 'medium', 'small', 'micro'] as const;
export type SizeClass = (typeof SIZE_CLASSES)[number];

export const SIZE_CLASS_LABELS: Record<SizeClass, Messages> = {
  large: { 'zh-CN': '大型', 'en-US': 'Large' },
  medium: { 'zh-CN': '中型', 'en-US': 'Medium' },
  small: { 'zh-CN': '小型', 'en-US': 'Small' },
  micro: { 'zh-CN': '微型', 'en-US': 'Micro' },
};

type Floors = { employees?: number; revenue?: number; assets?: number };

export interface SizeRule {
  /** a stable id for tests and explanations */
  id: string;
  /** the row of the 办法 in Chinese */
  name: string;
  large: Floors;
  medium: Floors;
  small: Floors;
}

/** The 2017 table, in the order of the 办法. Money in 万元. */
export const SIZE_RULES: readonly SizeRule[] = [
  {
    id: 'agriculture',
    name: '农、林、牧、渔业',
    large: { revenue: 20000 },
    medium: { revenue: 500 },
    small: { revenue: 50 },
  },
  {
    id: 'industry',
    name: '工业',
    large: { employees: 1000, revenue: 40000 },
    medium: { employees: 300, revenue: 2000 },
    small: { employees: 20, revenue: 300 },
  },
  {
    id: 'construction',
    name: '建筑业',
    large: { revenue: 80000, assets: 80000 },
    medium: { revenue: 6000, assets: 5000 },
    small: { revenue: 300, assets: 300 },
  },
  {
    id: 'wholesale',
    name: '批发业',
    large: { employees: 200, revenue: 40000 },
    medium: { employees: 20, revenue: 5000 },
    small: { employees: 5, revenue: 1000 },
  },
  {
    id: 'retail',
    name: '零售业',
    large: { employees: 300, revenue: 20000 },
    medium: { employees: 50, revenue: 500 },
    small: { employees: 10, revenue: 100 },
  },
  {
    id: 'transport',
    name: '交通运输业',
    large: { employees: 1000, revenue: 30000 },
    medium: { employees: 300, revenue: 3000 },
    small: { employees: 20, revenue: 200 },
  },
  {
    id: 'warehousing',
    name: '仓储业',
    large: { employees: 200, revenue: 30000 },
    medium: { employees: 100, revenue: 1000 },
    small: { employees: 20, revenue: 100 },
  },
  {
    id: 'postal',
    name: '邮政业',
    large: { employees: 1000, revenue: 30000 },
    medium: { employees: 300, revenue: 2000 },
    small: { employees: 20, revenue: 100 },
  },
  {
    id: 'accommodation_catering',
    name: '住宿业、餐饮业',
    large: { employees: 300, revenue: 10000 },
    medium: { employees: 100, revenue: 2000 },
    small: { employees: 10, revenue: 100 },
  },
  {
    id: 'telecom_internet',
    name: '信息传输业',
    large: { employees: 2000, revenue: 100000 },
    medium: { employees: 100, revenue: 1000 },
    small: { employees: 10, revenue: 100 },
  },
  {
    id: 'software',
    name: '软件和信息技术服务业',
    large: { employees: 300, revenue: 10000 },
    medium: { employees: 100, revenue: 1000 },
    small: { employees: 10, revenue: 50 },
  },
  {
    id: 'real_estate_development',
    name: '房地产开发经营',
    large: { revenue: 200000, assets: 10000 },
    medium: { revenue: 1000, assets: 5000 },
    small: { revenue: 100, assets: 2000 },
  },
  {
    id: 'property_management',
    name: '物业管理',
    large: { employees: 1000, revenue: 5000 },
    medium: { employees: 300, revenue: 1000 },
    small: { employees: 100, revenue: 500 },
  },
  {
    id: 'leasing_business',
    name: '租赁和商务服务业',
    large: { employees: 300, assets: 120000 },
    medium: { employees: 100, assets: 8000 },
    small: { employees: 10, assets: 100 },
  },
  {
    id: 'other',
    name: '其他未列明行业',
    large: { employees: 300 },
    medium: { employees: 100 },
    small: { employees: 10 },
  },
];

const RULE_BY_ID = new Map(SIZE_RULES.map((r) => [r.id, r]));

/** The rule of one 4-digit class of GB/T 4754-2017. */
function ruleIdOfClass(classCode: string): string {
  const section = industrySection(classCode);
  const division = Number(classCode.slice(0, 2));
  if (section === 'A') return 'agriculture';
  if (section === 'B' || section === 'C' || section === 'D') return 'industry';
  if (section === 'E') return 'construction';
  if (division === 51) return 'wholesale';
  if (division === 52) return 'retail';
  if (division >= 53 && division <= 58) return 'transport';
  if (division === 59) return 'warehousing';
  if (division === 60) return 'postal';
  if (division === 61 || division === 62) return 'accommodation_catering';
  if (division === 63 || division === 64) return 'telecom_internet';
  if (division === 65) return 'software';
  if (classCode === '7010') return 'real_estate_development';
  if (classCode === '7020') return 'property_management';
  if (division === 71 || division === 72) return 'leasing_business';
  return 'other';
}

/**
 * The size rule of an industry code at any level, or undefined when the code is unknown or too coarse to
 * tell (section G holds transport, warehousing and postal, which the 办法 treats differently).
 */
export function sizeRuleOf(industryCode: string): SizeRule | undefined {
  const row = findIndustry(industryCode);
  if (!row) return undefined;
  const ids = new Set(industryClasses(row.code).map((c) => ruleIdOfClass(c.code)));
  return ids.size === 1 ? RULE_BY_ID.get([...ids][0] as string) : undefined;
}

export interface SizeInput {
  industryCode: string;
  /** 从业人员 */
  employees?: number | null;
  /** 营业收入 (万元) */
  revenue?: number | null;
  /** 资产总额 (万元) */
  assets?: number | null;
}

/** Three-valued: a floor is met, missed, or cannot be told because the indicator is unknown. */
function meets(floors: Floors, input: SizeInput): boolean | undefined {
  let unknown = false;
  for (const [key, floor] of Object.entries(floors) as [keyof Floors, number][]) {
    const value = input[key];
    if (value === null || value === undefined) unknown = true;
    else if (value < floor) return false;
  }
  return unknown ? undefined : true;
}

/**
 * 企业规模, or null when it cannot be told: an unknown industry or rule, or an indicator the rule needs is
 * missing at the step where it decides (a known miss on another floor still drops the class).
 */
export function sizeClassOf(input: SizeInput): SizeClass | null {
  const rule = sizeRuleOf(input.industryCode);
  if (!rule) return null;
  for (const cls of ['large', 'medium', 'small'] as const) {
    const ok = meets(rule[cls], input);
    if (ok === undefined) return null;
    if (ok) return cls;
  }
  return 'micro';
}
