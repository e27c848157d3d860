import { z } from 'zod';
import {
  addMonths,
  HEADCOUNT_WATCH,
  headcountChange,
  lastDueMonth,
  monthOf,
  monthsWithoutReport,
  REPORTING_WINDOW,
  type ReportingWindow,
} from './employment.js';
import { format, type Lang, type Messages } from './i18n.js';
import { type LayoffPlanEvaluation, WARNING_SEVERITIES, type WarningSeverity } from './layoff-plans.js';
import { ABILITY_RATING_LABELS, ART41_STEP_LABELS, type Art41Step } from './layoffs.js';
import type { RecordProblem } from './mediation.js';
import { pageQuery, regionCode } from './schemas.js';
import { formatYuan } from './severance.js';

/**
 * 裁员预警 (issue 5 item 5): the rules that watch the key enterprises and their layoff plans, run on every monthly
 * report, on every change to a plan and nightly over the province. A rule is data the province administrator sets
 * (on or off, its severity, its threshold); the defaults below are the plan's. Each rule answers, for one
 * enterprise or one plan, the warnings that hold now, each with a key that says which occurrence it is (the year
 * compared with, the month, the plan), so a warning is raised once, followed and resolved once, and a new month
 * is a new warning. Rules over a state (a fall, a silence, a step missing) also say which open warnings no longer
 * hold: the system clears them. The text is made here in the reader's language from the stored parameters.
 */

export const WARNING_RULES = [
  'headcount_fall',
  'headcount_drop',
  'silent',
  'art41_steps',
  'protected_staff',
  'wage_arrears',
  'low_ability',
] as const;
export type WarningRule = (typeof WARNING_RULES)[number];

/** What a rule looks at: the enterprise's monthly reports, or a layoff plan. */
export type WarningSubject = 'enterprise' | 'plan';

/** The unit of a rule's threshold (the page shows it beside the number). */
export type ThresholdUnit = 'percent' | 'people' | 'months' | 'ratio' | 'yuan';

export interface WarningRuleDefinition {
  subject: WarningSubject;
  label: Messages;
  /** what the rule checks, with {threshold} where the number goes */
  description: Messages;
  severity: WarningSeverity;
  /** null: the rule has no threshold (a step missing is missing) */
  threshold: { value: number; unit: ThresholdUnit; min: number; max: number; integer: boolean } | null;
}

export const WARNING_RULE_DEFINITIONS: Record<WarningRule, WarningRuleDefinition> = {
  headcount_fall: {
    subject: 'enterprise',
    label: { 'zh-CN': '职工人数较上年末下降', 'en-US': 'Headcount down on last year end' },
    description: {
      'zh-CN': '最近一期月报的职工人数比上年末减少 {threshold}% 及以上',
      'en-US': 'The latest report is {threshold}% or more below the headcount at last year end',
    },
    severity: 'medium',
    threshold: { value: HEADCOUNT_WATCH.fallShare * 100, unit: 'percent', min: 1, max: 100, integer: false },
  },
  headcount_drop: {
    subject: 'enterprise',
    label: { 'zh-CN': '单月减员较多', 'en-US': 'Many fewer staff in a month' },
    description: {
      'zh-CN': '月末职工人数比上月末减少 {threshold} 人及以上',
      'en-US': 'Headcount {threshold} or more below the month before',
    },
    severity: 'medium',
    threshold: { value: HEADCOUNT_WATCH.monthlyDrop, unit: 'people', min: 1, max: 100_000, integer: true },
  },
  silent: {
    subject: 'enterprise',
    label: { 'zh-CN': '连续未报送月报', 'en-US': 'Monthly reports missing' },
    description: {
      'zh-CN': '连续 {threshold} 个月及以上未报送用工月报',
      'en-US': 'No monthly report for {threshold} or more due months',
    },
    severity: 'low',
    threshold: { value: HEADCOUNT_WATCH.silentMonths, unit: 'months', min: 1, max: 12, integer: true },
  },
  art41_steps: {
    subject: 'plan',
    label: { 'zh-CN': '经济性裁员程序未履行', 'en-US': 'Art. 41 steps missing' },
    description: {
      'zh-CN': '裁员方案属于经济性裁员（第四十一条），未提前三十日说明情况或未向劳动行政部门报告',
      'en-US': 'A layoff under Art. 41 without the 30 days’ explanation or the report to the labor department',
    },
    severity: 'high',
    threshold: null,
  },
  protected_staff: {
    subject: 'plan',
    label: { 'zh-CN': '裁减第四十二条保护人员', 'en-US': 'Protected staff on the list' },
    description: {
      'zh-CN': '裁员名单中有第四十二条规定不得裁减的人员',
      'en-US': 'The layoff list names people Art. 42 protects',
    },
    severity: 'high',
    threshold: null,
  },
  wage_arrears: {
    subject: 'plan',
    label: { 'zh-CN': '拖欠工资', 'en-US': 'Wage arrears' },
    description: {
      'zh-CN': '裁员方案登记工资未结清，拖欠金额达到 {threshold} 元',
      'en-US': 'The plan records wages unpaid of {threshold} yuan or more',
    },
    severity: 'high',
    threshold: { value: 0, unit: 'yuan', min: 0, max: 1_000_000_000, integer: false },
  },
  low_ability: {
    subject: 'plan',
    label: { 'zh-CN': '经济补偿支付能力不足', 'en-US': 'Low ability to pay' },
    description: {
      'zh-CN': '可用资金与应付经济补偿及欠薪之比低于 {threshold}',
      'en-US': 'Funds available below {threshold} times the severance and wages owed',
    },
    severity: 'high',
    threshold: { value: 1, unit: 'ratio', min: 0.1, max: 10, integer: false },
  },
};

