import { LIST_COUNT_CAP, type Role, SEARCH_COUNT_CAP } from '@hexie/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeEnterprise, validCreditCode, wrongCheckChar } from '../../../test/factories/enterprises.js';
import { as, createTestApp, fieldsOf, login, makeUser, type Session, type TestContext } from '../../../test/helpers.js';
import { commonGrams, commonPairsOf, regionToken, whereOf } from './enterprises.repository.js';

let t: TestContext;
let province: Session;
let changchun: Session;
let changchunStaff: Session;
let jilin: Session;
let mediation: Session;
let enterpriseUser: Session;

beforeAll(async () => {
  t = await createTestApp('enterprises');
  const mk = async (role: Role, regionCode: string) =>
    login(t.app, (await makeUser(t.db, { role, regionCode })).username);
  province = await mk('province_admin', '220000');
  changchun = await mk('region_admin', '220100');
  changchunStaff = await mk('region_staff', '220100');
  jilin = await mk('region_admin', '220200');
  mediation = await mk('mediation_staff', '220100');
  enterpriseUser = await mk('enterprise_user', '220102');
});
afterAll(() => t.close());

const body = (over: Record<string, unknown> = {}) => ({
  creditCode: validCreditCode('220102'),
  name: '长春一汽配套机械制造有限公司',
  regionCode: '220102',
  industryCode: '3311',
  employees: 350,
  revenue: 2500,
  contactName: '王经理',
  contactPhone: '13912345678',
  registeredOn: '2024-05-20',
  ...over,
});

const auditOf = async (action: string, entityId: string) =>
  (
    await t.db.query('SELECT actor_id, region_code, details FROM audit_events WHERE action = $1 AND entity_id = $2', [
      action,
      entityId,
    ])
  ).rows;

