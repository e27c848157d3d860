import type yauzl from 'yauzl';
import { AppError } from '../errors.js';
import { entryStream, nextEntry, openZip } from './zip.js';

/**
 * The file guard: runs before any parser sees an uploaded file (issue 3). exceljs has no cap on how much a
 * zip may inflate to (a 210 KB xlsx expanding to 200 MB takes it 6 s and 1.2 GB, STACK-NOTES), so the guard
 * inflates every entry itself as a stream, counting bytes, and stops at the first limit crossed.
 */
export const IMPORT_LIMITS = {
  /** the upload itself */
  maxFileBytes: 20 * 1024 * 1024,
  /** entries in an xlsx (a real workbook has a few dozen) */
  maxZipEntries: 2_000,
  /** all entries inflated together */
  maxInflatedBytes: 200 * 1024 * 1024,
  /** inflated / compressed, per entry once it has produced more than a megabyte (sheet XML runs 10–30:1) */
  maxRatio: 200,
} as const;

export type FileKind = 'xlsx' | 'csv';

const OLE2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** Why a file is refused: each reason is its own problem code (core PROBLEMS `file_*`), in both languages. */
export type RefusalReason =
  | 'empty'
  | 'too_large'
  | 'extension'
  | 'xls'
  | 'not_xlsx'
  | 'corrupt'
  | 'macros'
  | 'bomb'
  | 'too_many_entries'
  | 'binary_csv';

function refuse(reason: RefusalReason): AppError {
  return new AppError(`file_${reason}`);
}

/** What the guard learnt about an accepted file. */
export interface Inspection {
  kind: FileKind;
  /**
   * About how many rows the file holds (header included), known without parsing it: CSV line breaks, or the
   * first worksheet's `<dimension ref="A1:N6001">`. Decides whether the import runs in the background.
   */
  rowsHint?: number;
}

/** Checks an uploaded file and says what it is; throws a `file_*` problem (400/413) naming why otherwise. */
export async function guardFile(fileName: string, data: Buffer): Promise<FileKind> {
  return (await inspectFile(fileName, data)).kind;
}

/** The guard (see guardFile), also telling roughly how many rows the file has. */
export async function inspectFile(fileName: string, data: Buffer): Promise<Inspection> {
  if (data.length === 0) throw refuse('empty');
  if (data.length > IMPORT_LIMITS.maxFileBytes) throw refuse('too_large');
  const ext = fileName.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1];
  const head = data.subarray(0, 8);
  if (head.equals(OLE2)) throw refuse('xls');
  if (ext === 'xlsm') throw refuse('macros');
  if (ext === 'xlsx') {
    if (!data.subarray(0, 4).equals(ZIP)) throw refuse('not_xlsx');
    const rowsHint = await guardZip(data);
    return rowsHint === undefined ? { kind: 'xlsx' } : { kind: 'xlsx', rowsHint };
  }
  if (ext === 'csv' || ext === 'txt') {
    if (data.subarray(0, 4).equals(ZIP)) throw refuse('binary_csv');
    if (data.subarray(0, 8192).includes(0)) throw refuse('binary_csv');
    return { kind: 'csv', rowsHint: lineCount(data) };
  }
  throw refuse('extension');
}

function lineCount(data: Buffer): number {
  let n = 0;
  for (let i = data.indexOf(0x0a); i !== -1; i = data.indexOf(0x0a, i + 1)) n += 1;
  return data[data.length - 1] === 0x0a ? n : n + 1;
}

/** The last row of a worksheet's `<dimension ref="A1:N6001"/>`, from the start of its XML. */
function dimensionRows(head: string): number | undefined {
  const ref = head.match(/<(?:\w+:)?dimension\s+ref="([A-Z]+\d+)(?::[A-Z]+(\d+))?"/)?.slice(1);
  const last = ref?.[1] ?? ref?.[0]?.replace(/^[A-Z]+/, '');
  return last ? Number(last) : undefined;
}

/** Inflates every entry with a byte count; answers the first worksheet's row count when it declares one. */
async function guardZip(data: Buffer): Promise<number | undefined> {
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(data);
  } catch {
    throw refuse('corrupt');
  }
  try {
    if (zip.entryCount > IMPORT_LIMITS.maxZipEntries) throw refuse('too_many_entries');
    const names = new Set<string>();
    let inflated = 0;
    let rows: number | undefined;
    let firstSheet = true;
    for (;;) {
      const entry = await nextEntry(zip).catch(() => {
        throw refuse('corrupt');
      });
      if (!entry) break;
      const name = entry.fileName;
      names.add(name.toLowerCase());
      if (/vbaproject\.bin$/i.test(name)) throw refuse('macros');
      if (name.endsWith('/')) continue;
      // The first worksheet in zip order: the first sheet of nearly every file (the reader goes by the
      // workbook's own order), and this is only an estimate.
      const isSheet = firstSheet && /^xl\/worksheets\/[^/]+\.xml$/i.test(name);
      if (isSheet) firstSheet = false;
      inflated = await inflateCounting(
        zip,
        entry,
        inflated,
        isSheet ? (head) => (rows = dimensionRows(head)) : undefined,
      );
    }
    if (!names.has('[content_types].xml') || !names.has('xl/workbook.xml')) throw refuse('not_xlsx');
    const types = await readEntryText(data, '[Content_Types].xml');
    if (/macroEnabled|vbaProject/i.test(types)) throw refuse('macros');
    return rows;
  } finally {
    zip.close();
  }
}

/**
 * Inflates one entry without keeping it, counting bytes; stops at the first limit crossed. `peek` gets the first
 * few kilobytes as text (the worksheet's dimension is near its start).
 */
async function inflateCounting(
  zip: yauzl.ZipFile,
  entry: yauzl.Entry,
  before: number,
  peek?: (head: string) => void,
): Promise<number> {
  let stream: NodeJS.ReadableStream;
  try {
    stream = await entryStream(zip, entry);
  } catch {
    throw refuse('corrupt');
  }
  let total = before;
  let own = 0;
  const compressed = Math.max(entry.compressedSize, 1);
  let head: Buffer | null = peek ? Buffer.alloc(0) : null;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (head) {
        head = Buffer.concat([head, chunk.subarray(0, 4096)]);
        if (head.length >= 4096) {
          peek?.(head.toString('utf8'));
          head = null;
        }
      }
      own += chunk.length;
      total += chunk.length;
      if (total > IMPORT_LIMITS.maxInflatedBytes) throw refuse('bomb');
      if (own > 1024 * 1024 && own / compressed > IMPORT_LIMITS.maxRatio) throw refuse('bomb');
    }
  } catch (err) {
    (stream as unknown as { destroy?: () => void }).destroy?.();
    if (err instanceof AppError) throw err;
    throw refuse('corrupt');
  }
  if (head) peek?.(head.toString('utf8'));
  // What yauzl's validateEntrySizes checked: the entry inflates to the size its header declares.
  if (own !== entry.uncompressedSize) throw refuse('corrupt');
  return total;
}

/** One small entry as text (the content types part), read again from the start. */
async function readEntryText(data: Buffer, wanted: string): Promise<string> {
  const zip = await openZip(data);
  try {
    for (;;) {
      const entry = await nextEntry(zip);
      if (!entry) return '';
      if (entry.fileName !== wanted) continue;
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of (await zip.openReadStreamPromise(entry)) as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > 1024 * 1024) throw refuse('bomb');
        chunks.push(chunk);
      }
      return Buffer.concat(chunks).toString('utf8');
    }
  } finally {
    zip.close();
  }
}
