import { createHash } from 'node:crypto';
import { FIELD_ERRORS, type FieldErrorCode, format, type Lang } from '@hexie/core';
import { type Queryable, type Tx, withTx } from '../../db/pool.js';
import { audit } from '../audit.js';
import type { Actor, Platform, ServiceContext } from '../context.js';
import { AppError } from '../errors.js';
import { defineJob, type JobLog, type Jobs } from '../jobs.js';
import { type FileKind, inspectFile } from './guard.js';
import { type RawCell, type RawRow, readRows } from './read.js';
import type {
  CellProblem,
  ImportMode,
  ImportResult,
  ImportSpec,
  RowError,
  TemplateColumn,
  UpsertCounts,
} from './spec.js';

/**
 * A file over either limit is imported in the background (pg-boss job, decision 004): the caller gets 202 at
 * once and polls GET /api/v1/imports/:id. Rows are counted without parsing (guard.ts rowsHint).
 */
export const BACKGROUND = { bytes: 2 * 1024 * 1024, rows: 5_000 } as const;
/** @deprecated use BACKGROUND.bytes */
export const BACKGROUND_BYTES = BACKGROUND.bytes;
/** Row errors kept in an answer and in the import record. */
export const MAX_ERRORS = 1_000;
const DEFAULT_MAX_ROWS = 100_000;

/** Header text as people type it: full-width to half-width, no spaces, no required-marks. */
export function normaliseHeader(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\s*＊]/g, '')
    .replace(/[（]/g, '(')
    .replace(/[）]/g, ')')
    .toLowerCase();
}

function rawText(cell: RawCell | undefined): string {
  if (!cell) return '';
  switch (cell.type) {
    case 'text':
      return cell.text.trim();
    case 'number':
      return String(cell.value);
    case 'date':
      return cell.value.toISOString().slice(0, 10);
    case 'bool':
      return cell.value ? 'TRUE' : 'FALSE';
    case 'error':
      return cell.text;
    default:
      return '';
  }
}

/** Plain decimal text of a number, never 2.20102e+17 (JavaScript writes integers below 1e21 in full). */
function plainNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return String(n);
  return String(Number(n.toPrecision(15)));
}

const pad = (n: number) => String(n).padStart(2, '0');
/** Excel dates carry no zone; exceljs reads them as UTC midnight. */
const isoDay = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
/** Day 0 of Excel's 1900 date system as it counts after 1900-02-28 (its phantom 29 February included). */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/** Text dates people write: 2026-03-02, 2026/3/2, 2026.3.2, 2026年3月2日, 20260302. */
export function textDate(text: string): string | null {
  const m = text.match(/^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/) ?? text.match(/^(\d{4})(\d{2})(\d{2})$/) ?? null;
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return `${y}-${pad(mo)}-${pad(d)}`;
}

/**
 * A cell read per its column's kind, as the string the module parses, or the problem with it. Codes and ID
 * numbers must be text: a number there may already have lost digits in Excel (2.20102E+17), so it is an error,
 * never silently stored.
 */
export function cellValue(cell: RawCell | undefined, col: TemplateColumn): { text: string } | { problem: CellProblem } {
  if (!cell || cell.type === 'empty') return { text: '' };
  if (cell.type === 'error')
    return { problem: { column: col.key, code: 'formula_error', params: { value: cell.text } } };
  switch (col.kind) {
    case 'code':
      if (cell.type === 'number') return { problem: { column: col.key, code: 'numeric_code' } };
      if (cell.type === 'text' && /^\d+(\.\d+)?e\+?\d+$/i.test(cell.text.trim())) {
        return { problem: { column: col.key, code: 'numeric_code' } };
      }
      return { text: rawText(cell) };
    case 'number':
      if (cell.type === 'number') return { text: plainNumber(cell.value) };
      return { text: rawText(cell).replace(/,/g, '') };
    case 'date': {
      if (cell.type === 'date') return { text: isoDay(cell.value) };
      if (cell.type === 'number') {
        // 20260302 typed into a number cell, or a date whose cell lost its date format (Excel's serial number).
        const typed = /^\d{8}$/.test(String(cell.value)) ? textDate(String(cell.value)) : null;
        if (typed) return { text: typed };
        if (Number.isInteger(cell.value) && cell.value > 0 && cell.value < 2_958_466) {
          return { text: isoDay(new Date(EXCEL_EPOCH + cell.value * 86_400_000)) };
        }
        return { problem: { column: col.key, code: 'invalid_date' } };
      }
      const text = rawText(cell);
      const iso = textDate(text);
      return iso ? { text: iso } : { problem: { column: col.key, code: 'invalid_date' } };
    }
    default:
      return { text: rawText(cell) };
  }
}

