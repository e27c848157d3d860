import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, login, makeUser, type Session, type TestContext } from '../../test/helpers.js';
import { LOG_DIR } from '../../test/paths.js';
import { InstanceLockedError, memorySettings, startEmbedded } from '../db/embedded.js';
import { createAdmin } from '../modules/users/admin-bootstrap.js';
import { registerAccessControl } from './access.js';

let t: TestContext;
let changchun: Session;
beforeAll(async () => {
  t = await createTestApp('platform');
  changchun = await login(t.app, (await makeUser(t.db, { role: 'region_admin', regionCode: '220100' })).username);
});
afterAll(() => t.close());

const sample = (url: string) => url.replace(/:id\b/, '00000000-0000-4000-8000-000000000000');

describe('route table', () => {
  it('every route declares its access', () => {
    expect(t.routes.length).toBeGreaterThan(10);
    for (const r of t.routes) expect(r.access, `${r.method} ${r.url}`).toBeTruthy();
  });

  it('every non-public API route answers 401 without a session', async () => {
    const closed = t.routes.filter((r) => r.access !== 'public' && r.method !== 'HEAD');
    expect(closed.length).toBeGreaterThanOrEqual(7);
    for (const r of closed) {
      const res = await t.app.inject({
        method: r.method as 'GET',
        url: sample(r.url),
        payload: r.method === 'GET' ? undefined : {},
      });
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(401);
    }
  });

  it('every state-changing route refuses a session without the CSRF header', async () => {
    const unsafe = t.routes.filter((r) => r.access !== 'public' && !['GET', 'HEAD', 'OPTIONS'].includes(r.method));
    for (const r of unsafe) {
      const res = await as(t.app, changchun, {
        method: r.method as 'POST',
        url: sample(r.url),
        payload: {},
        csrf: false,
      });
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(403);
    }
  });

  it('a route without a declared access refuses to register', async () => {
    const app = Fastify();
    registerAccessControl(app);
    expect(() => app.get('/api/v1/secret', async () => 'x')).toThrow(/declares no access/);
    app.get('/api/v1/open', { config: { access: 'public' } }, async () => 'x');
    await app.ready();
    await app.close();
  });

  it('/api/docs documents every API route', async () => {
    const doc = (await t.app.inject({ url: '/api/docs/json' })).json();
    const api = t.routes.filter((r) => r.url.startsWith('/api/v1') && r.method !== 'HEAD');
    for (const r of api) {
      const path = r.url.replace(/:(\w+)/g, '{$1}');
      expect(doc.paths[path]?.[r.method.toLowerCase()], `${r.method} ${r.url}`).toBeTruthy();
    }
    expect((await t.app.inject({ url: '/api/docs' })).statusCode).toBeLessThan(400);
  });

  it('unknown API paths are problem+json 404', async () => {
    const res = await t.app.inject({ url: '/api/v1/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('route_not_found');
  });
});

describe('GET /api/v1/regions', () => {
  it('is the Jilin tree: 9 prefectures, 60 county-level units, zones flagged, 梅河口 and 长白山 under the province', async () => {
    const res = await t.app.inject({ url: '/api/v1/regions' });
    expect(res.statusCode).toBe(200);
    const root = res.json();
    expect(root).toMatchObject({ code: '220000', name: '吉林省', level: 'province' });
    type N = {
      code: string;
      name: string;
      level: string;
      statistical?: boolean;
      nonStandard?: boolean;
      reportsToProvince?: boolean;
      children: N[];
    };
    const all: N[] = [];
    const walk = (n: N) => {
      all.push(n);
      n.children.forEach(walk);
    };
    walk(root);
    const prefectures = all.filter((n) => n.level === 'prefecture' && !n.nonStandard);
    expect(prefectures).toHaveLength(9);
    const counties = all.filter((n) => n.level === 'county' && !n.statistical);
    expect(counties).toHaveLength(60);
    expect(all.filter((n) => n.statistical).map((n) => n.code)).toContain('220171');
    expect(all.filter((n) => n.statistical).every((n) => /^\d{4}7\d$/.test(n.code))).toBe(true);
    const cbs = root.children.find((n: N) => n.name === '长白山管委会');
    expect(cbs).toMatchObject({ code: '229900', nonStandard: true, reportsToProvince: true });
    const mhk = root.children.find((n: N) => n.code === '220581');
    expect(mhk).toMatchObject({ name: '梅河口市', reportsToProvince: true });
    const tonghua = root.children.find((n: N) => n.code === '220500');
    expect(tonghua.children.map((n: N) => n.code)).not.toContain('220581');
    const { rows } = await t.db.query("SELECT admin_parent_code FROM regions WHERE code = '220581'");
    expect(rows[0].admin_parent_code).toBe('220500');
  });

  it('answers a subtree by root, 404 for an unknown root, 400 for a malformed one', async () => {
    const cc = await t.app.inject({ url: '/api/v1/regions?root=220100' });
    expect(cc.json().children.map((n: { code: string }) => n.code)).toContain('220102');
    expect((await t.app.inject({ url: '/api/v1/regions?root=990000' })).statusCode).toBe(404);
    const bad = await t.app.inject({ url: '/api/v1/regions?root=abc' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('root');
  });

  it('a prefecture scope excludes 梅河口 (reports to the province) and siblings', () => {
    const tonghua = t.regions.scopeOf('220500');
    expect(tonghua.includes('220502')).toBe(true);
    expect(tonghua.includes('220581')).toBe(false);
    expect(tonghua.includes('220100')).toBe(false);
    expect(t.regions.scopeOf('220000').codes).toHaveLength(1 + 10 + 60 + 9);
  });

  it('names a county with its prefecture, and units under the province by their own name', () => {
    expect(t.regions.fullName('220102')).toBe('长春市南关区');
    expect(t.regions.fullName('220100')).toBe('长春市');
    expect(t.regions.fullName('220581')).toBe('梅河口市');
    expect(t.regions.fullName('229900')).toBe('长白山管委会');
    expect(t.regions.fullName('220000')).toBe('吉林省');
    expect(t.regions.fullName('999999')).toBe('999999');
  });
});

describe('GET /api/v1/dashboard', () => {
  it('401 without a session; figures limited to the caller region', async () => {
    expect((await t.app.inject({ url: '/api/v1/dashboard' })).statusCode).toBe(401);
    await makeUser(t.db, { regionCode: '220102' });
    await makeUser(t.db, { regionCode: '220202' });
    const res = await as(t.app, changchun, { url: '/api/v1/dashboard' });
    expect(res.statusCode).toBe(200);
    const d = res.json();
    expect(d.region).toMatchObject({ code: '220100', name: '长春市' });
    expect(d.subregions).toEqual({ prefectures: 0, counties: 11, statistical: 4 });
    const { rows } = await t.db.query("SELECT count(*)::int AS n FROM users WHERE region_code LIKE '2201%'");
    expect(d.users.total).toBe(rows[0].n);
    expect(d.byRegion.find((r: { code: string }) => r.code === '220102').users).toBeGreaterThanOrEqual(1);
    expect(d.byRegion.some((r: { code: string }) => r.code.startsWith('2202'))).toBe(false);
    expect(d.activity).toHaveLength(14);
    expect(d.activity.at(-1).logins).toBeGreaterThanOrEqual(1);
  });
});

describe('health', () => {
  it('/healthz and /readyz', async () => {
    expect((await t.app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await t.app.inject({ url: '/readyz' })).json()).toEqual({ status: 'ready' });
  });

  it('/readyz answers 503 when the database is gone', async () => {
    const other = await createTestApp('platform_down');
    await other.db.end();
    const res = await other.app.inject({ url: '/readyz' });
    expect(res.statusCode).toBe(503);
    await other.app.close();
    await other.owner.end();
  });
});

describe('errors and logs', () => {
  it('a 5xx carries a request id that is in the log, and the response says nothing internal', async () => {
    const other = await createTestApp('platform_5xx');
    const s = await login(
      other.app,
      (await makeUser(other.db, { role: 'province_admin', regionCode: '220000' })).username,
    );
    await other.owner.query('ALTER TABLE users RENAME COLUMN display_name TO display_name_x');
    const res = await as(other.app, s, { url: '/api/v1/users' });
    await other.owner.query('ALTER TABLE users RENAME COLUMN display_name_x TO display_name');
    expect(res.statusCode).toBe(500);
    const body = res.json();
    expect(res.headers['x-request-id']).toBe(body.requestId);
    expect(res.body).not.toMatch(/display_name|SELECT|column|stack/i);
    await other.close();
    const log = await readFile(join(LOG_DIR, 'platform_5xx.ndjson'), 'utf8');
    const lines = log
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l));
    expect(lines.some((l) => l.level === 50 && l.reqId === body.requestId && /display_name/.test(l.err?.message))).toBe(
      true,
    );
    const requestLines = lines.filter((l) => l.msg === 'request' && l.reqId === body.requestId);
    expect(requestLines).toHaveLength(1);
    expect(requestLines[0]).toMatchObject({ method: 'GET', status: 500 });
  });

  it('masks ID and mobile numbers and drops secret query values in the request log', async () => {
    const other = await createTestApp('platform_mask');
    await other.app.inject({
      url: '/api/v1/regions?phone=13812345678&idNumber=11010519491231002X&token=abc&x=13912345678',
    });
    await other.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: '13812345678', password: 'Some-Secret-99' },
      headers: { cookie: 'hexie_sid=stolen-cookie-value', 'x-csrf-token': 'csrf-value-1234' },
    });
    await other.close();
    const log = await readFile(join(LOG_DIR, 'platform_mask.ndjson'), 'utf8');
    expect(log).toContain('"url":"/api/v1/regions?phone=***&idNumber=***&token=***&x=139****5678"');
    expect(log).not.toMatch(/13812345678|11010519491231002X|Some-Secret-99|stolen-cookie-value|csrf-value-1234/);
  });

  it('answers in English when asked', async () => {
    const res = await t.app.inject({ url: '/api/v1/users', headers: { 'accept-language': 'en-US' } });
    expect(res.json().detail).toBe('Please sign in.');
    expect(res.headers['content-language']).toBe('en-US');
  });
});

