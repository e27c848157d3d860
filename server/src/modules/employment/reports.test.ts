import type { EmploymentReport, OwnReports, Role } from '@hexie/core';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { csv, multipart } from '../../../test/bad-files.js';
import { makeEnterprise } from '../../../test/factories/enterprises.js';
import { as, createTestApp, fieldsOf, login, makeUser, type Session, type TestContext } from '../../../test/helpers.js';
import { REPORT_COLUMNS } from './employment.import.js';
import { onEmploymentReport, type ReportFacts } from './facts.js';

// 月度用工报告: staff and the enterprise file them, the window (25th to the 5th), the consistency check, the
// enterprise user limited to its own enterprise, and the import (everything checked before anything is written).

let t: TestContext;
let county: Session; // 长春市南关区 region staff
let jilin: Session;
let mediator: Session;
let firm: Session; // enterprise user of e1
let e1: { id: string; name: string; creditCode: string };
let e2: { id: string; name: string; creditCode: string };
let eJilin: { id: string; name: string; creditCode: string };
const heard: ReportFacts[] = [];
let stopListening: () => void;

const URL = '/api/v1/employment/reports';
const MINE = '/api/v1/employment/my-reports';
const none = { resigned: 0, dismissed: 0, contractEnded: 0, retired: 0, other: 0 };

/** The server's clock on a day in China (09:00 there): only Date is faked, timers run as usual. */
const onDay = (day: string) => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(`${day}T01:00:00Z`));
};
afterEach(() => {
  vi.useRealTimers();
});

const messages = (res: LightMyRequestResponse) =>
  ((res.json() as { errors?: { message: string }[] }).errors ?? []).map((e) => e.message).join(' ');
const file = (s: Session, body: Record<string, unknown>) => as(t.app, s, { method: 'POST', url: URL, payload: body });
const fileOwn = (s: Session, body: Record<string, unknown>) =>
  as(t.app, s, { method: 'POST', url: MINE, payload: body });
