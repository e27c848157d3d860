import type { EarlyWarning, EarlyWarningDetail, Role } from '@hexie/core';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { makeEnterprise } from '../../../test/factories/enterprises.js';
import { as, createTestApp, fieldsOf, login, makeUser, type Session, type TestContext } from '../../../test/helpers.js';
import { runWarnings, warningsJob } from './warnings.engine.js';

// 裁员预警: the rules run on every report and plan (inside their transaction) and nightly; a warning is raised once,
// refreshed, cleared by the system when the facts change, reopened when they come back; people follow it up and
// resolve it with a note; the province administrator sets the rules. Region scope, 401/403, audit.

let t: TestContext;
let county: Session; // 长春市南关区 region staff, follows e1
let countyId: string;
let city: Session; // 长春市 region admin
let jilin: Session;
let mediator: Session;
let province: Session;
let e1: { id: string; name: string; creditCode: string };
let e2: { id: string; name: string; creditCode: string };
let keyE1: string;
let keyE2: string;

const TODAY = '2026-11-20'; // the last due month is 2026-10
const NOBODY = '00000000-0000-4000-8000-000000000000';
const none = { resigned: 0, dismissed: 0, contractEnded: 0, retired: 0, other: 0 };
const quiet = { error: () => {}, warn: () => {} };

/** The server's clock on a day in China (09:00 there): only Date is faked. */
const onDay = (day: string) => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(`${day}T01:00:00Z`));
};
afterEach(() => {
  vi.useRealTimers();
});

const list = async (s: Session, query = '') => {
  const res = await as(t.app, s, { url: `/api/v1/warnings${query}` });
  expect(res.statusCode).toBe(200);
  return res.json().items as EarlyWarning[];
};
const ofEnterprise = (s: Session, id: string, status = 'all') => list(s, `?enterpriseId=${id}&status=${status}`);
const detail = async (s: Session, id: string) =>
  (await as(t.app, s, { url: `/api/v1/warnings/${id}` })).json() as EarlyWarningDetail;
const setStatus = (s: Session, id: string, payload: Record<string, unknown>) =>
  as(t.app, s, { method: 'POST', url: `/api/v1/warnings/${id}/status`, payload });
