import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/** Where COPY can run: a client (a transaction's), or the pool (a client of its own for the COPY). */
export type CopyTarget = pg.Pool | pg.ClientBase;

/** One value in COPY's text format: NULL as \N; backslash, tab, newline and carriage return escaped. */
export function copyField(v: unknown): string {
  if (v === null || v === undefined) return '\\N';
  const s = v instanceof Date ? v.toISOString() : typeof v === 'boolean' ? (v ? 't' : 'f') : String(v);
  return s.replace(/[\\\t\n\r]/g, (c) => (c === '\t' ? '\\t' : c === '\n' ? '\\n' : c === '\r' ? '\\r' : '\\\\'));
}

/** The rows as COPY text in pieces of about 16 K characters: small strings, which the young generation frees. */
function* copyText(rows: Iterable<readonly unknown[]>): Generator<string> {
  let piece = '';
  for (const row of rows) {
    piece += `${row.map(copyField).join('\t')}\n`;
    if (piece.length >= 16 * 1024) {
      yield piece;
      piece = '';
    }
  }
  if (piece) yield piece;
}

/**
 * Many rows into a table through COPY, streamed: the bulk writes of the imports. A JSON or array parameter
 * builds the whole batch as one string of megabytes, which V8 keeps as a large object until a full collection
 * (with 2,000 rows a statement, an import of 100,000 piled up a hundred megabytes); COPY is also the fastest
 * way in. Constraints and generated columns apply as for INSERT; any error fails the whole COPY.
 */
export async function copyRows(
  db: CopyTarget,
  table: string,
  columns: readonly string[],
  rows: Iterable<readonly unknown[]>,
): Promise<void> {
  const own = db instanceof pg.Pool ? await db.connect() : undefined;
  const client = own ?? (db as pg.ClientBase);
  try {
    const sql = `COPY ${table} (${columns.join(', ')}) FROM STDIN`;
    await pipeline(Readable.from(copyText(rows), { objectMode: false }), client.query(copyFrom(sql)));
  } finally {
    own?.release();
  }
}
