import { addDays, caseDeadlines, chinaToday, type Role, reviewApplicationDue, TRACKING_CODE } from '@hexie/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, fieldsOf, login, makeUser, type Session, type TestContext } from '../../../test/helpers.js';

let t: TestContext;
let mediator: Session; // mediation staff of 长春市
let jilinMediator: Session;
let regionStaff: Session; // reads cases, writes none
let firm: Session;
let orgId: string;
let jilinOrgId: string;

beforeAll(async () => {
  t = await createTestApp('mediation_cases');
  const mk = async (role: Role, regionCode: string) =>
    login(t.app, (await makeUser(t.db, { role, regionCode })).username);
  mediator = await mk('mediation_staff', '220100');
  jilinMediator = await mk('mediation_staff', '220200');
  regionStaff = await mk('region_staff', '220100');
  firm = await mk('enterprise_user', '220102');
  const org = async (regionCode: string, name: string) =>
    (
      await t.owner.query<{ id: string }>(
        `INSERT INTO mediation_orgs (region_code, name, type, has_office, has_sign, rules_posted)
         VALUES ($1, $2, 'township_street', true, true, true) RETURNING id`,
        [regionCode, name],
      )
    ).rows[0]?.id as string;
  orgId = await org('220104', '长春市朝阳区南湖街道劳动争议调解委员会');
  jilinOrgId = await org('220202', '吉林市昌邑区劳动争议调解中心');
});
afterAll(() => t.close());

let ip = 0;
const application = (over: Record<string, unknown> = {}) => ({
  applicant: { name: '张三', idNumber: '11010519491231002X', phone: '13800138000' },
  respondent: { name: '长春市某某商贸有限公司', creditCode: '91220101MA0Y5XG21M' },
  regionCode: '220104',
  disputeTypes: ['wages'],
  claimAmount: 12000,
  facts: '公司拖欠 2026 年 8 月至 9 月工资共计一万二千元，多次催要未果。',
  ...over,
});
/** Each application from its own address, except where the rate limit is the point. */
const apply = (body: Record<string, unknown>, remoteAddress = `10.1.0.${++ip}`) =>
  t.app.inject({ method: 'POST', url: '/api/v1/public/mediation-applications', payload: body, remoteAddress });
const lookup = (code: string, phone: string) =>
  t.app.inject({ url: `/api/v1/public/mediation-applications/${code}?phone=${encodeURIComponent(phone)}` });
