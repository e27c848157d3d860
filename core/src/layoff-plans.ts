import { z } from 'zod';
import { addDays } from './deadlines.js';
import type { Messages } from './i18n.js';
import { isValidIdNumber, normaliseCode } from './identifiers.js';
import {
  ABILITY_RATING_LABELS,
  ABILITY_RATINGS,
  type AbilityRating,
  type AbilityToPay,
  ART42_GROUPS,
  type Art41Step,
  type Art41StepState,
  type Art42Group,
  abilityFigures,
  abilityToPay,
  art41StepStates,
  checkLayoff,
  LAYOFF_RULES,
  type LayoffCheck,
  LOW_ABILITY_RATINGS,
  layoffCheckResult,
  MAX_EMPLOYEES,
  MAX_LAYOFF_STAFF,
} from './layoffs.js';
import { pageQuery, regionCode } from './schemas.js';
import {
  computeSeverance,
  formatYuan,
  MAX_MONTHLY_MONEY,
  MAX_SERVICE_MONTHS,
  type ParameterSource,
  parameterUsed,
} from './severance.js';

/**
 * 裁员方案 (附件7, issue 5): a key enterprise's layoff plan for a year, checked on every read and save with the rules
 * of layoffs.ts and severance.ts — whether 《劳动合同法》第四十一条's procedure applies and which of its steps are
 * missing or late, who on the list is protected by 第四十二条, each person's 经济补偿 and the ability to pay. The
 * server, the early warnings and the form's live preview all call evaluateLayoffPlan; nothing here is re-derived.
 */

/** 第四十一条第一款: the four grounds on which an employer may lay off staff. */
export const ART41_GROUNDS = [
  'restructuring',
  'serious_difficulty',
  'business_change',
  'changed_circumstances',
] as const;
export type Art41Ground = (typeof ART41_GROUNDS)[number];
export const ART41_GROUND_LABELS: Record<Art41Ground, Messages> = {
  restructuring: {
    'zh-CN': '依照企业破产法规定进行重整',
    'en-US': 'Restructuring under the Enterprise Bankruptcy Law',
  },
  serious_difficulty: { 'zh-CN': '生产经营发生严重困难', 'en-US': 'Serious difficulties in production and operation' },
  business_change: {
    'zh-CN': '企业转产、重大技术革新或者经营方式调整，经变更劳动合同后，仍需裁减人员',
    'en-US':
      'A change of products, a major technical innovation or a new way of operating that still needs layoffs after the contracts were changed',
  },
  changed_circumstances: {
    'zh-CN': '其他因劳动合同订立时所依据的客观经济情况发生重大变化，致使劳动合同无法履行',
    'en-US':
      'Another major change in the economic circumstances the contracts were based on, so they cannot be performed',
  },
};

/** 经济补偿标准: the statutory one (第四十七条, computed by core), or a higher one the enterprise offers (noted). */
export const SEVERANCE_STANDARDS = ['statutory', 'higher'] as const;
export type SeveranceStandard = (typeof SEVERANCE_STANDARDS)[number];
export const SEVERANCE_STANDARD_LABELS: Record<SeveranceStandard, Messages> = {
  statutory: { 'zh-CN': '按法定标准（第四十七条）', 'en-US': 'Statutory (Art. 47)' },
  higher: { 'zh-CN': '高于法定标准', 'en-US': 'Above the statutory standard' },
};

