import {
  type AbilityRating,
  type CreateLayoffPlanBody,
  chinaToday,
  evaluateLayoffPlan,
  type LayoffPlan,
  type LayoffPlanEvaluation,
  type LayoffPlanListQuery,
  type LayoffPlanRecord,
  type LayoffPlanSummary,
  type LayoffStaffInput,
  layoffPlanProblems,
  normaliseCode,
  type Page,
  stepsMissing,
  type UpdateLayoffPlanBody,
} from '@hexie/core';
import { type Queryable, withTx } from '../../db/pool.js';
import { audit, changes } from '../../platform/audit.js';
import type { Platform, ServiceContext } from '../../platform/context.js';
import { AppError, type FieldProblem, invalid, invalidFields, isUniqueViolation } from '../../platform/errors.js';
import { blankToNull } from '../../platform/fields.js';
import { notFoundInScope } from '../../platform/scope-miss.js';
import { regionCodesOf } from '../enterprises/enterprises.service.js';
import { type ResolvedParameters, resolveWageParameters } from '../parameters/parameters.service.js';
import { notifyPlanListeners } from './layoffs.events.js';
import { auditableStaff, factsOf, presentPlan, presentSummary, recordOf, staffRecordOf } from './layoffs.presenter.js';
import * as repo from './layoffs.repository.js';

/** What a read needs: a connection (the pool, or a transaction's client) and the regions. */
type Lookup = { db: Queryable; regions: Platform['regions'] };

// ——— what the rules say of a plan ———

/**
 * The figures a plan's severance uses: its own, else the tables' row in effect for its region on the planned date
 * (core's rowInEffect through the parameters module). Null when the tables have none: the plan is still shown, with
 * a warning that its cost cannot be computed. `cache` shares lookups across the plans of one list.
 */
async function parametersOf(
  p: Lookup,
  r: { region_code: string } & Pick<LayoffPlanRecord, 'plannedOn' | 'localAverageMonthlyWage' | 'minimumWage'>,
  cache: Map<string, Promise<ResolvedParameters | null>>,
): Promise<ResolvedParameters | null> {
  const key = `${r.region_code}|${r.plannedOn}|${r.localAverageMonthlyWage}|${r.minimumWage}`;
  let found = cache.get(key);
  if (!found) {
    found = resolveWageParameters(
      p,
      {
        regionCode: r.region_code,
        localAverageMonthlyWage: r.localAverageMonthlyWage ?? undefined,
        minimumWage: r.minimumWage ?? undefined,
      },
      r.plannedOn,
    ).catch((err: unknown) => {
      if (err instanceof AppError && err.code === 'validation_failed') return null;
      throw err;
    });
    cache.set(key, found);
  }
  return found;
}

/** A plan checked by core: the evaluation and the parameters it used. */
async function evaluate(
  p: Lookup,
  row: repo.PlanRow,
  staff: readonly repo.StaffRow[],
  today: string,
  cache: Map<string, Promise<ResolvedParameters | null>> = new Map(),
): Promise<{ evaluation: LayoffPlanEvaluation; parameters: ResolvedParameters | null }> {
  const rec = recordOf(row);
  const parameters = await parametersOf(p, { ...rec, region_code: row.region_code }, cache);
  const evaluation = evaluateLayoffPlan(
    factsOf(rec, staff.map(staffRecordOf)),
    parameters
      ? {
          localAverageMonthlyWage: parameters.localAverageMonthlyWage.value,
          minimumWage: parameters.minimumWage.value,
          sources: parameters.sources,
        }
      : null,
    today,
  );
  return { evaluation, parameters };
}

/** A plan as the early warnings see it: who, where, and what the rules say of it. */
export interface EvaluatedPlan {
  id: string;
  enterpriseId: string;
  enterpriseName: string;
  regionCode: string;
  year: number;
  plannedOn: string;
  plannedLayoffs: number;
  doneLayoffs: number;
  /** 第四十一条 applies; `evaluation.steps` then says which steps are missing or late */
  evaluation: LayoffPlanEvaluation;
  summary: LayoffPlanSummary;
  /** the plan as recorded */
  record: LayoffPlanRecord;
}

