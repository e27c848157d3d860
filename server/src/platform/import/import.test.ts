import type { Role } from '@hexie/core';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csv, multipart, oldXls, withMacros, xlsx, zipBomb } from '../../../test/bad-files.js';
import { makeEnterprise, validCreditCode } from '../../../test/factories/enterprises.js';
import { as, createTestApp, fieldsOf, login, makeUser, type Session, type TestContext } from '../../../test/helpers.js';
import { ENTERPRISE_COLUMNS } from '../../modules/enterprises/enterprises.import.js';
import { guardFile } from './guard.js';

let t: TestContext;
let changchun: Session;
let jilin: Session;
let mediation: Session;

beforeAll(async () => {
  t = await createTestApp('imports');
  const mk = async (role: Role, regionCode: string) =>
    login(t.app, (await makeUser(t.db, { role, regionCode })).username);
  changchun = await mk('region_staff', '220100');
  jilin = await mk('region_admin', '220200');
  mediation = await mk('mediation_staff', '220100');
});
afterAll(() => t.close());

const HEADERS = ENTERPRISE_COLUMNS.map((c) => c.header);
/** A data row in template order: code, name, region, industry, then the optional columns. */
const row = (code: string, name: string, over: Partial<Record<string, string | number>> = {}) =>
  HEADERS.map((h) => {
    const key = ENTERPRISE_COLUMNS.find((c) => c.header === h)?.key as string;
    const base: Record<string, string | number> = {
      creditCode: code,
      name,
      regionCode: '长春市南关区',
      industryCode: '3311',
      employees: 25,
      revenue: 400,
      registeredOn: '2025-03-02',
      contactPhone: '13812345678',
    };
    return over[key] ?? base[key] ?? '';
  });

const upload = (s: Session, mode: 'validate' | 'commit', name: string, data: Buffer, lang = 'zh-CN') => {
  const m = multipart(name, data);
  return as(t.app, s, {
    method: 'POST',
    url: `/api/v1/enterprises/import?mode=${mode}`,
    payload: m.payload,
    headers: { ...m.headers, 'accept-language': lang },
  });
};
const count = async () => (await t.db.query('SELECT count(*)::int AS n FROM enterprises')).rows[0].n as number;

