/**
 * The two servers of the enterprise-search benchmark, in a process of their own (forked by
 * enterprise-search.bench.ts):
 *  app  – the real app from buildApp: session cookie, access control, zod, service, repository, presenter
 *  bare – a bare Fastify route running the repository's SQL (capped count + page, concurrently, as the
 *         repository does) through `pg`, mapped to the presenter's JSON
 * Both answer GET /api/v1/enterprises?q=&regionCode=&industryCode=&page=&pageSize= on 127.0.0.1. The bare
 * route has no sessions: the caller's scope comes from the header x-bench-scope (the root region code of the
 * user the request stands for; the app ignores it and goes by the session cookie).
 */
import { findIndustry, maskPhone, PROVINCE_CODE } from '@hexie/core';
import Fastify, { type FastifyInstance } from 'fastify';
import { createPool } from '../../server/src/db/pool.js';
import {
  COMMON_GRAMS_SQL,
  capOf,
  commonGramsOf,
  countQuery,
  pageQuery,
  searchFilterOf,
} from './enterprise-search.sql.js';
import { buildBenchApp, serveInChild } from './harness.js';

export interface ServersInput {
  appUrl: string;
  /** pool size of each server (the embedded setup opens 20) */
  poolSize: number;
}

export interface ServersInfo {
  app: number;
  bare: number;
}

interface Row {
  id: string;
  credit_code: string;
  name: string;
  region_code: string;
  industry_code: string;
  ownership: string | null;
  employees: number | null;
  revenue: string | null;
  assets: string | null;
  size_class: string | null;
  registered_on: string | null;
  address: string | null;
  legal_representative: string | null;
  contact_name: string | null;
  contact_phone: string | null;
  source: string;
  credit_code_override_reason: string | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}

interface Query {
  q?: string;
  regionCode?: string;
  industryCode?: string;
  page?: string;
  pageSize?: string;
}

const intParam = (v: string | undefined, dflt: number) => {
  const n = Number.parseInt(v ?? '', 10);
  return Number.isFinite(n) && n > 0 ? n : dflt;
};
const num = (v: string | null) => (v === null ? null : Number(v));

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

    // (b) the same SQL through pg, mapped to the same JSON as the presenter; the common grams read once, as the
    // app's cache holds them
    const common = commonGramsOf((await barePool.query(COMMON_GRAMS_SQL)).rows[0]);
    const bareList = async (scopeRoot: string, query: Query) => {
      const page = intParam(query.page, 1);
      const pageSize = Math.min(100, intParam(query.pageSize, 20));
      const filter = searchFilterOf(regions, scopeRoot, query, common);
      if (filter.regionCodes.length === 0) return { items: [], total: 0, page, pageSize };
      const c = countQuery(filter);
      const p = pageQuery(filter, page, pageSize);
      const [count, rows] = await Promise.all([
        barePool.query<{ n: number }>(c.sql, c.params),
        barePool.query<Row>(p.sql, p.params),
      ]);
      const n = count.rows[0]?.n ?? 0;
      return {
        items: rows.rows.map((r) => ({
          id: r.id,
          creditCode: r.credit_code,
          name: r.name,
          regionCode: r.region_code,
          regionName: regions.fullName(r.region_code),
          industryCode: r.industry_code,
          industryName: findIndustry(r.industry_code)?.name ?? '',
          ownership: r.ownership,
          employees: r.employees,
          revenue: num(r.revenue),
          assets: num(r.assets),
          sizeClass: r.size_class,
          registeredOn: r.registered_on,
          address: r.address,
          legalRepresentative: r.legal_representative,
          contactName: r.contact_name,
          contactPhone: r.contact_phone ? maskPhone(r.contact_phone) : r.contact_phone,
          contactPhoneMasked: !!r.contact_phone,
          source: r.source,
          creditCodeOverrideReason: r.credit_code_override_reason,
          version: r.version,
          createdAt: r.created_at.toISOString(),
          updatedAt: r.updated_at.toISOString(),
        })),
        total: Math.min(n, capOf(filter)),
        ...(n > capOf(filter) ? { totalCapped: true } : {}),
        page,
        pageSize,
      };
    };
    const bare = Fastify();
    bare.get<{ Querystring: Query }>('/api/v1/enterprises', async (req) => {
      const scope = req.headers['x-bench-scope'];
      return bareList(typeof scope === 'string' ? scope : PROVINCE_CODE, req.query);
    });
    const barePort = await listen(bare);

    return { info: { app: appPort, bare: barePort }, close };
  } catch (err) {
    await close().catch(() => {});
    throw err;
  }
});