/**
 * The plans a filter matches, each checked by core (第四十一条 and its step states, the protected people, severance,
 * ability to pay and rating, the warnings). For the early-warning rules, which run without a caller: `regionCodes`
 * left out means the whole province. Services with a caller pass the caller's scope.
 */
export async function evaluatedPlans(
  p: Lookup,
  filter: repo.PlanFilter = {},
  today: string = chinaToday(),
): Promise<EvaluatedPlan[]> {
  const rows = await repo.listPlans(p.db, filter);
  const staff = await repo.staffOf(
    p.db,
    rows.map((r) => r.id),
  );
  const byPlan = new Map<string, repo.StaffRow[]>();
  for (const s of staff) byPlan.set(s.plan_id, [...(byPlan.get(s.plan_id) ?? []), s]);
  const cache = new Map<string, Promise<ResolvedParameters | null>>();
  const out: EvaluatedPlan[] = [];
  for (const row of rows) {
    const list = byPlan.get(row.id) ?? [];
    const { evaluation } = await evaluate(p, row, list, today, cache);
    out.push({
      id: row.id,
      enterpriseId: row.enterprise_id,
      enterpriseName: row.enterprise_name,
      regionCode: row.region_code,
      year: row.year,
      plannedOn: row.planned_on,
      plannedLayoffs: row.planned_layoffs,
      doneLayoffs: row.done_layoffs,
      evaluation,
      summary: presentSummary(p.regions, row, evaluation, list.length),
      record: recordOf(row),
    });
  }
  return out;
}

/** The plans of one enterprise with their Art. 41 step states and ability-to-pay rating (any region). */
export function plansOfEnterprise(p: Lookup, enterpriseId: string, today?: string): Promise<EvaluatedPlan[]> {
  return evaluatedPlans(p, { enterpriseId }, today);
}

// ——— the caller's reads ———

const ratingOf = (s: LayoffPlanSummary): AbilityRating | null => s.rating;

/** 裁员方案 of the caller's region (or a region in it), filtered by what the rules say, newest layoff first. */
export async function listLayoffPlans(ctx: ServiceContext, q: LayoffPlanListQuery): Promise<Page<LayoffPlanSummary>> {
  const matching = (await matchingPlans(ctx, q)).map((x) => x.summary);
  const from = (q.page - 1) * q.pageSize;
  return { items: matching.slice(from, from + q.pageSize), total: matching.length, page: q.page, pageSize: q.pageSize };
}

/** The plans of the caller's region that the list's filters match (the list and its export), in list order. */
export async function matchingPlans(
  ctx: ServiceContext,
  q: Omit<LayoffPlanListQuery, 'page' | 'pageSize'>,
): Promise<EvaluatedPlan[]> {
  const plans = await evaluatedPlans(ctx, {
    regionCodes: regionCodesOf(ctx, q.regionCode),
    q: q.q,
    enterpriseId: q.enterpriseId,
    year: q.year,
  });
  return plans.filter(
    ({ summary: s }) =>
      (q.art41 === undefined || s.art41Applies === (q.art41 === 'true')) &&
      (q.stepsMissing === undefined || stepsMissing(s.steps)) &&
      (q.rating === undefined || ratingOf(s) === q.rating),
  );
}

export async function getLayoffPlan(ctx: ServiceContext, id: string): Promise<LayoffPlan> {
  const row = await repo.getPlan(ctx.db, ctx.scope.codes, id);
  if (!row) throw await notFoundInScope(ctx, 'layoff_plan', id);
  const staff = await repo.staffOf(ctx.db, [id]);
  const { evaluation, parameters } = await evaluate(ctx, row, staff, chinaToday());
  return presentPlan(
    ctx.regions,
    row,
    staff,
    evaluation,
    parameters
      ? { localAverageMonthlyWage: parameters.localAverageMonthlyWage, minimumWage: parameters.minimumWage }
      : null,
  );
}

// ——— saving ———

type PlanFields = Omit<CreateLayoffPlanBody, 'enterpriseId' | 'staff'>;

