import { addDays, chinaToday, type KeyEnterprise, type KeyEnterpriseDetail, type Role } from '@hexie/core';
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeEnterprise } from '../../../test/factories/enterprises.js';
import { as, createTestApp, fieldsOf, login, makeUser, type Session, type TestContext } from '../../../test/helpers.js';
import { headcountAtYearEnd, latestReports, monitoredEnterprises } from './facts.js';
import { provideLayoffLedger } from './ledger.export.js';

// 重点企业台账 (附件7): listing and taking off with history, the ledger fields, policies, guidance, consultations,
// the region scope, the audit and the export in the attachment's columns.

let t: TestContext;
let province: Session;
let city: Session; // 长春市 region admin
let county: Session; // 长春市南关区 region staff
let countyUser: { id: string; displayName: string };
let jilin: Session; // 吉林市 region staff
let mediator: Session; // no employment permission
let firm: Session; // an enterprise user
let jilinUserId: string;
let e1: { id: string; name: string; creditCode: string };
let e2: { id: string; name: string; creditCode: string };
let eJilin: { id: string; name: string; creditCode: string };

const URL = '/api/v1/employment/key-enterprises';
const today = chinaToday();
const lastYear = Number(today.slice(0, 4)) - 1;
const NOBODY = '00000000-0000-4000-8000-000000000000';
// Days relative to today, so the tests hold whatever day they run.
const LISTED_ON = addDays(today, -60);
const POLICY_ON = addDays(today, -40);
const SUBSIDY_ON = addDays(today, -20);

const messages = (res: LightMyRequestResponse) =>
  ((res.json() as { errors?: { message: string }[] }).errors ?? []).map((e) => e.message).join(' ');
const auditOf = async (action: string, entityId?: string) =>
  (
    await t.db.query<{ details: Record<string, unknown>; region_code: string; actor_id: string }>(
      `SELECT details, region_code, actor_id FROM audit_events
        WHERE action = $1 AND ($2::text IS NULL OR entity_id = $2) ORDER BY id`,
      [action, entityId ?? null],
    )
  ).rows;
const list = (s: Session, body: Record<string, unknown>) => as(t.app, s, { method: 'POST', url: URL, payload: body });
/** A report straight into the table (the report API is tested in reports.test.ts). */
const report = (enterpriseId: string, regionCode: string, month: string, headcount: number) =>
  t.db.query(
    `INSERT INTO employment_reports (enterprise_id, region_code, month, headcount, hires, separated_resigned,
       separated_dismissed, separated_contract_ended, separated_retired, separated_other, source)
     VALUES ($1, $2, $3::date, $4, 0, 0, 0, 0, 0, 0, 'staff')`,
    [enterpriseId, regionCode, `${month}-01`, headcount],
  );

beforeAll(async () => {
  t = await createTestApp('key_enterprises');
  const mk = async (role: Role, regionCode: string) => {
    const u = await makeUser(t.db, { role, regionCode, memberUnit: role === 'enterprise_user' ? null : 'hrss' });
    return { u, s: await login(t.app, u.username) };
  };
  province = (await mk('province_admin', '220000')).s;
  city = (await mk('region_admin', '220100')).s;
  const c = await mk('region_staff', '220102');
  county = c.s;
  countyUser = { id: c.u.id, displayName: c.u.displayName };
  const j = await mk('region_staff', '220202');
  jilin = j.s;
  jilinUserId = j.u.id;
  mediator = (await mk('mediation_staff', '220100')).s;
  e1 = await makeEnterprise(t.db, { regionCode: '220102', name: '长春一汽配套零部件有限公司', employees: 520 });
  e2 = await makeEnterprise(t.db, { regionCode: '220102', name: '长春南关纺织有限公司', employees: 300 });
  eJilin = await makeEnterprise(t.db, { regionCode: '220202', name: '吉林化纤配套有限公司', employees: 800 });
  const f = await makeUser(t.db, { role: 'enterprise_user', regionCode: '220102', memberUnit: null });
  await t.db.query('UPDATE users SET enterprise_id = $1 WHERE id = $2', [e1.id, f.id]);
  firm = await login(t.app, f.username);
});
afterAll(() => {
  provideLayoffLedger(undefined);
  return t.close();
});

