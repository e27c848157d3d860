import { z } from 'zod';
import type { Messages } from './i18n.js';
import type { RecordProblem } from './mediation.js';
import { pageQuery, regionCode } from './schemas.js';
import { MAX_MONTHLY_MONEY, parameterUsed } from './severance.js';

/**
 * The wage parameter tables (DOMAIN-RULES §3: "data an administrator maintains, with effective dates, never
 * constants in code"): the minimum wage by area and the average monthly wage by city and year. The province
 * administrator keeps them; the severance calculator and the layoff plans read the row in effect.
 *
 * Which row is in effect for a region on a day: among the rows of that region that were not withdrawn, the one
 * that started last on or before the day — unless it was ended before the day, when the region has none. A later
 * row supersedes an earlier one from its first day, so a new standard needs no ending of the old. A region without
 * a row of its own uses its parent's (a county the city's average wage, the city the province's), nearest first.
 */

export const WAGE_PARAMETER_KINDS = ['minimum_wage', 'average_wage'] as const;
export type WageParameterKind = (typeof WAGE_PARAMETER_KINDS)[number];
export const WAGE_PARAMETER_KIND_LABELS: Record<WageParameterKind, Messages> = {
  minimum_wage: { 'zh-CN': '最低工资标准', 'en-US': 'Minimum wage' },
  average_wage: { 'zh-CN': '职工月平均工资', 'en-US': 'Average monthly wage' },
};

/**
 * A row as of today: `current` is the one in effect; `future` starts later; `superseded` gave way to a later row;
 * `ended` was ended by the administrator; `withdrawn` was ended before it started (entered in error).
 */
export const WAGE_PARAMETER_STATUSES = ['current', 'future', 'superseded', 'ended', 'withdrawn'] as const;
export type WageParameterStatus = (typeof WAGE_PARAMETER_STATUSES)[number];
export const WAGE_PARAMETER_STATUS_LABELS: Record<WageParameterStatus, Messages> = {
  current: { 'zh-CN': '执行中', 'en-US': 'In effect' },
  future: { 'zh-CN': '未生效', 'en-US': 'Not yet in effect' },
  superseded: { 'zh-CN': '已被新标准取代', 'en-US': 'Superseded' },
  ended: { 'zh-CN': '已停止执行', 'en-US': 'Ended' },
  withdrawn: { 'zh-CN': '已撤销', 'en-US': 'Withdrawn' },
};

/** Jilin's minimum-wage areas (一类…四类地区); the 2024 standard has three. */
export const MAX_WAGE_TIER = 6;

export const wageParameter = z.object({
  id: z.uuid(),
  kind: z.enum(WAGE_PARAMETER_KINDS),
  regionCode: z.string(),
  regionName: z.string(),
  /** minimum wage: 档次 (1 = 一类地区) */
  tier: z.number().int().nullable(),
  /** 月标准 / 月平均工资 (yuan) */
  monthlyAmount: z.number(),
  /** minimum wage: 非全日制用工小时最低工资标准 (yuan) */
  hourlyAmount: z.number().nullable(),
  /** average wage: the year it is the average of */
  statYear: z.number().int().nullable(),
  effectiveFrom: z.iso.date(),
  /** the last day in effect, when ended */
  effectiveTo: z.iso.date().nullable(),
  /** 文件依据 / 数据来源 */
  basis: z.string(),
  status: z.enum(WAGE_PARAMETER_STATUSES),
  createdAt: z.string(),
  endReason: z.string().nullable(),
});
export type WageParameter = z.infer<typeof wageParameter>;

export const wageParameterListQuery = pageQuery.extend({
  kind: z.enum(WAGE_PARAMETER_KINDS),
  /** the region and everything under it */
  regionCode: regionCode.optional(),
  status: z.enum(WAGE_PARAMETER_STATUSES).optional(),
});
export type WageParameterListQuery = z.infer<typeof wageParameterListQuery>;

/** Adds one row for each region listed (a new standard for its areas, in one transaction). */
export const createWageParametersBody = z
  .object({
    kind: z.enum(WAGE_PARAMETER_KINDS),
    regionCodes: z.array(regionCode).min(1).max(100),
    effectiveFrom: z.iso.date(),
    monthlyAmount: z.number().min(0.01).max(MAX_MONTHLY_MONEY),
    hourlyAmount: z.number().min(0.01).max(10_000).nullable().optional(),
    tier: z.number().int().min(1).max(MAX_WAGE_TIER).nullable().optional(),
    statYear: z.number().int().min(1990).max(2100).nullable().optional(),
    basis: z.string().trim().min(2).max(200),
  })
  .strict();