/** What a plan is warned of, each with its severity (high: unlawful or already late; medium: still to do). */
export const PLAN_WARNINGS = [
  'explain_missing',
  'explain_late',
  'report_missing',
  'report_late',
  'protected_on_list',
  'wage_arrears',
  'low_ability',
  'ability_unknown',
  'no_parameters',
  'list_count_mismatch',
] as const;
export type PlanWarningCode = (typeof PLAN_WARNINGS)[number];
export const WARNING_SEVERITIES = ['high', 'medium', 'low'] as const;
export type WarningSeverity = (typeof WARNING_SEVERITIES)[number];
export const WARNING_SEVERITY_LABELS: Record<WarningSeverity, Messages> = {
  high: { 'zh-CN': '严重', 'en-US': 'High' },
  medium: { 'zh-CN': '提示', 'en-US': 'Medium' },
  low: { 'zh-CN': '一般', 'en-US': 'Low' },
};
export const ART41_STEP_STATE_LABELS: Record<Art41StepState, Messages> = {
  done: { 'zh-CN': '已履行', 'en-US': 'Done' },
  missing: { 'zh-CN': '未履行', 'en-US': 'Missing' },
  late: { 'zh-CN': '履行迟延', 'en-US': 'Late' },
};

export interface PlanWarning {
  code: PlanWarningCode;
  severity: WarningSeverity;
  message: Messages;
}

/** One person on the list, as far as the rules need them. */
export interface LayoffPlanPerson {
  /** 解除前十二个月的月平均工资 (yuan) */
  averageMonthlyWage: number;
  /** 入职日期: the service runs to the planned layoff date */
  serviceStart: string;
  /** 第四十二条 ground, when the person is protected */
  protectedGround: Art42Group | null;
}

/** A plan's facts, as stored or as typed in the form. */
export interface LayoffPlanFacts {
  employees: number;
  plannedLayoffs: number;
  doneLayoffs: number;
  plannedOn: string;
  explainedOn: string | null;
  reportedOn: string | null;
  wagesSettled: boolean;
  wageArrears: number | null;
  fundsAvailable: number;
  /** the estimate when there is no list: 平均月工资 and 平均工作年限（月） */
  averageMonthlyWage: number | null;
  averageServiceMonths: number | null;
  staff: readonly LayoffPlanPerson[];
}

/** The two figures a severance needs, with where they came from (for the explanation). */
export interface PlanWageParameters {
  localAverageMonthlyWage: number;
  minimumWage: number;
  sources?: { localAverage?: ParameterSource | undefined; minimumWage?: ParameterSource | undefined } | undefined;
}

/** A person's severance on the plan (null for one who is protected or whose dates cannot be counted). */
export interface PersonSeverance {
  years: number;
  base: number;
  floored: boolean;
  capped: boolean;
  severance: number;
}

export interface LayoffPlanEvaluation {
  check: LayoffCheck;
  /** each Art. 41 step's state, when the procedure applies */
  steps: Record<Art41Step, Art41StepState> | null;
  /** the last day to explain to the union or staff (30 days before the layoff), when it applies */
  explainBy: string | null;
  /** the list in order: each person's severance */
  staffSeverance: (PersonSeverance | null)[];
  /** people on the list under 第四十二条 */
  protectedCount: number;
  /** severance (list, or count x average) + arrears against funds; null when it cannot be assessed */
  ability: AbilityToPay | null;
  warnings: PlanWarning[];
}

const line = (zh: string, en: string): Messages => ({ 'zh-CN': zh, 'en-US': en });
const y = formatYuan;

/** The wages still owed: none once settled. */
export const wagesOwedOf = (p: Pick<LayoffPlanFacts, 'wagesSettled' | 'wageArrears'>): number =>
  p.wagesSettled ? 0 : (p.wageArrears ?? 0);

/** Whether the facts can be checked at all (the form's live preview asks before calling evaluateLayoffPlan). */
export function canEvaluate(p: Partial<Pick<LayoffPlanFacts, 'employees' | 'plannedLayoffs' | 'plannedOn'>>): boolean {
  const { employees, plannedLayoffs } = p;
  return (
    Number.isInteger(employees) &&
    Number.isInteger(plannedLayoffs) &&
    (employees as number) >= 1 &&
    (plannedLayoffs as number) >= 1 &&
    (plannedLayoffs as number) <= (employees as number) &&
    !!p.plannedOn
  );
}