interface HeaderMap {
  row: number;
  /** column key -> index in the row's cells */
  index: Map<string, number>;
}

/** The header row matched to the template; missing required, unknown or repeated columns refuse the file. */
export function matchHeaders(columns: readonly TemplateColumn[], row: RawRow, lang: Lang): HeaderMap {
  const byName = new Map<string, TemplateColumn>();
  for (const c of columns) for (const name of [c.header, ...(c.aliases ?? [])]) byName.set(normaliseHeader(name), c);
  const index = new Map<string, number>();
  const unknown: string[] = [];
  const repeated: string[] = [];
  row.cells.forEach((cell, i) => {
    const text = rawText(cell);
    if (!text) return;
    const col = byName.get(normaliseHeader(text));
    if (!col) unknown.push(text);
    else if (index.has(col.key)) repeated.push(text);
    else index.set(col.key, i);
  });
  const missing = columns.filter((c) => c.required && !index.has(c.key)).map((c) => c.header);
  if (missing.length || unknown.length || repeated.length) {
    const zh = lang === 'zh-CN';
    const parts = [
      missing.length ? `${zh ? '缺少必填列' : 'missing required columns'} ${missing.join(zh ? '、' : ', ')}` : '',
      unknown.length ? `${zh ? '无法识别的列' : 'unknown columns'} ${unknown.join(zh ? '、' : ', ')}` : '',
      repeated.length ? `${zh ? '重复的列' : 'repeated columns'} ${repeated.join(zh ? '、' : ', ')}` : '',
    ].filter(Boolean);
    throw new AppError('import_headers', { params: { problems: parts.join(zh ? '；' : '; ') } });
  }
  return { row: row.row, index };
}

function isBlank(row: RawRow): boolean {
  return row.cells.every((c) => c.type === 'empty');
}

export interface ImportFile {
  name: string;
  data: Buffer;
}

interface ImportRecord {
  id: string;
}

/** A row error as the API answers it: the column named by its Chinese header, the message in the caller's language. */
function rowError(row: number, p: CellProblem, columns: readonly TemplateColumn[], lang: Lang): RowError {
  const col = columns.find((c) => c.key === p.column);
  const header = col?.header ?? '';
  const template = FIELD_ERRORS[p.code as FieldErrorCode][lang];
  return {
    row,
    column: header,
    code: p.code,
    message: format(template, { ...(p.params ?? {}), field: header || (lang === 'zh-CN' ? '该行' : 'This row') }),
  };
}

