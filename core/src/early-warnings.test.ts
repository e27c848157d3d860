import { describe, expect, it } from 'vitest';
import {
  clearedBy,
  defaultRuleSettings,
  type EnterpriseWatchFacts,
  enterpriseWarnings,
  planWarnings,
  renderWarning,
  ruleSettings,
  type WarningRuleSettings,
  warningRuleProblems,
  warningStatusProblems,
  warningTransitionAllowed,
} from './early-warnings.js';
import { evaluateLayoffPlan, type LayoffPlanFacts } from './layoff-plans.js';

const TODAY = '2026-11-20'; // the last due month is 2026-10; the window for 2026-11 opens on the 25th
const rules = defaultRuleSettings();
const withRule = (over: Partial<WarningRuleSettings>): WarningRuleSettings => ({ ...rules, ...over });

const facts = (over: Partial<EnterpriseWatchFacts> = {}): EnterpriseWatchFacts => ({
  listedOn: '2026-01-10',
  reports: [
    { month: '2026-09', headcount: 940 },
    { month: '2026-10', headcount: 930 },
  ],
  yearEnd: { year: 2025, headcount: 1000 },
  ...over,
});
const rulesRaised = (f: ReturnType<typeof enterpriseWarnings>) => f.raised.map((w) => `${w.rule}:${w.key}`);

describe('headcount against last year end (default 10%)', () => {
  it('down 7% raises nothing; exactly 10% (900 of 1,000) raises, keyed by the year compared with', () => {
    expect(rulesRaised(enterpriseWarnings(facts(), rules, TODAY))).toEqual([]);
    const at = enterpriseWarnings(facts({ reports: [{ month: '2026-10', headcount: 900 }] }), rules, TODAY);
    expect(at.raised).toEqual([
      {
        rule: 'headcount_fall',
        key: '2025',
        severity: 'medium',
        params: { month: '2026-10', year: 2025, base: 1000, current: 900, fall: 100, share: 10, threshold: 10 },
      },
    ]);
    // 9.9%: one person short of the line.
    const below = enterpriseWarnings(facts({ reports: [{ month: '2026-10', headcount: 901 }] }), rules, TODAY);
    expect(rulesRaised(below)).toEqual([]);
  });

  it('an exact 10% of an awkward base does not slip through floating point (93 of 930)', () => {
    const f = facts({ yearEnd: { year: 2025, headcount: 930 }, reports: [{ month: '2026-10', headcount: 837 }] });
    expect(rulesRaised(enterpriseWarnings(f, rules, TODAY))).toEqual(['headcount_fall:2025']);
  });

  it('the administrator’s threshold wins: at 5% the 7% fall warns', () => {
    const five = withRule({ headcount_fall: { ...rules.headcount_fall, threshold: 5 } });
    expect(rulesRaised(enterpriseWarnings(facts(), five, TODAY))).toEqual(['headcount_fall:2025']);
  });

  it('compares only with the year before the latest report; no base, no warning, and open ones are cleared', () => {
    const f = facts({ yearEnd: { year: 2024, headcount: 2000 } });
    const found = enterpriseWarnings(f, rules, TODAY);
    expect(rulesRaised(found)).toEqual([]);
    expect(clearedBy(found, 'headcount_fall', '2025')).toBe(true);
    expect(rulesRaised(enterpriseWarnings(facts({ yearEnd: null }), rules, TODAY))).toEqual([]);
  });
});

describe('a month’s drop (default 20 people)', () => {
  it('19 fewer raises nothing, 20 fewer raises, keyed by the month', () => {
    const nineteen = facts({
      reports: [
        { month: '2026-09', headcount: 949 },
        { month: '2026-10', headcount: 930 },
      ],
    });
    expect(rulesRaised(enterpriseWarnings(nineteen, rules, TODAY))).toEqual([]);
    const twenty = facts({
      reports: [
        { month: '2026-09', headcount: 950 },
        { month: '2026-10', headcount: 930 },
      ],
    });
    const found = enterpriseWarnings(twenty, rules, TODAY);
    expect(rulesRaised(found)).toEqual(['headcount_drop:2026-10']);
    expect(found.raised[0]?.params).toEqual({ month: '2026-10', previous: 950, current: 930, drop: 20, threshold: 20 });
  });

  it('looks at the months due lately only: a drop half a year ago is not raised now, nor cleared', () => {
    const f = facts({
      reports: [
        { month: '2026-04', headcount: 1000 },
        { month: '2026-05', headcount: 900 },
        { month: '2026-09', headcount: 900 },
        { month: '2026-10', headcount: 900 },
      ],
    });
    const found = enterpriseWarnings(f, rules, TODAY);
    expect(rulesRaised(found)).toEqual(['headcount_fall:2025']);
    expect(found.examined.headcount_drop).toEqual(['2026-09', '2026-10']);
    expect(clearedBy(found, 'headcount_drop', '2026-05')).toBe(false);
    // A corrected September (no drop after all) clears September's warning.
    expect(clearedBy(found, 'headcount_drop', '2026-09')).toBe(true);
  });

  it('a month without the month before it is not compared (the first report)', () => {
    const f = facts({
      reports: [
        { month: '2026-08', headcount: 990 },
        { month: '2026-10', headcount: 930 },
      ],
    });
    expect(rulesRaised(enterpriseWarnings(f, rules, TODAY)).filter((r) => r.startsWith('headcount_drop'))).toEqual([]);
  });
});

