import {
  chinaToday,
  FILING_STATUS_LABELS,
  FILING_STATUSES,
  type FilingStatus,
  MEDIATION_ORG_TYPE_LABELS,
  MEDIATION_ORG_TYPES,
  type MediationOrgListQuery,
  type MediationOrgType,
  type MediatorListQuery,
  maskIdNumber,
  maskPhone,
  mediationOrgFields,
  mediationOrgProblems,
  mediatorFields,
  mediatorProblems,
  normaliseCode,
  type RecordProblem,
} from '@hexie/core';
import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import type { Queryable, Tx } from '../../db/pool.js';
import { audit, changes } from '../../platform/audit.js';
import type { ServiceContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { type CellInput, countRows, type ExportColumn, sendXlsx, streamQuery } from '../../platform/export/xlsx.js';
import { textDate } from '../../platform/import/engine.js';
import type { CellProblem, ImportSpec, ParseResult, TemplateColumn, UpsertCounts } from '../../platform/import/spec.js';
import { regionCodesOf } from '../enterprises/enterprises.service.js';
import type * as repo from './mediation.repository.js';
import { insertMediator, insertOrg, updateMediator, updateOrg } from './mediation.repository.js';
import { auditable, auditableMediator, mediatorRecordOf, orgRecordOf } from './orgs.service.js';
import * as tr from './transfer.repository.js';

/**
 * 附件3 劳动人事争议调解组织情况表 and 附件4 劳动人事争议调解组织调解员情况表: the registers' import (through the
 * import engine, platform/import) and export (platform/export) in the same columns, so an export can be corrected
 * and imported again. The rules are core's (mediationOrgFields, mediationOrgProblems, mediatorFields,
 * mediatorProblems); what lives here is how the sheets write them: words for codes (专职/兼职, 是/否, 已备案 …), the
 * trainings as one cell of text, and how a row finds its record.
 *
 * - An organisation is its (region, name) (mediation_orgs_name_idx): a row in a region outside the importer's is a
 *   cell error. A mediator's row names its organisation, found by name within the importer's region (the optional
 *   所属区划 tells apart two of the same name), and then the person by ID number within it, else by name.
 * - Blank optional cells never erase what is stored. A masked number as the export writes it (138****5678) keeps the
 *   stored number it masks; anything else masked is an error (the full number is never guessed).
 * - Every record created or changed is audited on its own (ID and phone masked in the log), besides the engine's
 *   one event for the import.
 */

export const ORG_SHEET_TITLE = '劳动人事争议调解组织情况表';
export const MEDIATOR_SHEET_TITLE = '劳动人事争议调解组织调解员情况表';

// ——— words ———

/** A cell's word as it is compared: full-width to half-width, no spaces, Latin letters upper-case. */
const word = (text: string) => text.normalize('NFKC').replace(/\s/g, '').toUpperCase();
const wordsOf = <T>(pairs: readonly (readonly [string, T])[]) => new Map(pairs.map(([w, v]) => [word(w), v] as const));

const ORG_TYPE_WORDS = wordsOf<MediationOrgType>([
  ...MEDIATION_ORG_TYPES.map((t) => [MEDIATION_ORG_TYPE_LABELS[t]['zh-CN'], t] as const),
  ...MEDIATION_ORG_TYPES.map((t) => [t, t] as const),
  ['乡镇（街道）', 'township_street'],
  ['乡镇街道', 'township_street'],
  ['乡镇', 'township_street'],
  ['街道', 'township_street'],
  ['乡镇（街道）调解组织', 'township_street'],
  ['企业', 'enterprise'],
  ['企业调解委员会', 'enterprise'],
  ['企业劳动争议调解委员会', 'enterprise'],
  ['行业性区域性', 'industry_regional'],
  ['行业性、区域性', 'industry_regional'],
  ['行业性', 'industry_regional'],
  ['区域性', 'industry_regional'],
  ['商会', 'chamber'],
  ['商会调解组织', 'chamber'],
  ['其他', 'other'],
  ['其它', 'other'],
]);

const FILING_WORDS = wordsOf<FilingStatus>([
  ...FILING_STATUSES.map((f) => [FILING_STATUS_LABELS[f]['zh-CN'], f] as const),
  ...FILING_STATUSES.map((f) => [f, f] as const),
  ['待备案', 'pending'],
  // the column as 是否备案
  ['是', 'filed'],
  ['否', 'not_filed'],
]);

const YES_NO = wordsOf<boolean>([
  ['是', true],
  ['有', true],
  ['已上墙', true],
  ['√', true],
  ['✓', true],
  ['Y', true],
  ['YES', true],
  ['TRUE', true],
  ['1', true],
  ['否', false],
  ['无', false],
  ['未上墙', false],
  ['×', false],
  ['✗', false],
  ['N', false],
  ['NO', false],
  ['FALSE', false],
  ['0', false],
]);
const YES = '是';
const NO = '否';

const ORG_ACTIVE = { yes: '正常', no: '已撤销' };
const ORG_ACTIVE_WORDS = wordsOf<boolean>([
  [ORG_ACTIVE.yes, true],
  ['在用', true],
  ['运行', true],
  ['有效', true],
  ['是', true],
  [ORG_ACTIVE.no, false],
  ['撤销', false],
  ['停用', false],
  ['注销', false],
  ['已注销', false],
  ['否', false],
]);

const MEDIATOR_ACTIVE = { yes: '在册', no: '已离任' };
const MEDIATOR_ACTIVE_WORDS = wordsOf<boolean>([
  [MEDIATOR_ACTIVE.yes, true],
  ['在职', true],
  ['正常', true],
  ['有效', true],
  ['是', true],
  [MEDIATOR_ACTIVE.no, false],
  ['离任', false],
  ['不在册', false],
  ['停用', false],
  ['注销', false],
  ['已注销', false],
  ['否', false],
]);

const FULL_TIME = { yes: '专职', no: '兼职' };
const FULL_TIME_WORDS = wordsOf<boolean>([
  [FULL_TIME.yes, true],
  [FULL_TIME.no, false],
]);

// ——— trainings: one cell, “2026-05-20 劳动争议调解实务培训 16学时；2025-11-03 …” ———

type Training = repo.MediatorRecord['trainings'][number];

const TRAINING = /^(\S+)\s+(.+?)(?:\s+(\d+(?:\.\d+)?)\s*(?:学时|小时|课时|H)?)?$/i;

/** The trainings written in one cell, or null when one of them is not “date title [hours学时]”. */
export function parseTrainings(text: string): Training[] | null {
  const out: Training[] = [];
  for (const part of text.split(/[；;\n]+/)) {
    const item = part.trim();
    if (!item) continue;
    const m = TRAINING.exec(item.normalize('NFKC'));
    const on = m ? textDate(m[1] as string) : null;
    if (!m || !on) return null;
    out.push({ on, title: (m[2] as string).trim(), hours: m[3] ? Number(m[3]) : 0 });
  }
  return out;
}

/** The trainings as the cell writes them (parseTrainings reads it back). */
export function formatTrainings(trainings: readonly Training[]): string {
  return trainings.map((t) => `${t.on} ${t.title}${t.hours ? ` ${t.hours}学时` : ''}`).join('；');
}

// ——— shared by both sheets ———

const MASK_CHAR = /[*＊]/;

/** Zod issues of core's schema as problems of the sheet's columns (the field names are the column keys). */
function schemaProblems(error: z.ZodError, columnOf: (field: string) => string | null): CellProblem[] {
  const out: CellProblem[] = [];
  for (const issue of error.issues) {
    const column = columnOf(String(issue.path[0] ?? ''));
    if (!column) continue;
    if (column === 'trainings') out.push({ column, code: 'training_format' });
    else if (issue.code === 'too_small' && issue.origin === 'string') {
      const min = Number(issue.minimum);
      out.push(min <= 1 ? { column, code: 'required' } : { column, code: 'too_short', params: { min } });
    } else if (issue.code === 'too_big' && issue.origin === 'string') {
      out.push({ column, code: 'too_long', params: { max: Number(issue.maximum) } });
    } else if (issue.code === 'invalid_format') out.push({ column, code: 'invalid_format' });
    else out.push({ column, code: 'invalid_value' });
  }
  return out;
}

const asCells = (problems: readonly RecordProblem[]): CellProblem[] =>
  problems.map((p) => ({ column: p.field, code: p.code }));

/** A word column: its value, undefined when blank, or a problem when the word is not known. */
function wordCell<T>(
  cells: Readonly<Record<string, string>>,
  column: string,
  words: ReadonlyMap<string, T>,
  problems: CellProblem[],
): T | undefined {
  const raw = cells[column] ?? '';
  if (!raw) return undefined;
  const v = words.get(word(raw));
  if (v === undefined) problems.push({ column, code: 'invalid_value' });
  return v;
}

/** The region cell: known, and inside the importer's region. */
function regionCell(
  ctx: ServiceContext,
  cells: Readonly<Record<string, string>>,
  column: string,
  problems: CellProblem[],
): string | undefined {
  const raw = cells[column] ?? '';
  if (!raw) return undefined;
  const region = ctx.regions.resolve(raw);
  if (!region) problems.push({ column, code: 'unknown_region' });
  else if (!ctx.scope.includes(region.code)) problems.push({ column, code: 'region_out_of_scope' });
  else return region.code;
  return undefined;
}

function requireCells(
  columns: readonly TemplateColumn[],
  cells: Readonly<Record<string, string>>,
  problems: CellProblem[],
): void {
  for (const col of columns) if (col.required && !cells[col.key]) problems.push({ column: col.key, code: 'required' });
}

type Plan<R> =
  | { problems: CellProblem[] }
  | { action: 'create'; after: R }
  | { action: 'update'; id: string; before: R; after: R }
  | { action: 'unchanged' };

const problemsOf = <R>(plans: readonly Plan<R>[]) => {
  const out = new Map<number, CellProblem[]>();
  plans.forEach((p, i) => {
    if ('problems' in p && p.problems.length) out.set(i, p.problems);
  });
  return out;
};

/** The engine's check ran before the transaction: a row whose plan changed since then stops the whole import. */
function assertStillValid<R>(plans: readonly Plan<R>[]): void {
  if (plans.some((p) => 'problems' in p)) throw new AppError('conflict');
}

// ——— 附件3 调解组织 ———

/** 劳动人事争议调解组织情况表: the template's columns, in order (the export writes the same). */
export const ORG_COLUMNS: readonly TemplateColumn[] = [
  {
    key: 'name',
    header: '调解组织名称',
    aliases: ['组织名称', '调解组织', '名称'],
    required: true,
    kind: 'text',
    hint: '规范名称，如 长春市朝阳区红旗街道劳动争议调解委员会',
    width: 40,
  },
  {
    key: 'regionCode',
    header: '所属区划',
    aliases: ['所在地区', '所属地区', '区划', '区划代码', '行政区划'],
    required: true,
    kind: 'text',
    hint: '区划代码（如 220104）或名称（如 长春市朝阳区）',
    width: 18,
  },
  {
    key: 'type',
    header: '组织类型',
    aliases: ['调解组织类型', '类型', '类别'],
    required: true,
    kind: 'text',
    hint: '乡镇（街道）/ 企业 / 行业性区域性 / 商会 / 其他',
    width: 30,
  },
  { key: 'address', header: '地址', aliases: ['办公地址', '办公地点', '详细地址'], kind: 'text', width: 36 },
  {
    key: 'hasOffice',
    header: '办公场所',
    aliases: ['专门办公场所', '有无办公场所'],
    kind: 'text',
    hint: '有专门的办公场所和办公设施：是 / 否',
    width: 10,
  },
  {
    key: 'hasSign',
    header: '名称标识',
    aliases: ['规范名称标识', '有无标识', '标识'],
    kind: 'text',
    hint: '名称和标识规范：是 / 否',
    width: 10,
  },
  {
    key: 'rulesPosted',
    header: '制度上墙',
    aliases: ['工作制度上墙', '制度是否上墙'],
    kind: 'text',
    hint: '调解工作程序、工作职责和调解员行为规范上墙公布：是 / 否',
    width: 10,
  },
  {
    key: 'filingStatus',
    header: '备案状态',
    aliases: ['备案情况', '是否备案'],
    kind: 'text',
    hint: '已备案 / 备案中 / 未备案',
    width: 10,
  },
  {
    key: 'filedOn',
    header: '备案日期',
    aliases: ['备案时间'],
    kind: 'date',
    hint: '如 2026-03-02；已备案的必填',
    width: 14,
  },
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
    key: 'active',
    header: '状态',
    aliases: ['组织状态', '运行状态'],
    kind: 'text',
    hint: '正常 / 已撤销（空白为正常）',
    width: 10,
  },
];

