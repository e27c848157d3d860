import {
  ART42_GROUP_LABELS,
  ART42_GROUPS,
  type Art42Group,
  isValidIdNumber,
  MAX_MONTHLY_MONEY,
  normaliseCode,
} from '@hexie/core';
import type { Tx } from '../../db/pool.js';
import { audit, changes } from '../../platform/audit.js';
import type { ServiceContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import type { CellProblem, ImportSpec, ParseResult, TemplateColumn, UpsertCounts } from '../../platform/import/spec.js';
import { notifyPlanListeners } from './layoffs.events.js';
import { auditableStaff, staffRecordOf } from './layoffs.presenter.js';
import * as repo from './layoffs.repository.js';

/**
 * 被裁减人员名单 through the import engine (platform/import): each row names its plan by the enterprise's 统一社会信用代码
 * and the plan's 年度 (one plan per enterprise and year), then the person by their 公民身份号码. Every row is checked
 * before anything is written (the engine: all rows or none); a person already on the plan's list is updated, a new one
 * added, nobody is removed (that is the form's). Each plan whose list changed moves its version and is audited with the
 * people added and changed, ID numbers masked.
 */

export interface StaffImportRow {
  creditCode: string;
  year: number;
  record: repo.StaffRecord;
}

/** Words people write for the 第四十二条 grounds; blank, 否 or 无 is none. */
const GROUND_WORDS = new Map<string, Art42Group>([
  ...ART42_GROUPS.map((g) => [ART42_GROUP_LABELS[g]['zh-CN'], g] as const),
  ...ART42_GROUPS.map((g) => [g, g] as const),
  ['职业病危害', 'occupational_exposure'],
  ['疑似职业病', 'occupational_exposure'],
  ['职业病', 'work_injury'],
  ['工伤', 'work_injury'],
  ['因工负伤', 'work_injury'],
  ['医疗期', 'medical_period'],
  ['孕期', 'maternity'],
  ['产期', 'maternity'],
  ['哺乳期', 'maternity'],
  ['三期', 'maternity'],
  ['孕期、产期、哺乳期', 'maternity'],
  ['连续工作满十五年', 'long_service'],
  ['满十五年且距退休不足五年', 'long_service'],
  ['其他', 'other_law'],
  ['其他法定情形', 'other_law'],
]);
const NO_GROUND = new Set(['', '否', '无', '不属于']);

/**
 * The template's columns. The ID number comes first: the engine names the first column when a row repeats another, and a
 * person is the same person by their ID number.
 */
export const STAFF_COLUMNS: readonly TemplateColumn[] = [
  {
    key: 'idNumber',
    header: '公民身份号码',
    aliases: ['身份证号码', '身份证号'],
    required: true,
    kind: 'code',
    hint: '18 位，请将单元格设为文本格式',
    width: 22,
  },
  { key: 'name', header: '姓名', required: true, kind: 'text', width: 12 },
  { key: 'position', header: '岗位', aliases: ['工作岗位'], kind: 'text', width: 16 },
  {
    key: 'serviceStart',
    header: '入职日期',
    aliases: ['入职时间', '参加工作时间'],
    required: true,
    kind: 'date',
    hint: '在本单位的入职日期，如 2018-03-01',
    width: 14,
  },
  {
    key: 'averageMonthlyWage',
    header: '月平均工资（元）',
    aliases: ['月平均工资', '解除前十二个月平均工资'],
    required: true,
    kind: 'number',
    hint: '解除劳动合同前十二个月的月平均工资',
    width: 16,
  },
  {
    key: 'protectedGround',
    header: '第四十二条情形',
    aliases: ['受保护情形', '不得裁减情形'],
    kind: 'text',
    hint: '不属于的留空；属于的填 医疗期、孕期、哺乳期、工伤、职业病危害、连续工作满十五年、其他',
    width: 22,
  },
  {
    key: 'creditCode',
    header: '统一社会信用代码',
    aliases: ['社会信用代码', '信用代码'],
    required: true,
    kind: 'code',
    hint: '裁员企业的代码，18 位，请将单元格设为文本格式',
    width: 24,
  },
  { key: 'year', header: '方案年度', aliases: ['年度'], required: true, kind: 'number', hint: '如 2026', width: 10 },
];

/** One spreadsheet row: the plan's key and the person, checked as the form checks them. */
export function parseStaffRow(cells: Readonly<Record<string, string>>): ParseResult<StaffImportRow> {
  const problems: CellProblem[] = [];
  const cell = (k: string) => cells[k] ?? '';
  for (const col of STAFF_COLUMNS)
    if (col.required && !cell(col.key)) problems.push({ column: col.key, code: 'required' });

  const creditCode = normaliseCode(cell('creditCode'));
  const year = Number(cell('year'));
  if (cell('year') && (!Number.isInteger(year) || year < 2000 || year > 2100)) {
    problems.push({ column: 'year', code: 'invalid_value' });
  }
  const name = cell('name');
  if (name && name.length < 2) problems.push({ column: 'name', code: 'too_short', params: { min: 2 } });
  if (name.length > 30) problems.push({ column: 'name', code: 'too_long', params: { max: 30 } });
  const idNumber = normaliseCode(cell('idNumber'));
  if (idNumber && !isValidIdNumber(idNumber)) problems.push({ column: 'idNumber', code: 'invalid_id_number' });
  const position = cell('position');
  if (position.length > 50) problems.push({ column: 'position', code: 'too_long', params: { max: 50 } });
  const wage = Number(cell('averageMonthlyWage'));
  if (cell('averageMonthlyWage') && !Number.isFinite(wage)) {
    problems.push({ column: 'averageMonthlyWage', code: 'invalid_type' });
  } else if (wage < 0) problems.push({ column: 'averageMonthlyWage', code: 'too_small', params: { min: 0 } });
  else if (wage > MAX_MONTHLY_MONEY) {
    problems.push({ column: 'averageMonthlyWage', code: 'too_big', params: { max: MAX_MONTHLY_MONEY } });
  }
  const groundText = cell('protectedGround');
  const ground = NO_GROUND.has(groundText) ? null : (GROUND_WORDS.get(groundText) ?? undefined);
  if (ground === undefined) problems.push({ column: 'protectedGround', code: 'invalid_value' });
  if (problems.length) return { problems };
  return {
    value: {
      creditCode,
      year,
      record: {
        name,
        idNumber,
        position: position || null,
        serviceStart: cell('serviceStart'),
        averageMonthlyWage: Math.round(wage * 100) / 100,
        protectedGround: ground ?? null,
      },
    },
  };
}

const planKey = (r: { creditCode: string; year: number }) => `${r.creditCode}|${r.year}`;

export const layoffStaffImport: ImportSpec<StaffImportRow> = {
  entity: 'layoff_staff',
  title: { 'zh-CN': '被裁减人员名单', 'en-US': 'People laid off' },
  columns: STAFF_COLUMNS,
  maxRows: 20_000,
  parse: (cells) => parseStaffRow(cells),
  key: (row) => `${planKey(row)}|${row.record.idNumber}`,

  /** The plan exists in the caller's region, and nobody's service starts after its layoff date. */
  async check(ctx, rows) {
    const plans = await repo.plansByCreditCodeYear(ctx.db, ctx.scope.codes, [
      ...new Map(rows.map((r) => [planKey(r), { creditCode: r.creditCode, year: r.year }])).values(),
    ]);
    const problems = new Map<number, CellProblem[]>();
    rows.forEach((r, i) => {
      const plan = plans.get(planKey(r));
      if (!plan) problems.set(i, [{ column: 'creditCode', code: 'plan_not_found', params: { year: r.year } }]);
      else if (r.record.serviceStart > plan.planned_on) {
        problems.set(i, [{ column: 'serviceStart', code: 'after_planned_layoff' }]);
      }
    });
    return problems;
  },

  async upsert(tx: Tx, ctx: ServiceContext, rows): Promise<UpsertCounts> {
    const plans = await repo.plansByCreditCodeYear(tx, ctx.scope.codes, [
      ...new Map(rows.map((r) => [planKey(r), { creditCode: r.creditCode, year: r.year }])).values(),
    ]);
    const byPlan = new Map<string, StaffImportRow[]>();
    for (const r of rows) {
      const plan = plans.get(planKey(r));
      // check() ran before the transaction; a plan gone from the caller's region since then stops the whole import.
      if (!plan) throw new AppError('conflict');
      byPlan.set(plan.id, [...(byPlan.get(plan.id) ?? []), r]);
    }
    await repo.lockPlans(tx, [...byPlan.keys()]);
    const counts: UpsertCounts = { created: 0, updated: 0, unchanged: 0 };
    for (const [planId, planRows] of byPlan) {
      const plan = [...plans.values()].find((p) => p.id === planId) as { id: string; region_code: string };
      const stored = new Map((await repo.staffOf(tx, [planId])).map((s) => [s.id_number, s]));
      const added: repo.StaffRecord[] = [];
      const changed: { id: string; record: repo.StaffRecord; before: unknown; after: unknown }[] = [];
      for (const r of planRows) {
        const old = stored.get(r.record.idNumber);
        if (!old) {
          added.push(r.record);
          continue;
        }
        const diff = changes(staffRecordOf(old), r.record);
        if (!diff) counts.unchanged += 1;
        else
          changed.push({
            id: old.id,
            record: r.record,
            before: auditableStaff(diff.before as Partial<repo.StaffRecord>),
            after: auditableStaff(diff.after as Partial<repo.StaffRecord>),
          });
      }
      if (!added.length && !changed.length) continue;
      await repo.updateStaff(tx, planId, changed);
      await repo.insertStaff(tx, planId, plan.region_code, added);
      await repo.touchPlan(tx, planId);
      counts.created += added.length;
      counts.updated += changed.length;
      await audit(tx, ctx, {
        action: 'layoff_plan.update',
        entityType: 'layoff_plan',
        entityId: planId,
        regionCode: plan.region_code,
        result: 'success',
        details: {
          via: 'import',
          staff: {
            added: added.map((s) => auditableStaff(s)),
            removed: [],
            changed: changed.map((c) => ({ id: c.id, before: c.before, after: c.after })),
          },
        },
      });
      await notifyPlanListeners(tx, ctx, planId);
    }
    return counts;
  },
};