describe('reports missing (default two due months)', () => {
  it('October due and missing, September reported: one month, no warning; August last: two, a warning', () => {
    const one = facts({ reports: [{ month: '2026-09', headcount: 990 }] });
    expect(rulesRaised(enterpriseWarnings(one, rules, TODAY))).toEqual([]);
    const two = facts({ reports: [{ month: '2026-08', headcount: 990 }] });
    const found = enterpriseWarnings(two, rules, TODAY);
    expect(rulesRaised(found)).toEqual(['silent:2026-08']);
    expect(found.raised[0]?.params).toMatchObject({ months: 2, last: '2026-08', due: '2026-10' });
  });

  it('never reported: counted from the listing month, keyed by the listing', () => {
    const f = facts({ listedOn: '2026-09-15', reports: [], yearEnd: null });
    expect(rulesRaised(enterpriseWarnings(f, rules, TODAY))).toEqual(['silent:listed:2026-09-15']);
    const fresh = facts({ listedOn: '2026-10-15', reports: [], yearEnd: null });
    expect(rulesRaised(enterpriseWarnings(fresh, rules, TODAY))).toEqual([]);
  });

  it('a report ends the silence: the warning keyed by the old last report is cleared', () => {
    const found = enterpriseWarnings(facts(), rules, TODAY);
    expect(clearedBy(found, 'silent', '2026-08')).toBe(true);
  });

  it('a rule switched off raises nothing and clears nothing', () => {
    const off = withRule({ silent: { ...rules.silent, enabled: false } });
    const found = enterpriseWarnings(facts({ reports: [{ month: '2026-01', headcount: 990 }] }), off, TODAY);
    expect(rulesRaised(found).filter((r) => r.startsWith('silent'))).toEqual([]);
    expect(clearedBy(found, 'silent', '2026-01')).toBe(false);
  });
});

const PARAMS = { localAverageMonthlyWage: 7268.5, minimumWage: 2120 };
const plan = (over: Partial<LayoffPlanFacts> = {}): LayoffPlanFacts => ({
  employees: 200,
  plannedLayoffs: 20,
  doneLayoffs: 0,
  plannedOn: '2026-12-31',
  explainedOn: null,
  reportedOn: null,
  wagesSettled: true,
  wageArrears: null,
  fundsAvailable: 10_000_000,
  averageMonthlyWage: 6000,
  averageServiceMonths: 60,
  staff: [],
  ...over,
});
const watch = (p: LayoffPlanFacts, r = rules) =>
  planWarnings(
    {
      planId: 'p1',
      plannedOn: p.plannedOn,
      plannedLayoffs: p.plannedLayoffs,
      wagesSettled: p.wagesSettled,
      wageArrears: p.wageArrears,
      evaluation: evaluateLayoffPlan(p, PARAMS, TODAY),
    },
    r,
  );

