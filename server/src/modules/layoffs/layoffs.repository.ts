import type { Art41Ground, Art42Group, LayoffPlanRecord, SeveranceStandard } from '@hexie/core';
import type { Queryable } from '../../db/pool.js';
import { escapeLike } from '../../platform/fields.js';

// All SQL of the layoff plans (裁员方案) and their lists. Every read takes the region codes it may see (or none: the
// whole province, for the early-warning scan that runs without a caller).

export interface PlanRow {
  id: string;
  enterprise_id: string;
  enterprise_name: string;
  credit_code: string;
  region_code: string;
  year: number;
  employees: number;
  planned_layoffs: number;
  done_layoffs: number;
  positions: string | null;
  ground: Art41Ground;
  planned_on: string;
  explained_on: string | null;
  reported_on: string | null;
  wages_settled: boolean;
  wage_arrears: string | null;
  severance_standard: SeveranceStandard;
  severance_note: string | null;
  funds_available: string;
  average_monthly_wage: string | null;
  average_service_months: number | null;
  local_average_monthly_wage: string | null;
  minimum_wage: string | null;
  note: string | null;
  recorded_by_name: string;
  version: number;
  created_at: Date;
  updated_at: Date;
}

export interface StaffRow {
  id: string;
  plan_id: string;
  name: string;
  id_number: string;
  position: string | null;
  service_start: string;
  average_monthly_wage: string;
  protected_ground: Art42Group | null;
}

const PLAN_SELECT = `SELECT p.id, p.enterprise_id, e.name AS enterprise_name, e.credit_code, p.region_code, p.year,
    p.employees, p.planned_layoffs, p.done_layoffs, p.positions, p.ground, p.planned_on, p.explained_on, p.reported_on,
    p.wages_settled, p.wage_arrears, p.severance_standard, p.severance_note, p.funds_available, p.average_monthly_wage,
    p.average_service_months, p.local_average_monthly_wage, p.minimum_wage, p.note, u.display_name AS recorded_by_name,
    p.version, p.created_at, p.updated_at
  FROM layoff_plans p JOIN enterprises e ON e.id = p.enterprise_id JOIN users u ON u.id = p.recorded_by`;

export interface PlanFilter {
  /** undefined: every region (the early-warning scan) */
  regionCodes?: readonly string[] | undefined;
  q?: string | undefined;
  enterpriseId?: string | undefined;
  /** plans of any of these enterprises (the key-enterprise ledger's layoff columns) */
  enterpriseIds?: readonly string[] | undefined;
  year?: number | undefined;
  /** plans of this year or later (the nightly warnings look at this year's and last year's) */
  minYear?: number | undefined;
  ids?: readonly string[] | undefined;
}

/**
 * Every plan the filter matches, newest layoff first. Not paged here: what the rules say of a plan (第四十一条, the
 * rating) is computed by core on each read, so the service filters on it and pages. A region has tens of plans a
 * year, not thousands.
 */
export async function listPlans(db: Queryable, f: PlanFilter): Promise<PlanRow[]> {
  if (f.regionCodes?.length === 0 || f.ids?.length === 0 || f.enterpriseIds?.length === 0) return [];
  const params: unknown[] = [];
  const add = (v: unknown) => `$${params.push(v)}`;
  const where: string[] = [];
  if (f.regionCodes) where.push(`p.region_code = ANY(${add(f.regionCodes)}::text[])`);
  if (f.ids) where.push(`p.id = ANY(${add(f.ids)}::uuid[])`);
  if (f.enterpriseId) where.push(`p.enterprise_id = ${add(f.enterpriseId)}`);
  if (f.enterpriseIds) where.push(`p.enterprise_id = ANY(${add(f.enterpriseIds)}::uuid[])`);
  if (f.year) where.push(`p.year = ${add(f.year)}`);
  if (f.minYear) where.push(`p.year >= ${add(f.minYear)}`);
  if (f.q) {
    const like = add(`%${escapeLike(f.q.toUpperCase())}%`);
    where.push(`(upper(e.name) LIKE ${like} OR e.credit_code LIKE ${like})`);
  }
  const { rows } = await db.query<PlanRow>(
    `${PLAN_SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY p.planned_on DESC, e.name, p.id`,
    params,
  );
  return rows;
}

