import { describe, expect, it } from 'vitest';
import {
  addMonths,
  baseHeadcountProblems,
  consultationProblems,
  createReportBody,
  delistProblems,
  HEADCOUNT_WATCH,
  headcountChange,
  isNotableFall,
  lastDueMonth,
  listingProblems,
  monthsBetween,
  monthsWithoutReport,
  openReportMonth,
  parseMonth,
  REPORTING_WINDOW,
  reportConsistency,
  reportFilingProblem,
  reportTiming,
  separationsTotal,
  windowOf,
  yearEndHeadcount,
} from './employment.js';

const none = { resigned: 0, dismissed: 0, contractEnded: 0, retired: 0, other: 0 };

describe('months', () => {
  it('move across years and count between', () => {
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2025-12', 1)).toBe('2026-01');
    expect(addMonths('2026-11', -13)).toBe('2025-10');
    expect(addMonths('2026-06', 24)).toBe('2028-06');
    expect(monthsBetween('2025-11', '2026-02')).toBe(3);
    expect(monthsBetween('2026-02', '2026-02')).toBe(0);
  });
  it('are read as people type them in a spreadsheet', () => {
    expect(parseMonth('2026-11')).toBe('2026-11');
    expect(parseMonth('2026/3')).toBe('2026-03');
    expect(parseMonth('2026.03')).toBe('2026-03');
    expect(parseMonth('2026年3月')).toBe('2026-03');
    expect(parseMonth('202603')).toBe('2026-03');
    expect(parseMonth('2026-03-31')).toBe('2026-03');
    expect(parseMonth('2026-13')).toBeNull();
    expect(parseMonth('三月')).toBeNull();
    expect(parseMonth('')).toBeNull();
  });
});

describe('the reporting window (25th of the month to the 5th of the next, both included)', () => {
  it('is a parameter: the default, and another window', () => {
    expect(REPORTING_WINDOW).toEqual({ opensOnDay: 25, closesOnDay: 5 });
    expect(windowOf('2026-11')).toEqual({ opens: '2026-11-25', closes: '2026-12-05' });
    expect(windowOf('2026-12')).toEqual({ opens: '2026-12-25', closes: '2027-01-05' });
    expect(windowOf('2026-11', { opensOnDay: 20, closesOnDay: 10 })).toEqual({
      opens: '2026-11-20',
      closes: '2026-12-10',
    });
  });
  it('opens on the 25th and closes after the 5th', () => {
    expect(reportTiming('2026-11', '2026-11-24')).toBe('early');
    expect(reportTiming('2026-11', '2026-11-25')).toBe('open');
    expect(reportTiming('2026-11', '2026-12-05')).toBe('open');
    expect(reportTiming('2026-11', '2026-12-06')).toBe('late');
    expect(reportTiming('2026-12', '2027-01-03')).toBe('open');
  });
  it('names the month open today, none between the 6th and the 24th', () => {
    expect(openReportMonth('2026-11-25')).toBe('2026-11');
    expect(openReportMonth('2026-11-30')).toBe('2026-11');
    expect(openReportMonth('2026-12-01')).toBe('2026-11');
    expect(openReportMonth('2026-12-05')).toBe('2026-11');
    expect(openReportMonth('2026-12-06')).toBeNull();
    expect(openReportMonth('2026-12-24')).toBeNull();
    expect(openReportMonth('2027-01-02')).toBe('2026-12');
  });
  it('refuses an enterprise outside the window, lets staff file late, and nobody early', () => {
    expect(reportFilingProblem('2026-11', '2026-12-02', 'enterprise')).toBeNull();
    expect(reportFilingProblem('2026-10', '2026-12-02', 'enterprise')).toEqual({
      refused: 'window_closed',
      opens: '2026-10-25',
      closes: '2026-11-05',
    });
    expect(reportFilingProblem('2026-10', '2026-12-02', 'staff')).toBeNull();
    expect(reportFilingProblem('2026-12', '2026-12-02', 'staff')).toEqual({
      refused: 'not_due',
      opens: '2026-12-25',
      closes: '2027-01-05',
    });
  });
  it('says which month was due last and how many due months have no report', () => {
    expect(lastDueMonth('2026-12-05')).toBe('2026-10');
    expect(lastDueMonth('2026-12-06')).toBe('2026-11');
    expect(lastDueMonth('2027-01-02')).toBe('2026-11');
    // Reported up to August; September and October are overdue on 2 December (November's window is still open).
    expect(monthsWithoutReport('2026-08', '2026-12-02', '2025-01')).toBe(2);
    expect(monthsWithoutReport('2026-10', '2026-12-02', '2025-01')).toBe(0);
    expect(monthsWithoutReport('2026-11', '2026-12-02', '2025-01')).toBe(0);
    // Never reported: counted from the month before the first expected one.
    expect(monthsWithoutReport(null, '2026-12-02', '2026-09')).toBe(1);
    expect(monthsWithoutReport(null, '2026-12-02', '2026-11')).toBe(0);
  });
});

