import { ROLES } from '@hexie/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contextOf } from '../../platform/access.js';
import { dashboardSummary } from './dashboard.service.js';

export const dashboardSchema = z.object({
  region: z.object({ code: z.string(), name: z.string(), level: z.string() }),
  /** 下辖区划 by level */
  subregions: z.object({ prefectures: z.number(), counties: z.number(), statistical: z.number() }),
  /** 账号 in scope */
  users: z.object({
    total: z.number(),
    active: z.number(),
    disabled: z.number(),
    locked: z.number(),
    byRole: z.array(z.object({ role: z.enum(ROLES), count: z.number() })),
  }),
  /** 登录活动, last 14 days, Asia/Shanghai days */
  activity: z.array(z.object({ date: z.string(), logins: z.number(), failures: z.number(), changes: z.number() })),
  /** 下级区划账号 */
  byRegion: z.array(z.object({ code: z.string(), name: z.string(), users: z.number() })),
});

export const dashboardRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/v1/dashboard',
    {
      config: { access: 'dashboard:read' },
      schema: {
        tags: ['dashboard'],
        summary: '首页概览 Home figures for your region',
        response: { 200: dashboardSchema },
      },
    },
    async (req) => dashboardSummary(contextOf(req)),
  );
};
