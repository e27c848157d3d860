/**
 * The three servers of the user-list benchmark, in a process of their own (forked by user-list.bench.ts):
 *  app   – the real app from buildApp: session cookie, access control, zod, service, repository, presenter
 *  bare  – a bare Fastify route running the repository's SQL (count + page) through `pg`
 *  fixed – a bare Fastify route answering a fixed JSON page (the ceiling of HTTP + JSON on this machine)
 * All answer GET /api/v1/users?page=N&pageSize=M on 127.0.0.1.
 */
import { PROVINCE_CODE } from '@hexie/core';
import Fastify, { type FastifyInstance } from 'fastify';
import { createPool } from '../../server/src/db/pool.js';
import { buildBenchApp, serveInChild } from './harness.js';
import { COUNT_SQL, PAGE_SQL } from './user-list.sql.js';

export interface ServersInput {
  appUrl: string;
  /** pool size of each server (main.ts opens 20) */
  poolSize: number;
}

export interface ServersInfo {
  app: number;
  bare: number;
  fixed: number;
}

interface Row {
  id: string;
  username: string;
  display_name: string;
  role: string;
  region_code: string;
  member_unit: string | null;
  disabled: boolean;
  last_login_at: Date | null;
  created_at: Date;
  locked_until: Date | null;
  enterprise_id: string | null;
  enterprise_name: string | null;
}

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

    // (b) the same SQL through pg, mapped to the same JSON as the presenter
    const codes = [...regions.scopeOf(PROVINCE_CODE).codes];
    const bareList = async (page: number, pageSize: number) => {
      const count = await barePool.query<{ n: number }>(COUNT_SQL, [codes]);
      const { rows } = await barePool.query<Row>(PAGE_SQL, [codes, pageSize, (page - 1) * pageSize]);
      return {
        items: rows.map((r) => ({
          id: r.id,
          username: r.username,
          displayName: r.display_name,
          role: r.role,
          regionCode: r.region_code,
          // counties named with their prefecture, as the presenter does (长春市南关区)
          regionName: regions.fullName(r.region_code),
          memberUnit: r.member_unit,
          disabled: r.disabled,
          enterpriseId: r.enterprise_id,
          enterpriseName: r.enterprise_name,
          lastLoginAt: r.last_login_at?.toISOString() ?? null,
          lockedUntil: r.locked_until?.toISOString() ?? null,
          createdAt: r.created_at.toISOString(),
        })),
        total: count.rows[0]?.n ?? 0,
        page,
        pageSize,
      };
    };
    const bare = Fastify();
    bare.get<{ Querystring: { page?: string; pageSize?: string } }>('/api/v1/users', async (req) =>
      bareList(intParam(req.query.page, 1), Math.min(100, intParam(req.query.pageSize, 20))),
    );
    const barePort = await listen(bare);

    // (c) a fixed page: no database, no validation, a string sent as is
    const fixedBody = JSON.stringify(await bareList(1, 20));
    const fixed = Fastify();
    fixed.get('/api/v1/users', async (_req, reply) => reply.type('application/json; charset=utf-8').send(fixedBody));
    const fixedPort = await listen(fixed);

    return { info: { app: appPort, bare: barePort, fixed: fixedPort }, close };
  } catch (err) {
    await close().catch(() => {});
    throw err;
  }
});
