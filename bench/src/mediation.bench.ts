/**
 * Benchmark: the mediation case inbox (GET /api/v1/mediation/cases) of a county's and a city's staff, and the
 * statistics (GET /api/v1/mediation/stats) of a county, a city and the province, over 1,000,000 cases, against
 * the same SQL through bare `pg` routes; and the plans of that SQL (EXPLAIN ANALYZE) for a county and a city.
 */
import { deepStrictEqual } from 'node:assert/strict';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { addDays, chinaToday, MEDIATION_RULES, PROVINCE_CODE } from '@hexie/core';
import pg from 'pg';
import type { Queryable } from '../../server/src/db/pool.js';
import * as repo from '../../server/src/modules/mediation/mediation.repository.js';
import { Regions } from '../../server/src/platform/regions.js';
import {
  type BenchContext,
  type Benchmark,
  type BenchReport,
  closedMixLoad,
  compare,
  fmtMs,
  fmtRate,
  fmtRatio,
  getJson,
  login,
  type MixRequest,
  median,
  mixTimes,
  pacedMixLoad,
  percentileOf,
  ratio,
  type Sample,
  type Summary,
  seededRandom,
  startServerProcess,
  type Variant,
} from './harness.js';
import { CITY, COUNTY, DAYS, SEED, type SeededCases, seedMediation, USERS, type Who } from './mediation.seed.js';
import type { ServersInfo, ServersInput } from './mediation.servers.js';
import { type InboxQuery, inboxQueries, statsQueries } from './mediation.sql.js';

const POOL_SIZE = 20;
/** a 1-minute load average below this, before and after every workload, is the benchmark alone (its closed loops reach about 4) */
const QUIET_LOAD = 5;
/** closed loop: concurrent connections of the load generator */
const CONNECTIONS = 10;
/** closed loop: runs last long enough for this many responses (the province's statistics take a second each)… */
const CLOSED_RESPONSES = 50;
/** …but no longer than this many seconds */
const CLOSED_MAX_SECONDS = 60;
/** open loop: at most this many connections in flight */
const PACED_CONNECTIONS = 50;
/** the open loop's runs last long enough for this many requests (a p99 of fewer means little) */
const PACED_REQUESTS = 100;
/** workloads paced below this rate run at most 3 rounds (their runs are long) */
const SLOW_RATE = 10;
const TARGET_P99_MS = 100;
const TARGET_TIME_RATIO = 1.5;
const PAGE_SIZE = 20;

// ---------------------------------------------------------------------------------------------------------
// The requests

/** The inbox's classes of request, in table order: as the web's views send them (cases-page.tsx). */
const CLASSES = {
  open: 'open cases (the default view), pages 1–3',
  soon: 'due soon (due=soon)',
  overdue: 'overdue (due=overdue)',
  all: 'all cases (view "all"), pages 1–2',
  org: "one organisation's open cases (open=true&orgId=)",
  orgAll: "one organisation's cases (orgId=)",
  name: "an applicant's name (q=, all cases)",
  code: 'a tracking code in lower case (q=, all cases)',
  respondent: "a respondent's brand among the open cases (q=&open=true)",
} as const;
type InboxClass = keyof typeof CLASSES;
/** Requests per 100 of a user, by class. */
const SHARES: Record<InboxClass, number> = {
  open: 30,
  soon: 10,
  overdue: 10,
  all: 10,
  org: 10,
  orgAll: 5,
  name: 10,
  code: 10,
  respondent: 5,
};

interface InboxRequest {
  cls: InboxClass;
  who: 'county' | 'city';
  query: InboxQuery;
}

function inboxPath(query: InboxQuery): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined) p.set(k, String(v));
  return `/api/v1/mediation/cases?${p}`;
}

