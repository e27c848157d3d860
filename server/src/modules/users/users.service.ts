import {
  type CreateUserBody,
  grantableRoles,
  meetsPasswordPolicy,
  type Page,
  PROVINCE_CODE,
  type Role,
  roleNeedsMemberUnit,
  type UpdateUserBody,
  type UserDetail,
} from '@hexie/core';
import { withTx } from '../../db/pool.js';
import { audit, changes } from '../../platform/audit.js';
import type { ServiceContext } from '../../platform/context.js';
import { AppError, type FieldProblem, notFound } from '../../platform/errors.js';
import { hashPassword } from '../../platform/passwords.js';
import { notFoundInScope } from '../../platform/scope-miss.js';
import { destroyUserSessions } from '../../platform/sessions.js';
import { presentUser } from './users.presenter.js';
import * as repo from './users.repository.js';

interface Assignment {
  role: Role;
  regionCode: string;
  memberUnit: CreateUserBody['memberUnit'];
  enterpriseId: string | null;
}

/**
 * An enterprise user belongs to an enterprise of the caller's region, and their region is the enterprise's
 * (whatever region the form sent). Other roles belong to no enterprise.
 */
async function resolveEnterprise(
  ctx: ServiceContext,
  role: Role,
  enterpriseId: string | null | undefined,
  regionCode: string,
): Promise<{ enterpriseId: string | null; regionCode: string; problems: FieldProblem[] }> {
  if (role !== 'enterprise_user') {
    return {
      enterpriseId: null,
      regionCode,
      problems: enterpriseId ? [{ field: 'enterpriseId', code: 'enterprise_not_allowed' }] : [],
    };
  }
  if (!enterpriseId)
    return { enterpriseId: null, regionCode, problems: [{ field: 'enterpriseId', code: 'enterprise_required' }] };
  const { rows } = await ctx.db.query<{ region_code: string }>(
    'SELECT region_code FROM enterprises WHERE id = $1 AND region_code = ANY($2::text[])',
    [enterpriseId, ctx.scope.codes],
  );
  const found = rows[0];
  if (!found) return { enterpriseId, regionCode, problems: [{ field: 'enterpriseId', code: 'invalid_value' }] };
  return { enterpriseId, regionCode: found.region_code, problems: [] };
}

/** Checks what an administrator may grant: a role they may give, in a region they hold, with its member unit. */
function checkAssignment(ctx: ServiceContext, a: Assignment): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!grantableRoles(ctx.actor.role).includes(a.role)) problems.push({ field: 'role', code: 'role_not_allowed' });
  if (!ctx.regions.get(a.regionCode)) problems.push({ field: 'regionCode', code: 'unknown_region' });
  else if (!ctx.scope.includes(a.regionCode)) problems.push({ field: 'regionCode', code: 'region_out_of_scope' });
  else if (a.role === 'province_admin' && a.regionCode !== PROVINCE_CODE) {
    problems.push({ field: 'regionCode', code: 'province_role_region' });
  }
  if (roleNeedsMemberUnit(a.role) && !a.memberUnit)
    problems.push({ field: 'memberUnit', code: 'member_unit_required' });
  return problems;
}

export async function listUsers(
  ctx: ServiceContext,
  query: {
    q?: string | undefined;
    regionCode?: string | undefined;
    role?: Role | undefined;
    disabled?: 'true' | 'false' | undefined;
    page: number;
    pageSize: number;
  },
): Promise<Page<UserDetail>> {
  const { rows, total } = await repo.listUsers(ctx.db, ctx.scope, {
    q: query.q,
    regionCode: query.regionCode,
    role: query.role,
    disabled: query.disabled === undefined ? undefined : query.disabled === 'true',
    page: query.page,
    pageSize: query.pageSize,
  });
  return { items: rows.map((r) => presentUser(r, ctx.regions)), total, page: query.page, pageSize: query.pageSize };
}

export async function getUser(ctx: ServiceContext, id: string): Promise<UserDetail> {
  const row = await repo.getUser(ctx.db, ctx.scope, id);
  if (!row) throw await notFoundInScope(ctx, 'user', id);
  return presentUser(row, ctx.regions);
}

