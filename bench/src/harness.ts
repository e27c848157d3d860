/**
 * The benchmark harness: fixed-seed data, a throwaway embedded PostgreSQL, bounded HTTP load (autocannon),
 * warm-up then alternating rounds, medians, and a ratio table. Benchmarks measure the project's path and a
 * baseline on the same data in the same run; the ratio is the result, the absolute numbers depend on the machine.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { buildApp } from '../../server/src/app.js';
import { loadConfig } from '../../server/src/config.js';
import { startEmbedded } from '../../server/src/db/embedded.js';
import { createPool, type Queryable } from '../../server/src/db/pool.js';
import { prepareDatabase } from '../../server/src/db/setup.js';
import { createLogger } from '../../server/src/platform/logger.js';
import { Regions } from '../../server/src/platform/regions.js';

// ---------------------------------------------------------------------------------------------------------
// Interrupts

const onInterrupt = new Set<() => Promise<void> | void>();

/**
 * What Ctrl-C must undo (server processes first, PostgreSQL last): every registered step, newest first.
 * run.ts calls it from its SIGINT/SIGTERM handler.
 */
export async function interruptCleanup(): Promise<void> {
  for (const fn of [...onInterrupt].reverse()) {
    onInterrupt.delete(fn);
    await Promise.resolve()
      .then(fn)
      .catch(() => {});
  }
}

// ---------------------------------------------------------------------------------------------------------
// Fixed-seed data

/** mulberry32: a small, fast PRNG; the same seed gives the same sequence on every machine. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Random {
  /** [0, 1) */
  next(): number;
  /** an integer in [min, max] */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  /** picks a key with probability proportional to its weight */
  weighted<K extends string>(weights: Record<K, number>): K;
  /** a shuffled copy */
  shuffle<T>(items: readonly T[]): T[];
}

export function seededRandom(seed: number): Random {
  const next = mulberry32(seed);
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)] as T,
    weighted<K extends string>(weights: Record<K, number>): K {
      const entries = Object.entries(weights) as [K, number][];
      let r = next() * entries.reduce((s, [, w]) => s + w, 0);
      for (const [k, w] of entries) {
        r -= w;
        if (r < 0) return k;
      }
      return (entries[entries.length - 1] as [K, number])[0];
    },
    shuffle<T>(items: readonly T[]): T[] {
      const out = [...items];
      for (let i = out.length - 1; i > 0; i--) {
        const j = int(0, i);
        [out[i], out[j]] = [out[j] as T, out[i] as T];
      }
      return out;
    },
  };
}

// ---------------------------------------------------------------------------------------------------------
// Database

export type Log = (msg: string) => void;

export const log: Log = (msg) => process.stderr.write(`[bench] ${msg}\n`);

export interface BenchDatabase {
  /** version() of the server */
  version: string;
  /** the migrated database with reference data; used as the template of fresh() (keep no connection to it) */
  ownerUrl: string;
  appUrl: string;
  /** A new database cloned from the migrated one: each benchmark seeds its own. */
  fresh(name: string): Promise<FreshDatabase>;
  stop(): Promise<void>;
}