/** Per 100 requests of the user, SHARES of each class from the loaded data (fixed seed), shuffled. */
function inboxMix(seeded: SeededCases, who: 'county' | 'city'): InboxRequest[] {
  const rnd = seededRandom(SEED + 1);
  const s = seeded.samples[who];
  const orgId = seeded.orgIds[who];
  const per: Record<InboxClass, InboxQuery[]> = {
    open: [1, 1, 1, 2, 3].map((page) => ({ open: 'true', page })),
    soon: [{ due: 'soon' }],
    overdue: [{ due: 'overdue' }],
    all: [1, 1, 2].map((page) => ({ page })),
    org: [{ open: 'true', orgId }],
    orgAll: [{ orgId }],
    name: s.names.slice(0, 5).map((q) => ({ q })),
    code: s.codes.slice(0, 5).map((q) => ({ q: q.toLowerCase() })),
    respondent: s.respondents.slice(0, 3).map((q) => ({ q, open: 'true' })),
  };
  const out: InboxRequest[] = [];
  for (const cls of Object.keys(SHARES) as InboxClass[]) {
    const queries = per[cls];
    if (!queries.length) throw new Error(`no ${cls} searches for ${who}: the seed gave no samples`);
    for (let k = 0; k < SHARES[cls]; k++) {
      out.push({ cls, who, query: { ...(queries[k % queries.length] as InboxQuery), pageSize: PAGE_SIZE } });
    }
  }
  return rnd.shuffle(out);
}

const STATS_PATH = '/api/v1/mediation/stats';
const keyOf = (who: Who, path: string) => `${who} ${path}`;

// ---------------------------------------------------------------------------------------------------------
// The plans

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Index Cond'?: string;
  'Recheck Cond'?: string;
  Filter?: string;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  'Heap Fetches'?: number;
  'Shared Hit Blocks'?: number;
  'Shared Read Blocks'?: number;
  Plans?: PlanNode[];
}

interface PlanSummary {
  /** how mediation_cases is read: node type and index, the rows it gave, heap fetches of index-only scans */
  access: string[];
  /** a sequential scan of mediation_cases */
  seqScan: boolean;
  /** an index condition on region_code on the way to mediation_cases */
  regionInIndex: boolean;
  buffers: number;
  ms: number;
}

function summarisePlan(plan: { Plan: PlanNode; 'Execution Time': number }): PlanSummary {
  const access: string[] = [];
  let seqScan = false;
  let regionInIndex = false;
  const walk = (n: PlanNode) => {
    const index = n['Index Name'] ?? '';
    const onCases = n['Relation Name'] === 'mediation_cases' || index.startsWith('mediation_cases');
    if (onCases && /Scan/.test(n['Node Type']) && n['Node Type'] !== 'Bitmap Heap Scan') {
      const rows = Math.round((n['Actual Rows'] ?? 0) * (n['Actual Loops'] ?? 1));
      const fetches = n['Heap Fetches'] !== undefined ? `, heap fetches ${n['Heap Fetches']}` : '';
      access.push(
        `${n['Node Type']}${index ? ` ${index.replace(/^mediation_cases_/, '')}` : ''} (${rows} rows${fetches})`,
      );
      if (n['Node Type'].includes('Seq Scan')) seqScan = true;
      if (/region_code/.test(n['Index Cond'] ?? '')) regionInIndex = true;
    }
    for (const c of n.Plans ?? []) walk(c);
  };
  walk(plan.Plan);
  return {
    access,
    seqScan,
    regionInIndex,
    buffers: (plan.Plan['Shared Hit Blocks'] ?? 0) + (plan.Plan['Shared Read Blocks'] ?? 0),
    ms: plan['Execution Time'],
  };
}

/**
 * EXPLAIN (ANALYZE, BUFFERS) of the statements the repository itself sends for a request: its functions are run
 * on a connection that explains each statement (after running it once to warm the cache) and then runs it.
 */
