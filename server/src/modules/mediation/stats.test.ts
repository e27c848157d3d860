import { chinaToday, daysBetween, type Role } from '@hexie/core';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, fieldsOf, login, makeUser, type Session, type TestContext } from '../../../test/helpers.js';

let t: TestContext;
let changchun: Session;
let jilin: Session;
const today = chinaToday();

/** Cases driven through the API to known outcomes: the statistics must say exactly what they are. */
type Outcome = 'agree' | 'fail' | 'withdraw' | 'reject' | 'expire' | 'open_past_due' | 'open';

beforeAll(async () => {
  t = await createTestApp('mediation_stats');
  const mk = async (role: Role, regionCode: string) =>
    login(t.app, (await makeUser(t.db, { role, regionCode })).username);
  changchun = await mk('mediation_staff', '220100');
  jilin = await mk('mediation_staff', '220200');
  const org = async (regionCode: string, name: string) =>
    (
      await t.owner.query<{ id: string }>(
        `INSERT INTO mediation_orgs (region_code, name, type) VALUES ($1, $2, 'township_street') RETURNING id`,
        [regionCode, name],
      )
    ).rows[0]?.id as string;
  const chaoyang = await org('220104', '朝阳区调解中心');
  const nanguan = await org('220102', '南关区调解中心');
  const chuanying = await org('220202', '船营区调解中心');

  const run = async (
    who: Session,
    orgId: string,
    receivedOn: string,
    outcome: Outcome,
    types: string[],
    amount: number,
  ) => {
    const res = await as(t.app, who, {
      method: 'POST',
      url: '/api/v1/mediation/cases',
      payload: {
        applicant: { name: '张三', idNumber: '11010519491231002X', phone: '13800138000' },
        respondent: { name: '某公司' },
        regionCode: '220104',
        disputeTypes: types,
        claimAmount: amount,
        facts: '公司拖欠工资，多次催要未果，申请调解。',
        orgId,
        source: 'walk_in',
        receivedOn,
      },
    });
    expect(res.statusCode).toBe(201);
    const id = res.json().id as string;
    let version = 1;
    const step = async (event: string, extra: Record<string, unknown> = {}) => {
      const r = await as(t.app, who, {
        method: 'POST',
        url: `/api/v1/mediation/cases/${id}/events`,
        payload: { event, version, ...extra },
      });
      expect(r.statusCode, `${event}: ${r.body}`).toBe(200);
      version += 1;
    };
    if (outcome === 'reject') return step('reject', { note: '不属于受理范围。' });
    if (outcome === 'withdraw') return step('withdraw', { note: '申请人撤回。' });
    if (outcome === 'open') return;
    await step('accept');
    if (outcome === 'open_past_due') return;
    if (outcome === 'expire') return step('expire');
    await step('session', {
      session: { heldOn: today, mediatorName: '王调解', participants: '双方', record: '双方陈述意见。' },
    });
    if (outcome === 'fail') return step('fail', { note: '双方差距较大。' });
    return step('agree', {
      note: '分期支付。',
      agreement: { terms: '分期支付。', performanceDeadline: today, effectiveOn: today },
    });
  };
  // 朝阳区: 3 agreements, 1 failure, 1 withdrawal, 1 rejection.
  for (const d of ['2026-03-02', '2026-04-01', '2026-05-06'])
    await run(changchun, chaoyang, d, 'agree', ['wages'], 1000);
  await run(changchun, chaoyang, '2026-06-01', 'fail', ['wages', 'severance'], 2000);
  await run(changchun, chaoyang, '2026-06-15', 'withdraw', ['contract'], 0);
  await run(changchun, chaoyang, '2026-07-01', 'reject', ['other'], 0);
  // 南关区: 1 agreement, 1 closed as overdue, 1 open past its deadline, 1 received today.
  await run(changchun, nanguan, '2026-08-03', 'agree', ['social_insurance'], 500.5);
  await run(changchun, nanguan, '2026-02-02', 'expire', ['wages'], 300);
  await run(changchun, nanguan, '2026-01-05', 'open_past_due', ['wages'], 0);
  await run(changchun, nanguan, today, 'open', ['work_injury'], 0);
  // 吉林市: never in 长春市's figures.
  await run(jilin, chuanying, '2026-03-02', 'agree', ['wages'], 9999);
});
afterAll(() => t.close());

const stats = (who: Session, qs = '') =>
  as(t.app, who, { url: `/api/v1/mediation/stats?${qs.includes('from=') ? qs : `from=2026-01-01&${qs}`}` });