export interface FreshDatabase {
  name: string;
  /** schema owner (migrations, seeding) */
  ownerUrl: string;
  /** the application role, as the app connects */
  appUrl: string;
  owner: pg.Pool;
  close(): Promise<void>;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/**
 * Starts an embedded PostgreSQL in a fresh temporary directory, migrates it and loads reference data
 * (regions) exactly as the server does. stop() shuts PostgreSQL down and removes the directory.
 */
export async function startBenchDatabase(logger: Log = log): Promise<BenchDatabase> {
  const dir = await mkdtemp(join(tmpdir(), 'hexie-bench-'));
  // PostgreSQL runs as the postgres OS user when we are root: it must be able to walk into the directory.
  await chmod(dir, 0o755);
  const pgLog = { info: logger, warn: logger, debug: () => {} };
  let embedded: Awaited<ReturnType<typeof startEmbedded>> | undefined;
  const opened = new Set<FreshDatabase>();
  const stop = async () => {
    onInterrupt.delete(stop);
    for (const f of [...opened]) await f.close().catch(() => {});
    try {
      if (embedded) await embedded.stop();
    } finally {
      embedded = undefined;
      await rm(dir, { recursive: true, force: true });
    }
  };
  onInterrupt.add(stop);
  try {
    logger(`starting embedded PostgreSQL in ${dir}`);
    embedded = await startEmbedded(dir, pgLog);
    await prepareDatabase(embedded.ownerUrl, embedded.appUrl, false, pgLog);
    const { ownerUrl, appUrl } = embedded;
    const template = decodeURIComponent(new URL(ownerUrl).pathname.slice(1));
    const admin = new pg.Client({ connectionString: withDatabase(ownerUrl, 'postgres') });
    await admin.connect();
    const version = (await admin.query<{ v: string }>('SELECT version() AS v')).rows[0]?.v ?? 'unknown';
    await admin.end();
    return {
      version,
      ownerUrl,
      appUrl,
      stop,
      async fresh(name) {
        const database = `bench_${name.replace(/\W/g, '_').toLowerCase()}`;
        const a = new pg.Client({ connectionString: withDatabase(ownerUrl, 'postgres') });
        await a.connect();
        try {
          await a.query(`DROP DATABASE IF EXISTS ${database}`);
          await a.query(`CREATE DATABASE ${database} TEMPLATE ${template}`);
        } finally {
          await a.end();
        }
        const owner = createPool(withDatabase(ownerUrl, database), 4);
        const f: FreshDatabase = {
          name: database,
          ownerUrl: withDatabase(ownerUrl, database),
          appUrl: withDatabase(appUrl, database),
          owner,
          async close() {
            opened.delete(f);
            await owner.end();
          },
        };
        opened.add(f);
        return f;
      },
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

/**
 * Bulk insert through `INSERT ... SELECT FROM unnest($1::type[], ...)` in batches (about 10x slower than COPY,
 * fine for tens of thousands of rows). columns maps each column to its PostgreSQL type; rows are objects.
 */
export async function bulkInsert(
  db: Queryable,
  table: string,
  columns: Record<string, string>,
  rows: readonly Record<string, unknown>[],
  batchSize = 5000,
): Promise<void> {
  const names = Object.keys(columns);
  const casts = names.map((n, i) => `$${i + 1}::${columns[n]}[]`).join(', ');
  const sql = `INSERT INTO ${table} (${names.join(', ')}) SELECT * FROM unnest(${casts})`;
  for (let start = 0; start < rows.length; start += batchSize) {
    const batch = rows.slice(start, start + batchSize);
    await db.query(
      sql,
      names.map((n) => batch.map((r) => r[n] ?? null)),
    );
  }
}

// ---------------------------------------------------------------------------------------------------------
// Servers in a child process (so the load generator and the server under test do not share one event loop)

export interface ServerProcess<Info> {
  info: Info;
  stop(): Promise<void>;
}

/**
 * Forks `node --import tsx <modulePath>`, sends it `input` and waits until it answers with the value given to
 * serveInChild's ready. stop() asks it to close and waits for it to exit (killing it after 10 s).
 */
export async function startServerProcess<Input, Info>(modulePath: string, input: Input): Promise<ServerProcess<Info>> {
  const child: ChildProcess = fork(modulePath, [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // Interrupted: no draining, the load generator may still be running.
  const kill = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    return exited;
  };
  onInterrupt.add(kill);
  const info = await new Promise<Info>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`server process ${modulePath} exited with code ${code}`)));
    child.on('message', (m: { type: string; info?: Info; error?: string }) => {
      if (m.type === 'ready') resolve(m.info as Info);
      else if (m.type === 'failed') reject(new Error(m.error));
    });
    child.send({ type: 'start', input });
  }).catch(async (err) => {
    onInterrupt.delete(kill);
    await kill();
    throw err;
  });
  return {
    info,
    async stop() {
      onInterrupt.delete(kill);
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.send({ type: 'stop' });
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** The child side of startServerProcess: start(input) brings the servers up; close() runs on stop or when the parent goes. */
export function serveInChild<Input, Info>(start: (input: Input) => Promise<{ info: Info; close(): Promise<void> }>) {
  let close: (() => Promise<void>) | undefined;
  const shutdown = async () => {
    try {
      await close?.();
    } finally {
      process.exit(0);
    }
  };
  process.on('disconnect', () => void shutdown());
  process.on('message', (m: { type: string; input?: Input }) => {
    if (m.type === 'start') {
      start(m.input as Input).then(
        (s) => {
          close = s.close;
          process.send?.({ type: 'ready', info: s.info });
        },
        (err: Error) => {
          process.send?.({ type: 'failed', error: err.stack ?? String(err) });
          process.exit(1);
        },
      );
    } else if (m.type === 'stop') void shutdown();
  });
}

// ---------------------------------------------------------------------------------------------------------
// Load

export interface LoadOptions {
  /** concurrent connections (bounded load) */
  connections: number;
  /** seconds; ignored when amount is set */
  duration?: number;
  /** a fixed number of requests instead of a duration */
  amount?: number;
  headers?: Record<string, string>;
  /** request paths each connection cycles through (otherwise the URL's own path) */
  paths?: readonly string[];
}

/** One measurement: a rate (higher is better) and, for HTTP, latency percentiles in milliseconds. */
export interface Sample {
  rate: number;
  p50?: number;
  p99?: number;
  count: number;
  seconds: number;
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] as number;
}

/**
 * Runs autocannon against url under bounded load and returns req/s and latency percentiles (computed from
 * every response time at full precision; autocannon's own histogram rounds to whole milliseconds).
 * Any error, timeout or non-2xx answer fails the run: a fast 401 must never count as throughput.
 */
export async function runLoad(url: string, opts: LoadOptions): Promise<Sample> {
  const times: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections: opts.connections,
        ...(opts.amount ? { amount: opts.amount } : { duration: opts.duration ?? 5 }),
        headers: opts.headers ?? {},
        ...(opts.paths?.length ? { requests: opts.paths.map((path) => ({ method: 'GET' as const, path })) } : {}),
      },
      (err, res) => (err ? reject(err) : resolve(res)),
    );
    // The tracker emits (client, statusCode, bytes, ms); @types/autocannon leaves out the client.
    (instance as unknown as NodeJS.EventEmitter).on(
      'response',
      (_c: unknown, status: number, _b: number, ms: number) => {
        if (status >= 200 && status < 300) times.push(ms);
      },
    );
  });
  if (result.errors || result.timeouts || result.non2xx) {
    throw new Error(
      `load on ${url} had ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx answers ` +
        `(${JSON.stringify(result.statusCodeStats)})`,
    );
  }
  const sorted = Float64Array.from(times).sort();
  return {
    rate: result.requests.total / result.duration,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    count: result.requests.total,
    seconds: result.duration,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Load from a mix of requests, each with its own headers, every response time kept by request

export interface MixRequest {
  path: string;
  headers: Record<string, string>;
  /** what its response times are kept under (the same request may appear in the mix more than once) */
  key: string;
}

/** A Sample with every response time by request key, for tables by class of request. */
export interface MixSample extends Sample {
  times: Map<string, number[]>;
}

/** The p-th percentile (nearest rank) of sorted values. */
export function percentileOf(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] as number;
}