async function explainRepository(
  pool: pg.Pool,
  run: (db: Queryable) => Promise<unknown>,
): Promise<{ sql: string; plan: PlanSummary }[]> {
  const out: { sql: string; plan: PlanSummary }[] = [];
  const explaining = {
    async query(sql: string, params: unknown[]) {
      await pool.query(sql, params);
      const { rows } = await pool.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${sql}`, params);
      out.push({ sql, plan: summarisePlan((rows[0] as { 'QUERY PLAN': [never] })['QUERY PLAN'][0]) });
      return pool.query(sql, params);
    },
  } as unknown as Queryable;
  await run(explaining);
  return out;
}

/** The repository's filter for an inbox query, as cases.service.ts listCases builds it. */
function caseFilterOf(codes: readonly string[], q: InboxQuery): repo.CaseFilter {
  const today = chinaToday();
  return {
    regionCodes: codes,
    q: q.q,
    open: q.open === undefined ? undefined : q.open === 'true',
    dueBy: q.due === 'soon' ? addDays(today, MEDIATION_RULES.warnDays) : undefined,
    dueBefore: q.due === 'overdue' ? today : undefined,
    orgId: q.orgId,
    page: q.page ?? 1,
    pageSize: q.pageSize ?? PAGE_SIZE,
  };
}

// ---------------------------------------------------------------------------------------------------------
// The SQL alone

/** PostgreSQL's share of a request: its statements one after the other on one connection, ms, median of 3. */
async function sqlAlone(client: pg.Client, statements: readonly { sql: string; params: unknown[] }[]) {
  const times: number[] = [];
  for (let run = 0; run < 4; run++) {
    const t0 = performance.now();
    for (const s of statements) await client.query(s.sql, s.params);
    if (run > 0) times.push(performance.now() - t0);
  }
  return median(times);
}

// ---------------------------------------------------------------------------------------------------------
// The benchmark

const pct = (x: number) => `${Math.round(x * 100)}%`;
const fmtInt = (n: number) => Math.round(n).toLocaleString('en-US');
const SCOPE_LABEL: Record<Who, string> = {
  county: `county (南关区 ${COUNTY}, mediation staff)`,
  city: `city (长春市 ${CITY} and its 15 county-level regions, region administrator)`,
  province: 'province (all 80 regions, province administrator)',
};

interface Workload {
  id: string;
  label: string;
  /** the requests in order (each connection starts at its own place) */
  mix: MixRequest[];
}

interface WorkloadResult {
  workload: Workload;
  closed: [Summary, Summary];
  paced: [Summary, Summary];
  rate: number;
  pacedSeconds: number;
  closedSeconds: number;
}

export const mediationBench: Benchmark = {
  id: 'mediation',
  title:
    'Mediation case inbox and statistics over 1,000,000 cases: GET /api/v1/mediation/cases and …/stats vs the same SQL through `pg`',
  async run(ctx: BenchContext): Promise<BenchReport> {
    const { settings } = ctx;
    const fresh = await ctx.db.fresh('mediation');
    try {
      const today = chinaToday();
      const seeded = await seedMediation(fresh.owner, fresh.ownerUrl, today, ctx.log);
      const regions = await Regions.load(fresh.owner);
      const scope: Record<Who, string[]> = {
        county: [...regions.scopeOf(COUNTY).codes],
        city: [...regions.scopeOf(CITY).codes],
        province: [...regions.scopeOf(PROVINCE_CODE).codes],
      };
      const { rows: counts } = await fresh.owner.query<{ who: Who; cases: number; open: number; year: number }>(
        `SELECT w.who, count(*)::int AS cases,
                count(*) FILTER (WHERE c.status IN ('received', 'accepted', 'in_mediation'))::int AS open,
                count(*) FILTER (WHERE c.received_on >= date_trunc('year', $4::date))::int AS year
           FROM (VALUES ('county', $1::text[]), ('city', $2::text[]), ('province', $3::text[])) w (who, codes)
           JOIN mediation_cases c ON c.region_code = ANY(w.codes)
          GROUP BY w.who`,
        [scope.county, scope.city, scope.province, today],
      );
      const sizes = Object.fromEntries(counts.map((r) => [r.who, r])) as Record<Who, (typeof counts)[0]>;
      const { rows: pgSettings } = await fresh.owner.query<{ shared: string; cache: string }>(
        `SELECT current_setting('shared_buffers') AS shared, current_setting('effective_cache_size') AS cache`,
      );
      const pgMemory = `shared_buffers ${pgSettings[0]?.shared}, effective_cache_size ${pgSettings[0]?.cache}`;

      const servers = await startServerProcess<ServersInput, ServersInfo>(
        fileURLToPath(new URL('./mediation.servers.ts', import.meta.url)),
        { appUrl: fresh.appUrl, poolSize: POOL_SIZE },
      );
      const appPool = new pg.Pool({ connectionString: fresh.appUrl, max: 2 });
      const client = new pg.Client({ connectionString: fresh.appUrl });
      // Ctrl-C stops PostgreSQL under these connections: that must not crash the cleanup.
      appPool.on('error', () => {});
      client.on('error', () => {});
      await client.connect();
      try {
        const base = (port: number) => `http://127.0.0.1:${port}`;
        const headers = {} as Record<Who, Record<string, string>>;
        for (const who of Object.keys(USERS) as Who[]) {
          headers[who] = {
            cookie: await login(base(servers.info.app), USERS[who]),
            'x-bench-scope': USERS[who].regionCode,
          };
        }

        // The baseline must answer what the app answers, or the ratio means nothing: every distinct request.
        const inbox = { county: inboxMix(seeded, 'county'), city: inboxMix(seeded, 'city') };
        const distinct = new Map<string, InboxRequest>();
        for (const r of [...inbox.county, ...inbox.city]) distinct.set(keyOf(r.who, inboxPath(r.query)), r);
        const totals = new Map<string, string>();
        for (const [key, r] of distinct) {
          const path = inboxPath(r.query);
          const fromApp = (await getJson(base(servers.info.app) + path, headers[r.who])) as {
            total: number;
            totalCapped?: boolean;
          };
          const fromBare = await getJson(base(servers.info.bare) + path, headers[r.who]);
          deepStrictEqual(fromBare, fromApp, `bare route and app differ on ${key}`);
          totals.set(key, `${fmtInt(fromApp.total)}${fromApp.totalCapped ? '+' : ''}`);
        }
        for (const who of Object.keys(USERS) as Who[]) {
          const fromApp = await getJson(base(servers.info.app) + STATS_PATH, headers[who]);
          const fromBare = await getJson(base(servers.info.bare) + STATS_PATH, headers[who]);
          deepStrictEqual(fromBare, fromApp, `bare route and app differ on ${who} ${STATS_PATH}`);
        }
        ctx.log(`app and bare routes agree on ${distinct.size} inbox requests and 3 statistics`);

        // The plans of what the repository sends, for a county and a city (and the province's statistics).
        const period = { from: `${today.slice(0, 4)}-01-01`, to: today, today };
        const planRows: string[] = [];
        const whole: string[] = [];
        const planOf = async (label: string, who: Who, run: (db: Queryable) => Promise<unknown>) => {
          await explainRepository(appPool, run); // once to warm the cache
          const partOf = (sql: string) =>
            sql.startsWith('SELECT count(*)')
              ? 'count'
              : sql.startsWith('WITH page')
                ? 'page'
                : sql.includes('unnest')
                  ? 'types'
                  : sql.includes('AS month')
                    ? 'months'
                    : 'groups';
          const order = ['count', 'page', 'groups', 'types', 'months'];
          const explained = (await explainRepository(appPool, run)).sort(
            (x, y) => order.indexOf(partOf(x.sql)) - order.indexOf(partOf(y.sql)),
          );
          for (const { sql, plan } of explained) {
            const part = partOf(sql);
            if (plan.seqScan && who !== 'province') whole.push(`${label} (${who}) ${part}`);
            planRows.push(
              `| ${label}: ${part} | ${who} | ${plan.access.join('; ')} | ${plan.regionInIndex ? 'yes' : 'no'} | ` +
                `${fmtInt(plan.buffers)} | ${fmtMs(plan.ms)} |`,
            );
          }
        };
        for (const who of ['county', 'city'] as const) {
          const samples = seeded.samples[who];
          const inboxPlans: [string, InboxQuery][] = [
            ['inbox open', { open: 'true' }],
            ['inbox due soon', { due: 'soon' }],
            ['inbox overdue', { due: 'overdue' }],
            ['inbox all', {}],
            ['inbox organisation', { orgId: seeded.orgIds[who] }],
            ['inbox q=name', { q: samples.names[0] as string }],
          ];
          for (const [label, q] of inboxPlans)
            await planOf(label, who, (db) => repo.listCases(db, caseFilterOf(scope[who], q)));
          await planOf('statistics', who, (db) => repo.statsGroups(db, { regionCodes: scope[who], ...period }));
        }
        await planOf('statistics', 'province', (db) =>
          repo.statsGroups(db, { regionCodes: scope.province, ...period }),
        );
        ctx.log(`plans: ${whole.length ? `whole-table scans in ${whole.join(', ')}` : 'no whole-table scan'}`);

        // The SQL alone, per distinct request.
        const sqlMs = new Map<string, number>();
        for (const [key, r] of distinct) {
          const qs = inboxQueries(scope[r.who], r.query);
          sqlMs.set(key, qs ? await sqlAlone(client, [qs.count, qs.page]) : 0);
        }
        for (const who of Object.keys(USERS) as Who[]) {
          const s = statsQueries({ regionCodes: scope[who], ...period });
          sqlMs.set(keyOf(who, STATS_PATH), await sqlAlone(client, [s.groups, s.types, s.monthly]));
        }
        ctx.log(`SQL alone timed for ${sqlMs.size} distinct requests`);

        // The workloads: each user's inbox mix, and each scope's statistics.
        const workloads: Workload[] = [
          ...(['county', 'city'] as const).map((who) => ({
            id: `inbox-${who}`,
            label: `inbox, ${who}`,
            mix: inbox[who].map((r) => ({
              path: inboxPath(r.query),
              headers: headers[who],
              key: keyOf(who, inboxPath(r.query)),
            })),
          })),
          ...(Object.keys(USERS) as Who[]).map((who) => ({
            id: `stats-${who}`,
            label: `statistics, ${who}`,
            mix: [{ path: STATS_PATH, headers: headers[who], key: keyOf(who, STATS_PATH) }],
          })),
        ];
        const results: WorkloadResult[] = [];
        const load: number[] = [os.loadavg()[0] as number];
        for (const w of workloads) {
          ctx.log(`== ${w.label}`);
          // Runs of at least CLOSED_RESPONSES responses at the rate the warm-ups saw.
          let closedSeconds = settings.duration;
          const closed = (id: string, label: string, port: number): Variant => ({
            id,
            label,
            run: async (warmup) => {
              const sample = await closedMixLoad(
                base(port),
                w.mix,
                CONNECTIONS,
                warmup ? settings.warmup : closedSeconds,
              );
              if (warmup) {
                const enough = Math.ceil(CLOSED_RESPONSES / Math.max(sample.rate, 0.1));
                closedSeconds = Math.max(closedSeconds, Math.min(enough, CLOSED_MAX_SECONDS));
              }
              return sample;
            },
          });
          const closedS = (await compare(
            [closed('app', 'Hexie API (a)', servers.info.app), closed('bare', 'bare `pg` (b)', servers.info.bare)],
            { rounds: settings.rounds, warmup: settings.warmup > 0, log: ctx.log },
          )) as [Summary, Summary];
          // Open loop at half the API's closed-loop throughput: a moderate load with headroom.
          const rate = Number(process.env.BENCH_RATE) || Math.max(1, Math.floor(closedS[0].rate / 2));
          const pacedSeconds = Math.max(settings.duration, Math.ceil(PACED_REQUESTS / rate));
          const paced = (id: string, label: string, port: number): Variant => ({
            id,
            label,
            run: (warmup) =>
              pacedMixLoad(
                base(port),
                w.mix,
                PACED_CONNECTIONS,
                rate,
                warmup ? Math.min(settings.warmup, pacedSeconds) : pacedSeconds,
              ),
          });
          const pacedS = (await compare(
            [paced('app', 'Hexie API (a)', servers.info.app), paced('bare', 'bare `pg` (b)', servers.info.bare)],
            {
              rounds: rate < SLOW_RATE ? Math.min(settings.rounds, 3) : settings.rounds,
              warmup: settings.warmup > 0,
              log: ctx.log,
            },
          )) as [Summary, Summary];
          load.push(os.loadavg()[0] as number);
          results.push({ workload: w, closed: closedS, paced: pacedS, rate, pacedSeconds, closedSeconds });
        }

        return report({
          settings,
          seeded,
          sizes,
          scope,
          results,
          planRows,
          whole,
          sqlMs,
          totals,
          inbox,
          pgMemory,
          today,
          load,
        });
      } finally {
        await client.end();
        await appPool.end();
        await servers.stop();
      }
    } finally {
      await fresh.close();
    }
  },
};

