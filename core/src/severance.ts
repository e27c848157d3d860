import { z } from 'zod';
import type { Messages } from './i18n.js';
import type { RecordProblem } from './mediation.js';
import { regionCode } from './schemas.js';

/**
 * 经济补偿 (DOMAIN-RULES §3), computed here and nowhere else: the public calculator, a layoff plan's totals and
 * its ability-to-pay assessment all call computeSeverance.
 *
 * - 《劳动合同法》第四十七条第一款: one month's wage for each full year of service; six months or more count as a
 *   year; under six months, half a month. n = full years + (remaining months >= 6 ? 1 : remainder ? 0.5 : 0).
 * - 第四十七条第三款 and 实施条例第二十七条: the monthly wage is the average of the 12 months before the contract
 *   ended (all pay items; fewer months when the service was shorter), never below the local minimum wage.
 * - 第四十七条第二款: a monthly wage strictly higher than 3x the local average monthly wage of the previous year is
 *   paid at 3x that average, for at most 12 years.
 * - 第四十条 and 实施条例第二十条: a dismissal under Art. 40 without 30 days' written notice adds one month's wage,
 *   at the previous month's wage. A layoff under Art. 41 does not.
 * - Money is counted in fen (integers); every amount is rounded half up to the fen: the wages when they come in,
 *   then base x n (a half month of an odd number of fen).
 *
 * Service from dates (serviceStart, serviceEnd; both days are days of service): a whole month runs from the start
 * date to the day before the same date of the next month; when that month has no such date (a start on the 31st,
 * or on 29 February), the month ends on that month's last day (as 民法典 Art. 202 ends a month's period). Days left
 * after the last whole month are a partial month: they make the remainder non-zero (half a month's wage when there
 * are under six whole months), but they never add up to a month — 5 months and 29 days are under six months.
 */

export const SEVERANCE_RULES = {
  /** remaining months that count as a whole year (第四十七条: 六个月以上不满一年的，按一年计算) */
  halfYearMonths: 6,
  /** the cap: this many times the local average monthly wage of the previous year */
  capMultiple: 3,
  /** and at most this many years when capped */
  capYears: 12,
  /** the notice Art. 40 requires, in days, and what replaces it: one month's wage */
  noticeDays: 30,
} as const;

/** The largest wage the calculator takes (ten million yuan a month): far beyond any real one. */
export const MAX_MONTHLY_MONEY = 10_000_000;
/** The longest service it takes: 60 years. */
export const MAX_SERVICE_MONTHS = 720;
/** Service before this date follows the rules of its time (劳动合同法第九十七条第三款). */
export const LABOR_CONTRACT_LAW_START = '2008-01-01';

// ——— money ———

/** Yuan to fen, rounded half up (the decimal digits as written: 1.005 -> 101). */
export function toFen(yuan: number): number {
  if (!Number.isFinite(yuan) || yuan < 0) throw new RangeError(`not an amount: ${yuan}`);
  return Math.round(Number(`${yuan}e2`));
}

export const fenToYuan = (fen: number): number => fen / 100;

