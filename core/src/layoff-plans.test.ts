import { describe, expect, it } from 'vitest';
import {
  canEvaluate,
  evaluateLayoffPlan,
  type LayoffPlanFacts,
  type LayoffPlanRecord,
  layoffPlanProblems,
  stepsMissing,
} from './layoff-plans.js';
import { abilityToPay } from './layoffs.js';
import { computeSeverance } from './severance.js';

const PARAMS = { localAverageMonthlyWage: 7268.5, minimumWage: 2120 };
const TODAY = '2026-03-01';

const plan = (over: Partial<LayoffPlanFacts> = {}): LayoffPlanFacts => ({
  employees: 1000,
  plannedLayoffs: 20,
  doneLayoffs: 0,
  plannedOn: '2026-06-30',
  explainedOn: null,
  reportedOn: null,
  wagesSettled: true,
  wageArrears: null,
  fundsAvailable: 1_000_000,
  averageMonthlyWage: 6000,
  averageServiceMonths: 63,
  staff: [],
  ...over,
});
const codes = (p: LayoffPlanFacts, params = PARAMS, today = TODAY) =>
  evaluateLayoffPlan(p, params, today).warnings.map((w) => w.code);

describe('a plan against 第四十一条', () => {
  it('19 of 1,000 people: no procedure, no step warnings; 20: both steps missing', () => {
    const below = evaluateLayoffPlan(plan({ plannedLayoffs: 19 }), PARAMS, TODAY);
    expect(below.check.art41Applies).toBe(false);
    expect(below.steps).toBeNull();
    expect(below.explainBy).toBeNull();
    expect(stepsMissing(below.steps)).toBe(false);
    expect(below.warnings).toEqual([]);

    const at = evaluateLayoffPlan(plan({ plannedLayoffs: 20 }), PARAMS, TODAY);
    expect(at.check).toMatchObject({ art41Applies: true, byCount: true, byShare: false });
    expect(at.steps).toEqual({ explain: 'missing', report: 'missing' });
    expect(at.explainBy).toBe('2026-05-31');
    expect(stepsMissing(at.steps)).toBe(true);
    expect(at.warnings.map((w) => w.code)).toEqual(['explain_missing', 'report_missing']);
    // Still time before the last day: a reminder, not yet a breach.
    expect(at.warnings.map((w) => w.severity)).toEqual(['medium', 'medium']);
    expect(at.warnings[0]?.message['zh-CN']).toContain('最迟于 2026-05-31');
  });

  it('9.9% of the staff: no procedure; 10%: the procedure by share', () => {
    expect(evaluateLayoffPlan(plan({ employees: 191, plannedLayoffs: 19 }), PARAMS, TODAY).steps).toBeNull();
    const at = evaluateLayoffPlan(plan({ employees: 190, plannedLayoffs: 19 }), PARAMS, TODAY);
    expect(at.check).toMatchObject({ art41Applies: true, byCount: false, byShare: true, share: 0.1 });
    expect(at.steps).toEqual({ explain: 'missing', report: 'missing' });
  });

  it('done, late and overdue steps', () => {
    const done = plan({ explainedOn: '2026-05-31', reportedOn: '2026-06-05' });
    expect(evaluateLayoffPlan(done, PARAMS, TODAY).steps).toEqual({ explain: 'done', report: 'done' });
    expect(codes(done)).toEqual([]);

    // Told 29 days ahead; reported after the layoff.
    const late = plan({ explainedOn: '2026-06-01', reportedOn: '2026-07-01' });
    const r = evaluateLayoffPlan(late, PARAMS, '2026-07-02');
    expect(r.steps).toEqual({ explain: 'late', report: 'late' });
    expect(r.warnings.map((w) => [w.code, w.severity])).toEqual([
      ['explain_late', 'high'],
      ['report_late', 'high'],
    ]);

    // Past the last day to explain, or layoffs begun: a missing step is serious.
    expect(evaluateLayoffPlan(plan(), PARAMS, '2026-06-01').warnings.map((w) => w.severity)).toEqual([
      'high',
      'medium',
    ]);
    expect(evaluateLayoffPlan(plan({ doneLayoffs: 3 }), PARAMS, TODAY).warnings.map((w) => w.severity)).toEqual([
      'high',
      'high',
    ]);
    expect(evaluateLayoffPlan(plan(), PARAMS, '2026-06-30').warnings[1]?.severity).toBe('high');
  });
});