function recordOfBody(b: PlanFields): LayoffPlanRecord {
  return {
    year: b.year,
    employees: b.employees,
    plannedLayoffs: b.plannedLayoffs,
    doneLayoffs: b.doneLayoffs ?? 0,
    positions: blankToNull(b.positions),
    ground: b.ground,
    plannedOn: b.plannedOn,
    explainedOn: b.explainedOn ?? null,
    reportedOn: b.reportedOn ?? null,
    wagesSettled: b.wagesSettled,
    wageArrears: b.wageArrears ?? null,
    severanceStandard: b.severanceStandard,
    severanceNote: blankToNull(b.severanceNote),
    fundsAvailable: b.fundsAvailable,
    averageMonthlyWage: b.averageMonthlyWage ?? null,
    averageServiceMonths: b.averageServiceMonths ?? null,
    localAverageMonthlyWage: b.localAverageMonthlyWage ?? null,
    minimumWage: b.minimumWage ?? null,
    note: blankToNull(b.note),
  };
}

/** A settled plan keeps no arrears figure, a statutory one no note of a higher standard. */
function tidy(r: LayoffPlanRecord): LayoffPlanRecord {
  return {
    ...r,
    wageArrears: r.wagesSettled && !r.wageArrears ? null : r.wageArrears,
    severanceNote: r.severanceStandard === 'statutory' ? null : r.severanceNote,
  };
}

/** The list as given, each person's stored ID number kept when left out. */
interface ListPlan {
  /** in the body's order */
  people: { id?: string | undefined; record: repo.StaffRecord }[];
  problems: FieldProblem[];
}

function listOf(given: readonly LayoffStaffInput[], stored: readonly repo.StaffRow[]): ListPlan {
  const byId = new Map(stored.map((s) => [s.id, s]));
  const problems: FieldProblem[] = [];
  const people = given.map((s, i) => {
    const old = s.id ? byId.get(s.id) : undefined;
    if (s.id && !old) problems.push({ field: `staff.${i}.id`, code: 'invalid_value' });
    return {
      id: old?.id,
      record: {
        name: s.name,
        idNumber: s.idNumber ? normaliseCode(s.idNumber) : (old?.id_number ?? ''),
        position: blankToNull(s.position),
        serviceStart: s.serviceStart,
        averageMonthlyWage: s.averageMonthlyWage,
        protectedGround: s.protectedGround ?? null,
      },
    };
  });
  return { people, problems };
}

/** Every problem of a plan and its list at once, so the form marks every field at fault. */
function check(r: LayoffPlanRecord, list: ListPlan | undefined, extra: FieldProblem[] = []): void {
  const problems: FieldProblem[] = [
    ...extra,
    ...(list?.problems ?? []),
    ...layoffPlanProblems(
      r,
      chinaToday(),
      list?.people.map((x) => ({ idNumber: x.record.idNumber || undefined, serviceStart: x.record.serviceStart })),
    ),
  ];
  if (problems.length) throw invalidFields(problems);
}

/** Writes the list's changes (removed, changed, added) and says what changed, ID numbers masked. */
async function writeList(
  tx: Parameters<typeof repo.insertStaff>[0],
  planId: string,
  regionCode: string,
  list: ListPlan,
  stored: readonly repo.StaffRow[],
): Promise<Record<string, unknown> | null> {
  const kept = new Set(list.people.flatMap((x) => (x.id ? [x.id] : [])));
  const removed = stored.filter((s) => !kept.has(s.id));
  const byId = new Map(stored.map((s) => [s.id, s]));
  const changed: { id: string; record: repo.StaffRecord; diff: NonNullable<ReturnType<typeof changes>> }[] = [];
  const added: repo.StaffRecord[] = [];
  for (const x of list.people) {
    const old = x.id ? byId.get(x.id) : undefined;
    if (!old || !x.id) {
      added.push(x.record);
      continue;
    }
    const diff = changes(staffRecordOf(old), x.record);
    if (diff) changed.push({ id: x.id, record: x.record, diff });
  }
  if (!removed.length && !changed.length && !added.length) return null;
  // Removed first: a person taken off and added again under the same ID number does not collide.
  await repo.deleteStaff(
    tx,
    planId,
    removed.map((s) => s.id),
  );
  await repo.updateStaff(tx, planId, changed);
  await repo.insertStaff(tx, planId, regionCode, added);
  return {
    added: added.map((s) => auditableStaff(s)),
    removed: removed.map((s) => auditableStaff({ name: s.name, idNumber: s.id_number })),
    changed: changed.map((c) => ({
      id: c.id,
      before: auditableStaff(c.diff.before as Partial<repo.StaffRecord>),
      after: auditableStaff(c.diff.after as Partial<repo.StaffRecord>),
    })),
  };
}