export async function getPlan(
  db: Queryable,
  regionCodes: readonly string[],
  id: string,
  forUpdate = false,
): Promise<PlanRow | undefined> {
  const { rows } = await db.query<PlanRow>(
    `${PLAN_SELECT} WHERE p.id = $1 AND p.region_code = ANY($2::text[])${forUpdate ? ' FOR UPDATE OF p' : ''}`,
    [id, regionCodes],
  );
  return rows[0];
}

/** The lists of these plans, each in the order people were added (then by name). */
export async function staffOf(db: Queryable, planIds: readonly string[]): Promise<StaffRow[]> {
  if (planIds.length === 0) return [];
  const { rows } = await db.query<StaffRow>(
    `SELECT id, plan_id, name, id_number, position, service_start, average_monthly_wage, protected_ground
       FROM layoff_plan_staff WHERE plan_id = ANY($1::uuid[]) ORDER BY plan_id, created_at, name, id`,
    [planIds],
  );
  return rows;
}

/** The enterprise a plan is for, when the caller may see it: its region becomes the plan's. */
export async function enterpriseInScope(
  db: Queryable,
  regionCodes: readonly string[],
  id: string,
): Promise<{ region_code: string } | undefined> {
  const { rows } = await db.query<{ region_code: string }>(
    'SELECT region_code FROM enterprises WHERE id = $1 AND region_code = ANY($2::text[])',
    [id, regionCodes],
  );
  return rows[0];
}

/** Whether the enterprise already has a plan for the year (another than `except`). */
export async function planExists(db: Queryable, enterpriseId: string, year: number, except?: string): Promise<boolean> {
  const { rows } = await db.query(
    'SELECT 1 FROM layoff_plans WHERE enterprise_id = $1 AND year = $2 AND id IS DISTINCT FROM $3::uuid',
    [enterpriseId, year, except ?? null],
  );
  return rows.length > 0;
}

const num = (v: number | null) => (v === null ? null : String(v));

function planValues(r: LayoffPlanRecord): unknown[] {
  return [
    r.year,
    r.employees,
    r.plannedLayoffs,
    r.doneLayoffs,
    r.positions,
    r.ground,
    r.plannedOn,
    r.explainedOn,
    r.reportedOn,
    r.wagesSettled,
    num(r.wageArrears),
    r.severanceStandard,
    r.severanceNote,
    String(r.fundsAvailable),
    num(r.averageMonthlyWage),
    r.averageServiceMonths,
    num(r.localAverageMonthlyWage),
    num(r.minimumWage),
    r.note,
  ];
}