export const THRESHOLD_UNIT_LABELS: Record<ThresholdUnit, Messages> = {
  percent: { 'zh-CN': '%', 'en-US': '%' },
  people: { 'zh-CN': '人', 'en-US': 'people' },
  months: { 'zh-CN': '个月', 'en-US': 'months' },
  ratio: { 'zh-CN': '倍', 'en-US': '×' },
  yuan: { 'zh-CN': '元', 'en-US': 'yuan' },
};

/** A rule as it runs: the administrator's setting over the default. */
export interface WarningRuleSetting {
  rule: WarningRule;
  enabled: boolean;
  severity: WarningSeverity;
  /** null for a rule without one */
  threshold: number | null;
}

export type WarningRuleSettings = Record<WarningRule, WarningRuleSetting>;

/** The settings with nothing changed: every rule on, at its default severity and threshold. */
export function defaultRuleSettings(): WarningRuleSettings {
  return Object.fromEntries(
    WARNING_RULES.map((rule) => {
      const d = WARNING_RULE_DEFINITIONS[rule];
      return [rule, { rule, enabled: true, severity: d.severity, threshold: d.threshold?.value ?? null }];
    }),
  ) as WarningRuleSettings;
}

/** The stored settings (the rules the administrator changed) over the defaults. */
export function ruleSettings(stored: readonly WarningRuleSetting[]): WarningRuleSettings {
  const out = defaultRuleSettings();
  for (const s of stored) {
    if (!(s.rule in out)) continue;
    const threshold = WARNING_RULE_DEFINITIONS[s.rule].threshold ? s.threshold : null;
    out[s.rule] = { ...s, threshold: threshold ?? out[s.rule].threshold };
  }
  return out;
}

// ——— what a rule raises ———

export type WarningParams = Record<string, string | number>;

/** A warning that holds now: its rule, which occurrence it is, how grave, and the figures its text shows. */
export interface RaisedWarning {
  rule: WarningRule;
  /** the occurrence: the year compared with, the month, the plan */
  key: string;
  severity: WarningSeverity;
  params: WarningParams;
}

/** What the rules found for one subject: the warnings that hold, and per rule which keys were looked at. */
export interface WarningFindings {
  raised: RaisedWarning[];
  /**
   * Per rule that ran: the keys it examined ('all': every key of the rule for this subject). An open warning of a
   * rule whose key was examined and is not raised no longer holds and is cleared. A rule switched off examines
   * nothing: its open warnings stay for a person to resolve.
   */
  examined: Partial<Record<WarningRule, 'all' | string[]>>;
}

/** An enterprise's figures, as the enterprise rules read them. */
export interface EnterpriseWatchFacts {
  /** the listing's first day: the silence counts from the month before it when nothing was reported */
  listedOn: string;
  /** the reports of the last months, any order: month YYYY-MM and month-end headcount */
  reports: readonly { month: string; headcount: number }[];
  /** 上年底职工数, when known */
  yearEnd: { year: number; headcount: number } | null;
}

/**
 * The first month whose report the enterprise rules read today (besides the latest, always read): the month before
 * the earliest month the drop rule looks at, which it compares with.
 */
export const watchedSince = (today: string, window: ReportingWindow = REPORTING_WINDOW) =>
  addMonths(lastDueMonth(today, window), -2);

