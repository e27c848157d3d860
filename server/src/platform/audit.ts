import type { AuditEvent } from '@hexie/core';
import type { Queryable } from '../db/pool.js';
import type { Actor } from './context.js';

export interface AuditContext {
  actor: Actor | null;
  ip: string | null;
  requestId: string | null;
}

export interface AuditEntry {
  /** e.g. user.create, auth.login */
  action: string;
  entityType?: string;
  entityId?: string;
  /** the region the record belongs to: region admins read the events of their region */
  regionCode?: string | null;
  result: AuditEvent['result'];
  details?: Record<string, unknown>;
  /** for events with no signed-in actor (a failed login): who it was about */
  username?: string;
}

/**
 * Writes one audit event with the caller's connection: inside a transaction it commits or rolls back
 * with the change, so a change whose audit cannot be written does not happen.
 */
export async function audit(db: Queryable, ctx: AuditContext, entry: AuditEntry): Promise<void> {
  const a = ctx.actor;
  await db.query(
    `INSERT INTO audit_events (actor_id, actor_username, actor_role, actor_region, ip, request_id, action,
       entity_type, entity_id, region_code, result, details)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    [
      a?.id ?? null,
      a?.username ?? entry.username ?? null,
      a?.role ?? null,
      a?.regionCode ?? null,
      ctx.ip,
      ctx.requestId,
      entry.action,
      entry.entityType ?? null,
      entry.entityId ?? null,
      entry.regionCode ?? a?.regionCode ?? null,
      entry.result,
      entry.details ? JSON.stringify(entry.details) : null,
    ],
  );
}

/** The fields that changed, before and after (secrets are never passed in). */
export function changes<T extends Record<string, unknown>>(
  before: T,
  after: T,
): { before: Partial<T>; after: Partial<T> } | null {
  const b: Partial<T> = {};
  const n: Partial<T> = {};
  for (const key of Object.keys(after) as (keyof T)[]) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      b[key] = before[key];
      n[key] = after[key];
    }
  }
  return Object.keys(n).length ? { before: b, after: n } : null;
}
