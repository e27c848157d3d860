import { z } from 'zod';
import type { Messages } from './i18n.js';
import type { RecordProblem } from './mediation.js';
import { regionCode } from './schemas.js';
import {
  computeSeverance,
  fenToYuan,
  formatYuan,
  MAX_MONTHLY_MONEY,
  MAX_SERVICE_MONTHS,
  type ParameterSource,
  parameterUsed,
  serviceFields,
  serviceProblems,
  toFen,
} from './severance.js';

/**
 * 经济性裁员 (DOMAIN-RULES §3), checked here and nowhere else: the public calculator, a layoff plan's form and
 * its warnings.
 *
 * 《劳动合同法》第四十一条: a layoff of 20 people or more, or of fewer than 20 who are 10% or more of the
 * employees, follows the economic-layoff procedure: explain the situation to the union or all staff 30 days in
 * advance and hear their opinions, then report the plan to the labor administration department. Both thresholds
 * are inclusive. 第四十二条 protects listed employees from dismissal under Art. 40 and 41.
 */

export const LAYOFF_RULES = {
  /** 裁减人员二十人以上 */
  minPeople: 20,
  /** 或者裁减不足二十人但占企业职工总数百分之十以上: layoffs x 10 >= employees */
  minShareTenths: 1,
  /** 提前三十日向工会或者全体职工说明情况 */
  explainDaysBefore: 30,
} as const;

/** The most employees the check takes (a very large group). */
export const MAX_EMPLOYEES = 10_000_000;

export const ART41_STEPS = ['explain', 'report'] as const;
export type Art41Step = (typeof ART41_STEPS)[number];
export const ART41_STEP_LABELS: Record<Art41Step, Messages> = {
  explain: {
    'zh-CN': '提前三十日向工会或者全体职工说明情况，听取工会或者职工的意见',
    'en-US': 'Explain the situation to the union or all staff 30 days in advance and hear their opinions',
  },
  report: {
    'zh-CN': '裁减人员方案向劳动行政部门报告',
    'en-US': 'Report the layoff plan to the labor administration department',
  },
};

/** 第四十二条: employees who may not be dismissed under Art. 40 or 41. */
export const ART42_GROUPS = [
  'occupational_exposure',
  'work_injury',
  'medical_period',
  'maternity',
  'long_service',
  'other_law',
] as const;
export type Art42Group = (typeof ART42_GROUPS)[number];
export const ART42_GROUP_LABELS: Record<Art42Group, Messages> = {
  occupational_exposure: {
    'zh-CN': '从事接触职业病危害作业而未进行离岗前职业健康检查，或者疑似职业病病人在诊断或者医学观察期间的',
    'en-US':
      'Exposed to occupational hazards without an exit health check, or a suspected case under diagnosis or observation',
  },
  work_injury: {
    'zh-CN': '在本单位患职业病或者因工负伤并被确认丧失或者部分丧失劳动能力的',
    'en-US': 'Lost all or part of their capacity to work through an occupational disease or injury at this employer',
  },
  medical_period: {
    'zh-CN': '患病或者非因工负伤，在规定的医疗期内的',
    'en-US': 'Ill or injured off duty and within the statutory medical period',
  },
  maternity: {
    'zh-CN': '女职工在孕期、产期、哺乳期的',
    'en-US': 'Women during pregnancy, maternity leave or nursing',
  },
  long_service: {
    'zh-CN': '在本单位连续工作满十五年，且距法定退休年龄不足五年的',
    'en-US': 'Fifteen years of continuous service here and less than five years from the statutory retirement age',
  },
  other_law: {
    'zh-CN': '法律、行政法规规定的其他情形',
    'en-US': 'Other cases laid down by law or administrative regulations',
  },
};

const line = (zh: string, en: string): Messages => ({ 'zh-CN': zh, 'en-US': en });

export interface LayoffCheckInput {
  /** 企业职工总数 */
  employees: number;
  /** 裁减人数 */
  layoffs: number;
  /** 计划裁员日期: gives the last day to explain to the union or staff */
  plannedOn?: string | undefined;
}