describe('POST /api/v1/enterprises', () => {
  it('registers an enterprise: code normalised, size class computed, phone masked, audited without the phone', async () => {
    const code = validCreditCode('220102');
    const fullWidth = code.replace(/[0-9A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).toLowerCase();
    const res = await as(t.app, changchunStaff, {
      method: 'POST',
      url: '/api/v1/enterprises',
      payload: body({ creditCode: fullWidth }),
    });
    expect(res.statusCode).toBe(201);
    const e = res.json();
    expect(e).toMatchObject({
      creditCode: code,
      regionName: '长春市南关区',
      industryName: '金属结构制造',
      sizeClass: 'medium',
      contactPhone: '139****5678',
      contactPhoneMasked: true,
      version: 1,
      source: 'manual',
    });
    const rows = await auditOf('enterprise.create', e.id);
    expect(rows).toHaveLength(1);
    expect(rows[0].region_code).toBe('220102');
    expect(rows[0].details.after).toMatchObject({ creditCode: code, contactPhone: '139****5678' });
    expect(JSON.stringify(rows[0].details)).not.toContain('13912345678');
  });

  it('400 naming each bad field, in the caller language, nothing written', async () => {
    const before = (await t.db.query('SELECT count(*)::int AS n FROM enterprises')).rows[0].n;
    const res = await as(t.app, changchun, {
      method: 'POST',
      url: '/api/v1/enterprises',
      headers: { 'accept-language': 'zh-CN' },
      payload: body({ creditCode: '91220102ABC', industryCode: '9999', contactPhone: '123', regionCode: '220202' }),
    });
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res).sort()).toEqual(['contactPhone', 'creditCode', 'industryCode', 'regionCode']);
    const messages = res
      .json()
      .errors.map((e: { message: string }) => e.message)
      .join(' ');
    expect(messages).toContain('统一社会信用代码格式不正确');
    expect(messages).toContain('所属区划超出了您的管辖范围');
    const missing = await as(t.app, changchun, { method: 'POST', url: '/api/v1/enterprises', payload: { name: 'x' } });
    expect(fieldsOf(missing)).toEqual(expect.arrayContaining(['creditCode', 'regionCode', 'industryCode', 'name']));
    expect((await t.db.query('SELECT count(*)::int AS n FROM enterprises')).rows[0].n).toBe(before);
  });

  it('409 for a credit code registered anywhere, even in a region the caller cannot see', async () => {
    const other = await makeEnterprise(t.db, { regionCode: '220202' });
    const res = await as(t.app, changchun, {
      method: 'POST',
      url: '/api/v1/enterprises',
      payload: body({ creditCode: other.creditCode }),
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('credit_code_taken');
    expect(res.json().detail).not.toContain(other.name);
  });

  it('a legacy code failing its check: needs a reason, and only an administrator may keep it', async () => {
    const legacy = wrongCheckChar(validCreditCode('220102'));
    const plain = await as(t.app, changchun, {
      method: 'POST',
      url: '/api/v1/enterprises',
      payload: body({ creditCode: legacy }),
    });
    expect(plain.statusCode).toBe(400);
    expect(plain.json().errors[0]).toMatchObject({ field: 'creditCode', code: 'credit_code_check' });
    const reason = { creditCode: legacy, creditCodeOverrideReason: '1998 年登记的历史代码，经核实无误' };
    const staff = await as(t.app, changchunStaff, {
      method: 'POST',
      url: '/api/v1/enterprises',
      payload: body(reason),
    });
    expect(staff.statusCode).toBe(400);
    expect(fieldsOf(staff)).toEqual(['creditCodeOverrideReason']);
    const admin = await as(t.app, changchun, { method: 'POST', url: '/api/v1/enterprises', payload: body(reason) });
    expect(admin.statusCode).toBe(201);
    expect(admin.json().creditCodeOverrideReason).toBe(reason.creditCodeOverrideReason);
    // Staff may still edit the other fields of that record.
    const edit = await as(t.app, changchunStaff, {
      method: 'PATCH',
      url: `/api/v1/enterprises/${admin.json().id}`,
      payload: { version: 1, employees: 10 },
    });
    expect(edit.statusCode).toBe(200);
  });

  it('401, 403 for roles without write, 403 without CSRF', async () => {
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/enterprises', payload: body() })).statusCode).toBe(401);
    expect(
      (await as(t.app, mediation, { method: 'POST', url: '/api/v1/enterprises', payload: body() })).statusCode,
    ).toBe(403);
    expect(
      (await as(t.app, enterpriseUser, { method: 'POST', url: '/api/v1/enterprises', payload: body() })).statusCode,
    ).toBe(403);
    const noCsrf = await as(t.app, changchun, {
      method: 'POST',
      url: '/api/v1/enterprises',
      payload: body(),
      csrf: false,
    });
    expect(noCsrf.statusCode).toBe(403);
  });
});

describe('GET /api/v1/enterprises', () => {
  let machine: { id: string; creditCode: string };
  beforeAll(async () => {
    machine = await makeEnterprise(t.db, {
      name: '长春市宏达精密机械有限公司',
      regionCode: '220103',
      industryCode: '3311',
    });
    await makeEnterprise(t.db, {
      name: '长春市宽城区便民超市',
      regionCode: '220103',
      industryCode: '5211',
      employees: 8,
      revenue: 90,
      registeredOn: '2026-02-01',
    });
    await makeEnterprise(t.db, { name: '吉林市江城机械厂', regionCode: '220202', industryCode: '3311' });
  });

  const list = (s: Session, qs: string) => as(t.app, s, { url: `/api/v1/enterprises?${qs}` });

  it('finds any substring of the name without spaces, and any part of the code in any case', async () => {
    const byName = await list(changchun, `q=${encodeURIComponent('精密机械')}`);
    expect(byName.json().items.map((e: { name: string }) => e.name)).toEqual(['长春市宏达精密机械有限公司']);
    const byCode = await list(changchun, `q=${machine.creditCode.slice(5, 14).toLowerCase()}`);
    expect(byCode.json().items.map((e: { id: string }) => e.id)).toEqual([machine.id]);
    const one = await list(changchun, `q=${encodeURIComponent('宏')}`);
    expect(one.json().total).toBe(1);
    // LIKE wildcards in the query are literal.
    expect((await list(changchun, 'q=%25')).json().total).toBe(0);
    // A whole code, typed in lower case or full width, finds its enterprise; another region's code finds nothing.
    const fullWidth = machine.creditCode
      .toLowerCase()
      .replace(/[0-9a-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    for (const q of [machine.creditCode.toLowerCase(), fullWidth]) {
      const whole = await list(changchun, `q=${encodeURIComponent(q)}`);
      expect(whole.json().items.map((e: { id: string }) => e.id)).toEqual([machine.id]);
    }
    const elsewhere = await makeEnterprise(t.db, { name: '吉林市整码测试厂', regionCode: '220202' });
    expect((await list(changchun, `q=${elsewhere.creditCode}`)).json().total).toBe(0);
    expect((await list(province, `q=${elsewhere.creditCode}`)).json().total).toBe(1);
  });

  it('is limited to the caller region: 吉林市 never appears to 长春市, and the province sees both', async () => {
    const cc = await list(changchun, `q=${encodeURIComponent('机械')}&pageSize=100`);
    expect(cc.json().items.map((e: { name: string }) => e.name)).not.toContain('吉林市江城机械厂');
    const all = await list(province, `q=${encodeURIComponent('机械')}&pageSize=100`);
    expect(all.json().items.map((e: { name: string }) => e.name)).toContain('吉林市江城机械厂');
    // Asking for another region's subtree answers an empty page, not an error that confirms it exists.
    const sibling = await list(changchun, 'regionCode=220200');
    expect(sibling.json()).toMatchObject({ items: [], total: 0 });
  });

  it('filters by region subtree, industry section or prefix, size class, registration dates', async () => {
    const ids = async (qs: string) =>
      (await list(changchun, `${qs}&pageSize=100`)).json().items.map((e: { name: string }) => e.name);
    expect(await ids('regionCode=220103')).toEqual(
      expect.arrayContaining(['长春市宏达精密机械有限公司', '长春市宽城区便民超市']),
    );
    expect(await ids('regionCode=220100')).toContain('长春市宽城区便民超市');
    expect(await ids('regionCode=220103&industryCode=F')).toEqual(['长春市宽城区便民超市']);
    expect(await ids('regionCode=220103&industryCode=52')).toEqual(['长春市宽城区便民超市']);
    expect(await ids('regionCode=220103&industryCode=c')).toEqual(['长春市宏达精密机械有限公司']);
    expect(await ids('regionCode=220103&sizeClass=micro')).toEqual(['长春市宽城区便民超市']);
    expect(await ids('regionCode=220103&registeredFrom=2026-01-01&registeredTo=2026-12-31')).toEqual([
      '长春市宽城区便民超市',
    ]);
  });

  it('pages with {items,total,page,pageSize}; phones masked in lists; 400 naming bad parameters', async () => {
    const res = await list(changchun, 'page=1&pageSize=1');
    expect(res.json()).toMatchObject({ page: 1, pageSize: 1 });
    expect(res.json().items).toHaveLength(1);
    expect(res.json().total).toBeGreaterThan(1);
    expect(res.json().items[0].contactPhone).toMatch(/^\d{3,4}\*+\d{4}$/);
    const bad = await list(changchun, 'pageSize=101&sizeClass=huge&industryCode=C13&registeredFrom=2026-13-01');
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad).sort()).toEqual(['industryCode', 'pageSize', 'registeredFrom', 'sizeClass']);
  });

  it('counts a list up to 10,000 and a text search up to 1,000, and says so', async () => {
    await t.owner.query(
      `INSERT INTO enterprises (credit_code, name, region_code, industry_code, industry_section)
       SELECT 'CAP' || lpad(i::text, 15, '0'), '容量测试企业' || i, '220722', '3311', 'C' FROM generate_series(1, 10005) i`,
    );
    const res = await list(province, `q=${encodeURIComponent('容量测试')}&page=3&pageSize=100`);
    expect(res.json()).toMatchObject({ total: SEARCH_COUNT_CAP, totalCapped: true, page: 3 });
    expect(res.json().items).toHaveLength(100);
    // Without a word the list counts further: the region and the industry select the 10,005 rows.
    const filtered = await list(province, 'regionCode=220722&industryCode=3311&pageSize=100');
    expect(filtered.json()).toMatchObject({ total: LIST_COUNT_CAP, totalCapped: true });
    const narrow = await list(province, `q=${encodeURIComponent('容量测试企业1000')}`);
    expect(narrow.json().total).toBe(7); // 1000 and 10000–10005
    expect(narrow.json().totalCapped).toBeUndefined();
  });

  it('one or two characters are searched by their gram alone, and still exactly', async () => {
    // '鬯9' would straddle the name and the code ("跨界测试鬯 91…"), which are separate texts.
    const edge = await makeEnterprise(t.db, { name: '跨界测试鬯', regionCode: '220102' });
    expect(edge.creditCode.startsWith('9')).toBe(true);
    expect((await list(province, `q=${encodeURIComponent('鬯')}`)).json().total).toBe(1);
    expect((await list(province, `q=${encodeURIComponent('鬯9')}`)).json().total).toBe(0);
    expect((await list(province, `q=${encodeURIComponent('%')}`)).json().total).toBe(0);
    expect((await list(province, `q=${encodeURIComponent('_')}`)).json().total).toBe(0);
    const pair = (await list(province, `q=${encodeURIComponent('企业1')}&pageSize=1`)).json();
    const two = (await list(province, `q=${encodeURIComponent('业1')}&pageSize=1`)).json();
    expect(two.total).toBe(pair.total);
    // lower case finds upper case, in the code too
    expect((await list(province, 'q=ap')).json().total).toBe((await list(province, 'q=AP')).json().total);
  });

  it('401 without a session, 403 for an enterprise user', async () => {
    expect((await t.app.inject({ url: '/api/v1/enterprises' })).statusCode).toBe(401);
    expect((await list(enterpriseUser, '')).statusCode).toBe(403);
    expect((await list(mediation, '')).statusCode).toBe(200);
  });

  it('a search within a region narrows by its token and still tests the region exactly', async () => {
    const province220000 = t.regions.scopeOf('220000').codes;
    const scope = (code: string) => t.regions.scopeOf(code).codes;
    expect(regionToken(['220102'], province220000)).toEqual({ token: '@220102', exact: true });
    expect(regionToken(scope('220100'), province220000)).toEqual({ token: '@220100', exact: true });
    // 梅河口市 (220581) carries 2205's token but is not 通化市's: the token narrows, the region test stays.
    expect(regionToken(scope('220500'), province220000)).toEqual({ token: '@220500', exact: false });
    expect(regionToken(['222400', '229900'], province220000)).toBeUndefined();
    expect(regionToken([], province220000)).toBeUndefined();
    // 梅河口市 (220581) carries 通化市's prefecture token but reports to the province: 通化市 must not see it.
    const meihekou = await makeEnterprise(t.db, { regionCode: '220581', name: '梅河口令牌测试有限公司' });
    const tonghua = await makeEnterprise(t.db, { regionCode: '220502', name: '通化令牌测试有限公司' });
    const tonghuaAdmin = await login(
      t.app,
      (await makeUser(t.db, { role: 'region_admin', regionCode: '220500' })).username,
    );
    const found = (await list(tonghuaAdmin, `q=${encodeURIComponent('令牌测试')}`)).json();
    expect(found.items.map((e: { id: string }) => e.id)).toEqual([tonghua.id]);
    const all = (await list(province, `q=${encodeURIComponent('令牌测试')}`)).json();
    expect(all.items.map((e: { id: string }) => e.id).sort()).toEqual([meihekou.id, tonghua.id].sort());
    const district = (await list(province, `q=${encodeURIComponent('令牌')}&regionCode=220502`)).json();
    expect(district.items.map((e: { id: string }) => e.id)).toEqual([tonghua.id]);
  });

  it('a word with a section filter asks the grams for the section token; a division filter narrows by it too', async () => {
    const shop = await makeEnterprise(t.db, {
      name: '长春市行业令牌商贸有限公司',
      regionCode: '220102',
      industryCode: '5211',
    });
    const plant = await makeEnterprise(t.db, {
      name: '长春市行业令牌机械厂',
      regionCode: '220102',
      industryCode: '3311',
    });
    const ids = async (qs: string) =>
      (await list(changchun, `q=${encodeURIComponent('行业令牌')}&${qs}`))
        .json()
        .items.map((e: { id: string }) => e.id);
    expect(await ids('industryCode=F')).toEqual([shop.id]);
    expect(await ids('industryCode=C')).toEqual([plant.id]);
    expect(await ids('industryCode=33')).toEqual([plant.id]);
    expect(await ids('industryCode=3312')).toEqual([]);
    expect(await ids('industryCode=A')).toEqual([]);
    const where = whereOf({ regionCodes: ['220102'], q: '行业令牌', industryCode: 'F' });
    expect(where.sql).not.toContain('industry_section');
    expect(where.params).toContainEqual(['#F#']);
    // A code keeps its own test beside the token of its section.
    const division = whereOf({ regionCodes: ['220102'], q: '行业令牌', industryCode: '33' });
    expect(division.sql).toContain('industry_code LIKE');
    expect(division.params).toContainEqual(['#C#']);
  });

  it('a long word leaves its common pairs out of the index lookup and still finds exactly what contains it', async () => {
    expect(commonPairsOf('长春市宏达 精密', new Set(['长春', '春市', '达 ', '精密']))).toEqual([
      '长春',
      '春市',
      '精密',
    ]);
    const common = new Set(['长春', '春市', '有限', '限公', '公司']);
    const where = whereOf({ regionCodes: ['220102'], q: '长春市宏达精密机械有限公司', commonGrams: common });
    expect(where.sql).toContain('hx_query_grams($2, $3::text[])');
    expect(where.params[2]).toEqual(['长春', '春市', '有限', '限公', '公司']);
    const asked = await t.db.query<{ g: string[] }>('SELECT hx_query_grams($1, $2::text[]) AS g', [
      '长春市宏达精密机械有限公司',
      [...common],
    ]);
    expect(asked.rows[0]?.g.sort()).toEqual(['密机', '宏达', '市宏', '机械', '械有', '精密', '达精'].sort());
    // Every pair common: all of them are asked for.
    const all = await t.db.query<{ g: string[] }>('SELECT hx_query_grams($1, $2::text[]) AS g', [
      '有限公司',
      [...common],
    ]);
    expect(all.rows[0]?.g.sort()).toEqual(['公司', '有限', '限公'].sort());
    // Through the API, with the statistics of this database (ANALYZE): the same answers as before.
    await t.owner.query('ANALYZE enterprises');
    const found = await list(changchun, `q=${encodeURIComponent('长春市宏达精密机械有限公司')}`);
    expect(found.json().items.map((e: { name: string }) => e.name)).toEqual(['长春市宏达精密机械有限公司']);
    const direct = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM enterprises WHERE name LIKE '%有限公司%' AND region_code LIKE '2201%'",
    );
    const capped = Math.min(direct.rows[0]?.n ?? 0, SEARCH_COUNT_CAP);
    expect((await list(changchun, `q=${encodeURIComponent('有限公司')}`)).json().total).toBe(capped);
    // The set is what the statistics say: a gram is in it when more than 1% of the rows carry it.
    const read = await commonGrams(t.db, 0);
    expect(read.size).toBeGreaterThan(0);
    for (const g of ['企业', '有限', '长春', '鬯鬯']) {
      const share = await t.db.query<{ s: number }>(
        'SELECT (count(*) FILTER (WHERE grams @> ARRAY[$1]))::float / count(*) AS s FROM enterprises',
        [g],
      );
      const s = share.rows[0]?.s ?? 0;
      if (Math.abs(s - 0.01) > 0.002) expect(read.has(g), `${g}: ${s}`).toBe(s > 0.01);
    }
  });

  it('the search can use the gram index', async () => {
    await t.owner.query('SET enable_seqscan = off');
    const plan = await t.owner.query(
      `EXPLAIN SELECT id FROM enterprises e WHERE e.grams @> hx_query_grams('精密机械') AND upper(e.name) LIKE '%精密机械%'`,
    );
    await t.owner.query('RESET enable_seqscan');
    expect(plan.rows.map((r) => r['QUERY PLAN']).join('\n')).toContain('enterprises_grams_idx');
  });
});

