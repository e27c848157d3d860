import type { NotificationItem } from '@hexie/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, fieldsOf, login, makeUser, type Session, type TestContext } from '../../../test/helpers.js';
import { type NotificationDraft, notify } from '../../platform/notifications.js';

let t: TestContext;
let mine: Session; // 长春市 mediation staff
let theirs: Session; // 吉林市 mediation staff
const ids: Record<string, string> = {};

const log = { error: () => {}, warn: () => {} };
const draft = (recipientId: string, regionCode: string, over: Partial<NotificationDraft> = {}): NotificationDraft => ({
  recipientId,
  regionCode,
  kind: 'mediation_deadline',
  subjectType: 'mediation_case',
  subjectId: crypto.randomUUID(),
  params: {
    trackingCode: 'ABCD2345',
    respondentName: '长春市鑫达商贸有限公司',
    deadline: 'mediation',
    due: '2026-03-17',
  },
  dueOn: '2026-03-17',
  ...over,
});

beforeAll(async () => {
  t = await createTestApp('notifications');
  const a = await makeUser(t.db, { role: 'mediation_staff', regionCode: '220100', memberUnit: null });
  const b = await makeUser(t.db, { role: 'mediation_staff', regionCode: '220200', memberUnit: null });
  mine = await login(t.app, a.username);
  theirs = await login(t.app, b.username);
  // Oldest first: `older` (朝阳区, due soon), `newer` (南关区, overdue); one about 吉林市, outside the caller's scope
  // (as after a move to another region); and one for somebody else.
  const made = async (name: string, d: NotificationDraft, minutesAgo: number) => {
    const [n] = await notify(t.db, [d], log);
    ids[name] = n?.id as string;
    await t.owner.query(`UPDATE notifications SET created_at = now() - $2 * interval '1 minute' WHERE id = $1`, [
      ids[name],
      minutesAgo,
    ]);
  };
  await made('older', draft(a.id, '220104'), 30);
  await made('newer', draft(a.id, '220102', { kind: 'mediation_overdue' }), 10);
  await made('elsewhere', draft(a.id, '220202'), 5);
  await made('theirs', draft(b.id, '220202'), 1);
});
afterAll(() => t.close());

const list = (who: Session, query = '', headers: Record<string, string> = {}) =>
  as(t.app, who, { url: `/api/v1/notifications${query}`, headers });
const count = async (who: Session) =>
  (await as(t.app, who, { url: '/api/v1/notifications/unread-count' })).json().unread as number;
const read = (who: Session, id: string, csrf = true) =>
  as(t.app, who, { method: 'POST', url: `/api/v1/notifications/${id}/read`, csrf });

describe('notifications API', () => {
  it('401 without a session, 403 for a change without the CSRF token', async () => {
    const closed = [
      { method: 'GET', url: '/api/v1/notifications' },
      { method: 'GET', url: '/api/v1/notifications/unread-count' },
      { method: 'POST', url: `/api/v1/notifications/${ids.older}/read` },
      { method: 'POST', url: '/api/v1/notifications/read-all' },
    ] as const;
    for (const r of closed) expect((await t.app.inject(r)).statusCode).toBe(401);
    expect((await read(mine, ids.older as string, false)).statusCode).toBe(403);
    const all = await as(t.app, mine, { method: 'POST', url: '/api/v1/notifications/read-all', csrf: false });
    expect(all.statusCode).toBe(403);
    expect(await count(mine)).toBe(2);
  });

  it('lists only the caller’s own, within their scope, worded in their language', async () => {
    const res = await list(mine);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ total: 2, unread: 2, page: 1, pageSize: 20 });
    expect(body.items.map((n: NotificationItem) => n.id)).toEqual([ids.newer, ids.older]);
    expect(body.items[1]).toMatchObject({
      kind: 'mediation_deadline',
      subjectType: 'mediation_case',
      regionCode: '220104',
      dueOn: '2026-03-17',
      title: '调解案件即将到期',
      body: '案件 ABCD2345（长春市鑫达商贸有限公司）的调解期限为 2026-03-17，请及时处理。',
      readAt: null,
    });
    const en = (await list(mine, '', { 'accept-language': 'en-US' })).json();
    expect(en.items[0].title).toBe('Mediation case overdue');
    const other = (await list(theirs)).json();
    expect(other.items.map((n: NotificationItem) => n.id)).toEqual([ids.theirs]);
    expect(await count(theirs)).toBe(1);
  });

  it('400 naming the field for a bad page, order or id', async () => {
    const big = await list(mine, '?pageSize=500');
    expect(big.statusCode).toBe(400);
    expect(fieldsOf(big)).toEqual(['pageSize']);
    const order = await list(mine, '?order=oldest');
    expect(order.statusCode).toBe(400);
    expect(fieldsOf(order)).toEqual(['order']);
    const id = await read(mine, 'not-an-id');
    expect(id.statusCode).toBe(400);
    expect(fieldsOf(id)).toEqual(['id']);
  });

  it('marks one read (somebody else’s or one outside the scope is 404); unread ones come first', async () => {
    expect((await read(mine, ids.theirs as string)).statusCode).toBe(404);
    expect((await read(mine, ids.elsewhere as string)).statusCode).toBe(404);
    expect((await read(theirs, ids.older as string)).statusCode).toBe(404);
    expect(await count(theirs)).toBe(1);

    const res = await read(mine, ids.newer as string);
    expect(res.statusCode).toBe(200);
    const first = res.json().readAt as string;
    expect(first).toBeTruthy();
    expect(await count(mine)).toBe(1);
    // Reading it again keeps the first time.
    expect((await read(mine, ids.newer as string)).json().readAt).toBe(first);

    const unreadFirst = (await list(mine)).json();
    expect(unreadFirst.items.map((n: NotificationItem) => n.id)).toEqual([ids.older, ids.newer]);
    expect(unreadFirst.unread).toBe(1);
    const newest = (await list(mine, '?order=newest')).json();
    expect(newest.items.map((n: NotificationItem) => n.id)).toEqual([ids.newer, ids.older]);
    const onlyUnread = (await list(mine, '?unread=true&pageSize=1')).json();
    expect(onlyUnread).toMatchObject({ total: 1, unread: 1 });
    expect(onlyUnread.items.map((n: NotificationItem) => n.id)).toEqual([ids.older]);
  });

  it('marks all the caller’s read, and nobody else’s', async () => {
    const res = await as(t.app, mine, { method: 'POST', url: '/api/v1/notifications/read-all' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ marked: 1 });
    expect(await count(mine)).toBe(0);
    expect(await count(theirs)).toBe(1);
    const { rows } = await t.db.query<{ read: boolean }>(
      'SELECT read_at IS NOT NULL AS read FROM notifications WHERE id = $1',
      [ids.elsewhere],
    );
    // Out of the caller's scope: not theirs to mark any more.
    expect(rows[0]?.read).toBe(false);
  });

  it('the same warning is stored once, however often it is raised', async () => {
    const u = await makeUser(t.db, { role: 'mediation_staff', regionCode: '220100', memberUnit: null });
    const d = draft(u.id, '220104');
    expect(await notify(t.db, [d, d], log)).toHaveLength(1);
    expect(await notify(t.db, [d], log)).toHaveLength(0);
    // Another deadline of the same subject is another warning.
    expect(await notify(t.db, [{ ...d, dueOn: '2026-03-27' }], log)).toHaveLength(1);
  });
});
