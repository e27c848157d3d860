import type { Role } from '@hexie/core';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { as, createTestApp, fieldsOf, login, makeUser, type Session, type TestContext } from '../../../test/helpers.js';

// 节假日安排: a year the built-in calendar lacks (2027 when this was written), loaded by the province administrator;
// every deadline counted on the server uses it, and the open cases counted without it are counted again.

let t: TestContext;
let province: Session;
let city: Session;
let mediator: Session;
let orgId: string;

const URL = '/api/v1/calendar/2027';
const NEW_YEAR = [
  { date: '2027-01-01', work: false, name: '元旦' },
  { date: '2027-01-02', work: false, name: '元旦' },
  { date: '2027-01-03', work: false, name: '元旦' },
];
const walkIn = {
  applicant: { name: '张三', idNumber: '11010519491231002X', phone: '13800138000' },
  respondent: { name: '长春市某某商贸有限公司', creditCode: '91220101MA0Y5XG21M' },
  regionCode: '220104',
  disputeTypes: ['wages'],
  claimAmount: 12000,
  facts: '公司拖欠 2026 年 10 月至 11 月工资共计一万二千元，多次催要未果。',
  source: 'walk_in',
  receivedOn: '2026-12-17',
};
const deadline = (start: string) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/calculators/deadline',
    payload: { start, days: 15, unit: 'calendar' },
    remoteAddress: '10.7.7.7',
  });

beforeAll(async () => {
  t = await createTestApp('calendar');
  const mk = async (role: Role, regionCode: string) =>
    login(t.app, (await makeUser(t.db, { role, regionCode })).username);
  province = await mk('province_admin', '220000');
  city = await mk('region_admin', '220100');
  mediator = await mk('mediation_staff', '220100');
  orgId = (
    await t.owner.query<{ id: string }>(
      `INSERT INTO mediation_orgs (region_code, name, type, has_office, has_sign, rules_posted)
       VALUES ('220104', '长春市朝阳区南湖街道劳动争议调解委员会', 'township_street', true, true, true) RETURNING id`,
    )
  ).rows[0]?.id as string;
});
afterAll(() => t.close());
afterEach(() => {
  vi.useRealTimers();
});

describe('节假日安排 /api/v1/calendar/:year', () => {
  it('reads a year publicly: 2026 built in, 2027 not loaded', async () => {
    expect((await t.app.inject({ url: '/api/v1/calendar/2026' })).json()).toEqual({
      year: 2026,
      covered: true,
      days: [],
      updatedAt: null,
    });
    expect((await t.app.inject({ url: URL })).json()).toMatchObject({ year: 2027, covered: false, days: [] });
  });

  it('401 without a session, 403 without parameters:write', async () => {
    expect((await t.app.inject({ method: 'PUT', url: URL, payload: { days: [] } })).statusCode).toBe(401);
    for (const s of [city, mediator]) {
      expect((await as(t.app, s, { method: 'PUT', url: URL, payload: { days: NEW_YEAR } })).statusCode).toBe(403);
    }
  });

  it('names each bad day in Chinese; a covered year is refused; nothing is written', async () => {
    const bad = await as(t.app, province, {
      method: 'PUT',
      url: URL,
      payload: { days: [...NEW_YEAR, { date: '2027-02-08', work: true, name: '调休上班' }, NEW_YEAR[0]] },
    });
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad)).toEqual(['days.3.work', 'days.4.date']);
    expect(bad.json().errors[0].message).toContain('调休上班日应为周六或周日');
    const covered = await as(t.app, province, { method: 'PUT', url: '/api/v1/calendar/2026', payload: { days: [] } });
    expect(covered.statusCode).toBe(400);
    expect(covered.json().errors[0].message).toBe('年度已有内置的国务院节假日安排，无需录入。');
    expect((await t.db.query('SELECT 1 FROM calendar_days')).rowCount).toBe(0);
  });

  it('loaded: the calculator, new cases and the open cases counted without it use it; audited', async () => {
    // Before: 2027-01-01 counted as a Friday, said so.
    expect((await deadline('2026-12-17')).json()).toMatchObject({ due: '2027-01-01', calendarMissing: true });
    // The case is registered on 2026-12-20 (the server's clock, China time): received on the 17th.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-20T01:00:00Z'));
    const register = await as(t.app, mediator, {
      method: 'POST',
      url: '/api/v1/mediation/cases',
      payload: { ...walkIn, orgId },
    });
    expect(register.statusCode, register.body).toBe(201);
    vi.useRealTimers();
    const caseId = register.json().id;
    expect(register.json()).toMatchObject({ mediationDue: '2027-01-01' });

    const res = await as(t.app, province, { method: 'PUT', url: URL, payload: { days: NEW_YEAR } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ year: 2027, covered: false, days: NEW_YEAR, casesRecounted: 1 });

    expect((await deadline('2026-12-17')).json()).toMatchObject({ due: '2027-01-04', calendarMissing: false });
    const { rows } = await t.db.query(
      `SELECT to_char(mediation_due, 'YYYY-MM-DD') AS due, calendar_missing FROM mediation_cases WHERE id = $1`,
      [caseId],
    );
    expect(rows[0]).toEqual({ due: '2027-01-04', calendar_missing: false });
    const audited = await t.db.query<{ details: Record<string, unknown> }>(
      "SELECT details FROM audit_events WHERE action = 'calendar.update'",
    );
    expect(audited.rows[0]?.details).toMatchObject({ year: 2027, before: [], after: NEW_YEAR, casesRecounted: 1 });

    // Replaced, not added to: the year is what was sent last.
    const again = await as(t.app, province, { method: 'PUT', url: URL, payload: { days: NEW_YEAR.slice(0, 1) } });
    expect(again.json().days).toEqual(NEW_YEAR.slice(0, 1));

    // A case registered now is counted with the loaded day from the start.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-20T01:00:00Z'));
    const next = await as(t.app, mediator, {
      method: 'POST',
      url: '/api/v1/mediation/cases',
      payload: { ...walkIn, orgId },
    });
    expect(next.statusCode, next.body).toBe(201);
    expect(next.json()).toMatchObject({ mediationDue: '2027-01-04' });
  });
});