/** Optional columns of an organisation: blank leaves the stored value. */
const ORG_OPTIONAL = [
  'address',
  'hasOffice',
  'hasSign',
  'rulesPosted',
  'filingStatus',
  'filedOn',
  'contactName',
  'contactPhone',
  'active',
] as const satisfies readonly (keyof repo.OrgRecord)[];

export interface OrgImportRow {
  /** the record as the row gives it (defaults where blank: a new organisation is stored so) */
  record: repo.OrgRecord;
  /** optional cells the row filled */
  given: ReadonlySet<keyof repo.OrgRecord>;
  /** the contact phone as the export masks it: keeps the stored number when it masks it */
  maskedPhone: string | null;
}

const ORG_FIELDS = new Set(ORG_COLUMNS.map((c) => c.key));

/** One row of 附件3 to an organisation: core's rules, the words, the caller's region. Pure. */
export function parseOrgRow(cells: Readonly<Record<string, string>>, ctx: ServiceContext): ParseResult<OrgImportRow> {
  const problems: CellProblem[] = [];
  const cell = (k: string) => cells[k] ?? '';
  requireCells(ORG_COLUMNS, cells, problems);
  const regionCode = regionCell(ctx, cells, 'regionCode', problems);
  const type = wordCell(cells, 'type', ORG_TYPE_WORDS, problems);
  const hasOffice = wordCell(cells, 'hasOffice', YES_NO, problems);
  const hasSign = wordCell(cells, 'hasSign', YES_NO, problems);
  const rulesPosted = wordCell(cells, 'rulesPosted', YES_NO, problems);
  const filingStatus = wordCell(cells, 'filingStatus', FILING_WORDS, problems);
  const active = wordCell(cells, 'active', ORG_ACTIVE_WORDS, problems);
  const phone = cell('contactPhone');
  const maskedPhone = MASK_CHAR.test(phone) ? phone : null;
  const contactPhone = phone && !maskedPhone ? phone : null;
  // The phone's rule now; the filing date's once the stored record is known (a blank cell keeps the stored date).
  problems.push(
    ...asCells(mediationOrgProblems({ filingStatus: 'not_filed', filedOn: null, contactPhone })).filter(
      (p) => !problems.some((q) => q.column === p.column),
    ),
  );
  const shape = mediationOrgFields.safeParse({
    name: cell('name'),
    type: type ?? 'other',
    regionCode: regionCode ?? '220000',
    address: cell('address') || null,
    filedOn: cell('filedOn') || null,
    contactName: cell('contactName') || null,
    contactPhone,
  });
  if (!shape.success) {
    for (const p of schemaProblems(shape.error, (f) => (ORG_FIELDS.has(f) ? f : null))) {
      if (!problems.some((q) => q.column === p.column)) problems.push(p);
    }
  }
  if (problems.length || !regionCode || !type) return { problems };
  const record: repo.OrgRecord = {
    name: cell('name'),
    type,
    regionCode,
    address: cell('address') || null,
    hasOffice: hasOffice ?? false,
    hasSign: hasSign ?? false,
    rulesPosted: rulesPosted ?? false,
    filingStatus: filingStatus ?? 'not_filed',
    filedOn: cell('filedOn') || null,
    contactName: cell('contactName') || null,
    contactPhone,
    active: active ?? true,
  };
  const given = new Set<keyof repo.OrgRecord>(ORG_OPTIONAL.filter((k) => cell(k) !== ''));
  if (maskedPhone) given.delete('contactPhone');
  return { value: { record, given, maskedPhone } };
}

