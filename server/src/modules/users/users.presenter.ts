import type { UserDetail } from '@hexie/core';
import type { Regions } from '../../platform/regions.js';
import type { UserRow } from './users.repository.js';

/** What a client sees of a user: never the hash. */
export function presentUser(row: UserRow, regions: Regions): UserDetail {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    regionCode: row.region_code,
    regionName: regions.fullName(row.region_code),
    memberUnit: row.member_unit,
    disabled: row.disabled,
    enterpriseId: row.enterprise_id,
    enterpriseName: row.enterprise_name,
    lastLoginAt: row.last_login_at?.toISOString() ?? null,
    lockedUntil: row.locked_until?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
  };
}
