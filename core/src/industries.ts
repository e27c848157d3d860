import { GBT4754_2017_CSV } from './data/gbt4754-2017.js';

/** 国民经济行业分类 GB/T 4754-2017 (DOMAIN-RULES §6). */
export type IndustryLevel = 'section' | 'division' | 'group' | 'class';

export interface Industry {
  /** 门类字母 A–T, or 2/3/4-digit 大类/中类/小类 code */
  code: string;
  level: IndustryLevel;
  /** the standard's Chinese name */
  name: string;
  /** the code one level up (null for a section) */
  parent: string | null;
}

export interface IndustryNode extends Industry {
  children: IndustryNode[];
}

let table: { list: Industry[]; byCode: Map<string, Industry>; children: Map<string, Industry[]> } | undefined;

function load() {
  if (table) return table;
  const list: Industry[] = [];
  const byCode = new Map<string, Industry>();
  const children = new Map<string, Industry[]>();
  for (const line of GBT4754_2017_CSV.split('\n').slice(1)) {
    const [code, level, name, parent] = line.split(',') as [string, IndustryLevel, string, string];
    const row: Industry = { code, level, name, parent: parent || null };
    list.push(row);
    byCode.set(code, row);
    if (row.parent) children.set(row.parent, [...(children.get(row.parent) ?? []), row]);
  }
  table = { list, byCode, children };
  return table;
}

/** Every row of the standard, in its order (section, then its divisions, groups and classes). */
export function industries(): readonly Industry[] {
  return load().list;
}

export function findIndustry(code: string): Industry | undefined {
  return load().byCode.get(code.trim().toUpperCase());
}

/** The section letter a code belongs to (A for 0111), or undefined for an unknown code. */
export function industrySection(code: string): string | undefined {
  let row = findIndustry(code);
  while (row?.parent) row = load().byCode.get(row.parent);
  return row?.code;
}

/** The 4-digit classes under a code (itself when it is a class). */
export function industryClasses(code: string): Industry[] {
  const row = findIndustry(code);
  if (!row) return [];
  if (row.level === 'class') return [row];
  return (load().children.get(row.code) ?? []).flatMap((c) => industryClasses(c.code));
}

/** The whole standard as a tree of sections (for pickers). */
export function industryTree(): IndustryNode[] {
  const t = load();
  const build = (row: Industry): IndustryNode => ({
    ...row,
    children: (t.children.get(row.code) ?? []).map(build),
  });
  return t.list.filter((r) => r.level === 'section').map(build);
}

/** The name with its code as people read it in a ledger: "C 制造业", "3311 金属结构制造". */
export function industryLabel(code: string): string {
  const row = findIndustry(code);
  return row ? `${row.code} ${row.name}` : code;
}