const EPSILON = 1e-9;
const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * The enterprise rules for one key enterprise today: the latest report against last year end (once a year), each
 * of the months due lately against the month before it (once a month), and the months without a report.
 */
export function enterpriseWarnings(
  f: EnterpriseWatchFacts,
  rules: WarningRuleSettings,
  today: string,
  window: ReportingWindow = REPORTING_WINDOW,
): WarningFindings {
  const raised: RaisedWarning[] = [];
  const examined: WarningFindings['examined'] = {};
  const byMonth = new Map(f.reports.map((r) => [r.month, r.headcount]));
  const months = [...byMonth.keys()].sort();
  const latest = months.at(-1) ?? null;

  const fall = rules.headcount_fall;
  if (fall.enabled) {
    examined.headcount_fall = 'all';
    // Compared with the end of the year before the latest report's (a December report is last year end's own).
    if (latest && f.yearEnd && f.yearEnd.year === Number(latest.slice(0, 4)) - 1) {
      const current = byMonth.get(latest) as number;
      const change = headcountChange(f.yearEnd.headcount, current);
      const share = fall.threshold ?? 0;
      if (change?.ratio != null && change.ratio <= -share / 100 + EPSILON) {
        raised.push({
          rule: 'headcount_fall',
          key: String(f.yearEnd.year),
          severity: fall.severity,
          params: {
            month: latest,
            year: f.yearEnd.year,
            base: f.yearEnd.headcount,
            current,
            fall: -change.delta,
            share: round1(-change.ratio * 100),
            threshold: share,
          },
        });
      }
    }
  }

  const drop = rules.headcount_drop;
  if (drop.enabled) {
    // The months due lately (the last due month, the one before it and the one whose window is open): an old
    // month's drop was for its own time; the nightly run does not dig the past up.
    const recent = months.filter((m) => m > watchedSince(today, window));
    examined.headcount_drop = recent;
    for (const month of recent) {
      const previous = byMonth.get(addMonths(month, -1));
      const current = byMonth.get(month) as number;
      if (previous === undefined) continue;
      const fewer = previous - current;
      if (fewer >= (drop.threshold ?? 0) && fewer > 0) {
        raised.push({
          rule: 'headcount_drop',
          key: month,
          severity: drop.severity,
          params: { month, previous, current, drop: fewer, threshold: drop.threshold ?? 0 },
        });
      }
    }
  }

  const silent = rules.silent;
  if (silent.enabled) {
    examined.silent = 'all';
    const since = addMonths(monthOf(f.listedOn), -1);
    const missing = monthsWithoutReport(latest, today, since, window);
    if (missing >= (silent.threshold ?? 1)) {
      raised.push({
        rule: 'silent',
        // One silence per last report: a report ends it, the next silence is another.
        key: latest ?? `listed:${f.listedOn}`,
        severity: silent.severity,
        params: {
          months: missing,
          last: latest ?? '',
          due: lastDueMonth(today, window),
          threshold: silent.threshold ?? 1,
        },
      });
    }
  }
  return { raised, examined };
}

/** A plan as the plan rules read it: its facts and what core's evaluateLayoffPlan said of it. */
export interface PlanWatchFacts {
  planId: string;
  plannedOn: string;
  plannedLayoffs: number;
  wagesSettled: boolean;
  wageArrears: number | null;
  evaluation: Pick<LayoffPlanEvaluation, 'check' | 'steps' | 'explainBy' | 'protectedCount' | 'ability'>;
}

