import {
  chinaToday,
  findIndustry,
  formatWanYuan,
  KEY_REASON_LABELS,
  type KeyEnterpriseListQuery,
  POLICY_KIND_LABELS,
  type PolicyKind,
  yearEndHeadcount,
} from '@hexie/core';
import type { FastifyReply } from 'fastify';
import type { Queryable } from '../../db/pool.js';
import type { ServiceContext } from '../../platform/context.js';
import { countRows, type ExportColumn, sendXlsx, streamQuery } from '../../platform/export/xlsx.js';
import type { Regions } from '../../platform/regions.js';
import { regionCodesOf } from '../enterprises/enterprises.service.js';
import type * as repo from './employment.repository.js';
import { ledgerExportQuery } from './employment.repository.js';
import { lastYearOf } from './key-enterprises.service.js';

/**
 * 重点用工企业情况表 (附件7) as xlsx. The attachment's table itself is not in the plan's text we hold (only its title
 * is, in the list of attachments), so its columns follow the plan's description of the ledger (第六(二)2): 企业名称、
 * 所在市区、所属行业、上年底职工数量、目前职工数量、已享受的稳岗政策、跟踪指导情况, and for enterprises planning or
 * making layoffs 本年度计划裁员人数、已裁员人数、裁员岗位、依法结清劳动报酬情况、经济补偿标准、支付能力评估 — with the
 * credit code, the listing and the staff following it beside them.
 *
 * The layoff columns come from the layoff plans (modules/layoffs/layoffs.ledger.ts), which give them through
 * `provideLayoffLedger` when the app starts; without a source (a test of this module alone) they stay empty.
 */

export const LEDGER_SHEET_TITLE = '重点用工企业情况表';

/** What the layoff plans say about one enterprise for the ledger's layoff columns (text as the cell shows it). */
export interface LayoffLedgerFacts {
  /** 本年度计划裁员人数 */
  plannedLayoffs: number | null;
  /** 已裁员人数 */
  layoffsDone: number | null;
  /** 裁员岗位 */
  positions: string | null;
  /** 依法结清劳动报酬情况: 已结清 / 拖欠 12.3 万元 */
  wagesSettled: string | null;
  /** 经济补偿标准 */
  severanceStandard: string | null;
  /** 支付能力评估 */
  abilityToPay: string | null;
}

/** Reads the layoff facts of a batch of enterprises for a year (their plans of that year). */
export type LayoffLedgerSource = (
  p: { db: Queryable; regions: Regions },
  enterpriseIds: readonly string[],
  year: number,
) => Promise<Map<string, LayoffLedgerFacts>>;

let layoffSource: LayoffLedgerSource | undefined;

/** The layoff plans module registers where the ledger's layoff columns come from. */
export function provideLayoffLedger(source: LayoffLedgerSource | undefined): void {
  layoffSource = source;
}

type Row = repo.LedgerExportRow & { layoff?: LayoffLedgerFacts | undefined };

/** Rows of the export in batches, each batch completed with its enterprises' layoff facts. */
async function* withLayoffs(
  p: { db: Queryable; regions: Regions },
  rows: AsyncIterable<repo.LedgerExportRow>,
  year: number,
): AsyncGenerator<Row> {
  const source = layoffSource;
  if (!source) {
    yield* rows;
    return;
  }
  let batch: repo.LedgerExportRow[] = [];
  const flush = async function* () {
    const facts = await source(
      p,
      batch.map((r) => r.enterprise_id),
      year,
    );
    for (const r of batch) yield { ...r, layoff: facts.get(r.enterprise_id) };
    batch = [];
  };
  for await (const r of rows) {
    batch.push(r);
    if (batch.length >= 500) yield* flush();
  }
  if (batch.length) yield* flush();
}

/** The policies as one cell: 失业保险稳岗返还 12.50万元（2026-03-15）；… */
export function policiesCell(text: string | null): string {
  if (!text) return '';
  return text
    .split(';')
    .map((entry) => {
      const [kind = '', amount = '0', on = ''] = entry.split('|');
      return `${POLICY_KIND_LABELS[kind as PolicyKind]?.['zh-CN'] ?? kind} ${formatWanYuan(Number(amount))}（${on}）`;
    })
    .join('；');
}

