import { randomBytes } from 'node:crypto';
import { PassThrough, Readable } from 'node:stream';
import fastifyCookie from '@fastify/cookie';
import type { Role } from '@hexie/core';
import ExcelJS from 'exceljs';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeEnterprise } from '../../../test/factories/enterprises.js';
import { as, createTestApp, login, makeUser, quietLog, type Session, type TestContext } from '../../../test/helpers.js';
import { contextOf, registerAccessControl } from '../access.js';
import type { ServiceContext } from '../context.js';
import { errorHandler } from '../errors.js';
import {
  contentDisposition,
  countRows,
  EXPORT_MAX_ROWS,
  type ExportColumn,
  neutralise,
  sendXlsx,
  streamQuery,
  zipBacklog,
} from './xlsx.js';

let t: TestContext;
let staff: Session;
let mediation: Session;
/** a small app with test-only export routes, on the same database and sessions as the real one */
let engine: FastifyInstance;

type Row = Record<string, unknown>;

/** Rows a module might hand over: codes, formula-looking text, personal data, amounts, dates. */
const FIXTURE: Row[] = [
  {
    creditCode: '91110000710925462X',
    idNumber: '220102199001011234',
    name: '=1+1',
    phone: '13812345678',
    note: '+86 0431',
    amount: '1234.5',
    day: '2026-03-02',
    at: new Date('2026-03-02T16:30:00Z'),
    headcount: 12,
  },
  {
    creditCode: '220102199001011234',
    idNumber: '22010219900101123X',
    name: '@SUM(A1:A2)',
    phone: '043188886666',
    note: '-1',
    amount: 99,
    day: null,
    at: null,
    headcount: '7',
  },
  { creditCode: '000123', name: '\tcmd', note: '\r换行', phone: '', amount: null, headcount: null },
  { creditCode: '91220101MA0000000X', name: '长春正常有限公司', note: '正常文本 =1' },
];

const COLUMNS: ExportColumn<Row>[] = [
  { header: '统一社会信用代码', key: 'creditCode', kind: 'code', width: 24 },
  { header: '身份证号', key: 'idNumber', kind: 'code', personal: 'idNumber' },
  { header: '姓名', key: 'name' },
  { header: '联系电话', key: 'phone', personal: 'phone' },
  { header: '备注', value: (r) => r.note as string | null },
  { header: '金额（元）', key: 'amount', kind: 'money' },
  { header: '成立日期', key: 'day', kind: 'date' },
  { header: '登记时间', key: 'at', kind: 'datetime' },
  { header: '人数', key: 'headcount', kind: 'number' },
];

/** Test rows: n synthetic ones, optionally breaking after `failAt`; `pulled` counts what the engine asked for. */
let pulled = 0;
async function* synthetic(n: number, failAt?: number, width = 16): AsyncGenerator<Row> {
  for (let i = 1; i <= n; i++) {
    if (failAt !== undefined && i > failAt) throw new Error('source broke');
    pulled = i;
    yield { creditCode: String(i).padStart(18, '0'), name: randomBytes(width).toString('hex'), note: `第${i}行` };
  }
}

async function buildEngineApp(): Promise<FastifyInstance> {
  // fetch's connection pool may keep a spare socket open after an aborted download: close drops it.
  const app = Fastify({ forceCloseConnections: true });
  app.decorate('platform', t.app.platform);
  app.setErrorHandler(errorHandler);
  await app.register(fastifyCookie);
  registerAccessControl(app);
  app.get('/t/export', { config: { access: 'enterprises:read' } }, async (req, reply) => {
    const q = req.query as Record<string, string | undefined>;
    const ctx = contextOf(req);
    const n = q.rows ? Number(q.rows) : undefined;
    const sql = `SELECT lpad(i::text, 18, '0') AS "creditCode", 'SQL 第' || i || '行' AS name,
                        '139' || lpad((i % 100000000)::text, 8, '0') AS phone
                   FROM generate_series(1, $1::int) i ORDER BY i`;
    const fromSql = q.source === 'sql';
    return sendXlsx(ctx, reply, {
      entity: 'test_ledger',
      fileName: '测试导出（2026年）',
      asciiName: 'test-export',
      sheet: '测试台账',
      columns: n === undefined ? COLUMNS : COLUMNS.slice(0, 5),
      rows: fromSql
        ? streamQuery<Row>(ctx.db, q.bad ? 'SELECT no_such_column FROM regions' : sql, q.bad ? [] : [n])
        : n === undefined
          ? FIXTURE
          : synthetic(n, q.failAt ? Number(q.failAt) : undefined, q.width ? Number(q.width) : undefined),
      count: q.count ? Number(q.count) : fromSql && !q.bad ? await countRows(ctx.db, sql, [n]) : (n ?? FIXTURE.length),
      filters: { regionCode: '220100', q: q.q },
      reveal: q.reveal === '1',
    });
  });
  await app.ready();
  return app;
}