describe('access', () => {
  it('needs a session (401), an employment permission (403) and the CSRF token', async () => {
    expect((await t.app.inject({ url: URL })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: URL, payload: {} })).statusCode).toBe(401);
    expect((await as(t.app, mediator, { url: URL })).statusCode).toBe(403);
    expect((await as(t.app, firm, { url: URL })).statusCode).toBe(403);
    expect((await as(t.app, firm, { url: `${URL}/export` })).statusCode).toBe(403);
    const noCsrf = await as(t.app, county, {
      method: 'POST',
      url: URL,
      payload: { enterpriseId: e1.id, reasons: ['large_headcount'], listedOn: today },
      csrf: false,
    });
    expect(noCsrf.statusCode).toBe(403);
  });
});

describe('putting an enterprise on the list', () => {
  let keyId: string;

  it('refuses bad input naming each field in Chinese (and in English)', async () => {
    const res = await list(county, { enterpriseId: e1.id, reasons: [], listedOn: '2026-02-30' });
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res).sort()).toEqual(['listedOn', 'reasons']);
    expect(messages(res)).toContain('列入原因');
    expect(messages(res)).toContain('列入日期');
    const future = await list(county, { enterpriseId: e1.id, reasons: ['large_headcount'], listedOn: '2999-01-01' });
    expect(future.statusCode).toBe(400);
    expect(messages(future)).toBe('列入日期不能晚于今天。');
    const twice = await list(county, {
      enterpriseId: e1.id,
      reasons: ['large_headcount', 'large_headcount'],
      listedOn: today,
    });
    expect(fieldsOf(twice)).toEqual(['reasons']);
    const en = await as(t.app, county, {
      method: 'POST',
      url: URL,
      payload: { enterpriseId: e1.id, reasons: ['large_headcount'], listedOn: today, baseHeadcount: 500 },
      headers: { 'accept-language': 'en-US' },
    });
    expect(messages(en)).toBe('Year of that headcount is required.');
  });

  it('refuses an enterprise of another region, and a follower who is not staff of its region', async () => {
    const theirs = await list(county, { enterpriseId: eJilin.id, reasons: ['large_headcount'], listedOn: today });
    expect(theirs.statusCode).toBe(400);
    expect(fieldsOf(theirs)).toEqual(['enterpriseId']);
    const follower = await list(county, {
      enterpriseId: e1.id,
      reasons: ['large_headcount'],
      listedOn: today,
      followerId: jilinUserId,
    });
    expect(follower.statusCode).toBe(400);
    expect(messages(follower)).toBe('对接工作人员须为企业所在地区（或其上级地区）在岗的工作人员。');
  });

  it('lists it with its reasons, the ledger fields and the follower, audited', async () => {
    const res = await list(county, {
      enterpriseId: e1.id,
      reasons: ['large_headcount', 'operating_difficulty'],
      listedOn: LISTED_ON,
      note: '订单下降，开工不足',
      followerId: countyUser.id,
      baseHeadcount: 520,
      baseYear: lastYear,
    });
    expect(res.statusCode).toBe(201);
    const d = res.json() as KeyEnterpriseDetail;
    keyId = d.id;
    expect(d).toMatchObject({
      enterpriseId: e1.id,
      enterpriseName: e1.name,
      regionName: '长春市南关区',
      listed: true,
      listing: { reasons: ['large_headcount', 'operating_difficulty'], note: '订单下降，开工不足', delistedOn: null },
      lastYearEnd: { year: lastYear, headcount: 520, source: 'ledger' },
      current: null,
      follower: { id: countyUser.id, name: countyUser.displayName },
      policies: { count: 0, total: 0 },
      version: 1,
    });
    expect(d.listings).toHaveLength(1);
    const [event] = await auditOf('key_enterprise.list', keyId);
    expect(event?.region_code).toBe('220102');
    expect(event?.details).toMatchObject({ enterpriseId: e1.id, relisted: false });
  });

  it('does not list it twice (409)', async () => {
    const res = await list(city, { enterpriseId: e1.id, reasons: ['complaints'], listedOn: today });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('already_listed');
  });

  it('is not there for another region (404, the probe audited) and is for the city and the province', async () => {
    const res = await as(t.app, jilin, { url: `${URL}/${keyId}` });
    expect(res.statusCode).toBe(404);
    expect((await auditOf('access.out_of_scope', keyId)).length).toBe(1);
    expect((await as(t.app, jilin, { url: `${URL}/${NOBODY}` })).statusCode).toBe(404);
    const patch = await as(t.app, jilin, {
      method: 'PATCH',
      url: `${URL}/${keyId}`,
      payload: { version: 1, note: 'x' },
    });
    expect(patch.statusCode).toBe(404);
    expect((await as(t.app, city, { url: `${URL}/${keyId}` })).statusCode).toBe(200);
    const ids = ((await as(t.app, province, { url: URL })).json().items as KeyEnterprise[]).map((k) => k.id);
    expect(ids).toContain(keyId);
    const theirs = (await as(t.app, jilin, { url: URL })).json().items as KeyEnterprise[];
    expect(theirs.map((k) => k.id)).not.toContain(keyId);
  });

  it('changes the ledger at the version read, audited with what changed', async () => {
    const stale = await as(t.app, county, {
      method: 'PATCH',
      url: `${URL}/${keyId}`,
      payload: { version: 9, reasons: ['layoff_plan'] },
    });
    expect(stale.statusCode).toBe(412);
    const res = await as(t.app, county, {
      method: 'PATCH',
      url: `${URL}/${keyId}`,
      payload: { version: 1, reasons: ['operating_difficulty', 'layoff_plan'], followerId: null },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      version: 2,
      follower: null,
      listing: { reasons: ['operating_difficulty', 'layoff_plan'] },
    });
    const [event] = await auditOf('key_enterprise.update', keyId);
    expect(event?.details).toEqual({
      before: { reasons: ['large_headcount', 'operating_difficulty'], followerId: countyUser.id },
      after: { reasons: ['operating_difficulty', 'layoff_plan'], followerId: null },
    });
    const bad = await as(t.app, county, {
      method: 'PATCH',
      url: `${URL}/${keyId}`,
      payload: { version: 2, baseYear: Number(today.slice(0, 4)) },
    });
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad)).toEqual(['baseYear']);
  });

  it('keeps policies, guidance and consultations, each audited', async () => {
    const pol = await as(t.app, county, {
      method: 'POST',
      url: `${URL}/${keyId}/policies`,
      payload: { kind: 'job_retention_refund', amount: 125000, grantedOn: POLICY_ON },
    });
    expect(pol.statusCode).toBe(201);
    expect(pol.json()).toMatchObject({ kind: 'job_retention_refund', amount: 125000, version: 1 });
    const badPol = await as(t.app, county, {
      method: 'POST',
      url: `${URL}/${keyId}/policies`,
      payload: { kind: 'gift', amount: -1, grantedOn: today },
    });
    expect(badPol.statusCode).toBe(400);
    expect(fieldsOf(badPol).sort()).toEqual(['amount', 'kind']);
    expect(messages(badPol)).toContain('金额（元）不能小于 0');
    const fix = await as(t.app, county, {
      method: 'PATCH',
      url: `${URL}/${keyId}/policies/${pol.json().id}`,
      payload: { version: 1, amount: 126000 },
    });
    expect(fix.json()).toMatchObject({ amount: 126000, version: 2 });
    expect((await auditOf('key_enterprise_policy.update', pol.json().id))[0]?.details).toMatchObject({
      before: { amount: 125000 },
      after: { amount: 126000 },
    });
    await as(t.app, county, {
      method: 'POST',
      url: `${URL}/${keyId}/policies`,
      payload: { kind: 'skills_subsidy', amount: 4000, grantedOn: SUBSIDY_ON, note: '20 人' },
    });

    const g = await as(t.app, county, {
      method: 'POST',
      url: `${URL}/${keyId}/guidance`,
      payload: { guidedOn: today, content: '上门了解用工情况，宣讲稳岗返还政策。' },
    });
    expect(g.statusCode).toBe(201);
    expect(g.json()).toMatchObject({ guidedBy: countyUser.displayName, guidedOn: today });
    expect((await auditOf('key_enterprise_guidance.create', g.json().id)).length).toBe(1);

    const noSummary = await as(t.app, county, {
      method: 'POST',
      url: `${URL}/${keyId}/consultations`,
      payload: {
        heldOn: today,
        topics: ['wages', 'rotation'],
        participants: '企业方 3 人，职工方 5 人',
        result: '同意阶段性调整工资',
        agreementReached: true,
      },
    });
    expect(noSummary.statusCode).toBe(400);
    expect(messages(noSummary)).toBe('协议内容摘要为必填项。');
    const cc = await as(t.app, county, {
      method: 'POST',
      url: `${URL}/${keyId}/consultations`,
      payload: {
        heldOn: today,
        topics: ['wages', 'rotation'],
        participants: '企业方 3 人，职工方 5 人',
        result: '同意阶段性调整工资',
        agreementReached: true,
        agreementSummary: '三个月内工资下调 10%，实行轮岗轮休，不裁员。',
      },
    });
    expect(cc.statusCode).toBe(201);
    // Another region cannot add to it.
    const theirs = await as(t.app, jilin, {
      method: 'POST',
      url: `${URL}/${keyId}/guidance`,
      payload: { guidedOn: today, content: '越权登记' },
    });
    expect(theirs.statusCode).toBe(404);

    const d = (await as(t.app, county, { url: `${URL}/${keyId}` })).json() as KeyEnterpriseDetail;
    expect(d.policies).toEqual({ count: 2, total: 130000 });
    expect(d.policyEntries.map((p) => p.kind)).toEqual(['skills_subsidy', 'job_retention_refund']);
    expect(d.guidance).toHaveLength(1);
    expect(d.lastGuidedOn).toBe(today);
    expect(d.consultations[0]).toMatchObject({ topics: ['wages', 'rotation'], agreementReached: true });
  });

  it('takes it off with a reason, keeps the history, and lists it again as a new period', async () => {
    const listedOn = LISTED_ON;
    const early = await as(t.app, county, {
      method: 'POST',
      url: `${URL}/${keyId}/delist`,
      payload: { version: 2, delistedOn: addDays(LISTED_ON, -1), reason: '经营好转' },
    });
    expect(early.statusCode).toBe(400);
    expect(messages(early)).toBe('移出日期不能早于列入日期。');
    const off = await as(t.app, county, {
      method: 'POST',
      url: `${URL}/${keyId}/delist`,
      payload: { version: 2, delistedOn: today, reason: '生产经营好转，订单恢复' },
    });
    expect(off.statusCode).toBe(200);
    expect(off.json()).toMatchObject({ listed: false, listing: { listedOn, delistedOn: today } });
    expect((await auditOf('key_enterprise.delist', keyId))[0]?.details).toMatchObject({
      reason: '生产经营好转，订单恢复',
    });
    const again = await as(t.app, county, {
      method: 'POST',
      url: `${URL}/${keyId}/delist`,
      payload: { version: 3, delistedOn: today, reason: '再次移出' },
    });
    expect(again.json().code).toBe('not_listed');

    const listed = (await as(t.app, county, { url: URL })).json().items as KeyEnterprise[];
    expect(listed.map((k) => k.id)).not.toContain(keyId);
    const off2 = (await as(t.app, county, { url: `${URL}?status=delisted` })).json().items as KeyEnterprise[];
    expect(off2.map((k) => k.id)).toEqual([keyId]);

    const back = await list(county, { enterpriseId: e1.id, reasons: ['layoff_plan'], listedOn: today });
    expect(back.statusCode).toBe(201);
    const d = back.json() as KeyEnterpriseDetail;
    expect(d.id).toBe(keyId);
    expect(d.listed).toBe(true);
    expect(d.listings.map((l) => [l.listedOn, l.delistedOn])).toEqual([
      [today, null],
      [listedOn, today],
    ]);
    // The ledger's records stay with it.
    expect(d.policyEntries).toHaveLength(2);
    expect((await auditOf('key_enterprise.list', keyId))[1]?.details).toMatchObject({ relisted: true });
  });
});

