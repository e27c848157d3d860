import {
  checkEnterprise,
  chinaToday,
  ENTERPRISE_SOURCE_LABELS,
  ENTERPRISE_SOURCES,
  type EnterpriseFields,
  type EnterpriseRecord,
  type EnterpriseSource,
  OWNERSHIP_LABELS,
  OWNERSHIPS,
  type Ownership,
  sizeClassOf,
} from '@hexie/core';
import type { Tx } from '../../db/pool.js';
import { changes } from '../../platform/audit.js';
import type { ServiceContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import type { CellProblem, ImportSpec, ParseResult, TemplateColumn, UpsertCounts } from '../../platform/import/spec.js';
import { recordOf } from './enterprises.presenter.js';
import * as repo from './enterprises.repository.js';

/** A parsed row: the record, and which optional cells the file filled (blank cells never erase stored values). */
export interface EnterpriseImportRow {
  record: EnterpriseRecord;
  given: ReadonlySet<keyof EnterpriseRecord>;
}

const OWNERSHIP_WORDS = new Map<string, Ownership>([
  ...OWNERSHIPS.map((o) => [OWNERSHIP_LABELS[o]['zh-CN'], o] as const),
  ...OWNERSHIPS.map((o) => [o, o] as const),
  ['国有', 'state'],
  ['集体', 'collective'],
  ['私营', 'private'],
  ['民营', 'private'],
  ['股份制', 'joint_stock'],
  ['有限责任公司', 'joint_stock'],
  ['股份有限公司', 'joint_stock'],
  ['外资', 'foreign'],
  ['外商投资', 'foreign'],
  ['港澳台', 'hmt'],
  ['港澳台投资', 'hmt'],
]);

const SOURCE_WORDS = new Map<string, EnterpriseSource>([
  ...ENTERPRISE_SOURCES.map((s) => [ENTERPRISE_SOURCE_LABELS[s]['zh-CN'], s] as const),
  ...ENTERPRISE_SOURCES.map((s) => [s, s] as const),
  ['市场监管', 'market_regulation'],
  ['市场监管局', 'market_regulation'],
  ['工商登记', 'market_regulation'],
  ['社保', 'social_insurance'],
  ['社保参保', 'social_insurance'],
  ['社会保险', 'social_insurance'],
  ['手工', 'manual'],
]);

/** 企业名录导入模板: the Chinese headers in template order; the template offered for download has these. */
export const ENTERPRISE_COLUMNS: readonly TemplateColumn[] = [
  {
    key: 'creditCode',
    header: '统一社会信用代码',
    aliases: ['社会信用代码', '信用代码', '统一代码'],
    required: true,
    kind: 'code',
    hint: '18 位，请将单元格设为文本格式',
    width: 24,
  },
  {
    key: 'name',
    header: '企业名称',
    aliases: ['单位名称', '企业（单位）名称'],
    required: true,
    kind: 'text',
    width: 32,
  },
  {
    key: 'regionCode',
    header: '所属区划',
    aliases: ['所在地区', '所属地区', '区划', '区划代码'],
    required: true,
    kind: 'text',
    hint: '区划代码（如 220102）或名称（如 长春市南关区）',
    width: 18,
  },
  {
    key: 'industryCode',
    header: '行业代码',
    aliases: ['国民经济行业代码', '行业分类代码'],
    required: true,
    kind: 'code',
    hint: 'GB/T 4754-2017 门类字母或 2–4 位代码，如 C、3311',
    width: 12,
  },
  {
    key: 'ownership',
    header: '登记注册类型',
    aliases: ['企业类型', '经济类型'],
    kind: 'text',
    hint: '国有企业、私营企业等',
    width: 16,
  },
  {
    key: 'employees',
    header: '从业人员数',
    aliases: ['从业人员', '职工人数', '从业人员（人）'],
    kind: 'number',
    width: 12,
  },
  { key: 'revenue', header: '营业收入（万元）', aliases: ['营业收入'], kind: 'number', width: 16 },
  { key: 'assets', header: '资产总额（万元）', aliases: ['资产总额'], kind: 'number', width: 16 },
  {
    key: 'registeredOn',
    header: '成立日期',
    aliases: ['登记日期', '注册日期', '成立时间'],
    kind: 'date',
    hint: '如 2026-03-02',
    width: 14,
  },
  { key: 'address', header: '注册地址', aliases: ['地址', '住所'], kind: 'text', width: 36 },
  { key: 'legalRepresentative', header: '法定代表人', aliases: ['法人代表', '法人'], kind: 'text', width: 12 },
  { key: 'contactName', header: '联系人', kind: 'text', width: 12 },
  {
    key: 'contactPhone',
    header: '联系电话',
    aliases: ['联系方式', '电话'],
    kind: 'code',
    hint: '手机号或带区号的固定电话',
    width: 16,
  },
  {
    key: 'source',
    header: '数据来源',
    aliases: ['来源'],
    kind: 'text',
    hint: '市场监管登记 / 社保参保登记 / 手工录入',
    width: 14,
  },
];

const OPTIONAL_KEYS = [
  'ownership',
  'employees',
  'revenue',
  'assets',
  'registeredOn',
  'address',
  'legalRepresentative',
  'contactName',
  'contactPhone',
  'source',
] as const satisfies readonly (keyof EnterpriseRecord)[];

function number(
  cells: Readonly<Record<string, string>>,
  key: 'employees' | 'revenue' | 'assets',
  problems: CellProblem[],
): number | null {
  const raw = cells[key] ?? '';
  if (raw === '') return null;
  const n = Number(raw.replace(/,/g, ''));
  if (!Number.isFinite(n)) problems.push({ column: key, code: 'invalid_type' });
  else if (n < 0) problems.push({ column: key, code: 'too_small', params: { min: 0 } });
  else if (key === 'employees' && !Number.isInteger(n)) problems.push({ column: key, code: 'invalid_type' });
  else return n;
  return null;
}

/** One spreadsheet row to a record, with the same rules as the form (core checkEnterprise) and the caller's scope. */
export function parseEnterpriseRow(
  cells: Readonly<Record<string, string>>,
  ctx: ServiceContext,
): ParseResult<EnterpriseImportRow> {
  const problems: CellProblem[] = [];
  const cell = (k: string) => cells[k] ?? '';
  for (const col of ENTERPRISE_COLUMNS)
    if (col.required && !cell(col.key)) problems.push({ column: col.key, code: 'required' });

  const region = cell('regionCode') ? ctx.regions.resolve(cell('regionCode')) : undefined;
  if (cell('regionCode') && !region) problems.push({ column: 'regionCode', code: 'unknown_region' });
  else if (region && !ctx.scope.includes(region.code))
    problems.push({ column: 'regionCode', code: 'region_out_of_scope' });

  const ownership = cell('ownership') ? OWNERSHIP_WORDS.get(cell('ownership')) : undefined;
  if (cell('ownership') && !ownership) problems.push({ column: 'ownership', code: 'invalid_value' });
  const source = cell('source') ? SOURCE_WORDS.get(cell('source')) : undefined;
  if (cell('source') && !source) problems.push({ column: 'source', code: 'invalid_value' });

  const employees = number(cells, 'employees', problems);
  const revenue = number(cells, 'revenue', problems);
  const assets = number(cells, 'assets', problems);
  if (problems.some((p) => p.code === 'required')) return { problems };

  const fields: EnterpriseFields = {
    creditCode: cell('creditCode'),
    name: cell('name'),
    regionCode: region?.code ?? '000000',
    industryCode: cell('industryCode'),
    ownership: ownership ?? null,
    employees,
    revenue,
    assets,
    registeredOn: cell('registeredOn') || null,
    address: cell('address') || null,
    legalRepresentative: cell('legalRepresentative') || null,
    contactName: cell('contactName') || null,
    contactPhone: cell('contactPhone') || null,
    source: source ?? 'manual',
  };
  const checked = checkEnterprise(fields, chinaToday());
  if (checked.problems)
    problems.push(
      ...checked.problems.map((p) => ({ column: p.field, code: p.code, ...(p.params ? { params: p.params } : {}) })),
    );
  if (fields.name.length > 100) problems.push({ column: 'name', code: 'too_long', params: { max: 100 } });
  if (problems.length || !checked.record) return { problems };
  const given = new Set<keyof EnterpriseRecord>(OPTIONAL_KEYS.filter((k) => cell(k) !== ''));
  return { value: { record: checked.record, given } };
}

/** A stored record updated with what a row gives; the size class recomputed from the merged figures. */
function merge(stored: EnterpriseRecord, row: EnterpriseImportRow): EnterpriseRecord {
  const next: EnterpriseRecord = {
    ...stored,
    name: row.record.name,
    regionCode: row.record.regionCode,
    industryCode: row.record.industryCode,
  };
  for (const key of row.given) (next as Record<string, unknown>)[key] = row.record[key];
  next.sizeClass = sizeClassOf(next);
  next.creditCodeOverrideReason = stored.creditCodeOverrideReason;
  return next;
}

export const enterpriseImport: ImportSpec<EnterpriseImportRow> = {
  entity: 'enterprise',
  title: { 'zh-CN': '企业名录', 'en-US': 'Enterprise register' },
  columns: ENTERPRISE_COLUMNS,
  maxRows: 100_000,
  parse: parseEnterpriseRow,
  key: (row) => row.record.creditCode,

  /** A code already registered in a region the uploader does not hold cannot be updated from here. */
  async check(ctx, rows) {
    const held = await repo.findByCreditCodes(
      ctx.db,
      rows.map((r) => r.record.creditCode),
    );
    const problems = new Map<number, CellProblem[]>();
    rows.forEach((r, i) => {
      const holder = held.get(r.record.creditCode);
      if (holder && !ctx.scope.includes(holder.region_code)) {
        problems.set(i, [{ column: 'creditCode', code: 'credit_code_elsewhere' }]);
      }
    });
    return problems;
  },

  async upsert(tx: Tx, ctx: ServiceContext, rows): Promise<UpsertCounts> {
    const stored = await repo.rowsByCreditCodes(
      tx,
      rows.map((r) => r.record.creditCode),
    );
    const inserts: EnterpriseRecord[] = [];
    const updates: { id: string; record: EnterpriseRecord }[] = [];
    let unchanged = 0;
    for (const row of rows) {
      const existing = stored.get(row.record.creditCode);
      if (!existing) {
        inserts.push(row.record);
        continue;
      }
      // check() ran before the transaction; a record moved out of scope since then stops the whole import.
      if (!ctx.scope.includes(existing.region_code)) throw new AppError('conflict');
      const before = recordOf(existing);
      const after = merge(before, row);
      if (changes(before, after)) updates.push({ id: existing.id, record: after });
      else unchanged += 1;
    }
    await repo.insertMany(tx, inserts, ctx.actor.id);
    await repo.updateMany(tx, updates, ctx.actor.id);
    return { created: inserts.length, updated: updates.length, unchanged };
  },
};