/** 33000 -> "33,000.00" (the same in both languages). */
export function formatYuan(yuan: number): string {
  const fen = Math.round(yuan * 100);
  const whole = Math.floor(fen / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${whole}.${String(fen % 100).padStart(2, '0')}`;
}

/** An amount as the ledgers write it: 123,456 -> "12.35万元", 8,000 -> "8000.00元". */
export function formatWanYuan(yuan: number): string {
  return yuan >= 10_000 ? `${(yuan / 10_000).toFixed(2)}万元` : `${yuan.toFixed(2)}元`;
}

/** Half of an integer number of fen, rounded half up. */
const halfUp = (twiceFen: number) => Math.floor((twiceFen + 1) / 2);

// ——— service ———

function parseDate(date: string): [number, number, number] {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : Number.NaN;
  if (!m || Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== date)
    throw new RangeError(`not a date: ${date}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
const DAY_MS = 86_400_000;

/**
 * The first day of the (m+1)-th month of service that began on `start`: the same date m months later, or the 1st of
 * the month after when that month has no such date (started 2024-01-31: 2024-03-01 after one month).
 */
export function monthAnniversary(start: string, m: number): string {
  const [y, mo, d] = parseDate(start);
  const first = Date.UTC(y, mo - 1 + m, 1);
  const year = new Date(first).getUTCFullYear();
  const month = new Date(first).getUTCMonth();
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return d <= last ? iso(Date.UTC(year, month, d)) : iso(Date.UTC(year, month + 1, 1));
}

export interface ServiceLength {
  /** whole months of service */
  months: number;
  /** days after the last whole month (a partial month) */
  days: number;
}

/** The length of service from its first day to its last, both included (the rule at the top of this file). */
export function serviceLength(start: string, end: string): ServiceLength {
  const [sy, sm] = parseDate(start);
  const [ey, em] = parseDate(end);
  if (end < start) throw new RangeError(`service ends (${end}) before it starts (${start})`);
  const after = iso(Date.parse(`${end}T00:00:00Z`) + DAY_MS);
  let months = Math.max(0, (ey - sy) * 12 + (em - sm) - 1);
  while (monthAnniversary(start, months + 1) <= after) months += 1;
  while (months > 0 && monthAnniversary(start, months) > after) months -= 1;
  const from = monthAnniversary(start, months);
  const days = Math.round((Date.parse(`${after}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
  return { months, days };
}

/** n of 第四十七条 (before any cap): full years, then 1 for six remaining months or more, 0.5 for any less. */
export function severanceYears(service: ServiceLength): number {
  const full = Math.floor(service.months / 12);
  const rest = service.months % 12;
  if (rest >= SEVERANCE_RULES.halfYearMonths) return full + 1;
  return rest > 0 || service.days > 0 ? full + 0.5 : full;
}

// ——— the calculation ———

/** Where a figure the calculation used came from: a row of the parameter tables, or the caller. */
export interface ParameterSource {
  /** the region whose row it is (长春市南关区, 吉林省) */
  regionName: string;
  effectiveFrom: string;
  /** 文件依据 / 数据来源 */
  basis: string;
  /** minimum wage: its tier (一类 = 1) */
  tier?: number | null | undefined;
  /** average wage: the year it is the average of */
  statYear?: number | null | undefined;
}

export interface SeveranceInput {
  /** 解除或者终止劳动合同前十二个月的月平均工资 (yuan) */
  averageMonthlyWage: number;
  /** whole months of service; or the service's first and last days */
  serviceMonths?: number | undefined;
  serviceStart?: string | undefined;
  serviceEnd?: string | undefined;
  /** 本地区上年度职工月平均工资 (yuan) */
  localAverageMonthlyWage: number;
  /** 当地最低工资标准 (yuan a month) */
  minimumWage: number;
  /** dismissed under Art. 40 without 30 days' written notice */
  withoutNotice?: boolean | undefined;
  /** 上一个月的工资 (yuan): the month's wage paid in lieu of notice */
  lastMonthWage?: number | undefined;
}

export interface SeveranceResult {
  service: ServiceLength;
  /** n after the 12-year cap: the months of wage paid */
  years: number;
  /** n before the cap */
  serviceYears: number;
  /** the average monthly wage, to the fen */
  monthlyWage: number;
  /** raised to the minimum wage */
  floored: boolean;
  /** 3x the local average monthly wage */
  cap: number;
  /** the wage the severance is counted in: the monthly wage, floored, capped */
  base: number;
  capped: boolean;
  /** 经济补偿 = base x years */
  severance: number;
  /** 代通知金 (Art. 40), 0 when notice was given */
  noticePay: number;
  total: number;
  /** each step with its article, in both languages */
  explanation: Messages[];
}

const line = (zh: string, en: string): Messages => ({ 'zh-CN': zh, 'en-US': en });
const y = formatYuan;

/** Jilin's minimum-wage areas by tier: 1 -> 一类地区. */
export const wageTierLabel = (tier: number): Messages => ({
  'zh-CN': `${['', '一', '二', '三', '四', '五', '六'][tier] ?? tier}类地区`,
  'en-US': `Tier ${tier}`,
});

function serviceLine(input: SeveranceInput, s: ServiceLength): Messages {
  const years = Math.floor(s.months / 12);
  const months = s.months % 12;
  if (input.serviceStart && input.serviceEnd) {
    const zhDays = s.days ? `又 ${s.days} 天` : '';
    const enDays = s.days ? ` and ${s.days} day${s.days === 1 ? '' : 's'}` : '';
    return line(
      `工作年限：${input.serviceStart} 至 ${input.serviceEnd}，共 ${years} 年 ${months} 个月${zhDays}。整月自入职之日起算，到下月对应日的前一日为一个月（下月没有对应日的，到该月最后一日）；不足一个月的天数不凑成整月。`,
      `Service: ${input.serviceStart} to ${input.serviceEnd}, ${years} years ${months} months${enDays}. A month runs from the start date to the day before the same date of the next month (to that month's last day when it has no such date); leftover days never make up a month.`,
    );
  }
  return line(
    `工作年限：${years} 年 ${months} 个月（共 ${s.months} 个月）。`,
    `Service: ${years} years ${months} months (${s.months} months).`,
  );
}

function sourceLine(kind: 'average' | 'minimum', value: number, source: ParameterSource | undefined): Messages {
  if (kind === 'average') {
    if (!source) {
      return line(
        `本地区上年度职工月平均工资按您填写的 ${y(value)} 元。`,
        `Local average monthly wage of the previous year: ${y(value)} yuan, as you entered it.`,
      );
    }
    const year = source.statYear ? `${source.statYear}年度` : '';
    const enYear = source.statYear ? ` for ${source.statYear}` : '';
    return line(
      `本地区上年度职工月平均工资 ${y(value)} 元：取自参数表，${source.regionName}${year}（${source.basis}），自 ${source.effectiveFrom} 起适用。`,
      `Local average monthly wage of the previous year: ${y(value)} yuan, from the parameter table: ${source.regionName}${enYear} (${source.basis}), in use from ${source.effectiveFrom}.`,
    );
  }
  if (!source) {
    return line(
      `当地最低工资标准按您填写的 ${y(value)} 元/月。`,
      `Local minimum wage: ${y(value)} yuan a month, as you entered it.`,
    );
  }
  const tier = source.tier ? `，${wageTierLabel(source.tier)['zh-CN']}` : '';
  const enTier = source.tier ? `, ${wageTierLabel(source.tier)['en-US'].toLowerCase()}` : '';
  return line(
    `当地最低工资标准 ${y(value)} 元/月：取自参数表，${source.regionName}${tier}（${source.basis}），自 ${source.effectiveFrom} 起执行。`,
    `Local minimum wage: ${y(value)} yuan a month, from the parameter table: ${source.regionName}${enTier} (${source.basis}), in force from ${source.effectiveFrom}.`,
  );
}

/**
 * 经济补偿 under 第四十七条, plus the month in lieu of notice of 第四十条 when asked. The input must have passed
 * severanceProblems (service given one way, end not before start, the last month's wage when notice pay is due).
 */
export function computeSeverance(
  input: SeveranceInput,
  sources: { localAverage?: ParameterSource | undefined; minimumWage?: ParameterSource | undefined } = {},
): SeveranceResult {
  const service: ServiceLength =
    input.serviceStart && input.serviceEnd
      ? serviceLength(input.serviceStart, input.serviceEnd)
      : { months: input.serviceMonths ?? Number.NaN, days: 0 };
  if (!Number.isInteger(service.months) || service.months < 0) throw new RangeError('service: months or dates');
  const serviceYears = severanceYears(service);
  const wageFen = toFen(input.averageMonthlyWage);
  const minimumFen = toFen(input.minimumWage);
  const localFen = toFen(input.localAverageMonthlyWage);
  const capFen = SEVERANCE_RULES.capMultiple * localFen;
  // 实施条例第二十七条: never below the local minimum wage.
  const floored = wageFen < minimumFen;
  const flooredFen = floored ? minimumFen : wageFen;
  // 第四十七条第二款: strictly higher than three times -> three times, and n at most 12.
  const capped = flooredFen > capFen;
  const baseFen = capped ? capFen : flooredFen;
  const years = capped ? Math.min(serviceYears, SEVERANCE_RULES.capYears) : serviceYears;
  const severanceFen = halfUp(baseFen * Math.round(years * 2));
  const noticeFen = input.withoutNotice ? toFen(input.lastMonthWage ?? Number.NaN) : 0;
  const totalFen = severanceFen + noticeFen;

  const explanation: Messages[] = [serviceLine(input, service)];
  explanation.push(
    line(
      `依《劳动合同法》第四十七条第一款，每满一年支付一个月工资；六个月以上不满一年的，按一年计算；不满六个月的，支付半个月工资。计 n = ${serviceYears}。`,
      `Labor Contract Law Art. 47(1): one month's wage for each full year; six months or more but under a year count as a year; under six months earn half a month. n = ${serviceYears}.`,
    ),
  );
  explanation.push(
    line(
      `月工资为解除或者终止劳动合同前十二个月的平均工资（工作不满十二个月的，按实际工作月数计算平均工资）：${y(fenToYuan(wageFen))} 元（第四十七条第三款，《劳动合同法实施条例》第二十七条）。`,
      `The monthly wage is the average wage of the 12 months before the contract ended (of the months worked, if fewer): ${y(fenToYuan(wageFen))} yuan (Art. 47(3); Implementing Regulations Art. 27).`,
    ),
  );
  explanation.push(sourceLine('minimum', fenToYuan(minimumFen), sources.minimumWage));
  if (floored) {
    explanation.push(
      line(
        `该月平均工资低于当地最低工资标准，按最低工资标准 ${y(fenToYuan(minimumFen))} 元计算（《劳动合同法实施条例》第二十七条）。`,
        `That is below the local minimum wage, so the minimum wage of ${y(fenToYuan(minimumFen))} yuan is used (Implementing Regulations Art. 27).`,
      ),
    );
  }
  explanation.push(sourceLine('average', fenToYuan(localFen), sources.localAverage));
  if (capped) {
    const cut = serviceYears > years;
    explanation.push(
      line(
        `月工资 ${y(fenToYuan(flooredFen))} 元高于本地区上年度职工月平均工资的三倍（${y(fenToYuan(capFen))} 元），依第四十七条第二款按三倍即 ${y(fenToYuan(capFen))} 元计算，且支付年限最高不超过十二年${cut ? `：n 由 ${serviceYears} 调整为 ${years}` : ''}。`,
        `The monthly wage of ${y(fenToYuan(flooredFen))} yuan is higher than three times the local average (${y(fenToYuan(capFen))} yuan): under Art. 47(2) it is paid at three times, ${y(fenToYuan(capFen))} yuan, for at most 12 years${cut ? `: n goes from ${serviceYears} to ${years}` : ''}.`,
      ),
    );
  } else {
    explanation.push(
      line(
        `月工资 ${y(fenToYuan(flooredFen))} 元未高于本地区上年度职工月平均工资的三倍（${y(fenToYuan(capFen))} 元），不封顶（第四十七条第二款）。`,
        `The monthly wage of ${y(fenToYuan(flooredFen))} yuan is not higher than three times the local average (${y(fenToYuan(capFen))} yuan): no cap applies (Art. 47(2)).`,
      ),
    );
  }
  explanation.push(
    line(
      `经济补偿 = ${y(fenToYuan(baseFen))} 元 × ${years} = ${y(fenToYuan(severanceFen))} 元（四舍五入到分）。`,
      `Severance = ${y(fenToYuan(baseFen))} yuan × ${years} = ${y(fenToYuan(severanceFen))} yuan (rounded to the fen).`,
    ),
  );
  if (input.withoutNotice) {
    explanation.push(
      line(
        `依第四十条解除劳动合同、未提前三十日以书面形式通知劳动者本人的，额外支付一个月工资（代通知金），按上一个月的工资标准确定：${y(fenToYuan(noticeFen))} 元（《劳动合同法实施条例》第二十条）。`,
        `A dismissal under Art. 40 without 30 days' written notice adds one month's wage in lieu of notice, at the previous month's wage: ${y(fenToYuan(noticeFen))} yuan (Implementing Regulations Art. 20).`,
      ),
    );
  }
  explanation.push(line(`合计 ${y(fenToYuan(totalFen))} 元。`, `Total: ${y(fenToYuan(totalFen))} yuan.`));
  if (input.serviceStart && input.serviceStart < LABOR_CONTRACT_LAW_START) {
    explanation.push(
      line(
        '注意：2008 年 1 月 1 日以前的工作年限，经济补偿按当时的有关规定计算（第九十七条第三款）；本计算对全部年限适用第四十七条，仅供参考。',
        'Note: service before 1 January 2008 is compensated under the rules of that time (Art. 97(3)); this calculation applies Art. 47 to the whole service and is a guide only.',
      ),
    );
  }
  explanation.push(
    line(
      '用人单位违法解除或者终止劳动合同的，应当依照经济补偿标准的二倍向劳动者支付赔偿金（第八十七条），支付了赔偿金的，不再支付经济补偿（实施条例第二十五条）。',
      'An unlawful dismissal costs twice this severance as damages (Art. 87), which replace the severance (Implementing Regulations Art. 25).',
    ),
  );

  return {
    service,
    years,
    serviceYears,
    monthlyWage: fenToYuan(wageFen),
    floored,
    cap: fenToYuan(capFen),
    base: fenToYuan(baseFen),
    capped,
    severance: fenToYuan(severanceFen),
    noticePay: fenToYuan(noticeFen),
    total: fenToYuan(totalFen),
    explanation,
  };
}

// ——— the API's schemas ———

const money = z.number().min(0).max(MAX_MONTHLY_MONEY);
const positiveMoney = z.number().min(0.01).max(MAX_MONTHLY_MONEY);

/** How the service is given: whole months, or the first and last days. */
export const serviceFields = z.object({
  /** 工作年限（月） */
  serviceMonths: z.number().int().min(0).max(MAX_SERVICE_MONTHS).optional(),
  /** 入职日期 */
  serviceStart: z.iso.date().optional(),
  /** 劳动合同解除或者终止日期（最后工作日） */
  serviceEnd: z.iso.date().optional(),
});

/** POST /api/v1/calculators/severance */
export const severanceBody = serviceFields
  .extend({
    /** 解除或者终止前十二个月的月平均工资 */
    averageMonthlyWage: money,
    /** 本地区上年度职工月平均工资: from the parameter tables when left out */
    localAverageMonthlyWage: positiveMoney.optional(),
    /** 当地最低工资标准: from the parameter tables when left out */
    minimumWage: positiveMoney.optional(),
    /** where the work was done: picks the parameters */
    regionCode: regionCode.optional(),
    /** the day the parameters are taken on: the contract's end (default serviceEnd, else today) */
    terminationDate: z.iso.date().optional(),
    /** 第四十条解除且未提前三十日书面通知 */
    withoutNotice: z.boolean().optional(),
    /** 上一个月的工资 */
    lastMonthWage: money.optional(),
  })
  .strict();
export type SeveranceBody = z.infer<typeof severanceBody>;

export const SEVERANCE_FIELD_LABELS: Record<string, Messages> = {
  averageMonthlyWage: { 'zh-CN': '月平均工资', 'en-US': 'Average monthly wage' },
  serviceMonths: { 'zh-CN': '工作年限（月数）', 'en-US': 'Months of service' },
  serviceStart: { 'zh-CN': '入职日期', 'en-US': 'Start of service' },
  serviceEnd: { 'zh-CN': '离职日期', 'en-US': 'End of service' },
  localAverageMonthlyWage: { 'zh-CN': '本地区上年度职工月平均工资', 'en-US': 'Local average monthly wage' },
  minimumWage: { 'zh-CN': '当地最低工资标准', 'en-US': 'Local minimum wage' },
  regionCode: { 'zh-CN': '工作所在地区', 'en-US': 'Region of work' },
  terminationDate: { 'zh-CN': '解除或终止日期', 'en-US': 'Date the contract ended' },
  withoutNotice: { 'zh-CN': '未提前三十日通知', 'en-US': "Without 30 days' notice" },
  lastMonthWage: { 'zh-CN': '上一个月工资', 'en-US': "Last month's wage" },
};

/**
 * What the service fields must satisfy beyond their types: months or both dates (one way, not both), the end not
 * before the start, not longer than MAX_SERVICE_MONTHS. `prefix` names nested fields (`staff.3.`).
 */
export function serviceProblems(
  s: { serviceMonths?: number | undefined; serviceStart?: string | undefined; serviceEnd?: string | undefined },
  prefix = '',
): RecordProblem[] {
  const hasMonths = s.serviceMonths !== undefined;
  const hasDates = s.serviceStart !== undefined || s.serviceEnd !== undefined;
  if (hasMonths === hasDates) return [{ field: `${prefix}serviceMonths`, code: 'service_either' }];
  if (hasMonths) return [];
  if (!s.serviceStart) return [{ field: `${prefix}serviceStart`, code: 'required' }];
  if (!s.serviceEnd) return [{ field: `${prefix}serviceEnd`, code: 'required' }];
  if (s.serviceEnd < s.serviceStart) return [{ field: `${prefix}serviceEnd`, code: 'before_hire' }];
  if (serviceLength(s.serviceStart, s.serviceEnd).months > MAX_SERVICE_MONTHS) {
    return [{ field: `${prefix}serviceEnd`, code: 'service_too_long' }];
  }
  return [];
}

/** The severance body's cross-field rules (its schema has checked each field). */
export function severanceProblems(body: SeveranceBody): RecordProblem[] {
  const problems = serviceProblems(body);
  if (body.withoutNotice && body.lastMonthWage === undefined) {
    problems.push({ field: 'lastMonthWage', code: 'required' });
  }
  return problems;
}

const messages = z.object({ 'zh-CN': z.string(), 'en-US': z.string() });

/** A figure the calculator used, and where it came from. */
export const parameterUsed = z.object({
  value: z.number(),
  /** `table`: the parameter tables (the row is described); `input`: the caller's figure */
  source: z.enum(['table', 'input']),
  regionCode: z.string().nullable(),
  regionName: z.string().nullable(),
  effectiveFrom: z.string().nullable(),
  basis: z.string().nullable(),
  tier: z.number().int().nullable(),
  statYear: z.number().int().nullable(),
  /** average wage: the newest figure on file is older than the previous year of the date asked */
  stale: z.boolean(),
});
export type ParameterUsed = z.infer<typeof parameterUsed>;

export const severanceResult = z.object({
  service: z.object({ months: z.number().int(), days: z.number().int() }),
  years: z.number(),
  serviceYears: z.number(),
  monthlyWage: z.number(),
  floored: z.boolean(),
  cap: z.number(),
  base: z.number(),
  capped: z.boolean(),
  severance: z.number(),
  noticePay: z.number(),
  total: z.number(),
  explanation: z.array(messages),
  /** the day the parameters were taken on */
  date: z.iso.date(),
  parameters: z.object({ localAverageMonthlyWage: parameterUsed, minimumWage: parameterUsed }),
});
export type SeveranceAnswer = z.infer<typeof severanceResult>;
