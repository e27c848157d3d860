import type { Permission } from '@hexie/core';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contextOf } from '../access.js';
import { AppError } from '../errors.js';
import { registerSpec, runImport } from './engine.js';
import { IMPORT_LIMITS } from './guard.js';
import type { ImportSpec } from './spec.js';

/** The answer of an import, as OpenAPI documents it (spec.ts ImportResult). */
export const importResult = z.object({
  importId: z.uuid(),
  mode: z.enum(['validate', 'commit']),
  status: z.enum(['queued', 'running', 'succeeded', 'failed']),
  rows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.number().int(),
  errors: z.array(z.object({ row: z.number().int(), column: z.string(), code: z.string(), message: z.string() })),
  errorsTruncated: z.boolean().optional(),
  fileHash: z.string(),
  previousCommit: z.object({ importId: z.string(), at: z.string(), by: z.string() }).optional(),
  progress: z.number().optional(),
});

/** RFC 5987: a Chinese file name for the download, with an ASCII fallback. */
export function attachment(fileName: string, fallback: string): string {
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** The import template: the headers in order, code columns formatted as text, a note on each header saying what to enter. */
export async function templateOf(spec: ImportSpec<unknown>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '和谐同行';
  const sheet = wb.addWorksheet(spec.title['zh-CN'], { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = spec.columns.map((c) => ({
    header: c.header,
    key: c.key,
    width: c.width ?? Math.max(12, c.header.length * 2 + 4),
    style: c.kind === 'code' ? { numFmt: '@' } : c.kind === 'date' ? { numFmt: 'yyyy-mm-dd' } : {},
  }));
  const head = sheet.getRow(1);
  head.font = { bold: true };
  head.height = 22;
  spec.columns.forEach((c, i) => {
    const cell = head.getCell(i + 1);
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: c.required ? 'FFFFE7BA' : 'FFE6F0FF' } };
    const note = [c.required ? '必填' : '选填', c.hint].filter(Boolean).join('：');
    cell.note = note;
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * Registers a ledger's import endpoints: POST `${basePath}/import?mode=validate|commit` (multipart, one file)
 * and GET `${basePath}/import-template`. The engine does the rest (engine.ts).
 */
export function registerImport(
  app: FastifyInstance,
  opts: { basePath: string; spec: ImportSpec<never>; access: Permission; tag: string },
): void {
  const spec = opts.spec as unknown as ImportSpec<unknown>;
  registerSpec(spec);
  const typed = app.withTypeProvider<ZodTypeProvider>();
  typed.post(
    `${opts.basePath}/import`,
    {
      config: { access: opts.access },
      schema: {
        tags: [opts.tag],
        summary: `导入${spec.title['zh-CN']}（xlsx/CSV，mode=validate 只校验不写入）Import ${spec.title['en-US']}`,
        consumes: ['multipart/form-data'],
        querystring: z.object({ mode: z.enum(['validate', 'commit']) }),
        response: { 200: importResult, 202: importResult },
      },
    },
    async (req, reply) => {
      const ctx = contextOf(req);
      if (!req.isMultipart()) throw new AppError('bad_request');
      const part = await req.file({ limits: { fileSize: IMPORT_LIMITS.maxFileBytes, files: 1 } });
      if (!part) throw new AppError('file_empty');
      let data: Buffer;
      try {
        data = await part.toBuffer();
      } catch (err) {
        if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('file_too_large');
        throw err;
      }
      const result = await runImport(ctx, spec, { name: part.filename || 'upload', data }, req.query.mode, req.log, {
        jobs: req.server.jobs,
      });
      return reply.code(result.status === 'queued' ? 202 : 200).send(result);
    },
  );
  typed.get(
    `${opts.basePath}/import-template`,
    {
      config: { access: opts.access },
      schema: { tags: [opts.tag], summary: `下载${spec.title['zh-CN']}导入模板 Template (xlsx)` },
    },
    async (_req, reply) => {
      const body = await templateOf(spec);
      reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header(
          'content-disposition',
          attachment(`${spec.title['zh-CN']}导入模板.xlsx`, `${spec.entity}-template.xlsx`),
        );
      return reply.send(body);
    },
  );
}