describe('the ledger list', () => {
  it('reads current headcount from the latest report and last year end from the December report', async () => {
    await list(county, {
      enterpriseId: e2.id,
      reasons: ['operating_difficulty'],
      listedOn: today,
      baseHeadcount: 999,
      baseYear: lastYear,
    });
    await report(e2.id, '220102', `${lastYear}-11`, 310);
    await report(e2.id, '220102', `${lastYear}-12`, 300);
    await report(e2.id, '220102', `${today.slice(0, 4)}-01`, 260);
    const res = await as(t.app, county, { url: `${URL}?q=纺织` });
    const [line] = res.json().items as KeyEnterprise[];
    expect(res.json().total).toBe(1);
    expect(line).toMatchObject({
      enterpriseId: e2.id,
      lastYearEnd: { year: lastYear, headcount: 300, source: 'report' },
      current: { month: `${today.slice(0, 4)}-01`, headcount: 260 },
      change: { delta: -40 },
    });
    expect(line?.change?.ratio).toBeCloseTo(-40 / 300);
  });

  it('filters by reason, by follower and by region, and refuses an unknown region', async () => {
    const byReason = (await as(t.app, city, { url: `${URL}?reason=layoff_plan` })).json().items as KeyEnterprise[];
    expect(byReason.map((k) => k.enterpriseId)).toEqual([e1.id]);
    await as(t.app, county, {
      method: 'PATCH',
      url: `${URL}/${byReason[0]?.id}`,
      payload: { version: byReason[0]?.version, followerId: countyUser.id },
    });
    const mine = (await as(t.app, county, { url: `${URL}?mine=true` })).json().items as KeyEnterprise[];
    expect(mine.map((k) => k.enterpriseId)).toEqual([e1.id]);
    const other = (await as(t.app, city, { url: `${URL}?regionCode=220103` })).json();
    expect(other.total).toBe(0);
    const bad = await as(t.app, city, { url: `${URL}?regionCode=229999` });
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad)).toEqual(['regionCode']);
  });

  it('offers the staff of the region and above as followers', async () => {
    const res = await as(t.app, county, { url: '/api/v1/employment/followers' });
    expect(res.statusCode).toBe(200);
    const ids = (res.json().items as { id: string }[]).map((u) => u.id);
    expect(ids).toContain(countyUser.id);
    expect(ids).not.toContain(jilinUserId);
    expect((await as(t.app, county, { url: '/api/v1/employment/followers?regionCode=220202' })).statusCode).toBe(400);
    const byEnterprise = await as(t.app, city, { url: `/api/v1/employment/followers?enterpriseId=${e1.id}` });
    expect((byEnterprise.json().items as { id: string }[]).map((u) => u.id)).toContain(countyUser.id);
    const theirs = await as(t.app, county, { url: `/api/v1/employment/followers?enterpriseId=${eJilin.id}` });
    expect(fieldsOf(theirs)).toEqual(['enterpriseId']);
  });
});