const count = async () =>
  (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM employment_reports')).rows[0]?.n as number;
const auditOf = async (action: string, entityId?: string) =>
  (
    await t.db.query<{ details: Record<string, unknown>; region_code: string }>(
      `SELECT details, region_code FROM audit_events WHERE action = $1 AND ($2::text IS NULL OR entity_id = $2)
        ORDER BY id`,
      [action, entityId ?? null],
    )
  ).rows;

beforeAll(async () => {
  t = await createTestApp('employment_reports');
  const mk = async (role: Role, regionCode: string) =>
    login(t.app, (await makeUser(t.db, { role, regionCode })).username);
  county = await mk('region_staff', '220102');
  jilin = await mk('region_staff', '220202');
  mediator = await mk('mediation_staff', '220100');
  e1 = await makeEnterprise(t.db, { regionCode: '220102', name: '长春市南关区鑫达机械有限公司' });
  e2 = await makeEnterprise(t.db, { regionCode: '220102', name: '长春市南关区宏远食品有限公司' });
  eJilin = await makeEnterprise(t.db, { regionCode: '220202', name: '吉林市昌邑区恒盛建材有限公司' });
  const f = await makeUser(t.db, { role: 'enterprise_user', regionCode: '220102', memberUnit: null });
  await t.db.query('UPDATE users SET enterprise_id = $1 WHERE id = $2', [e1.id, f.id]);
  firm = await login(t.app, f.username);
  stopListening = onEmploymentReport(async (tx, _ctx, report) => {
    // Inside the report's transaction: the report is already there.
    const { rows } = await tx.query('SELECT 1 FROM employment_reports WHERE enterprise_id = $1 AND month = $2::date', [
      report.enterpriseId,
      `${report.month}-01`,
    ]);
    expect(rows).toHaveLength(1);
    heard.push(report);
  });
});
afterAll(() => {
  stopListening();
  return t.close();
});

describe('access', () => {
  it('needs a session, the employment permission for staff routes and enterprise:self for the own ones', async () => {
    expect((await t.app.inject({ url: URL })).statusCode).toBe(401);
    expect((await t.app.inject({ url: MINE })).statusCode).toBe(401);
    expect((await as(t.app, mediator, { url: URL })).statusCode).toBe(403);
    expect(
      (await file(firm, { enterpriseId: e1.id, month: '2026-10', headcount: 1, hires: 0, separations: none }))
        .statusCode,
    ).toBe(403);
    expect((await as(t.app, county, { url: MINE })).statusCode).toBe(403);
    const noCsrf = await as(t.app, county, { method: 'POST', url: URL, payload: {}, csrf: false });
    expect(noCsrf.statusCode).toBe(403);
  });
});

describe('staff file a month', () => {
  it('refuses bad input naming the field in Chinese', async () => {
    onDay('2026-11-27');
    const res = await file(county, {
      enterpriseId: e1.id,
      month: '2026-13',
      headcount: -1,
      hires: 0,
      separations: { ...none, resigned: -2 },
    });
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res).sort()).toEqual(['headcount', 'month', 'separations.resigned']);
    expect(messages(res)).toContain('月末职工人数不能小于 0');
    expect(messages(res)).toContain('减少人数（主动辞职）不能小于 0');
    expect(messages(res)).toContain('报告月份的格式不正确');
    const missing = await file(county, {
      enterpriseId: e1.id,
      month: '2026-11',
      headcount: 10,
      hires: 0,
      separations: { resigned: 1 },
    });
    expect(missing.statusCode).toBe(400);
    expect(messages(missing)).toContain('减少人数（单位解除）为必填项');
  });

  it('files on time inside the window, late after it, and never before it opens', async () => {
    onDay('2026-11-27');
    const oct = await file(county, {
      enterpriseId: e1.id,
      month: '2026-10',
      headcount: 100,
      hires: 2,
      separations: none,
    });
    expect(oct.statusCode).toBe(201);
    expect(oct.json()).toMatchObject({ month: '2026-10', late: true, source: 'staff', enterpriseName: e1.name });
    const nov = await file(county, {
      enterpriseId: e1.id,
      month: '2026-11',
      headcount: 95,
      hires: 5,
      separations: { ...none, resigned: 6, retired: 4 },
    });
    expect(nov.statusCode).toBe(201);
    const r = nov.json() as EmploymentReport;
    expect(r).toMatchObject({ late: false, separationsTotal: 10 });
    expect(r.consistency).toEqual({ previousHeadcount: 100, expected: 95, gap: 0, consistent: true });
    const dec = await file(county, {
      enterpriseId: e1.id,
      month: '2026-12',
      headcount: 95,
      hires: 0,
      separations: none,
    });
    expect(dec.statusCode).toBe(400);
    expect(messages(dec)).toBe('报告月份尚未到报送时间：该月的月度用工报告自 2026-12-25 起报送。');
    const twice = await file(county, {
      enterpriseId: e1.id,
      month: '2026-11',
      headcount: 1,
      hires: 0,
      separations: none,
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().detail).toBe('该企业 2026-11 的月度用工报告已经报送，如需更正请修改原报告。');
    const [event] = await auditOf('employment_report.create', r.id);
    expect(event).toMatchObject({ region_code: '220102', details: { month: '2026-11', late: false, source: 'staff' } });
    expect(heard.map((h) => h.month)).toEqual(['2026-10', '2026-11']);
  });

  it('warns (does not refuse) when the figures do not add up', async () => {
    onDay('2026-11-27');
    await file(county, { enterpriseId: e2.id, month: '2026-09', headcount: 300, hires: 0, separations: none });
    const oct = await file(county, {
      enterpriseId: e2.id,
      month: '2026-10',
      headcount: 270,
      hires: 0,
      separations: { ...none, dismissed: 20 },
      note: '10 人调往集团其他公司',
    });
    expect(oct.statusCode).toBe(201);
    expect(oct.json().consistency).toEqual({ previousHeadcount: 300, expected: 280, gap: -10, consistent: false });
    const list = await as(t.app, county, { url: `${URL}?enterpriseId=${e2.id}` });
    expect((list.json().items as EmploymentReport[]).map((x) => [x.month, x.consistency.consistent])).toEqual([
      ['2026-10', false],
      ['2026-09', null],
    ]);
  });

  it('corrects a report at the version read, audited with what changed', async () => {
    onDay('2026-12-10');
    const [r] = (await as(t.app, county, { url: `${URL}?enterpriseId=${e2.id}&month=2026-10` })).json().items;
    const stale = await as(t.app, county, {
      method: 'PATCH',
      url: `${URL}/${r.id}`,
      payload: { version: 5, headcount: 280 },
    });
    expect(stale.statusCode).toBe(412);
    const ok = await as(t.app, county, {
      method: 'PATCH',
      url: `${URL}/${r.id}`,
      payload: { version: 1, headcount: 280 },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ version: 2, late: true, consistency: { consistent: true } });
    expect((await auditOf('employment_report.update', r.id))[0]?.details).toMatchObject({
      before: { headcount: 270 },
      after: { headcount: 280 },
    });
  });

  it('is limited to the caller’s region', async () => {
    onDay('2026-11-27');
    const theirs = await file(jilin, {
      enterpriseId: e1.id,
      month: '2026-08',
      headcount: 1,
      hires: 0,
      separations: none,
    });
    expect(theirs.statusCode).toBe(400);
    expect(fieldsOf(theirs)).toEqual(['enterpriseId']);
    const [r] = (await as(t.app, county, { url: `${URL}?enterpriseId=${e1.id}` })).json().items;
    const patch = await as(t.app, jilin, {
      method: 'PATCH',
      url: `${URL}/${r.id}`,
      payload: { version: 1, headcount: 1 },
    });
    expect(patch.statusCode).toBe(404);
    expect((await as(t.app, jilin, { url: URL })).json().total).toBe(0);
  });
});

