import { idNumberCheckChar, isValidIdNumber, type Role } from '@hexie/core';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  csv,
  macroContentTypes,
  manyEntries,
  multipart,
  oldXls,
  plainZip,
  withMacros,
  xlsx,
  zipBomb,
} from '../../../test/bad-files.js';
import { as, createTestApp, fieldsOf, login, makeUser, type Session, type TestContext } from '../../../test/helpers.js';
import { BACKGROUND, failInterruptedImports, IMPORT_CHUNK, MAX_ERRORS } from './engine.js';
import { guardFile, IMPORT_LIMITS, inspectFile } from './guard.js';
import { registerImport } from './http.js';
import type { CellProblem, ImportSpec, TemplateColumn } from './spec.js';

/**
 * The import engine on a ledger of its own: a test-only ImportSpec over a table this file creates in its cloned
 * database, so nothing here depends on a business module.
 */
interface Person {
  idNumber: string;
  name: string;
  regionCode: string;
  amount: string | null;
  born: string | null;
}

const COLUMNS = [
  { key: 'idNumber', header: '公民身份号码', aliases: ['身份证号'], required: true, kind: 'code', hint: '18 位' },
  { key: 'name', header: '姓名', required: true, kind: 'text', width: 16 },
  { key: 'regionCode', header: '所属区划（代码）', required: true, kind: 'code' },
  { key: 'amount', header: '金额（元）', kind: 'number' },
  { key: 'born', header: '出生日期', kind: 'date', hint: '如 2026-03-02' },
] as const satisfies readonly TemplateColumn[];
const HEADERS = COLUMNS.map((c) => c.header);

const people: ImportSpec<Person> = {
  entity: 'test_person',
  title: { 'zh-CN': '测试人员', 'en-US': 'Test people' },
  columns: COLUMNS,
  maxRows: 8_000,
  parse(c) {
    const problems: CellProblem[] = [];
    if (!c.idNumber) problems.push({ column: 'idNumber', code: 'required' });
    else if (!isValidIdNumber(c.idNumber)) problems.push({ column: 'idNumber', code: 'invalid_format' });
    if (!c.name) problems.push({ column: 'name', code: 'required' });
    if (!/^\d{6}$/.test(c.regionCode ?? '')) problems.push({ column: 'regionCode', code: 'unknown_region' });
    if (c.amount && !/^-?\d+(\.\d+)?$/.test(c.amount)) problems.push({ column: 'amount', code: 'invalid_format' });
    if (problems.length) return { problems };
    return {
      value: {
        idNumber: c.idNumber as string,
        name: c.name as string,
        regionCode: c.regionCode as string,
        amount: c.amount || null,
        born: c.born || null,
      },
    };
  },
  key: (p) => p.idNumber,
  async check(ctx, rows) {
    const found = new Map<number, CellProblem[]>();
    rows.forEach((p, i) => {
      if (!ctx.regions.get(p.regionCode)) found.set(i, [{ column: 'regionCode', code: 'unknown_region' }]);
      else if (!ctx.scope.includes(p.regionCode)) found.set(i, [{ column: 'regionCode', code: 'region_out_of_scope' }]);
    });
    return found;
  },
  async upsert(tx, _ctx, rows) {
    const { rows: written } = await tx.query<{ inserted: boolean }>(
      `INSERT INTO test_people (id_number, name, region_code, amount, born)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::numeric[], $5::date[])
       ON CONFLICT (id_number) DO UPDATE
         SET name = EXCLUDED.name, region_code = EXCLUDED.region_code, amount = EXCLUDED.amount, born = EXCLUDED.born
       WHERE (test_people.name, test_people.region_code, test_people.amount, test_people.born)
             IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.region_code, EXCLUDED.amount, EXCLUDED.born)
       RETURNING (xmax = 0) AS inserted`,
      [
        rows.map((r) => r.idNumber),
        rows.map((r) => r.name),
        rows.map((r) => r.regionCode),
        rows.map((r) => r.amount),
        rows.map((r) => r.born),
      ],
    );
    const created = written.filter((w) => w.inserted).length;
    return { created, updated: written.length - created, unchanged: rows.length - written.length };
  },
};
/** The same ledger with a small row limit, to meet it in the foreground. */
const fewPeople: ImportSpec<Person> = { ...people, entity: 'test_person_few', maxRows: 3 };

let t: TestContext;
let changchun: Session;
let jilin: Session;
let mediation: Session;