export async function exportLedger(
  ctx: ServiceContext,
  reply: FastifyReply,
  query: Omit<KeyEnterpriseListQuery, 'page' | 'pageSize'>,
): Promise<FastifyReply> {
  const today = chinaToday();
  const lastYear = lastYearOf(today);
  const q = ledgerExportQuery({
    regionCodes: regionCodesOf(ctx, query.regionCode),
    q: query.q,
    reason: query.reason,
    status: query.status,
    followerId: query.mine === 'true' ? ctx.actor.id : undefined,
    lastYear,
  });
  const year = Number(today.slice(0, 4));
  /** 所在市（州）: the reporting unit the region belongs to (梅河口, 长白山 are their own). */
  const cityOf = (code: string) => {
    const lineage = ctx.regions.lineage(code);
    return ctx.regions.name(lineage[lineage.length - 2] ?? code);
  };
  const countyOf = (code: string) => (ctx.regions.get(code)?.level === 'county' ? ctx.regions.name(code) : '');
  const yearEnd = (r: Row) =>
    yearEndHeadcount(lastYear, r.december_headcount, { baseYear: r.base_year, baseHeadcount: r.base_headcount })
      ?.headcount ?? null;
  const columns: ExportColumn<Row>[] = [
    { header: '企业名称', key: 'enterprise_name', width: 32 },
    { header: '统一社会信用代码', key: 'credit_code', kind: 'code', width: 22 },
    { header: '所在市（州）', value: (r) => cityOf(r.region_code), width: 12 },
    { header: '所在县（市、区）', value: (r) => countyOf(r.region_code), width: 14 },
    {
      header: '所属行业',
      value: (r) => findIndustry(r.industry_code)?.name ?? r.industry_code,
      width: 22,
    },
    { header: `上年底职工数（${lastYear}年末）`, value: yearEnd, kind: 'number', width: 14 },
    { header: '目前职工数', key: 'current_headcount', kind: 'number', width: 12 },
    { header: '目前职工数所属月份', key: 'current_month', width: 12 },
    { header: '已享受的稳岗政策', value: (r) => policiesCell(r.policies_text), width: 40 },
    { header: '跟踪指导情况', key: 'guidance_text', width: 48 },
    { header: `${year}年计划裁员人数`, value: (r) => r.layoff?.plannedLayoffs ?? null, kind: 'number', width: 12 },
    { header: '已裁员人数', value: (r) => r.layoff?.layoffsDone ?? null, kind: 'number', width: 10 },
    { header: '裁员岗位', value: (r) => r.layoff?.positions ?? null, width: 20 },
    { header: '依法结清劳动报酬情况', value: (r) => r.layoff?.wagesSettled ?? null, width: 18 },
    { header: '经济补偿标准', value: (r) => r.layoff?.severanceStandard ?? null, width: 18 },
    { header: '支付能力评估', value: (r) => r.layoff?.abilityToPay ?? null, width: 14 },
    {
      header: '列入原因',
      value: (r) => r.reasons.map((x) => KEY_REASON_LABELS[x]['zh-CN']).join('、'),
      width: 24,
    },
    { header: '列入日期', key: 'listed_on', kind: 'date', width: 12 },
    { header: '名单状态', value: (r) => (r.listed ? '在册' : `已移出（${r.delisted_on}）`), width: 18 },
    { header: '对接工作人员', key: 'follower_name', width: 14 },
  ];
  return sendXlsx<Row>(ctx, reply, {
    entity: 'key_enterprise',
    fileName: `${LEDGER_SHEET_TITLE}-${today}`,
    asciiName: `key-enterprises-${today}`,
    sheet: LEDGER_SHEET_TITLE,
    columns,
    count: await countRows(ctx.db, q.sql, q.params),
    rows: withLayoffs(ctx, streamQuery<repo.LedgerExportRow>(ctx.db, q.sql, q.params), year),
    filters: query,
  });
}