export async function createUser(ctx: ServiceContext, body: CreateUserBody): Promise<UserDetail> {
  const memberUnit = roleNeedsMemberUnit(body.role) ? (body.memberUnit ?? null) : null;
  const link = await resolveEnterprise(ctx, body.role, body.enterpriseId, body.regionCode);
  const regionCode = link.regionCode;
  const problems = [
    ...checkAssignment(ctx, { role: body.role, regionCode, memberUnit, enterpriseId: link.enterpriseId }),
    ...link.problems,
  ];
  if (!meetsPasswordPolicy(body.password)) problems.push({ field: 'password', code: 'password_policy' });
  if (problems.length) throw new AppError('validation_failed', { fields: problems });
  if (await repo.usernameExists(ctx.db, body.username)) throw new AppError('username_taken');
  const passwordHash = await hashPassword(body.password);
  const id = await withTx(ctx.db, async (tx) => {
    const newId = await repo
      .insertUser(tx, {
        username: body.username,
        displayName: body.displayName,
        role: body.role,
        regionCode,
        memberUnit,
        enterpriseId: link.enterpriseId,
        passwordHash,
      })
      .catch((err: { code?: string }) => {
        if (err.code === '23505') throw new AppError('username_taken');
        throw err;
      });
    await audit(tx, ctx, {
      action: 'user.create',
      entityType: 'user',
      entityId: newId,
      regionCode,
      result: 'success',
      details: {
        after: {
          username: body.username,
          displayName: body.displayName,
          role: body.role,
          regionCode,
          memberUnit,
          ...(link.enterpriseId ? { enterpriseId: link.enterpriseId } : {}),
        },
      },
    });
    return newId;
  });
  return getUser(ctx, id);
}

/**
 * Edits a user in the caller's region: name, role, region, member unit, disabled, or a new password.
 * Disabling, resetting the password or moving the user ends their sessions.
 */
export async function updateUser(ctx: ServiceContext, id: string, body: UpdateUserBody): Promise<UserDetail> {
  await withTx(ctx.db, async (tx) => {
    const row = await repo.getUser(tx, ctx.scope, id, true);
    if (!row) throw await notFoundInScope(ctx, 'user', id);
    const self = row.id === ctx.actor.id;
    const problems: FieldProblem[] = [];
    for (const field of ['role', 'regionCode', 'disabled'] as const) {
      if (self && body[field] !== undefined) problems.push({ field, code: 'cannot_change_self' });
    }
    const before = {
      displayName: row.display_name,
      role: row.role,
      regionCode: row.region_code,
      memberUnit: row.member_unit,
      disabled: row.disabled,
      enterpriseId: row.enterprise_id,
    };
    const role = body.role ?? row.role;
    const link = await resolveEnterprise(
      ctx,
      role,
      body.enterpriseId !== undefined ? body.enterpriseId : row.enterprise_id,
      body.regionCode ?? row.region_code,
    );
    const after = {
      displayName: body.displayName ?? row.display_name,
      role,
      regionCode: link.regionCode,
      memberUnit: roleNeedsMemberUnit(role)
        ? body.memberUnit !== undefined
          ? body.memberUnit
          : row.member_unit
        : null,
      disabled: body.disabled ?? row.disabled,
      enterpriseId: link.enterpriseId,
    };
    // An administrator may only touch users whose current role they could grant (a region admin cannot edit a province admin).
    if (!grantableRoles(ctx.actor.role).includes(row.role)) throw notFound();
    if (
      body.role !== undefined ||
      body.regionCode !== undefined ||
      body.memberUnit !== undefined ||
      body.enterpriseId !== undefined
    ) {
      problems.push(...checkAssignment(ctx, after), ...link.problems);
    }
    if (body.newPassword !== undefined && !meetsPasswordPolicy(body.newPassword)) {
      problems.push({ field: 'newPassword', code: 'password_policy' });
    }
    if (problems.length) throw new AppError('validation_failed', { fields: problems });

    const diff = changes(before, after);
    const passwordHash = body.newPassword !== undefined ? await hashPassword(body.newPassword) : undefined;
    await repo.updateUser(tx, id, { ...(diff ? after : {}), ...(passwordHash ? { passwordHash } : {}) });
    if (diff) {
      await audit(tx, ctx, {
        action: 'user.update',
        entityType: 'user',
        entityId: id,
        regionCode: after.regionCode,
        result: 'success',
        details: { username: row.username, ...diff },
      });
    }
    if (passwordHash) {
      await repo.clearThrottle(tx, row.username);
      await audit(tx, ctx, {
        action: 'user.password_reset',
        entityType: 'user',
        entityId: id,
        regionCode: after.regionCode,
        result: 'success',
        details: { username: row.username },
      });
    }
    if (
      passwordHash ||
      (diff && (after.disabled || diff.after.role || diff.after.regionCode || 'enterpriseId' in diff.after))
    ) {
      await destroyUserSessions(tx, id);
    }
  });
  return getUser(ctx, id);
}