/**
 * A plan checked by the rules: 第四十一条 (checkLayoff) and the state of its steps (art41StepStates), the people
 * protected by 第四十二条 (left out of the layoff and of its cost), each other person's 经济补偿 (computeSeverance,
 * service to the planned date), and the ability to pay (abilityToPay: the list person by person, or the planned
 * count x the average person when there is no list). `params` null: the tables had no figure, the cost is not
 * assessed. `today` sets how urgent a missing step is. The facts must pass canEvaluate.
 */
export function evaluateLayoffPlan(
  plan: LayoffPlanFacts,
  params: PlanWageParameters | null,
  today: string,
): LayoffPlanEvaluation {
  const check = checkLayoff({
    employees: plan.employees,
    layoffs: plan.plannedLayoffs,
    plannedOn: plan.plannedOn,
  });
  const warnings: PlanWarning[] = [];
  const started = plan.doneLayoffs > 0;
  let steps: LayoffPlanEvaluation['steps'] = null;
  let explainBy: string | null = null;
  if (check.art41Applies) {
    steps = art41StepStates(plan);
    explainBy = addDays(plan.plannedOn, -LAYOFF_RULES.explainDaysBefore);
    const n = plan.plannedLayoffs;
    if (steps.explain === 'missing') {
      const overdue = today > explainBy;
      warnings.push({
        code: 'explain_missing',
        severity: overdue || started ? 'high' : 'medium',
        message: overdue
          ? line(
              `裁减 ${n} 人属于经济性裁员，须提前三十日向工会或者全体职工说明情况并听取意见，最后期限 ${explainBy} 已过，仍未记录说明情况的日期（《劳动合同法》第四十一条）。`,
              `Laying off ${n} people is an economic layoff: the union or staff must be told 30 days ahead. The last day, ${explainBy}, has passed and no explanation is recorded (Labor Contract Law Art. 41).`,
            )
          : line(
              `裁减 ${n} 人属于经济性裁员，须最迟于 ${explainBy} 向工会或者全体职工说明情况并听取意见，尚未记录（《劳动合同法》第四十一条）。`,
              `Laying off ${n} people is an economic layoff: the union or staff must be told by ${explainBy}; not recorded yet (Labor Contract Law Art. 41).`,
            ),
      });
    } else if (steps.explain === 'late') {
      warnings.push({
        code: 'explain_late',
        severity: 'high',
        message: line(
          `向工会或者全体职工说明情况的日期（${plan.explainedOn}）晚于计划裁员日期前三十日（${explainBy}），不足三十日（《劳动合同法》第四十一条）。`,
          `The union or staff were told on ${plan.explainedOn}, after ${explainBy}: less than 30 days before the layoff (Labor Contract Law Art. 41).`,
        ),
      });
    }
    if (steps.report === 'missing') {
      const due = today >= plan.plannedOn;
      warnings.push({
        code: 'report_missing',
        severity: due || started ? 'high' : 'medium',
        message: line(
          `裁减人员方案须在裁减人员前向劳动行政部门报告，尚未记录报告日期${due || started ? '，而裁员日期已到或已开始裁减' : ''}（《劳动合同法》第四十一条）。`,
          `The plan must be reported to the labor administration department before anyone is laid off; no report is recorded${due || started ? ', and the layoff date has come or layoffs have begun' : ''} (Labor Contract Law Art. 41).`,
        ),
      });
    } else if (steps.report === 'late') {
      warnings.push({
        code: 'report_late',
        severity: 'high',
        message: line(
          `向劳动行政部门报告的日期（${plan.reportedOn}）晚于计划裁员日期（${plan.plannedOn}）（《劳动合同法》第四十一条）。`,
          `The report to the labor department (${plan.reportedOn}) came after the layoff date (${plan.plannedOn}) (Labor Contract Law Art. 41).`,
        ),
      });
    }
  }

  const protectedCount = plan.staff.filter((s) => s.protectedGround).length;
  if (protectedCount) {
    warnings.push({
      code: 'protected_on_list',
      severity: 'high',
      message: line(
        `名单中 ${protectedCount} 人属于《劳动合同法》第四十二条规定的情形，不得依照第四十条、第四十一条解除劳动合同，不应列入裁减人员名单（已从经济补偿合计中排除）。`,
        `${protectedCount} on the list fall under Art. 42 and may not be dismissed under Art. 40 or 41: take them off the list (they are left out of the severance total).`,
      ),
    });
  }
  const owed = wagesOwedOf(plan);
  if (owed > 0) {
    warnings.push({
      code: 'wage_arrears',
      severity: 'high',
      message: line(
        `拖欠工资 ${y(owed)} 元未结清：解除劳动合同时应当一次付清劳动者工资（《工资支付暂行规定》第九条）。`,
        `Wages of ${y(owed)} yuan are owed: they must be paid in full when the contracts end (Interim Provisions on Wage Payment, Art. 9).`,
      ),
    });
  }

  // Each person's severance: service to the planned date; a start after it cannot be counted (the form says so).
  const counted = (s: LayoffPlanPerson) => !s.protectedGround && s.serviceStart <= plan.plannedOn;
  const staffSeverance = plan.staff.map((s): PersonSeverance | null => {
    if (!params || !counted(s)) return null;
    const r = computeSeverance({
      averageMonthlyWage: s.averageMonthlyWage,
      serviceStart: s.serviceStart,
      serviceEnd: plan.plannedOn,
      localAverageMonthlyWage: params.localAverageMonthlyWage,
      minimumWage: params.minimumWage,
    });
    return { years: r.years, base: r.base, floored: r.floored, capped: r.capped, severance: r.severance };
  });

  let ability: AbilityToPay | null = null;
  const listed = plan.staff.filter(counted);
  if (!params) {
    warnings.push({
      code: 'no_parameters',
      severity: 'medium',
      message: line(
        '参数表中没有该地区在计划裁员日期适用的最低工资标准或职工月平均工资，无法计算经济补偿和支付能力；请在方案中填写这两项。',
        'The parameter tables have no minimum wage or average wage for this region on the layoff date: severance and the ability to pay cannot be computed. Enter both on the plan.',
      ),
    });
  } else if (plan.staff.length) {
    ability = abilityToPay(
      {
        staff: listed.map((s) => ({
          averageMonthlyWage: s.averageMonthlyWage,
          serviceStart: s.serviceStart,
          serviceEnd: plan.plannedOn,
        })),
        wagesOwed: owed,
        fundsAvailable: plan.fundsAvailable,
        localAverageMonthlyWage: params.localAverageMonthlyWage,
        minimumWage: params.minimumWage,
      },
      params.sources,
    );
  } else if (plan.averageMonthlyWage !== null && plan.averageServiceMonths !== null) {
    ability = abilityToPay(
      {
        count: plan.plannedLayoffs,
        averageMonthlyWage: plan.averageMonthlyWage,
        averageServiceMonths: plan.averageServiceMonths,
        wagesOwed: owed,
        fundsAvailable: plan.fundsAvailable,
        localAverageMonthlyWage: params.localAverageMonthlyWage,
        minimumWage: params.minimumWage,
      },
      params.sources,
    );
  } else {
    warnings.push({
      code: 'ability_unknown',
      severity: 'low',
      message: line(
        '没有被裁减人员名单，也没有填写平均月工资和平均工作年限，无法估算经济补偿和支付能力。',
        'There is no list of the people laid off and no average wage and service: severance and the ability to pay cannot be estimated.',
      ),
    });
  }
  if (ability && (LOW_ABILITY_RATINGS as readonly AbilityRating[]).includes(ability.rating)) {
    warnings.push({
      code: 'low_ability',
      severity: ability.rating === 'severe' ? 'high' : 'medium',
      message: line(
        `支付能力评估为“${ABILITY_RATING_LABELS[ability.rating]['zh-CN']}”：应付 ${y(ability.need)} 元，可用资金 ${y(ability.fundsAvailable)} 元，缺口 ${y(ability.shortfall)} 元。`,
        `Ability to pay: “${ABILITY_RATING_LABELS[ability.rating]['en-US']}”: ${y(ability.need)} yuan owed against ${y(ability.fundsAvailable)} yuan of funds, short by ${y(ability.shortfall)} yuan.`,
      ),
    });
  }
  if (plan.staff.length && listed.length !== plan.plannedLayoffs) {
    warnings.push({
      code: 'list_count_mismatch',
      severity: 'low',
      message: line(
        `名单中可裁减 ${listed.length} 人${protectedCount ? `（不含受第四十二条保护的 ${protectedCount} 人）` : ''}，与计划裁减人数 ${plan.plannedLayoffs} 人不一致。`,
        `The list has ${listed.length} people who may be laid off${protectedCount ? ` (leaving out ${protectedCount} protected by Art. 42)` : ''}, not the ${plan.plannedLayoffs} planned.`,
      ),
    });
  }
  const order = { high: 0, medium: 1, low: 2 } as const;
  warnings.sort((a, b) => order[a.severity] - order[b.severity]);
  return { check, steps, explainBy, staffSeverance, protectedCount, ability, warnings };
}