beforeAll(async () => {
  t = await createTestApp('exports');
  const mk = async (role: Role, regionCode: string) =>
    login(t.app, (await makeUser(t.db, { role, regionCode })).username);
  staff = await mk('region_staff', '220100');
  mediation = await mk('mediation_staff', '220100');
  engine = await buildEngineApp();
  await makeEnterprise(t.db, {
    name: '=HYPERLINK("http://evil","点我")',
    regionCode: '220102',
    contactPhone: '13812345678',
  });
  await makeEnterprise(t.db, { name: '+86 长春加号有限公司', regionCode: '220103', address: '-1 号' });
  await makeEnterprise(t.db, { name: '@SUM 长春艾特有限公司', regionCode: '220103' });
  await makeEnterprise(t.db, { name: '吉林市不应出现有限公司', regionCode: '220202' });
});
afterAll(async () => {
  await engine.close();
  await t.close();
});

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

/** Rows of a big file counted with exceljs's streaming reader (the full reader is slow at 50k rows). */
async function countSheetRows(payload: Buffer): Promise<{ rows: number; last: unknown[] }> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(payload), {});
  let rows = 0;
  let last: unknown[] = [];
  for await (const ws of reader) {
    for await (const row of ws) {
      rows += 1;
      last = (row.values as unknown[]).slice(1);
    }
  }
  return { rows, last };
}

const lastAudit = async (userId: string, action = 'test_ledger.export') =>
  (
    await t.db.query<{ result: string; details: Record<string, unknown> }>(
      'SELECT result, details FROM audit_events WHERE action = $1 AND actor_id = $2 ORDER BY id DESC LIMIT 1',
      [action, userId],
    )
  ).rows[0];