/** What each row does to the stored register: create, update (what changes), nothing, or why it cannot. */
async function planOrgs(db: Queryable, rows: readonly OrgImportRow[], lock: boolean): Promise<Plan<repo.OrgRecord>[]> {
  const stored = await tr.orgsByKeys(
    db,
    rows.map((r) => ({ regionCode: r.record.regionCode, name: r.record.name })),
    lock,
  );
  return rows.map((row) => {
    const existing = stored.get(tr.orgKeyOf(row.record.regionCode, row.record.name));
    const before = existing ? orgRecordOf(existing) : null;
    const after: repo.OrgRecord = before ? { ...before, type: row.record.type } : { ...row.record };
    if (before) for (const k of row.given) (after as Record<string, unknown>)[k] = row.record[k];
    const problems: CellProblem[] = [];
    if (row.maskedPhone) {
      if (before?.contactPhone && maskPhone(before.contactPhone) === row.maskedPhone) {
        after.contactPhone = before.contactPhone;
      } else problems.push({ column: 'contactPhone', code: 'masked_value' });
    }
    problems.push(...asCells(mediationOrgProblems(after)));
    if (problems.length) return { problems };
    if (!existing || !before) return { action: 'create', after };
    return changes(before, after) ? { action: 'update', id: existing.id, before, after } : { action: 'unchanged' };
  });
}

