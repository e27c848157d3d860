import { text } from 'node:stream/consumers';
import { addDays, chinaToday, documentDate, type Role, reviewApplicationDue } from '@hexie/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, login, makeUser, type Session, type TestContext } from '../../../test/helpers.js';
import { entriesOf, entryStream, openZip } from '../../platform/import/zip.js';
import { agreementFile } from './agreement.service.js';

let t: TestContext;
let mediator: Session; // mediation staff of 长春市: handles cases
let regionStaff: Session; // 长春市: reads cases, may see personal data
let jilinMediator: Session;
let socialOrg: Session; // no mediation:read
let firm: Session;
let orgId: string;

const ID_NUMBER = '11010519491231002X';
const PHONE = '13800138000';
const TERMS = ['被申请人于 12 月 15 日前支付申请人工资 6,000 元；', '于 12 月 31 日前再支付 6,000 元。'];

beforeAll(async () => {
  t = await createTestApp('mediation_agreement');
  const mk = async (role: Role, regionCode: string) =>
    login(t.app, (await makeUser(t.db, { role, regionCode })).username);
  mediator = await mk('mediation_staff', '220100');
  regionStaff = await mk('region_staff', '220100');
  jilinMediator = await mk('mediation_staff', '220200');
  socialOrg = await mk('social_org_staff', '220100');
  firm = await mk('enterprise_user', '220102');
  const { rows } = await t.owner.query<{ id: string }>(
    `INSERT INTO mediation_orgs (region_code, name, type, has_office, has_sign, rules_posted)
     VALUES ('220104', '长春市朝阳区南湖街道劳动争议调解委员会', 'township_street', true, true, true) RETURNING id`,
  );
  orgId = rows[0]?.id as string;
});
afterAll(() => t.close());

let ip = 0;
/** A case applied for online, through the public API; its id. */
async function applied(): Promise<string> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/public/mediation-applications',
    remoteAddress: `10.7.0.${++ip}`,
    payload: {
      applicant: { name: '张三', idNumber: ID_NUMBER, phone: PHONE },
      respondent: { name: '长春市某某商贸有限公司', creditCode: '91220101MA0Y5XG21M' },
      regionCode: '220104',
      orgId,
      disputeTypes: ['wages', 'severance'],
      claimAmount: 12000,
      facts: '公司拖欠 2026 年 8 月至 9 月工资共计一万二千元。\n多次催要未果。',
    },
  });
  expect(res.statusCode).toBe(201);
  const code = res.json().trackingCode;
  const { rows } = await t.db.query<{ id: string }>('SELECT id FROM mediation_cases WHERE tracking_code = $1', [code]);
  return rows[0]?.id as string;
}

const step = async (id: string, payload: Record<string, unknown>) => {
  const res = await as(t.app, mediator, { method: 'POST', url: `/api/v1/mediation/cases/${id}/events`, payload });
  expect(res.statusCode).toBe(200);
  return res.json();
};

/** A case carried to an agreement through the API: accepted, one session, agreed. */
async function agreed(): Promise<{ id: string; trackingCode: string }> {
  const id = await applied();
  await step(id, { event: 'accept', version: 1 });
  await step(id, {
    event: 'session',
    version: 2,
    session: {
      heldOn: chinaToday(),
      mediatorName: '王调解',
      participants: '张三；公司人事经理李某',
      record: '同意分期。',
    },
  });
  const c = await step(id, {
    event: 'agree',
    version: 3,
    agreement: { terms: TERMS.join('\n'), performanceDeadline: addDays(chinaToday(), 30), effectiveOn: chinaToday() },
  });
  return { id, trackingCode: c.trackingCode };
}

const download = (who: Session | null, id: string) => {
  const url = `/api/v1/mediation/cases/${id}/agreement.docx`;
  return who ? as(t.app, who, { url }) : t.app.inject({ url });
};

/** The parts of a .docx, by name, as text. */
async function partsOf(file: Buffer): Promise<Map<string, string>> {
  const zip = await openZip(file);
  const parts = new Map<string, string>();
  for (const e of await entriesOf(zip)) parts.set(e.fileName, await text(await entryStream(zip, e)));
  zip.close();
  return parts;
}

/** What a reader sees: the text of the w:t elements, paragraph by paragraph. */
const paragraphs = (xml: string) =>
  [...xml.matchAll(/<w:p>.*?<\/w:p>/g)].map((p) =>
    [...(p[0] ?? '').matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''),
  );

const exports = async (id: string) =>
  (
    await t.db.query(
      `SELECT actor_id, region_code, details FROM audit_events
        WHERE action = 'mediation_case.agreement_export' AND entity_id = $1 ORDER BY id`,
      [id],
    )
  ).rows;

