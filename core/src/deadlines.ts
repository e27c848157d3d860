import chineseDays from 'chinese-days';
import { z } from 'zod';
import type { FieldErrorCode } from './errors.js';
import type { Messages } from './i18n.js';

/**
 * Legal deadlines (DOMAIN-RULES §1), computed here and nowhere else: the public calculator, every mediation
 * case's acceptance, mediation and review deadlines, and every warning before them.
 *
 * - 民法典 Art. 201: the day a period starts is not counted.
 * - Art. 203: a period whose last day is a rest day ends on the first working day after it.
 * - Rest days are weekends and statutory holidays; an official make-up working day (调休上班) is a working day.
 *   The State Council's arrangements come from `chinese-days` (2004–2026 when this was written). A year it does
 *   not cover is never guessed: its weekends are its only rest days, and the result says `calendarMissing`
 *   with the years, until an administrator loads that year's arrangement (the `extra` days).
 */

export const DEADLINE_UNITS = ['calendar', 'working'] as const;
export type DeadlineUnit = (typeof DEADLINE_UNITS)[number];

/** The longest period the calculator takes: ten years of days. */
export const MAX_DEADLINE_DAYS = 3650;

/** A day an administrator set for a year the calendar lacks: a holiday, or a make-up working day. */
export interface CalendarDay {
  date: string;
  work: boolean;
  /** 国庆节, 春节…, or 调休上班 */
  name?: string | undefined;
}

export interface DeadlineInput {
  /** the day the period starts (an application's receipt, an agreement taking effect), YYYY-MM-DD */
  start: string;
  days: number;
  unit: DeadlineUnit;
}

export interface DeadlineResult {
  /** the last day of the period, YYYY-MM-DD */
  due: string;
  /** for calendar days: start + days, before Art. 203 moved it off a rest day (same as due when not moved) */
  rawDue: string;
  /** what moved the raw due day, when it was a rest day: 国庆节, 周六… */
  restReason: string | null;
  /** some day the count depended on lies in a year the calendar does not cover (weekends only were used) */
  calendarMissing: boolean;
  /** those years */
  missingYears: number[];
}

export const deadlineInputSchema = z.object({
  start: z.iso.date(),
  days: z.number().int().min(1).max(MAX_DEADLINE_DAYS),
  unit: z.enum(DEADLINE_UNITS),
});

/** A period the law (or the province's practice) sets, as the calculator offers it and the cases use it. */
export interface LegalPeriod {
  key: string;
  /** what the period is for */
  label: string;
  /** when it starts: the day not counted */
  from: string;
  days: number;
  unit: DeadlineUnit;
  /** where it comes from */
  basis: string;
}

/** The periods of labor-dispute mediation and arbitration (DOMAIN-RULES §2). */
export const LEGAL_PERIODS: readonly LegalPeriod[] = [
  {
    key: 'mediation_acceptance',
    label: '调解申请受理决定',
    from: '收到调解申请之日',
    days: 3,
    unit: 'working',
    basis: '本省调解组织受理规则（3 个工作日，可由管理员调整）',
  },
  {
    key: 'mediation',
    label: '调解期限',
    from: '调解组织收到调解申请之日',
    days: 15,
    unit: 'calendar',
    basis: '《劳动争议调解仲裁法》第十四条',
  },
  {
    key: 'mediation_extension',
    label: '延长调解期限（双方同意，至多）',
    from: '原调解期限届满之日',
    days: 15,
    unit: 'calendar',
    basis: '《企业劳动争议协商调解规定》（人社部令第17号）',
  },
  {
    key: 'review_application',
    label: '仲裁审查确认申请',
    from: '调解协议生效之日',
    days: 15,
    unit: 'calendar',
    basis: '《劳动人事争议仲裁办案规则》第七十四条',
  },
  {
    key: 'arbitration_acceptance',
    label: '仲裁申请受理决定',
    from: '仲裁委员会收到仲裁申请之日',
    days: 5,
    unit: 'calendar',
    basis: '《劳动争议调解仲裁法》第二十九条',
  },
  {
    key: 'arbitration_award',
    label: '仲裁裁决',
    from: '仲裁委员会受理仲裁申请之日',
    days: 45,
    unit: 'calendar',
    basis: '《劳动争议调解仲裁法》第四十三条（经批准可延长，至多 15 日）',
  },
];