export const orgImport: ImportSpec<OrgImportRow> = {
  entity: 'mediation_org',
  title: { 'zh-CN': ORG_SHEET_TITLE, 'en-US': 'Mediation organisations' },
  columns: ORG_COLUMNS,
  parse: parseOrgRow,
  key: (row) => tr.orgKeyOf(row.record.regionCode, row.record.name),

  async check(ctx, rows) {
    return problemsOf(await planOrgs(ctx.db, rows, false));
  },

  async upsert(tx: Tx, ctx: ServiceContext, rows): Promise<UpsertCounts> {
    const plans = await planOrgs(tx, rows, true);
    assertStillValid(plans);
    const counts: UpsertCounts = { created: 0, updated: 0, unchanged: 0 };
    for (const plan of plans) {
      if (!('action' in plan) || plan.action === 'unchanged') {
        counts.unchanged += 1;
        continue;
      }
      if (plan.action === 'create') {
        const id = await insertOrg(tx, plan.after);
        await audit(tx, ctx, {
          action: 'mediation_org.create',
          entityType: 'mediation_org',
          entityId: id,
          regionCode: plan.after.regionCode,
          result: 'success',
          details: { via: 'import', after: auditable(plan.after) },
        });
        counts.created += 1;
        continue;
      }
      await updateOrg(tx, plan.id, plan.after);
      const diff = changes(plan.before, plan.after);
      await audit(tx, ctx, {
        action: 'mediation_org.update',
        entityType: 'mediation_org',
        entityId: plan.id,
        regionCode: plan.after.regionCode,
        result: 'success',
        details: { via: 'import', before: auditable(diff?.before ?? {}), after: auditable(diff?.after ?? {}) },
      });
      counts.updated += 1;
    }
    return counts;
  },
};