export interface LayoffCheck {
  art41Applies: boolean;
  /** 20 people or more */
  byCount: boolean;
  /** 10% of the employees or more */
  byShare: boolean;
  employees: number;
  layoffs: number;
  /** layoffs / employees, to four places */
  share: number;
  thresholds: { people: number; share: number };
  /** what the procedure requires, when it applies */
  requirements: { step: Art41Step; label: Messages; basis: string; latestOn: string | null }[];
  /** who may not be laid off (第四十二条), whether or not the procedure applies */
  protectedGroups: { group: Art42Group; label: Messages }[];
  explanation: Messages[];
}

function daysBefore(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}

/** Whether 第四十一条's procedure applies, and what it requires. */
export function checkLayoff(input: LayoffCheckInput): LayoffCheck {
  const { employees, layoffs } = input;
  if (
    !Number.isInteger(employees) ||
    employees < 1 ||
    !Number.isInteger(layoffs) ||
    layoffs < 1 ||
    layoffs > employees
  ) {
    throw new RangeError(`layoffs ${layoffs} of ${employees}`);
  }
  const byCount = layoffs >= LAYOFF_RULES.minPeople;
  // Integers, not a float ratio: 99 of 1,000 is 9.9% (no), 100 of 1,000 is 10% (yes).
  const byShare = layoffs * 10 >= employees * LAYOFF_RULES.minShareTenths;
  const art41Applies = byCount || byShare;
  const share = Math.round((layoffs / employees) * 10_000) / 10_000;
  const pct = `${(Math.round((layoffs / employees) * 1000) / 10).toFixed(1)}%`;
  const explainBy = input.plannedOn ? daysBefore(input.plannedOn, LAYOFF_RULES.explainDaysBefore) : null;
  const explanation: Messages[] = [
    line(
      `裁减 ${layoffs} 人，占企业职工总数 ${employees} 人的 ${pct}。`,
      `${layoffs} of ${employees} employees (${pct}) are to be laid off.`,
    ),
  ];
  if (art41Applies) {
    const why = byCount
      ? line('裁减人员二十人以上', '20 people or more')
      : line('裁减不足二十人但占企业职工总数百分之十以上', 'fewer than 20 but 10% of the employees or more');
    explanation.push(
      line(
        `${why['zh-CN']}，属于《劳动合同法》第四十一条规定的经济性裁员，须履行法定程序：提前三十日向工会或者全体职工说明情况，听取工会或者职工的意见后，裁减人员方案经向劳动行政部门报告，方可裁减人员。`,
        `${why['en-US']}: an economic layoff under Labor Contract Law Art. 41. The employer must explain the situation to the union or all staff 30 days in advance, hear their opinions, and report the plan to the labor administration department before laying anyone off.`,
      ),
    );
    if (explainBy) {
      explanation.push(
        line(
          `计划于 ${input.plannedOn} 裁减人员的，最迟应于 ${explainBy} 向工会或者全体职工说明情况。`,
          `For a layoff on ${input.plannedOn}, the union or staff must be told by ${explainBy} at the latest.`,
        ),
      );
    }
    explanation.push(
      line(
        '裁减人员时应当优先留用：与本单位订立较长期限的固定期限劳动合同的；订立无固定期限劳动合同的；家庭无其他就业人员，有需要扶养的老人或者未成年人的（第四十一条第二款）。六个月内重新招用人员的，应当通知被裁减的人员，并在同等条件下优先招用（第四十一条第三款）。',
        "Keep first those on longer fixed-term or open-ended contracts and those who are their family's only earner with elderly or minors to support (Art. 41(2)). Anyone hired again within six months must be offered first to those laid off, on equal terms (Art. 41(3)).",
      ),
    );
  } else {
    explanation.push(
      line(
        '未达到二十人，也未达到企业职工总数的百分之十，不属于第四十一条规定的经济性裁员，不能按经济性裁员程序成批裁减人员；解除劳动合同须另有法定事由（如第四十条），并依法支付经济补偿。',
        'Under 20 people and under 10% of the employees: not an economic layoff under Art. 41, so the procedure for collective layoffs cannot be used; each dismissal needs its own lawful ground (such as Art. 40) and severance.',
      ),
    );
  }
  explanation.push(
    line(
      '第四十二条所列人员不得依照第四十条、第四十一条解除劳动合同；被裁减人员应依第四十六条、第四十七条支付经济补偿。',
      'Those listed in Art. 42 may not be dismissed under Art. 40 or 41; those laid off are owed severance under Art. 46 and 47.',
    ),
  );
  return {
    art41Applies,
    byCount,
    byShare,
    employees,
    layoffs,
    share,
    thresholds: { people: LAYOFF_RULES.minPeople, share: LAYOFF_RULES.minShareTenths / 10 },
    requirements: art41Applies
      ? [
          {
            step: 'explain',
            label: ART41_STEP_LABELS.explain,
            basis: '《劳动合同法》第四十一条第一款',
            latestOn: explainBy,
          },
          { step: 'report', label: ART41_STEP_LABELS.report, basis: '《劳动合同法》第四十一条第一款', latestOn: null },
        ]
      : [],
    protectedGroups: ART42_GROUPS.map((group) => ({ group, label: ART42_GROUP_LABELS[group] })),
    explanation,
  };
}

