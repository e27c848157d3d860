import { createHash } from 'node:crypto';
import { FIELD_ERRORS, type FieldErrorCode, format, type Lang } from '@hexie/core';
import { type Queryable, withTx } from '../../db/pool.js';
import { audit } from '../audit.js';
import type { ServiceContext } from '../context.js';
import { AppError } from '../errors.js';
import { guardFile } from './guard.js';
import { type RawCell, type RawRow, readRows } from './read.js';
import type { CellProblem, ImportMode, ImportResult, ImportSpec, RowError, TemplateColumn } from './spec.js';

/** Files above this size are imported in the background; the caller polls GET /api/v1/imports/:id. */
export const BACKGROUND_BYTES = 1024 * 1024;
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

/** Plain decimal text of a number, never 2.20102e+17. */
function plainNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return BigInt(n).toString();
  return String(Number(n.toPrecision(15)));
}

const pad = (n: number) => String(n).padStart(2, '0');

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
      if (cell.type === 'date') {
        // Excel dates carry no zone; exceljs reads them as UTC midnight.
        const d = cell.value;
        return { text: `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` };
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

async function setProgress(ctx: ServiceContext, id: string, progress: number, rows?: number): Promise<void> {
  await ctx.db.query(`UPDATE imports SET progress = $2, rows = coalesce($3, rows), status = 'running' WHERE id = $1`, [
    id,
    progress,
    rows ?? null,
  ]);
}

/**
 * The import itself: guard, read, match headers, parse every row (the module's rules), find duplicates,
 * the module's checks, then — for a commit without a single error — the upsert, the record and the audit in one
 * transaction. Nothing is written for a validate, or for a commit with any row error.
 */
async function process(
  ctx: ServiceContext,
  spec: ImportSpec<unknown>,
  file: ImportFile,
  mode: ImportMode,
  record: ImportRecord,
  hash: string,
  report: (progress: number, rows?: number) => Promise<void>,
): Promise<ImportResult> {
  const kind = await guardFile(file.name, file.data);
  const maxRows = spec.maxRows ?? DEFAULT_MAX_ROWS;
  let header: HeaderMap | undefined;
  const parsed: { row: number; value: unknown }[] = [];
  const errors: RowError[] = [];
  const rejectedRows = new Set<number>();
  let rows = 0;
  for await (const raw of readRows(kind, file.data)) {
    if (isBlank(raw)) continue;
    if (!header) {
      header = matchHeaders(spec.columns, raw, ctx.lang);
      continue;
    }
    rows += 1;
    if (rows > maxRows) {
      // Count the rest without parsing them, to say how many there are.
      continue;
    }
    const cells: Record<string, string> = {};
    const problems: CellProblem[] = [];
    for (const col of spec.columns) {
      const i = header.index.get(col.key);
      const v = cellValue(i === undefined ? undefined : raw.cells[i], col);
      if ('problem' in v) problems.push(v.problem);
      else cells[col.key] = v.text;
    }
    const result = problems.length ? null : spec.parse(cells, ctx);
    const all = [...problems, ...(result?.problems ?? [])];
    if (all.length || !result?.value) {
      rejectedRows.add(raw.row);
      for (const p of all) errors.push(rowError(raw.row, p, spec.columns, ctx.lang));
    } else {
      parsed.push({ row: raw.row, value: result.value });
    }
    if (rows % 5000 === 0) await report(0.6 * Math.min(1, rows / maxRows), rows);
  }
  if (!header) throw new AppError('import_no_header');
  if (rows === 0) throw new AppError('import_no_rows');
  if (rows > maxRows) throw new AppError('import_too_many_rows', { params: { rows, max: maxRows } });

  // The same natural key twice in one file: every repeat is an error naming the first.
  const firstRow = new Map<string, number>();
  const keyColumn = spec.columns[0]?.key;
  const unique: typeof parsed = [];
  for (const p of parsed) {
    const key = spec.key(p.value);
    const first = firstRow.get(key);
    if (first === undefined) {
      firstRow.set(key, p.row);
      unique.push(p);
    } else {
      rejectedRows.add(p.row);
      errors.push(
        rowError(
          p.row,
          { column: keyColumn, code: 'duplicate_in_file', params: { row: first } },
          spec.columns,
          ctx.lang,
        ),
      );
    }
  }
  await report(0.7, rows);

  let valid = unique;
  if (spec.check) {
    const found = await spec.check(
      ctx,
      unique.map((p) => p.value),
    );
    valid = unique.filter((p, i) => {
      const problems = found.get(i);
      if (!problems?.length) return true;
      rejectedRows.add(p.row);
      for (const problem of problems) errors.push(rowError(p.row, problem, spec.columns, ctx.lang));
      return false;
    });
  }
  errors.sort((a, b) => a.row - b.row);
  await report(0.8, rows);

  const base: ImportResult = {
    importId: record.id,
    mode,
    status: 'succeeded',
    rows,
    created: 0,
    updated: 0,
    unchanged: 0,
    rejected: rejectedRows.size,
    errors: errors.slice(0, MAX_ERRORS),
    ...(errors.length > MAX_ERRORS ? { errorsTruncated: true } : {}),
    fileHash: hash,
  };
  const previous = await previousCommit(ctx, spec.entity, hash, record.id);
  if (previous) base.previousCommit = previous;

  if (mode === 'validate' || errors.length) {
    // A validate says what a commit would do; a commit with errors writes nothing at all.
    const outcome: ImportResult = mode === 'commit' ? { ...base, status: 'failed' } : base;
    await finish(ctx.db, record.id, outcome);
    return outcome;
  }
  return withTx(ctx.db, async (tx) => {
    const counts = await spec.upsert(
      tx,
      ctx,
      valid.map((p) => p.value),
    );
    const outcome: ImportResult = { ...base, ...counts };
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
        ...(previous ? { previousCommit: previous.importId } : {}),
      },
    });
    return outcome;
  });
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