const caseCount = async () =>
  (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM mediation_cases')).rows[0]?.n;
const event = (who: Session, id: string, payload: Record<string, unknown>) =>
  as(t.app, who, { method: 'POST', url: `/api/v1/mediation/cases/${id}/events`, payload });
const idOf = async (trackingCode: string) =>
  (await t.db.query<{ id: string }>('SELECT id FROM mediation_cases WHERE tracking_code = $1', [trackingCode])).rows[0]
    ?.id as string;

describe('the public application and its lookup', () => {
  it('anyone applies without an account; the case goes to the region’s organisation with its deadlines', async () => {
    const res = await apply(application());
    expect(res.statusCode).toBe(201);
    const body = res.json();
    const d = caseDeadlines(chinaToday());
    expect(body).toEqual({
      trackingCode: expect.stringMatching(TRACKING_CODE),
      orgName: '长春市朝阳区南湖街道劳动争议调解委员会',
      receivedOn: chinaToday(),
      acceptanceDue: d.acceptanceDue,
      mediationDue: d.mediationDue,
    });
    expect(body.mediationDue >= addDays(chinaToday(), 15)).toBe(true);
    const { rows } = await t.db.query(
      "SELECT action, actor_id, details FROM audit_events WHERE action = 'mediation_case.apply' AND entity_id = $1",
      [await idOf(body.trackingCode)],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].actor_id).toBeNull();
    expect(JSON.stringify(rows[0].details)).not.toMatch(/13800138000|11010519491231002X/);
  });

  it('the tracking code and the phone show status and deadline; a wrong phone reveals nothing', async () => {
    const { trackingCode } = (await apply(application())).json();
    const ok = await lookup(trackingCode.toLowerCase(), '138-0013-8000');
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({
      trackingCode,
      status: 'received',
      pending: { kind: 'acceptance', due: caseDeadlines(chinaToday()).acceptanceDue },
      history: [{ toStatus: 'received' }],
    });
    expect(ok.body).not.toMatch(/张三|13800138000|1101051949|某某商贸/);
    const wrong = await lookup(trackingCode, '13900000000');
    const unknown = await lookup('ABCDEFGH', '13800138000');
    const malformed = await lookup('x', '13800138000');
    for (const r of [wrong, unknown, malformed]) expect(r.statusCode).toBe(404);
    expect(wrong.json().detail).toBe(unknown.json().detail);
    expect((await lookup(trackingCode, '')).statusCode).toBe(404);
  });

  it('400 naming each bad field in Chinese; nothing is written', async () => {
    const before = await caseCount();
    const res = await apply(application({ applicant: { name: '张三', idNumber: '110105194912310021', phone: '123' } }));
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res).sort()).toEqual(['applicant.idNumber', 'applicant.phone']);
    const messages = res
      .json()
      .errors.map((e: { message: string }) => e.message)
      .join(' ');
    expect(messages).toContain('申请人身份证号码');
    expect(messages).toContain('申请人手机号码');
    const shape = await apply(application({ disputeTypes: [], facts: '短' }));
    expect(fieldsOf(shape).sort()).toEqual(['disputeTypes', 'facts']);
    expect(await caseCount()).toBe(before);
  });

  it('a region without an organisation says so; a chosen organisation must be active', async () => {
    const none = await apply(application({ regionCode: '220702' }));
    expect(none.statusCode).toBe(422);
    expect(none.json().detail).toContain('12333');
    const chosen = await apply(application({ regionCode: '220202', orgId: jilinOrgId }));
    expect(chosen.json().orgName).toBe('吉林市昌邑区劳动争议调解中心');
    const bogus = await apply(application({ orgId: '00000000-0000-4000-8000-000000000000' }));
    expect(fieldsOf(bogus)).toEqual(['orgId']);
  });

  it('is rate-limited per address', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 6; i++) codes.push((await apply(application(), '10.9.9.9')).statusCode);
    expect(codes.slice(0, 5)).toEqual([201, 201, 201, 201, 201]);
    expect(codes[5]).toBe(429);
  });
});