// ——— 附件4 调解员 ———

/** 劳动人事争议调解组织调解员情况表: the template's columns, in order (the export writes the same). */
export const MEDIATOR_COLUMNS: readonly TemplateColumn[] = [
  { key: 'name', header: '姓名', aliases: ['调解员姓名'], required: true, kind: 'text', width: 12 },
  {
    key: 'idNumber',
    header: '公民身份号码',
    aliases: ['身份证号码', '身份证号', '证件号码'],
    kind: 'code',
    hint: '18 位，请将单元格设为文本格式',
    width: 22,
  },
  {
    key: 'orgName',
    header: '调解组织名称',
    aliases: ['所在调解组织', '所属调解组织', '调解组织'],
    required: true,
    kind: 'text',
    hint: '与调解组织情况表中的名称一致',
    width: 40,
  },
  {
    key: 'orgRegion',
    header: '所属区划',
    aliases: ['所在地区', '所属地区', '区划', '区划代码'],
    kind: 'text',
    hint: '调解组织所在区划；您的管辖范围内有同名调解组织时必填',
    width: 18,
  },
  {
    key: 'fullTime',
    header: '专职/兼职',
    aliases: ['专兼职', '专职或兼职', '调解员类别'],
    required: true,
    kind: 'text',
    hint: '专职 / 兼职',
    width: 10,
  },
  { key: 'phone', header: '联系电话', aliases: ['手机号码', '联系方式', '电话'], kind: 'code', width: 16 },
  {
    key: 'trainings',
    header: '培训情况',
    aliases: ['培训记录', '参加培训情况'],
    kind: 'text',
    hint: '每次培训写作“2026-05-20 培训名称 16学时”，多次用分号隔开；填写后替换已登记的培训记录',
    width: 48,
  },
  {
    key: 'active',
    header: '状态',
    aliases: ['在册状态'],
    kind: 'text',
    hint: '在册 / 已离任（空白为在册）',
    width: 10,
  },
];

