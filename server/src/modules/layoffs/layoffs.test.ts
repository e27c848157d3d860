import { chinaToday, computeSeverance, type Role, type WageParametersLookup } from '@hexie/core';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csv, multipart } from '../../../test/bad-files.js';
import { makeEnterprise } from '../../../test/factories/enterprises.js';
import { as, createTestApp, fieldsOf, login, makeUser, type Session, type TestContext } from '../../../test/helpers.js';
import { STAFF_COLUMNS } from './layoffs.import.js';
import { layoffLedgerSource } from './layoffs.ledger.js';
import { evaluatedPlans, plansOfEnterprise } from './layoffs.service.js';

// Layoff plans: access, scope, validation, versions, the audit trail, core's checks on every read, the staff import.

let t: TestContext;
let changchun: Session;
let jilin: Session;
let mediation: Session;
let firm: { id: string; creditCode: string };
let smallFirm: { id: string; creditCode: string };
let jilinFirm: { id: string; creditCode: string };
let planId: string;

const NOBODY = '00000000-0000-4000-8000-000000000000';
const DAY = 86_400_000;
const today = chinaToday();
const inDays = (n: number) => new Date(Date.parse(`${today}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
const PLANNED = inDays(60);
const YEAR = Number(PLANNED.slice(0, 4));
// Valid ID numbers (GB 11643 check characters).
const ID_A = '11010519491231002X';
const ID_B = '220102198001010012';
const ID_C = '220102199002020022';

const plan = (over: Record<string, unknown> = {}) => ({
  enterpriseId: firm.id,
  year: YEAR,
  employees: 1000,
  plannedLayoffs: 20,
  ground: 'serious_difficulty',
  plannedOn: PLANNED,
  wagesSettled: true,
  severanceStandard: 'statutory',
  fundsAvailable: 2_000_000,
  averageMonthlyWage: 6000,
  averageServiceMonths: 63,
  positions: '冲压车间',
  ...over,
});

const auditOf = async (action: string, entityId: string | null) =>
  (
    await t.db.query<{ details: Record<string, unknown>; result: string }>(
      'SELECT details, result FROM audit_events WHERE action = $1 AND ($2::text IS NULL OR entity_id = $2) ORDER BY id',
      [action, entityId],
    )
  ).rows;

const get = (s: Session, id: string) => as(t.app, s, { url: `/api/v1/layoff-plans/${id}` });
const patch = (s: Session, id: string, payload: Record<string, unknown>) =>
  as(t.app, s, { method: 'PATCH', url: `/api/v1/layoff-plans/${id}`, payload });

beforeAll(async () => {
  t = await createTestApp('layoffs');
  const mk = async (role: Role, regionCode: string) =>
    login(t.app, (await makeUser(t.db, { role, regionCode })).username);
  changchun = await mk('region_staff', '220100');
  jilin = await mk('region_admin', '220200');
  mediation = await mk('mediation_staff', '220100');
  firm = await makeEnterprise(t.db, { regionCode: '220102', employees: 1000 });
  smallFirm = await makeEnterprise(t.db, { regionCode: '220104', employees: 190 });
  jilinFirm = await makeEnterprise(t.db, { regionCode: '220202', employees: 300 });
});
afterAll(() => t.close());

describe('裁员方案 /api/v1/layoff-plans', () => {
  it('401 without a session on every endpoint', async () => {
    for (const [method, url] of [
      ['GET', '/api/v1/layoff-plans'],
      ['POST', '/api/v1/layoff-plans'],
      ['GET', `/api/v1/layoff-plans/${NOBODY}`],
      ['PATCH', `/api/v1/layoff-plans/${NOBODY}`],
      ['GET', '/api/v1/layoff-plans/staff/import-template'],
      ['POST', '/api/v1/layoff-plans/staff/import?mode=validate'],
    ] as const) {
      expect((await t.app.inject({ method, url, payload: method === 'GET' ? undefined : {} })).statusCode).toBe(401);
    }
  });

  it('403 for a role without employment:read / employment:write', async () => {
    expect((await as(t.app, mediation, { url: '/api/v1/layoff-plans' })).statusCode).toBe(403);
    const post = await as(t.app, mediation, { method: 'POST', url: '/api/v1/layoff-plans', payload: plan() });
    expect(post.statusCode).toBe(403);
  });

  it('records a plan meeting 第四十一条: both steps missing, warned; the estimate from the tables; audited', async () => {
    const res = await as(t.app, changchun, { method: 'POST', url: '/api/v1/layoff-plans', payload: plan() });
    expect(res.statusCode).toBe(201);
    const p = res.json();
    planId = p.id;
    expect(p).toMatchObject({
      enterpriseId: firm.id,
      regionCode: '220102',
      regionName: '长春市南关区',
      year: YEAR,
      art41Applies: true,
      steps: { explain: 'missing', report: 'missing' },
      explainBy: inDays(30),
      version: 1,
      doneLayoffs: 0,
      check: { art41Applies: true, byCount: true, byShare: false },
    });
    expect(p.warnings.map((w: { code: string }) => w.code)).toEqual(['explain_missing', 'report_missing']);
    expect(p.warnings[0].message['zh-CN']).toContain(`最迟于 ${inDays(30)}`);
    // 20 people x the severance of the average person (5 years 3 months at 6,000: 5.5 months = 33,000).
    expect(p.ability).toMatchObject({ people: 20, estimated: true, severanceTotal: 660_000, rating: 'sufficient' });
    expect(p.parameters.minimumWage).toMatchObject({ source: 'table', regionCode: '220102' });
    expect(p.parameters.localAverageMonthlyWage).toMatchObject({ source: 'table' });
    const [created] = await auditOf('layoff_plan.create', planId);
    expect(created?.details.after).toMatchObject({ plannedLayoffs: 20, enterpriseId: firm.id });
  });

  it('400 naming each field in Chinese; one plan per enterprise and year', async () => {
    const bad = await as(t.app, changchun, {
      method: 'POST',
      url: '/api/v1/layoff-plans',
      payload: plan({ ground: 'whim', employees: 0, fundsAvailable: -1 }),
    });
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad).sort()).toEqual(['employees', 'fundsAvailable', 'ground']);
    const messages = bad
      .json()
      .errors.map((e: { message: string }) => e.message)
      .join(' ');
    expect(messages).toContain('裁员依据');
    expect(messages).toContain('企业职工总数');
    expect(messages).toContain('可用于支付的资金');

    const rules = await as(t.app, changchun, {
      method: 'POST',
      url: '/api/v1/layoff-plans',
      payload: plan({
        enterpriseId: smallFirm.id,
        employees: 10,
        plannedLayoffs: 12,
        wagesSettled: false,
        severanceStandard: 'higher',
        explainedOn: inDays(1),
        staff: [
          { name: '王建华', idNumber: '110105194912310021', serviceStart: '2020-01-01', averageMonthlyWage: 5000 },
        ],
      }),
    });
    expect(rules.statusCode).toBe(400);
    const byField = Object.fromEntries(
      rules.json().errors.map((e: { field: string; message: string }) => [e.field, e.message]),
    );
    expect(byField).toMatchObject({
      plannedLayoffs: '本年度计划裁减人数不能大于 10。',
      wageArrears: '拖欠工资金额为必填项。',
      severanceNote: '高于法定标准的说明为必填项。',
      explainedOn: '向工会或全体职工说明情况日期不能晚于今天。',
    });
    expect(byField['staff.0.idNumber']).toContain('公民身份号码不是有效的');

    const twice = await as(t.app, changchun, { method: 'POST', url: '/api/v1/layoff-plans', payload: plan() });
    expect(twice.statusCode).toBe(400);
    expect(twice.json().errors).toEqual([
      { field: 'year', code: 'plan_exists', message: `该企业 ${YEAR} 年已有裁员方案，请修改已有方案（年度）。` },
    ]);
    // An enterprise outside the caller's region is not theirs to plan for.
    const out = await as(t.app, changchun, {
      method: 'POST',
      url: '/api/v1/layoff-plans',
      payload: plan({ enterpriseId: jilinFirm.id }),
    });
    expect(fieldsOf(out)).toEqual(['enterpriseId']);
  });

  it("another region's plan is 404 (the probe audited) and absent from its lists", async () => {
    expect((await get(jilin, planId)).statusCode).toBe(404);
    expect((await patch(jilin, planId, { version: 1, doneLayoffs: 1 })).statusCode).toBe(404);
    expect((await auditOf('access.out_of_scope', planId)).map((a) => a.result)).toEqual(['denied', 'denied']);
    expect((await get(changchun, NOBODY)).statusCode).toBe(404);
    expect((await as(t.app, jilin, { url: '/api/v1/layoff-plans' })).json().total).toBe(0);
  });

  it('19 of 1,000 people: no procedure; 20: both steps; then done and late steps', async () => {
    const below = await patch(changchun, planId, { version: 1, plannedLayoffs: 19 });
    expect(below.statusCode).toBe(200);
    expect(below.json()).toMatchObject({ art41Applies: false, steps: null, explainBy: null, version: 2 });
    expect(below.json().warnings).toEqual([]);
    const [upd] = await auditOf('layoff_plan.update', planId);
    expect(upd?.details).toEqual({ before: { plannedLayoffs: 20 }, after: { plannedLayoffs: 19 } });

    const at = (await patch(changchun, planId, { version: 2, plannedLayoffs: 20, explainedOn: today })).json();
    expect(at).toMatchObject({ art41Applies: true, steps: { explain: 'done', report: 'missing' }, version: 3 });
    expect(at.warnings.map((w: { code: string }) => w.code)).toEqual(['report_missing']);

    // The layoff moved 31 days closer: the explanation came 29 days ahead, too late.
    const late = (await patch(changchun, planId, { version: 3, plannedOn: inDays(29), reportedOn: today })).json();
    expect(late.steps).toEqual({ explain: 'late', report: 'done' });
    expect(late.warnings.map((w: { code: string; severity: string }) => [w.code, w.severity])).toEqual([
      ['explain_late', 'high'],
    ]);
    const stale = await patch(changchun, planId, { version: 3, note: '过期版本' });
    expect(stale.statusCode).toBe(412);
    const back = await patch(changchun, planId, {
      version: 4,
      plannedOn: PLANNED,
      explainedOn: null,
      reportedOn: null,
    });
    expect(back.json()).toMatchObject({ steps: { explain: 'missing', report: 'missing' }, version: 5 });
  });

  it('9.9% of the staff: no procedure; 10%: by share', async () => {
    const small = await as(t.app, changchun, {
      method: 'POST',
      url: '/api/v1/layoff-plans',
      payload: plan({ enterpriseId: smallFirm.id, employees: 191, plannedLayoffs: 19 }),
    });
    expect(small.json()).toMatchObject({ art41Applies: false, steps: null, share: 0.0995 });
    const ten = await patch(changchun, small.json().id, { version: 1, employees: 190 });
    expect(ten.json()).toMatchObject({
      art41Applies: true,
      share: 0.1,
      check: { byCount: false, byShare: true },
      steps: { explain: 'missing', report: 'missing' },
    });
  });

  it("a list: each person's severance is core's with the region's parameters, the protected flagged and left out", async () => {
    const version = (await get(changchun, planId)).json().version;
    const staff = [
      { name: '王建华', idNumber: ID_A, serviceStart: '2020-03-15', averageMonthlyWage: 6000, position: '装配工' },
      { name: '李丽娟', idNumber: ID_B, serviceStart: '2012-07-01', averageMonthlyWage: 1500 },
      {
        name: '张海燕',
        idNumber: ID_C,
        serviceStart: '2016-05-01',
        averageMonthlyWage: 5200,
        protectedGround: 'maternity',
      },
    ];
    const res = await patch(changchun, planId, { version, plannedLayoffs: 20, staff });
    expect(res.statusCode).toBe(200);
    const p = res.json();
    expect(p.staff.map((s: { idNumber: string }) => s.idNumber)).toEqual([
      '110105********002X',
      '220102********0012',
      '220102********0022',
    ]);
    expect(JSON.stringify(p)).not.toContain(ID_B);
    const params = (
      await t.app.inject({ url: `/api/v1/calculators/wage-parameters?regionCode=220102&date=${PLANNED}` })
    ).json() as WageParametersLookup;
    const figures = {
      localAverageMonthlyWage: params.localAverageMonthlyWage?.value as number,
      minimumWage: params.minimumWage?.value as number,
    };
    const own = staff.map((s) =>
      s.protectedGround
        ? null
        : computeSeverance({
            ...figures,
            averageMonthlyWage: s.averageMonthlyWage,
            serviceStart: s.serviceStart,
            serviceEnd: PLANNED,
          }).severance,
    );
    expect(p.staff.map((s: { severance: { severance: number } | null }) => s.severance?.severance ?? null)).toEqual(
      own,
    );
    expect(p.staff[1].severance).toMatchObject({ floored: true, base: figures.minimumWage });
    expect(p.staff[2]).toMatchObject({ protectedGround: 'maternity', severance: null });
    expect(p).toMatchObject({ staffCount: 3, protectedCount: 1 });
    expect(p.ability).toMatchObject({
      people: 2,
      estimated: false,
      severanceTotal: (own[0] as number) + (own[1] as number),
    });
    expect(p.warnings.map((w: { code: string }) => w.code)).toEqual(
      expect.arrayContaining(['protected_on_list', 'list_count_mismatch']),
    );
    const withList = (await auditOf('layoff_plan.update', planId)).at(-1);
    const audited = JSON.stringify(withList?.details);
    expect(audited).toContain('220102********0012');
    expect(audited).not.toContain(ID_B);

    // Kept people need not send their numbers again; one taken off, one corrected.
    const kept = await patch(changchun, planId, {
      version: p.version,
      staff: [
        { id: p.staff[0].id, name: '王建华', serviceStart: '2020-03-15', averageMonthlyWage: 6100 },
        {
          id: p.staff[2].id,
          name: '张海燕',
          serviceStart: '2016-05-01',
          averageMonthlyWage: 5200,
          protectedGround: null,
        },
      ],
    });
    expect(kept.statusCode).toBe(200);
    expect(kept.json().staff.map((s: { idNumber: string }) => s.idNumber)).toEqual([
      '110105********002X',
      '220102********0022',
    ]);
    expect(kept.json().protectedCount).toBe(0);
    const stored = await t.db.query<{ id_number: string }>(
      'SELECT id_number FROM layoff_plan_staff WHERE plan_id = $1 ORDER BY created_at',
      [planId],
    );
    expect(stored.rows.map((r) => r.id_number)).toEqual([ID_A, ID_C]);
    const last = (await auditOf('layoff_plan.update', planId)).at(-1);
    expect(last?.details.staff).toMatchObject({
      removed: [{ name: '李丽娟', idNumber: '220102********0012' }],
      changed: [{ before: { averageMonthlyWage: 6000 } }, { before: { protectedGround: 'maternity' } }],
    });
    // A person of another plan's id, or a new one without a number, is refused naming the row.
    const wrong = await patch(changchun, planId, {
      version: kept.json().version,
      staff: [
        { id: NOBODY, name: '赵立新', serviceStart: '2020-01-01', averageMonthlyWage: 4000 },
        { name: '钱多多', serviceStart: '2020-01-01', averageMonthlyWage: 4000 },
      ],
    });
    expect(fieldsOf(wrong).sort()).toEqual(['staff.0.id', 'staff.0.idNumber', 'staff.1.idNumber']);
  });

  it('the plan’s own figures override the tables; wages owed and a low ability warn', async () => {
    const version = (await get(changchun, planId)).json().version;
    const res = await patch(changchun, planId, {
      version,
      staff: [],
      localAverageMonthlyWage: 8000,
      minimumWage: 2200,
      wagesSettled: false,
      wageArrears: 300_000,
      fundsAvailable: 100_000,
    });
    expect(res.statusCode).toBe(200);
    const p = res.json();
    expect(p.parameters.minimumWage).toMatchObject({ source: 'input', value: 2200 });
    expect(p.ability).toMatchObject({ estimated: true, wagesOwed: 300_000, rating: 'severe' });
    expect(p.warnings.map((w: { code: string }) => w.code)).toEqual(
      expect.arrayContaining(['wage_arrears', 'low_ability']),
    );
  });

  it('lists the region’s plans filtered by what the rules say', async () => {
    const all = (await as(t.app, changchun, { url: '/api/v1/layoff-plans' })).json();
    expect(all.total).toBe(2);
    expect(all.items[0]).toHaveProperty('warnings');
    expect(all.items[0]).not.toHaveProperty('staff');
    const ids = async (qs: string) =>
      (await as(t.app, changchun, { url: `/api/v1/layoff-plans?${qs}` })).json().items.map((x: { id: string }) => x.id);
    expect(await ids('art41=true')).toHaveLength(2);
    expect(await ids('art41=false')).toEqual([]);
    expect(await ids('stepsMissing=true')).toHaveLength(2);
    expect(await ids('rating=severe')).toEqual([planId]);
    expect(await ids('rating=sufficient')).toHaveLength(1);
    expect(await ids(`q=${encodeURIComponent(firm.creditCode.slice(0, 10))}`)).toEqual([planId]);
    expect((await as(t.app, changchun, { url: '/api/v1/layoff-plans?rating=bad' })).statusCode).toBe(400);
  });

  it('offers the early warnings the plans with their step states and ratings', async () => {
    const ofFirm = await plansOfEnterprise(t, firm.id);
    expect(ofFirm).toHaveLength(1);
    expect(ofFirm[0]).toMatchObject({
      id: planId,
      regionCode: '220102',
      evaluation: { steps: { explain: 'missing', report: 'missing' }, ability: { rating: 'severe' } },
    });
    expect((await evaluatedPlans(t, { regionCodes: ['220200'] })).length).toBe(0);
    expect((await evaluatedPlans(t)).length).toBe(2);
  });

  it('exports the filtered plans as xlsx with what core says of each; no list, no ID numbers; audited', async () => {
    expect((await as(t.app, mediation, { url: '/api/v1/layoff-plans/export' })).statusCode).toBe(403);
    expect((await t.app.inject({ url: '/api/v1/layoff-plans/export' })).statusCode).toBe(401);
    const bad = await as(t.app, changchun, { url: '/api/v1/layoff-plans/export?rating=bad&regionCode=220202' });
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad).sort()).toEqual(['rating']);
    // A region outside the caller's is an empty file, as every list of the project answers it.
    const outside = await as(t.app, changchun, { url: '/api/v1/layoff-plans/export?regionCode=220202' });
    expect(outside.statusCode).toBe(200);
    const empty = new ExcelJS.Workbook();
    await empty.xlsx.load(outside.rawPayload as unknown as ArrayBuffer);
    expect((empty.worksheets[0] as ExcelJS.Worksheet).rowCount).toBe(1);
    const res = await as(t.app, changchun, { url: '/api/v1/layoff-plans/export?rating=severe' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('裁员方案'));
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0] as ExcelJS.Worksheet;
    expect(sheet.name).toBe('裁员方案');
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 3)).toEqual(['企业名称', '统一社会信用代码', '所在地区']);
    expect(sheet.rowCount).toBe(2);
    const cell = (name: string) => sheet.getRow(2).getCell(header.indexOf(name) + 1).value;
    expect(cell('统一社会信用代码')).toBe(firm.creditCode);
    expect(cell('计划裁减人数')).toBe(20);
    expect(cell('属于经济性裁员')).toBe('是');
    expect(cell('说明情况')).toBe('未履行');
    expect(cell('支付能力')).toBe('支付能力严重不足');
    expect(cell('拖欠工资（元）')).toBe(300_000);
    expect(String(cell('预警与提示'))).toContain('拖欠');
    const text = JSON.stringify(sheet.getSheetValues());
    expect(text).not.toMatch(/\d{17}[\dX]/);
    const audited = (await auditOf('layoff_plan.export', null)).find(
      (a) => (a.details.filters as { rating?: string }).rating === 'severe',
    );
    expect(audited?.details).toMatchObject({ rows: 1, filters: { rating: 'severe' } });
    // Another region's export has none of 长春市's plans.
    const other = await as(t.app, jilin, { url: '/api/v1/layoff-plans/export' });
    await book.xlsx.load(other.rawPayload as unknown as ArrayBuffer);
    expect((book.worksheets[0] as ExcelJS.Worksheet).rowCount).toBe(1);
  });

  it('gives the key-enterprise ledger (附件7) its layoff columns: the year’s plan as core reads it', async () => {
    const facts = await layoffLedgerSource(t, [firm.id, jilinFirm.id], YEAR);
    expect([...facts.keys()]).toEqual([firm.id]);
    const ability = (await get(changchun, planId)).json().ability;
    expect(facts.get(firm.id)).toEqual({
      plannedLayoffs: 20,
      layoffsDone: 0,
      positions: '冲压车间',
      wagesSettled: '拖欠 30.00万元',
      severanceStandard: '按法定标准（第四十七条）',
      abilityToPay: `支付能力严重不足（资金/应付 ${ability.ratio.toFixed(2)}）`,
    });
    expect((await layoffLedgerSource(t, [firm.id], YEAR + 1)).size).toBe(0);
  });
});

describe('被裁减人员名单导入 /api/v1/layoff-plans/staff/import', () => {
  const HEADERS = STAFF_COLUMNS.map((c) => c.header);
  const row = (v: Record<string, string>) => STAFF_COLUMNS.map((c) => v[c.key] ?? '');
  const person = (over: Record<string, string> = {}) =>
    row({
      idNumber: ID_B,
      name: '李丽娟',
      position: '质检员',
      serviceStart: '2012-07-01',
      averageMonthlyWage: '4800',
      protectedGround: '',
      creditCode: firm.creditCode,
      year: String(YEAR),
      ...over,
    });
  const upload = (s: Session, mode: 'validate' | 'commit', data: Buffer) => {
    const m = multipart('名单.csv', data);
    return as(t.app, s, {
      method: 'POST',
      url: `/api/v1/layoff-plans/staff/import?mode=${mode}`,
      payload: m.payload,
      headers: m.headers,
    });
  };
  const listed = async () =>
    (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM layoff_plan_staff WHERE plan_id = $1', [planId]))
      .rows[0]?.n;

  it('gives the template; 403 without employment:write', async () => {
    const tpl = await as(t.app, changchun, { url: '/api/v1/layoff-plans/staff/import-template' });
    expect(tpl.statusCode).toBe(200);
    expect(tpl.headers['content-type']).toContain('spreadsheetml');
    expect((await as(t.app, mediation, { url: '/api/v1/layoff-plans/staff/import-template' })).statusCode).toBe(403);
  });

  it('validates every row before writing anything: one bad row, nothing written', async () => {
    const before = await listed();
    const file = csv([
      HEADERS,
      person(),
      person({ idNumber: ID_C, name: '张海燕', protectedGround: '哺乳期' }),
      person({ idNumber: '220102198001010015', name: '错号' }),
      person({ idNumber: '220102197503030019', name: '外地', creditCode: jilinFirm.creditCode }),
      person({ idNumber: '220102197504040016', name: '晚到', serviceStart: inDays(90) }),
      person({ idNumber: '220102197505050013', name: '无情形', protectedGround: '心情不好' }),
    ]);
    const check = await upload(changchun, 'validate', file);
    expect(check.statusCode).toBe(200);
    expect(check.json()).toMatchObject({ status: 'succeeded', rows: 6, rejected: 4, created: 0 });
    expect(check.json().errors.map((e: { row: number; column: string }) => [e.row, e.column])).toEqual([
      [4, '公民身份号码'],
      [5, '统一社会信用代码'],
      [6, '入职日期'],
      [7, '第四十二条情形'],
    ]);
    expect(check.json().errors[1].message).toContain(`${YEAR} 年的裁员方案`);
    const commit = await upload(changchun, 'commit', file);
    expect(commit.json()).toMatchObject({ status: 'failed', created: 0 });
    expect(await listed()).toBe(before);
  });

  it("another region's plan is not found by its import (nothing written)", async () => {
    const before = await listed();
    const res = await upload(jilin, 'commit', csv([HEADERS, person({ idNumber: '220102197503030019', name: '越界' })]));
    expect(res.json()).toMatchObject({ status: 'failed', rejected: 1, created: 0 });
    expect(res.json().errors[0]).toMatchObject({ column: '统一社会信用代码', code: 'plan_not_found' });
    expect(await listed()).toBe(before);
  });

  it('commits a clean file: people added or updated, the plan’s version moved, audited with masked numbers', async () => {
    const first = await upload(changchun, 'commit', csv([HEADERS, person()]));
    expect(first.json()).toMatchObject({ status: 'succeeded', created: 1, updated: 0 });
    const before = (await get(changchun, planId)).json();
    const file = csv([
      HEADERS,
      person({ averageMonthlyWage: '5000' }),
      person({ idNumber: ID_C, name: '张海燕', protectedGround: '哺乳期' }),
    ]);
    const res = await upload(changchun, 'commit', file);
    expect(res.json()).toMatchObject({ status: 'succeeded', created: 1, updated: 1, unchanged: 0 });
    const after = (await get(changchun, planId)).json();
    expect(after.version).toBe(before.version + 1);
    expect(
      after.staff.map((s: { name: string; protectedGround: string | null; averageMonthlyWage: number }) => [
        s.name,
        s.protectedGround,
        s.averageMonthlyWage,
      ]),
    ).toEqual([
      ['李丽娟', null, 5000],
      ['张海燕', 'maternity', 4800],
    ]);
    expect(after.warnings.map((w: { code: string }) => w.code)).toContain('protected_on_list');
    const last = (await auditOf('layoff_plan.update', planId)).at(-1);
    expect(last?.details).toMatchObject({
      via: 'import',
      staff: { changed: [{ after: { averageMonthlyWage: 5000 } }] },
    });
    expect(JSON.stringify(last?.details)).not.toContain(ID_B);
    const again = await upload(changchun, 'commit', file);
    expect(again.json()).toMatchObject({ status: 'succeeded', created: 0, updated: 0, unchanged: 2 });
    expect((await get(changchun, planId)).json().version).toBe(after.version);
  });
});
