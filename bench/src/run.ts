/**
 * `npm run bench [-- <id> ...]`: runs the benchmarks (all, or those named), prints their tables and writes
 * each one's section of bench/RESULTS.md (other sections are kept).
 *
 * Settings (environment): BENCH_ROUNDS (5), BENCH_DURATION seconds per run (5), BENCH_WARMUP seconds (5),
 * BENCH_CONNECTIONS (10).
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { enterpriseImportBench } from './enterprise-import.bench.js';
import { enterpriseSearchBench } from './enterprise-search.bench.js';
import {
  type BenchDatabase,
  type Benchmark,
  type BenchReport,
  type BenchSettings,
  interruptCleanup,
  log,
  startBenchDatabase,
} from './harness.js';
import { mediationBench } from './mediation.bench.js';
import { userListBench } from './user-list.bench.js';

const BENCHMARKS: Benchmark[] = [userListBench, enterpriseImportBench, enterpriseSearchBench, mediationBench];
const RESULTS = fileURLToPath(new URL('../RESULTS.md', import.meta.url));

function numberEnv(name: string, dflt: number): number {
  const v = process.env[name];
  if (v === undefined || v === '') return dflt;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a non-negative number`);
  return n;
}

function machine(db: BenchDatabase): string {
  const cpus = os.cpus();
  const gib = (os.totalmem() / 1024 ** 3).toFixed(1);
  return (
    `${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${cpus.length} cores, ${gib} GiB RAM, ` +
    `${os.type()} ${os.release()} (${os.arch()}), Node ${process.version}, ${db.version}`
  );
}

function section(b: Benchmark, r: BenchReport, db: BenchDatabase, started: Date): string {
  return [
    `<!-- bench:${b.id}:start -->`,
    `## ${b.title}`,
    '',
    `Run ${started.toISOString().replace('T', ' ').slice(0, 16)} UTC on ${machine(db)}.`,
    '',
    '**Method**',
    '',
    ...r.method.map((m) => `- ${m}`),
    '',
    "**Results** (÷ columns: median over the rounds of this row's rate divided by the baseline's in the same " +
      'round; 1.00× = as fast, below 1 = slower)',
    '',
    r.table,
    '',
    r.interpretation,
    `<!-- bench:${b.id}:end -->`,
  ].join('\n');
}

const HEADER = `# Benchmark results

Written by \`npm run bench\` (bench/src/run.ts); each benchmark replaces its own section when it runs again.
Every benchmark measures the project's path and a baseline on the same data in the same run: read the ratios,
not the absolute numbers, which belong to the machine named in each section.
`;

async function writeResults(sections: Map<string, string>): Promise<void> {
  let text = existsSync(RESULTS) ? await readFile(RESULTS, 'utf8') : HEADER;
  for (const [id, body] of sections) {
    const re = new RegExp(`<!-- bench:${id}:start -->[\\s\\S]*?<!-- bench:${id}:end -->`);
    text = re.test(text) ? text.replace(re, () => body) : `${text.trimEnd()}\n\n${body}\n`;
  }
  await writeFile(RESULTS, text.endsWith('\n') ? text : `${text}\n`);
}

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((id) => !BENCHMARKS.some((b) => b.id === id));
  if (unknown.length)
    throw new Error(`unknown benchmark ${unknown.join(', ')}; known: ${BENCHMARKS.map((b) => b.id).join(', ')}`);
  const selected = wanted.length ? BENCHMARKS.filter((b) => wanted.includes(b.id)) : BENCHMARKS;
  const settings: BenchSettings = {
    rounds: Math.max(1, Math.round(numberEnv('BENCH_ROUNDS', 5))),
    duration: numberEnv('BENCH_DURATION', 5),
    warmup: numberEnv('BENCH_WARMUP', 5),
    connections: Math.max(1, Math.round(numberEnv('BENCH_CONNECTIONS', 10))),
  };

  // Ctrl-C: kill the server processes, stop PostgreSQL and remove its directory before leaving.
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, () => {
      log(`${sig}: stopping`);
      void interruptCleanup().finally(() => process.exit(130));
    });
  }
  const db = await startBenchDatabase(log);
  const sections = new Map<string, string>();
  try {
    log(`PostgreSQL: ${db.version}`);
    for (const b of selected) {
      const started = new Date();
      log(`== ${b.id}: ${b.title}`);
      const report = await b.run({ db, settings, log });
      const body = section(b, report, db, started);
      sections.set(b.id, body);
      process.stdout.write(`\n${body.split('\n').slice(1, -1).join('\n')}\n\n`);
    }
  } finally {
    await db.stop();
  }
  await writeResults(sections);
  log(`wrote ${RESULTS}`);
}

main().then(
  () => process.exit(0),
  (err) => {
    process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
