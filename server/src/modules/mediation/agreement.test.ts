import { text } from 'node:stream/consumers';
import { inflateSync } from 'node:zlib';
import { addDays, chinaToday, documentDate, type Role, reviewApplicationDue } from '@hexie/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, login, makeUser, quietLog, type Session, type TestContext } from '../../../test/helpers.js';
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
async function agreed(terms = TERMS.join('\n')): Promise<{ id: string; trackingCode: string }> {
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
    agreement: { terms, performanceDeadline: addDays(chinaToday(), 30), effectiveOn: chinaToday() },
  });
  return { id, trackingCode: c.trackingCode };
}

const download = (who: Session | null, id: string, format: 'docx' | 'pdf' = 'docx') => {
  const url = `/api/v1/mediation/cases/${id}/agreement.${format}`;
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
      log: quietLog,
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

/** The objects of a PDF as pdfkit writes them (`N 0 obj … endobj`): each one's dictionary and its stream, inflated. */
function objectsOf(pdf: Buffer): Map<number, { dict: string; stream: Buffer | null }> {
  const s = pdf.toString('latin1');
  const objects = new Map<number, { dict: string; stream: Buffer | null }>();
  const head = /(\d+) 0 obj\n/g;
  for (let m = head.exec(s); m; m = head.exec(s)) {
    const from = m.index + m[0].length;
    const open = s.indexOf('\nstream\n', from);
    const end = s.indexOf('\nendobj', from);
    if (open === -1 || open > end) {
      objects.set(Number(m[1]), { dict: s.slice(from, end), stream: null });
      continue;
    }
    const dict = s.slice(from, open);
    const start = open + '\nstream\n'.length;
    const raw = pdf.subarray(start, start + Number(/\/Length (\d+)/.exec(dict)?.[1]));
    objects.set(Number(m[1]), { dict, stream: dict.includes('/FlateDecode') ? inflateSync(raw) : raw });
    head.lastIndex = start + raw.length;
  }
  return objects;
}

/** A line of text as a reader sees it: its glyphs mapped back through the fonts' ToUnicode maps. */
interface PdfLine {
  page: number;
  /** the baseline, in points from the foot of the page */
  y: number;
  x: number;
  right: number;
  /** the font of its first run, without the subset tag */
  font: string;
  size: number;
  text: string;
}

/**
 * Reads back what pdfkit wrote: the text of each page, run by run (`/Fn size Tf`, `1 0 0 1 x y Tm`, `[<glyph ids>
 * kerning …] TJ`), decoded with each font's ToUnicode CMap and measured with its /W widths; runs on one baseline
 * make one line. Text whose font is not embedded with a ToUnicode map cannot be read this way.
 */
function readPdf(pdf: Buffer) {
  const objects = objectsOf(pdf);
  const get = (id: number) => objects.get(id) ?? { dict: '', stream: null };
  const ref = (dict: string, key: string) => Number(new RegExp(`/${key} (\\d+) 0 R`).exec(dict)?.[1]);
  const fontOf = (id: number) => {
    const dict = get(id).dict;
    const toUnicode = new Map<number, string>();
    const cmap = get(ref(dict, 'ToUnicode')).stream?.toString('latin1') ?? '';
    for (const [, first = '', list = ''] of cmap.matchAll(/<([0-9a-f]+)> <[0-9a-f]+> \[([^\]]*)\]/gi)) {
      [...list.matchAll(/<([0-9a-f ]+)>/gi)].forEach((e, i) => {
        const units = (e[1] ?? '').split(' ').map((h) => Number.parseInt(h, 16));
        toUnicode.set(Number.parseInt(first, 16) + i, String.fromCharCode(...units));
      });
    }
    const widths = new Map<number, number>();
    const w = /\/W \[(\d+) \[([^\]]*)\]\]/.exec(get(Number(/\/DescendantFonts \[(\d+) 0 R\]/.exec(dict)?.[1])).dict);
    for (const [i, x] of (w?.[2] ?? '').trim().split(/\s+/).entries()) widths.set(Number(w?.[1]) + i, Number(x));
    return { name: (/\/BaseFont \/[A-Z]{6}\+(\S+)/.exec(dict)?.[1] ?? '?').trim(), toUnicode, widths };
  };
  const pagesDict = [...objects.values()].find((o) => o.dict.includes('/Type /Pages'))?.dict ?? '';
  const kids = [...(/\/Kids \[([^\]]*)\]/.exec(pagesDict)?.[1] ?? '').matchAll(/(\d+) 0 R/g)].map((m) => Number(m[1]));
  const lines: PdfLine[] = [];
  kids.forEach((pageId, index) => {
    const page = get(pageId).dict;
    const fonts = new Map(
      [...get(ref(page, 'Resources')).dict.matchAll(/\/(F\d+) (\d+) 0 R/g)].map((m) => [m[1], fontOf(Number(m[2]))]),
    );
    const content = get(ref(page, 'Contents')).stream?.toString('latin1') ?? '';
    let font = fonts.values().next().value;
    let size = 0;
    let x = 0;
    let y = 0;
    for (const m of content.matchAll(/\/(F\d+) ([\d.]+) Tf|1 0 0 1 ([\d.-]+) ([\d.-]+) Tm|\[([^\]]*)\] TJ/g)) {
      if (m[1]) {
        font = fonts.get(m[1]);
        size = Number(m[2]);
      } else if (m[3]) {
        x = Number(m[3]);
        y = Number(m[4]);
      } else if (font) {
        let text = '';
        let width = 0;
        for (const part of (m[5] ?? '').matchAll(/<([0-9a-f]*)>|(-?[\d.]+)/gi)) {
          if (part[2]) width -= Number(part[2]);
          for (const gid of (part[1] ?? '').match(/.{4}/g) ?? []) {
            text += font.toUnicode.get(Number.parseInt(gid, 16)) ?? '\ufffd';
            width += font.widths.get(Number.parseInt(gid, 16)) ?? 0;
          }
        }
        const right = x + (width / 1000) * size;
        const last = lines.at(-1);
        if (last && last.page === index + 1 && Math.abs(last.y - y) < 0.01) {
          last.text += text;
          last.right = Math.max(last.right, right);
        } else lines.push({ page: index + 1, y, x, right, font: font.name, size, text });
      }
    }
  });
  return { objects, pages: kids.length, lines };
}

