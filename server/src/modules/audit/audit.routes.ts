import { auditEvent, auditListQuery, pageOf } from '@hexie/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contextOf } from '../../platform/access.js';
import { listAuditEvents } from './audit.repository.js';

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/v1/audit-events',
    {
      config: { access: 'audit:read' },
      schema: {
        tags: ['audit'],
        summary: '审计日志 Audit log of your region',
        querystring: auditListQuery,
        response: { 200: pageOf(auditEvent) },
      },
    },
    async (req) => {
      const ctx = contextOf(req);
      const { rows, total } = await listAuditEvents(ctx.db, ctx.scope, req.query);
      return { items: rows, total, page: req.query.page, pageSize: req.query.pageSize };
    },
  );
};