/** A step that is missing or late. */
export const stepsMissing = (steps: LayoffPlanEvaluation['steps']): boolean =>
  !!steps && Object.values(steps).some((s) => s !== 'done');

// ——— the API's schemas ———

const isoDate = z.iso.date();
const wage = z.number().min(0).max(MAX_MONTHLY_MONEY);
const positiveWage = z.number().min(0.01).max(MAX_MONTHLY_MONEY);
/** Totals (funds, arrears) may run to billions. */
const total = z.number().min(0).max(1e12);
const headcount = z.number().int().min(1).max(MAX_EMPLOYEES);

/** One person on the list as a form sends it: an existing person (`id`) keeps the stored ID number when it is left out. */
export const layoffStaffInput = z
  .object({
    id: z.uuid().optional(),
    /** 姓名 */
    name: z.string().trim().min(2).max(30),
    /** 公民身份号码: required for a new person */
    idNumber: z.string().trim().max(20).optional(),
    /** 岗位 */
    position: z.string().trim().max(50).nullable().optional(),
    /** 入职日期 */
    serviceStart: isoDate,
    /** 解除前十二个月的月平均工资 */
    averageMonthlyWage: wage,
    /** 第四十二条 ground, when protected */
    protectedGround: z.enum(ART42_GROUPS).nullable().optional(),
  })
  .strict();
