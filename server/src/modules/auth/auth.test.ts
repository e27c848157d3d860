import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  as,
  createTestApp,
  fieldsOf,
  login,
  makeUser,
  TEST_PASSWORD,
  type TestContext,
} from '../../../test/helpers.js';

let t: TestContext;
beforeAll(async () => {
  t = await createTestApp('auth');
});
afterAll(() => t.close());

// Each call from its own address unless told: the per-IP limit is tested on its own.
let ip = 0;
const post = (payload: unknown, remoteAddress = `10.1.${Math.floor(++ip / 250)}.${ip % 250}`) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: payload as object, remoteAddress });

async function auditActions(username: string): Promise<string[]> {
  const { rows } = await t.db.query<{ action: string }>(
    'SELECT action FROM audit_events WHERE lower(actor_username) = lower($1) ORDER BY id',
    [username],
  );
  return rows.map((r) => r.action);
}

describe('POST /api/v1/auth/login', () => {
  it('signs in, sets an httpOnly cookie and returns the user and a CSRF token', async () => {
    const u = await makeUser(t.db, { regionCode: '220100', role: 'region_admin' });
    const res = await post({ username: u.username, password: TEST_PASSWORD });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.user).toMatchObject({ id: u.id, username: u.username, role: 'region_admin', regionCode: '220100' });
    expect(body.regionName).toBe('长春市');
    expect(body.csrfToken).toMatch(/^[\w-]{20,}$/);
    const cookie = res.cookies.find((c) => c.name === 'hexie_sid');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    // Only the hash of the token is stored.
    const { rows } = await t.db.query('SELECT token_hash FROM sessions WHERE user_id = $1', [u.id]);
    expect(rows).toHaveLength(1);
    expect(rows[0].token_hash).not.toBe(cookie?.value);
    expect(await auditActions(u.username)).toEqual(['auth.login']);
  });

  it('accepts the username in any case', async () => {
    const u = await makeUser(t.db, { username: 'CaseUser' });
    expect((await post({ username: 'caseuser', password: TEST_PASSWORD })).statusCode).toBe(200);
    expect(u.username).toBe('CaseUser');
  });

  it('answers a wrong password and an unknown user identically', async () => {
    const u = await makeUser(t.db);
    const wrong = await post({ username: u.username, password: 'Wrong-pass-123' });
    const unknown = await post({ username: 'nobody-here', password: 'Wrong-pass-123' });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    const strip = (b: Record<string, unknown>) => ({ ...b, requestId: undefined });
    expect(strip(wrong.json())).toEqual(strip(unknown.json()));
    expect(wrong.json().code).toBe('invalid_credentials');
    expect(wrong.headers['content-type']).toContain('application/problem+json');
  });

  it('locks after 5 consecutive failures for 15 minutes, the same way for unknown users', async () => {
    const u = await makeUser(t.db);
    for (const name of [u.username, 'ghost-user']) {
      const codes: string[] = [];
      for (let i = 0; i < 5; i++) codes.push((await post({ username: name, password: 'Wrong-pass-123' })).json().code);
      expect(codes).toEqual([
        'invalid_credentials',
        'invalid_credentials',
        'invalid_credentials',
        'invalid_credentials',
        'account_locked',
      ]);
      // The right password does not get in while locked.
      const locked = await post({ username: name, password: TEST_PASSWORD });
      expect(locked.statusCode).toBe(401);
      expect(locked.json().code).toBe('account_locked');
      expect(locked.json().detail).toContain('15 分钟');
    }
    expect(await auditActions(u.username)).toContain('auth.locked');
    // When the lock runs out, the right password works and the count starts again.
    await t.db.query("UPDATE login_throttle SET locked_until = now() - interval '1 second' WHERE username_key = $1", [
      u.username.toLowerCase(),
    ]);
    expect((await post({ username: u.username, password: TEST_PASSWORD })).statusCode).toBe(200);
  });

  it('counts only consecutive failures: a success resets the count', async () => {
    const u = await makeUser(t.db);
    for (let i = 0; i < 4; i++) await post({ username: u.username, password: 'Wrong-pass-123' });
    expect((await post({ username: u.username, password: TEST_PASSWORD })).statusCode).toBe(200);
    for (let i = 0; i < 4; i++) await post({ username: u.username, password: 'Wrong-pass-123' });
    expect((await post({ username: u.username, password: TEST_PASSWORD })).statusCode).toBe(200);
  });

  it('refuses a disabled account after the right password only', async () => {
    const u = await makeUser(t.db, { disabled: true });
    expect((await post({ username: u.username, password: 'Wrong-pass-123' })).json().code).toBe('invalid_credentials');
    expect((await post({ username: u.username, password: TEST_PASSWORD })).json().code).toBe('account_disabled');
  });

  it('rejects bad input naming the field, in the caller language', async () => {
    const res = await post({ username: '', password: 12 });
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res).sort()).toEqual(['password', 'username']);
    const en = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { password: 'x' },
      headers: { 'accept-language': 'en-US,en;q=0.9' },
    });
    expect(en.json().errors[0]).toMatchObject({
      field: 'username',
      code: 'required',
      message: 'Username is required.',
    });
    const zh = await post({ password: 'x' });
    expect(zh.json().errors[0].message).toBe('用户名为必填项。');
  });

  it('rejects malformed JSON as a bad request without leaking parser details', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username":',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('bad_request');
    expect(res.body).not.toMatch(/Unexpected|JSON\.parse|at /);
  });

  it('limits sign-in attempts per IP to about 30 a minute with Retry-After', async () => {
    const ip = '10.9.9.9';
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) statuses.push((await post({ username: `rl${i}`, password: 'x' }, ip)).statusCode);
    expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
    const limited = await post({ username: 'rl-last', password: 'x' }, ip);
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.json().code).toBe('rate_limited');
    // Another address is not affected.
    expect((await post({ username: 'rl-other', password: 'x' }, '10.9.9.10')).statusCode).toBe(401);
  });
});

