import { isUtf8 } from 'node:buffer';
import { Readable } from 'node:stream';
import { parse as parseCsv } from 'csv-parse';
import iconv from 'iconv-lite';
import type { FileKind } from './guard.js';
import { xlsxRows } from './xlsx.js';

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

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const CHUNK = 64 * 1024;

/** The encoding of a CSV: UTF-8 (with or without BOM) when it is valid UTF-8, otherwise GB18030 (a superset of GBK). */
export function csvEncoding(data: Buffer): { encoding: 'utf8' | 'gb18030'; body: Buffer } {
  const body = data.subarray(0, 3).equals(BOM) ? data.subarray(3) : data;
  return { encoding: isUtf8(body) ? 'utf8' : 'gb18030', body };
}

/** Decodes a whole CSV (see csvEncoding). */
export function decodeCsv(data: Buffer): string {
  const { encoding, body } = csvEncoding(data);
  return iconv.decode(body, encoding);
}

/** The file as a stream of chunks, counting what the parser has taken (for the progress of a background import). */
function metered(data: Buffer, onRead?: (fraction: number) => void): Readable {
  return Readable.from(
    (function* () {
      for (let at = 0; at < data.length; at += CHUNK) {
        onRead?.(at / data.length);
        yield data.subarray(at, at + CHUNK);
      }
    })(),
    { objectMode: false },
  );
}

/** A CSV streamed through the decoder into csv-parse, record by record. */
async function* csvRows(data: Buffer, onRead?: (fraction: number) => void): AsyncGenerator<RawRow> {
  const { encoding, body } = csvEncoding(data);
  const parser = parseCsv({ relax_column_count: true, relax_quotes: true, skip_empty_lines: false, info: true });
  const source = metered(body, onRead);
  source.pipe(iconv.decodeStream(encoding)).pipe(parser);
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      // info.lines is the line the record ends on; a record with embedded line breaks starts earlier.
      yield {
        row: info.lines - record.reduce((n, c) => n + (c.match(/\n/g)?.length ?? 0), 0),
        cells: record.map((text): RawCell => (text.trim() === '' ? EMPTY : { type: 'text', text })),
      };
    }
  } finally {
    // Stopped early (the header check reads one row): let go of the streams.
    source.destroy();
    parser.destroy();
  }
}

/**
 * Every row of the file, in order. `onRead` hears how far through the file the parser is (0..1), which is what a
 * background import reports as its progress while reading.
 */
export async function* readRows(
  kind: FileKind,
  data: Buffer,
  onRead?: (fraction: number) => void,
): AsyncGenerator<RawRow> {
  if (kind === 'csv') {
    yield* csvRows(data, onRead);
    return;
  }
  yield* xlsxRows(data, onRead);
}