describe('the agreement as a Word file', () => {
  it('has the parties, the claims, the terms, the dates, the signature lines and Chinese fonts; audited', async () => {
    const { id, trackingCode } = await agreed();
    const res = await download(mediator, id);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(res.headers['cache-control']).toBe('no-store');
    const name = encodeURIComponent(`劳动争议调解协议书-${trackingCode}.docx`);
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="mediation-agreement-${trackingCode}.docx"; filename*=UTF-8''${name}`,
    );

    const parts = await partsOf(res.rawPayload);
    expect(parts.has('[Content_Types].xml')).toBe(true);
    const xml = parts.get('word/document.xml') ?? '';
    const lines = paragraphs(xml);
    const today = documentDate(chinaToday());
    expect(lines[0]).toBe('劳动争议调解协议书');
    expect(lines).toContain(`编号：${trackingCode}`);
    expect(lines).toContain(`申请人：张三，公民身份号码 ${ID_NUMBER}，联系电话 ${PHONE}。`);
    expect(lines).toContain('被申请人：长春市某某商贸有限公司，统一社会信用代码 91220101MA0Y5XG21M。');
    expect(lines).toContain('调解组织：长春市朝阳区南湖街道劳动争议调解委员会');
    expect(
      lines.some((l) => l.startsWith(`申请人因劳动报酬、经济补偿、赔偿金争议（请求金额 12,000 元），于${today}`)),
    ).toBe(true);
    // The facts and the terms keep their lines, one paragraph each.
    expect(lines).toContain('多次催要未果。');
    for (const term of TERMS) expect(lines).toContain(term);
    expect(lines).toContain(`履行期限：双方应于${documentDate(addDays(chinaToday(), 30))}前履行完毕。`);
    expect(xml).toContain(`本协议于${today}生效，申请期限至${documentDate(reviewApplicationDue(chinaToday()))}`);
    for (const line of ['申请人（签名）：', '被申请人（签名或盖章）：', '调解员（签名）：'])
      expect(lines).toContain(line);
    expect(lines.slice(-2)).toEqual(['长春市朝阳区南湖街道劳动争议调解委员会（印章）', today]);
    // East Asian fonts on the runs: 黑体 for the title, 宋体 for the text; A4.
    expect(xml).toMatch(/<w:rFonts [^>]*w:eastAsia="黑体"[^>]*\/><w:sz w:val="44"\/>/);
    expect(xml.match(/w:eastAsia="宋体"/g)?.length).toBeGreaterThan(10);
    expect(xml).toContain('<w:pgSz w:w="11906" w:h="16838"');
    expect(parts.get('word/styles.xml')).toContain('w:eastAsia="宋体"');
    // The file's properties carry no one's name or number.
    expect(parts.get('docProps/core.xml')).not.toMatch(/张三|11010519491231002X|13800138000/);

    const [entry, ...more] = await exports(id);
    expect(more).toHaveLength(0);
    expect(entry).toMatchObject({
      actor_id: mediator.userId,
      region_code: '220104',
      details: { format: 'docx', trackingCode, unmasked: true, revealed: ['applicant.idNumber', 'applicant.phone'] },
    });
  });

  it('a role without mediation:write that may see personal data gets the numbers in full too, audited', async () => {
    const { id } = await agreed();
    const res = await download(regionStaff, id);
    expect(res.statusCode).toBe(200);
    expect((await partsOf(res.rawPayload)).get('word/document.xml')).toContain(ID_NUMBER);
    expect((await exports(id))[0]?.actor_id).toBe(regionStaff.userId);
  });

  it('a role that sees masked numbers gets them masked in the file (the service, below the route)', async () => {
    const { id } = await agreed();
    const user = await makeUser(t.db, { role: 'social_org_staff', regionCode: '220100' });
    const ctx = {
      actor: { ...user, enterpriseId: null },
      scope: t.regions.scopeOf('220100'),
      lang: 'zh-CN' as const,
      db: t.db,
      regions: t.regions,
      ip: null,
      requestId: null,
    };
    const { file } = await agreementFile(ctx, id);
    const xml = (await partsOf(file)).get('word/document.xml') ?? '';
    expect(xml).toContain('张三，公民身份号码 110105********002X，联系电话 138****8000。');
    expect(xml).not.toContain(ID_NUMBER);
    expect(xml).not.toContain(PHONE);
    expect((await exports(id))[0]?.details).toEqual({
      format: 'docx',
      trackingCode: expect.any(String),
      unmasked: false,
    });
  });

  it('409 with a clear message while the case has no agreement; nothing audited', async () => {
    const id = await applied();
    const res = await download(mediator, id);
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({
      code: 'no_agreement',
      detail: '该案件尚未达成调解协议（当前为“待受理”），没有调解协议书。',
    });
    const en = await as(t.app, mediator, {
      url: `/api/v1/mediation/cases/${id}/agreement.docx`,
      headers: { 'accept-language': 'en-US' },
    });
    expect(en.json().detail).toContain('“Awaiting acceptance”');
    expect(await exports(id)).toHaveLength(0);
  });

  it('401 without a session, 403 without mediation:read, 404 for another region’s case (the probe audited)', async () => {
    const { id } = await agreed();
    expect((await download(null, id)).statusCode).toBe(401);
    expect((await download(firm, id)).statusCode).toBe(403);
    expect((await download(socialOrg, id)).statusCode).toBe(403);
    const elsewhere = await download(jilinMediator, id);
    expect(elsewhere.statusCode).toBe(404);
    const missing = await download(jilinMediator, '00000000-0000-4000-8000-000000000000');
    expect(missing.statusCode).toBe(404);
    expect(elsewhere.json().detail).toBe(missing.json().detail);
    const { rows } = await t.db.query(
      "SELECT count(*)::int AS n FROM audit_events WHERE action = 'access.out_of_scope' AND entity_id = $1",
      [id],
    );
    expect(rows[0].n).toBe(1);
    expect(await exports(id)).toHaveLength(0);
  });

  it('400 naming the id when it is not one', async () => {
    const res = await download(mediator, 'not-a-uuid');
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual(['id']);
  });
});
