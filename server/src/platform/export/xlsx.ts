import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';
import type pg from 'pg';
import Cursor from 'pg-cursor';
import { audit } from '../audit.js';
import type { ServiceContext } from '../context.js';
import { AppError } from '../errors.js';
import { attachment } from '../import/http.js';

/** Most rows one export may carry (a list's filters narrow it further). */
export const EXPORT_MAX_ROWS = 200_000;

export interface ExportColumn<Row> {
  /** the Chinese header, in template order */
  header: string;
  width?: number;
  /** code columns stay text ('@'), so an 18-digit code never turns into 2.2E+17 */
  kind?: 'text' | 'code' | 'number' | 'date';
  value: (row: Row) => string | number | null | undefined;
}

/**
 * A cell that a spreadsheet would run as a formula (= + - @, or a leading tab or carriage return) is written with
 * a leading apostrophe and stays text: OWASP's advice against CSV/formula injection.
 */
export function neutralise(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** Streams rows of a query through a server-side cursor on its own connection, always released. */
export async function* streamQuery<Row>(
  db: pg.Pool,
  sql: string,
  params: unknown[],
  batch = 1000,
): AsyncGenerator<Row> {
  const client = await db.connect();
  const cursor = client.query(new Cursor<Row>(sql, params));
  try {
    for (;;) {
      const rows = await cursor.read(batch);
      if (rows.length === 0) return;
      yield* rows;
    }
  } finally {
    await cursor.close().catch(() => {});
    client.release();
  }
}

export interface XlsxExport<Row> {
  /** the entity audited: `${entity}.export` */
  entity: string;
  /** the download's name (Chinese), without extension, and an ASCII fallback */
  fileName: string;
  asciiName: string;
  sheet: string;
  columns: readonly ExportColumn<Row>[];
  rows: AsyncIterable<Row>;
  /** how many rows the filters match (checked against EXPORT_MAX_ROWS before anything is sent) */
  count: number;
  /** the list's filters, recorded in the audit */
  filters: Record<string, unknown>;
  /** personal data was exported unmasked: the audit says so (a reveal) */
  unmasked: boolean;
}

/**
 * Sends an xlsx built row by row (exceljs's streaming writer into the response): header row bold and frozen with
 * an autofilter, code columns as text, every string neutralised. The export is audited when it ends — as a failure
 * if the stream broke.
 */
export async function sendXlsx<Row>(
  ctx: ServiceContext,
  reply: FastifyReply,
  x: XlsxExport<Row>,
): Promise<FastifyReply> {
  if (x.count > EXPORT_MAX_ROWS) {
    throw new AppError('export_too_large', { params: { count: x.count, max: EXPORT_MAX_ROWS } });
  }
  const out = new PassThrough();
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  book.creator = '和谐同行';
  const sheet = book.addWorksheet(x.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = x.columns.map((c, i) => ({
    header: c.header,
    key: String(i),
    width: c.width ?? Math.max(10, c.header.length * 2 + 2),
    style: c.kind === 'code' ? { numFmt: '@' } : {},
  }));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: x.columns.length } };
  const head = sheet.getRow(1);
  head.font = { bold: true };
  head.commit();

  reply
    .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', attachment(`${x.fileName}.xlsx`, `${x.asciiName}.xlsx`))
    .header('cache-control', 'no-store');

  const write = async () => {
    let n = 0;
    try {
      for await (const row of x.rows) {
        const values = x.columns.map((c) => {
          const v = c.value(row);
          if (v === null || v === undefined) return null;
          return typeof v === 'string' ? neutralise(v) : v;
        });
        sheet.addRow(values).commit();
        n += 1;
      }
      sheet.commit();
      // Audited once every row is written, before the archive's last bytes go out, so the record exists by the
      // time the download completes (a failure while finishing is recorded as well).
      await audit(ctx.db, ctx, {
        action: `${x.entity}.export`,
        entityType: x.entity,
        result: 'success',
        details: { rows: n, filters: x.filters, unmasked: x.unmasked },
      });
      await book.commit();
    } catch (err) {
      out.destroy(err as Error);
      await audit(ctx.db, ctx, {
        action: `${x.entity}.export`,
        entityType: x.entity,
        result: 'failure',
        details: { rows: n, filters: x.filters, unmasked: x.unmasked },
      }).catch(() => {});
    }
  };
  void write();
  return reply.send(out);
}