/** The plan rules for one layoff plan: each holds or not, keyed by the plan. */
export function planWarnings(p: PlanWatchFacts, rules: WarningRuleSettings): WarningFindings {
  const raised: RaisedWarning[] = [];
  const examined: WarningFindings['examined'] = {};
  const key = p.planId;
  const ev = p.evaluation;

  const steps = rules.art41_steps;
  if (steps.enabled) {
    examined.art41_steps = 'all';
    const pending = ev.steps ? (Object.keys(ev.steps) as Art41Step[]).filter((s) => ev.steps?.[s] !== 'done') : [];
    if (ev.check.art41Applies && pending.length) {
      raised.push({
        rule: 'art41_steps',
        key,
        severity: steps.severity,
        params: {
          layoffs: p.plannedLayoffs,
          plannedOn: p.plannedOn,
          explainBy: ev.explainBy ?? '',
          explain: ev.steps?.explain ?? 'missing',
          report: ev.steps?.report ?? 'missing',
          steps: pending.join(','),
        },
      });
    }
  }

  const protectedStaff = rules.protected_staff;
  if (protectedStaff.enabled) {
    examined.protected_staff = 'all';
    if (ev.protectedCount > 0) {
      raised.push({
        rule: 'protected_staff',
        key,
        severity: protectedStaff.severity,
        params: { count: ev.protectedCount, plannedOn: p.plannedOn },
      });
    }
  }

  const arrears = rules.wage_arrears;
  if (arrears.enabled) {
    examined.wage_arrears = 'all';
    const owed = p.wagesSettled ? 0 : (p.wageArrears ?? 0);
    if (!p.wagesSettled && owed > 0 && owed >= (arrears.threshold ?? 0)) {
      raised.push({
        rule: 'wage_arrears',
        key,
        severity: arrears.severity,
        params: { arrears: owed, threshold: arrears.threshold ?? 0 },
      });
    }
  }

  const ability = rules.low_ability;
  if (ability.enabled) {
    examined.low_ability = 'all';
    const a = ev.ability;
    const line = ability.threshold ?? 1;
    // Funds below `line` times the need; compared in fen, so a ratio of exactly the line does not warn.
    if (a && a.need > 0 && Math.round(a.fundsAvailable * 100) < Math.round(a.need * 100 * line)) {
      raised.push({
        rule: 'low_ability',
        key,
        severity: ability.severity,
        params: {
          need: a.need,
          funds: a.fundsAvailable,
          shortfall: a.shortfall,
          ratio: a.ratio ?? 0,
          rating: a.rating,
          threshold: line,
        },
      });
    }
  }
  return { raised, examined };
}

/** Whether an open warning of this rule and key is cleared by these findings. */
export function clearedBy(findings: WarningFindings, rule: WarningRule, key: string): boolean {
  const examined = findings.examined[rule];
  if (!examined) return false;
  if (examined !== 'all' && !examined.includes(key)) return false;
  return !findings.raised.some((w) => w.rule === rule && w.key === key);
}

// ——— the warning's text ———

const STEP_STATE_WORDS: Record<string, Messages> = {
  missing: { 'zh-CN': '未履行', 'en-US': 'not done' },
  late: { 'zh-CN': '履行迟延', 'en-US': 'done late' },
  done: { 'zh-CN': '已履行', 'en-US': 'done' },
};

const TEXTS: Record<WarningRule, Messages> = {
  headcount_fall: {
    'zh-CN':
      '{month} 月末职工 {current} 人，较 {year} 年末 {base} 人减少 {fall} 人（{share}%），达到 {threshold}% 的预警线。',
    'en-US':
      '{current} staff at the end of {month}: {fall} ({share}%) fewer than the {base} at the end of {year}; the line is {threshold}%.',
  },
  headcount_drop: {
    'zh-CN': '{month} 月末职工 {current} 人，较上月末 {previous} 人减少 {drop} 人，达到 {threshold} 人的预警线。',
    'en-US':
      '{current} staff at the end of {month}: {drop} fewer than the {previous} a month before; the line is {threshold}.',
  },
  silent: {
    'zh-CN': '已连续 {months} 个月未报送用工月报（最近一期：{last}，应报至：{due}）。',
    'en-US': 'No monthly report for {months} due months (last: {last}; due up to {due}).',
  },
  art41_steps: {
    'zh-CN': '拟于 {plannedOn} 裁减 {layoffs} 人，属于经济性裁员（第四十一条）：{steps}。',
    'en-US': '{layoffs} to be laid off on {plannedOn}, under Art. 41: {steps}.',
  },
  protected_staff: {
    'zh-CN': '裁员名单中有 {count} 人属于第四十二条规定不得裁减的人员。',
    'en-US': '{count} people on the layoff list are protected by Art. 42 and may not be laid off.',
  },
  wage_arrears: {
    'zh-CN': '裁员方案登记拖欠工资 {arrears} 元，尚未结清。',
    'en-US': 'The plan records {arrears} yuan of wages unpaid.',
  },
  low_ability: {
    'zh-CN':
      '经济补偿及欠薪合计 {need} 元，可用资金 {funds} 元，资金缺口 {shortfall} 元（{rating}，预警线 {threshold} 倍）。',
    'en-US':
      'Severance and wages owed {need} yuan against {funds} yuan of funds: {shortfall} yuan short ({rating}; the line is {threshold}×).',
  },
};

