import { PassThrough } from 'node:stream';
import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';
import { can, maskIdNumber, maskPhone } from '@hexie/core';
import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';
import type pg from 'pg';
import Cursor from 'pg-cursor';
import type { Queryable } from '../../db/pool.js';
import { audit } from '../audit.js';
import type { ServiceContext } from '../context.js';
import { AppError } from '../errors.js';

/**
 * The export engine: every list exports to xlsx with the list's filters (issue 3).
 *
 * A module's export route does, in its service:
 *   const q = repo.exportQuery(filter);                              // SELECT … ORDER BY …, region-scoped
 *   return sendXlsx(ctx, reply, {
 *     entity: 'enterprise', fileName: `企业名录-${chinaToday()}`, sheet: '企业名录',
 *     columns, filters: query, reveal,
 *     count: await countRows(ctx.db, q.sql, q.params),
 *     rows: streamQuery(ctx.db, q.sql, q.params),
 *   });
 */

/** Most rows one export may carry: more is refused before anything is sent (narrow the filters). */
export const EXPORT_MAX_ROWS = 200_000;

/** Rows written between two looks at the response: lets the zip stream run and waits while the client is slow. */
const ROWS_PER_TURN = 200;
/** XML allowed to wait for the compressor before rows are read again (see zipBacklog). */
const MAX_ZIP_BACKLOG = 1024 * 1024;
/** Excel refuses (“repairs”) a cell holding more text than this. */
const MAX_CELL_TEXT = 32_767;
/** China has one offset and no daylight saving: wall time is UTC + 8 h. */
const CHINA_OFFSET_MS = 8 * 3600 * 1000;

/** How a column's values are written. */
export type ExportKind =
  /** free text (the default); numbers and booleans stay as they are */
  | 'text'
  /** codes and ID numbers: always text with format '@', so 220102199001011234 never turns into 2.2E+17 */
  | 'code'
  /** numbers (numeric strings from PostgreSQL numeric/bigint are converted) */
  | 'number'
  /** amounts: numbers shown as #,##0.00 */
  | 'money'
  /** calendar dates ('2026-03-02' or a Date, taken in China time) as real dates, yyyy-mm-dd */
  | 'date'
  /** moments (timestamptz) as real dates in China time, yyyy-mm-dd hh:mm */
  | 'datetime';

/** Personal data, masked unless the caller may and asked to see it (core's masks). */
export type PersonalKind = 'idNumber' | 'phone';

export type CellInput = string | number | bigint | boolean | Date | null | undefined;

interface ColumnBase {
  /** the Chinese header, in template order (the export's header row is the import template's) */
  header: string;
  /** in characters; default from the header's length */
  width?: number;
  kind?: ExportKind;
  /** 个人信息: masked (身份证号 220102********1234, 电话 138****5678) unless revealed */
  personal?: PersonalKind;
}

/** A column reads the row's field `key`, or computes its cell with `value`. */
export type ExportColumn<Row> = ColumnBase &
  ({ key: Extract<keyof Row, string>; value?: never } | { value: (row: Row) => CellInput; key?: never });

export interface XlsxExport<Row> {
  /** the audited entity: the event is `${entity}.export` (the module adds its label to AUDIT_ACTION_LABELS) */
  entity: string;
  /** the download's name (Chinese), without extension: 企业名录-2026-11-24 */
  fileName: string;
  /** ASCII name for clients that ignore filename* (default: `${entity}-export`) */
  asciiName?: string;
  /** the sheet's name (Excel allows 31 characters) */
  sheet: string;
  columns: readonly ExportColumn<Row>[];
  /** the rows in order, read as they are written (streamQuery for SQL) */
  rows: AsyncIterable<Row> | Iterable<Row>;
  /** how many rows the filters match (countRows), checked against EXPORT_MAX_ROWS before anything is sent */
  count: number;
  /** the list's filters as the caller gave them: recorded in the audit and the file's properties */
  filters: Record<string, unknown>;
  /**
   * The caller asks for personal columns unmasked. Only a role holding `personal:read` may (else 403); such an
   * export is a reveal of personal data and the audit says so.
   */
  reveal?: boolean;
}

/**
 * A cell that a spreadsheet would run as a formula (= + - @, or a leading tab or carriage return) is written with
 * a leading apostrophe and stays text: OWASP's advice against CSV/formula injection.
 */
