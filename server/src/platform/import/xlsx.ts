import { StringDecoder } from 'node:string_decoder';
import { Parser } from 'htmlparser2';
import type yauzl from 'yauzl';
import { AppError } from '../errors.js';
import type { RawCell, RawRow } from './read.js';
import { entriesOf, entryStream, openZip } from './zip.js';

/**
 * The first worksheet of an xlsx, streamed row by row.
 *
 * Only what an import needs is read: the workbook's sheet order, the styles' number formats (to tell a date from
 * a number), the shared strings and the cells of one sheet, each part through htmlparser2's XML tokenizer as the
 * zip entry inflates. exceljs's streaming reader builds a Row and Cell object model with styles for every row and
 * keeps more than the strings, which cost an import 1.8 times its time and 500 MB at 100,000 rows (decision 004).
 * The guard has already run: every entry inflates within its limits.
 */
export async function* xlsxRows(data: Buffer, onRead?: (fraction: number) => void): AsyncGenerator<RawRow> {
  const zip = await openZip(data).catch(corrupt);
  try {
    const entries = new Map((await entriesOf(zip).catch(corrupt)).map((e) => [e.fileName.replace(/^\//, ''), e]));
    const part = (path: string) => entries.get(path);
    const workbook = await readWorkbook(zip, part);
    const sheet = part(workbook.sheet) ?? [...entries.values()].find((e) => WORKSHEET.test(e.fileName));
    if (!sheet) return;
    const styles = part(workbook.styles);
    const dateStyles = styles ? await readDateStyles(zip, styles) : [];
    const strings = part(workbook.sharedStrings);
    const shared = strings ? await readSharedStrings(zip, strings) : new SharedStrings();
    yield* sheetRows(zip, sheet, { shared, dateStyles, date1904: workbook.date1904 }, onRead);
  } finally {
    zip.close();
  }
}

const WORKSHEET = /^\/?xl\/worksheets\/[^/]+\.xml$/i;

function corrupt(): never {
  throw new AppError('file_corrupt');
}

/** A tag's local name: some writers prefix the spreadsheet namespace (`x:row`). */
const local = (name: string) => {
  const colon = name.indexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
};

type Handlers = {
  open?: (name: string, attrs: Record<string, string>) => void;
  text?: (text: string) => void;
  close?: (name: string) => void;
};

/**
 * Feeds one zip entry through the XML tokenizer; `each` runs after every inflated chunk (the sheet hands out the
 * rows that chunk completed, and its progress).
 */
async function parseEntry(
  zip: yauzl.ZipFile,
  entry: yauzl.Entry,
  on: Handlers,
  each?: (inflated: number) => Iterable<RawRow>,
): Promise<AsyncGenerator<RawRow>> {
  const stream = await entryStream(zip, entry).catch(corrupt);
  const parser = new Parser(
    {
      onopentag: on.open ? (name, attrs) => on.open?.(local(name), attrs) : undefined,
      ontext: on.text,
      onclosetag: on.close ? (name) => on.close?.(local(name)) : undefined,
    },
    { xmlMode: true },
  );
  const decoder = new StringDecoder('utf8');
  return (async function* () {
    let inflated = 0;
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        inflated += chunk.length;
        // Decoded in small pieces: a string of more than about 128 KB is a large object, which only a full
        // collection frees, so 256 KB chunks piled up hundreds of megabytes before one ran.
        for (let at = 0; at < chunk.length; at += DECODE_STEP)
          parser.write(decoder.write(chunk.subarray(at, at + DECODE_STEP)));
        if (each) yield* each(inflated);
      }
      parser.end(decoder.end());
      if (each) yield* each(inflated);
    } catch (err) {
      if (err instanceof AppError) throw err;
      corrupt();
    } finally {
      (stream as unknown as { destroy: () => void }).destroy();
    }
  })();
}

const DECODE_STEP = 16 * 1024;

/** Reads a whole part through the handlers (for the parts that give no rows). */
async function readPart(zip: yauzl.ZipFile, entry: yauzl.Entry, on: Handlers): Promise<void> {
  for await (const _ of await parseEntry(zip, entry, on)) {
    // no rows
  }
}

interface Workbook {
  /** the first sheet's part, in the workbook's order (the first tab) */
  sheet: string;
  styles: string;
  sharedStrings: string;
  date1904: boolean;
}

/** The workbook's first sheet and its parts, through workbook.xml and its relationships. */
async function readWorkbook(zip: yauzl.ZipFile, part: (path: string) => yauzl.Entry | undefined): Promise<Workbook> {
  let firstSheetId: string | undefined;
  let date1904 = false;
  const book = part('xl/workbook.xml');
  if (book)
    await readPart(zip, book, {
      open(name, attrs) {
        if (name === 'workbookPr') date1904 = attrs.date1904 === '1' || attrs.date1904 === 'true';
        if (name === 'sheet' && firstSheetId === undefined)
          firstSheetId = Object.entries(attrs).find(([k]) => k === 'id' || k.endsWith(':id'))?.[1];
      },
    });
  const targets = new Map<string, string>();
  const byType = new Map<string, string>();
  const rels = part('xl/_rels/workbook.xml.rels');
  if (rels)
    await readPart(zip, rels, {
      open(name, attrs) {
        if (name !== 'Relationship' || !attrs.Id || !attrs.Target) return;
        // Targets are relative to xl/, or absolute within the package.
        const path = attrs.Target.startsWith('/') ? attrs.Target.slice(1) : `xl/${attrs.Target.replace(/^\.\//, '')}`;
        targets.set(attrs.Id, path);
        const type = attrs.Type?.slice(attrs.Type.lastIndexOf('/') + 1);
        if (type && !byType.has(type)) byType.set(type, path);
      },
    });
  return {
    sheet: (firstSheetId && targets.get(firstSheetId)) || '',
    styles: byType.get('styles') ?? 'xl/styles.xml',
    sharedStrings: byType.get('sharedStrings') ?? 'xl/sharedStrings.xml',
    date1904,
  };
}

/** Built-in number formats that show a date or time (ECMA-376 18.8.30, with the East Asian ids 27–36, 50–58). */
const BUILT_IN_DATES = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47,
]);
for (let id = 50; id <= 58; id += 1) BUILT_IN_DATES.add(id);

