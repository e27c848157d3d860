import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeEnterprise } from '../../../test/factories/enterprises.js';
import {
  as,
  createTestApp,
  fieldsOf,
  login,
  makeUser,
  OTHER_PASSWORD,
  type Session,
  type TestContext,
} from '../../../test/helpers.js';

let t: TestContext;
let province: Session;
let changchun: Session;
let jilin: Session;
let staff: Session;
let jilinUserId: string;
let nanguanUserId: string;

beforeAll(async () => {
  t = await createTestApp('users');
  const p = await makeUser(t.db, { role: 'province_admin', regionCode: '220000' });
  const c = await makeUser(t.db, { role: 'region_admin', regionCode: '220100' });
  const j = await makeUser(t.db, { role: 'region_admin', regionCode: '220200' });
  const s = await makeUser(t.db, { role: 'region_staff', regionCode: '220100' });
  jilinUserId = j.id;
  nanguanUserId = (await makeUser(t.db, { role: 'region_staff', regionCode: '220102', displayName: '南关区人社' })).id;
  province = await login(t.app, p.username);
  changchun = await login(t.app, c.username);
  jilin = await login(t.app, j.username);
  staff = await login(t.app, s.username);
});
afterAll(() => t.close());

const newUser = (over: Record<string, unknown> = {}) => ({
  username: `new_${Math.random().toString(36).slice(2, 8)}`,
  displayName: '新用户',
  role: 'region_staff',
  regionCode: '220102',
  memberUnit: 'union',
  password: OTHER_PASSWORD,
  ...over,
});

describe('GET /api/v1/users', () => {
  it('401 without a session', async () => {
    expect((await t.app.inject({ url: '/api/v1/users' })).statusCode).toBe(401);
  });

  it('403 for a role without users:read', async () => {
    const res = await as(t.app, staff, { url: '/api/v1/users' });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('forbidden');
  });

  it('lists only the caller region and below, never a sibling', async () => {
    const res = await as(t.app, changchun, { url: '/api/v1/users?pageSize=100' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const regions = new Set(body.items.map((u: { regionCode: string }) => u.regionCode));
    expect([...regions].every((r) => r === '220100' || String(r).startsWith('2201'))).toBe(true);
    expect(body.items.some((u: { id: string }) => u.id === nanguanUserId)).toBe(true);
    expect(body.items.some((u: { id: string }) => u.id === jilinUserId)).toBe(false);
    expect(body).toMatchObject({ page: 1, pageSize: 100, total: body.items.length });
    // Asking for the sibling explicitly still yields nothing.
    const sib = await as(t.app, changchun, { url: '/api/v1/users?regionCode=220200' });
    expect(sib.json().total).toBe(0);
    // Never the password hash.
    expect(JSON.stringify(body)).not.toContain('argon2');
  });

  it('the province sees every region; filters and pagination work', async () => {
    const all = await as(t.app, province, { url: '/api/v1/users?pageSize=2&page=1' });
    expect(all.json().items).toHaveLength(2);
    expect(all.json().total).toBeGreaterThanOrEqual(5);
    const byName = await as(t.app, province, { url: `/api/v1/users?q=${encodeURIComponent('南关')}` });
    expect(byName.json().items.map((u: { id: string }) => u.id)).toEqual([nanguanUserId]);
    const byRole = await as(t.app, province, { url: '/api/v1/users?role=province_admin' });
    expect(byRole.json().items.every((u: { role: string }) => u.role === 'province_admin')).toBe(true);
  });

  it('400 naming the field for pageSize over 100 or a bad role', async () => {
    const res = await as(t.app, province, { url: '/api/v1/users?pageSize=101&role=king' });
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res).sort()).toEqual(['pageSize', 'role']);
  });
});

