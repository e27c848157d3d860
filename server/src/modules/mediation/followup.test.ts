import { ATTACHMENT_RULES, addDays, chinaToday, type Role, reviewApplicationDue } from '@hexie/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipart } from '../../../test/bad-files.js';
import { as, createTestApp, fieldsOf, login, makeUser, type Session, type TestContext } from '../../../test/helpers.js';

let t: TestContext;
let mediator: Session; // mediation staff of 长春市
let jilinMediator: Session;
let regionStaff: Session; // reads cases, writes none
let orgId: string;
let otherOrgId: string;

const today = chinaToday();
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 7)]);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(100, 1)]);

beforeAll(async () => {
  t = await createTestApp('mediation_followup');
  const mk = async (role: Role, regionCode: string) =>
    login(t.app, (await makeUser(t.db, { role, regionCode })).username);
  mediator = await mk('mediation_staff', '220100');
  jilinMediator = await mk('mediation_staff', '220200');
  regionStaff = await mk('region_staff', '220100');
  const org = async (regionCode: string, name: string) =>
    (
      await t.owner.query<{ id: string }>(
        `INSERT INTO mediation_orgs (region_code, name, type, has_office, has_sign, rules_posted)
         VALUES ($1, $2, 'township_street', true, true, true) RETURNING id`,
        [regionCode, name],
      )
    ).rows[0]?.id as string;
  orgId = await org('220104', '长春市朝阳区南湖街道劳动争议调解委员会');
  otherOrgId = await org('220102', '长春市南关区劳动争议调解中心');
});
afterAll(() => t.close());

let ip = 0;
const application = {
  applicant: { name: '张三', idNumber: '11010519491231002X', phone: '13800138000' },
  respondent: { name: '长春市某某商贸有限公司', creditCode: '91220101MA0Y5XG21M' },
  regionCode: '220104',
  orgId: null,
  disputeTypes: ['wages'],
  claimAmount: 12000,
  facts: '公司拖欠 2026 年 8 月至 9 月工资共计一万二千元，多次催要未果。',
};
const apply = async () =>
  (
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/public/mediation-applications',
      payload: application,
      remoteAddress: `10.2.0.${++ip}`,
    })
  ).json().trackingCode as string;