/** What a plan has done of the procedure, for its warnings: a step not done, or done too late. */
export type Art41StepState = 'done' | 'missing' | 'late';

/**
 * The state of each step for a plan that meets Art. 41: the explanation is `late` when given fewer than 30 days
 * before the layoff, the report `missing` until recorded (the law asks only that it precede the layoff).
 */
export function art41StepStates(plan: {
  plannedOn?: string | null | undefined;
  explainedOn?: string | null | undefined;
  reportedOn?: string | null | undefined;
}): Record<Art41Step, Art41StepState> {
  let explain: Art41StepState = plan.explainedOn ? 'done' : 'missing';
  if (
    plan.explainedOn &&
    plan.plannedOn &&
    plan.explainedOn > daysBefore(plan.plannedOn, LAYOFF_RULES.explainDaysBefore)
  ) {
    explain = 'late';
  }
  let report: Art41StepState = plan.reportedOn ? 'done' : 'missing';
  if (plan.reportedOn && plan.plannedOn && plan.reportedOn > plan.plannedOn) report = 'late';
  return { explain, report };
}

export const layoffCheckBody = z
  .object({
    employees: z.number().int().min(1).max(MAX_EMPLOYEES),
    layoffs: z.number().int().min(1).max(MAX_EMPLOYEES),
    plannedOn: z.iso.date().optional(),
  })
  .strict();
export type LayoffCheckBody = z.infer<typeof layoffCheckBody>;

export const LAYOFF_FIELD_LABELS: Record<string, Messages> = {
  employees: { 'zh-CN': '企业职工总数', 'en-US': 'Employees' },
  layoffs: { 'zh-CN': '裁减人数', 'en-US': 'People laid off' },
  plannedOn: { 'zh-CN': '计划裁员日期', 'en-US': 'Planned layoff date' },
};

/** More laid off than employed. */
export function layoffProblems(b: {
  employees: number;
  layoffs: number;
}): (RecordProblem & { params?: Record<string, number> })[] {
  return b.layoffs > b.employees ? [{ field: 'layoffs', code: 'too_big', params: { max: b.employees } }] : [];
}

const messages = z.object({ 'zh-CN': z.string(), 'en-US': z.string() });

export const layoffCheckResult = z.object({
  art41Applies: z.boolean(),
  byCount: z.boolean(),
  byShare: z.boolean(),
  employees: z.number().int(),
  layoffs: z.number().int(),
  share: z.number(),
  thresholds: z.object({ people: z.number().int(), share: z.number() }),
  requirements: z.array(
    z.object({ step: z.enum(ART41_STEPS), label: messages, basis: z.string(), latestOn: z.iso.date().nullable() }),
  ),
  protectedGroups: z.array(z.object({ group: z.enum(ART42_GROUPS), label: messages })),
  explanation: z.array(messages),
});

// ——— ability to pay (支付能力评估) ———