async function fail(ctx: ServiceContext, id: string, err: unknown): Promise<void> {
  const problem =
    err instanceof AppError
      ? { code: err.code, params: err.options.params ?? {} }
      : { code: 'internal_error', params: {} };
  await ctx.db
    .query(`UPDATE imports SET status = 'failed', problem = $2, progress = 1, finished_at = now() WHERE id = $1`, [
      id,
      JSON.stringify(problem),
    ])
    .catch(() => {});
}

/**
 * POST …/import: small files are imported while the caller waits; big ones (over BACKGROUND_BYTES) are queued,
 * answered at once with status 'queued', and run in this process while the caller polls the import record.
 * A file the guard refuses, or whose headers do not match, is refused outright (and recorded as failed).
 */
export async function runImport(
  ctx: ServiceContext,
  spec: ImportSpec<unknown>,
  file: ImportFile,
  mode: ImportMode,
  log: { error(obj: unknown, msg: string): void },
): Promise<ImportResult> {
  const hash = createHash('sha256').update(file.data).digest('hex');
  const background = file.data.length > BACKGROUND_BYTES;
  const record = await createRecord(ctx, spec, file, hash, mode, background ? 'queued' : 'running');
  const report = (progress: number, rows?: number) => setProgress(ctx, record.id, progress, rows);
  if (!background) {
    try {
      return await process(ctx, spec, file, mode, record, hash, async () => {});
    } catch (err) {
      await fail(ctx, record.id, err);
      throw err;
    }
  }
  setImmediate(() => {
    process(ctx, spec, file, mode, record, hash, report).catch(async (err) => {
      if (!(err instanceof AppError)) log.error({ err, importId: record.id }, 'background import failed');
      await fail(ctx, record.id, err);
    });
  });
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

/** At start: imports that were running when the process stopped did not finish (their transaction rolled back). */
export async function failInterruptedImports(db: ServiceContext['db']): Promise<void> {
  await db.query(
    `UPDATE imports SET status = 'failed', problem = '{"code":"interrupted","params":{}}', finished_at = now()
      WHERE status IN ('queued', 'running')`,
  );
}