/** The calculator's fields as a form names them. */
export const DEADLINE_FIELD_LABELS: Record<string, Messages> = {
  start: { 'zh-CN': '起算日期', 'en-US': 'Start date' },
  days: { 'zh-CN': '期间天数', 'en-US': 'Days' },
  unit: { 'zh-CN': '计算方式', 'en-US': 'Unit' },
};

export const deadlineResultSchema = z.object({
  due: z.iso.date(),
  rawDue: z.iso.date(),
  restReason: z.string().nullable(),
  calendarMissing: z.boolean(),
  missingYears: z.array(z.number().int()),
});

const DAY_MS = 86_400_000;
const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'] as const;

function toTime(date: string): number {
  const t = Date.parse(`${date}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== date)
    throw new RangeError(`not a date: ${date}`);
  return t;
}

const fromTime = (t: number) => new Date(t).toISOString().slice(0, 10);

/** Adds days to a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  return fromTime(toTime(date) + days * DAY_MS);
}

const covered = new Map<number, boolean>();

/** Whether the calendar package has the State Council's arrangement for a year (its 元旦 is known). */
export function calendarCovers(year: number): boolean {
  let known = covered.get(year);
  if (known === undefined) {
    known = chineseDays.getDayDetail(`${year}-01-01`).name.includes('元旦');
    covered.set(year, known);
  }
  return known;
}

/** What a day is: working or not, and why; `known` is false when its year's holidays are unknown. */
export interface DayInfo {
  work: boolean;
  /** 国庆节, 调休上班, 周六… */
  name: string;
  known: boolean;
}

/**
 * One day of the calendar. `extra` holds the days an administrator loaded for years the package lacks; within
 * such a year a day not listed is a working day on Monday to Friday.
 */
export function dayInfo(date: string, extra?: ReadonlyMap<string, CalendarDay>): DayInfo {
  const t = toTime(date);
  const weekday = new Date(t).getUTCDay();
  const weekend = weekday === 0 || weekday === 6;
  const year = Number(date.slice(0, 4));
  if (calendarCovers(year)) {
    const d = chineseDays.getDayDetail(date);
    // The package names a festival's make-up working day after the festival: it is 调休上班 here.
    const festival = d.name.includes(',') ? (d.name.split(',')[1] as string) : null;
    const name = festival ? (d.work ? '调休上班' : festival) : (WEEKDAYS[weekday] as string);
    return { work: d.work, name, known: true };
  }
  const set = extra?.get(date);
  if (set) return { work: set.work, name: set.name ?? (set.work ? '调休上班' : '节假日'), known: true };
  const loaded = extra ? [...extra.keys()].some((k) => k.startsWith(`${year}-`)) : false;
  return { work: !weekend, name: WEEKDAYS[weekday] as string, known: loaded };
}

/**
 * The last day of a period (DOMAIN-RULES §1). Calendar days: `start + days`, moved to the next working day when
 * it is a rest day. Working days: the `days`-th working day after `start`.
 */
export function computeDeadline(input: DeadlineInput, extra?: ReadonlyMap<string, CalendarDay>): DeadlineResult {
  const { start, days, unit } = input;
  if (!Number.isInteger(days) || days < 1 || days > MAX_DEADLINE_DAYS) throw new RangeError(`days: ${days}`);
  const missing = new Set<number>();
  const look = (date: string) => {
    const info = dayInfo(date, extra);
    if (!info.known) missing.add(Number(date.slice(0, 4)));
    return info;
  };
  let due: string;
  let rawDue: string;
  let restReason: string | null = null;
  if (unit === 'calendar') {
    rawDue = addDays(start, days);
    due = rawDue;
    let info = look(due);
    if (!info.work) restReason = info.name;
    while (!info.work) {
      due = addDays(due, 1);
      info = look(due);
    }
  } else {
    due = start;
    for (let counted = 0; counted < days; ) {
      due = addDays(due, 1);
      if (look(due).work) counted += 1;
    }
    rawDue = due;
  }
  const missingYears = [...missing].sort((a, b) => a - b);
  return { due, rawDue, restReason, calendarMissing: missingYears.length > 0, missingYears };
}

/** Days from one date to another (positive when `to` is later): how far a deadline is. */
export function daysBetween(from: string, to: string): number {
  return Math.round((toTime(to) - toTime(from)) / DAY_MS);
}

// ——— the days an administrator loads for a year the package lacks ———

/** How many days a year's arrangement may list (holidays and make-up working days: about 40 in practice). */
export const MAX_CALENDAR_DAYS = 80;

export const calendarDayInput = z
  .object({
    date: z.iso.date(),
    /** true: 调休上班 (a make-up working day); false: a statutory holiday */
    work: z.boolean(),
    /** 元旦, 春节…, or 调休上班 */
    name: z.string().trim().min(1).max(20),
  })
  .strict();
export type CalendarDayInput = z.infer<typeof calendarDayInput>;

/** 节假日安排: the whole of a year's arrangement, replacing what was loaded for it. */
export const calendarYearBody = z.object({ days: z.array(calendarDayInput).max(MAX_CALENDAR_DAYS) }).strict();
export type CalendarYearBody = z.infer<typeof calendarYearBody>;

/**
 * What a year's arrangement must satisfy: a year the built-in calendar covers is not loaded (the State Council's
 * arrangement is already there); each day lies in the year, once; a make-up working day is a Saturday or Sunday
 * (a weekday is a working day anyway).
 */
export function calendarYearProblems(
  year: number,
  days: readonly CalendarDayInput[],
): { field: string; code: FieldErrorCode }[] {
  if (calendarCovers(year)) return [{ field: 'year', code: 'calendar_covered' }];
  const problems: { field: string; code: FieldErrorCode }[] = [];
  const seen = new Set<string>();
  days.forEach((d, i) => {
    if (Number(d.date.slice(0, 4)) !== year || seen.has(d.date))
      problems.push({ field: `days.${i}.date`, code: 'invalid_value' });
    else if (d.work && ![0, 6].includes(new Date(toTime(d.date)).getUTCDay())) {
      problems.push({ field: `days.${i}.work`, code: 'makeup_on_weekday' });
    }
    seen.add(d.date);
  });
  return problems;
}

/** The loaded days as computeDeadline takes them. */
export const calendarMap = (days: readonly CalendarDay[]): Map<string, CalendarDay> =>
  new Map(days.map((d) => [d.date, d]));

export const calendarYear = z.object({
  year: z.number().int(),
  /** the built-in calendar has this year (nothing to load) */
  covered: z.boolean(),
  /** for a year not covered: the days loaded, in date order (none: weekends only) */
  days: z.array(calendarDayInput),
  updatedAt: z.string().nullable(),
});
export type CalendarYear = z.infer<typeof calendarYear>;

export const CALENDAR_FIELD_LABELS: Record<string, Messages> = {
  year: { 'zh-CN': '年度', 'en-US': 'Year' },
  days: { 'zh-CN': '节假日安排', 'en-US': 'Arrangement' },
  date: { 'zh-CN': '日期', 'en-US': 'Date' },
  work: { 'zh-CN': '放假或上班', 'en-US': 'Holiday or working day' },
  name: { 'zh-CN': '名称', 'en-US': 'Name' },
};