/**
 * Funds against what the layoff costs (severance + wages owed): the ratio, and a rating by these bands, our own
 * (no rule sets them): `sufficient` from 1.2 (a margin for the costs not counted here — social insurance owed,
 * the month's wages to the last day), `tight` from 1.0 (it pays, with nothing to spare), `insufficient` from 0.5,
 * `severe` below. Warnings treat anything below 1.0 as a low ability to pay.
 */
export const ABILITY_RATINGS = ['sufficient', 'tight', 'insufficient', 'severe'] as const;
export type AbilityRating = (typeof ABILITY_RATINGS)[number];
/** Lower bound of each rating's band, in tenths of the ratio (12 = 1.2), highest first. */
export const ABILITY_BANDS: readonly { rating: AbilityRating; minTenths: number }[] = [
  { rating: 'sufficient', minTenths: 12 },
  { rating: 'tight', minTenths: 10 },
  { rating: 'insufficient', minTenths: 5 },
  { rating: 'severe', minTenths: 0 },
];
export const ABILITY_RATING_LABELS: Record<AbilityRating, Messages> = {
  sufficient: { 'zh-CN': '支付能力充足', 'en-US': 'Can pay' },
  tight: { 'zh-CN': '基本能够支付（资金偏紧）', 'en-US': 'Can just pay' },
  insufficient: { 'zh-CN': '支付能力不足', 'en-US': 'Cannot pay in full' },
  severe: { 'zh-CN': '支付能力严重不足', 'en-US': 'Far from able to pay' },
};
/** Ratings that count as a low ability to pay (an early warning). */
export const LOW_ABILITY_RATINGS: readonly AbilityRating[] = ['insufficient', 'severe'];

/** The rating of funds against need, in fen (exact: no float ratio at a band's edge). */
export function abilityRating(fundsFen: number, needFen: number): AbilityRating {
  if (needFen <= 0) return 'sufficient';
  for (const band of ABILITY_BANDS) if (fundsFen * 10 >= needFen * band.minTenths) return band.rating;
  return 'severe';
}

export interface LayoffStaffMember {
  averageMonthlyWage: number;
  serviceMonths?: number | undefined;
  serviceStart?: string | undefined;
  serviceEnd?: string | undefined;
}

export interface AbilityToPayInput {
  /** the people laid off, one by one (an imported list) */
  staff?: readonly LayoffStaffMember[] | undefined;
  /** or how many, at an average wage and service (an estimate: count x the severance of the average) */
  count?: number | undefined;
  averageMonthlyWage?: number | undefined;
  averageServiceMonths?: number | undefined;
  /** 拖欠工资 (yuan) */
  wagesOwed: number;
  /** 可用于支付的资金 (yuan) */
  fundsAvailable: number;
  localAverageMonthlyWage: number;
  minimumWage: number;
}

export interface AbilityToPay {
  /** people counted */
  people: number;
  /** true when counted as count x average rather than person by person */
  estimated: boolean;
  severanceTotal: number;
  /** of whom paid at the capped base */
  cappedPeople: number;
  wagesOwed: number;
  /** severance + wages owed */
  need: number;
  fundsAvailable: number;
  /** funds / need, to four places; null when nothing is owed */
  ratio: number | null;
  /** need - funds when short, else 0 */
  shortfall: number;
  rating: AbilityRating;
  explanation: Messages[];
}

/**
 * Ability to pay for an Art. 41 layoff (no month in lieu of notice: Art. 41 does not add it): each person's
 * severance by computeSeverance, or count x the severance of the average person, plus wages owed, against funds.
 */
