import { describe, expect, it } from 'vitest';
import {
  addDays,
  type CalendarDay,
  calendarCovers,
  calendarMap,
  calendarYearProblems,
  computeDeadline,
  dayInfo,
  daysBetween,
  deadlineInputSchema,
  LEGAL_PERIODS,
} from './deadlines.js';
import { caseDeadlines } from './mediation.js';

/**
 * The State Council's 2026 arrangement (国务院办公厅关于2026年部分节假日安排的通知), typed in from the notice, not
 * read from the calendar package: each holiday period and its make-up working days (调休上班).
 */
const HOLIDAYS_2026 = [
  { name: '元旦', from: '2026-01-01', to: '2026-01-03', makeUp: ['2026-01-04'] },
  { name: '春节', from: '2026-02-15', to: '2026-02-23', makeUp: ['2026-02-14', '2026-02-28'] },
  { name: '清明', from: '2026-04-04', to: '2026-04-06', makeUp: [] },
  { name: '劳动节', from: '2026-05-01', to: '2026-05-05', makeUp: ['2026-05-09'] },
  { name: '端午', from: '2026-06-19', to: '2026-06-21', makeUp: [] },
  { name: '中秋', from: '2026-09-25', to: '2026-09-27', makeUp: [] },
  { name: '国庆节', from: '2026-10-01', to: '2026-10-07', makeUp: ['2026-09-20', '2026-10-10'] },
];

/** The first working day after each period, by hand from the notice and a 2026 wall calendar. */
const FIRST_WORKING_DAY_AFTER: Record<string, string> = {
  元旦: '2026-01-04', // a Sunday, worked in lieu
  春节: '2026-02-24',
  清明: '2026-04-07',
  劳动节: '2026-05-06',
  端午: '2026-06-22',
  中秋: '2026-09-28',
  国庆节: '2026-10-08',
};

const daysOf = (from: string, to: string) =>
  Array.from({ length: daysBetween(from, to) + 1 }, (_, i) => addDays(from, i));