function mixSample(all: number[], times: Map<string, number[]>, seconds: number): MixSample {
  const sorted = all.sort((x, y) => x - y);
  return {
    rate: sorted.length / seconds,
    p50: percentileOf(sorted, 50),
    p99: percentileOf(sorted, 99),
    count: sorted.length,
    seconds,
    times,
  };
}

/** Every response time of the given request keys over the given samples, sorted. */
export function mixTimes(samples: readonly Sample[], keys: ReadonlySet<string>): number[] {
  const out: number[] = [];
  for (const s of samples as MixSample[]) for (const [k, ts] of s.times) if (keys.has(k)) out.push(...ts);
  return out.sort((a, b) => a - b);
}

/**
 * Closed loop: `connections` connections (autocannon), each sending its next request when the last one is
 * answered, through the mix from its own starting point (so they do not move in step). As runLoad, latencies are
 * every response time at full precision and any error, timeout or non-2xx answer fails the run.
 */
export async function closedMixLoad(
  base: string,
  mix: readonly MixRequest[],
  connections: number,
  duration: number,
): Promise<MixSample> {
  const requests = mix.map((r) => ({ method: 'GET' as const, path: r.path, headers: r.headers, key: r.key }));
  const times = new Map<string, number[]>();
  const all: number[] = [];
  let nextClient = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: base,
        connections,
        duration,
        // A slow request (the province's statistics behind nine others) is slow, not lost: 60 s as the open loop.
        timeout: 60,
        requests,
        // Each connection starts at its own place in the mix.
        setupClient: (client: unknown) => {
          const shift = Math.floor((nextClient++ * requests.length) / connections);
          (client as { setRequests(r: unknown[]): void }).setRequests([
            ...requests.slice(shift),
            ...requests.slice(0, shift),
          ]);
        },
      },
      (err, res) => (err ? reject(err) : resolve(res)),
    );
    // (client, statusCode, bytes, ms): with no pipelining the client's current request is the one answered.
    (instance as unknown as NodeJS.EventEmitter).on(
      'response',
      (client: { requestIterator?: { currentRequest?: { key?: string } } }, status: number, _b: number, ms: number) => {
        if (status < 200 || status >= 300) return;
        const key = client.requestIterator?.currentRequest?.key;
        if (!key) throw new Error('autocannon: cannot tell which request was answered');
        all.push(ms);
        const list = times.get(key);
        if (list) list.push(ms);
        else times.set(key, [ms]);
      },
    );
  });
  if (result.errors || result.timeouts || result.non2xx) {
    throw new Error(
      `load on ${base} had ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx ` +
        `answers (${JSON.stringify(result.statusCodeStats)})`,
    );
  }
  const sample = mixSample(all, times, result.duration);
  sample.rate = result.requests.total / result.duration;
  return sample;
}