describe('the enterprise files its own', () => {
  it('files the month whose window is open, and only that one', async () => {
    onDay('2026-12-03');
    const res = await fileOwn(firm, {
      month: '2026-11',
      headcount: 93,
      hires: 1,
      separations: { ...none, resigned: 3 },
    });
    // Staff filed November for e1 already (above).
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('report_exists');
    const closed = await fileOwn(firm, { month: '2026-09', headcount: 100, hires: 0, separations: none });
    expect(closed.statusCode).toBe(409);
    expect(closed.json().detail).toBe(
      '2026-09 月度用工报告的报送时间为 2026-09-25 至 2026-10-05，现不在报送期内；如需补报，请联系属地人社部门。',
    );
    onDay('2026-12-26');
    const dec = await fileOwn(firm, {
      month: '2026-12',
      headcount: 92,
      hires: 0,
      separations: { ...none, retired: 1 },
    });
    expect(dec.statusCode).toBe(201);
    expect(dec.json()).toMatchObject({ enterpriseId: e1.id, source: 'enterprise', late: false });
    expect(dec.json().consistency).toMatchObject({ previousHeadcount: 95, gap: -2 });
    onDay('2026-12-10');
    const early = await fileOwn(firm, { month: '2026-12', headcount: 92, hires: 0, separations: none });
    expect(early.statusCode).toBe(400);
    expect(fieldsOf(early)).toEqual(['month']);
  });

  it('sees and corrects only its own enterprise’s reports, while the window is open', async () => {
    onDay('2027-01-04');
    const mine = (await as(t.app, firm, { url: MINE })).json() as OwnReports;
    expect(mine).toMatchObject({
      enterpriseName: e1.name,
      openMonth: '2026-12',
      window: { opens: '2026-12-25', closes: '2027-01-05' },
    });
    expect(mine.reports.map((r) => r.month)).toEqual(['2026-12', '2026-11', '2026-10']);
    expect(new Set(mine.reports.map((r) => r.enterpriseId))).toEqual(new Set([e1.id]));
    const dec = mine.reports[0] as EmploymentReport;
    const fix = await as(t.app, firm, {
      method: 'PATCH',
      url: `${MINE}/${dec.id}`,
      payload: { version: 1, headcount: 94 },
    });
    expect(fix.statusCode).toBe(200);
    expect(fix.json().consistency.consistent).toBe(true);
    // November's window has closed: the enterprise cannot change it any more (staff can).
    const nov = mine.reports[1] as EmploymentReport;
    const late = await as(t.app, firm, {
      method: 'PATCH',
      url: `${MINE}/${nov.id}`,
      payload: { version: 1, hires: 4 },
    });
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('report_window_closed');
    // Another enterprise's report of the same region is not there for it.
    const [other] = (await as(t.app, county, { url: `${URL}?enterpriseId=${e2.id}` })).json().items;
    const theirs = await as(t.app, firm, {
      method: 'PATCH',
      url: `${MINE}/${other.id}`,
      payload: { version: 2, hires: 1 },
    });
    expect(theirs.statusCode).toBe(404);
    onDay('2027-01-10');
    const after = (await as(t.app, firm, { url: MINE })).json() as OwnReports;
    expect(after).toMatchObject({
      openMonth: null,
      window: null,
      nextWindow: { month: '2027-01', opens: '2027-01-25' },
    });
  });

  it('needs an enterprise bound to the account', async () => {
    const loose = await login(
      t.app,
      (await makeUser(t.db, { role: 'enterprise_user', regionCode: '220102', memberUnit: null })).username,
    );
    expect((await as(t.app, loose, { url: MINE })).statusCode).toBe(403);
  });
});

