import { type Lang, PROBLEMS, type ProblemCode, problemMessage } from '@hexie/core';
import { z } from 'zod';
import { importResult } from '../../platform/import/http.js';
import type { ImportRow } from './imports.repository.js';

/** An import record as the API answers it: the ImportResult plus who, when, and a file-level refusal. */
export const importRecord = importResult.extend({
  /** 导入类型 */
  entity: z.string(),
  /** 文件名 */
  fileName: z.string(),
  /** 文件大小（字节） */
  fileSize: z.number().int(),
  /** 导入人 */
  actorUsername: z.string(),
  /** 导入人所属区划 */
  regionCode: z.string(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  /** 文件级错误: a refused file, wrong headers, too many rows, an interrupted import — in the caller's language */
  problem: z.object({ code: z.string(), detail: z.string() }).nullable(),
});
export type ImportRecord = z.infer<typeof importRecord>;

function problemOf(r: ImportRow, lang: Lang): ImportRecord['problem'] {
  if (!r.problem) return null;
  // 'interrupted' is what records failed by a restart said before the code joined core.
  const code = r.problem.code === 'interrupted' ? 'import_interrupted' : r.problem.code;
  const detail = code in PROBLEMS ? problemMessage(code as ProblemCode, lang, r.problem.params) : code;
  return { code, detail };
}

export function presentImport(r: ImportRow, lang: Lang): ImportRecord {
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
    problem: problemOf(r, lang),
  };
}
