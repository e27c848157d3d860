import {
  can,
  type NotificationItem,
  type NotificationKind,
  type NotificationListQuery,
  type NotificationParams,
  type NotificationSubject,
  type Page,
  type Permission,
  ROLES,
  renderNotification,
} from '@hexie/core';
import type { Queryable } from '../db/pool.js';
import type { ServiceContext } from './context.js';
import { AppError } from './errors.js';
import type { JobLog } from './jobs.js';
import type { Regions } from './regions.js';

/**
 * 站内提醒 (notifications), for every module: a module raises warnings with `notify`; each person reads their own
 * (the bell) through the functions below, always by recipient and within their region scope.
 *
 * The table is the record of what was raised: its unique key (recipient, kind, subject, due date) makes a warning
 * once however often a scan runs, and `notify` answers only the rows it newly made. Those go to every channel.
 * The in-app channel needs nothing more (the stored row is what the bell shows); an SMS channel implements
 * `NotificationChannel` (look up the recipient's mobile, word the text with core's renderNotification in zh-CN,
 * send, keep its own delivery record for retries) and is added with `registerChannel` — nothing else changes.
 */

/** A warning to raise for one person. */
export interface NotificationDraft {
  recipientId: string;
  /** the subject's region */
  regionCode: string;
  kind: NotificationKind;
  subjectType: NotificationSubject;
  subjectId: string;
  /** the text's parameters (core's NOTIFICATION_TEXTS); never personal data */
  params: NotificationParams;
  /** the deadline warned about: part of the once-only key */
  dueOn: string | null;
}

export interface StoredNotification extends NotificationDraft {
  id: string;
  createdAt: Date;
}

/** A way a notification reaches its person. Delivery runs after the record is stored and never undoes it. */
export interface NotificationChannel {
  readonly name: string;
  deliver(items: readonly StoredNotification[], env: { db: Queryable; log: JobLog }): Promise<void>;
}

/** 站内: the stored row is the message; the bell and the list read it (GET /api/v1/notifications). */
export const inAppChannel: NotificationChannel = {
  name: 'in_app',
  async deliver() {},
};

const channels: NotificationChannel[] = [inAppChannel];

/** Adds a channel (SMS, say) for every notification raised from now on in this process. */
export function registerChannel(channel: NotificationChannel): void {
  if (!channels.some((c) => c.name === channel.name)) channels.push(channel);
}

/**
 * Who is to be warned about records of these regions: the active users whose role holds `permission` and whose
 * region covers the record's (their region is the record's or above it in the reporting tree, as scopeOf sees it).
 * Answers, for each region asked, the users' ids.
 */
export async function staffCovering(
  db: Queryable,
  regions: Regions,
  permission: Permission,
  regionCodes: Iterable<string>,
): Promise<Map<string, string[]>> {
  const lineages = new Map([...new Set(regionCodes)].map((code) => [code, regions.lineage(code)]));
  const covering = [...new Set([...lineages.values()].flat())];
  const roles = ROLES.filter((r) => can(r, permission));
  const out = new Map<string, string[]>();
  if (covering.length === 0 || roles.length === 0) return out;
  const { rows } = await db.query<{ id: string; region_code: string }>(
    `SELECT id, region_code FROM users
      WHERE NOT disabled AND role = ANY($1::text[]) AND region_code = ANY($2::text[])
      ORDER BY region_code, id`,
    [roles, covering],
  );
  for (const [code, lineage] of lineages) {
    out.set(
      code,
      rows.filter((u) => lineage.includes(u.region_code)).map((u) => u.id),
    );
  }
  return out;
}

interface Row {
  id: string;
  recipient_id: string;
  region_code: string;
  kind: NotificationKind;
  subject_type: NotificationSubject;
  subject_id: string;
  params: NotificationParams;
  due_on: string | null;
  created_at: Date;
  read_at: Date | null;
}

const COLUMNS = `id, recipient_id, region_code, kind, subject_type, subject_id, params,
  to_char(due_on, 'YYYY-MM-DD') AS due_on, created_at, read_at`;

/**
 * Raises warnings: each is stored unless the same one (person, kind, subject, due date) exists, in one statement,
 * and the new ones go to every channel. Answers the new ones.
 */