export async function insertPlan(
  db: Queryable,
  r: LayoffPlanRecord,
  at: { enterpriseId: string; regionCode: string; recordedBy: string },
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO layoff_plans (year, employees, planned_layoffs, done_layoffs, positions, ground, planned_on,
       explained_on, reported_on, wages_settled, wage_arrears, severance_standard, severance_note, funds_available,
       average_monthly_wage, average_service_months, local_average_monthly_wage, minimum_wage, note,
       enterprise_id, region_code, recorded_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22)
     RETURNING id`,
    [...planValues(r), at.enterpriseId, at.regionCode, at.recordedBy],
  );
  return (rows[0] as { id: string }).id;
}

export async function updatePlan(db: Queryable, id: string, r: LayoffPlanRecord): Promise<void> {
  await db.query(
    `UPDATE layoff_plans SET year = $2, employees = $3, planned_layoffs = $4, done_layoffs = $5, positions = $6,
            ground = $7, planned_on = $8, explained_on = $9, reported_on = $10, wages_settled = $11, wage_arrears = $12,
            severance_standard = $13, severance_note = $14, funds_available = $15, average_monthly_wage = $16,
            average_service_months = $17, local_average_monthly_wage = $18, minimum_wage = $19, note = $20,
            version = version + 1, updated_at = now()
      WHERE id = $1`,
    [id, ...planValues(r)],
  );
}

/** A change to the list alone is a change of the plan: its version moves. */
export async function touchPlan(db: Queryable, id: string): Promise<void> {
  await db.query('UPDATE layoff_plans SET version = version + 1, updated_at = now() WHERE id = $1', [id]);
}

/** A person's stored fields, in the API's names. */
export type StaffRecord = {
  name: string;
  idNumber: string;
  position: string | null;
  serviceStart: string;
  averageMonthlyWage: number;
  protectedGround: Art42Group | null;
};

export async function deleteStaff(db: Queryable, planId: string, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.query('DELETE FROM layoff_plan_staff WHERE plan_id = $1 AND id = ANY($2::uuid[])', [planId, ids]);
}

export async function updateStaff(
  db: Queryable,
  planId: string,
  rows: readonly { id: string; record: StaffRecord }[],
): Promise<void> {
  if (rows.length === 0) return;
  await db.query(
    `UPDATE layoff_plan_staff s SET name = r."name", id_number = r."idNumber", position = r."position",
            service_start = r."serviceStart", average_monthly_wage = r."averageMonthlyWage",
            protected_ground = r."protectedGround", updated_at = now()
       FROM jsonb_to_recordset($2::jsonb) AS r("id" uuid, "name" text, "idNumber" text, "position" text,
            "serviceStart" date, "averageMonthlyWage" numeric, "protectedGround" text)
      WHERE s.id = r."id" AND s.plan_id = $1`,
    [planId, JSON.stringify(rows.map((r) => ({ id: r.id, ...r.record })))],
  );
}

export async function insertStaff(
  db: Queryable,
  planId: string,
  regionCode: string,
  rows: readonly StaffRecord[],
): Promise<void> {
  if (rows.length === 0) return;
  // One statement; created_at ascends with the list's order so the list reads back as it was given.
  await db.query(
    `INSERT INTO layoff_plan_staff (plan_id, region_code, name, id_number, position, service_start,
       average_monthly_wage, protected_ground, created_at)
     SELECT $1, $2, r."name", r."idNumber", r."position", r."serviceStart", r."averageMonthlyWage", r."protectedGround",
            clock_timestamp() + make_interval(secs => r.ord / 1000000.0)
       FROM jsonb_to_recordset($3::jsonb) AS r("name" text, "idNumber" text, "position" text, "serviceStart" date,
            "averageMonthlyWage" numeric, "protectedGround" text, "ord" integer)`,
    [planId, regionCode, JSON.stringify(rows.map((r, ord) => ({ ...r, ord })))],
  );
}

/** The plans named by (credit code, year) that the caller may see, for the staff import. */
export async function plansByCreditCodeYear(
  db: Queryable,
  regionCodes: readonly string[],
  keys: readonly { creditCode: string; year: number }[],
): Promise<Map<string, { id: string; region_code: string; planned_on: string }>> {
  if (keys.length === 0) return new Map();
  const { rows } = await db.query<{
    id: string;
    region_code: string;
    planned_on: string;
    credit_code: string;
    year: number;
  }>(
    `SELECT p.id, p.region_code, p.planned_on, e.credit_code, p.year
       FROM layoff_plans p JOIN enterprises e ON e.id = p.enterprise_id
       JOIN jsonb_to_recordset($1::jsonb) AS k("creditCode" text, "year" integer)
         ON e.credit_code = k."creditCode" AND p.year = k."year"
      WHERE p.region_code = ANY($2::text[])`,
    [JSON.stringify(keys), regionCodes],
  );
  return new Map(rows.map((r) => [`${r.credit_code}|${r.year}`, r]));
}

/** Locks the plans an import writes to, in a fixed order (two imports never wait on each other in a circle). */
export async function lockPlans(db: Queryable, ids: readonly string[]): Promise<void> {
  await db.query('SELECT id FROM layoff_plans WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE', [ids]);
}