export function neutralise(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** Content-Disposition for a download: RFC 6266/5987, the Chinese name in filename* and an ASCII fallback. */
export function contentDisposition(fileName: string, fallback: string): string {
  const ascii = fallback.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  // encodeURIComponent leaves ' ( ) * ! alone; RFC 5987's attr-char does not allow the first four.
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/**
 * Rows of a query through a server-side cursor (pg-cursor), `batch` rows per round trip, on a connection of its
 * own. The connection is taken at the first row and always given back: at the end, on an error, and when the
 * reader stops early (a client that went away ends the `for await` and so the generator).
 */
export async function* streamQuery<Row>(
  db: pg.Pool,
  sql: string,
  params: readonly unknown[] = [],
  batch = 1000,
): AsyncGenerator<Row> {
  const client = await db.connect();
  const cursor = client.query(new Cursor<Row>(sql, [...params]));
  let broken: Error | undefined;
  try {
    for (;;) {
      const rows = await cursor.read(batch);
      if (rows.length === 0) return;
      yield* rows;
    }
  } finally {
    await cursor.close().catch((err: Error) => {
      broken = err;
    });
    // A connection whose cursor could not be closed is discarded rather than handed to the next caller.
    client.release(broken);
  }
}

/** How many rows a query returns, counting at most EXPORT_MAX_ROWS + 1 (enough to refuse, cheap when narrow). */
export async function countRows(db: Queryable, sql: string, params: readonly unknown[] = []): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM (${sql} LIMIT ${EXPORT_MAX_ROWS + 1}) s`,
    [...params],
  );
  return rows[0]?.n ?? 0;
}

const MASKS: Record<PersonalKind, (raw: string) => string> = {
  idNumber: maskIdNumber,
  // maskPhone covers mobiles (138****5678, as maskMobile) and landlines (0431****6666).
  phone: maskPhone,
};

const NUM_FMT: Partial<Record<ExportKind, string>> = {
  code: '@',
  money: '#,##0.00',
  date: 'yyyy-mm-dd',
  datetime: 'yyyy-mm-dd hh:mm',
};

function text(value: string): string {
  return neutralise(value.length > MAX_CELL_TEXT ? value.slice(0, MAX_CELL_TEXT) : value);
}

function numberOf(raw: CellInput): number | null {
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : null;
  if (typeof raw === 'bigint') return Number(raw);
  if (typeof raw === 'string' && /^-?\d+(\.\d+)?$/.test(raw.trim())) return Number(raw);
  return null;
}

/** A date as Excel stores it (a serial without a zone): China wall time written as if it were UTC. */
function dateOf(raw: CellInput, kind: 'date' | 'datetime'): Date | null {
  if (typeof raw === 'string') {
    const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw);
    if (day) return new Date(Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3])));
  }
  const moment = raw instanceof Date ? raw : typeof raw === 'string' ? new Date(raw) : null;
  if (!moment || Number.isNaN(moment.getTime())) return null;
  const wall = new Date(moment.getTime() + CHINA_OFFSET_MS);
  if (kind === 'datetime') return wall;
  return new Date(Date.UTC(wall.getUTCFullYear(), wall.getUTCMonth(), wall.getUTCDate()));
}

function chinaTime(d: Date): string {
  return new Date(d.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** One cell: masked, typed by the column's kind, and never a formula. */
function cellOf(column: ColumnBase, raw: CellInput, unmasked: boolean): string | number | boolean | Date | null {
  if (raw === null || raw === undefined || raw === '') return null;
  if (column.personal) {
    const s = String(raw);
    return text(unmasked ? s : MASKS[column.personal](s));
  }
  const kind = column.kind ?? 'text';
  switch (kind) {
    case 'code':
      return text(raw instanceof Date ? raw.toISOString().slice(0, 10) : String(raw));
    case 'number':
    case 'money':
      return numberOf(raw) ?? text(String(raw));
    case 'date':
    case 'datetime':
      return dateOf(raw, kind) ?? text(String(raw));
    default:
      if (typeof raw === 'number' || typeof raw === 'boolean') return raw;
      return text(raw instanceof Date ? chinaTime(raw) : String(raw));
  }
}

/** The row of one export, columns in order. */
function valuesOf<Row>(columns: readonly ExportColumn<Row>[], row: Row, unmasked: boolean) {
  return columns.map((c) => {
    const raw = c.value ? c.value(row) : (row as Record<string, CellInput>)[c.key as string];
    return cellOf(c, raw, unmasked);
  });
}

/** Waits while the response's buffer is full (a slow client), or until it is gone. */
function roomIn(out: PassThrough): Promise<void> {
  if (!out.writableNeedDrain || out.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const go = () => {
      out.off('drain', go);
      out.off('close', go);
      resolve();
    };
    out.on('drain', go);
    out.on('close', go);
  });
}

/**
 * XML written but not yet compressed. exceljs hands a sheet to the zip through its own buffer, which ignores
 * backpressure: on a busy CPU the compressor falls behind and the XML would pile up in memory. The zip entry's
 * input is the first stream the sheet's buffer pipes to (exceljs 4.4 internals; 0 if they change, and only the
 * response's own backpressure is left).
 */
export function zipBacklog(sheet: unknown): number {
  type Entry = { writableLength?: number; _writableState?: { length?: number } };
  const entry = (sheet as { stream?: { pipes?: Entry[] } }).stream?.pipes?.[0];
  return entry?.writableLength ?? entry?._writableState?.length ?? 0;
}

class ExportStopped extends Error {
  constructor(readonly reason: 'aborted' | 'over_limit') {
    super(reason);
  }
}

/**
 * 导出: answers with an xlsx written row by row into the response (exceljs's streaming WorkbookWriter, never the
 * whole workbook in memory; it waits while the client is slow). Row 1 holds the Chinese headers in template order
 * (bold, frozen, with an autofilter) so an export can be corrected and imported again; what was exported, by whom,
 * with which filters, goes into the file's properties rather than a title row. Code columns are text, dates are
 * dates, every string that a spreadsheet would run as a formula is neutralised, and personal columns are masked
 * unless `reveal` was asked by a role holding `personal:read`.
 *
 * Refused before anything is sent: more than EXPORT_MAX_ROWS rows (400 export_too_large), `reveal` without the
 * permission (403), a query that fails on its first row (its error). Audited as `${entity}.export` with the
 * filters, the row count and whether personal data left unmasked: once every row is written and before the
 * archive is closed (so the record exists when the client has the file); as a failure, with the rows written so
 * far, if the rows break midway or the client goes away (the cursor's connection is released then too).
 */
export async function sendXlsx<Row>(
  ctx: ServiceContext,
  reply: FastifyReply,
  x: XlsxExport<Row>,
): Promise<FastifyReply> {
  if (x.count > EXPORT_MAX_ROWS) {
    const n = (v: number) => v.toLocaleString('en-US');
    throw new AppError('export_too_large', { params: { count: n(x.count), max: n(EXPORT_MAX_ROWS) } });
  }
  const personal = x.columns.filter((c) => c.personal).map((c) => c.header);
  if (x.reveal && personal.length && !can(ctx.actor.role, 'personal:read')) throw new AppError('forbidden');
  const reveal = Boolean(x.reveal && personal.length);
  const unmasked = reveal;
  let written = 0;
  const record = (result: 'success' | 'failure', reason?: string) =>
    audit(ctx.db, ctx, {
      action: `${x.entity}.export`,
      entityType: x.entity,
      result,
      details: {
        rows: written,
        filters: x.filters,
        unmasked,
        ...(reveal ? { revealed: personal } : {}),
        ...(reason ? { reason } : {}),
      },
    });

  // The first row is read before the answer starts: a query that cannot run is a proper error, not a broken file.
  const rows: AsyncIterator<Row> | Iterator<Row> =
    Symbol.asyncIterator in x.rows
      ? (x.rows as AsyncIterable<Row>)[Symbol.asyncIterator]()
      : (x.rows as Iterable<Row>)[Symbol.iterator]();
  let next: IteratorResult<Row>;
  try {
    next = await rows.next();
  } catch (err) {
    await record('failure', 'error').catch(() => {});
    throw err;
  }

  const out = new PassThrough({ highWaterMark: 256 * 1024 });
  let book: ExcelJS.stream.xlsx.WorkbookWriter;
  let sheet: ExcelJS.Worksheet;
  try {
    book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    book.creator = '和谐同行';
    book.lastModifiedBy = ctx.actor.username;
    book.title = x.fileName;
    book.subject = x.sheet;
    book.description = `筛选条件：${JSON.stringify(x.filters)}；个人信息：${unmasked ? '未脱敏' : '已脱敏'}`;
    // Excel refuses these characters in a sheet name, and more than 31 of them.
    const name = x.sheet.replace(/[[\]:*?/\\]/g, '_').slice(0, 31);
    sheet = book.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = x.columns.map((c, i) => {
      const numFmt = c.personal ? '@' : NUM_FMT[c.kind ?? 'text'];
      return {
        header: c.header,
        key: String(i),
        width: c.width ?? Math.max(10, c.header.length * 2 + 2),
        style: numFmt ? { numFmt } : {},
      };
    });
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: x.columns.length } };
    const head = sheet.getRow(1);
    head.font = { bold: true };
    head.commit();
  } catch (err) {
    await Promise.resolve(rows.return?.()).catch(() => {});
    await record('failure', 'error').catch(() => {});
    throw err;
  }

  const write = async () => {
    try {
      while (!next.done) {
        if (out.destroyed) throw new ExportStopped('aborted');
        if (written >= EXPORT_MAX_ROWS) throw new ExportStopped('over_limit');
        sheet.addRow(valuesOf(x.columns, next.value, unmasked)).commit();
        written += 1;
        if (written % ROWS_PER_TURN === 0) {
          await nextTurn();
          await roomIn(out);
          while (zipBacklog(sheet) > MAX_ZIP_BACKLOG && !out.destroyed) await sleep(5);
        }
        next = await rows.next();
      }
      if (out.destroyed) throw new ExportStopped('aborted');
      sheet.commit();
      await record('success');
      await book.commit();
    } catch (err) {
      // Ends the rows early: streamQuery's finally closes the cursor and releases its connection.
      await Promise.resolve(rows.return?.()).catch(() => {});
      // A broken archive must not look complete: the client sees the connection end instead.
      out.destroy(err instanceof ExportStopped ? undefined : (err as Error));
      await record('failure', err instanceof ExportStopped ? err.reason : 'error').catch(() => {});
      if (!(err instanceof ExportStopped)) reply.log.error({ err }, 'export failed');
    }
  };

  reply
    .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header(
      'content-disposition',
      contentDisposition(`${x.fileName}.xlsx`, `${x.asciiName ?? `${x.entity}-export`}.xlsx`),
    )
    .header('cache-control', 'no-store');
  void write();
  return reply.send(out);
}
