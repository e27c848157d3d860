import { createDeflateRaw, deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';

/**
 * The bad-file corpus, made at test time (no binary files in git): every way an upload can be wrong or hostile.
 */

interface ZipEntry {
  name: string;
  /** already deflated (raw) */
  deflated: Buffer;
  size: number;
  crc: number;
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(data: Buffer, crc = 0): number {
  let c = ~crc >>> 0;
  for (const b of data) c = (CRC_TABLE[(c ^ b) & 0xff] as number) ^ (c >>> 8);
  return ~c >>> 0;
}

export function entry(name: string, data: Buffer): ZipEntry {
  return { name, deflated: deflateRawSync(data), size: data.length, crc: crc32(data) };
}

/** A minimal zip writer (deflate, no data descriptors) for hand-made archives. */
export function zip(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(e.crc, 14);
    local.writeUInt32LE(e.deflated.length, 18);
    local.writeUInt32LE(e.size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(e.crc, 16);
    central.writeUInt32LE(e.deflated.length, 20);
    central.writeUInt32LE(e.size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, e.deflated);
    centrals.push(central, name);
    offset += local.length + name.length + e.deflated.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>`;

/**
 * A workbook written by hand, part by part (path → XML), in the given zip order: the shapes other programs write
 * that exceljs never does (inline strings, namespace prefixes, rows without references, a second tab first in
 * the zip).
 */
export function handMadeXlsx(parts: Record<string, string>): Buffer {
  return zip([
    entry('[Content_Types].xml', Buffer.from(CONTENT_TYPES)),
    ...Object.entries(parts).map(([name, xml]) => entry(name, Buffer.from(xml, 'utf8'))),
  ]);
}

/**
 * A zip bomb dressed as an xlsx: a sheet of `megabytes` MB of the same bytes deflates to about a thousandth of
 * that. Built by streaming so the test never holds the inflated size in memory.
 */
export async function zipBomb(megabytes = 200): Promise<Buffer> {
  const chunk = Buffer.alloc(1024 * 1024, 0x20);
  const deflate = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (d: Buffer) => out.push(d));
  let crc = 0;
  for (let i = 0; i < megabytes; i++) {
    crc = crc32(chunk.subarray(0, 1), crc); // cheap: the CRC is never checked before the guard refuses
    if (!deflate.write(chunk)) await new Promise((r) => deflate.once('drain', r));
  }
  await new Promise<void>((resolve) => deflate.end(resolve));
  const sheet: ZipEntry = {
    name: 'xl/worksheets/sheet1.xml',
    deflated: Buffer.concat(out),
    size: megabytes * 1024 * 1024,
    crc,
  };
  return zip([
    entry('[Content_Types].xml', Buffer.from(CONTENT_TYPES)),
    entry('xl/workbook.xml', Buffer.from('<workbook/>')),
    sheet,
  ]);
}

/** A real xlsx with the given rows (first row = headers); cells given as exceljs values. */
export async function xlsx(rows: ExcelJS.CellValue[][], textColumns: number[] = []): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('Sheet1');
  for (const c of textColumns) sheet.getColumn(c).numFmt = '@';
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The same workbook with a macro project added (what an .xlsm carries). */
export async function withMacros(book: Buffer): Promise<Buffer> {
  const { default: yauzl } = await import('yauzl');
  const z = await yauzl.fromBufferPromise(book, { lazyEntries: true });
  const entries: ZipEntry[] = [];
  await new Promise<void>((resolve, reject) => {
    z.on('entry', async (e: import('yauzl').Entry) => {
      const chunks: Buffer[] = [];
      for await (const c of (await z.openReadStreamPromise(e)) as AsyncIterable<Buffer>) chunks.push(c);
      entries.push(entry(e.fileName, Buffer.concat(chunks)));
      z.readEntry();
    });
    z.on('end', () => resolve());
    z.on('error', reject);
    z.readEntry();
  });
  entries.push(entry('xl/vbaProject.bin', Buffer.from('VBA PROJECT, NOT REALLY')));
  return zip(entries);
}

/** A zip that is no workbook (a folder of documents renamed .xlsx). */
export function plainZip(): Buffer {
  return zip([entry('readme.txt', Buffer.from('not a workbook')), entry('photo.jpg', Buffer.alloc(2048, 7))]);
}

/** A zip of `count` tiny entries (a real workbook has a few dozen). */
export function manyEntries(count: number): Buffer {
  return zip([
    entry('[Content_Types].xml', Buffer.from(CONTENT_TYPES)),
    entry('xl/workbook.xml', Buffer.from('<workbook/>')),
    ...Array.from({ length: count }, (_, i) => entry(`xl/media/p${i}.xml`, Buffer.from('<p/>'))),
  ]);
}

/** A workbook whose content types declare it macro-enabled (.xlsm content renamed .xlsx), no vbaProject.bin. */
export function macroContentTypes(): Buffer {
  const types = CONTENT_TYPES.replace(
    'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml',
    'vnd.ms-excel.sheet.macroEnabled.main+xml',
  );
  return zip([entry('[Content_Types].xml', Buffer.from(types)), entry('xl/workbook.xml', Buffer.from('<workbook/>'))]);
}

/** An old binary .xls: the OLE2 compound-file signature and some bytes. */
export function oldXls(): Buffer {
  return Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(4096, 1)]);
}

export function csv(rows: string[][], encoding: 'utf8' | 'utf8-bom' | 'gbk' = 'utf8'): Buffer {
  const text = rows
    .map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(','))
    .join('\r\n');
  if (encoding === 'gbk') return iconv.encode(text, 'gbk');
  const body = Buffer.from(text, 'utf8');
  return encoding === 'utf8-bom' ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body;
}

/** A multipart/form-data body with one file, for app.inject. */
export function multipart(fileName: string, data: Buffer): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----hexie${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\n` +
      'Content-Type: application/octet-stream\r\n\r\n',
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    payload: Buffer.concat([head, data, tail]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}