describe('deadlines (DOMAIN-RULES §1)', () => {
  it('the vectors of DOMAIN-RULES', () => {
    expect(computeDeadline({ start: '2026-09-22', days: 15, unit: 'calendar' })).toEqual({
      due: '2026-10-08',
      rawDue: '2026-10-07',
      restReason: '国庆节',
      calendarMissing: false,
      missingYears: [],
    });
    expect(computeDeadline({ start: '2026-03-02', days: 15, unit: 'calendar' })).toMatchObject({
      due: '2026-03-17',
      rawDue: '2026-03-17',
      restReason: null,
    });
  });

  it('a period ending on any day of a 2026 holiday ends on the first working day after it', () => {
    let checked = 0;
    for (const h of HOLIDAYS_2026) {
      for (const day of daysOf(h.from, h.to)) {
        for (const days of [1, 3, 15]) {
          const r = computeDeadline({ start: addDays(day, -days), days, unit: 'calendar' });
          expect(r.due, `${h.name} ${day} (${days} days)`).toBe(FIRST_WORKING_DAY_AFTER[h.name]);
          expect(r.rawDue).toBe(day);
          expect(r.restReason, day).toMatch(/元旦|春节|清明|劳动节|端午|中秋|国庆节|周六|周日/);
          checked += 1;
        }
      }
    }
    expect(checked).toBe(3 * (3 + 9 + 3 + 5 + 3 + 3 + 7));
  });

  it('a make-up working day is a working day: a period ending on it ends there', () => {
    for (const day of HOLIDAYS_2026.flatMap((h) => h.makeUp)) {
      expect(computeDeadline({ start: addDays(day, -15), days: 15, unit: 'calendar' }).due, day).toBe(day);
      expect(dayInfo(day)).toEqual({ work: true, name: '调休上班', known: true });
    }
  });

  it('every day of 2026 is a rest day exactly when the notice or the weekend says so', () => {
    const rest = new Set(HOLIDAYS_2026.flatMap((h) => daysOf(h.from, h.to)));
    const makeUp = new Set(HOLIDAYS_2026.flatMap((h) => h.makeUp));
    for (const day of daysOf('2026-01-01', '2026-12-31')) {
      const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
      const expected = makeUp.has(day) || (!rest.has(day) && weekday !== 0 && weekday !== 6);
      expect(dayInfo(day).work, day).toBe(expected);
    }
  });

  it('an ordinary weekend moves a calendar deadline to Monday; the start day is never counted', () => {
    expect(computeDeadline({ start: '2026-03-06', days: 15, unit: 'calendar' })).toMatchObject({
      rawDue: '2026-03-21',
      due: '2026-03-23',
      restReason: '周六',
    });
    expect(computeDeadline({ start: '2026-03-02', days: 1, unit: 'calendar' }).due).toBe('2026-03-03');
    // A leap day in a covered year.
    expect(computeDeadline({ start: '2024-02-28', days: 1, unit: 'calendar' }).due).toBe('2024-02-29');
  });

  it('working days skip weekends and holidays and count make-up days', () => {
    // 10-01..07 off, 10-08 Thu, 10-09 Fri, 10-10 Sat worked in lieu.
    expect(computeDeadline({ start: '2026-09-30', days: 3, unit: 'working' })).toMatchObject({
      due: '2026-10-10',
      restReason: null,
      calendarMissing: false,
    });
    // 02-14 Sat worked in lieu, 02-15..23 off, then 02-24, 02-25.
    expect(computeDeadline({ start: '2026-02-13', days: 3, unit: 'working' }).due).toBe('2026-02-25');
    // An ordinary week: Friday + 3 working days is Wednesday.
    expect(computeDeadline({ start: '2026-03-06', days: 3, unit: 'working' }).due).toBe('2026-03-11');
    // Received on a holiday: the count starts with the first working day after it.
    expect(computeDeadline({ start: '2026-10-03', days: 1, unit: 'working' }).due).toBe('2026-10-08');
  });

  it('a year the calendar lacks is counted with weekends only and flagged, never guessed', () => {
    expect(calendarCovers(2026)).toBe(true);
    expect(calendarCovers(2004)).toBe(true);
    expect(calendarCovers(2027)).toBe(false);
    expect(calendarCovers(2003)).toBe(false);
    // 2027-01-01 is a Friday: without the 2027 arrangement it is taken as a working day, and said so.
    expect(computeDeadline({ start: '2026-12-17', days: 15, unit: 'calendar' })).toEqual({
      due: '2027-01-01',
      rawDue: '2027-01-01',
      restReason: null,
      calendarMissing: true,
      missingYears: [2027],
    });
    expect(computeDeadline({ start: '2026-12-25', days: 15, unit: 'calendar' })).toMatchObject({
      rawDue: '2027-01-09',
      due: '2027-01-11',
      restReason: '周六',
      calendarMissing: true,
    });
    // Working days that cross into 2027 depend on it too; a period ending in 2026 does not.
    expect(computeDeadline({ start: '2026-12-30', days: 3, unit: 'working' })).toMatchObject({
      due: '2027-01-04',
      calendarMissing: true,
    });
    expect(computeDeadline({ start: '2026-12-01', days: 15, unit: 'calendar' }).calendarMissing).toBe(false);
  });

  it('days an administrator loaded for a missing year count as the calendar', () => {
    const extra = new Map<string, CalendarDay>(
      [
        { date: '2027-01-01', work: false, name: '元旦' },
        { date: '2027-02-20', work: true },
      ].map((d) => [d.date, d]),
    );
    expect(computeDeadline({ start: '2026-12-17', days: 15, unit: 'calendar' }, extra)).toEqual({
      due: '2027-01-04',
      rawDue: '2027-01-01',
      restReason: '元旦',
      calendarMissing: false,
      missingYears: [],
    });
    // 2027-02-20 is a Saturday set as a working day.
    expect(computeDeadline({ start: '2027-02-05', days: 15, unit: 'calendar' }, extra).due).toBe('2027-02-20');
    // A year still missing is still flagged.
    expect(computeDeadline({ start: '2027-12-20', days: 15, unit: 'calendar' }, extra).missingYears).toEqual([2028]);
  });

  it('refuses what is not a date or a period', () => {
    expect(() => computeDeadline({ start: '2026-02-30', days: 15, unit: 'calendar' })).toThrow(RangeError);
    expect(() => computeDeadline({ start: '2026-03-02', days: 0, unit: 'calendar' })).toThrow(RangeError);
    expect(() => computeDeadline({ start: '2026-03-02', days: 1.5, unit: 'working' })).toThrow(RangeError);
    expect(deadlineInputSchema.safeParse({ start: '2026-03-02', days: 15, unit: 'calendar' }).success).toBe(true);
    for (const bad of [
      { start: '2026/03/02', days: 15, unit: 'calendar' },
      { start: '2026-03-02', days: 0, unit: 'calendar' },
      { start: '2026-03-02', days: 3651, unit: 'calendar' },
      { start: '2026-03-02', days: 15, unit: 'weeks' },
    ])
      expect(deadlineInputSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
  });

  it('the periods of mediation and arbitration are the ones DOMAIN-RULES §2 names', () => {
    const byKey = Object.fromEntries(LEGAL_PERIODS.map((p) => [p.key, [p.days, p.unit]]));
    expect(byKey).toEqual({
      mediation_acceptance: [3, 'working'],
      mediation: [15, 'calendar'],
      mediation_extension: [15, 'calendar'],
      review_application: [15, 'calendar'],
      arbitration_acceptance: [5, 'calendar'],
      arbitration_award: [45, 'calendar'],
    });
  });
});

describe('a year’s arrangement loaded by an administrator', () => {
  const day = (date: string, work = false, name = '元旦') => ({ date, work, name });

  it('is refused for a year the built-in calendar covers', () => {
    expect(calendarYearProblems(2026, [day('2026-01-01')])).toEqual([{ field: 'year', code: 'calendar_covered' }]);
  });

  it('names each day outside the year, twice, or a make-up working day on a weekday', () => {
    expect(
      calendarYearProblems(2027, [
        day('2027-01-01'),
        day('2028-01-01'),
        day('2027-01-01'),
        day('2027-02-06', true, '调休上班'), // a Saturday
        day('2027-02-08', true, '调休上班'), // a Monday
      ]),
    ).toEqual([
      { field: 'days.1.date', code: 'invalid_value' },
      { field: 'days.2.date', code: 'invalid_value' },
      { field: 'days.4.work', code: 'makeup_on_weekday' },
    ]);
    expect(calendarYearProblems(2027, [])).toEqual([]);
  });

  it('moves a case’s deadlines once loaded: 2027-01-01 a holiday', () => {
    const before = caseDeadlines('2026-12-17');
    expect(before.calendarMissing).toBe(true);
    const loaded = calendarMap([day('2027-01-01'), day('2027-01-02'), day('2027-01-03')]);
    const after = caseDeadlines('2026-12-17', 0, undefined, loaded);
    expect(after.calendarMissing).toBe(false);
    // 2 working days of acceptance: Dec 18 (Fri), Dec 21 (Mon); 15 calendar days: 2027-01-01, a holiday -> Jan 4.
    expect(before.mediationDue).toBe('2027-01-01');
    expect(after.mediationDue).toBe('2027-01-04');
  });
});