describe('the plan rules', () => {
  it('20 people under Art. 41 with neither step: one high warning naming both steps', () => {
    const found = watch(plan());
    expect(found.raised).toHaveLength(1);
    expect(found.raised[0]).toMatchObject({
      rule: 'art41_steps',
      key: 'p1',
      severity: 'high',
      params: { explain: 'missing', report: 'missing', steps: 'explain,report', explainBy: '2026-12-01' },
    });
    const { title, text } = renderWarning(found.raised[0] as never, 'zh-CN');
    expect(title).toBe('经济性裁员程序未履行');
    expect(text).toContain('拟于 2026-12-31 裁减 20 人');
    expect(text).toBe(
      '拟于 2026-12-31 裁减 20 人，属于经济性裁员（第四十一条）：提前三十日向工会或者全体职工说明情况，听取工会或者职工的意见（未履行，最迟于 2026-12-01）；裁减人员方案向劳动行政部门报告（未履行）。',
    );
  });

  it('19 of 200 (9.5%) is not an Art. 41 layoff: nothing; both steps done: nothing, and the warning clears', () => {
    expect(watch(plan({ plannedLayoffs: 19 })).raised).toEqual([]);
    const done = watch(plan({ explainedOn: '2026-11-01', reportedOn: '2026-11-02' }));
    expect(done.raised).toEqual([]);
    expect(clearedBy(done, 'art41_steps', 'p1')).toBe(true);
    // Only the report missing: the text names it alone.
    const report = watch(plan({ explainedOn: '2026-11-01' }));
    expect(report.raised[0]?.params.steps).toBe('report');
  });

  it('wage arrears: any amount by default; the threshold in yuan when set', () => {
    expect(watch(plan({ wagesSettled: false, wageArrears: 5000 })).raised.map((w) => w.rule)).toContain('wage_arrears');
    const high = withRule({ wage_arrears: { ...rules.wage_arrears, threshold: 10_000 } });
    expect(watch(plan({ wagesSettled: false, wageArrears: 5000 }), high).raised.map((w) => w.rule)).not.toContain(
      'wage_arrears',
    );
    expect(watch(plan({ wagesSettled: true, wageArrears: 5000 })).raised.map((w) => w.rule)).not.toContain(
      'wage_arrears',
    );
  });

  it('ability to pay below 1.0 warns; exactly 1.0 does not', () => {
    const ev = evaluateLayoffPlan(plan({ explainedOn: '2026-11-01', reportedOn: '2026-11-02' }), PARAMS, TODAY);
    const need = ev.ability?.need as number;
    expect(watch(plan({ explainedOn: '2026-11-01', reportedOn: '2026-11-02', fundsAvailable: need })).raised).toEqual(
      [],
    );
    const short = watch(plan({ explainedOn: '2026-11-01', reportedOn: '2026-11-02', fundsAvailable: need - 0.01 }));
    expect(short.raised.map((w) => w.rule)).toEqual(['low_ability']);
    expect(renderWarning(short.raised[0] as never, 'zh-CN').text).toContain('资金缺口 0.01 元');
  });

  it('a protected person on the list warns', () => {
    const p = plan({
      explainedOn: '2026-11-01',
      reportedOn: '2026-11-02',
      staff: [{ averageMonthlyWage: 5000, serviceStart: '2016-05-01', protectedGround: 'maternity' }],
    });
    expect(watch(p).raised.map((w) => `${w.rule}:${w.params.count}`)).toEqual(['protected_staff:1']);
  });
});

describe('settings, statuses and input', () => {
  it('stored settings override the defaults; a threshold on a rule without one is ignored', () => {
    const s = ruleSettings([
      { rule: 'headcount_drop', enabled: false, severity: 'high', threshold: 50 },
      { rule: 'art41_steps', enabled: true, severity: 'medium', threshold: 3 },
    ]);
    expect(s.headcount_drop).toEqual({ rule: 'headcount_drop', enabled: false, severity: 'high', threshold: 50 });
    expect(s.art41_steps.threshold).toBeNull();
    expect(s.silent).toEqual(rules.silent);
  });

  it('a threshold within the rule’s bounds, whole for people and months', () => {
    const body = (threshold: number | null) => ({ enabled: true, severity: 'medium' as const, threshold });
    expect(warningRuleProblems('headcount_fall', body(12.5))).toEqual([]);
    expect(warningRuleProblems('headcount_fall', body(0))).toEqual([
      { field: 'threshold', code: 'too_small', params: { min: 1 } },
    ]);
    expect(warningRuleProblems('headcount_fall', body(null))).toEqual([{ field: 'threshold', code: 'required' }]);
    expect(warningRuleProblems('silent', body(13))).toEqual([
      { field: 'threshold', code: 'too_big', params: { max: 12 } },
    ]);
    expect(warningRuleProblems('headcount_drop', body(2.5))).toEqual([{ field: 'threshold', code: 'invalid_type' }]);
    expect(warningRuleProblems('art41_steps', body(1))).toEqual([{ field: 'threshold', code: 'invalid_value' }]);
    expect(warningRuleProblems('art41_steps', body(null))).toEqual([]);
  });

  it('new -> following -> resolved; resolved is final; resolving needs a note', () => {
    expect(warningTransitionAllowed('new', 'following')).toBe(true);
    expect(warningTransitionAllowed('new', 'resolved')).toBe(true);
    expect(warningTransitionAllowed('following', 'resolved')).toBe(true);
    expect(warningTransitionAllowed('following', 'following')).toBe(false);
    expect(warningTransitionAllowed('resolved', 'following')).toBe(false);
    expect(warningStatusProblems({ status: 'resolved' })).toEqual([{ field: 'note', code: 'required' }]);
    expect(warningStatusProblems({ status: 'following' })).toEqual([]);
  });

  it('texts in both languages fill every placeholder', () => {
    const found = enterpriseWarnings(
      facts({
        reports: [
          { month: '2026-07', headcount: 850 },
          { month: '2026-08', headcount: 800 },
        ],
      }),
      rules,
      TODAY,
    );
    for (const w of found.raised) {
      for (const lang of ['zh-CN', 'en-US'] as const) expect(renderWarning(w, lang).text).not.toMatch(/[{}]/);
    }
    expect(found.raised.map((w) => w.rule).sort()).toEqual(['headcount_fall', 'silent']);
  });
});