export function abilityToPay(
  input: AbilityToPayInput,
  sources: { localAverage?: ParameterSource | undefined; minimumWage?: ParameterSource | undefined } = {},
): AbilityToPay {
  const params = { localAverageMonthlyWage: input.localAverageMonthlyWage, minimumWage: input.minimumWage };
  let severanceFen = 0;
  let cappedPeople = 0;
  let people: number;
  const estimated = !input.staff;
  if (input.staff) {
    people = input.staff.length;
    for (const s of input.staff) {
      const r = computeSeverance({ ...s, ...params }, sources);
      severanceFen += toFen(r.severance);
      if (r.capped) cappedPeople += 1;
    }
  } else {
    people = input.count ?? 0;
    const r = computeSeverance(
      {
        averageMonthlyWage: input.averageMonthlyWage ?? 0,
        serviceMonths: input.averageServiceMonths ?? 0,
        ...params,
      },
      sources,
    );
    severanceFen = toFen(r.severance) * people;
    cappedPeople = r.capped ? people : 0;
  }
  const owedFen = toFen(input.wagesOwed);
  const fundsFen = toFen(input.fundsAvailable);
  const needFen = severanceFen + owedFen;
  const rating = abilityRating(fundsFen, needFen);
  const ratio = needFen > 0 ? Math.round((fundsFen / needFen) * 10_000) / 10_000 : null;
  const shortfallFen = Math.max(0, needFen - fundsFen);
  const y = formatYuan;
  const explanation: Messages[] = [
    estimated
      ? line(
          `经济补偿按 ${people} 人 × 平均每人 ${y(fenToYuan(people ? severanceFen / people : 0))} 元估算（以平均工资和平均工作年限计算，与逐人计算的合计可能不同）：${y(fenToYuan(severanceFen))} 元。`,
          `Severance estimated as ${people} people × ${y(fenToYuan(people ? severanceFen / people : 0))} yuan each (from the average wage and service; a person-by-person total may differ): ${y(fenToYuan(severanceFen))} yuan.`,
        )
      : line(
          `经济补偿逐人按《劳动合同法》第四十七条计算，${people} 人合计 ${y(fenToYuan(severanceFen))} 元${cappedPeople ? `，其中 ${cappedPeople} 人按三倍封顶计算` : ''}。`,
          `Severance computed person by person under Art. 47: ${people} people, ${y(fenToYuan(severanceFen))} yuan in all${cappedPeople ? `, ${cappedPeople} of them at the capped base` : ''}.`,
        ),
    line(
      '经济性裁员不支付代通知金（第四十一条不适用第四十条的额外一个月工资）。',
      "An economic layoff adds no month in lieu of notice (that is Art. 40's, not Art. 41's).",
    ),
    line(
      `应付合计 = 经济补偿 ${y(fenToYuan(severanceFen))} 元 + 拖欠工资 ${y(fenToYuan(owedFen))} 元 = ${y(fenToYuan(needFen))} 元；可用资金 ${y(fenToYuan(fundsFen))} 元${ratio === null ? '' : `，支付比 ${ratio.toFixed(2)}`}。`,
      `Owed = severance ${y(fenToYuan(severanceFen))} + wages owed ${y(fenToYuan(owedFen))} = ${y(fenToYuan(needFen))} yuan; funds ${y(fenToYuan(fundsFen))} yuan${ratio === null ? '' : `, ratio ${ratio.toFixed(2)}`}.`,
    ),
    line(
      `评级：${ABILITY_RATING_LABELS[rating]['zh-CN']}${shortfallFen ? `，资金缺口 ${y(fenToYuan(shortfallFen))} 元` : ''}。评级标准（本平台规则）：支付比 ≥ 1.2 充足；1.0–1.2 基本能够支付；0.5–1.0 不足；< 0.5 严重不足。`,
      `Rating: ${ABILITY_RATING_LABELS[rating]['en-US']}${shortfallFen ? `, short by ${y(fenToYuan(shortfallFen))} yuan` : ''}. Bands (this platform's rule): ratio ≥ 1.2 can pay; 1.0–1.2 can just pay; 0.5–1.0 cannot pay in full; < 0.5 far from able.`,
    ),
  ];
  return {
    people,
    estimated,
    severanceTotal: fenToYuan(severanceFen),
    cappedPeople,
    wagesOwed: fenToYuan(owedFen),
    need: fenToYuan(needFen),
    fundsAvailable: fenToYuan(fundsFen),
    ratio,
    shortfall: fenToYuan(shortfallFen),
    rating,
    explanation,
  };
}

/** The most people a list may carry in one request. */
export const MAX_LAYOFF_STAFF = 5_000;

const money = z.number().min(0).max(MAX_MONTHLY_MONEY);
/** Totals (funds, arrears) may run to billions. */
const total = z.number().min(0).max(1e12);

