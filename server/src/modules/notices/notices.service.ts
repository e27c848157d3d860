import {
  type CreateNoticeBody,
  chinaToday,
  type InboxItem,
  type Notice,
  type NoticeCriteria,
  type Page,
  registeredSince,
} from '@hexie/core';
import { withTx } from '../../db/pool.js';
import { audit } from '../../platform/audit.js';
import type { ServiceContext } from '../../platform/context.js';
import { AppError, invalid } from '../../platform/errors.js';
import { notFoundInScope } from '../../platform/scope-miss.js';
import { whereOf } from '../enterprises/enterprises.repository.js';
import { regionFilterOf } from '../enterprises/enterprises.service.js';

interface NoticeRow {
  id: string;
  kind: Notice['kind'];
  title: string;
  body: string;
  criteria: NoticeCriteria;
  region_code: string;
  recipients: number;
  read_count: number;
  created_at: Date;
  created_by_name: string;
}

/** The enterprise filter of a notice: the register's own filter (one definition of "which enterprises"). */
function recipientsWhere(ctx: ServiceContext, c: NoticeCriteria) {
  if (c.regionCode && !ctx.scope.includes(c.regionCode)) throw invalid('criteria.regionCode', 'region_out_of_scope');
  return whereOf({
    ...regionFilterOf(ctx, c.regionCode),
    industryCode: c.industryCode,
    sizeClass: c.sizeClass,
    registeredFrom: c.registeredWithinMonths ? registeredSince(chinaToday(), c.registeredWithinMonths) : undefined,
  });
}