describe('the file guard refuses before any parser runs', () => {
  it('a 200 MB zip bomb dressed as an xlsx, fast and without holding it in memory', async () => {
    const bomb = await zipBomb(200);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const heap = process.memoryUsage().heapUsed;
    const started = performance.now();
    await expect(guardFile('bomb.xlsx', bomb)).rejects.toMatchObject({ code: 'file_bomb' });
    // Generous bounds for a shared machine: the guard stops inflating at the ratio limit.
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(process.memoryUsage().heapUsed - heap).toBeLessThan(64 * 1024 * 1024);
    const res = await upload(changchun, 'validate', 'bomb.xlsx', bomb);
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('file_bomb');
  });

  it('a truncated zip, an .xls renamed .xlsx, a macro-enabled workbook, a binary .csv, an empty file, a .pdf', async () => {
    const good = await xlsx([HEADERS, row(validCreditCode(), '长春市截断测试有限公司')], [1]);
    const cases: [string, Buffer, string][] = [
      ['half.xlsx', good.subarray(0, Math.floor(good.length / 2)), 'file_corrupt'],
      ['old.xlsx', oldXls(), 'file_xls'],
      ['macros.xlsx', await withMacros(good), 'file_macros'],
      ['book.xlsm', good, 'file_macros'],
      ['zip.csv', good, 'file_binary_csv'],
      ['empty.csv', Buffer.alloc(0), 'file_empty'],
      ['scan.pdf', Buffer.from('%PDF-1.7'), 'file_extension'],
    ];
    for (const [name, data, code] of cases) {
      const res = await upload(changchun, 'validate', name, data);
      expect([name, res.statusCode, res.json().code]).toEqual([name, 400, code]);
    }
    // The refusal is in the user's language and recorded.
    const en = await upload(changchun, 'validate', 'old.xlsx', oldXls(), 'en-US');
    expect(en.json().detail).toContain('Save it as .xlsx');
    const { rows } = await t.db.query("SELECT status, problem FROM imports WHERE file_name = 'old.xlsx' LIMIT 1");
    expect(rows[0]).toMatchObject({ status: 'failed', problem: { code: 'file_xls' } });
  });

  it('wrong headers name what is missing and what is unknown', async () => {
    const res = await upload(
      changchun,
      'validate',
      'wrong.csv',
      csv([
        ['企业名字', '统一社会信用代码', '备注'],
        ['x', 'y', 'z'],
      ]),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('import_headers');
    expect(res.json().detail).toContain('缺少必填列 企业名称、所属区划、行业代码');
    expect(res.json().detail).toContain('无法识别的列 企业名字、备注');
  });
});

describe('reading rows', () => {
  it('CSV in GBK, in UTF-8 with a BOM, in UTF-8 without: the same Chinese', async () => {
    for (const enc of ['gbk', 'utf8-bom', 'utf8'] as const) {
      const data = csv(
        [
          HEADERS.map(String),
          row(validCreditCode(), `长春市编码${enc === 'gbk' ? '甲' : enc === 'utf8' ? '乙' : '丙'}有限公司`).map(
            String,
          ),
        ],
        enc,
      );
      const res = await upload(changchun, 'validate', `${enc}.csv`, data);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ rows: 1, rejected: 0, errors: [] });
    }
  });

  it('headers in another order, with spaces and full-width brackets and aliases, still match', async () => {
    const code = validCreditCode();
    const data = csv([
      ['企业名称', ' 统一社会信用代码 ', '所属区划', '行业代码', '营业收入(万元)', '从业人员'],
      ['长春市表头顺序有限公司', code, '220102', 'C', '500', '30'],
    ]);
    const res = await upload(changchun, 'validate', 'order.csv', data);
    expect(res.json()).toMatchObject({ rows: 1, rejected: 0 });
  });

  it('codes stored by Excel as numbers are row errors, never stored; formulas give their cached value', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('企业');
    sheet.addRow(HEADERS);
    const a = row(validCreditCode(), '长春市公式名称');
    a[1] = { formula: 'CONCATENATE("长春市","公式","有限公司")', result: '长春市公式有限公司' } as never;
    sheet.addRow(a);
    const b = row('', '长春市数字代码有限公司');
    b[0] = 9.12201021234e17;
    sheet.addRow(b);
    const c = row(validCreditCode(), '长春市公式错误有限公司');
    c[5] = { formula: '1/0', result: { error: '#DIV/0!' } } as never;
    sheet.addRow(c);
    const data = Buffer.from(await book.xlsx.writeBuffer());
    const res = await upload(changchun, 'validate', '公式.xlsx', data);
    expect(res.statusCode).toBe(200);
    expect(res.json().rows).toBe(3);
    expect(res.json().errors).toEqual([
      expect.objectContaining({ row: 3, column: '统一社会信用代码', code: 'numeric_code' }),
      expect.objectContaining({ row: 4, column: '从业人员数', code: 'formula_error' }),
    ]);
    expect(res.json().errors[0].message).toContain('2.20102E+17');
    // A code shown by Excel as 2.20102E+17 in a CSV is the same error.
    const sci = await upload(
      changchun,
      'validate',
      'sci.csv',
      csv([HEADERS.map(String), row('9.12201E+17', '长春市科学计数法有限公司').map(String)]),
    );
    expect(sci.json().errors[0]).toMatchObject({ row: 2, code: 'numeric_code' });
  });
});

