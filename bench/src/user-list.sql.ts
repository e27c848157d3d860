/**
 * The repository's listUsers SQL for a caller with no filter (server/src/modules/users/users.repository.ts),
 * copied so the baseline does not go through the project's code. The benchmark checks before measuring that
 * the bare route built on it answers exactly what the API answers, so a drift in the repository shows up.
 */
const COLUMNS = `u.id, u.username, u.display_name, u.role, u.region_code, u.member_unit, u.password_hash,
  u.disabled, u.last_login_at, u.created_at, u.updated_at, u.enterprise_id, t.locked_until,
  (SELECT e.name FROM enterprises e WHERE e.id = u.enterprise_id) AS enterprise_name`;

/** $1: region codes of the scope */
export const COUNT_SQL = 'SELECT count(*)::int AS n FROM users u WHERE u.region_code = ANY($1::text[])';

/** $1: region codes of the scope, $2: page size, $3: offset */
export const PAGE_SQL = `SELECT ${COLUMNS}
  FROM (SELECT * FROM users u WHERE u.region_code = ANY($1::text[])
         ORDER BY u.region_code, lower(u.username) LIMIT $2 OFFSET $3) u
  LEFT JOIN login_throttle t ON t.username_key = lower(u.username) AND t.locked_until > now()
  ORDER BY u.region_code, lower(u.username)`;
