/**
 * Benchmark: the paginated user list (GET /api/v1/users, page size 20, as the province administrator) under
 * bounded load, against the same SQL through a bare `pg` route and against a fixed JSON page.
 */
import { deepStrictEqual } from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { MEMBER_UNITS, type MemberUnit, PROVINCE_CODE, type Role } from '@hexie/core';
import pg from 'pg';
import { hashPassword } from '../../server/src/platform/passwords.js';
import { Regions } from '../../server/src/platform/regions.js';
import {
  type BenchContext,
  type Benchmark,
  type BenchReport,
  bulkInsert,
  compare,
  fmtMs,
  fmtRate,
  getJson,
  httpVariant,
  type LoadOptions,
  login,
  median,
  ratio,
  ratioTable,
  seededRandom,
  startServerProcess,
} from './harness.js';
import type { ServersInfo, ServersInput } from './user-list.servers.js';
import { COUNT_SQL, PAGE_SQL } from './user-list.sql.js';

const SEED = 20_260_301;
const USERS = 20_000;
const PAGE_SIZE = 20;
const PAGES = 50;
const POOL_SIZE = 20;
const ADMIN = { username: 'bench_admin', password: 'Bench-Passw0rd!' };
/** Dates of the data are relative to this instant, not to now, so the rows are the same on every run. */
const EPOCH = Date.parse('2026-03-01T00:00:00Z');
const DAY = 86_400_000;

const SURNAMES = [
  ...'王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎',
];
const GIVEN = [...'伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕彬鑫宇浩然子涵欣怡梓轩雨'];
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** The fixed-seed users: spread over every Jilin region, roles and member units as the CHECK constraints allow. */
export async function seedUsers(ctx: BenchContext, owner: pg.Pool): Promise<void> {
  const rnd = seededRandom(SEED);
  const { rows: regions } = await owner.query<{ code: string }>(
    'SELECT code FROM regions WHERE code <> $1 ORDER BY code',
    [PROVINCE_CODE],
  );
  const regionCodes = regions.map((r) => r.code);
  const passwordHash = await hashPassword(ADMIN.password);
  const weights: Record<Exclude<Role, 'province_admin'>, number> = {
    region_admin: 5,
    region_staff: 45,
    mediation_staff: 15,
    social_org_staff: 10,
    enterprise_user: 25,
  };
  const rows: Record<string, unknown>[] = [
    {
      username: ADMIN.username,
      display_name: '基准测试管理员',
      role: 'province_admin',
      region_code: PROVINCE_CODE,
      member_unit: 'hrss',
      password_hash: passwordHash,
      disabled: false,
      last_login_at: null,
      created_at: new Date(EPOCH - 400 * DAY).toISOString(),
    },
  ];
  for (let i = 0; i < USERS; i++) {
    const role: Role = rnd.next() < 0.002 ? 'province_admin' : rnd.weighted(weights);
    const needsUnit = role === 'province_admin' || role === 'region_admin' || role === 'region_staff';
    const created = EPOCH - rnd.int(1, 720) * DAY - rnd.int(0, DAY - 1);
    let prefix = '';
    for (let k = rnd.int(3, 8); k > 0; k--) prefix += rnd.pick([...LETTERS]);
    rows.push({
      username: `${prefix}${i}`,
      display_name: rnd.pick(SURNAMES) + rnd.pick(GIVEN) + (rnd.next() < 0.6 ? rnd.pick(GIVEN) : ''),
      role,
      region_code: role === 'province_admin' ? PROVINCE_CODE : rnd.pick(regionCodes),
      member_unit: needsUnit ? rnd.pick<MemberUnit>(MEMBER_UNITS) : null,
      password_hash: passwordHash,
      disabled: rnd.next() < 0.03,
      last_login_at: rnd.next() < 0.6 ? new Date(EPOCH - rnd.int(0, 90 * DAY)).toISOString() : null,
      created_at: new Date(created).toISOString(),
    });
  }
  const t0 = performance.now();
  await bulkInsert(
    owner,
    'users',
    {
      username: 'text',
      display_name: 'text',
      role: 'text',
      region_code: 'text',
      member_unit: 'text',
      password_hash: 'text',
      disabled: 'boolean',
      last_login_at: 'timestamptz',
      created_at: 'timestamptz',
    },
    rows,
  );
  await owner.query('VACUUM ANALYZE users');
  // Flush the load now rather than under the measured runs.
  await owner.query('CHECKPOINT');
  ctx.log(
    `seeded ${rows.length} users over ${regionCodes.length + 1} regions in ${Math.round(performance.now() - t0)} ms`,
  );
}

/**
 * PostgreSQL's share of one request: the two queries of a page, one after the other on one connection, timed
 * in ms per page (median over 3 passes of pages 1..PAGES, after one unmeasured pass).
 */
async function sqlTime(appUrl: string, codes: readonly string[]): Promise<number> {
  const client = new pg.Client({ connectionString: appUrl });
  await client.connect();
  try {
    const times: number[] = [];
    for (let pass = 0; pass < 4; pass++) {
      for (let page = 1; page <= PAGES; page++) {
        const t0 = performance.now();
        await client.query(COUNT_SQL, [codes]);
        await client.query(PAGE_SQL, [codes, PAGE_SIZE, (page - 1) * PAGE_SIZE]);
        if (pass > 0) times.push(performance.now() - t0);
      }
    }
    return median(times);
  } finally {
    await client.end();
  }
}

