import type { MemberUnit, Role } from '@hexie/core';
import type { Queryable } from '../../db/pool.js';
import type { Actor } from '../../platform/context.js';
import type { RegionScope } from '../../platform/regions.js';

export interface UserRow {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  region_code: string;
  member_unit: MemberUnit | null;
  password_hash: string;
  disabled: boolean;
  last_login_at: Date | null;
  created_at: Date;
  updated_at: Date;
  locked_until: Date | null;
  enterprise_id: string | null;
  enterprise_name: string | null;
}

const COLUMNS = `u.id, u.username, u.display_name, u.role, u.region_code, u.member_unit, u.password_hash,
  u.disabled, u.last_login_at, u.created_at, u.updated_at, t.locked_until, u.enterprise_id,
  (SELECT e.name FROM enterprises e WHERE e.id = u.enterprise_id) AS enterprise_name`;
/** A current lock on the account, if any (joined after the page is cut, so only for the rows shown). */
const LOCK_JOIN = 'LEFT JOIN login_throttle t ON t.username_key = lower(u.username) AND t.locked_until > now()';

export function toActor(row: UserRow): Actor {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    regionCode: row.region_code,
    memberUnit: row.member_unit,
    enterpriseId: row.enterprise_id,
  };
}

/** Sign-in lookup: not region-scoped, because nobody is signed in yet. */
export async function findUserRowByUsername(db: Queryable, usernameKey: string): Promise<UserRow | undefined> {
  const { rows } = await db.query<UserRow>(`SELECT ${COLUMNS} FROM users u ${LOCK_JOIN} WHERE lower(u.username) = $1`, [
    usernameKey,
  ]);
  return rows[0];
}

export async function usernameExists(db: Queryable, username: string): Promise<boolean> {
  const { rowCount } = await db.query('SELECT 1 FROM users WHERE lower(username) = lower($1)', [username]);
  return (rowCount ?? 0) > 0;
}

export async function getUser(
  db: Queryable,
  scope: RegionScope,
  id: string,
  forUpdate = false,
): Promise<UserRow | undefined> {
  const { rows } = await db.query<UserRow>(
    `SELECT ${COLUMNS} FROM users u ${LOCK_JOIN}
      WHERE u.id = $1 AND u.region_code = ANY($2::text[])${forUpdate ? ' FOR UPDATE OF u' : ''}`,
    [id, scope.codes],
  );
  return rows[0];
}

export interface UserFilter {
  q?: string | undefined;
  regionCode?: string | undefined;
  role?: Role | undefined;
  disabled?: boolean | undefined;
  page: number;
  pageSize: number;
}

export async function listUsers(
  db: Queryable,
  scope: RegionScope,
  filter: UserFilter,
): Promise<{ rows: UserRow[]; total: number }> {
  const where = ['u.region_code = ANY($1::text[])'];
  const params: unknown[] = [
    filter.regionCode ? (scope.includes(filter.regionCode) ? [filter.regionCode] : []) : scope.codes,
  ];
  if (filter.q) {
    params.push(`%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    where.push(`(u.username ILIKE $${params.length} OR u.display_name ILIKE $${params.length})`);
  }
  if (filter.role) {
    params.push(filter.role);
    where.push(`u.role = $${params.length}`);
  }
  if (filter.disabled !== undefined) {
    params.push(filter.disabled);
    where.push(`u.disabled = $${params.length}`);
  }
  const whereSql = where.join(' AND ');
  const count = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM users u WHERE ${whereSql}`, params);
  params.push(filter.pageSize, (filter.page - 1) * filter.pageSize);
  const { rows } = await db.query<UserRow>(
    `SELECT ${COLUMNS}
       FROM (SELECT * FROM users u WHERE ${whereSql}
              ORDER BY u.region_code, lower(u.username) LIMIT $${params.length - 1} OFFSET $${params.length}) u
       ${LOCK_JOIN}
      ORDER BY u.region_code, lower(u.username)`,
    params,
  );
  return { rows, total: count.rows[0]?.n ?? 0 };
}

export interface NewUserRow {
  username: string;
  displayName: string;
  role: Role;
  regionCode: string;
  memberUnit: MemberUnit | null;
  enterpriseId: string | null;
  passwordHash: string;
}

export async function insertUser(db: Queryable, u: NewUserRow): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO users (username, display_name, role, region_code, member_unit, enterprise_id, password_hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [u.username, u.displayName, u.role, u.regionCode, u.memberUnit, u.enterpriseId, u.passwordHash],
  );
  return (rows[0] as { id: string }).id;
}

export interface UserPatch {
  displayName?: string;
  role?: Role;
  regionCode?: string;
  memberUnit?: MemberUnit | null;
  disabled?: boolean;
  enterpriseId?: string | null;
  passwordHash?: string;
}

export async function updateUser(db: Queryable, id: string, patch: UserPatch): Promise<void> {
  const map: Record<keyof UserPatch, string> = {
    displayName: 'display_name',
    role: 'role',
    regionCode: 'region_code',
    memberUnit: 'member_unit',
    disabled: 'disabled',
    enterpriseId: 'enterprise_id',
    passwordHash: 'password_hash',
  };
  const sets: string[] = [];
  const params: unknown[] = [id];
  for (const [key, col] of Object.entries(map) as [keyof UserPatch, string][]) {
    if (patch[key] === undefined) continue;
    params.push(patch[key]);
    sets.push(`${col} = $${params.length}`);
  }
  if (patch.passwordHash) sets.push('password_changed_at = now()');
  if (!sets.length) return;
  await db.query(
    `UPDATE users SET ${sets.join(', ')}, updated_at = now(), version = version + 1 WHERE id = $1`,
    params,
  );
}

/** An administrator's reset also lifts a lock on the account. */
export async function clearThrottle(db: Queryable, username: string): Promise<void> {
  await db.query('DELETE FROM login_throttle WHERE username_key = lower($1)', [username]);
}
