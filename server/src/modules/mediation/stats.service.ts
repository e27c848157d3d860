import {
  addCounts,
  chinaToday,
  emptyCounts,
  type MediationStats,
  type MediationStatsQuery,
  type MediationStatsRow,
  type StatsCounts,
  SUCCESS_RATE_TARGET,
  statsRowOf,
} from '@hexie/core';
import type { FastifyReply } from 'fastify';
import type { ServiceContext } from '../../platform/context.js';
import { invalidFields } from '../../platform/errors.js';
import { sendXlsx } from '../../platform/export/xlsx.js';
import { regionCodesOf } from '../enterprises/enterprises.service.js';
import * as repo from './mediation.repository.js';

// ——— 统计 ———

/**
 * Statistics of the cases received in a period (DOMAIN-RULES §2): by the regions directly under the caller's (or
 * the chosen) region, or by organisation; the success rate with its n against the plan's 60%.
 */
export async function mediationStats(ctx: ServiceContext, q: MediationStatsQuery): Promise<MediationStats> {
  const today = chinaToday();
  const from = q.from ?? `${today.slice(0, 4)}-01-01`;
  const to = q.to ?? today;
  if (from > to) throw invalidFields([{ field: 'to', code: 'invalid_value' }]);
  if (q.regionCode && !ctx.regions.get(q.regionCode))
    throw invalidFields([{ field: 'regionCode', code: 'unknown_region' }]);
  if (q.regionCode && !ctx.scope.includes(q.regionCode)) {
    throw invalidFields([{ field: 'regionCode', code: 'region_out_of_scope' }]);
  }
  const root = q.regionCode ?? ctx.actor.regionCode;
  const regionCodes = regionCodesOf(ctx, q.regionCode);
  const { groups, types, monthly } = await repo.statsGroups(ctx.db, { regionCodes, from, to, today });
  const countsOf = (g: repo.StatsGroupRow): StatsCounts => ({
    received: g.received,
    accepted: g.accepted,
    rejected: g.rejected,
    agreement: g.agreement,
    failed: g.failed,
    withdrawn: g.withdrawn,
    overdue: g.overdue,
    open: g.open,
    closedDays: g.closed_days,
    closedCount: g.closed_count,
    claimAmount: g.claim_amount,
  });
  /** The region directly under the root on a region's line (the root itself for its own cases). */
  const unitOf = (code: string) => {
    const line = ctx.regions.lineage(code);
    const at = line.indexOf(root);
    return at > 0 ? (line[at - 1] as string) : root;
  };
  const buckets = new Map<string, { name: string; counts: StatsCounts }>();
  let total = emptyCounts();
  for (const g of groups) {
    const key = q.by === 'org' ? g.org_id : unitOf(g.region_code);
    const name = q.by === 'org' ? g.org_name : ctx.regions.name(key);
    const b = buckets.get(key) ?? { name, counts: emptyCounts() };
    b.counts = addCounts(b.counts, countsOf(g));
    buckets.set(key, b);
    total = addCounts(total, countsOf(g));
  }
  const rows = [...buckets]
    .map(([key, b]) => statsRowOf(key, b.name, b.counts))
    .sort((a, b) => b.received - a.received || a.key.localeCompare(b.key));
  return {
    from,
    to,
    by: q.by,
    target: SUCCESS_RATE_TARGET,
    total: statsRowOf(root, ctx.regions.fullName(root), total),
    rows,
    disputeTypes: types,
    monthly,
  };
}

/** The statistics as an xlsx: one row per region or organisation, then the total (audited by the engine). */
export async function exportMediationStats(
  ctx: ServiceContext,
  reply: FastifyReply,
  q: MediationStatsQuery,
): Promise<FastifyReply> {
  const s = await mediationStats(ctx, q);
  const rows = [...s.rows, { ...s.total, name: `合计（${s.total.name}）` }];
  const rate = (r: MediationStatsRow) =>
    r.successRate.rate === null ? null : Math.round(r.successRate.rate * 1000) / 10;
  return sendXlsx<MediationStatsRow>(ctx, reply, {
    entity: 'mediation_stats',
    fileName: `调解统计-${s.from}至${s.to}`,
    asciiName: `mediation-stats-${s.from}-${s.to}`,
    sheet: '调解统计',
    columns: [
      { header: q.by === 'org' ? '调解组织' : '区划', key: 'name', width: 30 },
      { header: '收到申请', key: 'received', kind: 'number' },
      { header: '受理', key: 'accepted', kind: 'number' },
      { header: '不予受理', key: 'rejected', kind: 'number' },
      { header: '调解成功', key: 'agreement', kind: 'number' },
      { header: '调解不成', key: 'failed', kind: 'number' },
      { header: '撤回', key: 'withdrawn', kind: 'number' },
      { header: '逾期', key: 'overdue', kind: 'number' },
      { header: '未结', key: 'open', kind: 'number' },
      { header: '调解成功率（%）', value: rate, kind: 'number' },
      { header: '成功率计算案件数（n）', value: (r) => r.successRate.n, kind: 'number' },
      { header: '平均结案天数', key: 'avgDaysToClose', kind: 'number' },
      { header: '请求金额（元）', key: 'claimAmount', kind: 'money' },
    ],
    count: rows.length,
    rows: (async function* () {
      yield* rows;
    })(),
    filters: { from: s.from, to: s.to, by: s.by, regionCode: q.regionCode ?? null },
  });
}