export type LayoffStaffInput = z.infer<typeof layoffStaffInput>;

const planFields = z.object({
  /** 年度 */
  year: z.number().int().min(2000).max(2100),
  /** 企业职工总数 */
  employees: headcount,
  /** 本年度计划裁减人数 */
  plannedLayoffs: headcount,
  /** 已裁减人数 */
  doneLayoffs: z.number().int().min(0).max(MAX_EMPLOYEES).optional(),
  /** 涉及岗位 */
  positions: z.string().trim().max(500).nullable().optional(),
  /** 裁员依据（第四十一条第一款） */
  ground: z.enum(ART41_GROUNDS),
  /** 计划裁员日期 */
  plannedOn: isoDate,
  /** 向工会或全体职工说明情况日期 */
  explainedOn: isoDate.nullable().optional(),
  /** 向劳动行政部门报告日期 */
  reportedOn: isoDate.nullable().optional(),
  /** 工资是否依法结清 */
  wagesSettled: z.boolean(),
  /** 拖欠工资（元） */
  wageArrears: total.nullable().optional(),
  /** 经济补偿标准 */
  severanceStandard: z.enum(SEVERANCE_STANDARDS),
  /** 高于法定标准的说明 */
  severanceNote: z.string().trim().max(500).nullable().optional(),
  /** 可用于支付的资金（元） */
  fundsAvailable: total,
  /** 平均月工资（没有名单时估算） */
  averageMonthlyWage: wage.nullable().optional(),
  /** 平均工作年限（月） */
  averageServiceMonths: z.number().int().min(0).max(MAX_SERVICE_MONTHS).nullable().optional(),
  /** 本地区上年度职工月平均工资: the tables' when left out */
  localAverageMonthlyWage: positiveWage.nullable().optional(),
  /** 当地最低工资标准: the tables' when left out */
  minimumWage: positiveWage.nullable().optional(),
  /** 备注 */
  note: z.string().trim().max(2000).nullable().optional(),
  /** 被裁减人员名单: when given, replaces the list */
  staff: z.array(layoffStaffInput).max(MAX_LAYOFF_STAFF).optional(),
});