describe('GET /api/v1/users/:id', () => {
  it('404 for another region, 200 for own region, 400 for a malformed id', async () => {
    const other = await as(t.app, changchun, { url: `/api/v1/users/${jilinUserId}` });
    expect(other.statusCode).toBe(404);
    // Same answer as a record that does not exist: nothing about 吉林市 leaks.
    const missing = await as(t.app, changchun, { url: '/api/v1/users/00000000-0000-4000-8000-000000000000' });
    expect(missing.json().code).toBe(other.json().code);
    expect(missing.json().detail).toBe(other.json().detail);
    // The probe across regions is in the audit log; the miss is not.
    const { rows } = await t.db.query(
      "SELECT entity_id, result, region_code, details FROM audit_events WHERE action = 'access.out_of_scope' AND request_id IN ($1, $2)",
      [other.json().requestId, missing.json().requestId],
    );
    expect(rows).toEqual([
      { entity_id: jilinUserId, result: 'denied', region_code: '220100', details: { recordRegion: '220200' } },
    ]);
    const own = await as(t.app, changchun, { url: `/api/v1/users/${nanguanUserId}` });
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({ id: nanguanUserId, regionCode: '220102', regionName: '长春市南关区' });
    const bad = await as(t.app, changchun, { url: '/api/v1/users/not-a-uuid' });
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad)).toEqual(['id']);
  });
  it('401 and 403', async () => {
    expect((await t.app.inject({ url: `/api/v1/users/${nanguanUserId}` })).statusCode).toBe(401);
    expect((await as(t.app, staff, { url: `/api/v1/users/${nanguanUserId}` })).statusCode).toBe(403);
  });
});

describe('POST /api/v1/users', () => {
  it('creates a user in the caller scope, audited with the fields after', async () => {
    const body = newUser();
    const res = await as(t.app, changchun, { method: 'POST', url: '/api/v1/users', payload: body });
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({
      username: body.username,
      role: 'region_staff',
      regionCode: '220102',
      memberUnit: 'union',
    });
    const { rows } = await t.db.query("SELECT * FROM audit_events WHERE action = 'user.create' AND entity_id = $1", [
      created.id,
    ]);
    expect(rows).toHaveLength(1);
    expect(rows[0].details.after).toMatchObject({ username: body.username, regionCode: '220102' });
    expect(JSON.stringify(rows[0].details)).not.toContain(OTHER_PASSWORD);
    // The new user can sign in.
    await login(t.app, body.username, OTHER_PASSWORD);
  });

  it('401, 403 without users:write, 403 without CSRF', async () => {
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/users', payload: newUser() })).statusCode).toBe(401);
    expect((await as(t.app, staff, { method: 'POST', url: '/api/v1/users', payload: newUser() })).statusCode).toBe(403);
    const noCsrf = await as(t.app, changchun, {
      method: 'POST',
      url: '/api/v1/users',
      payload: newUser(),
      csrf: false,
    });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().code).toBe('csrf_failed');
    // Both refusals of a signed-in user are security events in the audit log; nothing was created.
    const { rows } = await t.db.query(
      "SELECT actor_id, result, details FROM audit_events WHERE action = 'access.denied' ORDER BY id DESC LIMIT 2",
    );
    expect(rows.map((r) => [r.actor_id, r.result, r.details.reason, r.details.route])).toEqual([
      [changchun.userId, 'denied', 'csrf', '/api/v1/users'],
      [staff.userId, 'denied', 'permission', '/api/v1/users'],
    ]);
  });

  it('400 naming each bad field, nothing written', async () => {
    const before = (await t.db.query('SELECT count(*)::int AS n FROM users')).rows[0].n;
    const res = await as(t.app, changchun, {
      method: 'POST',
      url: '/api/v1/users',
      payload: newUser({ username: '1bad name', displayName: '', role: 'emperor' }),
    });
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res).sort()).toEqual(['displayName', 'role', 'username']);
    const weak = await as(t.app, changchun, {
      method: 'POST',
      url: '/api/v1/users',
      payload: newUser({ password: 'alllowercase' }),
    });
    expect(weak.json().errors).toEqual([
      expect.objectContaining({
        field: 'password',
        code: 'password_policy',
        message: expect.stringContaining('至少 10 位'),
      }),
    ]);
    const after = (await t.db.query('SELECT count(*)::int AS n FROM users')).rows[0].n;
    expect(after).toBe(before);
  });

  it('refuses a region outside the caller scope, an unknown region and a role it may not grant', async () => {
    const sibling = await as(t.app, changchun, {
      method: 'POST',
      url: '/api/v1/users',
      payload: newUser({ regionCode: '220200' }),
    });
    expect(sibling.json().errors).toEqual([
      expect.objectContaining({ field: 'regionCode', code: 'region_out_of_scope' }),
    ]);
    const unknown = await as(t.app, changchun, {
      method: 'POST',
      url: '/api/v1/users',
      payload: newUser({ regionCode: '990000' }),
    });
    expect(unknown.json().errors).toEqual([expect.objectContaining({ field: 'regionCode', code: 'unknown_region' })]);
    const escalate = await as(t.app, changchun, {
      method: 'POST',
      url: '/api/v1/users',
      payload: newUser({ role: 'province_admin', regionCode: '220100' }),
    });
    expect(fieldsOf(escalate)).toContain('role');
    const noUnit = await as(t.app, province, {
      method: 'POST',
      url: '/api/v1/users',
      payload: newUser({ role: 'region_staff', memberUnit: null }),
    });
    expect(noUnit.json().errors).toEqual([
      expect.objectContaining({ field: 'memberUnit', code: 'member_unit_required' }),
    ]);
  });

  it('409 for a username already taken, whatever its case', async () => {
    const body = newUser();
    expect((await as(t.app, province, { method: 'POST', url: '/api/v1/users', payload: body })).statusCode).toBe(201);
    const dup = await as(t.app, province, {
      method: 'POST',
      url: '/api/v1/users',
      payload: newUser({ username: body.username.toUpperCase() }),
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('username_taken');
  });
});