describe('startup', () => {
  it("sizes the embedded PostgreSQL's memory from the machine's", async () => {
    const GB = 1024 ** 3;
    expect(memorySettings(24 * GB)).toEqual(['-c', 'shared_buffers=4096MB', '-c', 'effective_cache_size=12288MB']);
    expect(memorySettings(8 * GB)).toEqual(['-c', 'shared_buffers=2048MB', '-c', 'effective_cache_size=4096MB']);
    expect(memorySettings(GB / 4)).toEqual(['-c', 'shared_buffers=128MB', '-c', 'effective_cache_size=128MB']);
    // and the embedded server the tests run on was started with them
    const { rows } = await t.owner.query(`SELECT pg_size_bytes(current_setting('shared_buffers')) / 1048576 AS mb`);
    expect(`shared_buffers=${rows[0].mb}MB`).toBe(memorySettings()[1]);
  });

  it('refuses a second instance on the same data directory', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hexie-lock-'));
    try {
      await writeFile(join(dir, 'hexie.lock'), JSON.stringify({ pid: process.ppid }));
      await expect(startEmbedded(dir, { info() {}, warn() {}, debug() {} })).rejects.toBeInstanceOf(
        InstanceLockedError,
      );
      await expect(startEmbedded(dir, { info() {}, warn() {}, debug() {} })).rejects.toThrow(/already running/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it.runIf(process.getuid?.() === 0)('as root, names a directory the postgres user cannot enter', async () => {
    const outer = await mkdtemp(join(tmpdir(), 'hexie-closed-')); // mode 700, as mkdtemp makes it
    try {
      await expect(startEmbedded(join(outer, 'data'), { info() {}, warn() {}, debug() {} })).rejects.toThrow(
        `cannot enter ${outer}`,
      );
    } finally {
      await rm(outer, { recursive: true, force: true });
    }
  });

  it('admin:create makes a province administrator who can sign in; weak passwords are refused', async () => {
    await expect(createAdmin(t.db, { username: 'boss', displayName: '管理员', password: 'weak' })).rejects.toThrow(
      /password/,
    );
    const id = await createAdmin(t.db, { username: 'boss', displayName: '管理员', password: 'Strong-Pass-2026' });
    const s = await login(t.app, 'boss', 'Strong-Pass-2026');
    expect(s.userId).toBe(id);
    await expect(
      createAdmin(t.db, { username: 'BOSS', displayName: 'x', password: 'Strong-Pass-2026' }),
    ).rejects.toThrow(/taken/);
    const { rows } = await t.db.query(
      "SELECT actor_username FROM audit_events WHERE action = 'user.create' AND entity_id = $1",
      [id],
    );
    expect(rows[0].actor_username).toBe('cli:admin:create');
  });
});
