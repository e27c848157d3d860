import { PROBLEMS, type ProblemCode, pageOf, pageQuery, problemMessage } from '@hexie/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contextOf } from '../../platform/access.js';
import type { ServiceContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { importResult } from '../../platform/import/http.js';
import { notFoundInScope } from '../../platform/scope-miss.js';

const importRecord = importResult.extend({
  entity: z.string(),
  fileName: z.string(),
  fileSize: z.number().int(),
  actorUsername: z.string(),
  regionCode: z.string(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  /** a file-level refusal (bad headers, too many rows, a refused file), in the caller's language */
  problem: z.object({ code: z.string(), detail: z.string() }).nullable(),
});

interface ImportRow {
  id: string;
  entity: string;
  mode: 'validate' | 'commit';
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  file_name: string;
  file_hash: string;
  file_size: number;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  errors: z.infer<typeof importResult>['errors'];
  errors_truncated: boolean;
  problem: { code: string; params: Record<string, string | number> } | null;
  progress: number;
  actor_username: string;
  region_code: string;
  created_at: Date;
  finished_at: Date | null;
}

const INTERRUPTED = {
  'zh-CN': '服务重启，导入未完成，未写入任何数据，请重新导入。',
  'en-US': 'The server restarted before the import finished; nothing was written. Import again.',
};

function present(ctx: ServiceContext, r: ImportRow): z.infer<typeof importRecord> {
  const problem = r.problem
    ? {
        code: r.problem.code,
        detail:
          r.problem.code === 'interrupted'
            ? INTERRUPTED[ctx.lang]
            : r.problem.code in PROBLEMS
              ? problemMessage(r.problem.code as ProblemCode, ctx.lang, r.problem.params)
              : r.problem.code,
      }
    : null;
  return {
    importId: r.id,
    entity: r.entity,
    mode: r.mode,
    status: r.status,
    rows: r.rows,
    created: r.created,
    updated: r.updated,
    unchanged: r.unchanged,
    rejected: r.rejected,
    errors: r.errors,
    ...(r.errors_truncated ? { errorsTruncated: true } : {}),
    fileHash: r.file_hash,
    progress: r.progress,
    fileName: r.file_name,
    fileSize: r.file_size,
    actorUsername: r.actor_username,
    regionCode: r.region_code,
    createdAt: r.created_at.toISOString(),
    finishedAt: r.finished_at?.toISOString() ?? null,
    problem,
  };
}

const SELECT = `SELECT id, entity, mode, status, file_name, file_hash, file_size, rows, created, updated, unchanged,
  rejected, errors, errors_truncated, problem, progress, actor_username, region_code, created_at, finished_at FROM imports`;

export const importsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/v1/imports',
    {
      config: { access: 'imports:read' },
      schema: {
        tags: ['imports'],
        summary: '导入记录 Imports of your region',
        querystring: pageQuery.extend({ entity: z.string().max(40).optional() }),
        response: { 200: pageOf(importRecord) },
      },
    },
    async (req) => {
      const ctx = contextOf(req);
      const { page, pageSize, entity } = req.query;
      const where = `region_code = ANY($1::text[])${entity ? ' AND entity = $2' : ''}`;
      const params: unknown[] = entity ? [ctx.scope.codes, entity] : [ctx.scope.codes];
      const [count, rows] = await Promise.all([
        ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM imports WHERE ${where}`, params),
        ctx.db.query<ImportRow>(
          `${SELECT} WHERE ${where} ORDER BY created_at DESC LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
          params,
        ),
      ]);
      // The list leaves the row errors out; one record carries them.
      return {
        items: rows.rows.map((r) => ({ ...present(ctx, r), errors: [] })),
        total: count.rows[0]?.n ?? 0,
        page,
        pageSize,
      };
    },
  );

  app.get(
    '/api/v1/imports/:id',
    {
      config: { access: 'imports:read' },
      schema: {
        tags: ['imports'],
        summary: '导入记录与进度 One import: its progress, or its result',
        params: z.object({ id: z.uuid() }),
        response: { 200: importRecord },
      },
    },
    async (req) => {
      const ctx = contextOf(req);
      const { rows } = await ctx.db.query<ImportRow>(`${SELECT} WHERE id = $1 AND region_code = ANY($2::text[])`, [
        req.params.id,
        ctx.scope.codes,
      ]);
      const row = rows[0];
      if (!row) throw await notFoundInScope(ctx, 'import', req.params.id);
      if (!row) throw new AppError('not_found');
      return present(ctx, row);
    },
  );
};