export const createLayoffPlanBody = planFields.extend({ enterpriseId: z.uuid() }).strict();
export type CreateLayoffPlanBody = z.infer<typeof createLayoffPlanBody>;
export const updateLayoffPlanBody = planFields
  .partial()
  .extend({ version: z.number().int().min(1) })
  .strict();
export type UpdateLayoffPlanBody = z.infer<typeof updateLayoffPlanBody>;

/** The plan's stored fields (what the cross-field rules look at). */
export type LayoffPlanRecord = {
  year: number;
  employees: number;
  plannedLayoffs: number;
  doneLayoffs: number;
  positions: string | null;
  ground: Art41Ground;
  plannedOn: string;
  explainedOn: string | null;
  reportedOn: string | null;
  wagesSettled: boolean;
  wageArrears: number | null;
  severanceStandard: SeveranceStandard;
  severanceNote: string | null;
  fundsAvailable: number;
  averageMonthlyWage: number | null;
  averageServiceMonths: number | null;
  localAverageMonthlyWage: number | null;
  minimumWage: number | null;
  note: string | null;
};

export interface PlanProblem {
  field: string;
  code:
    | 'required'
    | 'too_big'
    | 'invalid_value'
    | 'future_date'
    | 'invalid_id_number'
    | 'after_planned_layoff'
    | 'duplicate_person';
  params?: Record<string, number>;
}

/**
 * What a plan must satisfy beyond its schema: no more laid off than planned nor planned than employed, arrears
 * when wages are not settled (and none when they are), the note of a higher standard, steps recorded are not in the
 * future, and the list: a valid ID number for each new person (`known` tells who already has one), no one twice,
 * no service starting after the layoff date; the estimate's average wage and service given together.
 */
export function layoffPlanProblems(
  r: LayoffPlanRecord,
  today: string,
  staff?: readonly { id?: string | undefined; idNumber?: string | undefined; serviceStart: string }[],
  known: (id: string) => boolean = () => false,
): PlanProblem[] {
  const problems: PlanProblem[] = [];
  if (r.plannedLayoffs > r.employees) {
    problems.push({ field: 'plannedLayoffs', code: 'too_big', params: { max: r.employees } });
  }
  if (r.doneLayoffs > r.plannedLayoffs) {
    problems.push({ field: 'doneLayoffs', code: 'too_big', params: { max: r.plannedLayoffs } });
  }
  if (!r.wagesSettled && !(r.wageArrears && r.wageArrears > 0))
    problems.push({ field: 'wageArrears', code: 'required' });
  if (r.wagesSettled && r.wageArrears) problems.push({ field: 'wageArrears', code: 'invalid_value' });
  if (r.severanceStandard === 'higher' && !r.severanceNote) problems.push({ field: 'severanceNote', code: 'required' });
  if (r.explainedOn && r.explainedOn > today) problems.push({ field: 'explainedOn', code: 'future_date' });
  if (r.reportedOn && r.reportedOn > today) problems.push({ field: 'reportedOn', code: 'future_date' });
  if ((r.averageMonthlyWage === null) !== (r.averageServiceMonths === null)) {
    problems.push({
      field: r.averageMonthlyWage === null ? 'averageMonthlyWage' : 'averageServiceMonths',
      code: 'required',
    });
  }
  const seen = new Map<string, number>();
  staff?.forEach((s, i) => {
    const id = s.idNumber ? normaliseCode(s.idNumber) : '';
    if (!id) {
      if (!s.id || !known(s.id)) problems.push({ field: `staff.${i}.idNumber`, code: 'required' });
    } else if (!isValidIdNumber(id)) {
      problems.push({ field: `staff.${i}.idNumber`, code: 'invalid_id_number' });
    } else if (seen.has(id)) {
      problems.push({
        field: `staff.${i}.idNumber`,
        code: 'duplicate_person',
        params: { row: (seen.get(id) ?? 0) + 1 },
      });
    } else seen.set(id, i);
    if (s.serviceStart > r.plannedOn) problems.push({ field: `staff.${i}.serviceStart`, code: 'after_planned_layoff' });
  });
  return problems;
}

