import {
  AUTH_LIMITS,
  changePasswordBody,
  loginBody,
  PERMISSIONS,
  type Permission,
  ROLE_PERMISSIONS,
  user,
} from '@hexie/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { withTx } from '../../db/pool.js';
import { audit } from '../../platform/audit.js';
import type { Actor } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { destroySession, SESSION_COOKIE } from '../../platform/sessions.js';
import { changePassword, login } from './auth.service.js';

const session = z.object({
  user,
  /** echo it in x-csrf-token on every state-changing request */
  csrfToken: z.string(),
  /** 所属区划名称 */
  regionName: z.string(),
  permissions: z.array(z.enum(PERMISSIONS)),
});

export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, regions, config } = app.platform;
  const present = (actor: Actor, csrfToken: string) => ({
    user: { ...actor, disabled: false },
    csrfToken,
    regionName: regions.fullName(actor.regionCode),
    permissions: [...ROLE_PERMISSIONS[actor.role]] as Permission[],
  });

  app.post(
    '/api/v1/auth/login',
    {
      config: {
        access: 'public',
        rateLimit: {
          max: AUTH_LIMITS.loginPerIpPerMinute,
          timeWindow: 60_000,
          errorResponseBuilder: (_req, c) =>
            new AppError('rate_limited', { params: { seconds: Math.ceil(c.ttl / 1000) } }),
        },
      },
      schema: {
        tags: ['auth'],
        summary: '登录 Sign in',
        body: loginBody,
        response: { 200: session },
      },
    },
    async (req, reply) => {
      const result = await login(db, {
        username: req.body.username,
        password: req.body.password,
        ip: req.ip,
        userAgent: req.headers['user-agent'] ?? null,
        requestId: req.id,
      });
      reply.setCookie(SESSION_COOKIE, result.session.token, {
        httpOnly: true,
        sameSite: 'lax',
        secure: config.cookieSecure,
        path: '/',
        maxAge: AUTH_LIMITS.absoluteHours * 3600,
      });
      return present(result.actor, result.session.csrfToken);
    },
  );

  app.get(
    '/api/v1/auth/me',
    {
      config: { access: 'authenticated' },
      schema: { tags: ['auth'], summary: '当前用户 Current user', response: { 200: session } },
    },
    async (req) => {
      if (!req.actor || !req.session) throw new AppError('unauthenticated');
      return present(req.actor, req.session.csrfToken);
    },
  );

  app.post(
    '/api/v1/auth/logout',
    {
      config: { access: 'authenticated' },
      schema: { tags: ['auth'], summary: '退出登录 Sign out', response: { 204: z.null() } },
    },
    async (req, reply) => {
      if (req.session && req.actor) {
        const { tokenHash } = req.session;
        const actor = req.actor;
        await withTx(db, async (tx) => {
          await destroySession(tx, tokenHash);
          await audit(
            tx,
            { actor, ip: req.ip, requestId: req.id },
            {
              action: 'auth.logout',
              entityType: 'user',
              entityId: actor.id,
              result: 'success',
            },
          );
        });
      }
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/v1/auth/password',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['auth'],
        summary: '修改密码 Change my password',
        body: changePasswordBody,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      if (!req.actor || !req.session) throw new AppError('unauthenticated');
      await changePassword(
        db,
        { actor: req.actor, tokenHash: req.session.tokenHash, ip: req.ip, requestId: req.id },
        req.body,
      );
      return reply.code(204).send(null);
    },
  );
};