/** Text compared without its spaces: a line may wrap where the text had one. */
const squash = (s: string) => s.replace(/\s+/g, '');
/** The PDF's whole text, in reading order, without the page numbers (a paragraph may run over a page). */
const textOf = (lines: PdfLine[]) =>
  squash(
    lines
      .map((l) => l.text)
      .filter((l) => !/^第 \d+ 页 共 \d+ 页$/.test(l))
      .join(''),
  );
/** A string as pdfkit writes a non-ASCII string into the file's properties (UTF-16BE). */
const utf16 = (s: string) => Buffer.from(s, 'utf16le').swap16();
/** A4 and the GB/T 9704 side margins, in points. */
const mm = (x: number) => (x * 72) / 25.4;
const A4 = { width: mm(210), height: mm(297) };

describe('the agreement as a PDF', () => {
  it('has the same blocks as the Word file, in the embedded Noto Serif SC, subset; audited', async () => {
    const { id, trackingCode } = await agreed();
    const res = await download(mediator, id, 'pdf');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['cache-control']).toBe('no-store');
    const name = encodeURIComponent(`劳动争议调解协议书-${trackingCode}.pdf`);
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="mediation-agreement-${trackingCode}.pdf"; filename*=UTF-8''${name}`,
    );
    const pdf = res.rawPayload;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.subarray(-6).toString().trim()).toBe('%%EOF');

    // The fonts: Noto Serif SC Regular and SemiBold, each embedded as a TrueType subset (a tag before its name, a
    // /FontFile2 of a few KB where the face is 14.8 MB); no font left to the reader's machine.
    const { objects, pages, lines } = readPdf(pdf);
    const descriptors = [...objects.values()].filter((o) => o.dict.includes('/Type /FontDescriptor'));
    expect(descriptors.map((d) => /\/FontName \/[A-Z]{6}\+(\S+)/.exec(d.dict)?.[1]).sort()).toEqual([
      'NotoSerifSC-Regular',
      'NotoSerifSC-SemiBold',
    ]);
    for (const d of descriptors) {
      const file = objects.get(Number(/\/FontFile2 (\d+) 0 R/.exec(d.dict)?.[1]))?.stream;
      expect([0x00010000, 0x74727565]).toContain(file?.readUInt32BE(0)); // a TrueType font (1.0 or 'true')
      expect(file?.length).toBeGreaterThan(1_000);
      expect(file?.length).toBeLessThan(200_000);
    }
    const fontDicts = [...objects.values()].filter((o) => o.dict.includes('/Type /Font\n'));
    expect(fontDicts.map((f) => /\/Subtype \/(\w+)/.exec(f.dict)?.[1]).sort()).toEqual([
      'CIDFontType2', // each face's glyphs, from its /FontFile2
      'CIDFontType2',
      'Type0',
      'Type0',
    ]);
    expect(pdf.length).toBeLessThan(500_000);

    // The text, read back through the fonts' ToUnicode maps, as the docx test reads its paragraphs.
    const all = textOf(lines);
    const today = documentDate(chinaToday());
    expect(lines[0]).toMatchObject({ text: '劳动争议调解协议书', font: 'NotoSerifSC-SemiBold', size: 22 });
    expect(lines[1]).toMatchObject({ text: `编号：${trackingCode}`, font: 'NotoSerifSC-Regular', size: 14 });
    expect(lines[2]).toMatchObject({ font: 'NotoSerifSC-SemiBold' }); // the label 申请人：
    for (const block of [
      `申请人：张三，公民身份号码 ${ID_NUMBER}，联系电话 ${PHONE}。`,
      '被申请人：长春市某某商贸有限公司，统一社会信用代码 91220101MA0Y5XG21M。',
      '调解组织：长春市朝阳区南湖街道劳动争议调解委员会',
      `申请人因劳动报酬、经济补偿、赔偿金争议（请求金额 12,000 元），于${today}`,
      '争议事实与请求',
      '公司拖欠 2026 年 8 月至 9 月工资共计一万二千元。',
      '多次催要未果。',
      '经调解，双方自愿达成如下协议',
      ...TERMS,
      `履行期限：双方应于${documentDate(addDays(chinaToday(), 30))}前履行完毕。`,
      `本协议于${today}生效，申请期限至${documentDate(reviewApplicationDue(chinaToday()))}`,
      '本协议一式三份，双方当事人和调解组织各执一份。',
    ])
      expect(all).toContain(squash(block));
    const last = lines.filter((l) => l.page === pages);
    for (const line of ['申请人（签名）：被申请人（签名或盖章）：', '调解员（签名）：'])
      expect(last.map((l) => l.text)).toContain(line);
    expect(last.slice(-3).map((l) => l.text)).toEqual([
      '长春市朝阳区南湖街道劳动争议调解委员会（印章）',
      today,
      `第 ${pages} 页 共 ${pages} 页`,
    ]);
    // Every line within the page's side margins (GB/T 9704: left 28 mm, right 26 mm).
    for (const l of lines) {
      expect(l.x).toBeGreaterThanOrEqual(mm(28) - 0.01);
      expect(l.right).toBeLessThanOrEqual(A4.width - mm(26));
    }
    expect(pdf.toString('latin1')).toContain(`/MediaBox [0 0 ${A4.width.toFixed(2)} ${A4.height.toFixed(2)}]`);
    // The file's properties carry no one's name or number.
    for (const s of ['张三', ID_NUMBER, PHONE]) {
      expect(pdf.includes(utf16(s))).toBe(false);
      expect(pdf.includes(Buffer.from(s))).toBe(false);
    }
    expect(pdf.includes(utf16(`编号：${trackingCode}`))).toBe(true); // the subject, where it would be found

    const [entry, ...more] = await exports(id);
    expect(more).toHaveLength(0);
    expect(entry).toMatchObject({
      actor_id: mediator.userId,
      region_code: '220104',
      details: { format: 'pdf', trackingCode, unmasked: true, revealed: ['applicant.idNumber', 'applicant.phone'] },
    });
  });

  it('long terms run over pages: every clause in order, numbered pages, long words broken within the margins', async () => {
    const clauses = Array.from(
      { length: 30 },
      (_, i) =>
        `${i + 1}. 被申请人应当于2027年${(i % 12) + 1}月10日前向申请人支付第${i + 1}期款项人民币 1,000 元，汇入申请人在中国工商银行长春分行开立的账户 6222021234567890123。`,
    );
    clauses.splice(10, 0, `附：${'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.repeat(4)}（一个不能断开的长编码）。`);
    const terms = clauses.join('\n');
    expect(terms.length).toBeLessThanOrEqual(4000);
    const { id } = await agreed(terms);
    const res = await download(mediator, id, 'pdf');
    expect(res.statusCode).toBe(200);
    const { pages, lines } = readPdf(res.rawPayload);
    expect(pages).toBeGreaterThanOrEqual(3);
    const all = textOf(lines);
    let at = 0;
    for (const clause of clauses) {
      const found = all.indexOf(squash(clause), at);
      expect(found, clause).toBeGreaterThan(at);
      at = found;
    }
    for (let p = 1; p <= pages; p++) {
      const page = lines.filter((l) => l.page === p);
      expect(page.at(-1)?.text).toBe(`第 ${p} 页 共 ${pages} 页`);
      // The text stays between the top and bottom margins (37 mm, 35 mm); the page number sits in the bottom one.
      for (const l of page.slice(0, -1)) {
        expect(l.y).toBeGreaterThan(mm(35));
        expect(l.y).toBeLessThan(A4.height - mm(37));
      }
      expect(page.at(-1)?.y).toBeLessThan(mm(35));
    }
    for (const l of lines) expect(l.right).toBeLessThanOrEqual(A4.width - mm(26));
    // The last paragraph, the signature lines, the seal and the date together on the last page.
    const last = lines.filter((l) => l.page === pages).map((l) => l.text);
    expect(last).toContain('本协议一式三份，双方当事人和调解组织各执一份。');
    expect(last).toContain('调解员（签名）：');
    expect(last).toContain('长春市朝阳区南湖街道劳动争议调解委员会（印章）');
  });

  it('a role that sees masked numbers gets them masked in the PDF (the service), audited as pdf', async () => {
    const { id } = await agreed();
    const user = await makeUser(t.db, { role: 'social_org_staff', regionCode: '220100' });
    const ctx = {
      actor: { ...user, enterpriseId: null },
      scope: t.regions.scopeOf('220100'),
      lang: 'zh-CN' as const,
      db: t.db,
      regions: t.regions,
      log: quietLog,
      ip: null,
      requestId: null,
    };
    const { file, contentType, fileName } = await agreementFile(ctx, id, 'pdf');
    expect(contentType).toBe('application/pdf');
    expect(fileName).toMatch(/^劳动争议调解协议书-[2-9A-Z]{8}\.pdf$/);
    const all = textOf(readPdf(file).lines);
    expect(all).toContain(squash('张三，公民身份号码 110105********002X，联系电话 138****8000。'));
    expect(all).not.toContain(ID_NUMBER);
    expect(all).not.toContain(PHONE);
    expect((await exports(id))[0]?.details).toEqual({
      format: 'pdf',
      trackingCode: expect.any(String),
      unmasked: false,
    });
  });

  it('409 without an agreement; 401, 403, 404 as the Word file; nothing exported is audited', async () => {
    const pending = await applied();
    const res = await download(mediator, pending, 'pdf');
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({
      code: 'no_agreement',
      detail: '该案件尚未达成调解协议（当前为“待受理”），没有调解协议书。',
    });
    expect(await exports(pending)).toHaveLength(0);

    const { id } = await agreed();
    expect((await download(null, id, 'pdf')).statusCode).toBe(401);
    expect((await download(firm, id, 'pdf')).statusCode).toBe(403);
    expect((await download(socialOrg, id, 'pdf')).statusCode).toBe(403);
    const elsewhere = await download(jilinMediator, id, 'pdf');
    expect(elsewhere.statusCode).toBe(404);
    const missing = await download(jilinMediator, '00000000-0000-4000-8000-000000000000', 'pdf');
    expect(elsewhere.json().detail).toBe(missing.json().detail);
    const { rows } = await t.db.query(
      "SELECT count(*)::int AS n FROM audit_events WHERE action = 'access.out_of_scope' AND entity_id = $1",
      [id],
    );
    expect(rows[0].n).toBe(1);
    expect(await exports(id)).toHaveLength(0);
    const bad = await download(mediator, 'not-a-uuid', 'pdf');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toEqual(['id']);
  });
});