describe('the list, severance and the ability to pay', () => {
  const staff = [
    { averageMonthlyWage: 6000, serviceStart: '2021-03-31', protectedGround: null },
    { averageMonthlyWage: 1500, serviceStart: '2022-12-31', protectedGround: null },
    { averageMonthlyWage: 30000, serviceStart: '2006-07-01', protectedGround: null },
    { averageMonthlyWage: 5000, serviceStart: '2010-01-01', protectedGround: 'maternity' as const },
  ];

  it("each person's severance is core's, protected people left out of the layoff and its cost", () => {
    const r = evaluateLayoffPlan(plan({ plannedLayoffs: 3, employees: 30, staff }), PARAMS, TODAY);
    const own = staff.map((s) =>
      s.protectedGround
        ? null
        : computeSeverance({ ...s, serviceEnd: '2026-06-30', ...PARAMS, serviceStart: s.serviceStart }).severance,
    );
    expect(r.staffSeverance.map((s) => s?.severance ?? null)).toEqual(own);
    // 5 years 3 months at 6,000: 5.5 months; the floor; the cap at 3x with 12 years.
    expect(r.staffSeverance[0]).toMatchObject({ years: 5.5, severance: 33000 });
    expect(r.staffSeverance[1]).toMatchObject({ floored: true, base: 2120, years: 4 });
    expect(r.staffSeverance[2]).toMatchObject({ capped: true, years: 12, base: 21805.5 });
    expect(r.protectedCount).toBe(1);
    const total = own.reduce<number>((s, v) => s + (v ?? 0), 0);
    expect(r.ability).toMatchObject({ people: 3, estimated: false, severanceTotal: total, cappedPeople: 1 });
    expect(r.ability?.severanceTotal).toBe(
      abilityToPay({
        staff: staff
          .filter((s) => !s.protectedGround)
          .map((s) => ({
            averageMonthlyWage: s.averageMonthlyWage,
            serviceStart: s.serviceStart,
            serviceEnd: '2026-06-30',
          })),
        wagesOwed: 0,
        fundsAvailable: 0,
        ...PARAMS,
      }).severanceTotal,
    );
    expect(r.warnings.map((w) => w.code)).toContain('protected_on_list');
    expect(r.warnings.map((w) => w.code)).not.toContain('list_count_mismatch');
  });

  it('without a list: the planned count x the average person; without averages: not assessed', () => {
    const r = evaluateLayoffPlan(plan({ plannedLayoffs: 10, employees: 200 }), PARAMS, TODAY);
    expect(r.ability).toMatchObject({ people: 10, estimated: true, severanceTotal: 330000 });
    const none = evaluateLayoffPlan(
      plan({ plannedLayoffs: 10, employees: 200, averageMonthlyWage: null, averageServiceMonths: null }),
      PARAMS,
      TODAY,
    );
    expect(none.ability).toBeNull();
    expect(none.warnings.map((w) => [w.code, w.severity])).toEqual([['ability_unknown', 'low']]);
  });

  it('wages owed count in the need and warn; a low ability warns', () => {
    const r = evaluateLayoffPlan(
      plan({ plannedLayoffs: 10, employees: 200, wagesSettled: false, wageArrears: 70000, fundsAvailable: 200000 }),
      PARAMS,
      TODAY,
    );
    expect(r.ability).toMatchObject({ need: 400000, wagesOwed: 70000, ratio: 0.5, rating: 'insufficient' });
    expect(r.warnings.map((w) => [w.code, w.severity])).toEqual([
      ['wage_arrears', 'high'],
      ['low_ability', 'medium'],
    ]);
    const severe = evaluateLayoffPlan(
      plan({ plannedLayoffs: 10, employees: 200, fundsAvailable: 1000 }),
      PARAMS,
      TODAY,
    );
    expect(severe.warnings).toEqual([expect.objectContaining({ code: 'low_ability', severity: 'high' })]);
  });

  it('no parameters: no severance, a warning; a list that does not add up: a note', () => {
    const r = evaluateLayoffPlan(plan({ plannedLayoffs: 3, employees: 30, staff }), null, TODAY);
    expect(r.ability).toBeNull();
    expect(r.staffSeverance).toEqual([null, null, null, null]);
    expect(r.warnings.map((w) => w.code)).toContain('no_parameters');
    expect(codes(plan({ plannedLayoffs: 5, employees: 30, staff }))).toContain('list_count_mismatch');
  });

  it('checks only what can be checked', () => {
    expect(canEvaluate({ employees: 10, plannedLayoffs: 11, plannedOn: TODAY })).toBe(false);
    expect(canEvaluate({ employees: 10, plannedLayoffs: 1 })).toBe(false);
    expect(canEvaluate({ employees: 10, plannedLayoffs: 10, plannedOn: TODAY })).toBe(true);
  });
});