async function createRecord(
  ctx: ServiceContext,
  spec: ImportSpec<unknown>,
  file: ImportFile,
  hash: string,
  mode: ImportMode,
  status: ImportResult['status'],
): Promise<ImportRecord> {
  const { rows } = await ctx.db.query<{ id: string }>(
    `INSERT INTO imports (entity, mode, status, file_name, file_hash, file_size, actor_id, actor_username, region_code)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [
      spec.entity,
      mode,
      status,
      file.name.slice(0, 200),
      hash,
      file.data.length,
      ctx.actor.id,
      ctx.actor.username,
      ctx.actor.regionCode,
    ],
  );
  return { id: (rows[0] as { id: string }).id };
}

async function previousCommit(ctx: ServiceContext, entity: string, hash: string, except: string) {
  const { rows } = await ctx.db.query<{ id: string; finished_at: Date; actor_username: string }>(
    `SELECT id, finished_at, actor_username FROM imports
      WHERE entity = $1 AND file_hash = $2 AND mode = 'commit' AND status = 'succeeded' AND id <> $3
        AND region_code = ANY($4::text[])
      ORDER BY finished_at LIMIT 1`,
    [entity, hash, except, ctx.scope.codes],
  );
  const r = rows[0];
  return r ? { importId: r.id, at: r.finished_at.toISOString(), by: r.actor_username } : undefined;
}

async function setProgress(db: Queryable, id: string, progress: number, rows?: number): Promise<void> {
  await db.query(
    `UPDATE imports SET progress = $2, rows = coalesce($3, rows), status = 'running'
      WHERE id = $1 AND status IN ('queued', 'running')`,
    [id, Math.round(progress * 1000) / 1000, rows ?? null],
  );
}

type Report = (progress: number, rows?: number) => Promise<void>;

/** Progress of a background import, written at most every 250 ms (0..0.9 reading, checking and writing chunks). */
function reporter(db: Queryable, id: string): Report {
  let last = 0;
  return async (progress, rows) => {
    const now = Date.now();
    if (progress < 1 && now - last < 250) return;
    last = now;
    await setProgress(db, id, progress, rows);
  };
}

/** Parsed rows handed to the module's check and upsert at a time: memory stays flat whatever the file's size. */
export const IMPORT_CHUNK = 2_000;

/** Thrown inside the commit's transaction to roll it back when a row error turned up after a chunk was written. */
class RowErrorsFound extends Error {}

/**
 * The import itself, streamed in chunks: guard, read, match headers, parse every row (the module's rules),
 * duplicates within the file, the module's checks per chunk of IMPORT_CHUNK rows, and — for a commit — each
 * chunk's upsert inside one transaction opened for the whole file. Once any row has an error no more chunks
 * are written, the rest of the file is still checked so that every error is reported, and the transaction is
 * rolled back: nothing is written for a validate or for a commit with an error. Only the keys seen so far and
 * the current chunk are held, not the whole file.
 */
async function process(
  ctx: ServiceContext,
  spec: ImportSpec<unknown>,
  file: ImportFile,
  kind: FileKind,
  mode: ImportMode,
  record: ImportRecord,
  hash: string,
  report?: Report,
): Promise<ImportResult> {
  const maxRows = spec.maxRows ?? DEFAULT_MAX_ROWS;
  const keyColumn = spec.columns[0]?.key;
  const errors: RowError[] = [];
  const rejectedRows = new Set<number>();
  /** natural key -> the first row that had it */
  const firstRow = new Map<string, number>();
  const counts: UpsertCounts = { created: 0, updated: 0, unchanged: 0 };
  let header: HeaderMap | undefined;
  let chunk: { row: number; value: unknown }[] = [];
  let rows = 0;
  let read = 0;

  const flush = async (tx: Tx | undefined) => {
    if (!chunk.length) return;
    const batch = chunk;
    chunk = [];
    let valid = batch;
    if (spec.check) {
      const found = await spec.check(
        ctx,
        batch.map((p) => p.value),
      );
      valid = batch.filter((p, i) => {
        const problems = found.get(i);
        if (!problems?.length) return true;
        rejectedRows.add(p.row);
        for (const problem of problems) errors.push(rowError(p.row, problem, spec.columns, ctx.lang));
        return false;
      });
    }
    if (tx && !errors.length && valid.length) {
      const c = await spec.upsert(
        tx,
        ctx,
        valid.map((p) => p.value),
      );
      counts.created += c.created;
      counts.updated += c.updated;
      counts.unchanged += c.unchanged;
    }
  };

  const readAll = async (tx: Tx | undefined) => {
    for await (const raw of readRows(kind, file.data, report ? (f) => (read = f) : undefined)) {
      if (isBlank(raw)) continue;
      if (!header) {
        header = matchHeaders(spec.columns, raw, ctx.lang);
        continue;
      }
      rows += 1;
      // Past the limit the rest is only counted, to say how many there are.
      if (rows > maxRows) continue;
      const cells: Record<string, string> = {};
      const problems: CellProblem[] = [];
      for (const col of spec.columns) {
        const i = header.index.get(col.key);
        const v = cellValue(i === undefined ? undefined : raw.cells[i], col);
        if ('problem' in v) {
          problems.push(v.problem);
          cells[col.key] = '';
        } else cells[col.key] = v.text;
      }
      // The module still parses a row with an unreadable cell (handed over as ''), so the row's other errors are
      // reported too; what it says about the unreadable cells themselves is already known.
      const result = spec.parse(cells, ctx);
      const all =
        problems.length === 0
          ? (result.problems ?? [])
          : [
              ...problems,
              ...(result.problems ?? []).filter((p) => !p.column || !problems.some((q) => q.column === p.column)),
            ];
      if (all.length || !result.value) {
        rejectedRows.add(raw.row);
        for (const p of all) errors.push(rowError(raw.row, p, spec.columns, ctx.lang));
      } else {
        // The same natural key twice in one file: every repeat is an error naming the first.
        const key = spec.key(result.value);
        const first = firstRow.get(key);
        if (first === undefined) {
          firstRow.set(key, raw.row);
          chunk.push({ row: raw.row, value: result.value });
          if (chunk.length >= IMPORT_CHUNK) await flush(tx);
        } else {
          rejectedRows.add(raw.row);
          errors.push(
            rowError(
              raw.row,
              { column: keyColumn, code: 'duplicate_in_file', params: { row: first } },
              spec.columns,
              ctx.lang,
            ),
          );
        }
      }
      if (report && rows % 500 === 0) await report(0.9 * read, rows);
    }
    if (!header) throw new AppError('import_no_header');
    if (rows === 0) throw new AppError('import_no_rows');
    if (rows > maxRows) throw new AppError('import_too_many_rows', { params: { rows, max: maxRows } });
    await flush(tx);
    await report?.(0.95, rows);
  };

  const outcomeOf = (status: ImportResult['status'], written: UpsertCounts): ImportResult => {
    // Row order, then template column order within a row (row-level errors last).
    const order = new Map(spec.columns.map((c, i) => [c.header, i]));
    const at = (e: RowError) => order.get(e.column) ?? spec.columns.length;
    errors.sort((a, b) => a.row - b.row || at(a) - at(b));
    return {
      importId: record.id,
      mode,
      status,
      rows,
      ...written,
      rejected: rejectedRows.size,
      errors: errors.slice(0, MAX_ERRORS),
      ...(errors.length > MAX_ERRORS ? { errorsTruncated: true } : {}),
      fileHash: hash,
    };
  };
  const withPrevious = async (r: ImportResult) => {
    const previous = await previousCommit(ctx, spec.entity, hash, record.id);
    if (previous) r.previousCommit = previous;
    return r;
  };
  const none: UpsertCounts = { created: 0, updated: 0, unchanged: 0 };

  if (mode === 'validate') {
    // A validate says what a commit would check; it writes nothing.
    await readAll(undefined);
    const outcome = await withPrevious(outcomeOf('succeeded', none));
    await finish(ctx.db, record.id, outcome);
    return outcome;
  }
  try {
    return await withTx(ctx.db, async (tx) => {
      await readAll(tx);
      if (errors.length) throw new RowErrorsFound();
      const outcome = await withPrevious(outcomeOf('succeeded', counts));
      await finish(tx, record.id, outcome);
      await audit(tx, ctx, {
        action: `${spec.entity}.import`,
        entityType: 'import',
        entityId: record.id,
        result: 'success',
        details: {
          file: file.name,
          fileHash: hash,
          rows,
          created: counts.created,
          updated: counts.updated,
          unchanged: counts.unchanged,
          ...(outcome.previousCommit ? { previousCommit: outcome.previousCommit.importId } : {}),
        },
      });
      return outcome;
    });
  } catch (err) {
    if (!(err instanceof RowErrorsFound)) throw err;
    // A commit with errors writes nothing at all: the chunks written before the first error are rolled back.
    const outcome = await withPrevious(outcomeOf('failed', none));
    await finish(ctx.db, record.id, outcome);
    return outcome;
  }
}

async function finish(db: Queryable, id: string, r: ImportResult): Promise<void> {
  await db.query(
    `UPDATE imports SET status = $2, rows = $3, created = $4, updated = $5, unchanged = $6, rejected = $7,
            errors = $8, errors_truncated = $9, progress = 1, finished_at = now()
      WHERE id = $1`,
    [
      id,
      r.status,
      r.rows,
      r.created,
      r.updated,
      r.unchanged,
      r.rejected,
      JSON.stringify(r.errors),
      !!r.errorsTruncated,
    ],
  );
}

async function fail(db: Queryable, id: string, err: unknown, requestId: string | null = null): Promise<void> {
  const problem =
    err instanceof AppError
      ? { code: err.code, params: err.options.params ?? {} }
      : { code: 'internal_error', params: { requestId: requestId ?? id } };
  await db
    .query(
      `UPDATE imports SET status = 'failed', problem = $2, progress = 1, finished_at = now()
        WHERE id = $1 AND status IN ('queued', 'running')`,
      [id, JSON.stringify(problem)],
    )
    .catch(() => {});
}

/** Every ImportSpec registered with registerImport, by entity: a background job finds its spec here. */
const specs = new Map<string, ImportSpec<unknown>>();

/** Makes a spec known to the background worker (registerImport does it). */
export function registerSpec(spec: ImportSpec<unknown>): void {
  const known = specs.get(spec.entity);
  if (known && known !== spec) throw new Error(`Two import specs for the entity ${spec.entity}`);
  specs.set(spec.entity, spec);
}

export interface RunOptions {
  /** the process's job runner; without it (benchmarks, scripts) every import runs while the caller waits */
  jobs?: Jobs;
  /** run in the foreground whatever the file's size */
  wait?: boolean;
}

/**
 * POST …/import. The guard runs first (a refused file is answered 400/413 and recorded as failed). Small files
 * are imported while the caller waits. A big one (over BACKGROUND rows or bytes) has its headers checked now
 * (a wrong template is refused at once), is stored in import_files and queued as a pg-boss job; the answer is
 * status 'queued' and the caller polls the import record.
 */
export async function runImport(
  ctx: ServiceContext,
  spec: ImportSpec<unknown>,
  file: ImportFile,
  mode: ImportMode,
  log: { error(obj: unknown, msg: string): void },
  opts: RunOptions = {},
): Promise<ImportResult> {
  const hash = createHash('sha256').update(file.data).digest('hex');
  const record = await createRecord(ctx, spec, file, hash, mode, 'running');
  try {
    const { kind, rowsHint = 0 } = await inspectFile(file.name, file.data);
    const big = file.data.length > BACKGROUND.bytes || rowsHint > BACKGROUND.rows + 1;
    if (big && !opts.wait && opts.jobs) {
      await checkHeaders(ctx, spec, file, kind);
      if (await queue(ctx, opts.jobs, record, file, kind, log)) return queued(record, mode, hash);
    }
    return await process(ctx, spec, file, kind, mode, record, hash);
  } catch (err) {
    await fail(ctx.db, record.id, err, ctx.requestId);
    throw err;
  }
}

function queued(record: ImportRecord, mode: ImportMode, hash: string): ImportResult {
  return {
    importId: record.id,
    mode,
    status: 'queued',
    rows: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    rejected: 0,
    errors: [],
    fileHash: hash,
    progress: 0,
  };
}

/** The header row only: a file of the wrong template is refused before it is queued. */
async function checkHeaders(ctx: ServiceContext, spec: ImportSpec<unknown>, file: ImportFile, kind: FileKind) {
  for await (const raw of readRows(kind, file.data)) {
    if (isBlank(raw)) continue;
    matchHeaders(spec.columns, raw, ctx.lang);
    return;
  }
  throw new AppError('import_no_header');
}

/** What a background import's job carries: never the file (import_files) nor row data. */
interface ImportJob {
  importId: string;
  kind: FileKind;
  lang: Lang;
  ip: string | null;
  requestId: string | null;
}

/**
 * Stores the file and queues the job. When the job runner cannot take it (pg-boss failed to start), says so in
 * the log and answers false: the import then runs while the caller waits rather than not at all.
 */
async function queue(
  ctx: ServiceContext,
  jobs: Jobs,
  record: ImportRecord,
  file: ImportFile,
  kind: FileKind,
  log: { error(obj: unknown, msg: string): void },
): Promise<boolean> {
  await ctx.db.query(`INSERT INTO import_files (import_id, region_code, data) VALUES ($1, $2, $3)`, [
    record.id,
    ctx.actor.regionCode,
    file.data,
  ]);
  await ctx.db.query(`UPDATE imports SET status = 'queued' WHERE id = $1`, [record.id]);
  try {
    await jobs.send(importJob, { importId: record.id, kind, lang: ctx.lang, ip: ctx.ip, requestId: ctx.requestId });
    return true;
  } catch (err) {
    log.error({ err, importId: record.id }, 'import not queued: running it in the request');
    await ctx.db.query('DELETE FROM import_files WHERE import_id = $1', [record.id]);
    await ctx.db.query(`UPDATE imports SET status = 'running' WHERE id = $1`, [record.id]);
    return false;
  }
}

interface QueuedImport {
  entity: string;
  mode: ImportMode;
  status: ImportResult['status'];
  file_name: string;
  file_hash: string;
  data: Buffer;
  actor_id: string | null;
  username: string | null;
  display_name: string | null;
  role: Actor['role'] | null;
  region_code: string | null;
  member_unit: Actor['memberUnit'];
  enterprise_id: string | null;
  disabled: boolean | null;
}

/**
 * The background import: the stored file, read as the uploader (their current role and region), then deleted.
 * A refusal or an unexpected error ends the import as failed without retrying; only a process that dies mid-job
 * leaves it to pg-boss, which runs it again (the interrupted transaction wrote nothing).
 */
async function runImportJob(platform: Platform, job: ImportJob, log: JobLog): Promise<void> {
  const { db, regions } = platform;
  const { rows } = await db.query<QueuedImport>(
    `SELECT i.entity, i.mode, i.status, i.file_name, i.file_hash, f.data, i.actor_id, u.username, u.display_name,
            u.role, u.region_code, u.member_unit, u.enterprise_id, u.disabled
       FROM imports i JOIN import_files f ON f.import_id = i.id LEFT JOIN users u ON u.id = i.actor_id
      WHERE i.id = $1`,
    [job.importId],
  );
  const r = rows[0];
  if (!r) return; // finished (its file is gone) or never stored
  try {
    if (r.status !== 'queued' && r.status !== 'running') return;
    const spec = specs.get(r.entity);
    if (!spec) throw new Error(`No import spec for ${r.entity}`);
    if (!r.actor_id || !r.username || !r.role || !r.region_code || r.disabled) throw new AppError('account_disabled');
    const ctx: ServiceContext = {
      actor: {
        id: r.actor_id,
        username: r.username,
        displayName: r.display_name ?? r.username,
        role: r.role,
        regionCode: r.region_code,
        memberUnit: r.member_unit,
        enterpriseId: r.enterprise_id,
      },
      scope: regions.scopeOf(r.region_code),
      lang: job.lang,
      ip: job.ip,
      requestId: job.requestId,
      db,
      regions,
      log,
    };
    const record = { id: job.importId };
    const report = reporter(db, record.id);
    await report(0);
    await process(ctx, spec, { name: r.file_name, data: r.data }, job.kind, r.mode, record, r.file_hash, report);
  } catch (err) {
    if (!(err instanceof AppError)) log.error({ err, importId: job.importId }, 'background import failed');
    await fail(db, job.importId, err, job.requestId);
  } finally {
    await db.query('DELETE FROM import_files WHERE import_id = $1', [job.importId]);
  }
}

export const importJob = defineJob<ImportJob>({
  queue: 'import',
  options: {
    // A worker that stops sending heartbeats (its process died) gives the job back to be run again.
    heartbeatSeconds: 30,
    retryLimit: 2,
    retryDelay: 5,
    expireInSeconds: 60 * 60,
    // Keep finished jobs a day: they carry only ids, the language and the uploader's IP.
    deleteAfterSeconds: 24 * 60 * 60,
    retentionSeconds: 24 * 60 * 60,
  },
  run: runImportJob,
});

/**
 * At start: imports that can no longer finish are marked failed — running in the foreground (no stored file) for
 * more than five minutes, so a process that stopped mid-request left them (another process of a scale-out may
 * still be running a young one), or queued/running for more than a day (their job has expired).
 */
export async function failInterruptedImports(db: ServiceContext['db']): Promise<void> {
  await db.query(
    `UPDATE imports SET status = 'failed', problem = '{"code":"import_interrupted","params":{}}', finished_at = now()
      WHERE status IN ('queued', 'running')
        AND (created_at < now() - interval '1 day'
             OR (created_at < now() - interval '5 minutes'
                 AND NOT EXISTS (SELECT 1 FROM import_files f WHERE f.import_id = imports.id)))`,
  );
  await db.query(
    `DELETE FROM import_files f USING imports i WHERE i.id = f.import_id AND i.status NOT IN ('queued', 'running')`,
  );
}