export interface MediatorImportRow {
  name: string;
  orgName: string;
  /** 所属区划 when given: the organisation is looked for in it (and below it) */
  orgRegion: string | null;
  fullTime: boolean;
  /** the full ID number, when given */
  idNumber: string | null;
  /** the ID number as the export masks it (110105********002X) */
  maskedId: string | null;
  phone: string | null;
  maskedPhone: string | null;
  /** null: the cell was blank (keep the stored trainings) */
  trainings: Training[] | null;
  active: boolean | null;
}

const MEDIATOR_FIELDS = new Set(['name', 'idNumber', 'phone', 'fullTime', 'trainings']);

/** One row of 附件4 to a mediator: core's rules, the words, the caller's region. Pure. */
export function parseMediatorRow(
  cells: Readonly<Record<string, string>>,
  ctx: ServiceContext,
): ParseResult<MediatorImportRow> {
  const problems: CellProblem[] = [];
  const cell = (k: string) => cells[k] ?? '';
  requireCells(MEDIATOR_COLUMNS, cells, problems);
  const orgRegion = regionCell(ctx, cells, 'orgRegion', problems);
  const fullTime = wordCell(cells, 'fullTime', FULL_TIME_WORDS, problems);
  const active = wordCell(cells, 'active', MEDIATOR_ACTIVE_WORDS, problems);
  const id = cell('idNumber');
  const maskedId = MASK_CHAR.test(id) ? normaliseCode(id.replace(/＊/g, '*')) : null;
  const idNumber = id && !maskedId ? normaliseCode(id) : null;
  const tel = cell('phone');
  const maskedPhone = MASK_CHAR.test(tel) ? tel.replace(/＊/g, '*') : null;
  const phone = tel && !maskedPhone ? tel : null;
  const trainings = cell('trainings') ? parseTrainings(cell('trainings')) : null;
  if (cell('trainings') && !trainings) problems.push({ column: 'trainings', code: 'training_format' });
  problems.push(...asCells(mediatorProblems({ idNumber, phone })));
  const shape = mediatorFields.safeParse({
    name: cell('name'),
    idNumber,
    phone,
    fullTime: fullTime ?? false,
    trainings: trainings ?? [],
  });
  if (!shape.success) {
    for (const p of schemaProblems(shape.error, (f) => (MEDIATOR_FIELDS.has(f) ? f : null))) {
      if (!problems.some((q) => q.column === p.column)) problems.push(p);
    }
  }
  if (problems.length || fullTime === undefined) return { problems };
  return {
    value: {
      name: cell('name'),
      orgName: cell('orgName'),
      orgRegion: orgRegion ?? null,
      fullTime,
      idNumber,
      maskedId,
      phone,
      maskedPhone,
      trainings,
      active: active ?? null,
    },
  };
}

/** The natural key within a file: the organisation as written, then the person by ID number, else by name. */
const mediatorKey = (r: MediatorImportRow) =>
  [r.orgRegion ?? '', r.orgName, r.idNumber ? `id:${r.idNumber}` : `name:${r.name}`].join('\u0000');

interface MediatorTarget {
  orgId: string;
  regionCode: string;
}