/**
 * Open loop at a fixed rate: request i is due at start + i / rate whatever happened before (not in bursts:
 * autocannon's overallRate sends each connection's quota for a second at the top of the second, all connections
 * together), over at most `connections` keep-alive connections. A request waiting for a free connection is late:
 * its time counts from when it was due, so queueing in front of the server is measured.
 */
export async function pacedMixLoad(
  base: string,
  mix: readonly MixRequest[],
  connections: number,
  rate: number,
  duration: number,
): Promise<MixSample> {
  const url = new URL(base);
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const times = new Map<string, number[]>();
  const all: number[] = [];
  const total = Math.max(1, Math.round(rate * duration));
  let failure: Error | undefined;
  const one = (r: MixRequest, due: number) =>
    new Promise<void>((resolve) => {
      const req = http.request(
        { host: url.hostname, port: url.port, path: r.path, headers: r.headers, agent },
        (res) => {
          res.resume();
          res.on('end', () => {
            if (res.statusCode !== 200) failure ??= new Error(`GET ${r.path}: ${res.statusCode}`);
            const ms = performance.now() - due;
            all.push(ms);
            const list = times.get(r.key);
            if (list) list.push(ms);
            else times.set(r.key, [ms]);
            resolve();
          });
        },
      );
      req.setTimeout(60_000, () => req.destroy(new Error(`GET ${r.path}: no answer in 60 s`)));
      req.on('error', (err) => {
        failure ??= err;
        resolve();
      });
      req.end();
    });
  const pending: Promise<void>[] = [];
  const start = performance.now() + 20;
  let sent = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      while (sent < total && start + (sent * 1000) / rate <= now) {
        pending.push(one(mix[sent % mix.length] as MixRequest, start + (sent * 1000) / rate));
        sent++;
      }
      if (sent < total) setTimeout(tick, Math.max(0, Math.min(5, start + (sent * 1000) / rate - now)));
      else resolve();
    };
    tick();
  });
  await Promise.all(pending);
  agent.destroy();
  if (failure) throw failure;
  return mixSample(all, times, total / rate);
}

