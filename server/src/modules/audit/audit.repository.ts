import type { AuditEvent } from '@hexie/core';
import type { Queryable } from '../../db/pool.js';
import type { RegionScope } from '../../platform/regions.js';

export interface AuditFilter {
  action?: string | undefined;
  actorUsername?: string | undefined;
  regionCode?: string | undefined;
  result?: AuditEvent['result'] | undefined;
  from?: string | undefined;
  to?: string | undefined;
  page: number;
  pageSize: number;
}

interface AuditRow {
  id: string;
  at: Date;
  actor_id: string | null;
  actor_username: string | null;
  actor_role: string | null;
  actor_region: string | null;
  ip: string | null;
  request_id: string | null;
  action: string;
  entity_type: string | null;
  entity_id: string | null;
  region_code: string | null;
  result: AuditEvent['result'];
  details: Record<string, unknown> | null;
}

/**
 * Audit events in the caller's scope. The province sees everything, events with no region included
 * (failed sign-ins for unknown usernames); a region sees the events of its records and its people.
 */
export async function listAuditEvents(
  db: Queryable,
  scope: RegionScope,
  f: AuditFilter,
): Promise<{ rows: AuditEvent[]; total: number }> {
  const params: unknown[] = [];
  const where: string[] = [];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (f.regionCode) add('region_code = ANY(?::text[])', scope.includes(f.regionCode) ? [f.regionCode] : []);
  else if (!scope.isProvince) add('region_code = ANY(?::text[])', scope.codes);
  if (f.action) add(f.action.includes('.') ? 'action = ?' : "split_part(action, '.', 1) = ?", f.action);
  if (f.actorUsername) add('lower(actor_username) = lower(?)', f.actorUsername);
  if (f.result) add('result = ?', f.result);
  if (f.from) add('at >= ?', f.from);
  if (f.to) add('at < ?', f.to);
  const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const count = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_events ${whereSql}`, params);
  params.push(f.pageSize, (f.page - 1) * f.pageSize);
  const { rows } = await db.query<AuditRow>(
    `SELECT id, at, actor_id, actor_username, actor_role, actor_region, ip, request_id, action, entity_type,
            entity_id, region_code, result, details
       FROM audit_events ${whereSql}
      ORDER BY at DESC, id DESC LIMIT $${params.length - 1} OFFSET $${params.length}`,
    params,
  );
  return {
    total: count.rows[0]?.n ?? 0,
    rows: rows.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      actorId: r.actor_id,
      actorUsername: r.actor_username,
      actorRole: r.actor_role,
      actorRegion: r.actor_region,
      ip: r.ip,
      requestId: r.request_id,
      action: r.action,
      entityType: r.entity_type,
      entityId: r.entity_id,
      regionCode: r.region_code,
      result: r.result,
      details: r.details,
    })),
  };
}