async function planMediators(
  db: Queryable,
  ctx: ServiceContext,
  rows: readonly MediatorImportRow[],
  lock: boolean,
): Promise<Plan<repo.MediatorRecord & MediatorTarget>[]> {
  const orgs = await tr.orgsNamed(db, ctx.scope.codes, [...new Set(rows.map((r) => r.orgName))], lock);
  const mediators = await tr.mediatorsOfOrgs(
    db,
    orgs.map((o) => o.id),
    lock,
  );
  const byOrg = new Map<string, repo.MediatorRow[]>();
  for (const m of mediators) byOrg.set(m.org_id, [...(byOrg.get(m.org_id) ?? []), m]);
  // Two rows of one chunk that land on the same person (one with 所属区划, one without) would write it twice.
  const taken = new Set<string>();

  return rows.map((row) => {
    const within = row.orgRegion ? ctx.regions.scopeOf(row.orgRegion) : ctx.scope;
    const candidates = orgs.filter((o) => o.name === row.orgName && within.includes(o.region_code));
    if (candidates.length !== 1) {
      return {
        problems: [
          candidates.length === 0
            ? { column: 'orgName', code: 'org_not_found', params: { name: row.orgName } }
            : { column: 'orgName', code: 'org_ambiguous', params: { name: row.orgName, count: candidates.length } },
        ],
      };
    }
    const org = candidates[0] as tr.OrgRef;
    const staff = byOrg.get(org.id) ?? [];
    const problems: CellProblem[] = [];
    let match: repo.MediatorRow | undefined;
    if (row.idNumber) {
      match = staff.find((m) => m.id_number === row.idNumber);
      // Registered before by name only: the row gives that person's ID number.
      const unnamed = staff.filter((m) => m.name === row.name && !m.id_number);
      if (!match && unnamed.length === 1) match = unnamed[0];
    } else {
      const sameName = staff.filter((m) => m.name === row.name);
      const masked = row.maskedId;
      const candidatesByMask = masked
        ? sameName.filter((m) => m.id_number && maskIdNumber(m.id_number) === masked)
        : sameName;
      if (masked && candidatesByMask.length === 0) problems.push({ column: 'idNumber', code: 'masked_value' });
      else if (candidatesByMask.length > 1) {
        problems.push({ column: 'name', code: 'mediator_ambiguous', params: { name: row.name } });
      } else match = candidatesByMask[0];
    }
    const target = match?.id ?? `new\u0000${org.id}\u0000${row.idNumber ?? row.name}`;
    if (taken.has(target)) problems.push({ column: 'name', code: 'same_mediator_twice', params: { name: row.name } });
    taken.add(target);

    const before = match ? mediatorRecordOf(match) : null;
    let phone = row.phone ?? before?.phone ?? null;
    if (row.maskedPhone) {
      if (before?.phone && maskPhone(before.phone) === row.maskedPhone) phone = before.phone;
      else problems.push({ column: 'phone', code: 'masked_value' });
    }
    const record: repo.MediatorRecord = {
      name: row.name,
      idNumber: row.idNumber ?? before?.idNumber ?? null,
      phone,
      fullTime: row.fullTime,
      trainings: row.trainings ?? before?.trainings ?? [],
      active: row.active ?? before?.active ?? true,
    };
    problems.push(...asCells(mediatorProblems(record)));
    if (problems.length) return { problems };
    const after = { ...record, orgId: org.id, regionCode: org.region_code };
    if (!match || !before) return { action: 'create', after };
    return changes(before, record)
      ? { action: 'update', id: match.id, before: { ...before, orgId: org.id, regionCode: org.region_code }, after }
      : { action: 'unchanged' };
  });
}

const recordOnly = ({ orgId: _o, regionCode: _r, ...record }: repo.MediatorRecord & MediatorTarget) => record;

export const mediatorImport: ImportSpec<MediatorImportRow> = {
  entity: 'mediator',
  title: { 'zh-CN': MEDIATOR_SHEET_TITLE, 'en-US': 'Mediators' },
  columns: MEDIATOR_COLUMNS,
  parse: parseMediatorRow,
  key: mediatorKey,

  async check(ctx, rows) {
    return problemsOf(await planMediators(ctx.db, ctx, rows, false));
  },

  async upsert(tx: Tx, ctx: ServiceContext, rows): Promise<UpsertCounts> {
    const plans = await planMediators(tx, ctx, rows, true);
    assertStillValid(plans);
    const counts: UpsertCounts = { created: 0, updated: 0, unchanged: 0 };
    for (const plan of plans) {
      if (!('action' in plan) || plan.action === 'unchanged') {
        counts.unchanged += 1;
        continue;
      }
      const record = recordOnly(plan.after);
      if (plan.action === 'create') {
        const id = await insertMediator(tx, plan.after.orgId, plan.after.regionCode, record);
        await audit(tx, ctx, {
          action: 'mediator.create',
          entityType: 'mediator',
          entityId: id,
          regionCode: plan.after.regionCode,
          result: 'success',
          details: { via: 'import', orgId: plan.after.orgId, after: auditableMediator(record) },
        });
        counts.created += 1;
        continue;
      }
      await updateMediator(tx, plan.id, record);
      const diff = changes(recordOnly(plan.before), record);
      await audit(tx, ctx, {
        action: 'mediator.update',
        entityType: 'mediator',
        entityId: plan.id,
        regionCode: plan.after.regionCode,
        result: 'success',
        details: {
          via: 'import',
          before: auditableMediator(diff?.before ?? {}),
          after: auditableMediator(diff?.after ?? {}),
        },
      });
      counts.updated += 1;
    }
    return counts;
  },
};

// ——— export, in the template's columns ———