export const userListBench: Benchmark = {
  id: 'user-list',
  title: 'Paginated user list: GET /api/v1/users vs the same SQL through `pg` vs a fixed JSON page',
  async run(ctx): Promise<BenchReport> {
    const { settings } = ctx;
    const fresh = await ctx.db.fresh('user_list');
    try {
      await seedUsers(ctx, fresh.owner);
      const servers = await startServerProcess<ServersInput, ServersInfo>(
        fileURLToPath(new URL('./user-list.servers.ts', import.meta.url)),
        { appUrl: fresh.appUrl, poolSize: POOL_SIZE },
      );
      try {
        const base = (port: number) => `http://127.0.0.1:${port}`;
        const cookie = await login(base(servers.info.app), ADMIN);
        const path = (page: number) => `/api/v1/users?page=${page}&pageSize=${PAGE_SIZE}`;

        // The baseline must answer what the app answers, or the ratio means nothing.
        for (const page of [1, 7, PAGES]) {
          const fromApp = await getJson(base(servers.info.app) + path(page), { cookie });
          const fromBare = await getJson(base(servers.info.bare) + path(page));
          deepStrictEqual(fromBare, fromApp, `bare route and app differ on page ${page}`);
        }
        const fixed = (await getJson(base(servers.info.fixed) + path(1))) as { total: number };
        ctx.log(`app, bare route and fixed page agree (total ${fixed.total} users)`);

        const codes = (await Regions.load(fresh.owner)).scopeOf(PROVINCE_CODE).codes;
        const sqlMs = await sqlTime(fresh.appUrl, codes);
        ctx.log(`count + page SQL, serially on one connection: ${fmtMs(sqlMs)} ms per request (median)`);

        const paths = seededRandom(SEED).shuffle(Array.from({ length: PAGES }, (_, i) => path(i + 1)));
        const load: LoadOptions = { connections: settings.connections, duration: settings.duration, paths };
        const variants = [
          httpVariant(
            'app',
            'Hexie API (a)',
            base(servers.info.app),
            { ...load, headers: { cookie } },
            settings.warmup,
          ),
          httpVariant('bare', 'bare Fastify + `pg`, same SQL (b)', base(servers.info.bare), load, settings.warmup),
          httpVariant('fixed', 'bare Fastify, fixed JSON (c)', base(servers.info.fixed), load, settings.warmup),
        ];
        const summaries = await compare(variants, {
          rounds: settings.rounds,
          warmup: settings.warmup > 0,
          log: ctx.log,
        });
        const [app, bare, fixedS] = summaries as [(typeof summaries)[0], (typeof summaries)[0], (typeof summaries)[0]];
        const table = ratioTable(summaries, { baselines: ['bare', 'fixed'], unit: 'req/s' });

        const pct = (x: number) => `${Math.round(x * 100)}%`;
        const interpretation =
          `The API serves ${pct(ratio(app, bare))} of the throughput of the bare \`pg\` route running the same ` +
          `two queries (medians ${fmtRate(app.rate)} vs ${fmtRate(bare.rate)} req/s) and ${pct(ratio(app, fixedS))} of the ` +
          `fixed-JSON ceiling (${fmtRate(fixedS.rate)} req/s). The gap between (a) and (b) is what the API adds to ` +
          'each request: the session lookup (a third query), access control, zod validation and serialization, the ' +
          'per-request hooks and the presenter. ' +
          (sqlMs >= 5 * (fixedS.p50 ?? 0)
            ? 'The gap between (b) and (c) is the SQL itself: run one after the other on one connection, the count ' +
              `and the page take ${fmtMs(sqlMs)} ms per request, against ${fmtMs(fixedS.p50)} ms for a whole ` +
              'fixed-JSON request (p50), so on this data the queries, not Node, bound both (a) and (b).'
            : `Run one after the other on one connection, the count and the page take ${fmtMs(sqlMs)} ms per ` +
              `request, against ${fmtMs(fixedS.p50)} ms for a whole fixed-JSON request (p50).`);
        return {
          method: [
            `${USERS.toLocaleString('en-US')} users (+1 province admin) from seed ${SEED}, spread over every Jilin region; ` +
              `\`VACUUM ANALYZE\` after loading.`,
            `Each request: page N of ${PAGE_SIZE} rows, N cycling over a fixed shuffle of pages 1–${PAGES}, ` +
              'as the province administrator (scope: all regions, so `region_code = ANY(<all codes>)`).',
            `Servers in one child process on 127.0.0.1, each with a pool of ${POOL_SIZE} connections; ` +
              'the load generator (autocannon) in the parent process; same machine, same PostgreSQL.',
            `Load: ${settings.connections} connections, ${settings.duration} s per run; one ${settings.warmup} s ` +
              `warm-up per variant, then ${settings.rounds} rounds alternating (a, b, c, a, b, c, ...); medians over ` +
              'the rounds. Latencies are per-response times (all responses of a run). Any non-2xx answer fails the run.',
            `Before measuring, (a) and (b) are checked to return identical JSON for pages 1, 7 and ${PAGES}; the SQL ` +
              `time is the median of the count + page queries run serially on one connection over pages 1–${PAGES}.`,
          ],
          table,
          interpretation,
        };
      } finally {
        await servers.stop();
      }
    } finally {
      await fresh.close();
    }
  },
};
