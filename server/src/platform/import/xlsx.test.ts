import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { handMadeXlsx } from '../../../test/bad-files.js';
import type { RawRow } from './read.js';
import { isDateFormat, SharedStrings, xlsxRows } from './xlsx.js';

/** The xlsx reader on its own: cells as other programs write them, not only as exceljs does. */

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

function workbook(sheets: string[], props = ''): Record<string, string> {
  return {
    'xl/workbook.xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="${NS}" xmlns:r="${R}">${props}<sheets>${sheets
      .map((name, i) => `<sheet name="${name}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
      .join('')}</sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets
      .map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
      .join(
        '',
      )}<Relationship Id="rS" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rY" Type="${REL}/styles" Target="styles.xml"/></Relationships>`,
  };
}

const sheet = (rows: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${NS}"><sheetData>${rows}</sheetData></worksheet>`;

async function read(data: Buffer): Promise<RawRow[]> {
  const rows: RawRow[] = [];
  for await (const r of xlsxRows(data)) rows.push(r);
  return rows;
}

describe('xlsx reader', () => {
  it('reads shared, rich and inline strings, numbers, booleans, errors and dates by their style', async () => {
    const file = handMadeXlsx({
      ...workbook(['人员']),
      'xl/sharedStrings.xml': `<sst xmlns="${NS}" count="3" uniqueCount="3"><si><t>公民身份号码</t></si><si><r><t>长春</t></r><r><rPr><b/></rPr><t xml:space="preserve">市 </t></r><rPh sb="0" eb="2"><t>チャンチュン</t></rPh></si><si><t>A &amp; B &lt;有限&gt;</t></si></sst>`,
      // cellXfs 0: General; 1: built-in 14 (a date); 2: custom 年月日; 3: custom with the letters only in quotes
      'xl/styles.xml': `<styleSheet xmlns="${NS}"><numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/><numFmt numFmtId="165" formatCode="0.00&quot; days&quot;"/></numFmts><cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs><cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="164"/><xf numFmtId="165"/></cellXfs></styleSheet>`,
      'xl/worksheets/sheet1.xml': sheet(
        [
          '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="D1" t="s"><v>2</v></c></row>',
          '<row r="3"><c r="A3" t="inlineStr"><is><t>内联文本</t></is></c><c r="B3"><v>1234.5</v></c><c r="C3" t="b"><v>1</v></c><c r="D3" t="e"><v>#N/A</v></c></row>',
          '<row r="4"><c r="A4" s="1"><v>46083</v></c><c r="B4" s="2"><v>46083</v></c><c r="C4" s="3"><v>46083</v></c><c r="D4" t="d"><v>2026-03-02T00:00:00Z</v></c></row>',
          '<row r="5"><c r="A5" s="1"/><c r="B5" t="s"><v>0</v></c><c r="C5" s="1"/></row>',
        ].join(''),
      ),
    });
    const rows = await read(file);
    expect(rows.map((r) => r.row)).toEqual([1, 3, 4, 5]);
    expect(rows[0]?.cells).toEqual([
      { type: 'text', text: '公民身份号码' },
      { type: 'text', text: '长春市 ' },
      { type: 'empty' },
      { type: 'text', text: 'A & B <有限>' },
    ]);
    expect(rows[1]?.cells).toEqual([
      { type: 'text', text: '内联文本' },
      { type: 'number', value: 1234.5 },
      { type: 'bool', value: true },
      { type: 'error', text: '#N/A' },
    ]);
    const day = new Date(Date.UTC(2026, 2, 2));
    expect(rows[2]?.cells).toEqual([
      { type: 'date', value: day },
      { type: 'date', value: day },
      { type: 'number', value: 46083 },
      { type: 'date', value: day },
    ]);
    // A styled cell with no value is empty, and a row ends at its last cell with something in it.
    expect(rows[3]?.cells).toEqual([{ type: 'empty' }, { type: 'text', text: '公民身份号码' }]);
  });

  it('takes the first tab even when another sheet comes first in the zip, and honours the 1904 date system', async () => {
    const file = handMadeXlsx({
      ...workbook(['第一页', '第二页'], '<workbookPr date1904="1"/>'),
      'xl/styles.xml': `<styleSheet xmlns="${NS}"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="31"/></cellXfs></styleSheet>`,
      'xl/worksheets/sheet2.xml': sheet('<row r="1"><c r="A1" t="inlineStr"><is><t>第二页</t></is></c></row>'),
      'xl/worksheets/sheet1.xml': sheet(
        '<row r="1"><c r="A1" t="inlineStr"><is><t>第一页</t></is></c><c r="B1" s="1"><v>44621</v></c></row>',
      ),
    });
    const rows = await read(file);
    expect(rows).toEqual([
      {
        row: 1,
        cells: [
          { type: 'text', text: '第一页' },
          // 44621 in the 1904 system is 2026-03-02; built-in 31 is the East Asian yyyy"年"m"月"d"日"
          { type: 'date', value: new Date(Date.UTC(2026, 2, 2)) },
        ],
      },
    ]);
  });

  it('reads prefixed tags, rows and cells without references, and formulas by their cached value only', async () => {
    const file = handMadeXlsx({
      ...workbook(['x']),
      'xl/worksheets/sheet1.xml': `<x:worksheet xmlns:x="${NS}"><x:sheetData><x:row><x:c t="inlineStr"><x:is><x:t>甲</x:t></x:is></x:c><x:c><x:v>2</x:v></x:c></x:row><x:row><x:c><x:f>1+1</x:f><x:v>2</x:v></x:c><x:c t="str"><x:f>"孙"&amp;"八"</x:f><x:v>孙八</x:v></x:c><x:c><x:f>TODAY()</x:f></x:c><x:c t="e"><x:f>1/0</x:f><x:v>#DIV/0!</x:v></x:c></x:row></x:sheetData></x:worksheet>`,
    });
    expect(await read(file)).toEqual([
      {
        row: 1,
        cells: [
          { type: 'text', text: '甲' },
          { type: 'number', value: 2 },
        ],
      },
      {
        row: 2,
        cells: [
          { type: 'number', value: 2 },
          { type: 'text', text: '孙八' },
          { type: 'error', text: '=TODAY()' },
          { type: 'error', text: '#DIV/0!' },
        ],
      },
    ]);
  });

  it('reads what exceljs writes the same as exceljs does, row by row, a thousand rows with multibyte text', async () => {
    const book = new ExcelJS.Workbook();
    const ws = book.addWorksheet('企业');
    ws.getColumn(3).numFmt = 'yyyy-mm-dd';
    const expected: RawRow[] = [];
    for (let i = 1; i <= 1000; i += 1) {
      const name = `长春市第${i}号“和谐”有限公司${'测'.repeat(i % 50)}`;
      const day = new Date(Date.UTC(2020, 0, i));
      ws.addRow([`9122010${String(i).padStart(11, '0')}`, name, day, i * 1.5]);
      expected.push({
        row: i,
        cells: [
          { type: 'text', text: `9122010${String(i).padStart(11, '0')}` },
          { type: 'text', text: name },
          { type: 'date', value: day },
          { type: 'number', value: i * 1.5 },
        ],
      });
    }
    const progress: number[] = [];
    const rows: RawRow[] = [];
    for await (const r of xlsxRows(Buffer.from(await book.xlsx.writeBuffer()), (f) => progress.push(f))) rows.push(r);
    expect(rows).toEqual(expected);
    expect(progress.at(-1)).toBe(1);
  });

  it('stops early without reading the rest (the header check reads one row)', async () => {
    const file = handMadeXlsx({
      ...workbook(['x']),
      'xl/worksheets/sheet1.xml': sheet(
        Array.from(
          { length: 50 },
          (_, i) => `<row r="${i + 1}"><c t="inlineStr"><is><t>行${i + 1}</t></is></c></row>`,
        ).join(''),
      ),
    });
    for await (const r of xlsxRows(file)) {
      expect(r.row).toBe(1);
      break;
    }
  });

  it('a truncated sheet is a corrupt file', async () => {
    const file = handMadeXlsx({
      ...workbook(['x']),
      'xl/worksheets/sheet1.xml': sheet('<row r="1"><c><v>1</v></c></row>'),
    });
    // Cut inside the central directory: the zip cannot be opened.
    await expect(read(file.subarray(0, file.length - 30))).rejects.toMatchObject({ code: 'file_corrupt' });
  });

  it('keeps shared strings as bytes and gives each back whole, past every growth of its buffers', () => {
    const strings = new SharedStrings();
    const made = Array.from({ length: 40_000 }, (_, i) =>
      i % 7 === 0 ? '' : `吉林省长春市第${i}号企业${'é'.repeat(i % 5)}`,
    );
    for (const s of made) strings.add(s);
    expect(strings.count).toBe(40_000);
    expect(made.every((s, i) => strings.get(i) === s)).toBe(true);
    expect([strings.get(-1), strings.get(40_000), strings.get(Number.NaN)]).toEqual([undefined, undefined, undefined]);
  });

  it('tells date formats from number formats', () => {
    for (const code of [
      'yyyy-mm-dd',
      'yyyy"年"m"月"d"日"',
      'm/d/yy h:mm',
      '[$-804]yyyy/m/d',
      'hh:mm:ss',
      'B2yyyy/mm/dd',
    ])
      expect(isDateFormat(code), code).toBe(true);
    for (const code of ['General', '0.00', '#,##0.00 "days"', '[Red]0.00', '@', '0%'])
      expect(isDateFormat(code), code).toBe(false);
  });
});
