import { describe, expect, it } from 'vitest';
import { selfcheckReport } from './guidance.js';
import { SELFCHECK_AREAS, SELFCHECK_QUESTIONS, scoreSelfcheck } from './selfcheck.js';

const allSafe = Object.fromEntries(SELFCHECK_QUESTIONS.map((q) => [q.id, q.options.find((o) => !o.risk)?.value ?? '']));

describe('劳动用工风险体检', () => {
  it('has at least 20 questions over every area, each risky answer naming a risk, an article and what to do', () => {
    expect(SELFCHECK_QUESTIONS.length).toBeGreaterThanOrEqual(20);
    for (const area of SELFCHECK_AREAS)
      expect(
        SELFCHECK_QUESTIONS.some((q) => q.area === area),
        area,
      ).toBe(true);
    expect(new Set(SELFCHECK_QUESTIONS.map((q) => q.id)).size).toBe(SELFCHECK_QUESTIONS.length);
    for (const q of SELFCHECK_QUESTIONS) {
      const risky = q.options.filter((o) => o.risk);
      expect(risky.length, q.id).toBeGreaterThan(0);
      for (const o of risky) {
        expect(o.risk?.basis, q.id).toMatch(/^《.+》第.+条/);
        expect(o.risk?.advice.length, q.id).toBeGreaterThan(8);
      }
    }
  });

  it('a compliant enterprise scores 100 with no risks', () => {
    const r = scoreSelfcheck(allSafe);
    expect(r).toMatchObject({
      score: 100,
      grade: 'good',
      answered: SELFCHECK_QUESTIONS.length,
      risks: [],
      unanswered: [],
    });
  });

  it('each risky answer costs its weight; the report lists risks high first with their basis', () => {
    const r = scoreSelfcheck({ ...allSafe, c1: 'no', w3: 'no', l1: 'no' });
    expect(r.score).toBe(100 - 10 - 2 - 5);
    expect(r.risks.map((x) => x.questionId)).toEqual(['c1', 'l1', 'w3']);
    expect(r.risks[0]).toMatchObject({
      level: 'high',
      basis: '《劳动合同法》第十条、第八十二条',
      areaLabel: '劳动合同',
    });
    expect(r.counts).toEqual({ high: 1, medium: 1, low: 1 });
    expect(r.byArea.find((a) => a.area === 'contract')?.risks).toBe(1);
  });

  it('flags unanswered questions and ignores unknown ids and values', () => {
    const r = scoreSelfcheck({ c1: 'yes', zz: 'no', c2: 'maybe' });
    expect(r.answered).toBe(1);
    expect(r.unanswered).toHaveLength(SELFCHECK_QUESTIONS.length - 1);
    expect(r.score).toBe(100);
  });

  it('many high risks grade as serious and never go below zero', () => {
    const worst = Object.fromEntries(
      SELFCHECK_QUESTIONS.map((q) => [q.id, q.options.find((o) => o.risk)?.value ?? '']),
    );
    const r = scoreSelfcheck(worst);
    expect(r.score).toBe(0);
    expect(r.grade).toBe('serious');
  });

  it('cites only the laws and regulations the checklist is built on, by their short names', () => {
    const known = new Set([
      '劳动合同法',
      '劳动法',
      '社会保险法',
      '工伤保险条例',
      '工资支付暂行规定',
      '职工带薪年休假条例',
      '女职工劳动保护特别规定',
      '国务院关于职工工作时间的规定',
      '劳务派遣暂行规定',
    ]);
    for (const q of SELFCHECK_QUESTIONS)
      for (const o of q.options)
        for (const [, law] of o.risk?.basis.matchAll(/《([^》]+)》/g) ?? [])
          expect(known.has(law as string), law).toBe(true);
  });

  it('a report has the shape the API promises, and a mixed answer set scores as expected', () => {
    const r = scoreSelfcheck({ ...allSafe, c1: 'no', s1: 'no', w3: 'no' });
    expect(selfcheckReport.parse(r)).toEqual(r);
    expect(r).toMatchObject({
      score: 78,
      grade: 'fair',
      gradeLabel: '存在一定风险',
      counts: { high: 2, medium: 0, low: 1 },
    });
    expect(r.byArea.every((a) => a.answered === a.questions && a.questions > 0)).toBe(true);
    expect(scoreSelfcheck({ c1: 'no' }).byArea[0]).toMatchObject({ area: 'contract', answered: 1, risks: 1 });
    expect(scoreSelfcheck({ c1: 'no' }).byArea[1]).toMatchObject({ area: 'hours', answered: 0, risks: 0 });
    expect(r.byArea.map((a) => [a.area, a.risks])).toEqual([
      ['contract', 1],
      ['hours', 0],
      ['wages', 1],
      ['social_insurance', 1],
      ['leave', 0],
      ['dismissal', 0],
    ]);
  });

  it('grades at the boundaries 90 / 75 / 60', () => {
    const highs = SELFCHECK_QUESTIONS.filter((q) => q.options.some((o) => o.risk?.level === 'high'));
    const withHighs = (n: number) =>
      scoreSelfcheck({
        ...allSafe,
        ...Object.fromEntries(
          highs.slice(0, n).map((q) => [q.id, q.options.find((o) => o.risk?.level === 'high')?.value]),
        ),
      } as Record<string, string>);
    expect(withHighs(1)).toMatchObject({ score: 90, grade: 'good' });
    expect(withHighs(2)).toMatchObject({ score: 80, grade: 'fair' });
    expect(withHighs(3)).toMatchObject({ score: 70, grade: 'poor' });
    expect(withHighs(4)).toMatchObject({ score: 60, grade: 'poor' });
    expect(withHighs(5)).toMatchObject({ score: 50, grade: 'serious' });
  });
});