describe('enterprise users', () => {
  it('belong to an enterprise of the caller region, whose region they take; other roles to none', async () => {
    const own = await makeEnterprise(t.db, { regionCode: '220104', name: '长春市朝阳区某某科技有限公司' });
    const other = await makeEnterprise(t.db, { regionCode: '220202' });
    const post = (over: Record<string, unknown>) =>
      as(t.app, changchun, {
        method: 'POST',
        url: '/api/v1/users',
        payload: newUser({ role: 'enterprise_user', memberUnit: undefined, ...over }),
      });
    const missing = await post({});
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors).toEqual([
      expect.objectContaining({ field: 'enterpriseId', code: 'enterprise_required' }),
    ]);
    expect(fieldsOf(await post({ enterpriseId: other.id }))).toEqual(['enterpriseId']);
    const ok = await post({ enterpriseId: own.id, regionCode: '220102' });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({
      regionCode: '220104',
      enterpriseId: own.id,
      enterpriseName: '长春市朝阳区某某科技有限公司',
    });
    const s = await login(t.app, ok.json().username, OTHER_PASSWORD);
    const me = await as(t.app, s, { url: '/api/v1/auth/me' });
    expect(me.json().user.enterpriseId).toBe(own.id);
    const staffWithEnterprise = await as(t.app, changchun, {
      method: 'POST',
      url: '/api/v1/users',
      payload: newUser({ enterpriseId: own.id }),
    });
    expect(staffWithEnterprise.json().errors).toEqual([
      expect.objectContaining({ field: 'enterpriseId', code: 'enterprise_not_allowed' }),
    ]);
  });
});