const EMPTY_MONTH: Messages = { 'zh-CN': '无', 'en-US': 'none' };

/** A warning's title (the rule) and text (its figures) in one language. */
export function renderWarning(
  w: { rule: WarningRule; params: WarningParams },
  lang: Lang,
): { title: string; text: string } {
  const p: WarningParams = { ...w.params };
  if (w.rule === 'art41_steps') {
    const steps = String(p.steps ?? '')
      .split(',')
      .filter((s): s is Art41Step => s === 'explain' || s === 'report')
      .map((s) => {
        const state = STEP_STATE_WORDS[String(p[s])] ?? STEP_STATE_WORDS.missing;
        const by =
          s === 'explain' && p.explainBy && p[s] !== 'late'
            ? lang === 'zh-CN'
              ? `，最迟于 ${p.explainBy}`
              : `, by ${p.explainBy}`
            : '';
        const said = `${(state as Messages)[lang]}${by}`;
        return lang === 'zh-CN'
          ? `${ART41_STEP_LABELS[s][lang]}（${said}）`
          : `${ART41_STEP_LABELS[s][lang]} (${said})`;
      });
    p.steps = steps.join(lang === 'zh-CN' ? '；' : '; ');
  }
  if (w.rule === 'low_ability' || w.rule === 'wage_arrears') {
    for (const k of ['need', 'funds', 'shortfall', 'arrears'])
      if (typeof p[k] === 'number') p[k] = formatYuan(p[k] as number);
    const rating = ABILITY_RATING_LABELS[p.rating as keyof typeof ABILITY_RATING_LABELS];
    if (rating) p.rating = rating[lang];
  }
  if (w.rule === 'silent' && !p.last) p.last = EMPTY_MONTH[lang];
  return { title: WARNING_RULE_DEFINITIONS[w.rule].label[lang], text: format(TEXTS[w.rule][lang], p) };
}

/** A rule's description with its threshold in it. */
export function describeRule(s: Pick<WarningRuleSetting, 'rule' | 'threshold'>, lang: Lang): string {
  return format(WARNING_RULE_DEFINITIONS[s.rule].description[lang], { threshold: s.threshold ?? '' });
}

// ——— statuses ———

/** new: raised, nobody has taken it up; following: someone is on it; resolved: closed with a note (or cleared). */
export const WARNING_STATUSES = ['new', 'following', 'resolved'] as const;
export type WarningStatus = (typeof WARNING_STATUSES)[number];
export const WARNING_STATUS_LABELS: Record<WarningStatus, Messages> = {
  new: { 'zh-CN': '新预警', 'en-US': 'New' },
  following: { 'zh-CN': '跟进中', 'en-US': 'Following' },
  resolved: { 'zh-CN': '已解除', 'en-US': 'Resolved' },
};
export const WARNING_RULE_LABELS: Record<WarningRule, Messages> = Object.fromEntries(
  WARNING_RULES.map((r) => [r, WARNING_RULE_DEFINITIONS[r].label]),
) as Record<WarningRule, Messages>;

/** What a person may do to a warning in a status (a resolved one stays resolved: the history is kept). */
export function warningTransitionAllowed(from: WarningStatus, to: 'following' | 'resolved'): boolean {
  if (from === 'resolved') return false;
  return to === 'resolved' || from === 'new';
}

// ——— the API's shapes ———

export const updateWarningStatusBody = z
  .object({
    status: z.enum(['following', 'resolved']),
    /** what was done: required to resolve */
    note: z.string().trim().max(500).optional(),
  })
  .strict();
export type UpdateWarningStatusBody = z.infer<typeof updateWarningStatusBody>;

/** A note is needed to resolve a warning (what was done, or why it was not a problem). */
export function warningStatusProblems(b: UpdateWarningStatusBody): RecordProblem[] {
  return b.status === 'resolved' && !b.note ? [{ field: 'note', code: 'required' }] : [];
}

export const updateWarningRuleBody = z
  .object({
    enabled: z.boolean(),
    severity: z.enum(WARNING_SEVERITIES),
    threshold: z.number().finite().nullable(),
  })
  .strict();
export type UpdateWarningRuleBody = z.infer<typeof updateWarningRuleBody>;

