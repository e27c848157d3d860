import { AUTH_LIMITS, meetsPasswordPolicy } from '@hexie/core';
import { type Db, withTx } from '../../db/pool.js';
import { type AuditContext, audit } from '../../platform/audit.js';
import type { Actor } from '../../platform/context.js';
import { AppError, invalid } from '../../platform/errors.js';
import { dummyHash, hashPassword, verifyPassword } from '../../platform/passwords.js';
import { createSession, type NewSession } from '../../platform/sessions.js';
import { findUserRowByUsername, toActor, updateUser } from '../users/users.repository.js';

export interface LoginInput {
  username: string;
  password: string;
  ip: string | null;
  userAgent: string | null;
  requestId: string;
}

/**
 * 登录. Failures are counted per username whether or not the account exists, and every answer is the same
 * for a real and an unknown user: wrong credentials, or locked after 5 failures in a row for 15 minutes.
 */
export async function login(db: Db, input: LoginInput): Promise<{ actor: Actor; session: NewSession }> {
  const key = input.username.trim().toLowerCase();
  const ctx: AuditContext = { actor: null, ip: input.ip, requestId: input.requestId };
  const lock = await db.query<{ minutes: number }>(
    `SELECT ceil(extract(epoch FROM locked_until - now()) / 60)::int AS minutes
       FROM login_throttle WHERE username_key = $1 AND locked_until > now()`,
    [key],
  );
  const user = await findUserRowByUsername(db, key);
  if (lock.rows[0]) {
    await audit(db, ctx, {
      action: 'auth.login_failed',
      username: input.username,
      regionCode: user?.region_code ?? null,
      result: 'denied',
      details: { reason: 'locked' },
    });
    throw new AppError('account_locked', { params: { minutes: lock.rows[0].minutes } });
  }
  const ok = await verifyPassword(user?.password_hash ?? (await dummyHash()), input.password);
  if (!ok || !user) {
    const locked = await withTx(db, async (tx) => {
      const { rows } = await tx.query<{ failed_count: number; locked: boolean }>(
        `INSERT INTO login_throttle AS t (username_key, failed_count, last_failed_at)
         VALUES ($1, 1, now())
         ON CONFLICT (username_key) DO UPDATE SET
           failed_count = CASE WHEN t.locked_until IS NOT NULL AND t.locked_until <= now() THEN 1
                               ELSE t.failed_count + 1 END,
           locked_until = CASE WHEN t.locked_until IS NOT NULL AND t.locked_until <= now() THEN NULL
                               ELSE t.locked_until END,
           last_failed_at = now()
         RETURNING failed_count, failed_count >= $2 AS locked`,
        [key, AUTH_LIMITS.maxFailedLogins],
      );
      const row = rows[0] as { failed_count: number; locked: boolean };
      const regionCode = user?.region_code ?? null;
      await audit(tx, ctx, {
        action: 'auth.login_failed',
        username: input.username,
        regionCode,
        result: 'failure',
        details: { reason: 'bad_credentials', consecutiveFailures: row.failed_count },
      });
      if (row.locked) {
        await tx.query(
          `UPDATE login_throttle SET locked_until = now() + make_interval(mins => $2), failed_count = 0
            WHERE username_key = $1`,
          [key, AUTH_LIMITS.lockMinutes],
        );
        await audit(tx, ctx, {
          action: 'auth.locked',
          username: input.username,
          regionCode,
          result: 'denied',
          details: { minutes: AUTH_LIMITS.lockMinutes },
        });
      }
      return row.locked;
    });
    if (locked) throw new AppError('account_locked', { params: { minutes: AUTH_LIMITS.lockMinutes } });
    throw new AppError('invalid_credentials');
  }
  if (user.disabled) {
    await audit(db, ctx, {
      action: 'auth.login_failed',
      username: user.username,
      regionCode: user.region_code,
      result: 'denied',
      details: { reason: 'disabled' },
    });
    throw new AppError('account_disabled');
  }
  const actor = toActor(user);
  return withTx(db, async (tx) => {
    await tx.query('DELETE FROM login_throttle WHERE username_key = $1', [key]);
    await tx.query('UPDATE users SET last_login_at = now() WHERE id = $1', [user.id]);
    const session = await createSession(tx, user.id, { ip: input.ip, userAgent: input.userAgent });
    await audit(
      tx,
      { ...ctx, actor },
      { action: 'auth.login', entityType: 'user', entityId: user.id, result: 'success' },
    );
    return { actor, session };
  });
}

/** 修改密码: the signed-in user changes their own password; their other sessions end. */
export async function changePassword(
  db: Db,
  ctx: AuditContext & { actor: Actor; tokenHash: string },
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  const row = await findUserRowByUsername(db, ctx.actor.username.toLowerCase());
  if (!row) throw new AppError('unauthenticated');
  if (!(await verifyPassword(row.password_hash, input.currentPassword))) {
    await audit(db, ctx, { action: 'auth.password_change', entityType: 'user', entityId: row.id, result: 'failure' });
    throw invalid('currentPassword', 'wrong_password');
  }
  if (!meetsPasswordPolicy(input.newPassword)) throw invalid('newPassword', 'password_policy');
  if (input.newPassword === input.currentPassword) throw invalid('newPassword', 'same_password');
  const passwordHash = await hashPassword(input.newPassword);
  await withTx(db, async (tx) => {
    await updateUser(tx, row.id, { passwordHash });
    await tx.query('DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2', [row.id, ctx.tokenHash]);
    await audit(tx, ctx, { action: 'auth.password_change', entityType: 'user', entityId: row.id, result: 'success' });
  });
}
