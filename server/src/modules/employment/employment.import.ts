import { chinaToday, MAX_HEADCOUNT, normaliseCode, parseMonth, reportFilingProblem } from '@hexie/core';
import type { Tx } from '../../db/pool.js';
import type { ServiceContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import type { CellProblem, ImportSpec, ParseResult, TemplateColumn, UpsertCounts } from '../../platform/import/spec.js';
import * as repo from './employment.repository.js';
import { insertReportTx, updateReportTx } from './reports.service.js';

/**
 * 月度用工报告 imported by staff through the engine (platform/import): one row per enterprise and month. Every row
 * is checked (the file's cells, the enterprise in the importer's register, the month's window as for staff) before
 * anything is written; then a row either files the month or corrects the report already filed (audited like the
 * form's, `via: import`). The enterprise is found by its credit code; the name is there for the reader only.
 */

export interface ReportImportRow {
  creditCode: string;
  month: string;
  figures: repo.ReportFigures;
}

const NUMBER_KEYS = ['headcount', 'hires', 'resigned', 'dismissed', 'contractEnded', 'retired', 'other'] as const;
type NumberKey = (typeof NUMBER_KEYS)[number];

export const REPORT_COLUMNS: readonly TemplateColumn[] = [
  {
    key: 'creditCode',
    header: '统一社会信用代码',
    aliases: ['社会信用代码', '信用代码'],
    required: true,
    kind: 'code',
    hint: '18 位，请将单元格设为文本格式',
    width: 24,
  },
  { key: 'enterpriseName', header: '企业名称', aliases: ['单位名称'], kind: 'text', hint: '仅供核对', width: 30 },
  {
    key: 'month',
    header: '报告月份',
    aliases: ['月份', '统计月份'],
    required: true,
    kind: 'text',
    hint: '如 2026-11',
    width: 12,
  },
  {
    key: 'headcount',
    header: '月末职工人数',
    aliases: ['月末人数', '职工人数'],
    required: true,
    kind: 'number',
    width: 14,
  },
  { key: 'hires', header: '本月新增人数', aliases: ['新增人数'], kind: 'number', hint: '空白按 0', width: 14 },
  { key: 'resigned', header: '减少：主动辞职', aliases: ['主动辞职'], kind: 'number', hint: '空白按 0', width: 14 },
  {
    key: 'dismissed',
    header: '减少：单位解除',
    aliases: ['单位解除', '辞退'],
    kind: 'number',
    hint: '空白按 0',
    width: 14,
  },
  {
    key: 'contractEnded',
    header: '减少：劳动合同终止',
    aliases: ['劳动合同终止', '合同终止'],
    kind: 'number',
    hint: '空白按 0',
    width: 18,
  },
  { key: 'retired', header: '减少：退休', aliases: ['退休'], kind: 'number', hint: '空白按 0', width: 12 },
  { key: 'other', header: '减少：其他原因', aliases: ['其他原因'], kind: 'number', hint: '空白按 0', width: 14 },
  { key: 'note', header: '备注', kind: 'text', width: 30 },
];

/** One row to a report (pure): counts are whole numbers from 0; the month is one whose window has opened. */
export function parseReportRow(cells: Readonly<Record<string, string>>): ParseResult<ReportImportRow> {
  const problems: CellProblem[] = [];
  const cell = (k: string) => cells[k] ?? '';
  for (const col of REPORT_COLUMNS) {
    if (col.required && !cell(col.key)) problems.push({ column: col.key, code: 'required' });
  }
  const month = cell('month') ? parseMonth(cell('month')) : null;
  if (cell('month') && !month) problems.push({ column: 'month', code: 'invalid_format' });
  if (month) {
    const refused = reportFilingProblem(month, chinaToday(), 'staff');
    if (refused) problems.push({ column: 'month', code: 'report_not_due', params: { opens: refused.opens } });
  }
  const n: Partial<Record<NumberKey, number>> = {};
  for (const key of NUMBER_KEYS) {
    const raw = cell(key);
    if (raw === '') {
      n[key] = 0;
      continue;
    }
    const v = Number(raw);
    if (!Number.isFinite(v) || !Number.isInteger(v)) problems.push({ column: key, code: 'invalid_type' });
    else if (v < 0) problems.push({ column: key, code: 'too_small', params: { min: 0 } });
    else if (v > MAX_HEADCOUNT) problems.push({ column: key, code: 'too_big', params: { max: MAX_HEADCOUNT } });
    else n[key] = v;
  }
  if (cell('note').length > 500) problems.push({ column: 'note', code: 'too_long', params: { max: 500 } });
  if (problems.length || !month) return { problems };
  return {
    value: {
      creditCode: normaliseCode(cell('creditCode')),
      month,
      figures: {
        headcount: n.headcount ?? 0,
        hires: n.hires ?? 0,
        resigned: n.resigned ?? 0,
        dismissed: n.dismissed ?? 0,
        contractEnded: n.contractEnded ?? 0,
        retired: n.retired ?? 0,
        other: n.other ?? 0,
        note: cell('note') || null,
      },
    },
  };
}

export const reportImport: ImportSpec<ReportImportRow> = {
  entity: 'employment_report',
  title: { 'zh-CN': '月度用工报告', 'en-US': 'Monthly employment reports' },
  columns: REPORT_COLUMNS,
  maxRows: 50_000,
  parse: (cells) => parseReportRow(cells),
  key: (row) => `${row.creditCode}|${row.month}`,

  /** The enterprise must be in the importer's register (one elsewhere reads as unknown: nothing leaks). */
  async check(ctx, rows) {
    const found = await repo.enterprisesByCreditCode(
      ctx.db,
      rows.map((r) => r.creditCode),
    );
    const problems = new Map<number, CellProblem[]>();
    rows.forEach((r, i) => {
      const e = found.get(r.creditCode);
      if (!e || !ctx.scope.includes(e.region_code)) {
        problems.set(i, [{ column: 'creditCode', code: 'enterprise_not_found', params: { value: r.creditCode } }]);
      }
    });
    return problems;
  },

  async upsert(tx: Tx, ctx: ServiceContext, rows): Promise<UpsertCounts> {
    const today = chinaToday();
    const enterprises = await repo.enterprisesByCreditCode(
      tx,
      rows.map((r) => r.creditCode),
    );
    const counts: UpsertCounts = { created: 0, updated: 0, unchanged: 0 };
    for (const row of rows) {
      const enterprise = enterprises.get(row.creditCode);
      // check() ran before the transaction; an enterprise moved out of scope since then stops the whole import.
      if (!enterprise || !ctx.scope.includes(enterprise.region_code)) throw new AppError('conflict');
      const existing = await repo.reportIdOf(tx, enterprise.id, row.month);
      if (!existing) {
        await insertReportTx(tx, ctx, { enterprise, month: row.month, figures: row.figures, source: 'import' }, today);
        counts.created += 1;
        continue;
      }
      const stored = await repo.getReport(tx, ctx.scope.codes, existing.id, true);
      if (!stored) throw new AppError('conflict');
      if (await updateReportTx(tx, ctx, stored, row.figures, 'import')) counts.updated += 1;
      else counts.unchanged += 1;
    }
    return counts;
  },
};