describe('GET /api/v1/enterprises/:id', () => {
  it('200 in scope with the phone masked; reveal=phone unmasks for staff and is audited', async () => {
    const e = await makeEnterprise(t.db, { regionCode: '220102', contactPhone: '0431-88886666' });
    const masked = await as(t.app, changchunStaff, { url: `/api/v1/enterprises/${e.id}` });
    expect(masked.json()).toMatchObject({ contactPhone: '0431****6666', contactPhoneMasked: true });
    const shown = await as(t.app, changchunStaff, { url: `/api/v1/enterprises/${e.id}?reveal=phone` });
    expect(shown.json()).toMatchObject({ contactPhone: '0431-88886666', contactPhoneMasked: false });
    const rows = await auditOf('enterprise.reveal', e.id);
    expect(rows).toHaveLength(1);
    expect(rows[0].actor_id).toBe(changchunStaff.userId);
    // Mediation staff read the register but may not see personal data.
    expect((await as(t.app, mediation, { url: `/api/v1/enterprises/${e.id}?reveal=phone` })).statusCode).toBe(403);
  });

  it('404 for another region, like a missing record; 400 for a malformed id', async () => {
    const e = await makeEnterprise(t.db, { regionCode: '220202' });
    const res = await as(t.app, changchun, { url: `/api/v1/enterprises/${e.id}` });
    expect(res.statusCode).toBe(404);
    expect((await as(t.app, jilin, { url: `/api/v1/enterprises/${e.id}` })).statusCode).toBe(200);
    expect((await auditOf('access.out_of_scope', e.id))[0]).toMatchObject({ actor_id: changchun.userId });
    const bad = await as(t.app, changchun, { url: '/api/v1/enterprises/nope' });
    expect(fieldsOf(bad)).toEqual(['id']);
  });
});