export async function notify(
  db: Queryable,
  drafts: readonly NotificationDraft[],
  log: JobLog,
): Promise<StoredNotification[]> {
  if (drafts.length === 0) return [];
  const { rows } = await db.query<Row>(
    `INSERT INTO notifications (recipient_id, region_code, kind, subject_type, subject_id, params, due_on)
     SELECT d."recipientId", d."regionCode", d.kind, d."subjectType", d."subjectId", d.params, d."dueOn"
       FROM jsonb_to_recordset($1::jsonb) AS d("recipientId" uuid, "regionCode" text, kind text, "subjectType" text,
            "subjectId" uuid, params jsonb, "dueOn" date)
     ON CONFLICT (recipient_id, kind, subject_type, subject_id, due_on) DO NOTHING
     RETURNING ${COLUMNS}`,
    [JSON.stringify(drafts)],
  );
  const created = rows.map(
    (r): StoredNotification => ({
      id: r.id,
      recipientId: r.recipient_id,
      regionCode: r.region_code,
      kind: r.kind,
      subjectType: r.subject_type,
      subjectId: r.subject_id,
      params: r.params,
      dueOn: r.due_on,
      createdAt: r.created_at,
    }),
  );
  if (created.length) {
    for (const channel of channels) {
      try {
        await channel.deliver(created, { db, log });
      } catch (err) {
        log.error({ err, channel: channel.name }, 'notification delivery failed');
      }
    }
  }
  return created;
}

function present(ctx: ServiceContext, r: Row): NotificationItem {
  return {
    id: r.id,
    kind: r.kind,
    subjectType: r.subject_type,
    subjectId: r.subject_id,
    regionCode: r.region_code,
    params: r.params,
    dueOn: r.due_on,
    ...renderNotification(r, ctx.lang),
    createdAt: r.created_at.toISOString(),
    readAt: r.read_at?.toISOString() ?? null,
  };
}

/** The caller's own, within their scope (a warning about a region they no longer cover is not theirs to act on). */
const MINE = 'recipient_id = $1 AND region_code = ANY($2::text[])';
const mine = (ctx: ServiceContext) => [ctx.actor.id, ctx.scope.codes];

/** The caller's notifications, unread first (then newest) or newest first, with their unread count. */
export async function listNotifications(
  ctx: ServiceContext,
  q: NotificationListQuery,
): Promise<Page<NotificationItem> & { unread: number }> {
  const filter = q.unread === 'true' ? ' AND read_at IS NULL' : '';
  // Warnings raised by one scan share their time: among them the earliest deadline (the most urgent) first.
  const newest = 'created_at DESC, due_on NULLS LAST, id';
  const order = q.order === 'unread' ? `(read_at IS NULL) DESC, ${newest}` : newest;
  const [count, page] = await Promise.all([
    ctx.db.query<{ n: number; unread: number }>(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE read_at IS NULL)::int AS unread
         FROM notifications WHERE ${MINE}`,
      mine(ctx),
    ),
    ctx.db.query<Row>(
      `SELECT ${COLUMNS} FROM notifications WHERE ${MINE}${filter} ORDER BY ${order} LIMIT $3 OFFSET $4`,
      [...mine(ctx), q.pageSize, (q.page - 1) * q.pageSize],
    ),
  ]);
  const unread = count.rows[0]?.unread ?? 0;
  return {
    items: page.rows.map((r) => present(ctx, r)),
    total: (q.unread === 'true' ? unread : count.rows[0]?.n) ?? 0,
    unread,
    page: q.page,
    pageSize: q.pageSize,
  };
}

export async function unreadCount(ctx: ServiceContext): Promise<number> {
  const { rows } = await ctx.db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM notifications WHERE ${MINE} AND read_at IS NULL`,
    mine(ctx),
  );
  return rows[0]?.n ?? 0;
}

/** Marks one of the caller's notifications read (the first reading's time is kept); anyone else's is 404. */
export async function markRead(ctx: ServiceContext, id: string): Promise<NotificationItem> {
  const { rows } = await ctx.db.query<Row>(
    `UPDATE notifications SET read_at = coalesce(read_at, now()) WHERE id = $3 AND ${MINE} RETURNING ${COLUMNS}`,
    [...mine(ctx), id],
  );
  if (!rows[0]) throw new AppError('not_found');
  return present(ctx, rows[0]);
}

/** Marks all the caller's unread notifications read; answers how many. */
export async function markAllRead(ctx: ServiceContext): Promise<number> {
  const res = await ctx.db.query(
    `UPDATE notifications SET read_at = now() WHERE ${MINE} AND read_at IS NULL`,
    mine(ctx),
  );
  return res.rowCount ?? 0;
}
