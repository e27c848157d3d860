import { addDays, caseDeadlines, chinaToday, MEDIATION_RULES, mediationDeadlineWarning, type Role } from '@hexie/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, login, makeUser, type Session, type TestContext } from '../../../test/helpers.js';
import { mediationDeadlineJob, scanMediationDeadlines } from './mediation.warnings.js';

let t: TestContext;
let registrar: Session; // registers the cases
let orgId: string;
const staff: Record<string, string> = {};

const log = { error: (obj: unknown, msg: string) => console.error(msg, obj), warn: () => {} };
const scan = (today: string) => scanMediationDeadlines({ db: t.db, regions: t.regions, log }, today);

beforeAll(async () => {
  t = await createTestApp('mediation_warnings');
  const mk = async (name: string, role: Role, regionCode: string, disabled = false) => {
    const u = await makeUser(t.db, {
      role,
      regionCode,
      disabled,
      memberUnit: role === 'mediation_staff' ? null : 'hrss',
    });
    staff[name] = u.id;
    return u;
  };
  registrar = await login(t.app, (await mk('changchun', 'mediation_staff', '220100')).username);
  await mk('chaoyang', 'region_admin', '220104'); // the case's own county: covers it
  await mk('province', 'province_admin', '220000'); // covers the whole province
  await mk('jilin', 'mediation_staff', '220200'); // another prefecture
  await mk('nanguan', 'region_admin', '220102'); // a sibling county of 长春
  await mk('reader', 'region_staff', '220100'); // reads cases, does not handle them (no mediation:write)
  await mk('gone', 'mediation_staff', '220100', true); // disabled
  orgId = (
    await t.owner.query<{ id: string }>(
      `INSERT INTO mediation_orgs (region_code, name, type, has_office, has_sign, rules_posted)
       VALUES ('220104', '长春市朝阳区劳动争议调解中心', 'township_street', true, true, true) RETURNING id`,
    )
  ).rows[0]?.id as string;
});
afterAll(() => t.close());

interface Case {
  id: string;
  trackingCode: string;
  acceptanceDue: string;
  effectiveDue: string;
  version: number;
}

/** A walk-in case through the API (its deadlines computed by core), taken to `status`. */
async function makeCase(status: 'received' | 'accepted' | 'withdrawn' = 'accepted', receivedOn = chinaToday()) {
  const res = await as(t.app, registrar, {
    method: 'POST',
    url: '/api/v1/mediation/cases',
    payload: {
      applicant: { name: '张三', idNumber: '11010519491231002X', phone: '13800138000' },
      respondent: { name: '长春市鑫达商贸有限公司' },
      regionCode: '220104',
      disputeTypes: ['wages'],
      facts: '公司拖欠工资三个月，多次催要未果，申请调解。',
      orgId,
      source: 'walk_in',
      receivedOn,
    },
  });
  expect(res.statusCode).toBe(201);
  let c = res.json() as Case;
  for (const event of status === 'received' ? [] : status === 'accepted' ? ['accept'] : ['accept', 'withdraw']) {
    const r = await as(t.app, registrar, {
      method: 'POST',
      url: `/api/v1/mediation/cases/${c.id}/events`,
      payload: { event, version: c.version, note: event === 'withdraw' ? '双方已自行和解，申请人撤回申请。' : null },
    });
    expect(r.statusCode).toBe(200);
    c = r.json() as Case;
  }
  return c;
}

interface Made {
  recipient_id: string;
  kind: string;
  due_on: string;
  params: Record<string, string>;
  region_code: string;
}
const madeFor = async (caseId: string) =>
  (
    await t.db.query<Made>(
      `SELECT recipient_id, kind, to_char(due_on, 'YYYY-MM-DD') AS due_on, params, region_code
         FROM notifications WHERE subject_type = 'mediation_case' AND subject_id = $1 ORDER BY created_at, kind`,
      [caseId],
    )
  ).rows;
const recipients = (rows: Made[]) => rows.map((r) => r.recipient_id).sort();
const who = (...names: string[]) => names.map((n) => staff[n] as string).sort();