export const LAYOFF_PLAN_FIELD_LABELS: Record<string, Messages> = {
  enterpriseId: { 'zh-CN': '企业', 'en-US': 'Enterprise' },
  year: { 'zh-CN': '年度', 'en-US': 'Year' },
  employees: { 'zh-CN': '企业职工总数', 'en-US': 'Employees' },
  plannedLayoffs: { 'zh-CN': '本年度计划裁减人数', 'en-US': 'Layoffs planned this year' },
  doneLayoffs: { 'zh-CN': '已裁减人数', 'en-US': 'Laid off so far' },
  positions: { 'zh-CN': '涉及岗位', 'en-US': 'Positions affected' },
  ground: { 'zh-CN': '裁员依据', 'en-US': 'Ground (Art. 41)' },
  plannedOn: { 'zh-CN': '计划裁员日期', 'en-US': 'Planned layoff date' },
  explainedOn: { 'zh-CN': '向工会或全体职工说明情况日期', 'en-US': 'Union or staff told on' },
  reportedOn: { 'zh-CN': '向劳动行政部门报告日期', 'en-US': 'Reported to the labor department on' },
  wagesSettled: { 'zh-CN': '工资是否依法结清', 'en-US': 'Wages settled' },
  wageArrears: { 'zh-CN': '拖欠工资金额', 'en-US': 'Wages owed' },
  severanceStandard: { 'zh-CN': '经济补偿标准', 'en-US': 'Severance standard' },
  severanceNote: { 'zh-CN': '高于法定标准的说明', 'en-US': 'Note on the higher standard' },
  fundsAvailable: { 'zh-CN': '可用于支付的资金', 'en-US': 'Funds available' },
  averageMonthlyWage: { 'zh-CN': '月平均工资', 'en-US': 'Average monthly wage' },
  averageServiceMonths: { 'zh-CN': '平均工作年限（月数）', 'en-US': 'Average months of service' },
  localAverageMonthlyWage: { 'zh-CN': '本地区上年度职工月平均工资', 'en-US': 'Local average monthly wage' },
  minimumWage: { 'zh-CN': '当地最低工资标准', 'en-US': 'Local minimum wage' },
  note: { 'zh-CN': '备注', 'en-US': 'Note' },
  staff: { 'zh-CN': '被裁减人员名单', 'en-US': 'People laid off' },
  name: { 'zh-CN': '姓名', 'en-US': 'Name' },
  idNumber: { 'zh-CN': '公民身份号码', 'en-US': 'ID number' },
  position: { 'zh-CN': '岗位', 'en-US': 'Position' },
  serviceStart: { 'zh-CN': '入职日期', 'en-US': 'Start of service' },
  protectedGround: { 'zh-CN': '第四十二条情形', 'en-US': 'Art. 42 ground' },
  version: { 'zh-CN': '版本号', 'en-US': 'Version' },
  regionCode: { 'zh-CN': '所属区划', 'en-US': 'Region' },
  art41: { 'zh-CN': '是否适用第四十一条', 'en-US': 'Art. 41 applies' },
  stepsMissing: { 'zh-CN': '程序缺失', 'en-US': 'Steps missing' },
  rating: { 'zh-CN': '支付能力评级', 'en-US': 'Ability rating' },
};

