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
  const problems = checkAssignment(ctx, { role: body.role, regionCode: body.regionCode, memberUnit });
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
        regionCode: body.regionCode,
        memberUnit,
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
      regionCode: body.regionCode,
      result: 'success',
      details: {
        after: {
          username: body.username,
          displayName: body.displayName,
          role: body.role,
          regionCode: body.regionCode,
          memberUnit,
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
    };
    const role = body.role ?? row.role;
    const after = {
      displayName: body.displayName ?? row.display_name,
      role,
      regionCode: body.regionCode ?? row.region_code,
      memberUnit: roleNeedsMemberUnit(role)
        ? body.memberUnit !== undefined
          ? body.memberUnit
          : row.member_unit
        : null,
      disabled: body.disabled ?? row.disabled,
    };
    // An administrator may only touch users whose current role they could grant (a region admin cannot edit a province admin).
    if (!grantableRoles(ctx.actor.role).includes(row.role)) throw notFound();
    if (body.role !== undefined || body.regionCode !== undefined || body.memberUnit !== undefined) {
      problems.push(...checkAssignment(ctx, after));
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
    if (passwordHash || (diff && (after.disabled || diff.after.role || diff.after.regionCode))) {
      await destroyUserSessions(tx, id);
    }
  });
  return getUser(ctx, id);
}
