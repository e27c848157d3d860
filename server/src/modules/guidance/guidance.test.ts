import { type Role, SELFCHECK_QUESTIONS } from '@hexie/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, fieldsOf, login, makeUser, type Session, type TestContext } from '../../../test/helpers.js';
import { seedDemoGuidance } from './guidance.seed.js';

let t: TestContext;
let province: Session;
let cityAdmin: Session;
let staff: Session;
let firmA: Session;
let firmB: Session;

const q = (s: string) => encodeURIComponent(s);

beforeAll(async () => {
  t = await createTestApp('guidance');
  const mk = async (role: Role, regionCode: string) =>
    login(t.app, (await makeUser(t.db, { role, regionCode })).username);
  province = await mk('province_admin', '220000');
  cityAdmin = await mk('region_admin', '220200');
  staff = await mk('region_staff', '220100');
  firmA = await mk('enterprise_user', '220102');
  firmB = await mk('enterprise_user', '220102');
  // This file's own database: the demo library, to check it as well as the rows the tests add.
  await seedDemoGuidance(t.owner);
});
afterAll(() => t.close());

/** A policy through the API, as staff would add it. */
async function addPolicy(over: Record<string, unknown> = {}, who = province) {
  const res = await as(t.app, who, {
    method: 'POST',
    url: '/api/v1/policies',
    payload: {
      title: `测试政策${Math.random().toString(36).slice(2, 7)}`,
      issuer: '吉林省人力资源和社会保障厅',
      level: 'province',
      body: '测试正文。',
      published: true,
      ...over,
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; version: number; title: string; published: boolean };
}

describe('the demo library', () => {
  it('has 30+ published policies with real numbers, and 20+ answers linked to the policies they cite', async () => {
    const list = (await t.app.inject({ url: '/api/v1/public/policies?pageSize=100' })).json();
    expect(list.total).toBeGreaterThanOrEqual(30);
    const law = list.items.find((p: { title: string }) => p.title === '中华人民共和国劳动合同法');
    expect(law).toMatchObject({
      issuer: '全国人民代表大会常务委员会',
      docNumber: '主席令第六十五号',
      issuedOn: '2007-06-29',
      effectiveOn: '2008-01-01',
      level: 'national',
      status: 'current',
    });
    expect(law).not.toHaveProperty('body');
    const qa = (await t.app.inject({ url: '/api/v1/public/qa?pageSize=100' })).json();
    expect(qa.total).toBeGreaterThanOrEqual(20);
    const linked = qa.items.find((x: { question: string }) => x.question === '经济补偿如何计算？');
    expect(linked.policies.map((p: { title: string }) => p.title)).toContain('中华人民共和国劳动合同法');
  });
});

describe('public search (no sign-in)', () => {
  it('finds 经济补偿 inside a body without spaces, title matches first', async () => {
    const inBody = await addPolicy({
      title: '关于规范用工的一则通知',
      issuedOn: '2026-01-05',
      body: '用人单位依法解除劳动合同的应当向劳动者支付经济补偿金并出具解除证明',
    });
    const inTitle = await addPolicy({ title: '经济补偿支付指引（测试）', issuedOn: '2001-01-01' });
    const res = await t.app.inject({ url: `/api/v1/public/policies?q=${q('经济补偿')}&pageSize=100` });
    expect(res.statusCode).toBe(200);
    const ids = res.json().items.map((p: { id: string }) => p.id);
    expect(ids).toContain(inBody.id);
    expect(ids).toContain(inTitle.id);
    // every title holding the words comes before every body-only match, whatever the dates
    const titles = res.json().items.map((p: { title: string }) => p.title.includes('经济补偿'));
    expect(titles.indexOf(false)).toBeGreaterThan(titles.lastIndexOf(true));
    expect(ids.indexOf(inTitle.id)).toBeLessThan(ids.indexOf(inBody.id));
  });

  it('finds by 文号 (any part, any case), by several words, and treats % and _ as plain characters', async () => {
    const byNumber = await t.app.inject({ url: `/api/v1/public/policies?q=${q('人力资源社会保障部令第17号')}` });
    expect(byNumber.json().items.map((p: { title: string }) => p.title)).toEqual(['企业劳动争议协商调解规定']);
    const part = await t.app.inject({ url: `/api/v1/public/policies?q=${q('吉人社联〔2020〕93')}` });
    expect(part.json().total).toBe(1);
    await addPolicy({ title: 'Guide ABC-7 测试', docNumber: 'hx〔2026〕7号' });
    const anyCase = await t.app.inject({ url: `/api/v1/public/policies?q=${q('HX〔2026〕7')}` });
    expect(anyCase.json().items.map((p: { docNumber: string }) => p.docNumber)).toEqual(['hx〔2026〕7号']);
    const words = await t.app.inject({ url: `/api/v1/public/policies?q=${q('经济补偿　工作年限')}` });
    expect(words.json().total).toBeGreaterThan(0);
    for (const p of words.json().items) {
      const full = (await t.app.inject({ url: `/api/v1/public/policies/${p.id}` })).json();
      expect(`${full.title}${full.body}`).toMatch(/经济补偿[\s\S]*工作年限|工作年限[\s\S]*经济补偿/);
    }
    expect((await t.app.inject({ url: `/api/v1/public/policies?q=${q('_')}` })).json().total).toBe(0);
    expect((await t.app.inject({ url: `/api/v1/public/policies?q=${q('补%偿')}` })).json().total).toBe(0);
    expect((await t.app.inject({ url: `/api/v1/public/policies?q=${q('没有这样的词语组合')}` })).json()).toMatchObject({
      total: 0,
      items: [],
    });
  });

  it('filters by level, tag and status', async () => {
    const province = await t.app.inject({ url: '/api/v1/public/policies?level=province&pageSize=100' });
    expect(province.json().items.every((p: { level: string }) => p.level === 'province')).toBe(true);
    const tag = await t.app.inject({ url: `/api/v1/public/policies?tag=${q('社会保险')}&pageSize=100` });
    expect(tag.json().total).toBeGreaterThanOrEqual(2);
    expect(tag.json().items.every((p: { tags: string[] }) => p.tags.includes('社会保险'))).toBe(true);
    const amended = await t.app.inject({ url: '/api/v1/public/policies?status=amended' });
    expect(amended.json().items.map((p: { title: string }) => p.title)).toContain('工伤保险条例（2003年）');
    const tags = (await t.app.inject({ url: '/api/v1/public/guidance-tags' })).json();
    expect(tags.policies.find((x: { tag: string }) => x.tag === '社会保险').count).toBeGreaterThanOrEqual(2);
    expect(tags.qa.length).toBeGreaterThan(0);
  });

  it('400 names the bad parameter; an unknown or malformed id is 404 or 400', async () => {
    const big = await t.app.inject({ url: '/api/v1/public/policies?pageSize=101' });
    expect(big.statusCode).toBe(400);
    expect(fieldsOf(big)).toEqual(['pageSize']);
    expect(fieldsOf(await t.app.inject({ url: '/api/v1/public/policies?level=galaxy' }))).toEqual(['level']);
    expect(fieldsOf(await t.app.inject({ url: `/api/v1/public/qa?q=${'长'.repeat(51)}` }))).toEqual(['q']);
    expect((await t.app.inject({ url: '/api/v1/public/policies/not-a-uuid' })).statusCode).toBe(400);
    const missing = await t.app.inject({ url: '/api/v1/public/policies/00000000-0000-4000-8000-000000000000' });
    expect(missing.statusCode).toBe(404);
    expect((await t.app.inject({ url: '/api/v1/public/qa/00000000-0000-4000-8000-000000000000' })).statusCode).toBe(
      404,
    );
  });

  it('Q&A: searchable, question matches first, one answer by id with the policies it cites', async () => {
    const res = await t.app.inject({ url: `/api/v1/public/qa?q=${q('经济补偿')}` });
    expect(res.statusCode).toBe(200);
    expect(res.json().items[0].question).toContain('经济补偿');
    const one = await t.app.inject({ url: `/api/v1/public/qa/${res.json().items[0].id}` });
    expect(one.statusCode).toBe(200);
    expect(one.json().policies.length).toBeGreaterThan(0);
    const cited = one.json().policies[0].id;
    const citing = await t.app.inject({ url: `/api/v1/public/qa?policyId=${cited}&pageSize=100` });
    expect(citing.json().total).toBeGreaterThan(0);
    for (const x of citing.json().items) expect(x.policies.map((p: { id: string }) => p.id)).toContain(cited);
    expect(fieldsOf(await t.app.inject({ url: '/api/v1/public/qa?policyId=x' }))).toEqual(['policyId']);
  });
});

describe('only published items are public', () => {
  it('a draft policy is not found, listed or searched until it is published; withdrawing hides it again', async () => {
    const draft = await addPolicy({
      title: '草稿：吉林省某项新政策',
      published: false,
      body: '关于试用期工资的新规定草稿。',
    });
    expect(draft).toMatchObject({ published: false, version: 1 });
    expect((await t.app.inject({ url: `/api/v1/public/policies/${draft.id}` })).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/api/v1/public/policies?q=${q('草稿')}` })).json().total).toBe(0);
    // staff see it
    expect((await as(t.app, province, { url: `/api/v1/policies/${draft.id}` })).json().title).toBe(draft.title);
    const drafts = await as(t.app, province, { url: '/api/v1/policies?published=false&pageSize=100' });
    expect(drafts.json().items.map((p: { id: string }) => p.id)).toContain(draft.id);
    // Staff maintain the library: what was edited last comes first (the public reads newest issued first).
    const staffList = await as(t.app, province, { url: '/api/v1/policies?pageSize=5' });
    expect(staffList.json().items[0].id).toBe(draft.id);

    const pub = await as(t.app, province, {
      method: 'PATCH',
      url: `/api/v1/policies/${draft.id}`,
      payload: { version: 1, published: true },
    });
    expect(pub.json()).toMatchObject({ published: true, version: 2 });
    expect((await t.app.inject({ url: `/api/v1/public/policies/${draft.id}` })).statusCode).toBe(200);
    expect((await t.app.inject({ url: `/api/v1/public/policies?q=${q('草稿')}` })).json().total).toBe(1);

    const back = await as(t.app, cityAdmin, {
      method: 'PATCH',
      url: `/api/v1/policies/${draft.id}`,
      payload: { version: 2, published: false },
    });
    expect(back.json()).toMatchObject({ published: false, version: 3 });
    expect((await t.app.inject({ url: `/api/v1/public/policies/${draft.id}` })).statusCode).toBe(404);
  });

  it('a draft Q&A is not public, and a public answer does not name a draft policy it cites', async () => {
    const hidden = await addPolicy({ title: '未发布的关联政策', published: false });
    const shown = await addPolicy({ title: '已发布的关联政策' });
    const draft = await as(t.app, province, {
      method: 'POST',
      url: '/api/v1/qa',
      payload: { question: '草稿问题：试用期能否延长？', answer: '草稿解答：不能。', policyIds: [hidden.id, shown.id] },
    });
    expect(draft.statusCode).toBe(201);
    expect(draft.json().policies).toHaveLength(2);
    expect((await t.app.inject({ url: `/api/v1/public/qa/${draft.json().id}` })).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/api/v1/public/qa?q=${q('草稿问题')}` })).json().total).toBe(0);
    await as(t.app, province, {
      method: 'PATCH',
      url: `/api/v1/qa/${draft.json().id}`,
      payload: { version: 1, published: true },
    });
    const pub = await t.app.inject({ url: `/api/v1/public/qa/${draft.json().id}` });
    expect(pub.json().policies.map((p: { title: string }) => p.title)).toEqual(['已发布的关联政策']);
  });
});