/** Until `check` holds (audit rows of an ended stream are written a moment after the client sees the end). */
async function eventually<T>(check: () => Promise<T | undefined | false>, ms = 5000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('sendXlsx (the engine, on a test route)', () => {
  it('writes headers in template order, bold, frozen, with an autofilter; codes stay text; dates are dates', async () => {
    const res = await as(engine, staff, { url: '/t/export' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['cache-control']).toBe('no-store');
    const sheet = await sheetOf(res.rawPayload);
    expect(sheet.name).toBe('测试台账');
    expect(rowsOf(sheet)[0]).toEqual(COLUMNS.map((c) => c.header));
    expect(sheet.getCell('A1').font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.autoFilter).toBeTruthy();

    // 18-character codes: strings in text-formatted cells, never 2.20102E+17.
    for (const [addr, code] of [
      ['A2', '91110000710925462X'],
      ['A3', '220102199001011234'],
      ['A4', '000123'],
    ] as const) {
      expect(sheet.getCell(addr).value).toBe(code);
      expect(sheet.getCell(addr).numFmt).toBe('@');
    }
    expect(sheet.getCell('F2').value).toBe(1234.5);
    expect(sheet.getCell('F2').numFmt).toBe('#,##0.00');
    expect(sheet.getCell('F3').value).toBe(99);
    expect(sheet.getCell('G2').value).toEqual(new Date(Date.UTC(2026, 2, 2)));
    expect(sheet.getCell('G2').numFmt).toBe('yyyy-mm-dd');
    // 16:30 UTC is 00:30 the next day in China.
    expect(sheet.getCell('H2').value).toEqual(new Date(Date.UTC(2026, 2, 3, 0, 30)));
    expect(sheet.getCell('I2').value).toBe(12);
    expect(sheet.getCell('I3').value).toBe(7);
    expect(sheet.getCell('G3').value).toBeNull();
    expect(sheet.getCell('D4').value).toBeNull();
  });

  it('neutralises every cell a spreadsheet would run as a formula, and keeps it text', async () => {
    const sheet = await sheetOf((await as(engine, staff, { url: '/t/export' })).rawPayload);
    expect(sheet.getCell('C2').value).toBe("'=1+1");
    expect(sheet.getCell('C3').value).toBe("'@SUM(A1:A2)");
    expect(sheet.getCell('C4').value).toBe("'\tcmd");
    expect(sheet.getCell('E2').value).toBe("'+86 0431");
    expect(sheet.getCell('E3').value).toBe("'-1");
    // XML turns a carriage return into a line feed when the file is read back.
    expect(sheet.getCell('E4').value).toMatch(/^'[\r\n]换行$/);
    expect(sheet.getCell('E5').value).toBe('正常文本 =1');
    expect(sheet.getCell('C5').value).toBe('长春正常有限公司');
    for (const addr of ['C2', 'C3', 'E2', 'E3']) expect(sheet.getCell(addr).type).toBe(ExcelJS.ValueType.String);
    expect(neutralise('长春')).toBe('长春');
    expect(neutralise('a=1')).toBe('a=1');
  });

  it('masks personal columns by default and audits the export with filters, row count and masked', async () => {
    const res = await as(engine, staff, { url: '/t/export?q=%E9%95%BF%E6%98%A5' });
    const sheet = await sheetOf(res.rawPayload);
    expect(sheet.getCell('B2').value).toBe('220102********1234');
    expect(sheet.getCell('B3').value).toBe('220102********123X');
    expect(sheet.getCell('D2').value).toBe('138****5678');
    expect(sheet.getCell('D3').value).toBe('0431****6666');
    expect(res.rawPayload.includes(Buffer.from('13812345678'))).toBe(false);
    const audit = await eventually(() => lastAudit(staff.userId));
    expect(audit).toMatchObject({
      result: 'success',
      details: { rows: 4, unmasked: false, filters: { regionCode: '220100', q: '长春' } },
    });
  });

  it('unmasks only for a role holding personal:read that asks for it, and audits that as a reveal', async () => {
    const sheet = await sheetOf((await as(engine, staff, { url: '/t/export?reveal=1' })).rawPayload);
    expect(sheet.getCell('B2').value).toBe('220102199001011234');
    expect(sheet.getCell('D2').value).toBe('13812345678');
    expect(await eventually(() => lastAudit(staff.userId))).toMatchObject({
      result: 'success',
      details: { rows: 4, unmasked: true, revealed: ['身份证号', '联系电话'] },
    });

    // mediation staff may export the list but not reveal personal data.
    const denied = await as(engine, mediation, { url: '/t/export?reveal=1' });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().code).toBe('forbidden');
    const masked = await sheetOf((await as(engine, mediation, { url: '/t/export' })).rawPayload);
    expect(masked.getCell('D2').value).toBe('138****5678');
  });

  it('sends the Chinese file name (RFC 5987) with an ASCII fallback', async () => {
    const res = await as(engine, staff, { url: '/t/export' });
    const cd = String(res.headers['content-disposition']);
    expect(cd).toMatch(/^attachment; filename="test-export\.xlsx"; filename\*=UTF-8''/);
    const encoded = cd.split("filename*=UTF-8''")[1] as string;
    expect(encoded).toMatch(/^[A-Za-z0-9%._~-]+$/);
    expect(decodeURIComponent(encoded)).toBe('测试导出（2026年）.xlsx');
    expect(contentDisposition("名单(1)'*.xlsx", '"x".xlsx')).toBe(
      `attachment; filename="_x_.xlsx"; filename*=UTF-8''%E5%90%8D%E5%8D%95%281%29%27%2A.xlsx`,
    );
  });

  it('refuses more than EXPORT_MAX_ROWS before anything is sent', async () => {
    const res = await as(engine, staff, { url: `/t/export?rows=10&count=${EXPORT_MAX_ROWS + 1}` });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ code: 'export_too_large' });
    expect(res.json().detail).toBe('符合条件的记录超过单次导出上限（200,000 条），请缩小筛选范围后再导出。');
    expect(EXPORT_MAX_ROWS).toBe(200_000);
  });

  it('a query that cannot run is an error answer, not a broken file; the audit records the failure', async () => {
    const res = await as(engine, staff, { url: '/t/export?rows=1&source=sql&bad=1' });
    expect(res.statusCode).toBe(500);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(await lastAudit(staff.userId)).toMatchObject({ result: 'failure', details: { rows: 0, reason: 'error' } });
  });

  it('rows breaking midway end the download (no complete-looking file) and are audited as a failure', async () => {
    await expect(as(engine, staff, { url: '/t/export?rows=2000&failAt=700' })).rejects.toThrow(/destroyed/);
    const audit = await eventually(async () => {
      const a = await lastAudit(staff.userId);
      return a?.result === 'failure' ? a : undefined;
    });
    expect(audit.details).toMatchObject({ rows: 700, reason: 'error', unmasked: false });
  });
});