/** 预览: how many enterprises a notice would reach, and a few of them. */
export async function previewRecipients(ctx: ServiceContext, criteria: NoticeCriteria) {
  const { sql, params } = recipientsWhere(ctx, criteria);
  const [count, sample] = await Promise.all([
    ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM enterprises e WHERE ${sql}`, params),
    ctx.db.query<{ id: string; name: string; region_code: string }>(
      `SELECT e.id, e.name, e.region_code FROM enterprises e WHERE ${sql} ORDER BY e.registered_on DESC NULLS LAST LIMIT 5`,
      params,
    ),
  ]);
  return {
    recipients: count.rows[0]?.n ?? 0,
    sample: sample.rows.map((r) => ({ id: r.id, name: r.name, regionName: ctx.regions.fullName(r.region_code) })),
  };
}

function present(ctx: ServiceContext, r: NoticeRow): Notice {
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    body: r.body,
    criteria: r.criteria,
    regionCode: r.region_code,
    regionName: ctx.regions.fullName(r.region_code),
    recipients: r.recipients,
    readCount: r.read_count,
    createdAt: r.created_at.toISOString(),
    createdBy: r.created_by_name,
  };
}

const SELECT = `SELECT n.id, n.kind, n.title, n.body, n.criteria, n.region_code, n.recipients, n.created_at,
  (SELECT count(*)::int FROM notice_recipients r WHERE r.notice_id = n.id AND r.read_at IS NOT NULL) AS read_count,
  u.display_name AS created_by_name
  FROM notices n JOIN users u ON u.id = n.created_by`;

/** 推送: the notice and one copy per matching enterprise, written together. */
export async function sendNotice(ctx: ServiceContext, body: CreateNoticeBody): Promise<Notice> {
  const { sql, params } = recipientsWhere(ctx, body.criteria);
  const id = await withTx(ctx.db, async (tx) => {
    const created = await tx.query<{ id: string }>(
      `INSERT INTO notices (region_code, kind, title, body, criteria, recipients, created_by)
       VALUES ($1, $2, $3, $4, $5, 0, $6) RETURNING id`,
      [ctx.actor.regionCode, body.kind, body.title, body.body, JSON.stringify(body.criteria), ctx.actor.id],
    );
    const noticeId = (created.rows[0] as { id: string }).id;
    const sent = await tx.query(
      `INSERT INTO notice_recipients (notice_id, enterprise_id, region_code)
       SELECT $${params.length + 1}, e.id, e.region_code FROM enterprises e WHERE ${sql}`,
      [...params, noticeId],
    );
    const recipients = sent.rowCount ?? 0;
    if (recipients === 0) throw invalid('criteria', 'no_recipients');
    await tx.query('UPDATE notices SET recipients = $2 WHERE id = $1', [noticeId, recipients]);
    await audit(tx, ctx, {
      action: 'notice.send',
      entityType: 'notice',
      entityId: noticeId,
      result: 'success',
      details: { after: { kind: body.kind, title: body.title, criteria: body.criteria, recipients } },
    });
    return noticeId;
  });
  return getNotice(ctx, id);
}

export async function getNotice(ctx: ServiceContext, id: string): Promise<Notice> {
  const { rows } = await ctx.db.query<NoticeRow>(`${SELECT} WHERE n.id = $1 AND n.region_code = ANY($2::text[])`, [
    id,
    ctx.scope.codes,
  ]);
  if (!rows[0]) throw await notFoundInScope(ctx, 'notice', id);
  return present(ctx, rows[0]);
}

export async function listNotices(ctx: ServiceContext, q: { page: number; pageSize: number }): Promise<Page<Notice>> {
  const [count, page] = await Promise.all([
    ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM notices WHERE region_code = ANY($1::text[])', [
      ctx.scope.codes,
    ]),
    ctx.db.query<NoticeRow>(
      `${SELECT} WHERE n.region_code = ANY($1::text[]) ORDER BY n.created_at DESC LIMIT $2 OFFSET $3`,
      [ctx.scope.codes, q.pageSize, (q.page - 1) * q.pageSize],
    ),
  ]);
  return {
    items: page.rows.map((r) => present(ctx, r)),
    total: count.rows[0]?.n ?? 0,
    page: q.page,
    pageSize: q.pageSize,
  };
}

function enterpriseOf(ctx: ServiceContext): string {
  if (!ctx.actor.enterpriseId) throw new AppError('forbidden');
  return ctx.actor.enterpriseId;
}

/** 企业收件箱: the notices sent to the signed-in user's enterprise, newest first. */
export async function inbox(
  ctx: ServiceContext,
  q: { page: number; pageSize: number; unread?: boolean | undefined },
): Promise<Page<InboxItem> & { unread: number }> {
  const enterpriseId = enterpriseOf(ctx);
  const filter = q.unread ? 'AND r.read_at IS NULL' : '';
  const [count, page] = await Promise.all([
    ctx.db.query<{ n: number; unread: number }>(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE r.read_at IS NULL)::int AS unread
         FROM notice_recipients r WHERE r.enterprise_id = $1`,
      [enterpriseId],
    ),
    ctx.db.query<{
      id: string;
      kind: InboxItem['kind'];
      title: string;
      body: string;
      region_code: string;
      created_at: Date;
      read_at: Date | null;
    }>(
      `SELECT n.id, n.kind, n.title, n.body, n.region_code, n.created_at, r.read_at
         FROM notice_recipients r JOIN notices n ON n.id = r.notice_id
        WHERE r.enterprise_id = $1 ${filter}
        ORDER BY n.created_at DESC LIMIT $2 OFFSET $3`,
      [enterpriseId, q.pageSize, (q.page - 1) * q.pageSize],
    ),
  ]);
  return {
    items: page.rows.map((r) => ({
      noticeId: r.id,
      kind: r.kind,
      title: r.title,
      body: r.body,
      senderRegionName: ctx.regions.fullName(r.region_code),
      sentAt: r.created_at.toISOString(),
      readAt: r.read_at?.toISOString() ?? null,
    })),
    total: (q.unread ? count.rows[0]?.unread : count.rows[0]?.n) ?? 0,
    unread: count.rows[0]?.unread ?? 0,
    page: q.page,
    pageSize: q.pageSize,
  };
}

/** Marks a notice read for the user's enterprise (the first reader's time is kept). */
export async function markRead(ctx: ServiceContext, noticeId: string): Promise<void> {
  const enterpriseId = enterpriseOf(ctx);
  const res = await ctx.db.query(
    `UPDATE notice_recipients SET read_at = coalesce(read_at, now()), read_by = coalesce(read_by, $3)
      WHERE notice_id = $1 AND enterprise_id = $2`,
    [noticeId, enterpriseId, ctx.actor.id],
  );
  if (!res.rowCount) throw new AppError('not_found');
}