describe('a report adds up (previous + hires − separations = headcount), or warns', () => {
  it('counts the separations by reason', () => {
    expect(separationsTotal({ resigned: 3, dismissed: 2, contractEnded: 1, retired: 4, other: 5 })).toBe(15);
  });
  it('is consistent when the figures add up', () => {
    const r = { headcount: 95, hires: 5, separations: { ...none, resigned: 6, retired: 4 } };
    expect(reportConsistency(100, r)).toEqual({ previousHeadcount: 100, expected: 95, gap: 0, consistent: true });
  });
  it('gives the gap when they do not', () => {
    const r = { headcount: 90, hires: 5, separations: { ...none, dismissed: 10 } };
    expect(reportConsistency(100, r)).toEqual({ previousHeadcount: 100, expected: 95, gap: -5, consistent: false });
  });
  it('cannot check the first report', () => {
    expect(reportConsistency(null, { headcount: 90, hires: 0, separations: none }).consistent).toBeNull();
  });
  it('takes whole non-negative counts only', () => {
    const base = { enterpriseId: '00000000-0000-4000-8000-000000000000', month: '2026-11', headcount: 10, hires: 0 };
    expect(createReportBody.safeParse({ ...base, separations: none }).success).toBe(true);
    expect(createReportBody.safeParse({ ...base, separations: { ...none, resigned: -1 } }).success).toBe(false);
    expect(createReportBody.safeParse({ ...base, headcount: 1.5, separations: none }).success).toBe(false);
    expect(createReportBody.safeParse({ ...base, month: '2026-13', separations: none }).success).toBe(false);
    expect(createReportBody.safeParse({ ...base, separations: { resigned: 1 } }).success).toBe(false);
  });
});

describe('headcount at last year end and the change since', () => {
  it('takes the December report over what the office recorded', () => {
    expect(yearEndHeadcount(2025, 480, { baseYear: 2025, baseHeadcount: 500 })).toEqual({
      year: 2025,
      headcount: 480,
      source: 'report',
    });
    expect(yearEndHeadcount(2025, null, { baseYear: 2025, baseHeadcount: 500 })).toEqual({
      year: 2025,
      headcount: 500,
      source: 'ledger',
    });
    expect(yearEndHeadcount(2025, null, { baseYear: 2024, baseHeadcount: 500 })).toBeNull();
  });
  it('gives people and the share', () => {
    expect(headcountChange(500, 450)).toEqual({ delta: -50, ratio: -0.1 });
    expect(headcountChange(0, 5)).toEqual({ delta: 5, ratio: null });
    expect(headcountChange(null, 5)).toBeNull();
  });
  it('flags a fall of 10% or more by default (inclusive), or what a rule sets', () => {
    expect(isNotableFall(headcountChange(500, 450))).toBe(true);
    expect(isNotableFall(headcountChange(500, 451))).toBe(false);
    expect(isNotableFall(headcountChange(0, 5))).toBe(false);
    expect(isNotableFall(headcountChange(500, 470), { ...HEADCOUNT_WATCH, fallShare: 0.05 })).toBe(true);
  });
});

describe('rules over the ledger', () => {
  const today = '2026-12-02';
  it('a listing is not dated in the future and names a reason once', () => {
    expect(listingProblems({ listedOn: '2026-12-02', reasons: ['large_headcount'] }, today)).toEqual([]);
    expect(listingProblems({ listedOn: '2026-12-03', reasons: ['layoff_plan', 'layoff_plan'] }, today)).toEqual([
      { field: 'listedOn', code: 'future_date' },
      { field: 'reasons', code: 'invalid_value' },
    ]);
  });
  it('taking off is not before listing nor in the future', () => {
    expect(delistProblems('2026-06-01', '2026-01-01', today)).toEqual([]);
    expect(delistProblems('2026-01-01', '2026-01-01', today)).toEqual([]);
    expect(delistProblems('2025-12-31', '2026-01-01', today)).toEqual([{ field: 'delistedOn', code: 'before_listed' }]);
    expect(delistProblems('2026-12-03', '2026-01-01', today)).toEqual([{ field: 'delistedOn', code: 'future_date' }]);
  });
  it('a base headcount comes with its (past) year', () => {
    expect(baseHeadcountProblems({ baseHeadcount: 500, baseYear: 2025 }, today)).toEqual([]);
    expect(baseHeadcountProblems({ baseHeadcount: null, baseYear: null }, today)).toEqual([]);
    expect(baseHeadcountProblems({ baseHeadcount: 500, baseYear: null }, today)).toEqual([
      { field: 'baseYear', code: 'required' },
    ]);
    expect(baseHeadcountProblems({ baseHeadcount: 500, baseYear: 2026 }, today)).toEqual([
      { field: 'baseYear', code: 'too_big' },
    ]);
  });
  it('an agreement reached has its summary', () => {
    const c = { heldOn: '2026-11-20', topics: ['wages', 'rotation'], agreementReached: true, agreementSummary: null };
    expect(consultationProblems(c, today)).toEqual([{ field: 'agreementSummary', code: 'required' }]);
    expect(consultationProblems({ ...c, agreementSummary: '工资下调 10%，不裁员' }, today)).toEqual([]);
    expect(consultationProblems({ ...c, agreementReached: false }, today)).toEqual([]);
    expect(consultationProblems({ ...c, agreementReached: false, heldOn: '2027-01-01' }, today)).toEqual([
      { field: 'heldOn', code: 'future_date' },
    ]);
  });
});