/** An export column for each template column, in the same order with the same header (so it imports again). */
function exportColumnsOf<Row>(
  columns: readonly TemplateColumn[],
  cells: Record<string, (row: Row) => CellInput>,
  personal: Record<string, 'idNumber' | 'phone'>,
): ExportColumn<Row>[] {
  return columns.map((c) => {
    const value = cells[c.key];
    if (!value) throw new Error(`No export cell for the column ${c.key}`);
    const kind = c.kind === 'code' ? 'code' : c.kind === 'date' ? 'date' : 'text';
    const p = personal[c.key];
    return { header: c.header, width: c.width ?? 12, kind, ...(p ? { personal: p } : {}), value };
  });
}

const yesNo = (v: boolean) => (v ? YES : NO);

export async function exportOrgs(
  ctx: ServiceContext,
  reply: FastifyReply,
  query: Omit<MediationOrgListQuery, 'page' | 'pageSize'>,
  reveal: boolean,
): Promise<FastifyReply> {
  const q = tr.orgExportQuery({
    regionCodes: regionCodesOf(ctx, query.regionCode),
    q: query.q,
    type: query.type,
    filingStatus: query.filingStatus,
    standardMet: query.standardMet === undefined ? undefined : query.standardMet === 'true',
  });
  const today = chinaToday();
  return sendXlsx<repo.OrgRow>(ctx, reply, {
    entity: 'mediation_org',
    fileName: `${ORG_SHEET_TITLE}-${today}`,
    asciiName: `mediation-orgs-${today}`,
    sheet: ORG_SHEET_TITLE,
    columns: exportColumnsOf<repo.OrgRow>(
      ORG_COLUMNS,
      {
        name: (r) => r.name,
        regionCode: (r) => ctx.regions.fullName(r.region_code),
        type: (r) => MEDIATION_ORG_TYPE_LABELS[r.type]['zh-CN'],
        address: (r) => r.address,
        hasOffice: (r) => yesNo(r.has_office),
        hasSign: (r) => yesNo(r.has_sign),
        rulesPosted: (r) => yesNo(r.rules_posted),
        filingStatus: (r) => FILING_STATUS_LABELS[r.filing_status]['zh-CN'],
        filedOn: (r) => r.filed_on,
        contactName: (r) => r.contact_name,
        contactPhone: (r) => r.contact_phone,
        active: (r) => (r.active ? ORG_ACTIVE.yes : ORG_ACTIVE.no),
      },
      { contactPhone: 'phone' },
    ),
    count: await countRows(ctx.db, q.sql, q.params),
    rows: streamQuery<repo.OrgRow>(ctx.db, q.sql, q.params),
    filters: query,
    reveal,
  });
}

export async function exportMediators(
  ctx: ServiceContext,
  reply: FastifyReply,
  query: Omit<MediatorListQuery, 'page' | 'pageSize'>,
  reveal: boolean,
): Promise<FastifyReply> {
  const q = tr.mediatorExportQuery({
    regionCodes: regionCodesOf(ctx, query.regionCode),
    orgId: query.orgId,
    q: query.q,
    active: query.active === undefined ? undefined : query.active === 'true',
  });
  const today = chinaToday();
  return sendXlsx<repo.MediatorRow>(ctx, reply, {
    entity: 'mediator',
    fileName: `${MEDIATOR_SHEET_TITLE}-${today}`,
    asciiName: `mediators-${today}`,
    sheet: MEDIATOR_SHEET_TITLE,
    columns: exportColumnsOf<repo.MediatorRow>(
      MEDIATOR_COLUMNS,
      {
        name: (r) => r.name,
        idNumber: (r) => r.id_number,
        orgName: (r) => r.org_name,
        orgRegion: (r) => ctx.regions.fullName(r.region_code),
        fullTime: (r) => (r.full_time ? FULL_TIME.yes : FULL_TIME.no),
        phone: (r) => r.phone,
        trainings: (r) => formatTrainings(r.trainings),
        active: (r) => (r.active ? MEDIATOR_ACTIVE.yes : MEDIATOR_ACTIVE.no),
      },
      { idNumber: 'idNumber', phone: 'phone' },
    ),
    count: await countRows(ctx.db, q.sql, q.params),
    rows: streamQuery<repo.MediatorRow>(ctx.db, q.sql, q.params),
    filters: query,
    reveal,
  });
}
