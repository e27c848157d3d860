import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
let staff: Session;

beforeAll(async () => {
  t = await createTestApp('audit');
  province = await login(t.app, (await makeUser(t.db, { role: 'province_admin', regionCode: '220000' })).username);
  changchun = await login(t.app, (await makeUser(t.db, { role: 'region_admin', regionCode: '220100' })).username);
  staff = await login(t.app, (await makeUser(t.db, { role: 'region_staff', regionCode: '220100' })).username);
  await login(t.app, (await makeUser(t.db, { role: 'region_staff', regionCode: '220200' })).username);
});
afterAll(() => t.close());

describe('audit log is append-only', () => {
  it('the application role cannot update, delete or truncate it', async () => {
    for (const sql of [
      "UPDATE audit_events SET action = 'forged'",
      'DELETE FROM audit_events',
      'TRUNCATE audit_events',
    ]) {
      await expect(t.db.query(sql)).rejects.toMatchObject({ code: '42501' });
    }
  });

  it('even the owner cannot change a row (trigger)', async () => {
    await expect(t.owner.query("UPDATE audit_events SET action = 'forged'")).rejects.toThrow(/append-only/);
    await expect(t.owner.query('DELETE FROM audit_events')).rejects.toThrow(/append-only/);
  });

  it('a change whose audit write fails does not happen', async () => {
    await t.owner.query(`CREATE FUNCTION fail_user_audit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.action = 'user.create' THEN RAISE EXCEPTION 'audit store unavailable'; END IF; RETURN NEW; END $$`);
    await t.owner.query(
      'CREATE TRIGGER fail_user_audit BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION fail_user_audit()',
    );
    try {
      const res = await as(t.app, province, {
        method: 'POST',
        url: '/api/v1/users',
        payload: {
          username: 'never_made',
          displayName: 'x',
          role: 'mediation_staff',
          regionCode: '220100',
          password: OTHER_PASSWORD,
        },
      });
      expect(res.statusCode).toBe(500);
      const body = res.json();
      expect(body.code).toBe('internal_error');
      expect(body.detail).toContain(body.requestId);
      // Nothing internal leaks: no SQL, no stack.
      expect(res.body).not.toMatch(/audit store|INSERT|at \/|\.ts:/);
      const { rowCount } = await t.db.query("SELECT 1 FROM users WHERE username = 'never_made'");
      expect(rowCount).toBe(0);
    } finally {
      await t.owner.query('DROP TRIGGER fail_user_audit ON audit_events');
    }
  });
});

describe('GET /api/v1/audit-events', () => {
  it('401 without a session, 403 for region staff', async () => {
    expect((await t.app.inject({ url: '/api/v1/audit-events' })).statusCode).toBe(401);
    expect((await as(t.app, staff, { url: '/api/v1/audit-events' })).statusCode).toBe(403);
  });

  it('a region admin reads only its region events; another region filter yields nothing', async () => {
    const res = await as(t.app, changchun, { url: '/api/v1/audit-events?pageSize=100' });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { regionCode: string }[];
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((e) => e.regionCode?.startsWith('2201'))).toBe(true);
    const sibling = await as(t.app, changchun, { url: '/api/v1/audit-events?regionCode=220200' });
    expect(sibling.json().total).toBe(0);
    const prov = await as(t.app, province, { url: '/api/v1/audit-events?regionCode=220200' });
    expect(prov.json().total).toBeGreaterThan(0);
  });

  it('the province filters by action family, actor, result and time', async () => {
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'who-is-this', password: 'nope-nope-1' },
    });
    const failed = await as(t.app, province, {
      url: '/api/v1/audit-events?action=auth.login_failed&actorUsername=WHO-IS-THIS',
    });
    expect(failed.json().items).toEqual([
      expect.objectContaining({
        action: 'auth.login_failed',
        result: 'failure',
        regionCode: null,
        actorUsername: 'who-is-this',
      }),
    ]);
    const fam = await as(t.app, province, { url: '/api/v1/audit-events?action=auth&result=success' });
    expect(
      fam
        .json()
        .items.every((e: { action: string; result: string }) => e.action.startsWith('auth.') && e.result === 'success'),
    ).toBe(true);
    const future = await as(t.app, province, {
      url: `/api/v1/audit-events?from=${encodeURIComponent('2099-01-01T00:00:00+08:00')}`,
    });
    expect(future.json().total).toBe(0);
    const e = failed.json().items[0];
    expect(e.ip).toBeTruthy();
    expect(e.requestId).toBeTruthy();
  });

  it('400 naming the field for a bad date or result', async () => {
    const res = await as(t.app, province, { url: '/api/v1/audit-events?from=yesterday&result=maybe' });
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res).sort()).toEqual(['from', 'result']);
  });
});