const report = async (enterpriseId: string, month: string, headcount: number) => {
  const res = await as(t.app, county, {
    method: 'POST',
    url: '/api/v1/employment/reports',
    payload: { enterpriseId, month, headcount, hires: 0, separations: none },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; version: number };
};
const messages = (res: LightMyRequestResponse) =>
  ((res.json() as { errors?: { message: string }[] }).errors ?? []).map((e) => e.message).join(' ');
const auditOf = async (action: string) =>
  (
    await t.db.query<{ details: Record<string, unknown>; entity_id: string | null }>(
      'SELECT details, entity_id FROM audit_events WHERE action = $1 ORDER BY id',
      [action],
    )
  ).rows;
const run = (day = TODAY) => runWarnings({ db: t.db, regions: t.regions, log: quiet }, day);

beforeAll(async () => {
  t = await createTestApp('warnings');
  const mk = async (role: Role, regionCode: string) => {
    const u = await makeUser(t.db, { role, regionCode });
    return { id: u.id, session: await login(t.app, u.username) };
  };
  const c = await mk('region_staff', '220102');
  county = c.session;
  countyId = c.id;
  city = (await mk('region_admin', '220100')).session;
  jilin = (await mk('region_staff', '220202')).session;
  mediator = (await mk('mediation_staff', '220100')).session;
  province = (await mk('province_admin', '220000')).session;
  e1 = await makeEnterprise(t.db, { regionCode: '220102', name: '长春市南关区鑫达机械有限公司', employees: 1000 });
  e2 = await makeEnterprise(t.db, { regionCode: '220102', name: '长春市南关区宏远食品有限公司', employees: 300 });
  const put = async (enterpriseId: string, body: Record<string, unknown>) => {
    const res = await as(t.app, city, {
      method: 'POST',
      url: '/api/v1/employment/key-enterprises',
      payload: { enterpriseId, reasons: ['operating_difficulty'], ...body },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  onDay(TODAY);
  keyE1 = await put(e1.id, { listedOn: '2026-01-10', baseYear: 2025, baseHeadcount: 1000, followerId: countyId });
  keyE2 = await put(e2.id, { listedOn: '2026-08-01' });
  vi.useRealTimers();
});
afterAll(() => t.close());

describe('access', () => {
  it('401 without a session; 403 without employment:read, employment:write or parameters:write', async () => {
    for (const [method, url] of [
      ['GET', '/api/v1/warnings'],
      ['GET', '/api/v1/warnings/summary'],
      ['GET', `/api/v1/warnings/${NOBODY}`],
      ['POST', `/api/v1/warnings/${NOBODY}/status`],
      ['GET', '/api/v1/warning-rules'],
      ['PUT', '/api/v1/warning-rules/silent'],
      ['POST', '/api/v1/warning-rules/run'],
    ] as const) {
      expect((await t.app.inject({ method, url, payload: method === 'GET' ? undefined : {} })).statusCode).toBe(401);
    }
    expect((await as(t.app, mediator, { url: '/api/v1/warnings' })).statusCode).toBe(403);
    const rule = { enabled: true, severity: 'low', threshold: 3 };
    for (const s of [county, city]) {
      expect(
        (await as(t.app, s, { method: 'PUT', url: '/api/v1/warning-rules/silent', payload: rule })).statusCode,
      ).toBe(403);
      expect((await as(t.app, s, { method: 'POST', url: '/api/v1/warning-rules/run' })).statusCode).toBe(403);
    }
  });
});

describe('the enterprise rules, on every report', () => {
  let fallId: string;
  let dropId: string;
  let october: { id: string; version: number };

  it('a report 10% below last year end and 90 below last month raises two warnings in its transaction', async () => {
    onDay(TODAY);
    await report(e1.id, '2026-09', 990);
    expect(await ofEnterprise(county, e1.id)).toEqual([]);
    october = await report(e1.id, '2026-10', 900);
    const found = await ofEnterprise(county, e1.id);
    expect(found.map((w) => `${w.rule}:${w.key}:${w.status}:${w.severity}`).sort()).toEqual([
      'headcount_drop:2026-10:new:medium',
      'headcount_fall:2025:new:medium',
    ]);
    const fall = found.find((w) => w.rule === 'headcount_fall') as EarlyWarning;
    fallId = fall.id;
    dropId = (found.find((w) => w.rule === 'headcount_drop') as EarlyWarning).id;
    expect(fall).toMatchObject({
      enterpriseName: e1.name,
      keyEnterpriseId: keyE1,
      regionCode: '220102',
      regionName: '长春市南关区',
      title: '职工人数较上年末下降',
      text: '2026-10 月末职工 900 人，较 2025 年末 1000 人减少 100 人（10%），达到 10% 的预警线。',
      cleared: false,
      planId: null,
    });
  });

  it('tells the follower in-app, in their language', async () => {
    const res = await as(t.app, county, { url: '/api/v1/notifications' });
    const items = (res.json().items as { kind: string; subjectId: string; title: string; body: string }[]).filter(
      (n) => n.kind === 'early_warning',
    );
    expect(items.map((n) => n.subjectId).sort()).toEqual([fallId, dropId].sort());
    expect(items.find((n) => n.subjectId === fallId)).toMatchObject({
      title: '裁员预警：职工人数较上年末下降',
      body: `${e1.name}触发“职工人数较上年末下降”预警（提示），请及时跟进处理。`,
    });
  });

  it('a corrected report clears both; the figures back again reopen them, with the history', async () => {
    onDay(TODAY);
    const fixed = await as(t.app, county, {
      method: 'PATCH',
      url: `/api/v1/employment/reports/${october.id}`,
      payload: { headcount: 985, separations: { ...none, other: 5 }, version: october.version },
    });
    expect(fixed.statusCode, fixed.body).toBe(200);
    expect((await ofEnterprise(county, e1.id, 'open')).length).toBe(0);
    const cleared = await detail(county, fallId);
    expect(cleared).toMatchObject({ status: 'resolved', cleared: true });
    expect(cleared.history.map((h) => `${h.status}:${h.bySystem}`)).toEqual(['new:true', 'resolved:true']);

    const again = await as(t.app, county, {
      method: 'PATCH',
      url: `/api/v1/employment/reports/${october.id}`,
      payload: { headcount: 900, version: fixed.json().version },
    });
    expect(again.statusCode, again.body).toBe(200);
    const reopened = await detail(county, fallId);
    expect(reopened).toMatchObject({ status: 'new', cleared: false });
    expect(reopened.history.map((h) => h.status)).toEqual(['new', 'resolved', 'new']);
  });

  it('staff follow a warning up and resolve it with a note; resolving again is refused; audited', async () => {
    const follow = await setStatus(county, fallId, { status: 'following', note: '已约谈企业负责人' });
    expect(follow.statusCode, follow.body).toBe(200);
    expect(follow.json()).toMatchObject({ status: 'following', note: '已约谈企业负责人' });

    const bare = await setStatus(county, fallId, { status: 'resolved' });
    expect(bare.statusCode).toBe(400);
    expect(fieldsOf(bare)).toEqual(['note']);
    expect(messages(bare)).toBe('处理说明为必填项。');

    const done = await setStatus(county, fallId, {
      status: 'resolved',
      note: '企业已落实稳岗措施，减员为季节性用工到期',
    });
    expect(done.statusCode).toBe(200);
    const d = done.json() as EarlyWarningDetail;
    expect(d).toMatchObject({ status: 'resolved', cleared: false });
    expect(d.history.at(-1)).toMatchObject({
      status: 'resolved',
      bySystem: false,
      note: '企业已落实稳岗措施，减员为季节性用工到期',
    });
    expect(d.history.at(-1)?.actorName).toBeTruthy();

    const twice = await setStatus(county, fallId, { status: 'following' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json()).toMatchObject({
      code: 'warning_transition',
      detail: '该预警当前为“已解除”，不能改为“跟进中”。',
    });
    const audited = await auditOf('early_warning.resolve');
    expect(audited.at(-1)).toMatchObject({ entity_id: fallId });
    expect(audited.at(-1)?.details).toMatchObject({ rule: 'headcount_fall', before: { status: 'following' } });

    // The nightly run finds the fall still there: a person's resolution stands.
    await run();
    expect((await detail(county, fallId)).status).toBe('resolved');
  });

  it('another region neither lists nor reads nor handles them; the attempt is audited', async () => {
    expect(await list(jilin, '?status=all')).toEqual([]);
    expect((await as(t.app, jilin, { url: `/api/v1/warnings/${dropId}` })).statusCode).toBe(404);
    expect((await setStatus(jilin, dropId, { status: 'following' })).statusCode).toBe(404);
    const out = await t.db.query(`SELECT 1 FROM audit_events WHERE action = 'access.out_of_scope' AND entity_id = $1`, [
      dropId,
    ]);
    expect(out.rowCount).toBeGreaterThan(0);
    // A region outside the caller's lists nothing (as every list does); a code that is not one is named.
    expect(await list(county, '?status=all&regionCode=220202')).toEqual([]);
    const bad = await as(t.app, county, { url: '/api/v1/warnings?regionCode=22x' });
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad)).toEqual(['regionCode']);
    // The city above sees the county's.
    expect((await list(city, '?status=all')).map((w) => w.id)).toContain(dropId);
  });
});

describe('the nightly run', () => {
  it('an enterprise listed in August that never reported: silent since its listing; a report ends it', async () => {
    const counts = await run();
    expect(counts.failed).toBe(0);
    const [silent] = await ofEnterprise(county, e2.id);
    expect(silent).toMatchObject({ rule: 'silent', key: 'listed:2026-08-01', severity: 'low', status: 'new' });
    expect(silent?.text).toBe('已连续 3 个月未报送用工月报（最近一期：无，应报至：2026-10）。');
    // Running again changes nothing: once per occurrence.
    const again = await run();
    expect(again.raised).toBe(0);
    expect((await ofEnterprise(county, e2.id)).length).toBe(1);

    onDay(TODAY);
    await report(e2.id, '2026-10', 300);
    expect((await ofEnterprise(county, e2.id, 'open')).length).toBe(0);
    expect((await ofEnterprise(county, e2.id, 'resolved'))[0]).toMatchObject({ rule: 'silent', cleared: true });
  });

  it('an enterprise taken off the list: its report warnings are cleared', async () => {
    // e2 silent again two months on (the run's day moves; October was its last report).
    await run('2027-01-10');
    const open = await ofEnterprise(county, e2.id, 'open');
    expect(open.map((w) => `${w.rule}:${w.key}`)).toEqual(['silent:2026-10']);
    const version = (await as(t.app, city, { url: `/api/v1/employment/key-enterprises/${keyE2}` })).json().version;
    onDay('2027-01-10');
    const off = await as(t.app, city, {
      method: 'POST',
      url: `/api/v1/employment/key-enterprises/${keyE2}/delist`,
      payload: { delistedOn: '2027-01-10', reason: '生产经营恢复正常', version },
    });
    expect(off.statusCode, off.body).toBe(200);
    vi.useRealTimers();
    await run('2027-01-10');
    expect(await ofEnterprise(county, e2.id, 'open')).toEqual([]);
  });

  it('is scheduled daily at 06:30 China time and at start', () => {
    expect(warningsJob.schedule).toMatchObject({ cron: '30 6 * * *', atStart: true });
  });
});

describe('the plan rules, on every save', () => {
  let planId: string;
  let version: number;
  const planned = '2026-12-31';

  it('a plan of 20 under Art. 41 with neither step raises a high warning naming both steps and the last day', async () => {
    onDay(TODAY);
    const res = await as(t.app, county, {
      method: 'POST',
      url: '/api/v1/layoff-plans',
      payload: {
        enterpriseId: e1.id,
        year: 2026,
        employees: 1000,
        plannedLayoffs: 20,
        ground: 'serious_difficulty',
        plannedOn: planned,
        wagesSettled: false,
        wageArrears: 120_000,
        severanceStandard: 'statutory',
        fundsAvailable: 100_000,
        averageMonthlyWage: 6000,
        averageServiceMonths: 60,
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    planId = res.json().id;
    version = res.json().version;
    const found = await list(county, `?planId=${planId}`);
    expect(found.map((w) => `${w.rule}:${w.severity}`).sort()).toEqual([
      'art41_steps:high',
      'low_ability:high',
      'wage_arrears:high',
    ]);
    const steps = found.find((w) => w.rule === 'art41_steps') as EarlyWarning;
    expect(steps.text).toContain('拟于 2026-12-31 裁减 20 人，属于经济性裁员（第四十一条）');
    expect(steps.text).toContain('（未履行，最迟于 2026-12-01）');
    expect(steps.text).toContain('裁减人员方案向劳动行政部门报告（未履行）');
    expect((found.find((w) => w.rule === 'wage_arrears') as EarlyWarning).text).toBe(
      '裁员方案登记拖欠工资 120,000.00 元，尚未结清。',
    );
  });

  it('the steps recorded, the wages paid and the funds found: every plan warning clears', async () => {
    onDay(TODAY);
    const res = await as(t.app, county, {
      method: 'PATCH',
      url: `/api/v1/layoff-plans/${planId}`,
      payload: {
        explainedOn: '2026-11-18',
        reportedOn: '2026-11-19',
        wagesSettled: true,
        wageArrears: null,
        fundsAvailable: 5_000_000,
        version,
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(await list(county, `?planId=${planId}`)).toEqual([]);
    const resolved = await list(county, `?planId=${planId}&status=resolved`);
    expect(resolved.map((w) => `${w.rule}:${w.cleared}`).sort()).toEqual([
      'art41_steps:true',
      'low_ability:true',
      'wage_arrears:true',
    ]);
  });

  it('the summary counts the open warnings of the caller’s region by severity', async () => {
    const res = await as(t.app, city, { url: '/api/v1/warnings/summary' });
    expect(res.statusCode).toBe(200);
    const s = res.json();
    const open = await list(city);
    expect(s.open).toBe(open.length);
    expect(s.bySeverity.high + s.bySeverity.medium + s.bySeverity.low).toBe(open.length);
    expect(s.latest.map((w: EarlyWarning) => w.id)).toEqual(open.slice(0, 5).map((w) => w.id));
    const other = (await as(t.app, jilin, { url: '/api/v1/warnings/summary' })).json();
    expect(other).toMatchObject({ open: 0, new: 0, latest: [] });
  });
});

describe('the rules as data', () => {
  it('lists every rule with its default; the administrator’s change is checked, audited and used by the next run', async () => {
    const rules = (await as(t.app, county, { url: '/api/v1/warning-rules' })).json().items;
    expect(rules.map((r: { rule: string }) => r.rule)).toEqual([
      'headcount_fall',
      'headcount_drop',
      'silent',
      'art41_steps',
      'protected_staff',
      'wage_arrears',
      'low_ability',
    ]);
    expect(rules[0]).toMatchObject({
      label: '职工人数较上年末下降',
      description: '最近一期月报的职工人数比上年末减少 10% 及以上',
      threshold: 10,
      unit: 'percent',
      changed: false,
    });

    const bad = await as(t.app, province, {
      method: 'PUT',
      url: '/api/v1/warning-rules/headcount_drop',
      payload: { enabled: true, severity: 'high', threshold: 0 },
    });
    expect(bad.statusCode).toBe(400);
    expect(messages(bad)).toBe('预警阈值不能小于 1。');
    const unknown = await as(t.app, province, {
      method: 'PUT',
      url: '/api/v1/warning-rules/nonsense',
      payload: { enabled: true, severity: 'high', threshold: 1 },
    });
    expect(unknown.statusCode).toBe(400);

    // A drop of 5 in a month is now a high warning.
    const ok = await as(t.app, province, {
      method: 'PUT',
      url: '/api/v1/warning-rules/headcount_drop',
      payload: { enabled: true, severity: 'high', threshold: 5 },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({
      threshold: 5,
      severity: 'high',
      changed: true,
      description: '月末职工人数比上月末减少 5 人及以上',
    });
    const [audited] = await auditOf('warning_rule.update');
    expect(audited?.details).toMatchObject({
      rule: 'headcount_drop',
      before: { threshold: 20, severity: 'medium' },
      after: { threshold: 5, severity: 'high' },
    });
    onDay(TODAY);
    await report(e1.id, '2026-08', 996); // September (990) is now 6 fewer than August
    vi.useRealTimers();
    await run();
    const drops = await list(county, `?enterpriseId=${e1.id}&rule=headcount_drop&status=all`);
    expect(drops.map((w) => `${w.key}:${w.severity}`).sort()).toEqual(['2026-09:high', '2026-10:high']);

    // Switched off: the next run raises nothing of it.
    await as(t.app, province, {
      method: 'PUT',
      url: '/api/v1/warning-rules/art41_steps',
      payload: { enabled: false, severity: 'high', threshold: null },
    });
    const run2 = await as(t.app, province, { method: 'POST', url: '/api/v1/warning-rules/run' });
    expect(run2.statusCode, run2.body).toBe(200);
    expect(run2.json().subjects).toBeGreaterThan(0);
    expect((await auditOf('early_warning.run')).length).toBe(1);
  });
});