describe('streaming', () => {
  it('waits while nobody reads the response (backpressure), then sends everything', async () => {
    const { rows } = await t.db.query('SELECT * FROM users WHERE id = $1', [staff.userId]);
    const u = rows[0];
    const ctx: ServiceContext = {
      actor: {
        id: u.id,
        username: u.username,
        displayName: u.display_name,
        role: u.role,
        regionCode: u.region_code,
        memberUnit: u.member_unit,
        enterpriseId: null,
      },
      scope: t.regions.scopeOf(u.region_code),
      lang: 'zh-CN',
      db: t.db,
      regions: t.regions,
      log: quietLog,
      ip: null,
      requestId: null,
    };
    let sent: Readable | undefined;
    const reply = {
      header: () => reply,
      send: (stream: Readable) => {
        sent = stream;
        return reply;
      },
      log: { error: () => {} },
    } as unknown as FastifyReply;
    pulled = 0;
    await sendXlsx(ctx, reply, {
      entity: 'test_ledger',
      fileName: '背压测试',
      sheet: '测试',
      columns: COLUMNS.slice(0, 5),
      rows: synthetic(30_000, undefined, 96),
      count: 30_000,
      filters: {},
    });
    await new Promise((r) => setTimeout(r, 600));
    // ~190 incompressible characters a row: the response's buffer (256 KB) and the compressor's (1 MB) hold a few
    // thousand rows; then the engine stops asking for more.
    expect(pulled).toBeGreaterThan(0);
    expect(pulled).toBeLessThan(12_000);
    const chunks: Buffer[] = [];
    for await (const chunk of sent as Readable) chunks.push(chunk as Buffer);
    expect(pulled).toBe(30_000);
    expect((await countSheetRows(Buffer.concat(chunks))).rows).toBe(30_001);
  });

  it('sees the XML waiting for the compressor (the exceljs internals the engine relies on)', async () => {
    const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: new PassThrough(), useSharedStrings: false });
    const sheet = book.addWorksheet('s');
    expect(zipBacklog(sheet)).toBe(0);
    for (let i = 0; i < 2000; i++) sheet.addRow([randomBytes(64).toString('hex')]).commit();
    expect(zipBacklog(sheet)).toBeGreaterThan(64 * 1024);
  });

  let base: string;
  beforeAll(async () => {
    await engine.listen({ port: 0, host: '127.0.0.1' });
    const addr = engine.server.address();
    base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  });

  const get = (path: string, s: Session) => fetch(`${base}${path}`, { headers: { cookie: s.cookie } });
  const idle = () => t.db.totalCount === t.db.idleCount;

  it('50,000 rows from PostgreSQL through a cursor: every row arrives, memory stays flat, the connection is released', async () => {
    const used = () => process.memoryUsage().heapUsed + process.memoryUsage().external;
    const before = used();
    let peak = before;
    const sampler = setInterval(() => {
      peak = Math.max(peak, used());
    }, 20);
    const started = Date.now();
    const res = await get('/t/export?rows=50000&source=sql', staff);
    expect(res.status).toBe(200);
    const chunks: Buffer[] = [];
    let firstChunkAt = 0;
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      firstChunkAt ||= Date.now();
      chunks.push(Buffer.from(chunk));
    }
    const finished = Date.now();
    clearInterval(sampler);
    const payload = Buffer.concat(chunks);
    // The first bytes leave long before the last row is written.
    expect(firstChunkAt - started).toBeLessThan((finished - started) / 2);
    const { rows, last } = await countSheetRows(payload);
    expect(rows).toBe(50_001);
    expect(last).toEqual(['000000000000050000', undefined, 'SQL 第50000行', '139****0000']);
    // Built in memory (exceljs's Workbook) the same 50k rows take ~230 MB here; streamed, ~15 MB.
    expect(peak - before).toBeLessThan(80 * 1024 * 1024);
    expect(idle()).toBe(true);
    expect(await eventually(() => lastAudit(staff.userId))).toMatchObject({
      result: 'success',
      details: { rows: 50_000 },
    });
  });

  it('a client going away mid-download releases the cursor connection and is audited as aborted', async () => {
    const abort = new AbortController();
    const res = await fetch(`${base}/t/export?rows=200000&source=sql`, {
      headers: { cookie: mediation.cookie },
      signal: abort.signal,
    });
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    abort.abort();
    await eventually(async () => idle());
    const audit = await eventually(async () => {
      const a = await lastAudit(mediation.userId);
      return a?.result === 'failure' ? a : undefined;
    });
    expect(audit.details).toMatchObject({ reason: 'aborted' });
    expect(audit.details.rows).toBeLessThan(200_000);
    const active = await t.owner.query(
      "SELECT count(*)::int AS n FROM pg_stat_activity WHERE query LIKE '%generate_series(1, $1::int)%' AND state = 'active' AND pid <> pg_backend_pid()",
    );
    expect(active.rows[0].n).toBe(0);
  });
});