/** Whether a format code shows a date: y m d h s (or b, Buddhist years) outside quotes and brackets. */
export function isDateFormat(code: string): boolean {
  return /[ymdhsb]/i.test(code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

/** For each cell style (cellXfs, by index), whether its number format is a date. */
async function readDateStyles(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<boolean[]> {
  const custom = new Map<number, string>();
  const formats: number[] = [];
  let inCellXfs = false;
  await readPart(zip, entry, {
    open(name, attrs) {
      if (name === 'numFmt') custom.set(Number(attrs.numFmtId), attrs.formatCode ?? '');
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) formats.push(Number(attrs.numFmtId ?? 0));
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
  });
  return formats.map((id) => {
    const code = custom.get(id);
    return code === undefined ? BUILT_IN_DATES.has(id) : isDateFormat(code);
  });
}

/**
 * The shared strings as UTF-8 in one buffer with their offsets, each string decoded when a cell asks for it. As
 * hundreds of thousands of JavaScript strings they were the largest thing an import kept (about 25 MB at
 * 100,000 rows, and V8 lets the heap grow in proportion to what it keeps); as bytes they are half that, outside
 * the heap. Decoding anew also copies the text out of the tokenizer's input, which a slice would keep alive.
 */
export class SharedStrings {
  private bytes = Buffer.allocUnsafe(1 << 20);
  private ends = new Uint32Array(1 << 14);
  private used = 0;
  count = 0;

  add(text: string): void {
    const need = this.used + Buffer.byteLength(text);
    if (need > this.bytes.length) {
      const bigger = Buffer.allocUnsafe(Math.max(need, this.bytes.length * 2));
      this.bytes.copy(bigger, 0, 0, this.used);
      this.bytes = bigger;
    }
    this.used += this.bytes.write(text, this.used);
    if (this.count === this.ends.length) {
      const bigger = new Uint32Array(this.ends.length * 2);
      bigger.set(this.ends);
      this.ends = bigger;
    }
    this.ends[this.count] = this.used;
    this.count += 1;
  }

  /** The string at an index, or undefined past the end. */
  get(index: number): string | undefined {
    if (!(index >= 0 && index < this.count)) return undefined;
    const start = index === 0 ? 0 : (this.ends[index - 1] as number);
    return this.bytes.toString('utf8', start, this.ends[index]);
  }
}

/** The shared strings, in order: the runs of a rich string joined, phonetic guides (rPh) left out. */
async function readSharedStrings(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<SharedStrings> {
  const strings = new SharedStrings();
  let current = '';
  let inT = false;
  let inPhonetic = false;
  await readPart(zip, entry, {
    open(name) {
      if (name === 'si') current = '';
      else if (name === 't') inT = !inPhonetic;
      else if (name === 'rPh') inPhonetic = true;
    },
    text(text) {
      if (inT) current += text;
    },
    close(name) {
      if (name === 't') inT = false;
      else if (name === 'rPh') inPhonetic = false;
      else if (name === 'si') strings.add(current);
    },
  });
  return strings;
}

/** "BC12" → 55 (1-based); 0 when the reference has no column. */
function columnOf(ref: string): number {
  let col = 0;
  for (let i = 0; i < ref.length; i += 1) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    col = col * 26 + (c - 64);
  }
  return col;
}

const EMPTY: RawCell = { type: 'empty' };

const textCell = (text: string): RawCell => (text.trim() === '' ? EMPTY : { type: 'text', text });

/** An Excel serial day number to a Date (what Excel shows, read as UTC). */
const excelDate = (serial: number, date1904: boolean) =>
  new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));

interface SheetContext {
  shared: SharedStrings;
  dateStyles: boolean[];
  date1904: boolean;
}

/** A cell's value from its type, style, cached value and formula. Formulas are never evaluated. */
function cellOf(
  t: string | undefined,
  style: number,
  value: string,
  hasValue: boolean,
  formula: string | null,
  inline: string,
  sheet: SheetContext,
): RawCell {
  if (formula !== null && !hasValue) {
    // No cached result (a file written by a program, never opened in Excel): the value is unknown.
    return { type: 'error', text: `=${formula}` };
  }
  switch (t) {
    case 's':
      return textCell(sheet.shared.get(Number(value)) ?? '');
    case 'inlineStr':
      return textCell(inline);
    case 'str':
      return textCell(value);
    case 'b':
      return { type: 'bool', value: value.trim() !== '0' && value.trim() !== 'false' };
    case 'e':
      return { type: 'error', text: value };
    case 'd': {
      const date = new Date(value);
      return Number.isNaN(date.getTime()) ? { type: 'error', text: value } : { type: 'date', value: date };
    }
    default: {
      if (!hasValue || value.trim() === '') return EMPTY;
      const n = Number(value);
      if (Number.isNaN(n)) return textCell(value);
      return sheet.dateStyles[style]
        ? { type: 'date', value: excelDate(n, sheet.date1904) }
        : { type: 'number', value: n };
    }
  }
}

/** The rows of one worksheet, handed out after each inflated chunk that completes them. */
async function* sheetRows(
  zip: yauzl.ZipFile,
  entry: yauzl.Entry,
  sheet: SheetContext,
  onRead?: (fraction: number) => void,
): AsyncGenerator<RawRow> {
  const done: RawRow[] = [];
  let row: RawRow | null = null;
  let lastRow = 0;
  // the cell being read
  let col = 0;
  let t: string | undefined;
  let style = 0;
  let value = '';
  let hasValue = false;
  let formula: string | null = null;
  let inline = '';
  // which text is being collected: the value, the formula, or an inline string's text
  let into: 'v' | 'f' | 'is' | null = null;
  let inInline = false;
  let inPhonetic = false;

  const size = Math.max(entry.uncompressedSize, 1);
  yield* await parseEntry(
    zip,
    entry,
    {
      open(name, attrs) {
        switch (name) {
          case 'row': {
            const r = attrs.r ? Number(attrs.r) : lastRow + 1;
            lastRow = r;
            row = { row: r, cells: [] };
            break;
          }
          case 'c':
            col = attrs.r ? columnOf(attrs.r) : (row?.cells.length ?? 0) + 1;
            if (col === 0) col = (row?.cells.length ?? 0) + 1;
            t = attrs.t;
            style = attrs.s ? Number(attrs.s) : 0;
            value = '';
            hasValue = false;
            formula = null;
            inline = '';
            break;
          case 'v':
            hasValue = true;
            into = 'v';
            break;
          case 'f':
            formula = '';
            into = 'f';
            break;
          case 'is':
            inInline = true;
            break;
          case 'rPh':
            inPhonetic = true;
            break;
          case 't':
            if (inInline && !inPhonetic) into = 'is';
            break;
        }
      },
      text(text) {
        if (into === 'v') value += text;
        else if (into === 'f') formula += text;
        else if (into === 'is') inline += text;
      },
      close(name) {
        switch (name) {
          case 'v':
          case 'f':
          case 't':
            into = null;
            break;
          case 'is':
            inInline = false;
            break;
          case 'rPh':
            inPhonetic = false;
            break;
          case 'c': {
            if (!row) break;
            const cell = cellOf(t, style, value, hasValue, formula, inline, sheet);
            const cells = row.cells;
            while (cells.length < col - 1) cells.push(EMPTY);
            cells[col - 1] = cell;
            break;
          }
          case 'row':
            if (row) {
              // like a spreadsheet's own view of a row: it ends at its last cell with something in it
              let end = row.cells.length;
              while (end > 0 && row.cells[end - 1]?.type === 'empty') end -= 1;
              row.cells.length = end;
              done.push(row);
            }
            row = null;
            break;
        }
      },
    },
    function* (inflated) {
      onRead?.(Math.min(inflated / size, 1));
      for (const r of done) yield r;
      done.length = 0;
    },
  );
}
