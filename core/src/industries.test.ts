import { describe, expect, it } from 'vitest';
import {
  findIndustry,
  industries,
  industryClasses,
  industryLabel,
  industrySection,
  industryTree,
} from './industries.js';

describe('GB/T 4754-2017', () => {
  it('has the counts of the 2017 publication: 20 sections, 97 divisions, 473 groups, 1,380 classes', () => {
    const count = (level: string) => industries().filter((r) => r.level === level).length;
    expect(count('section')).toBe(20);
    expect(count('division')).toBe(97);
    expect(count('group')).toBe(473);
    expect(count('class')).toBe(1380);
  });

  it('every row hangs on a parent one level up, and codes are unique', () => {
    const up = { division: 'section', group: 'division', class: 'group' } as const;
    const codes = new Set<string>();
    for (const row of industries()) {
      expect(codes.has(row.code)).toBe(false);
      codes.add(row.code);
      if (row.level === 'section') {
        expect(row.parent).toBeNull();
        expect(row.code).toMatch(/^[A-T]$/);
        continue;
      }
      const parent = findIndustry(row.parent ?? '');
      expect(parent?.level).toBe(up[row.level]);
      if (row.level !== 'division') expect(row.code.startsWith(parent?.code ?? '?')).toBe(true);
    }
  });

  it('divisions sit in the section ranges of the standard', () => {
    const ranges: [string, number, number][] = [
      ['A', 1, 5],
      ['B', 6, 12],
      ['C', 13, 43],
      ['D', 44, 46],
      ['E', 47, 50],
      ['F', 51, 52],
      ['G', 53, 60],
      ['H', 61, 62],
      ['I', 63, 65],
      ['J', 66, 69],
      ['K', 70, 70],
      ['L', 71, 72],
      ['M', 73, 75],
      ['N', 76, 79],
      ['O', 80, 82],
      ['P', 83, 83],
      ['Q', 84, 85],
      ['R', 86, 90],
      ['S', 91, 96],
      ['T', 97, 97],
    ];
    for (const d of industries().filter((r) => r.level === 'division')) {
      const n = Number(d.code);
      const section = ranges.find(([, lo, hi]) => n >= lo && n <= hi)?.[0];
      expect(d.parent, d.code).toBe(section);
    }
  });

  it('finds names, sections and classes; lower-case section letters are accepted', () => {
    expect(findIndustry('0111')?.name).toBe('稻谷种植');
    expect(findIndustry('c')?.name).toBe('制造业');
    expect(industrySection('3311')).toBe('C');
    expect(industrySection('9999')).toBeUndefined();
    expect(industryClasses('70').map((c) => c.code)).toContain('7010');
    expect(industryClasses('0111')).toHaveLength(1);
    expect(industryLabel('70')).toBe('70 房地产业');
    expect(industryTree()).toHaveLength(20);
    expect(industryTree()[0]?.children[0]?.code).toBe('01');
  });
});
