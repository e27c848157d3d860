import type { Role } from '@hexie/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, fieldsOf, login, makeUser, type Session, type TestContext } from '../../../test/helpers.js';

let t: TestContext;
let staff: Session; // mediation staff of 长春市
let admin: Session; // region admin of 长春市: personal:read
let jilinStaff: Session;
let orgId: string;
let jilinOrgId: string;

beforeAll(async () => {
  t = await createTestApp('mediators');
  const mk = async (role: Role, regionCode: string) =>
    login(t.app, (await makeUser(t.db, { role, regionCode })).username);
  staff = await mk('mediation_staff', '220100');
  admin = await mk('region_admin', '220100');
  jilinStaff = await mk('mediation_staff', '220200');
  const org = async (regionCode: string, name: string, active = true) =>
    (
      await t.owner.query<{ id: string }>(
        `INSERT INTO mediation_orgs (region_code, name, type, has_office, has_sign, rules_posted, active)
         VALUES ($1, $2, 'township_street', true, true, true, $3) RETURNING id`,
        [regionCode, name, active],
      )
    ).rows[0]?.id as string;
  orgId = await org('220104', '朝阳区调解中心');
  jilinOrgId = await org('220202', '船营区调解中心');
});
afterAll(() => t.close());

const person = { name: '王立新', idNumber: '11010519491231002x', phone: '13900001111', fullTime: true };
const add = (who: Session, body: Record<string, unknown>) =>
  as(t.app, who, { method: 'POST', url: '/api/v1/mediation/mediators', payload: body });

describe('mediators (附件4)', () => {
  it('adds a mediator with masked ID and phone, audited without them; the organisation now meets the standard', async () => {
    const before = (await as(t.app, staff, { url: `/api/v1/mediation/orgs/${orgId}` })).json();
    expect(before.standard).toEqual({ met: false, missing: ['mediator'] });
    const res = await add(staff, {
      ...person,
      orgId,
      trainings: [{ on: '2026-05-20', title: '劳动争议调解实务培训', hours: 16 }],
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      orgName: '朝阳区调解中心',
      name: '王立新',
      idNumber: '110105********002X',
      phone: '139****1111',
      personalMasked: true,
      trainings: [{ title: '劳动争议调解实务培训', hours: 16 }],
    });
    const { rows } = await t.db.query(
      "SELECT details FROM audit_events WHERE action = 'mediator.create' AND entity_id = $1",
      [res.json().id],
    );
    expect(JSON.stringify(rows[0]?.details)).not.toMatch(/13900001111|19491231/);
    const after = (await as(t.app, staff, { url: `/api/v1/mediation/orgs/${orgId}` })).json();
    expect(after).toMatchObject({ activeMediators: 1, standard: { met: true } });
  });

  it('400 naming bad fields; 409 for the same person twice in one organisation; another region’s organisation is refused', async () => {
    const bad = await add(staff, { ...person, orgId, idNumber: '110105194912310021', phone: '123' });
    expect(fieldsOf(bad).sort()).toEqual(['idNumber', 'phone']);
    expect(
      bad
        .json()
        .errors.map((e: { message: string }) => e.message)
        .join(' '),
    ).toContain('公民身份号码');
    const twice = await add(staff, { ...person, name: '王立新二', orgId });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('mediator_taken');
    expect(fieldsOf(await add(staff, { ...person, orgId: jilinOrgId }))).toEqual(['orgId']);
  });

  it('updates at the version read; reveals only with personal:read, audited; other regions see nothing', async () => {
    const created = (await add(staff, { name: '李淑华', phone: '13900002222', fullTime: false, orgId })).json();
    const url = `/api/v1/mediation/mediators/${created.id}`;
    const ok = await as(t.app, staff, { method: 'PATCH', url, payload: { version: 1, fullTime: true } });
    expect(ok.json()).toMatchObject({ fullTime: true, version: 2 });
    expect((await as(t.app, staff, { method: 'PATCH', url, payload: { version: 1, active: false } })).statusCode).toBe(
      412,
    );
    expect((await as(t.app, staff, { url: `${url}?reveal=personal` })).statusCode).toBe(403);
    const shown = await as(t.app, admin, { url: `${url}?reveal=personal` });
    expect(shown.json()).toMatchObject({ phone: '13900002222', personalMasked: false });
    const { rows } = await t.db.query(
      "SELECT count(*)::int AS n FROM audit_events WHERE action = 'mediator.reveal' AND entity_id = $1",
      [created.id],
    );
    expect(rows[0].n).toBe(1);
    expect((await as(t.app, jilinStaff, { url })).statusCode).toBe(404);
    const theirs = await as(t.app, jilinStaff, { url: '/api/v1/mediation/mediators' });
    expect(theirs.json().total).toBe(0);
  });

  it('the public roster: active mediators of active organisations, no ID or phone', async () => {
    const closedOrg = (
      await t.owner.query<{ id: string }>(
        `INSERT INTO mediation_orgs (region_code, name, type, active) VALUES ('220104', '已撤销调解中心', 'other', false) RETURNING id`,
      )
    ).rows[0]?.id as string;
    await t.owner.query(
      `INSERT INTO mediators (org_id, region_code, name, full_time) VALUES ($1, '220104', '赵隐藏', true)`,
      [closedOrg],
    );
    const res = await t.app.inject({ url: '/api/v1/public/mediators?regionCode=220100&pageSize=100' });
    expect(res.statusCode).toBe(200);
    const names = res.json().items.map((m: { name: string }) => m.name);
    expect(names).toContain('王立新');
    expect(names).not.toContain('赵隐藏');
    expect(res.body).not.toMatch(/idNumber|phone|1390000|19491231/);
    // Bad parameters are named, on the public rosters as on the staff list.
    for (const url of [
      '/api/v1/public/mediators?orgId=not-a-uuid',
      '/api/v1/public/mediation-orgs?regionCode=abc',
      '/api/v1/public/mediation-orgs?pageSize=1000',
    ]) {
      const bad = await t.app.inject({ url });
      expect(bad.statusCode, url).toBe(400);
      expect(bad.json().errors.length, url).toBe(1);
    }
    expect((await as(t.app, staff, { url: '/api/v1/mediation/mediators?active=maybe' })).statusCode).toBe(400);
  });

  it('401 without a session; 403 to add without mediation:write', async () => {
    expect((await t.app.inject({ url: '/api/v1/mediation/mediators' })).statusCode).toBe(401);
    const reader = await login(t.app, (await makeUser(t.db, { role: 'region_staff', regionCode: '220100' })).username);
    expect((await as(t.app, reader, { url: '/api/v1/mediation/mediators' })).statusCode).toBe(200);
    expect((await add(reader, { ...person, orgId })).statusCode).toBe(403);
  });
});