export type CreateWageParametersBody = z.infer<typeof createWageParametersBody>;

/** Ends a row: its last day in effect (the day before it started withdraws it), and why. */
export const endWageParameterBody = z
  .object({
    effectiveTo: z.iso.date(),
    reason: z.string().trim().min(2).max(500),
  })
  .strict();
export type EndWageParameterBody = z.infer<typeof endWageParameterBody>;

export const WAGE_PARAMETER_FIELD_LABELS: Record<string, Messages> = {
  kind: { 'zh-CN': '参数类型', 'en-US': 'Kind' },
  regionCode: { 'zh-CN': '地区', 'en-US': 'Region' },
  regionCodes: { 'zh-CN': '适用地区', 'en-US': 'Regions' },
  effectiveFrom: { 'zh-CN': '生效日期', 'en-US': 'In effect from' },
  effectiveTo: { 'zh-CN': '停止执行日期', 'en-US': 'Last day in effect' },
  monthlyAmount: { 'zh-CN': '月标准（元）', 'en-US': 'Monthly amount (yuan)' },
  hourlyAmount: { 'zh-CN': '小时最低工资标准（元）', 'en-US': 'Hourly minimum (yuan)' },
  tier: { 'zh-CN': '最低工资档次', 'en-US': 'Minimum-wage tier' },
  statYear: { 'zh-CN': '统计年度', 'en-US': 'Year averaged' },
  basis: { 'zh-CN': '文件依据或数据来源', 'en-US': 'Source document' },
  reason: { 'zh-CN': '停止执行原因', 'en-US': 'Reason' },
  status: { 'zh-CN': '状态', 'en-US': 'Status' },
};

/**
 * A row's fields that depend on its kind: a minimum wage has its tier (and may have an hourly rate) but no year;
 * an average wage has the year it averages, which ended before the row takes effect, and neither tier nor rate.
 */
export function wageParameterProblems(b: CreateWageParametersBody): RecordProblem[] {
  const problems: RecordProblem[] = [];
  if (b.kind === 'minimum_wage') {
    if (b.tier == null) problems.push({ field: 'tier', code: 'required' });
    if (b.statYear != null) problems.push({ field: 'statYear', code: 'invalid_value' });
  } else {
    if (b.statYear == null) problems.push({ field: 'statYear', code: 'required' });
    else if (b.statYear >= Number(b.effectiveFrom.slice(0, 4)))
      problems.push({ field: 'statYear', code: 'invalid_value' });
    if (b.tier != null) problems.push({ field: 'tier', code: 'invalid_value' });
    if (b.hourlyAmount != null) problems.push({ field: 'hourlyAmount', code: 'invalid_value' });
  }
  return problems;
}

/**
 * The row in effect on `date` for a region (the rule at the top of this file). `lineage` is the region and the
 * regions above it, nearest first; `latest` holds, for any of them, its live row that started last on or before
 * the date. A region whose latest row was ended before the date has none, and its parent's is used.
 */
export function rowInEffect<T extends { regionCode: string; effectiveTo: string | null }>(
  lineage: readonly string[],
  latest: readonly T[],
  date: string,
): T | undefined {
  for (const code of lineage) {
    const row = latest.find((r) => r.regionCode === code);
    if (row && (row.effectiveTo === null || row.effectiveTo >= date)) return row;
  }
  return undefined;
}

/** The day before a date: ending a row on it withdraws the row. */
export function dayBefore(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

/**
 * An average wage answers for "the previous year" of a date: a figure older than that (the newest on file while the
 * statistics bureau has not published) is used but flagged.
 */
export function averageWageStale(statYear: number | null, date: string): boolean {
  return statYear !== null && statYear < Number(date.slice(0, 4)) - 1;
}

/** GET /api/v1/calculators/wage-parameters: the figures in effect for a region on a day. */
export const wageParametersLookupQuery = z
  .object({
    regionCode,
    date: z.iso.date().optional(),
  })
  .strict();

export const wageParametersLookup = z.object({
  regionCode: z.string(),
  regionName: z.string(),
  date: z.iso.date(),
  minimumWage: parameterUsed.extend({ hourly: z.number().nullable() }).nullable(),
  localAverageMonthlyWage: parameterUsed.nullable(),
});
export type WageParametersLookup = z.infer<typeof wageParametersLookup>;