describe('the case workflow', () => {
  it('staff accept, record a session and reach agreement; each step is on the timeline and audited', async () => {
    const { trackingCode } = (await apply(application())).json();
    const id = await idOf(trackingCode);
    const inbox = await as(t.app, mediator, { url: '/api/v1/mediation/cases?open=true&pageSize=100' });
    const listed = inbox.json().items.find((c: { id: string }) => c.id === id);
    expect(listed).toMatchObject({
      status: 'received',
      personalMasked: true,
      applicant: { name: '张三', phone: '138****8000' },
      pending: { kind: 'acceptance' },
    });
    expect(listed.applicant.idNumber).not.toContain('19491231');

    // Illegal: an agreement before acceptance, named in Chinese.
    const early = await event(mediator, id, { event: 'agree', version: 1 });
    expect(early.statusCode).toBe(409);
    expect(early.json().detail).toBe('案件当前为“待受理”，不能“达成调解协议”。');

    const accepted = await event(mediator, id, { event: 'accept', version: 1 });
    expect(accepted.json()).toMatchObject({ status: 'accepted', pending: { kind: 'mediation' }, version: 2 });
    expect(accepted.json().next).toEqual(['session', 'withdraw', 'expire']);
    const noRecord = await event(mediator, id, { event: 'session', version: 2 });
    expect(fieldsOf(noRecord)).toEqual(['session']);
    const session = await event(mediator, id, {
      event: 'session',
      version: 2,
      session: {
        heldOn: chinaToday(),
        mediatorName: '王调解',
        participants: '张三；公司人事经理李某',
        record: '双方同意分两期支付。',
      },
    });
    expect(session.json().status).toBe('in_mediation');
    const stale = await event(mediator, id, { event: 'agree', version: 2 });
    expect(stale.statusCode).toBe(412);
    const noTerms = await event(mediator, id, { event: 'agree', version: 3 });
    expect(fieldsOf(noTerms)).toEqual(['agreement']);
    const backwards = await event(mediator, id, {
      event: 'agree',
      version: 3,
      agreement: { terms: '分两期支付。', performanceDeadline: '2026-01-01', effectiveOn: addDays(chinaToday(), 1) },
    });
    expect(fieldsOf(backwards).sort()).toEqual(['agreement.effectiveOn', 'agreement.performanceDeadline']);
    const terms = {
      terms: '被申请人于 12 月 15 日、12 月 31 日前各支付申请人工资 6,000 元。',
      performanceDeadline: addDays(chinaToday(), 30),
      effectiveOn: chinaToday(),
    };
    const agreed = await event(mediator, id, {
      event: 'agree',
      version: 3,
      note: '分两期支付拖欠工资 12,000 元。',
      agreement: terms,
    });
    expect(agreed.json()).toMatchObject({ status: 'agreement', closedOn: chinaToday(), pending: null, next: [] });
    expect(agreed.json().agreement).toEqual({ ...terms, reviewDue: reviewApplicationDue(chinaToday()) });
    expect(agreed.json().timeline.map((e: { event: string; toStatus: string }) => [e.event, e.toStatus])).toEqual([
      ['apply', 'received'],
      ['accept', 'accepted'],
      ['session', 'in_mediation'],
      ['agree', 'agreement'],
    ]);
    expect(agreed.json().timeline[2].session.record).toBe('双方同意分两期支付。');
    const { rows } = await t.db.query(
      "SELECT action, details FROM audit_events WHERE entity_id = $1 AND action LIKE 'mediation_case.%' ORDER BY id",
      [id],
    );
    expect(rows.map((r) => r.action)).toEqual([
      'mediation_case.apply',
      'mediation_case.accept',
      'mediation_case.session',
      'mediation_case.agree',
    ]);
    expect(rows[3]?.details).toEqual({ from: 'in_mediation', to: 'agreement' });
    // The applicant sees it closed.
    expect((await lookup(trackingCode, '13800138000')).json()).toMatchObject({ status: 'agreement', pending: null });
  });

  it('a rejection, a failure and a withdrawal need their reason', async () => {
    const id = await idOf((await apply(application())).json().trackingCode);
    const bare = await event(mediator, id, { event: 'reject', version: 1 });
    expect(fieldsOf(bare)).toEqual(['note']);
    expect(bare.json().errors[0].message).toContain('说明（理由）');
    const rejected = await event(mediator, id, { event: 'reject', version: 1, note: '不属于劳动争议。' });
    expect(rejected.json()).toMatchObject({ status: 'rejected', outcomeNote: '不属于劳动争议。' });
  });

  it('an extension: once, 1–15 days, both consents; it moves the deadline by core’s count', async () => {
    const id = await idOf((await apply(application())).json().trackingCode);
    await event(mediator, id, { event: 'accept', version: 1 });
    const url = `/api/v1/mediation/cases/${id}/extension`;
    const ext = (payload: Record<string, unknown>) => as(t.app, mediator, { method: 'POST', url, payload });
    const consent = { applicantConsentOn: chinaToday(), respondentConsentOn: chinaToday() };
    expect((await ext({ version: 2, days: 16, ...consent })).json().code).toBe('extension_too_long');
    expect((await ext({ version: 2, days: 10, applicantConsentOn: chinaToday() })).json().code).toBe(
      'extension_consent',
    );
    const ok = await ext({ version: 2, days: 10, ...consent });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({
      extensionDays: 10,
      effectiveDue: caseDeadlines(chinaToday(), 10).effectiveDue,
      extension: { days: 10, ...consent },
      version: 3,
    });
    expect((await ext({ version: 3, days: 5, ...consent })).json().code).toBe('extension_twice');
  });

  it('walk-in registration with the date received; an old case is overdue, listed so, and can be closed so', async () => {
    const register = (payload: Record<string, unknown>) =>
      as(t.app, mediator, { method: 'POST', url: '/api/v1/mediation/cases', payload });
    const base = { ...application(), orgId, source: 'walk_in', receivedOn: '2026-09-22' };
    const future = await register({ ...base, receivedOn: addDays(chinaToday(), 1) });
    expect(fieldsOf(future)).toEqual(['receivedOn']);
    const entrusted = await register({ ...base, source: 'entrusted' });
    expect(fieldsOf(entrusted)).toEqual(['entrustedRef']);
    const elsewhere = await register({ ...base, orgId: jilinOrgId });
    expect(fieldsOf(elsewhere)).toEqual(['orgId']);

    const res = await register(base);
    expect(res.statusCode).toBe(201);
    // DOMAIN-RULES: received 2026-09-22 → 15 days end in the National Day holiday → 2026-10-08.
    expect(res.json()).toMatchObject({ source: 'walk_in', mediationDue: '2026-10-08', acceptanceDue: '2026-09-28' });
    const id = res.json().id;
    const overdue = await as(t.app, mediator, { url: '/api/v1/mediation/cases?due=overdue&pageSize=100' });
    expect(overdue.json().items.map((c: { id: string }) => c.id)).toContain(id);
    expect(overdue.json().items.every((c: { pending: { state: string } }) => c.pending.state === 'overdue')).toBe(true);
    await event(mediator, id, { event: 'accept', version: 1 });
    const closed = await event(mediator, id, { event: 'expire', version: 2 });
    expect(closed.json()).toMatchObject({ status: 'overdue', closedOn: chinaToday() });

    // A fresh case cannot be closed as overdue.
    const fresh = await idOf((await apply(application())).json().trackingCode);
    await event(mediator, fresh, { event: 'accept', version: 1 });
    const early = await event(mediator, fresh, { event: 'expire', version: 2 });
    expect(early.json().code).toBe('not_overdue');
  });

  it('is limited to the region; personal data shown to who handles the case, audited', async () => {
    const id = await idOf((await apply(application())).json().trackingCode);
    expect((await as(t.app, jilinMediator, { url: `/api/v1/mediation/cases/${id}` })).statusCode).toBe(404);
    const theirs = await as(t.app, jilinMediator, { url: '/api/v1/mediation/cases?pageSize=100' });
    expect(theirs.json().items.every((c: { regionCode: string }) => c.regionCode.startsWith('2202'))).toBe(true);
    expect((await event(jilinMediator, id, { event: 'accept', version: 1 })).statusCode).toBe(404);
    // One organisation's inbox.
    const own = (await as(t.app, mediator, { url: `/api/v1/mediation/cases?orgId=${orgId}&pageSize=100` })).json();
    expect(own.total).toBeGreaterThan(0);
    expect(own.items.every((c: { orgId: string }) => c.orgId === orgId)).toBe(true);

    const shown = await as(t.app, mediator, { url: `/api/v1/mediation/cases/${id}?reveal=personal` });
    expect(shown.json()).toMatchObject({
      personalMasked: false,
      applicant: { idNumber: '11010519491231002X', phone: '13800138000' },
    });
    const { rows } = await t.db.query(
      "SELECT count(*)::int AS n FROM audit_events WHERE action = 'mediation_case.reveal' AND entity_id = $1",
      [id],
    );
    expect(rows[0].n).toBe(1);
  });

  it('401 without a session, 403 for enterprise users and for writing without mediation:write', async () => {
    expect((await t.app.inject({ url: '/api/v1/mediation/cases' })).statusCode).toBe(401);
    expect((await as(t.app, firm, { url: '/api/v1/mediation/cases' })).statusCode).toBe(403);
    expect((await as(t.app, regionStaff, { url: '/api/v1/mediation/cases' })).statusCode).toBe(200);
    const id = await idOf((await apply(application())).json().trackingCode);
    expect((await event(regionStaff, id, { event: 'accept', version: 1 })).statusCode).toBe(403);
    expect((await as(t.app, regionStaff, { url: '/api/v1/mediation/cases?status=bogus' })).statusCode).toBe(400);
  });
});
