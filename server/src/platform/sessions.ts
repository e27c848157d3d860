import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { AUTH_LIMITS } from '@hexie/core';
import type { Queryable } from '../db/pool.js';
import type { Actor } from './context.js';

export const SESSION_COOKIE = 'hexie_sid';

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export interface NewSession {
  token: string;
  csrfToken: string;
}

/** Opens a session: the cookie carries a random token; the database keeps only its hash. */
export async function createSession(
  db: Queryable,
  userId: string,
  meta: { ip: string | null; userAgent: string | null },
): Promise<NewSession> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  await db.query(
    `INSERT INTO sessions (token_hash, user_id, csrf_token, expires_at, ip, user_agent)
     VALUES ($1, $2, $3, now() + make_interval(hours => $4), $5, $6)`,
    [hashToken(token), userId, csrfToken, AUTH_LIMITS.absoluteHours, meta.ip, meta.userAgent?.slice(0, 300) ?? null],
  );
  return { token, csrfToken };
}

export interface LoadedSession {
  actor: Actor;
  tokenHash: string;
  csrfToken: string;
}

/**
 * The session behind a cookie, if it is still alive: not past its absolute end, not idle for longer than
 * the limit, and its user not disabled. Touching it moves the idle clock (at most once a minute).
 */
export async function loadSession(db: Queryable, token: string): Promise<LoadedSession | null> {
  const tokenHash = hashToken(token);
  const { rows } = await db.query<{
    csrf_token: string;
    id: string;
    username: string;
    display_name: string;
    role: Actor['role'];
    region_code: string;
    member_unit: Actor['memberUnit'];
    enterprise_id: string | null;
    stale: boolean;
  }>(
    `SELECT s.csrf_token, u.id, u.username, u.display_name, u.role, u.region_code, u.member_unit, u.enterprise_id,
            s.last_seen_at < now() - interval '1 minute' AS stale
       FROM sessions s JOIN users u ON u.id = s.user_id
      WHERE s.token_hash = $1 AND s.expires_at > now()
        AND s.last_seen_at > now() - make_interval(mins => $2) AND NOT u.disabled`,
    [tokenHash, AUTH_LIMITS.idleMinutes],
  );
  const row = rows[0];
  if (!row) {
    await db.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash]);
    return null;
  }
  if (row.stale) await db.query('UPDATE sessions SET last_seen_at = now() WHERE token_hash = $1', [tokenHash]);
  return {
    tokenHash,
    csrfToken: row.csrf_token,
    actor: {
      id: row.id,
      username: row.username,
      displayName: row.display_name,
      role: row.role,
      regionCode: row.region_code,
      memberUnit: row.member_unit,
      enterpriseId: row.enterprise_id,
    },
  };
}

export async function destroySession(db: Queryable, tokenHash: string): Promise<void> {
  await db.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash]);
}

/** Ends every session of a user (disabled, password reset, role or region changed). */
export async function destroyUserSessions(db: Queryable, userId: string): Promise<void> {
  await db.query('DELETE FROM sessions WHERE user_id = $1', [userId]);
}

export function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
