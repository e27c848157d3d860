import { describe, expect, it } from 'vitest';
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
});
