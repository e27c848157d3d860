import type { Queryable } from '../../db/pool.js';
import type { RowError } from '../../platform/import/spec.js';
import type { RegionScope } from '../../platform/regions.js';

export const IMPORT_STATUSES = ['queued', 'running', 'succeeded', 'failed'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

export interface ImportRow {
  id: string;
  entity: string;
  mode: 'validate' | 'commit';
  status: ImportStatus;
  file_name: string;
  file_hash: string;
  file_size: number;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  errors: RowError[];
  errors_truncated: boolean;
  problem: { code: string; params: Record<string, string | number> } | null;
  progress: number;
  actor_username: string;
  region_code: string;
  created_at: Date;
  finished_at: Date | null;
}

const SUMMARY = `id, entity, mode, status, file_name, file_hash, file_size, rows, created, updated, unchanged,
  rejected, errors_truncated, problem, progress, actor_username, region_code, created_at, finished_at`;
/** One record carries its row errors (up to 1,000); a list row does not. */
const COLUMNS = `${SUMMARY}, errors`;

/**
 * One import record, if it belongs to the caller's region scope (the uploader's region); with `uploader`, only if
 * that user uploaded it.
 */
export async function getImport(
  db: Queryable,
  scope: RegionScope,
  id: string,
  uploader?: string,
): Promise<ImportRow | undefined> {
  const { rows } = await db.query<ImportRow>(
    `SELECT ${COLUMNS} FROM imports WHERE id = $1 AND region_code = ANY($2::text[])
        AND ($3::uuid IS NULL OR actor_id = $3::uuid)`,
    [id, scope.codes, uploader ?? null],
  );
  return rows[0];
}

export interface ImportFilter {
  entity?: string | undefined;
  status?: ImportStatus | undefined;
  page: number;
  pageSize: number;
}

/** The imports of the caller's region scope, newest first; the list leaves out the row errors. */
export async function listImports(
  db: Queryable,
  scope: RegionScope,
  f: ImportFilter,
): Promise<{ rows: ImportRow[]; total: number }> {
  const params: unknown[] = [scope.codes];
  const where = ['region_code = ANY($1::text[])'];
  if (f.entity) where.push(`entity = $${params.push(f.entity)}`);
  if (f.status) where.push(`status = $${params.push(f.status)}`);
  const sql = where.join(' AND ');
  const [count, page] = await Promise.all([
    db.query<{ n: number }>(`SELECT count(*)::int AS n FROM imports WHERE ${sql}`, params),
    db.query<ImportRow>(
      `SELECT ${SUMMARY}, '[]'::jsonb AS errors FROM imports WHERE ${sql}
        ORDER BY created_at DESC, id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, f.pageSize, (f.page - 1) * f.pageSize],
    ),
  ]);
  return { rows: page.rows, total: count.rows[0]?.n ?? 0 };
}