/** POST /api/v1/calculators/ability-to-pay */
export const abilityToPayBody = z
  .object({
    staff: z
      .array(serviceFields.extend({ averageMonthlyWage: money }).strict())
      .min(1)
      .max(MAX_LAYOFF_STAFF)
      .optional(),
    count: z.number().int().min(1).max(MAX_EMPLOYEES).optional(),
    averageMonthlyWage: money.optional(),
    averageServiceMonths: z.number().int().min(0).max(MAX_SERVICE_MONTHS).optional(),
    wagesOwed: total.optional(),
    fundsAvailable: total,
    localAverageMonthlyWage: z.number().min(0.01).max(MAX_MONTHLY_MONEY).optional(),
    minimumWage: z.number().min(0.01).max(MAX_MONTHLY_MONEY).optional(),
    regionCode: regionCode.optional(),
    /** the day the parameters are taken on (default today) */
    date: z.iso.date().optional(),
  })
  .strict();
export type AbilityToPayBody = z.infer<typeof abilityToPayBody>;

export const ABILITY_FIELD_LABELS: Record<string, Messages> = {
  staff: { 'zh-CN': '被裁减人员名单', 'en-US': 'People laid off' },
  averageMonthlyWage: { 'zh-CN': '月平均工资', 'en-US': 'Average monthly wage' },
  serviceMonths: { 'zh-CN': '工作年限（月数）', 'en-US': 'Months of service' },
  serviceStart: { 'zh-CN': '入职日期', 'en-US': 'Start of service' },
  serviceEnd: { 'zh-CN': '离职日期', 'en-US': 'End of service' },
  count: { 'zh-CN': '裁减人数', 'en-US': 'People laid off' },
  averageServiceMonths: { 'zh-CN': '平均工作年限（月数）', 'en-US': 'Average months of service' },
  wagesOwed: { 'zh-CN': '拖欠工资', 'en-US': 'Wages owed' },
  fundsAvailable: { 'zh-CN': '可用于支付的资金', 'en-US': 'Funds available' },
  localAverageMonthlyWage: { 'zh-CN': '本地区上年度职工月平均工资', 'en-US': 'Local average monthly wage' },
  minimumWage: { 'zh-CN': '当地最低工资标准', 'en-US': 'Local minimum wage' },
  regionCode: { 'zh-CN': '企业所在地区', 'en-US': 'Region' },
  date: { 'zh-CN': '计算日期', 'en-US': 'Date' },
};

/** A list, or a count with the average wage and service — one or the other; each person's service one way. */
export function abilityToPayProblems(b: AbilityToPayBody): RecordProblem[] {
  if (b.staff) {
    const problems: RecordProblem[] = [];
    if (b.count !== undefined) problems.push({ field: 'count', code: 'invalid_value' });
    b.staff.forEach((s, i) => {
      problems.push(...serviceProblems(s, `staff.${i}.`));
    });
    return problems;
  }
  const problems: RecordProblem[] = [];
  if (b.count === undefined) problems.push({ field: 'count', code: 'required' });
  if (b.averageMonthlyWage === undefined) problems.push({ field: 'averageMonthlyWage', code: 'required' });
  if (b.averageServiceMonths === undefined) problems.push({ field: 'averageServiceMonths', code: 'required' });
  return problems;
}

/** The figures of an ability to pay (the calculator's answer and a plan's both carry them). */
export const abilityFigures = z.object({
  people: z.number().int(),
  estimated: z.boolean(),
  severanceTotal: z.number(),
  cappedPeople: z.number().int(),
  wagesOwed: z.number(),
  need: z.number(),
  fundsAvailable: z.number(),
  ratio: z.number().nullable(),
  shortfall: z.number(),
  rating: z.enum(ABILITY_RATINGS),
  explanation: z.array(messages),
});

export const abilityToPayResult = abilityFigures.extend({
  date: z.iso.date(),
  parameters: z.object({ localAverageMonthlyWage: parameterUsed, minimumWage: parameterUsed }),
});
export type AbilityToPayAnswer = z.infer<typeof abilityToPayResult>;