// ---------------------------------------------------------------------------------------------------------
// Comparison

export interface Variant {
  /** short id, used to name a baseline */
  id: string;
  /** what the table shows */
  label: string;
  /** one measurement; `warmup` is set for the warm-up pass */
  run(warmup: boolean): Promise<Sample>;
}

/** A variant that loads an HTTP endpoint with runLoad; the warm-up pass uses warmupSeconds instead of the duration. */
export function httpVariant(id: string, label: string, url: string, load: LoadOptions, warmupSeconds: number): Variant {
  return {
    id,
    label,
    run: (warmup) => runLoad(url, warmup ? { ...load, amount: undefined, duration: warmupSeconds } : load),
  };
}

export interface Summary {
  id: string;
  label: string;
  samples: Sample[];
  /** medians over the rounds */
  rate: number;
  p50: number | undefined;
  p99: number | undefined;
}

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

export interface CompareOptions {
  rounds: number;
  /** run each variant once, unmeasured, before the rounds */
  warmup: boolean;
  log?: Log;
}

/**
 * Warms every variant up, then measures in rounds that alternate the variants (A, B, C, A, B, C, ...), so a
 * slow drift of the machine (thermal, background work, PostgreSQL caches) hits every variant alike; medians
 * over the rounds.
 */
export async function compare(variants: readonly Variant[], opts: CompareOptions): Promise<Summary[]> {
  const say = opts.log ?? log;
  if (opts.warmup) {
    for (const v of variants) {
      const s = await v.run(true);
      say(`warm-up  ${v.label}: ${fmtRate(s.rate)}/s`);
    }
  }
  const samples = new Map<string, Sample[]>(variants.map((v) => [v.id, []]));
  for (let round = 1; round <= opts.rounds; round++) {
    for (const v of variants) {
      const s = await v.run(false);
      samples.get(v.id)?.push(s);
      say(
        `round ${round}/${opts.rounds} ${v.label}: ${fmtRate(s.rate)}/s` +
          (s.p50 !== undefined ? `, p50 ${fmtMs(s.p50)} ms, p99 ${fmtMs(s.p99)} ms` : ''),
      );
    }
  }
  return variants.map((v) => {
    const ss = samples.get(v.id) ?? [];
    const lat = (k: 'p50' | 'p99') => {
      const xs = ss.map((s) => s[k]).filter((x): x is number => x !== undefined);
      return xs.length ? median(xs) : undefined;
    };
    return {
      id: v.id,
      label: v.label,
      samples: ss,
      rate: median(ss.map((s) => s.rate)),
      p50: lat('p50'),
      p99: lat('p99'),
    };
  });
}

// ---------------------------------------------------------------------------------------------------------
// Reporting

export const fmtRate = (x: number) => (x >= 100 ? Math.round(x).toLocaleString('en-US') : x.toFixed(1));
export const fmtMs = (x: number | undefined) =>
  x === undefined || Number.isNaN(x) ? '–' : x < 10 ? x.toFixed(2) : x.toFixed(1);
export const fmtRatio = (x: number) => `${x.toFixed(2)}×`;

/**
 * How a variant compares with a baseline: the median over the rounds of (variant's rate ÷ baseline's rate in
 * the same round). Pairing by round cancels drift that hits both; with one round it is the plain ratio.
 */