const publicUpload = (code: string, phone: string, name: string, data: Buffer, remoteAddress = `10.3.0.${++ip}`) => {
  const m = multipart(name, data);
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/public/mediation-applications/${code}/attachments?phone=${phone}`,
    payload: m.payload,
    headers: m.headers,
    remoteAddress,
  });
};
const staffUpload = (who: Session, id: string, name: string, data: Buffer) => {
  const m = multipart(name, data);
  return as(t.app, who, {
    method: 'POST',
    url: `/api/v1/mediation/cases/${id}/attachments`,
    payload: m.payload,
    headers: m.headers,
  });
};
const idOf = async (trackingCode: string) =>
  (await t.db.query<{ id: string }>('SELECT id FROM mediation_cases WHERE tracking_code = $1', [trackingCode])).rows[0]
    ?.id as string;
const attachmentCount = async (caseId: string) =>
  (
    await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM mediation_case_attachments WHERE case_id = $1', [
      caseId,
    ])
  ).rows[0]?.n;
const event = (id: string, payload: Record<string, unknown>) =>
  as(t.app, mediator, { method: 'POST', url: `/api/v1/mediation/cases/${id}/events`, payload });
const file = (who: Session, id: string) => as(t.app, who, { url: `/api/v1/mediation/cases/${id}/file` });
const put = (id: string, what: string, payload: Record<string, unknown>, who = mediator) =>
  as(t.app, who, { method: 'PUT', url: `/api/v1/mediation/cases/${id}/${what}`, payload });
const auditOf = async (caseId: string, action: string) =>
  (
    await t.db.query<{ details: Record<string, unknown>; actor_id: string | null }>(
      'SELECT details, actor_id FROM audit_events WHERE entity_id = $1 AND action = $2 ORDER BY id',
      [caseId, action],
    )
  ).rows;

/** A walk-in case received `daysAgo` days ago, taken to an agreement that took effect `effectAgo` days ago. */
async function agreedCase(daysAgo: number, effectAgo: number, performanceDeadline = addDays(today, 30)) {
  const reg = await as(t.app, mediator, {
    method: 'POST',
    url: '/api/v1/mediation/cases',
    payload: { ...application, orgId, source: 'walk_in', receivedOn: addDays(today, -daysAgo) },
  });
  expect(reg.statusCode).toBe(201);
  const id = reg.json().id as string;
  await event(id, { event: 'accept', version: 1 });
  await event(id, {
    event: 'session',
    version: 2,
    session: {
      heldOn: addDays(today, -effectAgo),
      mediatorName: '李调解',
      participants: '张三、公司代表',
      record: '双方同意分期支付。',
    },
  });
  const agreed = await event(id, {
    event: 'agree',
    version: 3,
    agreement: {
      terms: '公司于履行期限内支付工资一万二千元。',
      performanceDeadline,
      effectiveOn: addDays(today, -effectAgo),
    },
  });
  expect(agreed.statusCode).toBe(200);
  return { id, version: agreed.json().version as number };
}

describe('attachments', () => {
  it('the applicant adds evidence with the tracking code and phone while the application awaits acceptance', async () => {
    const code = await apply();
    const id = await idOf(code);
    const res = await publicUpload(code, '13800138000', '工资条.png', PNG);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({ fileName: '工资条.png', size: PNG.length, files: 1 });
    const pdf = await publicUpload(code.toLowerCase(), '138-0013-8000', 'C:\\Users\\x\\劳动合同', PDF);
    expect(pdf.json().fileName).toBe('劳动合同.pdf');
    const [first] = await auditOf(id, 'mediation_case.attach');
    expect(first?.actor_id).toBeNull();
    expect(first?.details).toMatchObject({ contentType: 'image/png', size: PNG.length });

    // Staff see both on the case file and download them (audited: they hold personal data).
    const f = await file(mediator, id);
    expect(f.statusCode).toBe(200);
    expect(
      f.json().attachments.map((a: { fileName: string; uploadedBy: string }) => [a.fileName, a.uploadedBy]),
    ).toEqual([
      ['工资条.png', 'applicant'],
      ['劳动合同.pdf', 'applicant'],
    ]);
    const attId = f.json().attachments[0].id;
    const dl = await as(t.app, mediator, { url: `/api/v1/mediation/cases/${id}/attachments/${attId}` });
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-type']).toBe('image/png');
    expect(dl.headers['content-disposition']).toContain(encodeURIComponent('工资条.png'));
    expect(dl.rawPayload.equals(PNG)).toBe(true);
    expect(await auditOf(id, 'mediation_case.attachment_read')).toHaveLength(1);
    // The timeline says a document came in.
    const detail = await as(t.app, mediator, { url: `/api/v1/mediation/cases/${id}` });
    expect(detail.json().timeline.map((e: { event: string }) => e.event)).toEqual(['apply', 'attach', 'attach']);
  });

  it('a wrong phone or code is 404 and writes nothing; only images and PDF, by content; size and count capped', async () => {
    const code = await apply();
    const id = await idOf(code);
    const wrongPhone = await publicUpload(code, '13900000000', 'a.png', PNG);
    const wrongCode = await publicUpload('ABCDEFGH', '13800138000', 'a.png', PNG);
    expect([wrongPhone.statusCode, wrongCode.statusCode]).toEqual([404, 404]);
    expect(wrongPhone.json().detail).toBe(wrongCode.json().detail);

    const disguised = await publicUpload(code, '13800138000', '证据.jpg', Buffer.from('<script>alert(1)</script>'));
    expect(disguised.statusCode).toBe(400);
    expect(disguised.json().code).toBe('attachment_type');
    expect(disguised.json().detail).toContain('PDF');

    const big = Buffer.concat([PNG, Buffer.alloc(ATTACHMENT_RULES.publicMaxBytes)]);
    const oversize = await publicUpload(code, '13800138000', '大图.png', big);
    expect(oversize.statusCode).toBe(413);
    expect(oversize.json()).toMatchObject({ code: 'attachment_too_large' });
    expect(oversize.json().detail).toContain('5 MB');
    expect(await attachmentCount(id)).toBe(0);

    for (let i = 0; i < ATTACHMENT_RULES.publicMaxFiles; i += 1) {
      expect((await publicUpload(code, '13800138000', `p${i}.jpg`, JPEG)).statusCode).toBe(201);
    }
    const sixth = await publicUpload(code, '13800138000', 'p6.jpg', JPEG);
    expect(sixth.statusCode).toBe(409);
    expect(sixth.json().code).toBe('attachment_limit');
    expect(await attachmentCount(id)).toBe(ATTACHMENT_RULES.publicMaxFiles);
  });

  it('once accepted the applicant can no longer upload; staff still can', async () => {
    const code = await apply();
    const id = await idOf(code);
    expect((await event(id, { event: 'accept', version: 1 })).statusCode).toBe(200);
    const late = await publicUpload(code, '13800138000', 'late.png', PNG);
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('attachments_closed');
    const staff = await staffUpload(mediator, id, '调解笔录.pdf', PDF);
    expect(staff.statusCode).toBe(201);
    expect(staff.json().attachments).toEqual([
      expect.objectContaining({ fileName: '调解笔录.pdf', uploadedBy: 'staff', contentType: 'application/pdf' }),
    ]);
  });

  it('uploads from one address are rate limited', async () => {
    const code = await apply();
    const codes = [];
    for (let i = 0; i < 16; i += 1) {
      codes.push((await publicUpload(code, '13900000000', 'x.png', PNG, '10.9.9.9')).statusCode);
    }
    expect(codes.slice(0, 15).every((c) => c === 404)).toBe(true);
    expect(codes[15]).toBe(429);
  });

  it('401 without a session, 403 for a reader, 404 for another region, on the file and its documents', async () => {
    const code = await apply();
    const id = await idOf(code);
    await publicUpload(code, '13800138000', 'a.png', PNG);
    const attId = (await file(mediator, id)).json().attachments[0].id;
    expect((await t.app.inject({ url: `/api/v1/mediation/cases/${id}/file` })).statusCode).toBe(401);
    expect((await staffUpload(regionStaff, id, 'a.png', PNG)).statusCode).toBe(403);
    expect((await file(regionStaff, id)).statusCode).toBe(200);
    expect((await file(jilinMediator, id)).statusCode).toBe(404);
    expect((await staffUpload(jilinMediator, id, 'a.png', PNG)).statusCode).toBe(404);
    const dl = await as(t.app, jilinMediator, { url: `/api/v1/mediation/cases/${id}/attachments/${attId}` });
    expect(dl.statusCode).toBe(404);
    expect(await attachmentCount(id)).toBe(1);
  });
});

describe('arbitral review and performance of an agreement', () => {
  it('the joint application and the commission’s result; states follow; each change audited', async () => {
    const { id, version } = await agreedCase(10, 2);
    const before = (await file(mediator, id)).json();
    expect(before).toMatchObject({
      reviewState: 'awaiting',
      reviewDaysLeft: expect.any(Number),
      performanceState: 'pending',
      review: null,
    });
    expect(before.reviewDaysLeft).toBeGreaterThanOrEqual(13);
    const applied = await put(id, 'review', {
      version,
      appliedOn: today,
      commission: '长春市劳动人事争议仲裁委员会',
    });
    expect(applied.statusCode).toBe(200);
    expect(applied.json()).toMatchObject({ reviewState: 'applied', reviewDaysLeft: null });
    const stale = await put(id, 'review', { version, appliedOn: today, commission: '长春市劳动人事争议仲裁委员会' });
    expect(stale.statusCode).toBe(412);
    const confirmed = await put(id, 'review', {
      version: applied.json().version,
      appliedOn: today,
      commission: '长春市劳动人事争议仲裁委员会',
      result: 'confirmed',
      resultOn: today,
    });
    expect(confirmed.json()).toMatchObject({
      reviewState: 'confirmed',
      review: { result: 'confirmed', resultOn: today },
    });
    const audits = await auditOf(id, 'mediation_case.review');
    expect(audits).toHaveLength(2);
    expect(audits[1]?.details).toMatchObject({ before: { result: null }, after: { result: 'confirmed' } });
  });

  it('a joint application after the 15 days, before the agreement, or in the future is refused naming the field', async () => {
    const { id, version } = await agreedCase(60, 40);
    const f = (await file(mediator, id)).json();
    expect(f.reviewState).toBe('missed');
    expect(reviewApplicationDue(addDays(today, -40)) < today).toBe(true);
    const late = await put(id, 'review', { version, appliedOn: today, commission: '长春市劳动人事争议仲裁委员会' });
    expect(late.statusCode).toBe(400);
    expect(fieldsOf(late)).toEqual(['appliedOn']);
    expect(late.json().errors[0].message).toContain('申请审查确认日期');
    expect(late.json().errors[0].message).toContain('15 日');
    const early = await put(id, 'review', {
      version,
      appliedOn: addDays(today, -41),
      commission: '长春市劳动人事争议仲裁委员会',
    });
    expect(early.json().errors[0].code).toBe('before_effect');
    const noDate = await put(id, 'review', {
      version,
      appliedOn: addDays(today, -39),
      commission: '长春市劳动人事争议仲裁委员会',
      result: 'confirmed',
    });
    expect(fieldsOf(noDate)).toEqual(['resultOn']);
    expect((await file(mediator, id)).json().review).toBeNull();
  });

  it('performance: pending, overdue once the deadline passed, then recorded; partial needs a note', async () => {
    const { id, version } = await agreedCase(30, 20, addDays(today, -5));
    expect((await file(mediator, id)).json().performanceState).toBe('overdue');
    const noNote = await put(id, 'performance', { version, status: 'partial', on: today, amountPaid: 6000 });
    expect(fieldsOf(noNote)).toEqual(['note']);
    const future = await put(id, 'performance', { version, status: 'performed', on: addDays(today, 1) });
    expect(future.json().errors[0]).toMatchObject({ field: 'on', code: 'future_date' });
    const done = await put(id, 'performance', {
      version,
      status: 'partial',
      on: today,
      amountPaid: 6000.456,
      note: '已支付一半，余款约定下月付清。',
    });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ performanceState: 'partial', performance: { amountPaid: 6000.46 } });
    expect(await auditOf(id, 'mediation_case.perform')).toHaveLength(1);
  });

  it('a case without an agreement has no review or performance to record', async () => {
    const code = await apply();
    const id = await idOf(code);
    const res = await put(id, 'review', { version: 1, appliedOn: today, commission: '长春市劳动人事争议仲裁委员会' });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('not_an_agreement');
    const f = (await file(mediator, id)).json();
    expect(f).toMatchObject({ reviewState: null, performanceState: null });
    expect((await put(id, 'review', { version: 1, appliedOn: today, commission: 'x' }, regionStaff)).statusCode).toBe(
      403,
    );
  });
});

describe('suggestion letters and the archive', () => {
  it('letters are numbered per organisation and year; the reply is recorded once', async () => {
    const { id } = await agreedCase(10, 2);
    const send = (caseId: string, over: Record<string, unknown> = {}) =>
      as(t.app, mediator, {
        method: 'POST',
        url: `/api/v1/mediation/cases/${caseId}/letters`,
        payload: {
          recipient: '长春市某某商贸有限公司',
          sentOn: today,
          content: '建议贵单位建立工资按月足额支付制度，并对同批次员工的工资发放情况进行自查。',
          ...over,
        },
      });
    const year = Number(today.slice(0, 4));
    const first = await send(id);
    expect(first.statusCode).toBe(201);
    const second = await send(id);
    expect(second.json().letters.map((l: { number: string }) => l.number)).toEqual([
      `〔${year}〕第 1 号`,
      `〔${year}〕第 2 号`,
    ]);
    // Another organisation's register starts at 1.
    const other = await as(t.app, mediator, {
      method: 'POST',
      url: '/api/v1/mediation/cases',
      payload: { ...application, orgId: otherOrgId, source: 'walk_in', receivedOn: today },
    });
    const otherLetter = await send(other.json().id);
    expect(otherLetter.json().letters[0].number).toBe(`〔${year}〕第 1 号`);

    const early = await send(id, { sentOn: addDays(today, -30) });
    expect(early.json().errors[0]).toMatchObject({ field: 'sentOn', code: 'before_received' });
    const letterId = second.json().letters[1].id;
    const reply = (payload: Record<string, unknown>) =>
      as(t.app, mediator, { method: 'PUT', url: `/api/v1/mediation/cases/${id}/letters/${letterId}/reply`, payload });
    const ok = await reply({ repliedOn: today, reply: '已完成自查，补发两名员工工资。' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().letters[1]).toMatchObject({ repliedOn: today, reply: '已完成自查，补发两名员工工资。' });
    expect((await reply({ repliedOn: today, reply: '再次反馈' })).statusCode).toBe(400);
    expect(await auditOf(id, 'mediation_case.letter')).toHaveLength(2);
  });

  it('only a closed case is archived, once, with its number; its file then takes nothing more', async () => {
    const code = await apply();
    const openId = await idOf(code);
    const open = await as(t.app, mediator, {
      method: 'POST',
      url: `/api/v1/mediation/cases/${openId}/archive`,
      payload: { version: 1 },
    });
    expect(open.statusCode).toBe(409);
    expect(open.json().code).toBe('archive_open');

    const { id, version } = await agreedCase(10, 2);
    const archive = (v: number) =>
      as(t.app, mediator, { method: 'POST', url: `/api/v1/mediation/cases/${id}/archive`, payload: { version: v } });
    const done = await archive(version);
    expect(done.statusCode).toBe(200);
    expect(done.json().archive).toEqual({ number: expect.stringMatching(/^〔\d{4}〕第 \d+ 号$/), on: today });
    const twice = await archive(done.json().version);
    expect(twice.json().code).toBe('archive_twice');
    const letter = await as(t.app, mediator, {
      method: 'POST',
      url: `/api/v1/mediation/cases/${id}/letters`,
      payload: { recipient: '长春市某某商贸有限公司', sentOn: today, content: '归档后不应再能发出的建议书内容。' },
    });
    expect(letter.json().code).toBe('case_archived');
    expect((await staffUpload(mediator, id, 'late.pdf', PDF)).json().code).toBe('case_archived');
    const detail = await as(t.app, mediator, { url: `/api/v1/mediation/cases/${id}` });
    expect(detail.statusCode).toBe(200);
    expect(detail.json().timeline.at(-1)).toMatchObject({ event: 'archive', note: done.json().archive.number });
    expect(await auditOf(id, 'mediation_case.archive')).toHaveLength(1);
  });
});
