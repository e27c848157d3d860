import type { Role } from '@hexie/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, fieldsOf, login, makeUser, type Session, type TestContext } from '../../../test/helpers.js';
import { seedDemoGuidance } from './guidance.seed.js';

let t: TestContext;
let province: Session;
let staff: Session;
let firmA: Session;
let firmB: Session;

beforeAll(async () => {
  t = await createTestApp('guidance');
  const mk = async (role: Role, regionCode: string) =>
    login(t.app, (await makeUser(t.db, { role, regionCode })).username);
  province = await mk('province_admin', '220000');
  staff = await mk('region_staff', '220100');
  firmA = await mk('enterprise_user', '220102');
  firmB = await mk('enterprise_user', '220102');
  await seedDemoGuidance(t.owner);
});
afterAll(() => t.close());

describe('public policy library and Q&A', () => {
  it('finds 经济补偿 inside texts without spaces, by 文号, and ranks title matches first', async () => {
    const res = await t.app.inject({ url: `/api/v1/public/policies?q=${encodeURIComponent('经济补偿')}` });
    expect(res.statusCode).toBe(200);
    expect(res.json().total).toBeGreaterThanOrEqual(2);
    expect(res.json().items.map((p: { title: string }) => p.title)).toContain('中华人民共和国劳动合同法');
    const byNumber = await t.app.inject({
      url: `/api/v1/public/policies?q=${encodeURIComponent('人力资源社会保障部令第17号')}`,
    });
    expect(byNumber.json().items[0].title).toBe('企业劳动争议协商调解规定');
    const qa = await t.app.inject({ url: `/api/v1/public/qa?q=${encodeURIComponent('经济补偿')}` });
    expect(qa.json().items[0].question).toContain('经济补偿');
    expect(qa.json().items[0].policies.length).toBeGreaterThan(0);
  });

  it('the library has 30+ policies and 20+ answers; an unpublished one is not public', async () => {
    expect((await t.app.inject({ url: '/api/v1/public/policies?pageSize=100' })).json().total).toBeGreaterThanOrEqual(
      30,
    );
    expect((await t.app.inject({ url: '/api/v1/public/qa?pageSize=100' })).json().total).toBeGreaterThanOrEqual(20);
    const draft = await as(t.app, province, {
      method: 'POST',
      url: '/api/v1/policies',
      payload: {
        title: '草稿：吉林省某项新政策',
        issuer: '吉林省人力资源和社会保障厅',
        level: 'province',
        body: '关于试用期工资的新规定草稿。',
      },
    });
    expect(draft.statusCode).toBe(201);
    expect(draft.json()).toMatchObject({ published: false, version: 1 });
    expect((await t.app.inject({ url: `/api/v1/public/policies/${draft.json().id}` })).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/api/v1/public/policies?q=${encodeURIComponent('草稿')}` })).json().total).toBe(
      0,
    );
    const pub = await as(t.app, province, {
      method: 'PATCH',
      url: `/api/v1/policies/${draft.json().id}`,
      payload: { version: 1, published: true },
    });
    expect(pub.json()).toMatchObject({ published: true, version: 2 });
    expect((await t.app.inject({ url: `/api/v1/public/policies/${draft.json().id}` })).statusCode).toBe(200);
    const audit = await t.db.query(
      "SELECT details FROM audit_events WHERE action = 'policy.update' AND entity_id = $1",
      [draft.json().id],
    );
    expect(audit.rows[0].details.after).toEqual({ published: true });
  });

  it('staff routes: 401, 403 without guidance:write, 400 naming fields, 412 stale', async () => {
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/policies', payload: {} })).statusCode).toBe(401);
    expect((await as(t.app, staff, { url: '/api/v1/policies' })).statusCode).toBe(403);
    const bad = await as(t.app, province, {
      method: 'POST',
      url: '/api/v1/policies',
      payload: { title: 'x', level: 'galaxy' },
    });
    expect(fieldsOf(bad).sort()).toEqual(['body', 'issuer', 'level', 'title']);
    const q = await as(t.app, province, {
      method: 'POST',
      url: '/api/v1/qa',
      payload: { question: '试用期可以不交社保吗？', answer: '不可以，试用期包含在劳动合同期限内。', published: true },
    });
    expect(q.statusCode).toBe(201);
    expect(
      (
        await as(t.app, province, {
          method: 'PATCH',
          url: `/api/v1/qa/${q.json().id}`,
          payload: { version: 9, answer: '不可以，试用期同样应当缴纳。' },
        })
      ).statusCode,
    ).toBe(412);
  });
});

describe('劳动用工风险体检', () => {
  it('the questionnaire is public; a report names each risk with its legal basis and stores nothing', async () => {
    const form = (await t.app.inject({ url: '/api/v1/public/self-check' })).json();
    expect(form.questions.length).toBeGreaterThanOrEqual(20);
    const before = (await t.db.query('SELECT count(*)::int AS n FROM selfcheck_reports')).rows[0].n;
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/public/self-check/report',
      payload: { answers: { c1: 'no', s1: 'no' } },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().risks.map((r: { basis: string }) => r.basis)).toEqual([
      '《劳动合同法》第十条、第八十二条',
      '《社会保险法》第五十八条、第八十四条',
    ]);
    expect((await t.db.query('SELECT count(*)::int AS n FROM selfcheck_reports')).rows[0].n).toBe(before);
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/public/self-check/report',
      payload: { answers: 'yes' },
    });
    expect(fieldsOf(bad)).toEqual(['answers']);
  });

  it('an enterprise user keeps reports; another enterprise user gets 404 for them; staff get 403', async () => {
    const kept = await as(t.app, firmA, {
      method: 'POST',
      url: '/api/v1/self-check/reports',
      payload: { answers: { c1: 'yes', w1: 'no' } },
    });
    expect(kept.statusCode).toBe(201);
    expect(kept.json().report.score).toBe(90);
    expect((await as(t.app, firmA, { url: '/api/v1/self-check/reports' })).json().total).toBe(1);
    expect((await as(t.app, firmA, { url: `/api/v1/self-check/reports/${kept.json().id}` })).statusCode).toBe(200);
    expect((await as(t.app, firmB, { url: `/api/v1/self-check/reports/${kept.json().id}` })).statusCode).toBe(404);
    expect((await as(t.app, firmB, { url: '/api/v1/self-check/reports' })).json().total).toBe(0);
    expect((await as(t.app, staff, { url: '/api/v1/self-check/reports' })).statusCode).toBe(403);
    expect((await t.app.inject({ url: '/api/v1/self-check/reports' })).statusCode).toBe(401);
  });
});