describe('staff administration (guidance:write)', () => {
  const routes = [
    { method: 'GET', url: '/api/v1/policies' },
    { method: 'POST', url: '/api/v1/policies' },
    { method: 'GET', url: '/api/v1/policies/00000000-0000-4000-8000-000000000000' },
    { method: 'PATCH', url: '/api/v1/policies/00000000-0000-4000-8000-000000000000' },
    { method: 'GET', url: '/api/v1/qa' },
    { method: 'POST', url: '/api/v1/qa' },
    { method: 'GET', url: '/api/v1/qa/00000000-0000-4000-8000-000000000000' },
    { method: 'PATCH', url: '/api/v1/qa/00000000-0000-4000-8000-000000000000' },
  ] as const;

  it('401 without a session, 403 for roles without guidance:write', async () => {
    for (const r of routes) {
      expect((await t.app.inject({ ...r, payload: r.method === 'GET' ? undefined : {} })).statusCode, r.url).toBe(401);
      for (const who of [staff, firmA]) {
        const res = await as(t.app, who, { ...r, payload: r.method === 'GET' ? undefined : {} });
        expect(res.statusCode, r.url).toBe(403);
      }
    }
  });

  it('400 names every bad field on create and update; 404 unknown; 412 stale', async () => {
    const bad = await as(t.app, province, {
      method: 'POST',
      url: '/api/v1/policies',
      payload: { title: 'x', level: 'galaxy', issuedOn: '2024-02-30', tags: ['a'.repeat(21)] },
    });
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad).sort()).toEqual(['body', 'issuedOn', 'issuer', 'level', 'tags.0', 'title']);
    expect(bad.json().errors.find((e: { field: string }) => e.field === 'issuer').message).toContain('发文机关');

    const order = await as(t.app, province, {
      method: 'POST',
      url: '/api/v1/policies',
      payload: {
        title: '日期倒置',
        issuer: '某机关',
        level: 'city',
        body: '正文',
        issuedOn: '2024-05-01',
        effectiveOn: '2024-04-01',
      },
    });
    expect(fieldsOf(order)).toEqual(['effectiveOn']);
    expect(order.json().errors[0].message).toContain('施行日期不能早于发布日期');

    const p = await addPolicy();
    const noVersion = await as(t.app, province, {
      method: 'PATCH',
      url: `/api/v1/policies/${p.id}`,
      payload: { title: '' },
    });
    expect(fieldsOf(noVersion).sort()).toEqual(['title', 'version']);
    const unknown = await as(t.app, province, {
      method: 'PATCH',
      url: `/api/v1/policies/${p.id}`,
      payload: { version: 1, colour: 'red' },
    });
    expect(unknown.statusCode).toBe(400);
    const stale = await as(t.app, province, {
      method: 'PATCH',
      url: `/api/v1/policies/${p.id}`,
      payload: { version: 9, title: '新标题' },
    });
    expect(stale.statusCode).toBe(412);
    const missing = await as(t.app, province, {
      method: 'PATCH',
      url: '/api/v1/policies/00000000-0000-4000-8000-000000000000',
      payload: { version: 1, title: '新标题' },
    });
    expect(missing.statusCode).toBe(404);

    const badQa = await as(t.app, province, {
      method: 'POST',
      url: '/api/v1/qa',
      payload: { question: '短', answer: '', policyIds: ['nope'] },
    });
    expect(fieldsOf(badQa).sort()).toEqual(['answer', 'policyIds.0', 'question']);
    const ghost = await as(t.app, province, {
      method: 'POST',
      url: '/api/v1/qa',
      payload: {
        question: '引用不存在的政策？',
        answer: '不允许。',
        policyIds: ['00000000-0000-4000-8000-000000000000'],
      },
    });
    expect(fieldsOf(ghost)).toEqual(['policyIds']);
    const qa = await as(t.app, province, {
      method: 'POST',
      url: '/api/v1/qa',
      payload: { question: '试用期可以不交社保吗？', answer: '不可以，试用期包含在劳动合同期限内。', published: true },
    });
    expect(qa.statusCode).toBe(201);
    const staleQa = await as(t.app, province, {
      method: 'PATCH',
      url: `/api/v1/qa/${qa.json().id}`,
      payload: { version: 9, answer: '不可以，试用期同样应当缴纳。' },
    });
    expect(staleQa.statusCode).toBe(412);
  });

  it('every change is audited with before and after; an unchanged save writes nothing', async () => {
    const p = await addPolicy({
      title: '审计测试政策',
      docNumber: '测〔2026〕1号',
      published: false,
      body: '一二三四五',
    });
    const created = await t.db.query(
      "SELECT details, region_code FROM audit_events WHERE action = 'policy.create' AND entity_id = $1",
      [p.id],
    );
    expect(created.rows[0].region_code).toBe('220000');
    expect(created.rows[0].details.after).toMatchObject({
      title: '审计测试政策',
      docNumber: '测〔2026〕1号',
      published: false,
      body: '〔正文 5 字〕',
    });
    const edit = await as(t.app, province, {
      method: 'PATCH',
      url: `/api/v1/policies/${p.id}`,
      payload: { version: 1, docNumber: '测〔2026〕2号', tags: ['工资'], body: '一二三' },
    });
    expect(edit.json()).toMatchObject({ version: 2, docNumber: '测〔2026〕2号', tags: ['工资'], body: '一二三' });
    const updated = await t.db.query(
      "SELECT details FROM audit_events WHERE action = 'policy.update' AND entity_id = $1",
      [p.id],
    );
    expect(updated.rows[0].details).toMatchObject({
      before: { docNumber: '测〔2026〕1号', tags: [], body: '〔正文 5 字〕' },
      after: { docNumber: '测〔2026〕2号', tags: ['工资'], body: '〔正文 3 字〕' },
    });
    await as(t.app, province, {
      method: 'PATCH',
      url: `/api/v1/policies/${p.id}`,
      payload: { version: 2, published: true },
    });
    const published = await t.db.query(
      "SELECT details FROM audit_events WHERE action = 'policy.publish' AND entity_id = $1",
      [p.id],
    );
    expect(published.rows[0].details).toMatchObject({ before: { published: false }, after: { published: true } });
    const same = await as(t.app, province, {
      method: 'PATCH',
      url: `/api/v1/policies/${p.id}`,
      payload: { version: 3, docNumber: '测〔2026〕2号' },
    });
    expect(same.json().version).toBe(3);
    const all = await t.db.query('SELECT count(*)::int AS n FROM audit_events WHERE entity_id = $1', [p.id]);
    expect(all.rows[0].n).toBe(3);

    const qa = await as(t.app, province, {
      method: 'POST',
      url: '/api/v1/qa',
      payload: { question: '审计测试问题？', answer: '审计测试解答。', tags: ['测试'] },
    });
    await as(t.app, province, {
      method: 'PATCH',
      url: `/api/v1/qa/${qa.json().id}`,
      payload: { version: 1, answer: '修改后的解答。', published: true },
    });
    const qaEvents = await t.db.query('SELECT action, details FROM audit_events WHERE entity_id = $1 ORDER BY id', [
      qa.json().id,
    ]);
    expect(qaEvents.rows.map((r) => r.action)).toEqual(['qa.create', 'qa.publish']);
    expect(qaEvents.rows[0].details.after).toMatchObject({
      question: '审计测试问题？',
      tags: ['测试'],
      published: false,
    });
    expect(qaEvents.rows[1].details).toMatchObject({
      before: { answer: '审计测试解答。', published: false },
      after: { answer: '修改后的解答。', published: true },
    });
  });
});