describe('validate, then commit', () => {
  it('validate lists every row error by row and header and writes nothing', async () => {
    const before = await count();
    const dup = validCreditCode();
    const data = csv([
      HEADERS.map(String),
      row(validCreditCode(), '长春市第一行有限公司').map(String),
      row(`${dup.slice(0, 17)}${dup[17] === '0' ? '1' : '0'}`, '长春市校验码错误有限公司').map(String),
      row(dup, '长春市重复甲有限公司').map(String),
      row(dup, '长春市重复乙有限公司').map(String),
      row(validCreditCode(), '吉林市越权有限公司', { regionCode: '吉林市船营区' }).map(String),
    ]);
    const res = await upload(changchun, 'validate', 'mixed.csv', data);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ mode: 'validate', status: 'succeeded', rows: 5, rejected: 3, created: 0 });
    expect(
      res.json().errors.map((e: { row: number; column: string; code: string }) => [e.row, e.column, e.code]),
    ).toEqual([
      [3, '统一社会信用代码', 'credit_code_check'],
      [5, '统一社会信用代码', 'duplicate_in_file'],
      [6, '所属区划', 'region_out_of_scope'],
    ]);
    expect(res.json().errors[1].message).toContain('第 4 行');
    expect(await count()).toBe(before);
  });

  it('commit writes all rows in one transaction or none; the same file twice changes nothing and says so', async () => {
    const before = await count();
    const rows = [
      HEADERS.map(String),
      ...Array.from({ length: 20 }, (_, i) => row(validCreditCode(), `长春市批量${i}有限公司`).map(String)),
    ];
    const bad = [...rows, row('91220102BAD', '长春市最后一行错误有限公司').map(String)];
    const failed = await upload(changchun, 'commit', 'bad-last.csv', csv(bad));
    expect(failed.json()).toMatchObject({ mode: 'commit', status: 'failed', rejected: 1, created: 0 });
    expect(failed.json().errors[0]).toMatchObject({ row: 22, code: 'invalid_credit_code' });
    expect(await count()).toBe(before);

    const file = csv(rows);
    const first = await upload(changchun, 'commit', 'good.csv', file);
    expect(first.json()).toMatchObject({ status: 'succeeded', rows: 20, created: 20, updated: 0, unchanged: 0 });
    expect(first.json().previousCommit).toBeUndefined();
    expect(await count()).toBe(before + 20);
    const again = await upload(changchun, 'commit', 'good-again.csv', file);
    expect(again.json()).toMatchObject({
      created: 0,
      updated: 0,
      unchanged: 20,
      previousCommit: { importId: first.json().importId },
    });
    expect(await count()).toBe(before + 20);

    // Audited once per commit, with counts and the hash, never row data.
    const audit = await t.db.query(
      "SELECT details FROM audit_events WHERE action = 'enterprise.import' AND entity_id = $1",
      [first.json().importId],
    );
    expect(audit.rows[0].details).toMatchObject({ rows: 20, created: 20, fileHash: first.json().fileHash });
    expect(JSON.stringify(audit.rows[0].details)).not.toContain('13812345678');
  });

  it('an enterprise another region registered is a row error, not an update', async () => {
    const theirs = await makeEnterprise(t.db, { regionCode: '220202' });
    const res = await upload(
      changchun,
      'commit',
      'theirs.csv',
      csv([HEADERS.map(String), row(theirs.creditCode, '改名企图有限公司').map(String)]),
    );
    expect(res.json()).toMatchObject({
      status: 'failed',
      errors: [expect.objectContaining({ code: 'credit_code_elsewhere' })],
    });
    const { rows } = await t.db.query('SELECT name FROM enterprises WHERE id = $1', [theirs.id]);
    expect(rows[0].name).toBe(theirs.name);
  });

  it('a big file runs in the background; its record shows progress, then the result', async () => {
    const many = [HEADERS.map(String)];
    for (let i = 0; i < 6000; i++)
      many.push(
        row(validCreditCode(), `长春市后台导入${i}号有限公司`, { address: '长春市南关区人民大街'.repeat(6) }).map(
          String,
        ),
      );
    const data = csv(many);
    expect(data.length).toBeGreaterThan(1024 * 1024);
    const res = await upload(changchun, 'commit', 'big.csv', data);
    expect(res.statusCode).toBe(202);
    expect(res.json()).toMatchObject({ status: 'queued' });
    let rec = res.json();
    for (let i = 0; i < 120 && !['succeeded', 'failed'].includes(rec.status); i++) {
      await new Promise((r) => setTimeout(r, 250));
      rec = (await as(t.app, changchun, { url: `/api/v1/imports/${res.json().importId}` })).json();
    }
    expect(rec).toMatchObject({ status: 'succeeded', rows: 6000, created: 6000, progress: 1, fileName: 'big.csv' });
    // Another region cannot see it; the list of 长春市 has it.
    expect((await as(t.app, jilin, { url: `/api/v1/imports/${rec.importId}` })).statusCode).toBe(404);
    const list = await as(t.app, changchun, { url: '/api/v1/imports?entity=enterprise' });
    expect(list.json().items.map((i: { importId: string }) => i.importId)).toContain(rec.importId);
  }, 60_000);
});

describe('access and the template', () => {
  it('401, 403 for roles without write, 400 for a bad mode naming it', async () => {
    const m = multipart('x.csv', csv([HEADERS.map(String)]));
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/enterprises/import?mode=validate',
          payload: m.payload,
          headers: m.headers,
        })
      ).statusCode,
    ).toBe(401);
    expect(
      (
        await as(t.app, mediation, {
          method: 'POST',
          url: '/api/v1/enterprises/import?mode=validate',
          payload: m.payload,
          headers: m.headers,
        })
      ).statusCode,
    ).toBe(403);
    const bad = await as(t.app, changchun, {
      method: 'POST',
      url: '/api/v1/enterprises/import?mode=maybe',
      payload: m.payload,
      headers: m.headers,
    });
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad)).toEqual(['mode']);
    expect((await as(t.app, mediation, { url: '/api/v1/imports' })).statusCode).toBe(403);
  });

  it('the template carries the headers in order, code columns as text, and reads back as a valid empty import', async () => {
    const res = await as(t.app, changchun, { url: '/api/v1/enterprises/import-template' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('企业名录导入模板.xlsx'));
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0] as ExcelJS.Worksheet;
    expect((sheet.getRow(1).values as string[]).slice(1)).toEqual(HEADERS);
    expect(sheet.getColumn(1).numFmt).toBe('@');
    const empty = await upload(changchun, 'validate', 'template.xlsx', res.rawPayload);
    expect(empty.json().code).toBe('import_no_rows');
  });
});
