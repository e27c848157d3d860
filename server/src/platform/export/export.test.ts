import type { Role } from '@hexie/core';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeEnterprise } from '../../../test/factories/enterprises.js';
import { as, createTestApp, login, makeUser, type Session, type TestContext } from '../../../test/helpers.js';
import { neutralise } from './xlsx.js';

let t: TestContext;
let staff: Session;
let mediation: Session;

beforeAll(async () => {
  t = await createTestApp('exports');
  const mk = async (role: Role, regionCode: string) =>
    login(t.app, (await makeUser(t.db, { role, regionCode })).username);
  staff = await mk('region_staff', '220100');
  mediation = await mk('mediation_staff', '220100');
  await makeEnterprise(t.db, {
    name: '=HYPERLINK("http://evil","点我")',
    regionCode: '220102',
    contactPhone: '13812345678',
  });
  await makeEnterprise(t.db, { name: '+86 长春加号有限公司', regionCode: '220103', address: '-1 号' });
  await makeEnterprise(t.db, { name: '@SUM 长春艾特有限公司', regionCode: '220103' });
  await makeEnterprise(t.db, { name: '吉林市不应出现有限公司', regionCode: '220202' });
});
afterAll(() => t.close());

async function sheetOf(payload: Buffer): Promise<ExcelJS.Worksheet> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(payload as unknown as ArrayBuffer);
  return book.worksheets[0] as ExcelJS.Worksheet;
}

const rowsOf = (sheet: ExcelJS.Worksheet) => {
  const out: unknown[][] = [];
  sheet.eachRow((r) => out.push((r.values as unknown[]).slice(1)));
  return out;
};

describe('GET /api/v1/enterprises/export', () => {
  it('streams the list with its filters as xlsx: template headers first, codes as text, phones masked, audited', async () => {
    const res = await as(t.app, staff, { url: '/api/v1/enterprises/export' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('企业名录-'));
    const sheet = await sheetOf(res.rawPayload);
    const rows = rowsOf(sheet);
    expect(rows[0]?.slice(0, 4)).toEqual(['统一社会信用代码', '企业名称', '所属区划', '行业代码']);
    expect(rows).toHaveLength(4); // header + 3 enterprises of 长春市, none of 吉林市
    expect(JSON.stringify(rows)).not.toContain('吉林市不应出现');
    const code = sheet.getCell('A2');
    expect(typeof code.value).toBe('string');
    expect(String(code.value)).toMatch(/^91\d{6}[0-9A-Z]{10}$/);
    expect(sheet.getColumn(1).numFmt).toBe('@');
    expect(JSON.stringify(rows)).toContain('138****5678');
    expect(JSON.stringify(rows)).not.toContain('13812345678');
    const audit = await t.db.query(
      "SELECT details, result FROM audit_events WHERE action = 'enterprise.export' AND actor_id = $1 ORDER BY id DESC LIMIT 1",
      [staff.userId],
    );
    expect(audit.rows[0]).toMatchObject({ result: 'success', details: { rows: 3, unmasked: false } });
  });

  it('neutralises cells a spreadsheet would run as formulas', async () => {
    const rows = rowsOf(await sheetOf((await as(t.app, staff, { url: '/api/v1/enterprises/export' })).rawPayload));
    const names = rows.slice(1).map((r) => r[1]);
    expect(names).toEqual(
      expect.arrayContaining(['\'=HYPERLINK("http://evil","点我")', "'+86 长春加号有限公司", "'@SUM 长春艾特有限公司"]),
    );
    expect(JSON.stringify(rows)).toContain("'-1 号");
    expect(neutralise('\tcmd')).toBe("'\tcmd");
    expect(neutralise('长春')).toBe('长春');
  });

  it('applies the list filters; reveal=phone unmasks for staff (audited as unmasked) and is 403 for others', async () => {
    const res = await as(t.app, staff, { url: '/api/v1/enterprises/export?regionCode=220102&reveal=phone' });
    const rows = rowsOf(await sheetOf(res.rawPayload));
    expect(rows).toHaveLength(2);
    expect(JSON.stringify(rows)).toContain('13812345678');
    const audit = await t.db.query(
      "SELECT details FROM audit_events WHERE action = 'enterprise.export' AND actor_id = $1 ORDER BY id DESC LIMIT 1",
      [staff.userId],
    );
    expect(audit.rows[0].details).toMatchObject({ rows: 1, unmasked: true, filters: { regionCode: '220102' } });
    expect((await as(t.app, mediation, { url: '/api/v1/enterprises/export?reveal=phone' })).statusCode).toBe(403);
    expect((await as(t.app, mediation, { url: '/api/v1/enterprises/export' })).statusCode).toBe(200);
  });

  it('401 without a session; 400 naming a bad filter', async () => {
    expect((await t.app.inject({ url: '/api/v1/enterprises/export' })).statusCode).toBe(401);
    const bad = await as(t.app, staff, { url: '/api/v1/enterprises/export?sizeClass=giant' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('sizeClass');
  });

  it('a large export streams (5,000 rows) and every row arrives', async () => {
    await t.owner.query(
      `INSERT INTO enterprises (credit_code, name, region_code, industry_code, industry_section, contact_phone)
       SELECT 'EXP' || lpad(i::text, 15, '0'), '导出压力测试' || i, '220104', '3311', 'C', '139' || lpad(i::text, 8, '0')
         FROM generate_series(1, 5000) i`,
    );
    const res = await as(t.app, staff, { url: '/api/v1/enterprises/export?regionCode=220104' });
    const rows = rowsOf(await sheetOf(res.rawPayload));
    expect(rows).toHaveLength(5001);
    expect(rows.slice(1).every((r) => String(r[12]).includes('****'))).toBe(true);
  });
});