describe('layoffPlanProblems', () => {
  const record = (over: Partial<LayoffPlanRecord> = {}): LayoffPlanRecord => ({
    year: 2026,
    employees: 100,
    plannedLayoffs: 20,
    doneLayoffs: 0,
    positions: null,
    ground: 'serious_difficulty',
    plannedOn: '2026-06-30',
    explainedOn: null,
    reportedOn: null,
    wagesSettled: true,
    wageArrears: null,
    severanceStandard: 'statutory',
    severanceNote: null,
    fundsAvailable: 0,
    averageMonthlyWage: null,
    averageServiceMonths: null,
    localAverageMonthlyWage: null,
    minimumWage: null,
    note: null,
    ...over,
  });
  it('names every field at fault', () => {
    expect(layoffPlanProblems(record(), TODAY)).toEqual([]);
    expect(
      layoffPlanProblems(
        record({
          plannedLayoffs: 120,
          doneLayoffs: 121,
          wagesSettled: false,
          severanceStandard: 'higher',
          explainedOn: '2026-03-02',
          averageMonthlyWage: 5000,
        }),
        TODAY,
      ).map((p) => [p.field, p.code]),
    ).toEqual([
      ['plannedLayoffs', 'too_big'],
      ['doneLayoffs', 'too_big'],
      ['wageArrears', 'required'],
      ['severanceNote', 'required'],
      ['explainedOn', 'future_date'],
      ['averageServiceMonths', 'required'],
    ]);
    expect(layoffPlanProblems(record({ wageArrears: 10 }), TODAY)).toEqual([
      { field: 'wageArrears', code: 'invalid_value' },
    ]);
  });
  it('checks the list: ID numbers, repeats, service after the layoff', () => {
    const staff = [
      { idNumber: '11010519491231002X', serviceStart: '2020-01-01' },
      { idNumber: '110105194912310021', serviceStart: '2020-01-01' },
      { idNumber: '11010519491231002x', serviceStart: '2026-07-01' },
      { serviceStart: '2020-01-01' },
      { id: 'known', serviceStart: '2020-01-01' },
    ];
    expect(layoffPlanProblems(record(), TODAY, staff, (id) => id === 'known')).toEqual([
      { field: 'staff.1.idNumber', code: 'invalid_id_number' },
      { field: 'staff.2.idNumber', code: 'duplicate_person', params: { row: 1 } },
      { field: 'staff.2.serviceStart', code: 'after_planned_layoff' },
      { field: 'staff.3.idNumber', code: 'required' },
    ]);
  });
});