describe('what other modules read (facts.ts)', () => {
  it('gives the latest reports, the year-end headcount and the enterprises being watched', async () => {
    const latest = await latestReports(t.db, e2.id, 2);
    expect(latest.map((r) => [r.month, r.headcount])).toEqual([
      [`${today.slice(0, 4)}-01`, 260],
      [`${lastYear}-12`, 300],
    ]);
    expect(await headcountAtYearEnd(t.db, e2.id, lastYear)).toEqual({
      year: lastYear,
      headcount: 300,
      source: 'report',
    });
    expect(await headcountAtYearEnd(t.db, e1.id, lastYear)).toEqual({
      year: lastYear,
      headcount: 520,
      source: 'ledger',
    });
    expect(await headcountAtYearEnd(t.db, eJilin.id, lastYear)).toBeNull();
    const watched = await monitoredEnterprises(t.db, lastYear, ['220102']);
    expect(watched.map((w) => w.enterpriseId).sort()).toEqual([e1.id, e2.id].sort());
    const w2 = watched.find((w) => w.enterpriseId === e2.id);
    expect(w2).toMatchObject({
      lastReportMonth: `${today.slice(0, 4)}-01`,
      latestHeadcount: 260,
      previousHeadcount: 300,
    });
  });
});

describe('the export in 附件7’s columns', () => {
  const sheetOf = async (res: LightMyRequestResponse) => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0] as ExcelJS.Worksheet;
    const rows: string[][] = [];
    sheet.eachRow((row) => {
      const values = row.values as unknown[];
      rows.push(
        Array.from({ length: sheet.columnCount }, (_, i) => {
          const v = values[i + 1];
          return v instanceof Date ? v.toISOString().slice(0, 10) : String(v ?? '');
        }),
      );
    });
    return { name: sheet.name, rows };
  };

  it('writes the ledger with the layoff columns from the layoff plans, only the caller’s region, audited', async () => {
    provideLayoffLedger(async (_db, ids, year) => {
      expect(year).toBe(Number(today.slice(0, 4)));
      return new Map(
        ids
          .filter((id) => id === e1.id)
          .map((id) => [
            id,
            {
              plannedLayoffs: 60,
              layoffsDone: 12,
              positions: '装配工',
              wagesSettled: '已结清',
              severanceStandard: 'N+1',
              abilityToPay: '充足',
            },
          ]),
      );
    });
    const res = await as(t.app, city, { url: `${URL}/export` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('重点用工企业情况表'));
    const { name, rows } = await sheetOf(res);
    expect(name).toBe('重点用工企业情况表');
    const [head, ...body] = rows;
    expect(head).toEqual([
      '企业名称',
      '统一社会信用代码',
      '所在市（州）',
      '所在县（市、区）',
      '所属行业',
      `上年底职工数（${lastYear}年末）`,
      '目前职工数',
      '目前职工数所属月份',
      '已享受的稳岗政策',
      '跟踪指导情况',
      `${today.slice(0, 4)}年计划裁员人数`,
      '已裁员人数',
      '裁员岗位',
      '依法结清劳动报酬情况',
      '经济补偿标准',
      '支付能力评估',
      '列入原因',
      '列入日期',
      '名单状态',
      '对接工作人员',
    ]);
    expect(body.map((r) => r[0]).sort()).toEqual([e1.name, e2.name].sort());
    const one = body.find((r) => r[0] === e1.name) as string[];
    expect(one.slice(1, 6)).toEqual([e1.creditCode, '长春市', '南关区', '金属结构制造', '520']);
    expect(one[8]).toBe(`失业保险稳岗返还 12.60万元（${POLICY_ON}）；技能提升补贴 4000.00元（${SUBSIDY_ON}）`);
    expect(one[9]).toContain('上门了解用工情况');
    expect(one.slice(10, 16)).toEqual(['60', '12', '装配工', '已结清', 'N+1', '充足']);
    expect(one.slice(16, 20)).toEqual(['拟裁员或已裁员', today, '在册', countyUser.displayName]);
    const two = body.find((r) => r[0] === e2.name) as string[];
    expect(two.slice(5, 8)).toEqual(['300', '260', `${today.slice(0, 4)}-01`]);
    expect(two.slice(10, 16)).toEqual(['', '', '', '', '', '']);
    const events = await auditOf('key_enterprise.export');
    expect(events.at(-1)?.details).toMatchObject({ rows: 2, unmasked: false });

    const theirs = await sheetOf(await as(t.app, jilin, { url: `${URL}/export` }));
    expect(theirs.rows).toHaveLength(1);
    const filtered = await sheetOf(await as(t.app, city, { url: `${URL}/export?reason=layoff_plan` }));
    expect(filtered.rows.map((r) => r[0])).toEqual(['企业名称', e1.name]);
  });
});