describe('劳动用工风险体检', () => {
  it('the questionnaire is public and carries no risks (those come with the report)', async () => {
    const res = await t.app.inject({ url: '/api/v1/public/self-check' });
    expect(res.statusCode).toBe(200);
    const form = res.json();
    expect(form.questions.length).toBeGreaterThanOrEqual(20);
    expect(form.areas.map((a: { area: string }) => a.area)).toEqual([
      'contract',
      'hours',
      'wages',
      'social_insurance',
      'leave',
      'dismissal',
    ]);
    expect(res.body).not.toContain('basis');
  });

  it('a known answer set gives its report: the named risks with their basis, nothing stored', async () => {
    const before = (await t.owner.query('SELECT count(*)::int AS n FROM selfcheck_reports')).rows[0].n;
    const safe = Object.fromEntries(
      SELFCHECK_QUESTIONS.map((x) => [x.id, x.options.find((o) => !o.risk)?.value ?? '']),
    );
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/public/self-check/report',
      payload: { answers: { ...safe, c1: 'no', s1: 'no', w3: 'no', zz: 'no' } },
    });
    expect(res.statusCode).toBe(200);
    const r = res.json();
    expect(r).toMatchObject({ score: 78, grade: 'fair', answered: SELFCHECK_QUESTIONS.length, unanswered: [] });
    expect(r.counts).toEqual({ high: 2, medium: 0, low: 1 });
    expect(r.risks.map((x: { title: string; basis: string }) => [x.title, x.basis])).toEqual([
      ['未在用工之日起一个月内订立书面劳动合同', '《劳动合同法》第十条、第八十二条'],
      ['未按时办理社会保险登记', '《社会保险法》第五十八条、第八十四条'],
      ['未建立工资支付记录', '《工资支付暂行规定》第六条'],
    ]);
    expect(r.byArea.find((a: { area: string }) => a.area === 'contract').risks).toBe(1);
    expect((await t.owner.query('SELECT count(*)::int AS n FROM selfcheck_reports')).rows[0].n).toBe(before);

    const partial = (
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/public/self-check/report',
        payload: { answers: { c1: 'yes' } },
      })
    ).json();
    expect(partial.unanswered).toHaveLength(SELFCHECK_QUESTIONS.length - 1);
  });

  it('400 names the field', async () => {
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/public/self-check/report',
      payload: { answers: 'yes' },
    });
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad)).toEqual(['answers']);
    const none = await t.app.inject({ method: 'POST', url: '/api/v1/public/self-check/report', payload: {} });
    expect(fieldsOf(none)).toEqual(['answers']);
  });

  it('an enterprise user keeps reports and reads only their own; others 404; staff 403; nobody 401', async () => {
    const kept = await as(t.app, firmA, {
      method: 'POST',
      url: '/api/v1/self-check/reports',
      payload: { answers: { c1: 'yes', w1: 'no' } },
    });
    expect(kept.statusCode).toBe(201);
    expect(kept.json().report).toMatchObject({ score: 90, counts: { high: 1, medium: 0, low: 0 } });
    const mine = await as(t.app, firmA, { url: '/api/v1/self-check/reports' });
    expect(mine.json()).toMatchObject({ total: 1, items: [{ id: kept.json().id, score: 90, grade: 'good' }] });
    const one = await as(t.app, firmA, { url: `/api/v1/self-check/reports/${kept.json().id}` });
    expect(one.json()).toMatchObject({ answers: { c1: 'yes', w1: 'no' }, report: { score: 90 } });

    expect((await as(t.app, firmB, { url: `/api/v1/self-check/reports/${kept.json().id}` })).statusCode).toBe(404);
    expect((await as(t.app, firmB, { url: '/api/v1/self-check/reports' })).json().total).toBe(0);
    expect((await as(t.app, staff, { url: '/api/v1/self-check/reports' })).statusCode).toBe(403);
    expect(
      (await as(t.app, province, { method: 'POST', url: '/api/v1/self-check/reports', payload: { answers: {} } }))
        .statusCode,
    ).toBe(403);
    expect((await t.app.inject({ url: '/api/v1/self-check/reports' })).statusCode).toBe(401);
    expect((await t.app.inject({ url: `/api/v1/self-check/reports/${kept.json().id}` })).statusCode).toBe(401);
    const noCsrf = await as(t.app, firmA, {
      method: 'POST',
      url: '/api/v1/self-check/reports',
      payload: { answers: {} },
      csrf: false,
    });
    expect(noCsrf.statusCode).toBe(403);
    const badKeep = await as(t.app, firmA, {
      method: 'POST',
      url: '/api/v1/self-check/reports',
      payload: { answers: [1] },
    });
    expect(fieldsOf(badKeep)).toEqual(['answers']);
  });

  it('the open report is rate-limited per address', async () => {
    let last = 0;
    for (let i = 0; i < 32; i++) {
      last = (
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/public/self-check/report',
          payload: { answers: {} },
          remoteAddress: '10.9.8.7',
        })
      ).statusCode;
    }
    expect(last).toBe(429);
  });
});