describe('PATCH /api/v1/enterprises/:id', () => {
  it('changes fields at the version read, bumps it, recomputes the size class, audits before and after', async () => {
    const e = await makeEnterprise(t.db, { regionCode: '220102', employees: 50, revenue: 800 });
    const res = await as(t.app, changchun, {
      method: 'PATCH',
      url: `/api/v1/enterprises/${e.id}`,
      payload: { version: 1, employees: 1200, revenue: 50000, contactPhone: '13700001111' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ version: 2, employees: 1200, sizeClass: 'large' });
    const [row] = await auditOf('enterprise.update', e.id);
    expect(row.details.before).toEqual({
      employees: 50,
      revenue: 800,
      sizeClass: 'small',
      contactPhone: '138****5678',
    });
    expect(row.details.after).toEqual({
      employees: 1200,
      revenue: 50000,
      sizeClass: 'large',
      contactPhone: '137****1111',
    });
  });

  it('412 for a stale version, and nothing changes', async () => {
    const e = await makeEnterprise(t.db, { regionCode: '220102', name: '原名称有限公司' });
    await as(t.app, changchun, {
      method: 'PATCH',
      url: `/api/v1/enterprises/${e.id}`,
      payload: { version: 1, name: '第一次修改有限公司' },
    });
    const stale = await as(t.app, changchunStaff, {
      method: 'PATCH',
      url: `/api/v1/enterprises/${e.id}`,
      payload: { version: 1, name: '第二次修改有限公司' },
    });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().code).toBe('version_conflict');
    const now = await as(t.app, changchun, { url: `/api/v1/enterprises/${e.id}` });
    expect(now.json()).toMatchObject({ name: '第一次修改有限公司', version: 2 });
  });

  it('a body that changes nothing keeps the version and writes no audit', async () => {
    const e = await makeEnterprise(t.db, { regionCode: '220102' });
    const res = await as(t.app, changchun, {
      method: 'PATCH',
      url: `/api/v1/enterprises/${e.id}`,
      payload: { version: 1, name: e.name },
    });
    expect(res.json().version).toBe(1);
    expect(await auditOf('enterprise.update', e.id)).toHaveLength(0);
  });

  it('400 moving it out of the caller region or to a bad code; 409 to a taken code; 404 for another region', async () => {
    const e = await makeEnterprise(t.db, { regionCode: '220102' });
    const taken = await makeEnterprise(t.db, { regionCode: '220103' });
    const out = await as(t.app, changchun, {
      method: 'PATCH',
      url: `/api/v1/enterprises/${e.id}`,
      payload: { version: 1, regionCode: '220202' },
    });
    expect(out.statusCode).toBe(400);
    expect(fieldsOf(out)).toEqual(['regionCode']);
    const dup = await as(t.app, changchun, {
      method: 'PATCH',
      url: `/api/v1/enterprises/${e.id}`,
      payload: { version: 1, creditCode: taken.creditCode },
    });
    expect(dup.statusCode).toBe(409);
    const unknown = await as(t.app, changchun, {
      method: 'PATCH',
      url: `/api/v1/enterprises/${e.id}`,
      payload: { version: 1, colour: 'red' },
    });
    expect(unknown.statusCode).toBe(400);
    const noVersion = await as(t.app, changchun, {
      method: 'PATCH',
      url: `/api/v1/enterprises/${e.id}`,
      payload: { name: '新名称有限公司' },
    });
    expect(fieldsOf(noVersion)).toEqual(['version']);
    const other = await as(t.app, jilin, {
      method: 'PATCH',
      url: `/api/v1/enterprises/${e.id}`,
      payload: { version: 1, name: '改名有限公司' },
    });
    expect(other.statusCode).toBe(404);
    expect((await as(t.app, changchun, { url: `/api/v1/enterprises/${e.id}` })).json().version).toBe(1);
  });

  it('401 and 403', async () => {
    const e = await makeEnterprise(t.db, { regionCode: '220102' });
    expect(
      (await t.app.inject({ method: 'PATCH', url: `/api/v1/enterprises/${e.id}`, payload: { version: 1 } })).statusCode,
    ).toBe(401);
    expect(
      (await as(t.app, mediation, { method: 'PATCH', url: `/api/v1/enterprises/${e.id}`, payload: { version: 1 } }))
        .statusCode,
    ).toBe(403);
  });
});

describe('GET /api/v1/industries', () => {
  it('is public and carries the 20 sections of GB/T 4754-2017', async () => {
    const res = await t.app.inject({ url: '/api/v1/industries' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toHaveLength(20);
    expect(res.json()[2]).toMatchObject({ code: 'C', name: '制造业' });
  });
});