describe('GET /api/v1/enterprises/export (a module on the engine)', () => {
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
    expect(await eventually(() => lastAudit(staff.userId, 'enterprise.export'))).toMatchObject({
      result: 'success',
      details: { rows: 3, unmasked: false },
    });
  });

  it('neutralises cells a spreadsheet would run as formulas', async () => {
    const rows = rowsOf(await sheetOf((await as(t.app, staff, { url: '/api/v1/enterprises/export' })).rawPayload));
    const names = rows.slice(1).map((r) => r[1]);
    expect(names).toEqual(
      expect.arrayContaining(['\'=HYPERLINK("http://evil","点我")', "'+86 长春加号有限公司", "'@SUM 长春艾特有限公司"]),
    );
    expect(JSON.stringify(rows)).toContain("'-1 号");
  });

  it('applies the list filters; reveal=phone unmasks for staff (audited as unmasked) and is 403 for others', async () => {
    const res = await as(t.app, staff, { url: '/api/v1/enterprises/export?regionCode=220102&reveal=phone' });
    const rows = rowsOf(await sheetOf(res.rawPayload));
    expect(rows).toHaveLength(2);
    expect(JSON.stringify(rows)).toContain('13812345678');
    const audit = await eventually(() => lastAudit(staff.userId, 'enterprise.export'));
    expect(audit.details).toMatchObject({
      rows: 1,
      unmasked: true,
      revealed: ['联系电话'],
      filters: { regionCode: '220102' },
    });
    expect((await as(t.app, mediation, { url: '/api/v1/enterprises/export?reveal=phone' })).statusCode).toBe(403);
    expect((await as(t.app, mediation, { url: '/api/v1/enterprises/export' })).statusCode).toBe(200);
  });

  it('401 without a session; 400 naming a bad filter', async () => {
    expect((await t.app.inject({ url: '/api/v1/enterprises/export' })).statusCode).toBe(401);
    const bad = await as(t.app, staff, { url: '/api/v1/enterprises/export?sizeClass=giant' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('sizeClass');
  });
});