beforeAll(async () => {
  t = await createTestApp('import_engine', {
    routes(app: FastifyInstance) {
      const opts = { access: 'enterprises:write', tag: 'test' } as const;
      registerImport(app, { ...opts, basePath: '/api/v1/test-people', spec: people as ImportSpec<never> });
      registerImport(app, { ...opts, basePath: '/api/v1/test-few', spec: fewPeople as ImportSpec<never> });
    },
  });
  const appRole = (await t.db.query<{ u: string }>('SELECT current_user AS u')).rows[0]?.u as string;
  await t.owner.query(`CREATE TABLE test_people (
    id_number text PRIMARY KEY, name text NOT NULL, region_code text NOT NULL, amount numeric, born date)`);
  await t.owner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON test_people TO "${appRole}"`);
  const mk = async (role: Role, regionCode: string) =>
    login(t.app, (await makeUser(t.db, { role, regionCode })).username);
  changchun = await mk('region_staff', '220100');
  jilin = await mk('region_admin', '220200');
  mediation = await mk('mediation_staff', '220100');
});
afterAll(() => t.close());

let serial = 0;
/** A valid resident ID number (GB 11643), a different one each call. */
function idNumber(region = '220102'): string {
  serial += 1;
  const body = `${region}1990${String(1 + (serial % 12)).padStart(2, '0')}${String(1 + (serial % 28)).padStart(2, '0')}${String(serial % 1000).padStart(3, '0')}`;
  return `${body}${idNumberCheckChar(body)}`;
}
const person = (over: Partial<Record<string, string>> = {}) => [
  over.idNumber ?? idNumber(),
  over.name ?? '张三',
  over.regionCode ?? '220102',
  over.amount ?? '1200.50',
  over.born ?? '1990-03-02',
];

type Mode = 'validate' | 'commit';
const upload = (s: Session, mode: Mode | string, name: string, data: Buffer, lang = 'zh-CN', base = 'test-people') => {
  const m = multipart(name, data);
  return as(t.app, s, {
    method: 'POST',
    url: `/api/v1/${base}/import?mode=${mode}`,
    payload: m.payload,
    headers: { ...m.headers, 'accept-language': lang },
  });
};
const stored = async () => (await t.db.query('SELECT count(*)::int AS n FROM test_people')).rows[0].n as number;
const record = async (s: Session, id: string) => (await as(t.app, s, { url: `/api/v1/imports/${id}` })).json();
async function finished(s: Session, id: string) {
  let r = await record(s, id);
  for (let i = 0; i < 200 && (r.status === 'queued' || r.status === 'running'); i++) {
    await new Promise((done) => setTimeout(done, 100));
    r = await record(s, id);
  }
  return r;
}

describe('the file guard refuses before any parser runs', () => {
  it('a ~200 KB xlsx inflating to 200 MB: refused within a second or so, without holding it', async () => {
    const bomb = await zipBomb(200);
    expect(bomb.length).toBeLessThan(400 * 1024);
    const mem = () => {
      const m = process.memoryUsage();
      return m.heapUsed + m.arrayBuffers;
    };
    const before = mem();
    const started = performance.now();
    await expect(guardFile('bomb.xlsx', bomb)).rejects.toMatchObject({ code: 'file_bomb' });
    // Generous for a shared machine; the guard stops at the ratio limit (about 40 MB in, streamed 64 KB at a time).
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(mem() - before).toBeLessThan(64 * 1024 * 1024);
    const res = await upload(changchun, 'validate', 'bomb.xlsx', bomb);
    expect([res.statusCode, res.json().code]).toEqual([400, 'file_bomb']);
    expect(res.json().detail).toContain('压缩炸弹');
  });

  it('the bad-file corpus: each refused with its own code, in the caller language, and recorded', async () => {
    const good = await xlsx([HEADERS, person()], [1, 3]);
    const cases: [string, Buffer, string][] = [
      ['truncated.xlsx', good.subarray(0, Math.floor(good.length / 2)), 'file_corrupt'],
      ['old.xlsx', oldXls(), 'file_xls'],
      ['old.xls', oldXls(), 'file_xls'],
      ['macros.xlsx', await withMacros(good), 'file_macros'],
      ['macro-types.xlsx', macroContentTypes(), 'file_macros'],
      ['book.xlsm', good, 'file_macros'],
      ['folder.xlsx', plainZip(), 'file_not_xlsx'],
      ['text.xlsx', Buffer.from('身份证号,姓名\n'), 'file_not_xlsx'],
      ['parts.xlsx', manyEntries(IMPORT_LIMITS.maxZipEntries + 1), 'file_too_many_entries'],
      ['book.csv', good, 'file_binary_csv'],
      ['nul.csv', Buffer.from('身份证号,姓名\n\u0000\u0001\u0002'), 'file_binary_csv'],
      ['empty.csv', Buffer.alloc(0), 'file_empty'],
      ['scan.pdf', Buffer.from('%PDF-1.7'), 'file_extension'],
    ];
    for (const [name, data, code] of cases) {
      const res = await upload(changchun, 'validate', name, data);
      expect([name, res.statusCode, res.headers['content-type'], res.json().code]).toEqual([
        name,
        400,
        'application/problem+json; charset=utf-8',
        code,
      ]);
    }
    const en = await upload(changchun, 'validate', 'old.xlsx', oldXls(), 'en-US');
    expect(en.json().detail).toBe('This is an old Excel (.xls) file. Save it as .xlsx in Excel and import that.');
    const zh = await upload(changchun, 'validate', 'folder.xlsx', plainZip());
    expect(zh.json().detail).toContain('扩展名与内容不符');
    const { rows } = await t.db.query(
      "SELECT status, problem FROM imports WHERE file_name = 'parts.xlsx' AND entity = 'test_person'",
    );
    expect(rows).toEqual([{ status: 'failed', problem: { code: 'file_too_many_entries', params: {} } }]);
  });

  it('a file over 20 MB is 413', async () => {
    const big = Buffer.alloc(IMPORT_LIMITS.maxFileBytes + 1024, 0x41);
    const res = await upload(changchun, 'validate', 'big.csv', big);
    expect([res.statusCode, res.json().code]).toEqual([413, 'file_too_large']);
    await expect(guardFile('big.csv', big)).rejects.toMatchObject({ code: 'file_too_large' });
  });

  it('tells how many rows a file has without parsing it', async () => {
    const rows = [HEADERS, ...Array.from({ length: 40 }, () => person())];
    expect(await inspectFile('a.xlsx', await xlsx(rows, [1]))).toEqual({ kind: 'xlsx', rowsHint: 41 });
    expect(await inspectFile('a.csv', csv(rows))).toEqual({ kind: 'csv', rowsHint: 41 });
  });
});

describe('reading rows', () => {
  it('CSV in GBK, UTF-8 with a BOM and UTF-8 without: the same Chinese, stored as written', async () => {
    const names = { gbk: '吉林省长春市张晓燕', 'utf8-bom': '长春市李　华', utf8: '欧阳𠮷祥' } as const;
    const ids: Record<string, string> = {};
    for (const [enc, name] of Object.entries(names)) {
      ids[enc] = idNumber();
      // 𠮷 is outside GBK: only the UTF-8 file carries it.
      const res = await upload(
        changchun,
        'commit',
        `${enc}.csv`,
        csv([HEADERS, person({ idNumber: ids[enc], name })], enc as 'gbk' | 'utf8' | 'utf8-bom'),
      );
      expect([enc, res.statusCode, res.json().created]).toEqual([enc, 200, 1]);
    }
    const { rows } = await t.db.query('SELECT id_number, name FROM test_people WHERE id_number = ANY($1)', [
      Object.values(ids),
    ]);
    expect(Object.fromEntries(rows.map((r) => [r.id_number, r.name]))).toEqual({
      [ids.gbk as string]: names.gbk,
      [ids['utf8-bom'] as string]: names['utf8-bom'],
      [ids.utf8 as string]: names.utf8,
    });
  });

  it('headers match in any order, trimmed, half- or full-width, by alias; the header is the first non-empty row', async () => {
    const id = idNumber();
    const data = csv([
      ['', '', ''],
      ['出生日期', ' 姓 名 ', '所属区划(代码)', '身份证号', '＊金额（元）'],
      ['2026/3/2', '王五', '220102', id, '1,234.5'],
    ]);
    const res = await upload(changchun, 'commit', 'order.csv', data);
    expect(res.json()).toMatchObject({ status: 'succeeded', rows: 1, created: 1, errors: [] });
    const { rows } = await t.db.query('SELECT name, amount::text, born FROM test_people WHERE id_number = $1', [id]);
    expect(rows[0]).toEqual({ name: '王五', amount: '1234.5', born: '2026-03-02' });
  });

  it('missing, unknown and repeated headers refuse the file, naming each', async () => {
    const res = await upload(
      changchun,
      'validate',
      'wrong.csv',
      csv([
        ['姓名', '身份证号', '公民身份号码', '备注'],
        ['x', 'y', 'z', 'w'],
      ]),
    );
    expect([res.statusCode, res.json().code]).toEqual([400, 'import_headers']);
    expect(res.json().detail).toBe(
      '表头与导入模板不符：缺少必填列 所属区划（代码）；无法识别的列 备注；重复的列 公民身份号码。请使用导入模板。',
    );
  });

  it('xlsx cells per kind: an ID stored as a number is a row error, dates and numbers read plainly, formulas by their cached result', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('人员');
    sheet.addRow(HEADERS);
    const fromFormula = idNumber();
    sheet.addRow([idNumber(), '赵六', '220102', 1234.5, new Date(Date.UTC(1988, 11, 31))]);
    // Excel shows this as 2.20102E+17: digits already lost, never stored.
    sheet.addRow([Number('220102199001011234'), '钱七', '220102', 1, '1990-01-01']);
    sheet
      .addRow([
        { formula: `"${fromFormula.slice(0, 9)}"&"${fromFormula.slice(9)}"`, result: fromFormula },
        { formula: 'CONCATENATE("孙","八")', result: '孙八' },
        '220102',
        { formula: '1000*2', result: 2000 },
        { formula: 'DATE(2026,3,2)', result: new Date(Date.UTC(2026, 2, 2)) },
      ])
      .getCell(5).numFmt = 'yyyy-mm-dd'; // as Excel formats a DATE() cell
    sheet.addRow([idNumber(), '周九', '220102', { formula: '1/0', result: { error: '#DIV/0!' } }, '2026年3月2日']);
    sheet.addRow([idNumber(), '吴十', '220102', '', { formula: 'TODAY()' }]);
    sheet.addRow([idNumber(), '郑一', '220102', 'abc', '2026-02-30']);
    sheet.addRow([idNumber(), '陈二', '220102', '', '20260302']);
    // A date cell that lost its format (Excel's serial number 46083), and 20260302 typed as a number.
    sheet.addRow([idNumber(), '褚三', '220102', '', 46083]);
    sheet.addRow([idNumber(), '卫四', '220102', '', 20260302]);
    const res = await upload(changchun, 'validate', '人员.xlsx', Buffer.from(await book.xlsx.writeBuffer()));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ rows: 9, rejected: 4 });
    expect(
      res.json().errors.map((e: { row: number; column: string; code: string }) => [e.row, e.column, e.code]),
    ).toEqual([
      [3, '公民身份号码', 'numeric_code'],
      [5, '金额（元）', 'formula_error'],
      [6, '出生日期', 'formula_error'],
      [7, '金额（元）', 'invalid_format'],
      [7, '出生日期', 'invalid_date'],
    ]);
    expect(res.json().errors[0].message).toBe(
      '公民身份号码须以文本格式填写：该单元格被 Excel 存成了数字（如 2.20102E+17），数字可能已经失真，请将该列设为文本后重新填写。',
    );
    // The cached error, as Excel shows it in the cell; a formula with no cached value names the formula.
    expect(res.json().errors[1].message).toBe('金额（元）的公式计算结果有误（#DIV/0!）。');
    expect(res.json().errors[2].message).toContain('=TODAY()');
    // The same ID typed into a CSV as Excel displays it is the same error.
    const sci = await upload(
      changchun,
      'validate',
      'sci.csv',
      csv([HEADERS, person({ idNumber: '2.20102E+17' })]),
      'en-US',
    );
    expect(sci.json().errors[0]).toMatchObject({ row: 2, column: '公民身份号码', code: 'numeric_code' });
    expect(sci.json().errors[0].message).toContain('公民身份号码 must be text');

    // Commit only the good rows: what the module was handed is what was in the cells.
    const good = new ExcelJS.Workbook();
    const s2 = good.addWorksheet('人员');
    s2.addRow(HEADERS);
    for (const r of [2, 4, 8, 9, 10]) {
      s2.addRow(sheet.getRow(r).values as ExcelJS.CellValue[]).getCell(5).numFmt = sheet.getRow(r).getCell(5).numFmt;
    }
    const committed = await upload(changchun, 'commit', 'good.xlsx', Buffer.from(await good.xlsx.writeBuffer()));
    expect(committed.json()).toMatchObject({ status: 'succeeded', created: 5 });
    const { rows } = await t.db.query(
      'SELECT name, amount::text, born FROM test_people WHERE id_number = ANY($1) ORDER BY name COLLATE "C"',
      [[2, 4, 8, 9, 10].map((r) => String(sheet.getRow(r).getCell(1).result ?? sheet.getRow(r).getCell(1).value))],
    );
    expect(rows.map((r) => [r.name, r.amount, r.born])).toEqual([
      ['卫四', null, '2026-03-02'],
      ['孙八', '2000', '2026-03-02'],
      ['褚三', null, '2026-03-02'],
      ['赵六', '1234.5', '1988-12-31'],
      ['陈二', null, '2026-03-02'],
    ]);
  });

  it('no header, no data rows, too many rows', async () => {
    const blank = await upload(changchun, 'validate', 'blank.csv', Buffer.from('\r\n , ,\r\n'));
    expect(blank.json().code).toBe('import_no_header');
    const headerOnly = await upload(changchun, 'validate', 'header.csv', csv([HEADERS]));
    expect(headerOnly.json().code).toBe('import_no_rows');
    const four = csv([HEADERS, person(), person(), person(), person()]);
    const tooMany = await upload(changchun, 'validate', 'four.csv', four, 'zh-CN', 'test-few');
    expect([tooMany.statusCode, tooMany.json().code]).toEqual([400, 'import_too_many_rows']);
    expect(tooMany.json().detail).toBe('文件有 4 行数据，超过单次导入上限 3 行，请拆分后导入。');
  });
});

describe('validate, then commit', () => {
  it('validate lists every row error by row and header, and writes nothing but its record', async () => {
    const before = await stored();
    const dup = idNumber();
    const data = csv([
      HEADERS,
      person(),
      person({ idNumber: `${dup.slice(0, 17)}${dup[17] === '0' ? '1' : '0'}`, name: '' }),
      person({ idNumber: dup }),
      person({ idNumber: dup, name: '重复' }),
      person({ regionCode: '220202' }),
      person({ regionCode: '229999' }),
    ]);
    const res = await upload(changchun, 'validate', 'mixed.csv', data);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ mode: 'validate', status: 'succeeded', rows: 6, rejected: 4, created: 0 });
    expect(
      res.json().errors.map((e: { row: number; column: string; code: string }) => [e.row, e.column, e.code]),
    ).toEqual([
      [3, '公民身份号码', 'invalid_format'],
      [3, '姓名', 'required'],
      [5, '公民身份号码', 'duplicate_in_file'],
      [6, '所属区划（代码）', 'region_out_of_scope'],
      [7, '所属区划（代码）', 'unknown_region'],
    ]);
    expect(res.json().errors[2].message).toBe('公民身份号码与第 4 行重复。');
    expect(res.json().errors[3].message).toBe('所属区划（代码）超出了您的管辖范围。');
    expect(await stored()).toBe(before);
    const rec = await record(changchun, res.json().importId);
    expect(rec).toMatchObject({ mode: 'validate', status: 'succeeded', rejected: 4, progress: 1 });
    expect(rec.errors).toHaveLength(5);
  });

  it('commit is all or nothing: one bad last row and nothing is written', async () => {
    const before = await stored();
    const rows = [HEADERS, ...Array.from({ length: 30 }, () => person()), person({ born: '2026-13-01' })];
    const res = await upload(changchun, 'commit', 'bad-last.csv', csv(rows));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ mode: 'commit', status: 'failed', rows: 31, rejected: 1, created: 0 });
    expect(res.json().errors).toEqual([expect.objectContaining({ row: 32, column: '出生日期', code: 'invalid_date' })]);
    expect(await stored()).toBe(before);
    expect((await record(changchun, res.json().importId)).status).toBe('failed');
  });

  it('the same file twice changes nothing the second time and names the first commit; audited without personal data', async () => {
    const rows = [HEADERS, ...Array.from({ length: 25 }, (_, i) => person({ name: `批量${i}` }))];
    const file = csv(rows);
    const first = await upload(changchun, 'commit', 'people.csv', file);
    expect(first.json()).toMatchObject({ status: 'succeeded', rows: 25, created: 25, updated: 0, unchanged: 0 });
    expect(first.json().previousCommit).toBeUndefined();
    const again = await upload(changchun, 'commit', 'people-copy.csv', file);
    expect(again.json()).toMatchObject({
      status: 'succeeded',
      created: 0,
      updated: 0,
      unchanged: 25,
      fileHash: first.json().fileHash,
      previousCommit: { importId: first.json().importId, by: expect.any(String), at: expect.any(String) },
    });
    // A validate of it says so too; one changed row is one update.
    const check = await upload(changchun, 'validate', 'people.csv', file);
    expect(check.json().previousCommit?.importId).toBe(first.json().importId);
    const edited = rows.map((r, i) => (i === 3 ? [...r.slice(0, 3), '99', r[4] as string] : r));
    const third = await upload(changchun, 'commit', 'people-edited.csv', csv(edited));
    expect(third.json()).toMatchObject({ created: 0, updated: 1, unchanged: 24 });
    expect(third.json().previousCommit).toBeUndefined();

    const { rows: events } = await t.db.query(
      `SELECT action, entity_type, entity_id, details FROM audit_events
        WHERE action = 'test_person.import' AND entity_id = ANY($1) ORDER BY id`,
      [[first.json().importId, again.json().importId, check.json().importId]],
    );
    // Commits are audited, a validate is not.
    expect(events.map((e) => e.entity_id)).toEqual([first.json().importId, again.json().importId]);
    expect(events[0].details).toEqual({
      file: 'people.csv',
      fileHash: first.json().fileHash,
      rows: 25,
      created: 25,
      updated: 0,
      unchanged: 0,
    });
    expect(events[1].details).toMatchObject({ unchanged: 25, previousCommit: first.json().importId });
    const text = JSON.stringify(events);
    for (const r of rows.slice(1)) {
      expect(text).not.toContain(r[0]);
      expect(text).not.toContain(r[1]);
    }
  });

  it('is written chunk by chunk in one transaction: an error after the first chunks rolls them back', async () => {
    const before = await stored();
    const n = IMPORT_CHUNK * 2 + 300; // three chunks, still under the background threshold
    expect(n).toBeLessThan(BACKGROUND.rows);
    const good = Array.from({ length: n }, (_, i) => person({ name: `分块${i}` }));
    // Row 4,200 (a data row in the third chunk) is in 吉林市: not 长春市's to write.
    const late = good.map((r, i) => (i === n - 100 ? [idNumber('220202'), '外地', '220202', '', ''] : r));
    const failed = await upload(changchun, 'commit', 'late-error.csv', csv([HEADERS, ...late]));
    expect(failed.json()).toMatchObject({ status: 'failed', rows: n, rejected: 1, created: 0 });
    expect(failed.json().errors).toEqual([
      expect.objectContaining({ row: n - 100 + 2, column: '所属区划（代码）', code: 'region_out_of_scope' }),
    ]);
    expect(await stored()).toBe(before);
    // A key repeated across chunks names its first row.
    const repeated = [...good.slice(0, n - 1), good[4] as string[]];
    const dup = await upload(changchun, 'validate', 'dup.csv', csv([HEADERS, ...repeated]));
    expect(dup.json().errors).toEqual([
      expect.objectContaining({ row: n + 1, code: 'duplicate_in_file', message: expect.stringContaining('6') }),
    ]);
    // The good file goes in whole.
    const ok = await upload(changchun, 'commit', 'chunks.csv', csv([HEADERS, ...good]));
    expect(ok.json()).toMatchObject({ status: 'succeeded', rows: n, created: n });
    expect(await stored()).toBe(before + n);
  });

  it('errors beyond 1,000 are counted, not listed', async () => {
    const rows = [HEADERS, ...Array.from({ length: MAX_ERRORS + 5 }, () => person({ name: '' }))];
    const res = await upload(changchun, 'validate', 'many-errors.csv', csv(rows));
    expect(res.json()).toMatchObject({ rejected: MAX_ERRORS + 5, errorsTruncated: true });
    expect(res.json().errors).toHaveLength(MAX_ERRORS);
  });
});

describe('big files run as a background job', () => {
  const many = (n: number) => [HEADERS, ...Array.from({ length: n }, (_, i) => person({ name: `后台${i}` }))];

  it('over 5,000 rows: 202 queued, progress on the record, then the result; the stored file is deleted', async () => {
    const before = await stored();
    const data = csv(many(BACKGROUND.rows + 500));
    expect(data.length).toBeLessThan(BACKGROUND.bytes); // queued by its rows, not its size
    const res = await upload(changchun, 'commit', 'big.csv', data);
    expect(res.statusCode).toBe(202);
    expect(res.json()).toMatchObject({ status: 'queued', progress: 0, rows: 0 });
    const id = res.json().importId;
    const early = await record(changchun, id);
    expect(['queued', 'running', 'succeeded']).toContain(early.status);
    expect(early.progress).toBeGreaterThanOrEqual(0);
    expect(early.progress).toBeLessThanOrEqual(1);
    const seen = new Set<number>();
    let r = early;
    for (let i = 0; i < 300 && (r.status === 'queued' || r.status === 'running'); i++) {
      seen.add(r.progress);
      await new Promise((done) => setTimeout(done, 50));
      r = await record(changchun, id);
    }
    expect(r).toMatchObject({ status: 'succeeded', rows: 5_500, created: 5_500, progress: 1, fileName: 'big.csv' });
    expect(r.finishedAt).not.toBeNull();
    expect(await stored()).toBe(before + 5_500);
    expect([...seen].every((p) => p >= 0 && p <= 1)).toBe(true);
    // The record is final before the worker returns; pg-boss marks the job completed just after.
    const jobState = async () =>
      (await t.owner.query("SELECT state FROM pgboss.job WHERE name = 'import' AND data->>'importId' = $1", [id])).rows;
    let job = await jobState();
    for (let i = 0; i < 100 && job[0]?.state !== 'completed'; i++) {
      await new Promise((done) => setTimeout(done, 50));
      job = await jobState();
    }
    expect(job).toEqual([{ state: 'completed' }]);
    expect((await t.db.query('SELECT count(*)::int AS n FROM import_files')).rows[0].n).toBe(0);
    const audit = await t.db.query(
      "SELECT details FROM audit_events WHERE action = 'test_person.import' AND entity_id = $1",
      [id],
    );
    expect(audit.rows[0].details).toMatchObject({ rows: 5_500, created: 5_500 });
    // The same file again, in the background too: nothing changes.
    const again = await upload(changchun, 'commit', 'big-again.csv', data);
    expect(again.statusCode).toBe(202);
    expect(await finished(changchun, again.json().importId)).toMatchObject({
      status: 'succeeded',
      unchanged: 5_500,
      created: 0,
    });
  }, 60_000);

  it('an xlsx over 5,000 rows is queued by its declared dimension; a row error fails it and writes nothing', async () => {
    const rows = many(BACKGROUND.rows + 10);
    rows.push(person({ idNumber: '123' }));
    const before = await stored();
    const res = await upload(changchun, 'commit', 'big.xlsx', await xlsx(rows, [1, 3]));
    expect(res.statusCode).toBe(202);
    const r = await finished(changchun, res.json().importId);
    expect(r).toMatchObject({ status: 'failed', rows: 5_011, rejected: 1, created: 0, problem: null });
    expect(r.errors).toEqual([expect.objectContaining({ row: 5_012, code: 'invalid_format' })]);
    expect(await stored()).toBe(before);
  }, 60_000);

  it('a big file with the wrong headers is refused at once; one with too many rows fails on its record', async () => {
    const wrong = csv([['姓名', '电话'], ...Array.from({ length: 6_000 }, () => ['x', '1'])]);
    const res = await upload(changchun, 'commit', 'wrong-big.csv', wrong);
    expect([res.statusCode, res.json().code]).toEqual([400, 'import_headers']);

    const over = await upload(changchun, 'validate', 'over.csv', csv(many(8_001)));
    expect(over.statusCode).toBe(202);
    const r = await finished(changchun, over.json().importId);
    expect(r).toMatchObject({
      status: 'failed',
      problem: { code: 'import_too_many_rows', detail: '文件有 8001 行数据，超过单次导入上限 8000 行，请拆分后导入。' },
    });
  }, 60_000);

  it('at start, imports a stopped process left behind are marked failed', async () => {
    const u = await makeUser(t.db, { regionCode: '220100' });
    const { rows } = await t.db.query<{ id: string }>(
      `INSERT INTO imports (entity, mode, status, file_name, file_hash, file_size, actor_id, actor_username,
         region_code, created_at)
       VALUES ('test_person', 'commit', 'running', 'lost.csv', 'x', 1, $1, $2, '220100', now() - interval '1 hour'),
              ('test_person', 'commit', 'running', 'young.csv', 'x', 1, $1, $2, '220100', now())
       RETURNING id`,
      [u.id, u.username],
    );
    await failInterruptedImports(t.db);
    const [lost, young] = [
      await record(changchun, rows[0]?.id as string),
      await record(changchun, rows[1]?.id as string),
    ];
    expect(lost).toMatchObject({
      status: 'failed',
      problem: { code: 'import_interrupted', detail: '服务重启，导入未完成，未写入任何数据，请重新导入。' },
    });
    expect(young.status).toBe('running');
    await t.db.query(`UPDATE imports SET status = 'failed' WHERE id = $1`, [rows[1]?.id]);
  });
});

describe('access, records and the template', () => {
  it('401 without a session, 403 without the permission, 400 for a bad mode naming it', async () => {
    const m = multipart('x.csv', csv([HEADERS, person()]));
    const post = { method: 'POST' as const, url: '/api/v1/test-people/import?mode=validate', payload: m.payload };
    expect((await t.app.inject({ ...post, headers: m.headers })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/api/v1/imports' })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/api/v1/test-people/import-template' })).statusCode).toBe(401);
    expect((await as(t.app, mediation, { ...post, headers: m.headers })).statusCode).toBe(403);
    expect((await as(t.app, mediation, { url: '/api/v1/imports' })).statusCode).toBe(403);
    expect((await as(t.app, changchun, { ...post, headers: m.headers, csrf: false })).statusCode).toBe(403);
    const bad = await upload(changchun, 'maybe', 'x.csv', csv([HEADERS, person()]));
    expect([bad.statusCode, fieldsOf(bad)]).toEqual([400, ['mode']]);
    const noFile = await as(t.app, changchun, {
      method: 'POST',
      url: '/api/v1/test-people/import?mode=validate',
      payload: { a: 1 },
    });
    expect(noFile.statusCode).toBe(400);
  });

  it("records are scoped by the uploader's region: another region's is 404 (and audited), lists filter", async () => {
    const mine = await upload(changchun, 'validate', 'scoped.csv', csv([HEADERS, person()]));
    const id = mine.json().importId;
    expect((await as(t.app, jilin, { url: `/api/v1/imports/${id}` })).statusCode).toBe(404);
    const probe = await t.db.query(
      "SELECT result FROM audit_events WHERE action = 'access.out_of_scope' AND entity_id = $1",
      [id],
    );
    expect(probe.rows).toEqual([{ result: 'denied' }]);
    expect((await as(t.app, jilin, { url: '/api/v1/imports/not-a-uuid' })).statusCode).toBe(400);
    const theirs = await as(t.app, jilin, { url: '/api/v1/imports?entity=test_person' });
    expect(theirs.json().items.map((i: { importId: string }) => i.importId)).not.toContain(id);
    const list = await as(t.app, changchun, { url: '/api/v1/imports?entity=test_person&status=succeeded&pageSize=5' });
    expect(list.statusCode).toBe(200);
    expect(list.json()).toMatchObject({ page: 1, pageSize: 5 });
    expect(list.json().total).toBeGreaterThan(5);
    expect(list.json().items[0]).toMatchObject({
      importId: id,
      entity: 'test_person',
      status: 'succeeded',
      errors: [],
    });
    const failed = await as(t.app, changchun, { url: '/api/v1/imports?status=failed&pageSize=100' });
    expect(failed.json().items.every((i: { status: string }) => i.status === 'failed')).toBe(true);
    const badStatus = await as(t.app, changchun, { url: '/api/v1/imports?status=done' });
    expect([badStatus.statusCode, fieldsOf(badStatus)]).toEqual([400, ['status']]);
  });

  it('the template: headers in order, bold, code columns as text, notes saying what to enter, a Chinese file name', async () => {
    const res = await as(t.app, changchun, { url: '/api/v1/test-people/import-template' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="test_person-template.xlsx"; filename*=UTF-8''${encodeURIComponent('测试人员导入模板.xlsx')}`,
    );
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0] as ExcelJS.Worksheet;
    expect(sheet.name).toBe('测试人员');
    expect((sheet.getRow(1).values as string[]).slice(1)).toEqual(HEADERS);
    expect(sheet.getCell('A1').font?.bold).toBe(true);
    expect([1, 2, 3, 4, 5].map((c) => sheet.getColumn(c).numFmt ?? null)).toEqual(['@', null, '@', null, 'yyyy-mm-dd']);
    expect(sheet.getColumn(2).width).toBe(16);
    const note = (ref: string) => {
      const n = sheet.getCell(ref).note as string | { texts?: { text: string }[] } | undefined;
      return typeof n === 'string' ? n : (n?.texts ?? []).map((x) => x.text).join('');
    };
    expect(note('A1')).toBe('必填：18 位');
    expect(note('D1')).toBe('选填');
    expect(note('E1')).toBe('选填：如 2026-03-02');
    // The empty template is a valid file with no rows.
    const empty = await upload(changchun, 'validate', '测试人员导入模板.xlsx', res.rawPayload);
    expect(empty.json().code).toBe('import_no_rows');
  });
});