describe('mediation statistics (DOMAIN-RULES §2)', () => {
  it('count what the cases are, by the regions under the caller, with the success rate and its n', async () => {
    const res = await stats(changchun);
    expect(res.statusCode).toBe(200);
    const s = res.json();
    expect(s).toMatchObject({ by: 'region', target: 0.6, to: today });
    const row = (name: string) => s.rows.find((r: { name: string }) => r.name === name);
    expect(row('朝阳区')).toMatchObject({
      received: 6,
      accepted: 4,
      rejected: 1,
      agreement: 3,
      failed: 1,
      withdrawn: 1,
      overdue: 0,
      open: 0,
      successRate: { rate: 0.75, n: 4 },
      claimAmount: 5000,
    });
    const days = ['2026-03-02', '2026-04-01', '2026-05-06', '2026-06-01'].map((d) => daysBetween(d, today));
    expect(row('朝阳区').avgDaysToClose).toBeCloseTo(days.reduce((a, b) => a + b, 0) / 4, 1);
    expect(row('南关区')).toMatchObject({
      received: 4,
      accepted: 3,
      agreement: 1,
      overdue: 2,
      open: 1,
      successRate: { rate: 1 / 3, n: 3 },
      claimAmount: 800.5,
    });
    expect(s.total).toMatchObject({
      received: 10,
      agreement: 4,
      failed: 1,
      overdue: 2,
      successRate: { rate: 4 / 7, n: 7 },
    });
    expect(s.rows.map((r: { name: string }) => r.name).sort()).toEqual(['南关区', '朝阳区']);
    expect(s.disputeTypes).toEqual([
      { type: 'wages', cases: 6 },
      { type: 'contract', cases: 1 },
      { type: 'other', cases: 1 },
      { type: 'severance', cases: 1 },
      { type: 'social_insurance', cases: 1 },
      { type: 'work_injury', cases: 1 },
    ]);
    expect(s.monthly.reduce((n: number, m: { received: number }) => n + m.received, 0)).toBe(10);
    expect(s.monthly.find((m: { month: string }) => m.month === '2026-03')).toEqual({
      month: '2026-03',
      received: 1,
      agreement: 1,
    });
  });

  it('by organisation, for one region, and for a period', async () => {
    const byOrg = (await stats(changchun, 'by=org')).json();
    expect(byOrg.rows.map((r: { name: string; received: number }) => [r.name, r.received])).toEqual([
      ['朝阳区调解中心', 6],
      ['南关区调解中心', 4],
    ]);
    const one = (await stats(changchun, 'regionCode=220102')).json();
    expect(one.total).toMatchObject({ received: 4, name: expect.stringContaining('南关区') });
    const recent = (await stats(changchun, 'from=2026-08-01')).json();
    expect(recent.total.received).toBe(2);
    const bad = await stats(changchun, 'from=2026-12-31&to=2026-01-01');
    expect(fieldsOf(bad)).toEqual(['to']);
    expect(bad.json().errors[0].message).toContain('截止日期');
  });

  it('exports the same figures to xlsx, with the total, audited', async () => {
    const res = await as(t.app, changchun, { url: '/api/v1/mediation/stats/export?from=2026-01-01' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    expect(sheet?.getRow(1).getCell(1).value).toBe('区划');
    expect(sheet?.getRow(1).getCell(10).value).toBe('调解成功率（%）');
    const last = sheet?.getRow(sheet.rowCount);
    expect(String(last?.getCell(1).value)).toContain('合计');
    expect([2, 5, 6, 8, 10, 11].map((c) => last?.getCell(c).value)).toEqual([10, 4, 1, 2, 57.1, 7]);
    const { rows } = await t.db.query(
      "SELECT count(*)::int AS n FROM audit_events WHERE action = 'mediation_stats.export' AND result = 'success'",
    );
    expect(rows[0].n).toBe(1);
  });

  it('is limited to the region: 吉林市 sees its own, never 长春市’s; 401 and 403', async () => {
    const theirs = (await stats(jilin)).json();
    expect(theirs.total).toMatchObject({ received: 1, agreement: 1, successRate: { rate: 1, n: 1 } });
    expect((await stats(jilin, 'regionCode=220100')).statusCode).toBe(400);
    expect((await t.app.inject({ url: '/api/v1/mediation/stats' })).statusCode).toBe(401);
    const firm = await login(t.app, (await makeUser(t.db, { role: 'enterprise_user', regionCode: '220102' })).username);
    expect((await as(t.app, firm, { url: '/api/v1/mediation/stats' })).statusCode).toBe(403);
  });

  it('one region’s statistics read the index of its cases, not the whole table', async () => {
    await t.owner.query('SET enable_seqscan = off');
    const plan = await t.owner.query(
      `EXPLAIN SELECT count(*) FROM mediation_cases c
        WHERE c.region_code = ANY('{220102}'::text[]) AND c.received_on BETWEEN '2026-01-01' AND '2026-12-31'`,
    );
    await t.owner.query('RESET enable_seqscan');
    expect(plan.rows.map((r) => r['QUERY PLAN']).join('\n')).toMatch(
      /mediation_cases_received_idx|mediation_cases_inbox_idx/,
    );
  });
});