describe('the import', () => {
  const HEADERS = REPORT_COLUMNS.map((c) => c.header);
  const row = (v: Record<string, string>) => REPORT_COLUMNS.map((c) => v[c.key] ?? '');
  const upload = (mode: 'validate' | 'commit', rows: string[][], s = county) => {
    const m = multipart('reports.csv', csv([HEADERS, ...rows]));
    return as(t.app, s, {
      method: 'POST',
      url: `${URL}/import?mode=${mode}`,
      payload: m.payload,
      headers: m.headers,
    });
  };

  it('offers its template to staff only', async () => {
    const res = await as(t.app, county, { url: `${URL}/import-template` });
    expect(res.statusCode).toBe(200);
    expect((await as(t.app, firm, { url: `${URL}/import-template` })).statusCode).toBe(403);
  });

  it('checks every row before writing anything', async () => {
    onDay('2026-11-27');
    const before = await count();
    const rows = [
      row({ creditCode: e2.creditCode, month: '2026-08', headcount: '310', hires: '3' }),
      row({ creditCode: eJilin.creditCode, month: '2026-08', headcount: '50' }),
      row({ creditCode: e2.creditCode, month: '2026年7月', headcount: '305', resigned: '-1' }),
      row({ creditCode: e2.creditCode, month: '2027-01', headcount: '305' }),
    ];
    const validate = await upload('validate', rows);
    expect(validate.statusCode).toBe(200);
    const v = validate.json();
    expect(v).toMatchObject({ rows: 4, rejected: 3, created: 0 });
    expect(v.errors.map((e: { row: number; column: string }) => [e.row, e.column])).toEqual([
      [3, '统一社会信用代码'],
      [4, '减少：主动辞职'],
      [5, '报告月份'],
    ]);
    expect(v.errors[0].message).toContain(eJilin.creditCode);
    const commit = await upload('commit', rows);
    expect(commit.json()).toMatchObject({ status: 'failed', created: 0 });
    expect(await count()).toBe(before);
  });

  it('files new months and corrects filed ones, each audited, and changes nothing the second time', async () => {
    onDay('2026-11-27');
    const before = await count();
    const rows = [
      row({ creditCode: e2.creditCode, month: '2026-08', headcount: '310', hires: '3', note: '导入' }),
      row({ creditCode: e2.creditCode.toLowerCase(), month: '2026/7', headcount: '307' }),
      // September was filed by staff (300, no movement): the file corrects it.
      row({ creditCode: e2.creditCode, month: '2026-09', headcount: '300', hires: '0', dismissed: '10' }),
    ];
    const res = await upload('commit', rows);
    expect(res.json()).toMatchObject({ status: 'succeeded', created: 2, updated: 1, unchanged: 0 });
    expect(await count()).toBe(before + 2);
    const list = (await as(t.app, county, { url: `${URL}?enterpriseId=${e2.id}` })).json().items as EmploymentReport[];
    expect(list.map((r) => [r.month, r.headcount, r.source, r.late])).toEqual([
      ['2026-10', 280, 'staff', true],
      ['2026-09', 300, 'staff', true],
      ['2026-08', 310, 'import', true],
      ['2026-07', 307, 'import', true],
    ]);
    expect(list[1]?.separations.dismissed).toBe(10);
    const created = await auditOf('employment_report.create');
    expect(created.filter((e) => e.details.via === 'import')).toHaveLength(2);
    expect((await auditOf('employment_report.import')).at(-1)?.details).toMatchObject({ created: 2, updated: 1 });
    const again = await upload('commit', rows);
    expect(again.json()).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
  });
});