// ---------------------------------------------------------------------------------------------------------
// The report

interface ReportInput {
  settings: BenchContext['settings'];
  seeded: SeededCases;
  sizes: Record<Who, { cases: number; open: number; year: number }>;
  scope: Record<Who, string[]>;
  results: WorkloadResult[];
  planRows: string[];
  whole: string[];
  sqlMs: Map<string, number>;
  totals: Map<string, string>;
  inbox: Record<'county' | 'city', InboxRequest[]>;
  pgMemory: string;
  today: string;
  /** the 1-minute load average before the first workload and after each */
  load: number[];
}

/** p99 of (a) ÷ p99 of (b), round by round, median. */
function p99Ratio(a: Summary, b: Summary): number {
  return median(a.samples.map((s, i) => (s.p99 as number) / ((b.samples[i] as Sample).p99 as number)));
}

function report(r: ReportInput): BenchReport {
  const { settings, seeded, results } = r;
  const s = seeded.seconds;
  const byStatus = Object.entries(seeded.byStatus)
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${k} ${pct(n / seeded.cases)}`)
    .join(', ');
  const timeRatio = (x: WorkloadResult) => 1 / ratio(x.closed[0], x.closed[1]);

  const table = [
    '| Workload | Variant | req/s (median) | req/s (min–max) | p50 ms | p99 ms | ÷ bare `pg` (b) | time ÷ (b) |',
    '| :-- | :-- | --: | --: | --: | --: | --: | --: |',
    ...results.flatMap((x) =>
      x.closed.map((v, i) => {
        const rates = v.samples.map((y) => y.rate);
        const rel = i === 0 ? ratio(v, x.closed[1]) : 1;
        return (
          `| ${i === 0 ? x.workload.label : ''} | ${v.label} | ${fmtRate(v.rate)} | ` +
          `${fmtRate(Math.min(...rates))}–${fmtRate(Math.max(...rates))} | ${fmtMs(v.p50)} | ${fmtMs(v.p99)} | ` +
          `${fmtRatio(rel)} | ${fmtRatio(1 / rel)} |`
        );
      }),
    ),
  ].join('\n');

  const pacedTable = [
    '| Workload | offered req/s | (a) p50 ms | (a) p99 ms | (a) p99 min–max | (b) p50 ms | (b) p99 ms | p99 (a) ÷ (b) | p99 < 100 ms |',
    '| :-- | --: | --: | --: | --: | --: | --: | --: | :-- |',
    ...results.map((x) => {
      const [a, b] = x.paced;
      const p99s = a.samples.map((y) => y.p99 as number);
      return (
        `| ${x.workload.label} | ${x.rate} | ${fmtMs(a.p50)} | ${fmtMs(a.p99)} | ` +
        `${fmtMs(Math.min(...p99s))}–${fmtMs(Math.max(...p99s))} | ${fmtMs(b.p50)} | ${fmtMs(b.p99)} | ` +
        `${fmtRatio(p99Ratio(a, b))} | ${(a.p99 ?? Number.POSITIVE_INFINITY) < TARGET_P99_MS ? 'yes' : 'no'} |`
      );
    }),
  ].join('\n');

  // Per class of inbox request: the SQL alone and the response times of both variants over the paced rounds.
  const classRows: string[] = [];
  for (const who of ['county', 'city'] as const) {
    const w = results.find((x) => x.workload.id === `inbox-${who}`) as WorkloadResult;
    for (const cls of Object.keys(CLASSES) as InboxClass[]) {
      const reqs = r.inbox[who].filter((q) => q.cls === cls);
      const keys = new Set(reqs.map((q) => keyOf(who, inboxPath(q.query))));
      const sql = [...keys].map((k) => r.sqlMs.get(k) as number).sort((a, b) => a - b);
      const matches = [...new Set([...keys].map((k) => r.totals.get(k) ?? '?'))];
      const a = mixTimes(w.paced[0].samples, keys);
      const b = mixTimes(w.paced[1].samples, keys);
      classRows.push(
        `| ${cls}, ${who} | ${pct(reqs.length / r.inbox[who].length)} | ${matches.join(', ')} | ` +
          `${fmtMs(median(sql))} (${fmtMs(sql[sql.length - 1])}) | ${fmtMs(percentileOf(a, 50))} / ${fmtMs(percentileOf(a, 99))} | ` +
          `${fmtMs(percentileOf(b, 50))} / ${fmtMs(percentileOf(b, 99))} |`,
      );
    }
  }
  for (const who of Object.keys(USERS) as Who[]) {
    const w = results.find((x) => x.workload.id === `stats-${who}`) as WorkloadResult;
    const keys = new Set([keyOf(who, STATS_PATH)]);
    const a = mixTimes(w.paced[0].samples, keys);
    const b = mixTimes(w.paced[1].samples, keys);
    classRows.push(
      `| statistics, ${who} | – | ${fmtInt(r.sizes[who].year)} cases this year | ${fmtMs(r.sqlMs.get(keyOf(who, STATS_PATH)))} | ` +
        `${fmtMs(percentileOf(a, 50))} / ${fmtMs(percentileOf(a, 99))} | ${fmtMs(percentileOf(b, 50))} / ${fmtMs(percentileOf(b, 99))} |`,
    );
  }
  const classTable = [
    '| Request, user | share of the user’s requests | matches | SQL ms, one connection: median (max) | (a) p50 / p99 ms, open loop | (b) p50 / p99 ms, open loop |',
    '| :-- | --: | :-- | --: | --: | --: |',
    ...classRows,
  ].join('\n');

  const planTable = [
    '| Query: statement | scope | how mediation_cases is read (rows) | region in the index condition | buffers | ms |',
    '| :-- | :-- | :-- | :-- | --: | --: |',
    ...r.planRows,
  ].join('\n');

  const met = (x: WorkloadResult) =>
    timeRatio(x) <= TARGET_TIME_RATIO && (x.paced[0].p99 ?? Number.POSITIVE_INFINITY) < TARGET_P99_MS;
  const missed = results.filter((x) => !met(x)).map((x) => x.workload.label);
  const interpretation = [
    `Closed loop (${CONNECTIONS} connections, no limit on the rate): the time ratio is the bare route's throughput ` +
      "divided by the API's (the API's cost per request in units of the same SQL through `pg`; target ≤ 1.5). " +
      `Its p99 here is mostly queueing for 2 cores and ${POOL_SIZE} pooled connections.`,
    '',
    `**Open loop** at half the API's closed-loop throughput of each workload (requests due at a fixed pace over at most ` +
      `${PACED_CONNECTIONS} connections, late ones timed from when they were due); this p99 is the one compared with the target (< ${TARGET_P99_MS} ms):`,
    '',
    pacedTable,
    '',
    `**Targets** (time ratio ≤ ${TARGET_TIME_RATIO}, open-loop p99 < ${TARGET_P99_MS} ms): ` +
      (missed.length
        ? `met by ${results.length - missed.length} of ${results.length} workloads; not met: ${missed.join('; ')}.`
        : 'met by every workload.'),
    '',
    '**By request** (SQL alone: the statements of the request one after the other on one connection, median of 3; ' +
      'response times of both variants pooled over the open-loop rounds):',
    '',
    classTable,
    '',
    `**Plans** (EXPLAIN (ANALYZE, BUFFERS) of the statements mediation.repository.ts sends for the request, second run; ` +
      'index names without the `mediation_cases_` prefix; "region in the index condition": `region_code = ANY(…)` is ' +
      'tested in an index rather than on table rows). ' +
      (r.whole.length
        ? `**Whole-table scans for a county or a city: ${r.whole.join(', ')}.**`
        : 'No statement for a county or a city scans mediation_cases sequentially.'),
    '',
    planTable,
  ].join('\n');

  return {
    method: [
      `${fmtInt(seeded.cases)} cases (fixed seed ${SEED}) of ${seeded.orgs} organisations (a mediation centre and one to ` +
        `three others in every region below the province), received over the ${DAYS} days up to ${r.today} (fewer at ` +
        'weekends, a third more per day at the end than at the start), spread over the regions by a weight per ' +
        'reporting unit (长春市 35%, 吉林市 16%, …); statuses by age as a register would have them: ' +
        `${byStatus}; deadlines from core's caseDeadlines, one mediation in twenty extended. COPY oldest first ` +
        '(server/src/db/copy.ts) without the secondary indexes, which were then built from their own definitions ' +
        `(020 included); \`VACUUM ANALYZE\`. Load: generate ${s.generate.toFixed(0)} s, COPY ${s.copy.toFixed(0)} s, ` +
        `indexes ${s.index.toFixed(0)} s, analyze ${s.analyze.toFixed(0)} s. No case events (the inbox and the ` +
        'statistics do not read them).',
      `Scopes: ${(Object.keys(USERS) as Who[])
        .map(
          (w) =>
            `${SCOPE_LABEL[w]}: ${fmtInt(r.sizes[w].cases)} cases, ${fmtInt(r.sizes[w].open)} open, ${fmtInt(r.sizes[w].year)} received this year`,
        )
        .join('; ')}.`,
      `Inbox: per 100 requests of a user, ${Object.entries(SHARES)
        .map(([c, n]) => `${n} ${c}`)
        .join(', ')} (see the table by request; names, codes and brands taken from the loaded cases of the user's ` +
        `scope), ${PAGE_SIZE} rows a page; the county's and the city's mixes are separate workloads. Statistics: ` +
        `\`GET ${STATS_PATH}\` as each scope's user (this year, by region).`,
      `Servers in one child process on 127.0.0.1, each with a pool of ${POOL_SIZE} connections; the load generator in ` +
        `the parent process; same machine, same PostgreSQL (embedded, as \`npm start\` runs it: ${r.pgMemory}). ` +
        (Math.max(...r.load) < QUIET_LOAD
          ? 'Nothing else ran on the machine'
          : 'Other people ran tests on the machine during the run') +
        ` (1-minute load average before the first workload and after each: ${r.load.map((x) => x.toFixed(1)).join(', ')}; ` +
        'the benchmark itself accounts for about 2): read the ratios (both variants share any disturbance, alternating ' +
        'round by round), not the absolute numbers.',
      `Closed loop: ${CONNECTIONS} connections (autocannon), each from its own place in the mix; one ${settings.warmup} s ` +
        `warm-up per variant, then ${settings.rounds} rounds alternating (a, b, a, b, ...) of ${settings.duration} s or ` +
        `long enough for ${CLOSED_RESPONSES} responses at the warm-up's rate (${
          results
            .filter((x) => x.closedSeconds > settings.duration)
            .map((x) => `${x.workload.label}: ${x.closedSeconds} s`)
            .join(', ') || 'none needed more'
        }); medians over the rounds. Any error, timeout or non-2xx answer fails the run.`,
      `Open loop: each workload's mix at a fixed rate (half the API's closed-loop median) over at most ` +
        `${PACED_CONNECTIONS} connections, runs of at least ${PACED_REQUESTS} requests (${results
          .map((x) => `${x.workload.label} ${x.rate} req/s for ${x.pacedSeconds} s`)
          .join(', ')}), warm-up and alternating rounds as above (3 rounds below ${SLOW_RATE} req/s); a request is ` +
        'timed from when it was due.',
      `Before measuring, (a) and (b) are checked to return identical JSON for every distinct inbox request of the ` +
        'mixes and for the three statistics.',
    ],
    table,
    interpretation,
  };
}