describe('sessions', () => {
  it('GET /api/v1/auth/me answers 401 without a session and the user with one', async () => {
    expect((await t.app.inject({ url: '/api/v1/auth/me' })).statusCode).toBe(401);
    const u = await makeUser(t.db, { regionCode: '220200' });
    const s = await login(t.app, u.username);
    const me = await as(t.app, s, { url: '/api/v1/auth/me' });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ user: { username: u.username }, regionName: '吉林市', csrfToken: s.csrf });
  });

  it('ends a session after 30 minutes idle', async () => {
    const u = await makeUser(t.db);
    const s = await login(t.app, u.username);
    await t.db.query("UPDATE sessions SET last_seen_at = now() - interval '31 minutes' WHERE user_id = $1", [u.id]);
    const res = await as(t.app, s, { url: '/api/v1/auth/me' });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('session_expired');
  });

  it('keeps a session that was used 29 minutes ago', async () => {
    const u = await makeUser(t.db);
    const s = await login(t.app, u.username);
    await t.db.query("UPDATE sessions SET last_seen_at = now() - interval '29 minutes' WHERE user_id = $1", [u.id]);
    expect((await as(t.app, s, { url: '/api/v1/auth/me' })).statusCode).toBe(200);
  });

  it('ends a session 12 hours after sign-in however active', async () => {
    const u = await makeUser(t.db);
    const s = await login(t.app, u.username);
    const { rows } = await t.db.query(
      'SELECT round(extract(epoch FROM expires_at - created_at) / 3600) AS h FROM sessions WHERE user_id = $1',
      [u.id],
    );
    expect(Number(rows[0].h)).toBe(12);
    await t.db.query("UPDATE sessions SET expires_at = now() - interval '1 second' WHERE user_id = $1", [u.id]);
    expect((await as(t.app, s, { url: '/api/v1/auth/me' })).statusCode).toBe(401);
  });

  it('logout needs the CSRF token, ends the session and is audited', async () => {
    const u = await makeUser(t.db);
    const s = await login(t.app, u.username);
    const noCsrf = await as(t.app, s, { method: 'POST', url: '/api/v1/auth/logout', csrf: false });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().code).toBe('csrf_failed');
    const wrongCsrf = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { cookie: s.cookie, 'x-csrf-token': 'forged-token-value-0000000' },
    });
    expect(wrongCsrf.statusCode).toBe(403);
    const ok = await as(t.app, s, { method: 'POST', url: '/api/v1/auth/logout' });
    expect(ok.statusCode).toBe(204);
    expect((await as(t.app, s, { url: '/api/v1/auth/me' })).statusCode).toBe(401);
    // The two refused attempts are security events too.
    expect(await auditActions(u.username)).toEqual(['auth.login', 'access.denied', 'access.denied', 'auth.logout']);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout' })).statusCode).toBe(401);
  });

  it('ends the sessions of a user who is disabled', async () => {
    const u = await makeUser(t.db);
    const s = await login(t.app, u.username);
    await t.db.query('UPDATE users SET disabled = true WHERE id = $1', [u.id]);
    expect((await as(t.app, s, { url: '/api/v1/auth/me' })).statusCode).toBe(401);
  });
});

describe('POST /api/v1/auth/password', () => {
  it('changes the password, ends other sessions, keeps this one, audits', async () => {
    const u = await makeUser(t.db);
    const s1 = await login(t.app, u.username);
    const s2 = await login(t.app, u.username);
    const res = await as(t.app, s1, {
      method: 'POST',
      url: '/api/v1/auth/password',
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'Brand-New-Pass-7' },
    });
    expect(res.statusCode).toBe(204);
    expect((await as(t.app, s1, { url: '/api/v1/auth/me' })).statusCode).toBe(200);
    expect((await as(t.app, s2, { url: '/api/v1/auth/me' })).statusCode).toBe(401);
    await login(t.app, u.username, 'Brand-New-Pass-7');
    expect(await auditActions(u.username)).toContain('auth.password_change');
  });

  it('400 naming the field: wrong current password, weak or unchanged new one; 401; 403 without CSRF', async () => {
    const u = await makeUser(t.db);
    const s = await login(t.app, u.username);
    const call = (payload: object, csrf = true) =>
      as(t.app, s, { method: 'POST', url: '/api/v1/auth/password', payload, csrf });
    const wrong = await call({ currentPassword: 'Not-It-123', newPassword: 'Brand-New-Pass-7' });
    expect(wrong.json().errors).toEqual([
      expect.objectContaining({ field: 'currentPassword', code: 'wrong_password' }),
    ]);
    expect(fieldsOf(await call({ currentPassword: TEST_PASSWORD, newPassword: 'short' }))).toEqual(['newPassword']);
    const same = await call({ currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD });
    expect(same.json().errors[0].code).toBe('same_password');
    expect(fieldsOf(await call({ newPassword: 'x' }))).toContain('currentPassword');
    expect((await call({ currentPassword: TEST_PASSWORD, newPassword: 'Brand-New-Pass-7' }, false)).statusCode).toBe(
      403,
    );
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/password', payload: {} })).statusCode).toBe(401);
  });
});
