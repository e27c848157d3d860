import { can, pageOf, pageQuery } from '@hexie/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contextOf } from '../../platform/access.js';
import { notFoundInScope } from '../../platform/scope-miss.js';
import { importRecord, presentImport } from './imports.presenter.js';
import { getImport, IMPORT_STATUSES, listImports } from './imports.repository.js';

/**
 * Import records (platform/import): every validate and commit with its file hash, who, when and the result; a
 * background import's progress. Scoped by the uploader's region.
 */
export const importsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/v1/imports',
    {
      config: { access: 'imports:read' },
      schema: {
        tags: ['imports'],
        summary: '导入记录 Imports of your region',
        querystring: pageQuery.extend({
          /** 导入类型: 'enterprise', … */
          entity: z.string().max(40).optional(),
          /** 状态 */
          status: z.enum(IMPORT_STATUSES).optional(),
        }),
        response: { 200: pageOf(importRecord) },
      },
    },
    async (req) => {
      const ctx = contextOf(req);
      const { rows, total } = await listImports(ctx.db, ctx.scope, req.query);
      const { page, pageSize } = req.query;
      return { items: rows.map((r) => presentImport(r, ctx.lang)), total, page, pageSize };
    },
  );

  app.get(
    '/api/v1/imports/:id',
    {
      // Whoever may import a ledger follows their own import (a big file runs in the background); the region's
      // records are for imports:read.
      config: { access: 'authenticated' },
      schema: {
        tags: ['imports'],
        summary:
          '导入记录与进度 One import: its progress, or its result (your own, or your region’s with imports:read)',
        params: z.object({ id: z.uuid() }),
        response: { 200: importRecord },
      },
    },
    async (req) => {
      const ctx = contextOf(req);
      const mine = can(ctx.actor.role, 'imports:read') ? undefined : ctx.actor.id;
      const row = await getImport(ctx.db, ctx.scope, req.params.id, mine);
      if (!row) throw await notFoundInScope(ctx, 'import', req.params.id);
      return presentImport(row, ctx.lang);
    },
  );
};
