import { PROVINCE_CODE, type RegionNode, subtreeCodes } from '@hexie/core';
import type { Queryable } from '../db/pool.js';

/**
 * The caller's region scope: their region and everything below it in the reporting tree.
 * Every repository filters by it, so a sibling's or a parent's record is simply not there (404).
 */
export class RegionScope {
  readonly codes: readonly string[];
  private readonly set: ReadonlySet<string>;
  constructor(
    readonly root: string,
    codes: readonly string[],
  ) {
    this.codes = codes;
    this.set = new Set(codes);
  }
  includes(code: string | null | undefined): boolean {
    return !!code && this.set.has(code);
  }
  /** The whole province: some lists (the audit log) then also show rows with no region. */
  get isProvince(): boolean {
    return this.root === PROVINCE_CODE;
  }
}

interface RegionRecord {
  code: string;
  name: string;
  level: RegionNode['level'];
  parent_code: string | null;
  statistical: boolean;
  non_standard: boolean;
  reports_to_province: boolean;
}

/** The region tree, read once from the database (it changes only when reference data is loaded). */
export class Regions {
  private byCode = new Map<string, RegionNode>();
  private parentOf = new Map<string, string>();
  private byName: Map<string, string | null> | undefined;
  private scopes = new Map<string, RegionScope>();
  private root: RegionNode | undefined;

  static async load(db: Queryable): Promise<Regions> {
    const r = new Regions();
    await r.reload(db);
    return r;
  }

  async reload(db: Queryable): Promise<void> {
    const { rows } = await db.query<RegionRecord>(
      `SELECT code, name, level, parent_code, statistical, non_standard, reports_to_province
         FROM regions ORDER BY sort, code`,
    );
    const byCode = new Map<string, RegionNode>();
    for (const row of rows) {
      const node: RegionNode = { code: row.code, name: row.name, level: row.level, children: [] };
      if (row.statistical) node.statistical = true;
      if (row.non_standard) node.nonStandard = true;
      if (row.reports_to_province) node.reportsToProvince = true;
      byCode.set(row.code, node);
    }
    let root: RegionNode | undefined;
    const parentOf = new Map<string, string>();
    for (const row of rows) {
      if (row.parent_code) parentOf.set(row.code, row.parent_code);
      const node = byCode.get(row.code) as RegionNode;
      const parent = row.parent_code ? byCode.get(row.parent_code) : undefined;
      if (parent) parent.children.push(node);
      else root = node;
    }
    this.byCode = byCode;
    this.parentOf = parentOf;
    this.byName = undefined;
    this.root = root;
    this.scopes = new Map();
  }

  tree(): RegionNode {
    if (!this.root) throw new Error('regions not loaded');
    return this.root;
  }

  get(code: string): RegionNode | undefined {
    return this.byCode.get(code);
  }

  name(code: string | null | undefined): string {
    return (code && this.byCode.get(code)?.name) || code || '';
  }

  /** The region and every region above it in the reporting tree, nearest first. */
  lineage(code: string): string[] {
    const out: string[] = [];
    for (let c: string | undefined = code; c && this.byCode.has(c); c = this.parentOf.get(c)) out.push(c);
    return out;
  }

  /** 报告单位: the units the province allocates targets to (its direct children: 9 prefectures, 梅河口, 长白山). */
  reportingUnits(): RegionNode[] {
    return this.root?.children ?? [];
  }

  /**
   * The name people say: a county-level unit with its prefecture (长春市朝阳区), anything else by its own name.
   * The province is never prefixed: everyone here is in 吉林省.
   */
  fullName(code: string | null | undefined): string {
    const node = code ? this.byCode.get(code) : undefined;
    if (!node || !code) return this.name(code);
    const parent = this.parentOf.get(code);
    if (node.level === 'county' && parent && parent !== this.root?.code) return this.name(parent) + node.name;
    return node.name;
  }

  /**
   * A region from what people type in a spreadsheet: its code (220102), its full name (长春市南关区) or a name
   * that is unique in the province (南关区). Undefined when unknown or ambiguous.
   */
  resolve(text: string): RegionNode | undefined {
    const t = text.replace(/\s/g, '');
    if (/^\d{6}$/.test(t)) return this.byCode.get(t);
    if (!this.byName) {
      const byName = new Map<string, string | null>();
      const add = (name: string, code: string) => {
        const seen = byName.get(name);
        byName.set(name, seen === undefined || seen === code ? code : null);
      };
      for (const code of this.byCode.keys()) {
        add(this.fullName(code), code);
        add(this.name(code), code);
      }
      this.byName = byName;
    }
    const code = this.byName.get(t);
    return code ? this.byCode.get(code) : undefined;
  }

  /** The scope of a region (cached): an unknown region sees nothing. */
  scopeOf(code: string): RegionScope {
    let scope = this.scopes.get(code);
    if (!scope) {
      const node = this.byCode.get(code);
      scope = new RegionScope(code, node ? subtreeCodes(node) : []);
      this.scopes.set(code, scope);
    }
    return scope;
  }
}

export async function upsertRegions(
  db: Queryable,
  rows: {
    code: string;
    name: string;
    level: string;
    parentCode: string | null;
    adminParentCode: string | null;
    statistical: boolean;
    nonStandard: boolean;
    reportsToProvince: boolean;
    sort: number;
  }[],
): Promise<void> {
  // Parents first (rows come in tree order), in one statement.
  await db.query(
    `INSERT INTO regions (code, name, level, parent_code, admin_parent_code, statistical, non_standard,
                          reports_to_province, sort)
     SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(code text, name text, level text, "parentCode" text,
       "adminParentCode" text, statistical boolean, "nonStandard" boolean, "reportsToProvince" boolean, sort int)
     ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, level = EXCLUDED.level,
       parent_code = EXCLUDED.parent_code, admin_parent_code = EXCLUDED.admin_parent_code,
       statistical = EXCLUDED.statistical, non_standard = EXCLUDED.non_standard,
       reports_to_province = EXCLUDED.reports_to_province, sort = EXCLUDED.sort`,
    [JSON.stringify(rows)],
  );
}