const messages = z.object({ 'zh-CN': z.string(), 'en-US': z.string() });

export const planWarning = z.object({
  code: z.enum(PLAN_WARNINGS),
  severity: z.enum(WARNING_SEVERITIES),
  message: messages,
});

const stepState = z.enum(['done', 'missing', 'late']);

/** A person on the list as the API shows them: the ID number masked. */
export const layoffPlanStaffMember = z.object({
  id: z.uuid(),
  name: z.string(),
  /** masked: 220102********1234 */
  idNumber: z.string(),
  position: z.string().nullable(),
  serviceStart: z.string(),
  averageMonthlyWage: z.number(),
  protectedGround: z.enum(ART42_GROUPS).nullable(),
  /** 经济补偿 to the planned date; null for a protected person */
  severance: z
    .object({ years: z.number(), base: z.number(), floored: z.boolean(), capped: z.boolean(), severance: z.number() })
    .nullable(),
});
export type LayoffPlanStaffMember = z.infer<typeof layoffPlanStaffMember>;

/** A plan in a list: its facts and what the rules say of it. */
export const layoffPlanSummary = z.object({
  id: z.uuid(),
  enterpriseId: z.string(),
  enterpriseName: z.string(),
  creditCode: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  year: z.number().int(),
  employees: z.number().int(),
  plannedLayoffs: z.number().int(),
  doneLayoffs: z.number().int(),
  ground: z.enum(ART41_GROUNDS),
  plannedOn: z.string(),
  explainedOn: z.string().nullable(),
  reportedOn: z.string().nullable(),
  wagesSettled: z.boolean(),
  wageArrears: z.number().nullable(),
  fundsAvailable: z.number(),
  staffCount: z.number().int(),
  protectedCount: z.number().int(),
  art41Applies: z.boolean(),
  share: z.number(),
  steps: z.object({ explain: stepState, report: stepState }).nullable(),
  explainBy: z.string().nullable(),
  severanceTotal: z.number().nullable(),
  ratio: z.number().nullable(),
  rating: z.enum(ABILITY_RATINGS).nullable(),
  warnings: z.array(planWarning),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type LayoffPlanSummary = z.infer<typeof layoffPlanSummary>;

/** One plan: every field, the check's explanation, the list with each person's severance, the assessment. */
export const layoffPlan = layoffPlanSummary.extend({
  positions: z.string().nullable(),
  severanceStandard: z.enum(SEVERANCE_STANDARDS),
  severanceNote: z.string().nullable(),
  averageMonthlyWage: z.number().nullable(),
  averageServiceMonths: z.number().int().nullable(),
  /** the plan's own figures, when it overrides the tables */
  localAverageMonthlyWage: z.number().nullable(),
  minimumWage: z.number().nullable(),
  note: z.string().nullable(),
  check: layoffCheckResult,
  ability: abilityFigures.nullable(),
  /** the figures the severance used (the plan's or the tables' on the planned date); null when none was found */
  parameters: z.object({ localAverageMonthlyWage: parameterUsed, minimumWage: parameterUsed }).nullable(),
  staff: z.array(layoffPlanStaffMember),
  recordedBy: z.string(),
  createdAt: z.string(),
});
export type LayoffPlan = z.infer<typeof layoffPlan>;

export const layoffPlanListQuery = pageQuery.extend({
  /** 企业名称或统一社会信用代码 */
  q: z.string().trim().max(50).optional(),
  regionCode: regionCode.optional(),
  enterpriseId: z.uuid().optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  /** 适用第四十一条 */
  art41: z.enum(['true', 'false']).optional(),
  /** 程序缺失: a step missing or late */
  stepsMissing: z.enum(['true']).optional(),
  rating: z.enum(ABILITY_RATINGS).optional(),
});
export type LayoffPlanListQuery = z.infer<typeof layoffPlanListQuery>;
