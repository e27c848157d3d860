import type { WageParameterKind, WageParameterStatus } from '@hexie/core';
import type { Queryable } from '../../db/pool.js';

// All SQL of the wage parameter tables. Every read takes the region codes it may see.

export interface WageParameterRow {
  id: string;
  kind: WageParameterKind;
  region_code: string;
  effective_from: string;
  effective_to: string | null;
  monthly_amount: string;
  hourly_amount: string | null;
  tier: number | null;
  stat_year: number | null;
  basis: string;
  created_at: Date;
  end_reason: string | null;
  status: WageParameterStatus;
}

/** A row that was not withdrawn (ended before it started). */
const LIVE = '(effective_to IS NULL OR effective_to >= effective_from)';

/** A row's status on `$today` (core's WAGE_PARAMETER_STATUSES): the SQL of core's rule in wage-parameters.ts. */
const STATUS = (today: string) => `CASE
    WHEN p.effective_to IS NOT NULL AND p.effective_to < p.effective_from THEN 'withdrawn'
    WHEN p.effective_from > ${today} THEN 'future'
    WHEN EXISTS (SELECT 1 FROM wage_parameters n
                  WHERE n.kind = p.kind AND n.region_code = p.region_code AND n.effective_from > p.effective_from
                    AND n.effective_from <= ${today} AND (n.effective_to IS NULL OR n.effective_to >= n.effective_from))
      THEN 'superseded'
    WHEN p.effective_to IS NOT NULL AND p.effective_to < ${today} THEN 'ended'
    ELSE 'current' END`;

const COLUMNS = `p.id, p.kind, p.region_code, p.effective_from, p.effective_to, p.monthly_amount, p.hourly_amount,
  p.tier, p.stat_year, p.basis, p.created_at, p.end_reason`;

export interface WageParameterFilter {
  kind: WageParameterKind;
  regionCodes: readonly string[];
  status?: WageParameterStatus | undefined;
  today: string;
  page: number;
  pageSize: number;
}

/** Newest first, then in the region tree's order. */
export async function listWageParameters(
  db: Queryable,
  f: WageParameterFilter,
): Promise<{ rows: WageParameterRow[]; total: number }> {
  if (f.regionCodes.length === 0) return { rows: [], total: 0 };
  const params: unknown[] = [f.kind, f.regionCodes, f.today];
  const statusFilter = f.status ? `WHERE status = $${params.push(f.status)}` : '';
  const inner = `SELECT ${COLUMNS}, ${STATUS('$3::date')} AS status, r.sort
                   FROM wage_parameters p JOIN regions r ON r.code = p.region_code
                  WHERE p.kind = $1 AND p.region_code = ANY($2::text[])`;
  const [count, page] = await Promise.all([
    db.query<{ n: number }>(`SELECT count(*)::int AS n FROM (${inner}) x ${statusFilter}`, params),
    db.query<WageParameterRow>(
      `SELECT * FROM (${inner}) x ${statusFilter}
        ORDER BY effective_from DESC, sort, region_code
        LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, f.pageSize, (f.page - 1) * f.pageSize],
    ),
  ]);
  return { rows: page.rows, total: count.rows[0]?.n ?? 0 };
}

export async function getWageParameter(
  db: Queryable,
  id: string,
  regionCodes: readonly string[],
  today: string,
  lock = false,
): Promise<WageParameterRow | undefined> {
  const { rows } = await db.query<WageParameterRow>(
    `SELECT ${COLUMNS}, ${STATUS('$3::date')} AS status FROM wage_parameters p
      WHERE p.id = $1 AND p.region_code = ANY($2::text[]) ${lock ? 'FOR UPDATE' : ''}`,
    [id, regionCodes, today],
  );
  return rows[0];
}

/** Live rows already starting on that day, for the regions given (a new row would collide with them). */
export async function liveRowsStarting(
  db: Queryable,
  kind: WageParameterKind,
  regionCodes: readonly string[],
  effectiveFrom: string,
): Promise<string[]> {
  const { rows } = await db.query<{ region_code: string }>(
    `SELECT region_code FROM wage_parameters
      WHERE kind = $1 AND region_code = ANY($2::text[]) AND effective_from = $3 AND ${LIVE}`,
    [kind, regionCodes, effectiveFrom],
  );
  return rows.map((r) => r.region_code);
}

export interface NewWageParameter {
  kind: WageParameterKind;
  regionCode: string;
  effectiveFrom: string;
  monthlyAmount: number;
  hourlyAmount: number | null;
  tier: number | null;
  statYear: number | null;
  basis: string;
}

export async function insertWageParameters(
  db: Queryable,
  rows: readonly NewWageParameter[],
  createdBy: string,
): Promise<{ id: string; region_code: string }[]> {
  const { rows: out } = await db.query<{ id: string; region_code: string }>(
    `INSERT INTO wage_parameters (kind, region_code, effective_from, monthly_amount, hourly_amount, tier, stat_year,
                                  basis, created_by)
     SELECT r."kind", r."regionCode", r."effectiveFrom", r."monthlyAmount", r."hourlyAmount", r."tier", r."statYear",
            r."basis", $2
       FROM jsonb_to_recordset($1::jsonb) AS r("kind" text, "regionCode" text, "effectiveFrom" date,
            "monthlyAmount" numeric, "hourlyAmount" numeric, "tier" smallint, "statYear" integer, "basis" text)
     RETURNING id, region_code`,
    [JSON.stringify(rows), createdBy],
  );
  return out;
}

/** Ends a row that has not been ended; undefined when it has been (by someone else meanwhile). */
export async function endWageParameter(
  db: Queryable,
  id: string,
  effectiveTo: string,
  reason: string,
  endedBy: string,
): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE wage_parameters SET effective_to = $2, end_reason = $3, ended_by = $4, ended_at = now()
      WHERE id = $1 AND effective_to IS NULL`,
    [id, effectiveTo, reason, endedBy],
  );
  return rowCount === 1;
}

/** The candidate of each region: its live row that started last on or before the day (core decides the rest). */
export async function latestStarted(
  db: Queryable,
  kind: WageParameterKind,
  regionCodes: readonly string[],
  date: string,
): Promise<WageParameterRow[]> {
  const { rows } = await db.query<WageParameterRow>(
    `SELECT DISTINCT ON (p.region_code) ${COLUMNS}, 'current' AS status
       FROM wage_parameters p
      WHERE p.kind = $1 AND p.region_code = ANY($2::text[]) AND p.effective_from <= $3 AND ${LIVE}
      ORDER BY p.region_code, p.effective_from DESC`,
    [kind, regionCodes, date],
  );
  return rows;
}
