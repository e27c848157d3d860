/**
 * The two servers of the mediation benchmark, in a process of their own (forked by mediation.bench.ts):
 *  app  – the real app from buildApp: session cookie, access control, zod, service, repository, presenter
 *  bare – bare Fastify routes running the repository's SQL (mediation.sql.ts) through `pg` as the repository runs
 *         it (the inbox's count and page at once, the statistics' three queries at once), shaped into the same
 *         JSON as the services
 * Both answer GET /api/v1/mediation/cases and GET /api/v1/mediation/stats on 127.0.0.1. The bare routes have no
 * sessions: the caller's scope comes from the header x-bench-scope (the root region code of the user the request
 * stands for; the app ignores it and goes by the session cookie).
 */
import {
  addCounts,
  chinaToday,
  deadlineState,
  emptyCounts,
  maskIdNumber,
  maskMobile,
  PROVINCE_CODE,
  pendingDeadline,
  type StatsCounts,
  SUCCESS_RATE_TARGET,
  statsRowOf,
} from '@hexie/core';
import Fastify, { type FastifyInstance } from 'fastify';
import { createPool } from '../../server/src/db/pool.js';
import type { CaseRow, StatsGroupRow } from '../../server/src/modules/mediation/mediation.repository.js';
import { buildBenchApp, serveInChild } from './harness.js';
import { type InboxQuery, inboxQueries, statsQueries } from './mediation.sql.js';

export interface ServersInput {
  appUrl: string;
  /** pool size of each server (the embedded setup opens 20) */
  poolSize: number;
}

export interface ServersInfo {
  app: number;
  bare: number;
}

type RawQuery = Record<string, string | undefined>;

const intParam = (v: string | undefined, dflt: number) => {
  const n = Number.parseInt(v ?? '', 10);
  return Number.isFinite(n) && n > 0 ? n : dflt;
};

serveInChild<ServersInput, ServersInfo>(async ({ appUrl, poolSize }) => {
  const servers: FastifyInstance[] = [];
  const appPool = createPool(appUrl, poolSize);
  const barePool = createPool(appUrl, poolSize);
  const close = async () => {
    for (const s of servers) await s.close();
    await appPool.end();
    await barePool.end();
  };
  try {
    const listen = async (s: FastifyInstance) => {
      servers.push(s);
      const address = await s.listen({ host: '127.0.0.1', port: 0 });
      return Number(new URL(address).port);
    };

    // (a) the app, as main.ts builds it (no web app, warn-level logs to stdout)
    const { app, regions } = await buildBenchApp(appUrl, appPool);
    const appPort = await listen(app);

    // (b) the same SQL through pg, shaped as the services shape it
    const bare = Fastify();
    const scopeOf = (header: unknown) => (typeof header === 'string' ? header : PROVINCE_CODE);

    bare.get<{ Querystring: RawQuery }>('/api/v1/mediation/cases', async (req) => {
      const q = req.query;
      const query: InboxQuery = {
        page: intParam(q.page, 1),
        pageSize: Math.min(100, intParam(q.pageSize, 20)),
        ...(q.q !== undefined ? { q: q.q } : {}),
        ...(q.status ? { status: q.status } : {}),
        ...(q.open === 'true' || q.open === 'false' ? { open: q.open } : {}),
        ...(q.due === 'soon' || q.due === 'overdue' ? { due: q.due } : {}),
        ...(q.orgId ? { orgId: q.orgId } : {}),
      };
      const sql = inboxQueries(regions.scopeOf(scopeOf(req.headers['x-bench-scope'])).codes, query);
      const base = { page: query.page as number, pageSize: query.pageSize as number };
      if (!sql) return { items: [], total: 0, ...base };
      const today = chinaToday();
      const [count, page] = await Promise.all([
        barePool.query<{ n: number }>(sql.count.sql, sql.count.params),
        barePool.query<CaseRow>(sql.page.sql, sql.page.params),
      ]);
      const n = count.rows[0]?.n ?? 0;
      return {
        items: page.rows.map((r) => {
          const pending = pendingDeadline({
            status: r.status,
            acceptanceDue: r.acceptance_due,
            effectiveDue: r.effective_due,
          });
          return {
            id: r.id,
            trackingCode: r.tracking_code,
            orgId: r.org_id,
            orgName: r.org_name,
            regionCode: r.region_code,
            regionName: regions.fullName(r.region_code),
            source: r.source,
            entrustedRef: r.entrusted_ref,
            applicant: {
              name: r.applicant_name,
              idNumber: maskIdNumber(r.applicant_id_number),
              phone: maskMobile(r.applicant_phone),
            },
            personalMasked: true,
            respondent: { name: r.respondent_name, creditCode: r.respondent_credit_code },
            disputeTypes: r.dispute_types,
            claimAmount: r.claim_amount === null ? null : Number(r.claim_amount),
            status: r.status,
            receivedOn: r.received_on,
            acceptanceDue: r.acceptance_due,
            mediationDue: r.mediation_due,
            extensionDays: r.extension_days,
            effectiveDue: r.effective_due,
            calendarMissing: r.calendar_missing,
            pending: pending ? { ...pending, state: deadlineState(pending.due, today) } : null,
            closedOn: r.closed_on,
            version: r.version,
          };
        }),
        total: Math.min(n, sql.cap),
        ...(n > sql.cap ? { totalCapped: true } : {}),
        ...base,
      };
    });

    bare.get<{ Querystring: RawQuery }>('/api/v1/mediation/stats', async (req) => {
      const root = scopeOf(req.headers['x-bench-scope']);
      const today = chinaToday();
      const from = req.query.from ?? `${today.slice(0, 4)}-01-01`;
      const to = req.query.to ?? today;
      const by = req.query.by === 'org' ? 'org' : 'region';
      const sql = statsQueries({ regionCodes: regions.scopeOf(root).codes, from, to, today });
      const [groups, types, monthly] = await Promise.all([
        barePool.query<StatsGroupRow>(sql.groups.sql, sql.groups.params),
        barePool.query(sql.types.sql, sql.types.params),
        barePool.query(sql.monthly.sql, sql.monthly.params),
      ]);
      const countsOf = (g: StatsGroupRow): StatsCounts => ({
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
      const unitOf = (code: string) => {
        const line = regions.lineage(code);
        const at = line.indexOf(root);
        return at > 0 ? (line[at - 1] as string) : root;
      };
      const buckets = new Map<string, { name: string; counts: StatsCounts }>();
      let total = emptyCounts();
      for (const g of groups.rows) {
        const key = by === 'org' ? g.org_id : unitOf(g.region_code);
        const name = by === 'org' ? g.org_name : regions.name(key);
        const b = buckets.get(key) ?? { name, counts: emptyCounts() };
        b.counts = addCounts(b.counts, countsOf(g));
        buckets.set(key, b);
        total = addCounts(total, countsOf(g));
      }
      return {
        from,
        to,
        by,
        target: SUCCESS_RATE_TARGET,
        total: statsRowOf(root, regions.fullName(root), total),
        rows: [...buckets]
          .map(([key, b]) => statsRowOf(key, b.name, b.counts))
          .sort((a, b) => b.received - a.received || a.key.localeCompare(b.key)),
        disputeTypes: types.rows,
        monthly: monthly.rows,
      };
    });
    const barePort = await listen(bare);

    return { info: { app: appPort, bare: barePort }, close };
  } catch (err) {
    await close().catch(() => {});
    throw err;
  }
});
