/**
 * One run of the enterprise-import benchmark in a process of its own, so that its peak memory is the work's
 * alone (not the benchmark's generated rows and files). Forked by enterprise-import.bench.ts through
 * startServerProcess; reports the seconds, the rows and the process's peak resident memory, then waits to be
 * stopped.
 */
import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { enterpriseImport } from '../../server/src/modules/enterprises/enterprises.import.js';
import type { ServiceContext } from '../../server/src/platform/context.js';
import { runImport } from '../../server/src/platform/import/engine.js';
import { Regions } from '../../server/src/platform/regions.js';
import { serveInChild } from './harness.js';

export type ChildWork = 'commit' | 'validate' | 'parse';

export interface ChildInput {
  work: ChildWork;
  /** the file to read (CSV or xlsx, by its extension) */
  file: string;
  appUrl: string;
  actorId: string;
}

export interface ChildInfo {
  seconds: number;
  /** rows read (parse) or rows the import accepted (read less rejected) */
  rows: number;
  rejected: number;
  /** peak resident set size of this process, bytes (getrusage maxrss) */
  peakRss: number;
  /** resident set size before the work started, bytes */
  startRss: number;
}

async function parseOnly(data: Buffer): Promise<{ rows: number; rejected: number }> {
  let n = 0;
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(data), {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'emit',
  });
  for await (const ws of reader) {
    for await (const _row of ws) n += 1;
  }
  return { rows: n - 1, rejected: 0 };
}

serveInChild<ChildInput, ChildInfo>(async (input) => {
  const app = new pg.Pool({ connectionString: input.appUrl, max: 4 });
  try {
    const regions = await Regions.load(app);
    const ctx: ServiceContext = {
      actor: {
        id: input.actorId,
        username: 'bench_admin',
        displayName: '基准',
        role: 'province_admin',
        regionCode: '220000',
        memberUnit: 'hrss',
        enterpriseId: null,
      },
      scope: regions.scopeOf('220000'),
      lang: 'zh-CN',
      ip: null,
      requestId: null,
      db: app,
      regions,
      // The child's errors reach the parent on stderr.
      log: { error: (obj, msg) => console.error(msg, obj), warn: (obj, msg) => console.warn(msg, obj) },
    };
    const name = input.file.endsWith('.csv') ? 'bench.csv' : 'bench.xlsx';
    const startRss = process.memoryUsage().rss;
    const started = performance.now();
    const data = await readFile(input.file);
    let counts: { rows: number; rejected: number };
    if (input.work === 'parse') counts = await parseOnly(data);
    else {
      const r = await runImport(
        ctx,
        enterpriseImport as never,
        { name, data },
        input.work,
        { error: () => {} },
        { wait: true },
      );
      counts = { rows: r.rows - r.rejected, rejected: r.rejected };
    }
    const seconds = (performance.now() - started) / 1000;
    const info: ChildInfo = {
      seconds,
      ...counts,
      peakRss: process.resourceUsage().maxRSS * 1024,
      startRss,
    };
    return { info, close: async () => {} };
  } finally {
    await app.end();
  }
});