/** A new plan for an enterprise of the caller's region; one plan per enterprise and year. Audited. */
export async function createLayoffPlan(ctx: ServiceContext, b: CreateLayoffPlanBody): Promise<LayoffPlan> {
  const record = tidy(recordOfBody(b));
  const enterprise = await repo.enterpriseInScope(ctx.db, ctx.scope.codes, b.enterpriseId);
  const extra: FieldProblem[] = [];
  if (!enterprise) extra.push({ field: 'enterpriseId', code: 'invalid_value' });
  else if (await repo.planExists(ctx.db, b.enterpriseId, record.year)) {
    extra.push({ field: 'year', code: 'plan_exists', params: { year: record.year } });
  }
  const list = b.staff ? listOf(b.staff, []) : undefined;
  check(record, list, extra);
  const regionCode = (enterprise as { region_code: string }).region_code;
  let id: string;
  try {
    id = await withTx(ctx.db, async (tx) => {
      const newId = await repo.insertPlan(tx, record, {
        enterpriseId: b.enterpriseId,
        regionCode,
        recordedBy: ctx.actor.id,
      });
      const staff = list ? await writeList(tx, newId, regionCode, list, []) : null;
      await audit(tx, ctx, {
        action: 'layoff_plan.create',
        entityType: 'layoff_plan',
        entityId: newId,
        regionCode,
        result: 'success',
        details: { after: { enterpriseId: b.enterpriseId, ...record }, ...(staff ? { staff } : {}) },
      });
      await notifyPlanListeners(tx, ctx, newId);
      return newId;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw invalid('year', 'plan_exists', { year: record.year });
    throw err;
  }
  return getLayoffPlan(ctx, id);
}

/** Changes a plan at the version read (412 otherwise); `staff`, when given, replaces the list. Audited. */
export async function updateLayoffPlan(ctx: ServiceContext, id: string, b: UpdateLayoffPlanBody): Promise<LayoffPlan> {
  const { version, staff: givenStaff, ...patch } = b;
  try {
    await withTx(ctx.db, async (tx) => {
      const row = await repo.getPlan(tx, ctx.scope.codes, id, true);
      if (!row) throw await notFoundInScope(ctx, 'layoff_plan', id);
      if (row.version !== version) throw new AppError('version_conflict', { params: { version: row.version } });
      const before = recordOf(row);
      const merged: PlanFields = {
        ...before,
        ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)),
      } as PlanFields;
      const after = tidy(recordOfBody(merged));
      const stored = givenStaff ? await repo.staffOf(tx, [id]) : [];
      const list = givenStaff ? listOf(givenStaff, stored) : undefined;
      const extra: FieldProblem[] = [];
      if (after.year !== before.year && (await repo.planExists(tx, row.enterprise_id, after.year, id))) {
        extra.push({ field: 'year', code: 'plan_exists', params: { year: after.year } });
      }
      // A list left alone must still fit a moved layoff date.
      const current = list ?? (after.plannedOn !== before.plannedOn ? await storedList(tx, id) : undefined);
      check(after, current, extra);
      const diff = changes(before, after);
      const staff = list ? await writeList(tx, id, row.region_code, list, stored) : null;
      if (!diff && !staff) return;
      if (diff) await repo.updatePlan(tx, id, after);
      else await repo.touchPlan(tx, id);
      await audit(tx, ctx, {
        action: 'layoff_plan.update',
        entityType: 'layoff_plan',
        entityId: id,
        regionCode: row.region_code,
        result: 'success',
        details: { ...(diff ?? { before: {}, after: {} }), ...(staff ? { staff } : {}) },
      });
      await notifyPlanListeners(tx, ctx, id);
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw invalid('year', 'plan_exists', { year: b.year ?? 0 });
    throw err;
  }
  return getLayoffPlan(ctx, id);
}

/** The stored list in the shape the rules check (people named by their stored ID numbers). */
async function storedList(db: Parameters<typeof repo.staffOf>[0], id: string): Promise<ListPlan> {
  const rows = await repo.staffOf(db, [id]);
  return { people: rows.map((s) => ({ id: s.id, record: staffRecordOf(s) })), problems: [] };
}