/** The threshold a rule takes: within its bounds, whole where it counts people or months, none where it has none. */
export function warningRuleProblems(
  rule: WarningRule,
  b: UpdateWarningRuleBody,
): (RecordProblem & {
  params?: Record<string, number>;
})[] {
  const t = WARNING_RULE_DEFINITIONS[rule].threshold;
  if (!t) return b.threshold === null ? [] : [{ field: 'threshold', code: 'invalid_value' }];
  if (b.threshold === null) return [{ field: 'threshold', code: 'required' }];
  if (b.threshold < t.min) return [{ field: 'threshold', code: 'too_small', params: { min: t.min } }];
  if (b.threshold > t.max) return [{ field: 'threshold', code: 'too_big', params: { max: t.max } }];
  if (t.integer && !Number.isInteger(b.threshold)) return [{ field: 'threshold', code: 'invalid_type' }];
  return [];
}

export const WARNING_FIELD_LABELS: Record<string, Messages> = {
  status: { 'zh-CN': '处理状态', 'en-US': 'Status' },
  note: { 'zh-CN': '处理说明', 'en-US': 'Note' },
  enabled: { 'zh-CN': '是否启用', 'en-US': 'Enabled' },
  severity: { 'zh-CN': '预警等级', 'en-US': 'Severity' },
  threshold: { 'zh-CN': '预警阈值', 'en-US': 'Threshold' },
  rule: { 'zh-CN': '预警规则', 'en-US': 'Rule' },
  regionCode: { 'zh-CN': '地区', 'en-US': 'Region' },
};

export const earlyWarning = z.object({
  id: z.uuid(),
  rule: z.enum(WARNING_RULES),
  subject: z.enum(['enterprise', 'plan']),
  key: z.string(),
  severity: z.enum(WARNING_SEVERITIES),
  status: z.enum(WARNING_STATUSES),
  /** resolved by the system: the condition no longer holds */
  cleared: z.boolean(),
  title: z.string(),
  text: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  enterpriseId: z.uuid(),
  enterpriseName: z.string(),
  /** the enterprise's line on the key list, when it has one */
  keyEnterpriseId: z.uuid().nullable(),
  planId: z.uuid().nullable(),
  regionCode: z.string(),
  regionName: z.string(),
  raisedAt: z.string(),
  /** the last run that found it still holding */
  seenAt: z.string(),
  handledAt: z.string().nullable(),
  handledBy: z.string().nullable(),
  note: z.string().nullable(),
});
export type EarlyWarning = z.infer<typeof earlyWarning>;

export const earlyWarningEvent = z.object({
  status: z.enum(WARNING_STATUSES),
  /** false: a person's step; true: the system's (raised, cleared, raised again) */
  bySystem: z.boolean(),
  note: z.string().nullable(),
  actorName: z.string().nullable(),
  at: z.string(),
});
export type EarlyWarningEvent = z.infer<typeof earlyWarningEvent>;

export const earlyWarningDetail = earlyWarning.extend({ history: z.array(earlyWarningEvent) });
export type EarlyWarningDetail = z.infer<typeof earlyWarningDetail>;

export const earlyWarningListQuery = pageQuery.extend({
  /** open: new and following (the default) */
  status: z.enum(['open', 'all', ...WARNING_STATUSES]).default('open'),
  severity: z.enum(WARNING_SEVERITIES).optional(),
  rule: z.enum(WARNING_RULES).optional(),
  regionCode: regionCode.optional(),
  enterpriseId: z.uuid().optional(),
  planId: z.uuid().optional(),
  /** the enterprise's name or credit code */
  q: z.string().trim().max(50).optional(),
});
export type EarlyWarningListQuery = z.infer<typeof earlyWarningListQuery>;

/** The home page's panel: open warnings by severity, and the newest few. */
export const earlyWarningSummary = z.object({
  open: z.number().int(),
  new: z.number().int(),
  bySeverity: z.object({ high: z.number().int(), medium: z.number().int(), low: z.number().int() }),
  latest: z.array(earlyWarning),
});
export type EarlyWarningSummary = z.infer<typeof earlyWarningSummary>;

export const warningRuleView = z.object({
  rule: z.enum(WARNING_RULES),
  subject: z.enum(['enterprise', 'plan']),
  label: z.string(),
  description: z.string(),
  enabled: z.boolean(),
  severity: z.enum(WARNING_SEVERITIES),
  threshold: z.number().nullable(),
  unit: z.enum(['percent', 'people', 'months', 'ratio', 'yuan']).nullable(),
  min: z.number().nullable(),
  max: z.number().nullable(),
  defaults: z.object({ severity: z.enum(WARNING_SEVERITIES), threshold: z.number().nullable() }),
  changed: z.boolean(),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});
export type WarningRuleView = z.infer<typeof warningRuleView>;