export function ratio(s: Summary, baseline: Summary): number {
  const n = Math.min(s.samples.length, baseline.samples.length);
  const pairs: number[] = [];
  for (let i = 0; i < n; i++) {
    pairs.push((s.samples[i] as Sample).rate / (baseline.samples[i] as Sample).rate);
  }
  return pairs.length ? median(pairs) : s.rate / baseline.rate;
}

export interface RatioTableOptions {
  /** ids of the variants each row is divided by (one column each) */
  baselines: readonly string[];
  /** unit of the rate column, e.g. "req/s" */
  unit: string;
}

/**
 * A markdown table: each variant's median rate (and its range over the rounds), median p50 and p99, and its
 * ratio to each baseline (see ratio(); 1.00× = as fast as the baseline, below 1 = slower).
 */
export function ratioTable(summaries: readonly Summary[], opts: RatioTableOptions): string {
  const byId = new Map(summaries.map((s) => [s.id, s]));
  const bases = opts.baselines.map((id) => {
    const b = byId.get(id);
    if (!b) throw new Error(`unknown baseline ${id}`);
    return b;
  });
  const hasLatency = summaries.some((s) => s.p50 !== undefined);
  const head = [
    'Variant',
    `${opts.unit} (median)`,
    `${opts.unit} (min–max)`,
    ...(hasLatency ? ['p50 ms', 'p99 ms'] : []),
    ...bases.map((b) => `÷ ${b.label}`),
  ];
  const rows = summaries.map((s) => {
    const rates = s.samples.map((x) => x.rate);
    return [
      s.label,
      fmtRate(s.rate),
      `${fmtRate(Math.min(...rates))}–${fmtRate(Math.max(...rates))}`,
      ...(hasLatency ? [fmtMs(s.p50), fmtMs(s.p99)] : []),
      ...bases.map((b) => fmtRatio(ratio(s, b))),
    ];
  });
  const align = head.map((_, i) => (i === 0 ? ':--' : '--:'));
  return [head, align, ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
}

// ---------------------------------------------------------------------------------------------------------
// Benchmarks

export interface BenchSettings {
  rounds: number;
  /** seconds per measured run */
  duration: number;
  /** seconds of the warm-up run of each variant */
  warmup: number;
  /** concurrent connections of the load generator */
  connections: number;
}

export interface BenchContext {
  db: BenchDatabase;
  settings: BenchSettings;
  log: Log;
}

export interface BenchReport {
  /** how it was measured, one bullet each */
  method: string[];
  /** from ratioTable */
  table: string;
  /** what the ratios mean, in a sentence or two */
  interpretation: string;
}

export interface Benchmark {
  /** stable id: names its section in RESULTS.md */
  id: string;
  title: string;
  run(ctx: BenchContext): Promise<BenchReport>;
}

// ---------------------------------------------------------------------------------------------------------
// The app under test

/** The app as main.ts builds it, for a benchmark's child process: no web app, warn-level logs to stdout. */
export async function buildBenchApp(appUrl: string, db: pg.Pool): Promise<{ app: FastifyInstance; regions: Regions }> {
  const config = {
    ...loadConfig({ NODE_ENV: 'production', HEXIE_WEB_DIST: '', LOG_LEVEL: 'warn' }),
    databaseUrl: appUrl,
  };
  const regions = await Regions.load(db);
  const { app } = await buildApp({ config, db, regions }, createLogger({ level: 'warn', stdout: true }));
  return { app, regions };
}

/** Signs in through the API and returns the session cookie (`hexie_sid=…`) for the load's requests. */
export async function login(base: string, user: { username: string; password: string }): Promise<string> {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(user),
  });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('hexie_sid='));
  if (!cookie) throw new Error('login set no hexie_sid cookie');
  return cookie.split(';')[0] as string;
}

/** GET as JSON; anything but 200 fails the benchmark. */
export async function getJson(url: string, headers: Record<string, string> = {}): Promise<unknown> {
  const res = await fetch(url, { headers });
  if (res.status !== 200) throw new Error(`GET ${url}: ${res.status} ${await res.text()}`);
  return res.json();
}