describe('PATCH /api/v1/users/:id', () => {
  it('changes fields, audits before and after, and 404s for another region', async () => {
    const u = await makeUser(t.db, { regionCode: '220102' });
    const res = await as(t.app, changchun, {
      method: 'PATCH',
      url: `/api/v1/users/${u.id}`,
      payload: { displayName: '改名后', regionCode: '220103' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ displayName: '改名后', regionCode: '220103' });
    const { rows } = await t.db.query(
      "SELECT details FROM audit_events WHERE action = 'user.update' AND entity_id = $1",
      [u.id],
    );
    expect(rows[0].details.before).toEqual({ displayName: u.displayName, regionCode: '220102' });
    expect(rows[0].details.after).toEqual({ displayName: '改名后', regionCode: '220103' });
    const other = await as(t.app, jilin, {
      method: 'PATCH',
      url: `/api/v1/users/${u.id}`,
      payload: { displayName: 'x' },
    });
    expect(other.statusCode).toBe(404);
  });

  it('disabling ends the user sessions; resetting the password lifts a lock', async () => {
    const u = await makeUser(t.db, { regionCode: '220100' });
    const s = await login(t.app, u.username);
    const dis = await as(t.app, changchun, {
      method: 'PATCH',
      url: `/api/v1/users/${u.id}`,
      payload: { disabled: true },
    });
    expect(dis.json().disabled).toBe(true);
    expect((await as(t.app, s, { url: '/api/v1/auth/me' })).statusCode).toBe(401);
    await as(t.app, changchun, { method: 'PATCH', url: `/api/v1/users/${u.id}`, payload: { disabled: false } });
    for (let i = 0; i < 5; i++) {
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: u.username, password: 'Wrong-pass-1' },
        remoteAddress: `10.7.0.${i}`,
      });
    }
    const locked = await as(t.app, changchun, { url: `/api/v1/users/${u.id}` });
    expect(locked.json().lockedUntil).not.toBeNull();
    const reset = await as(t.app, changchun, {
      method: 'PATCH',
      url: `/api/v1/users/${u.id}`,
      payload: { newPassword: OTHER_PASSWORD },
    });
    expect(reset.statusCode).toBe(200);
    expect(reset.json().lockedUntil).toBeNull();
    await login(t.app, u.username, OTHER_PASSWORD);
    const { rows } = await t.db.query(
      "SELECT details FROM audit_events WHERE action = 'user.password_reset' AND entity_id = $1",
      [u.id],
    );
    expect(rows).toHaveLength(1);
  });

  it('400: weak new password, unknown field, changing oneself, moving out of scope', async () => {
    const u = await makeUser(t.db, { regionCode: '220100' });
    const weak = await as(t.app, changchun, {
      method: 'PATCH',
      url: `/api/v1/users/${u.id}`,
      payload: { newPassword: 'short' },
    });
    expect(fieldsOf(weak)).toEqual(['newPassword']);
    const unknown = await as(t.app, changchun, {
      method: 'PATCH',
      url: `/api/v1/users/${u.id}`,
      payload: { salary: 1 },
    });
    expect(fieldsOf(unknown)).toEqual(['salary']);
    const self = await as(t.app, changchun, {
      method: 'PATCH',
      url: `/api/v1/users/${changchun.userId}`,
      payload: { disabled: true },
    });
    expect(self.json().errors).toEqual([expect.objectContaining({ field: 'disabled', code: 'cannot_change_self' })]);
    const away = await as(t.app, changchun, {
      method: 'PATCH',
      url: `/api/v1/users/${u.id}`,
      payload: { regionCode: '220200' },
    });
    expect(away.json().errors).toEqual([expect.objectContaining({ field: 'regionCode', code: 'region_out_of_scope' })]);
  });

  it('401 and 403', async () => {
    expect(
      (await t.app.inject({ method: 'PATCH', url: `/api/v1/users/${nanguanUserId}`, payload: {} })).statusCode,
    ).toBe(401);
    expect(
      (await as(t.app, staff, { method: 'PATCH', url: `/api/v1/users/${nanguanUserId}`, payload: {} })).statusCode,
    ).toBe(403);
  });
});
