import { Readable } from 'node:stream';
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import type { FileKind } from './guard.js';

/** One cell as read from the file, before a column's kind decides what it means. */
export type RawCell =
  | { type: 'empty' }
  | { type: 'text'; text: string }
  | { type: 'number'; value: number }
  | { type: 'date'; value: Date }
  | { type: 'bool'; value: boolean }
  | { type: 'error'; text: string };

export interface RawRow {
  /** the spreadsheet row number (CSV: the line the record starts on) */
  row: number;
  cells: RawCell[];
}

const EMPTY: RawCell = { type: 'empty' };

/** Decodes a CSV: UTF-8 (with or without BOM) when it is valid UTF-8, otherwise GB18030 (a superset of GBK). */
export function decodeCsv(data: Buffer): string {
  const body = data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf ? data.subarray(3) : data;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return iconv.decode(body, 'gb18030');
  }
}

function csvRows(data: Buffer): RawRow[] {
  const records = parseCsv(decodeCsv(data), {
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    info: true,
  }) as unknown as { record: string[]; info: { lines: number } }[];
  // info.lines is the line the record ends on; a record with embedded line breaks starts earlier.
  return records.map(({ record, info }) => ({
    row: info.lines - record.reduce((n, c) => n + (c.match(/\n/g)?.length ?? 0), 0),
    cells: record.map((text): RawCell => (text.trim() === '' ? EMPTY : { type: 'text', text })),
  }));
}

/** An exceljs cell value to a raw cell: formulas give their cached result and are never evaluated. */
function cellOf(value: ExcelJS.CellValue): RawCell {
  if (value === null || value === undefined) return EMPTY;
  if (typeof value === 'number') return { type: 'number', value };
  if (typeof value === 'string') return value.trim() === '' ? EMPTY : { type: 'text', text: value };
  if (typeof value === 'boolean') return { type: 'bool', value };
  if (value instanceof Date) return { type: 'date', value };
  if ('richText' in value) return cellOf(value.richText.map((r) => r.text).join(''));
  if ('error' in value) return { type: 'error', text: String(value.error) };
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: ExcelJS.CellValue }).result;
    if (result && typeof result === 'object' && 'error' in result) return { type: 'error', text: String(result.error) };
    // No cached result (a file written by a program, never opened in Excel): the value is unknown, and
    // formulas are never evaluated here.
    if (result === undefined || result === null)
      return { type: 'error', text: `=${String((value as { formula?: string }).formula ?? '')}` };
    return cellOf(result);
  }
  if ('text' in value) return cellOf(String((value as { text: unknown }).text));
  return EMPTY;
}

/** The first worksheet of an xlsx, streamed row by row (exceljs's streaming reader; STACK-NOTES). */
async function* xlsxRows(data: Buffer): AsyncGenerator<RawRow> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(data), {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'emit',
  });
  for await (const sheet of reader) {
    for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
      const values = row.values as ExcelJS.CellValue[];
      // row.values is 1-based: index 0 is always empty.
      yield { row: row.number, cells: Array.from(values.slice(1), (v) => cellOf(v)) };
    }
    return; // the first worksheet only
  }
}

/** Every row of the file, in order. */
export async function* readRows(kind: FileKind, data: Buffer): AsyncGenerator<RawRow> {
  if (kind === 'csv') {
    yield* csvRows(data);
    return;
  }
  yield* xlsxRows(data);
}