describe('the deadline scan', () => {
  it('a case due in 3 days warns the staff who handle it, once each, and nobody else', async () => {
    const c = await makeCase('accepted');
    const today = addDays(c.effectiveDue, -MEDIATION_RULES.warnDays);
    const first = await scan(today);
    expect(first.created).toBeGreaterThanOrEqual(3);
    const rows = await madeFor(c.id);
    expect(recipients(rows)).toEqual(who('changchun', 'chaoyang', 'province'));
    expect(rows[0]).toMatchObject({
      kind: 'mediation_deadline',
      due_on: c.effectiveDue,
      region_code: '220104',
      params: {
        trackingCode: c.trackingCode,
        respondentName: '长春市鑫达商贸有限公司',
        deadline: 'mediation',
        due: c.effectiveDue,
      },
    });
    // Nothing about the applicant travels with a warning (it may leave by SMS one day).
    expect(JSON.stringify(rows)).not.toMatch(/张三|13800138000|11010519491231002X/);

    // The scan runs daily and at every start: the same warning is never made twice.
    const again = await scan(today);
    const tomorrow = await scan(addDays(today, 1));
    expect(await madeFor(c.id)).toHaveLength(3);
    expect(again.created).toBe(0);
    expect(tomorrow.created).toBe(0);
  });

  it('a case due in 5 (or 4) days warns nobody yet', async () => {
    const c = await makeCase('accepted');
    await scan(addDays(c.effectiveDue, -5));
    await scan(addDays(c.effectiveDue, -4));
    expect(await madeFor(c.id)).toEqual([]);
  });

  it('the day after its deadline an open case is overdue: one more warning, made once', async () => {
    const c = await makeCase('accepted');
    await scan(addDays(c.effectiveDue, -1));
    await scan(addDays(c.effectiveDue, 1));
    await scan(addDays(c.effectiveDue, 2));
    const rows = await madeFor(c.id);
    expect(rows.filter((r) => r.kind === 'mediation_deadline')).toHaveLength(3);
    const overdue = rows.filter((r) => r.kind === 'mediation_overdue');
    expect(recipients(overdue)).toEqual(who('changchun', 'chaoyang', 'province'));
    expect(overdue.every((r) => r.due_on === c.effectiveDue)).toBe(true);
  });

  it('a case first seen past its deadline gets the overdue warning only', async () => {
    const c = await makeCase('accepted');
    await scan(addDays(c.effectiveDue, 10));
    const rows = await madeFor(c.id);
    expect(rows.map((r) => r.kind)).toEqual(['mediation_overdue', 'mediation_overdue', 'mediation_overdue']);
  });

  it('a case awaiting acceptance warns about its acceptance decision', async () => {
    const c = await makeCase('received');
    await scan(c.acceptanceDue);
    const rows = await madeFor(c.id);
    expect(recipients(rows)).toEqual(who('changchun', 'chaoyang', 'province'));
    expect(rows[0]?.params).toMatchObject({ deadline: 'acceptance', due: c.acceptanceDue });
  });

  it('a closed case warns nobody', async () => {
    const c = await makeCase('withdrawn');
    await scan(addDays(c.effectiveDue, -1));
    await scan(addDays(c.effectiveDue, 5));
    expect(await madeFor(c.id)).toEqual([]);
  });

  it('an extension is a new deadline, and so a new warning', async () => {
    const c = await makeCase('accepted');
    await scan(addDays(c.effectiveDue, -2));
    const consent = chinaToday();
    const ext = await as(t.app, registrar, {
      method: 'POST',
      url: `/api/v1/mediation/cases/${c.id}/extension`,
      payload: { version: c.version, days: 10, applicantConsentOn: consent, respondentConsentOn: consent },
    });
    expect(ext.statusCode).toBe(200);
    const extended = ext.json() as Case;
    expect(extended.effectiveDue > c.effectiveDue).toBe(true);
    await scan(addDays(extended.effectiveDue, -1));
    const dues = (await madeFor(c.id)).map((r) => r.due_on);
    expect(dues.filter((d) => d === c.effectiveDue)).toHaveLength(3);
    expect(dues.filter((d) => d === extended.effectiveDue)).toHaveLength(3);
  });
});

describe('the recurring job', () => {
  it('is scheduled daily in China time and runs once when the process starts', async () => {
    // A case due within the warning days of the real today: received about two weeks ago (core says exactly when).
    const today = chinaToday();
    const receivedOn = Array.from({ length: 30 }, (_, i) => addDays(today, i - 30)).find(
      (day) =>
        mediationDeadlineWarning({ status: 'accepted', ...caseDeadlines(day) }, today)?.kind === 'mediation_deadline',
    );
    expect(receivedOn).toBeDefined();
    const c = await makeCase('accepted', receivedOn);
    expect(mediationDeadlineJob.schedule).toMatchObject({ cron: '0 7 * * *', atStart: true });
    await t.app.jobs.start();
    const { rows: schedules } = await t.db.query<{ name: string; cron: string; timezone: string }>(
      'SELECT name, cron, timezone FROM pgboss.schedule',
    );
    expect(schedules).toContainEqual({
      name: mediationDeadlineJob.queue,
      cron: '0 7 * * *',
      timezone: 'Asia/Shanghai',
    });
    const deadline = Date.now() + 20_000;
    while ((await madeFor(c.id)).length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(recipients(await madeFor(c.id))).toEqual(who('changchun', 'chaoyang', 'province'));
  });
});
