import {
  type CreateWageParametersBody,
  chinaToday,
  dayBefore,
  type EndWageParameterBody,
  type Page,
  type ParameterSource,
  type ParameterUsed,
  rowInEffect,
  type WageParameter,
  type WageParameterKind,
  type WageParameterListQuery,
  type WageParametersLookup,
  wageParameterProblems,
} from '@hexie/core';
import { type Queryable, withTx } from '../../db/pool.js';
import { audit } from '../../platform/audit.js';
import type { Platform, ServiceContext } from '../../platform/context.js';
import { AppError, type FieldProblem, invalid, invalidFields } from '../../platform/errors.js';
import { notFoundInScope } from '../../platform/scope-miss.js';
import { presentInput, presentUsed, presentWageParameter } from './parameters.presenter.js';
import * as repo from './parameters.repository.js';

/** What a read needs: a connection (the pool, or a transaction's client) and the regions. */
type Lookup = { db: Queryable; regions: Platform['regions'] };

// ——— the administrator's tables ———

export async function listWageParameters(ctx: ServiceContext, q: WageParameterListQuery): Promise<Page<WageParameter>> {
  let codes = ctx.scope.codes;
  if (q.regionCode) {
    if (!ctx.regions.get(q.regionCode)) throw invalid('regionCode', 'unknown_region');
    if (!ctx.scope.includes(q.regionCode)) throw invalid('regionCode', 'region_out_of_scope');
    codes = ctx.regions.scopeOf(q.regionCode).codes;
  }
  const { rows, total } = await repo.listWageParameters(ctx.db, {
    kind: q.kind,
    regionCodes: codes,
    status: q.status,
    today: chinaToday(),
    page: q.page,
    pageSize: q.pageSize,
  });
  return { items: rows.map((r) => presentWageParameter(ctx.regions, r)), total, page: q.page, pageSize: q.pageSize };
}

/**
 * A new row for each region listed (a new standard for its areas): all or none, each audited. A region that already
 * has a live row starting the same day is refused, naming it; the older rows stay and give way on the new start day.
 */
export async function createWageParameters(
  ctx: ServiceContext,
  body: CreateWageParametersBody,
): Promise<{ items: WageParameter[] }> {
  const problems: FieldProblem[] = [...wageParameterProblems(body)];
  const seen = new Set<string>();
  // The field is the list (a label names it); the message names the region where it matters.
  const field = 'regionCodes';
  body.regionCodes.forEach((code) => {
    if (!ctx.regions.get(code)) problems.push({ field, code: 'unknown_region' });
    else if (!ctx.scope.includes(code)) problems.push({ field, code: 'region_out_of_scope' });
    else if (seen.has(code)) problems.push({ field, code: 'invalid_value' });
    seen.add(code);
  });
  if (problems.length) throw invalidFields(problems);
  const minimum = body.kind === 'minimum_wage';
  const rows = body.regionCodes.map((regionCode) => ({
    kind: body.kind,
    regionCode,
    effectiveFrom: body.effectiveFrom,
    monthlyAmount: body.monthlyAmount,
    hourlyAmount: minimum ? (body.hourlyAmount ?? null) : null,
    tier: minimum ? (body.tier ?? null) : null,
    statYear: minimum ? null : (body.statYear ?? null),
    basis: body.basis,
  }));
  const ids = await withTx(ctx.db, async (tx) => {
    const taken = await repo.liveRowsStarting(tx, body.kind, body.regionCodes, body.effectiveFrom);
    if (taken.length) {
      throw invalidFields(
        taken.map((code) => ({
          field: 'regionCodes',
          code: 'parameter_exists' as const,
          params: { name: ctx.regions.fullName(code), date: body.effectiveFrom },
        })),
      );
    }
    const created = await repo.insertWageParameters(tx, rows, ctx.actor.id);
    const byRegion = new Map(rows.map((r) => [r.regionCode, r]));
    for (const c of created) {
      const { regionCode: _region, ...fields } = byRegion.get(c.region_code) as (typeof rows)[number];
      await audit(tx, ctx, {
        action: 'wage_parameter.create',
        entityType: 'wage_parameter',
        entityId: c.id,
        regionCode: c.region_code,
        result: 'success',
        details: fields,
      });
    }
    return created.map((c) => c.id);
  });
  const today = chinaToday();
  const items: WageParameter[] = [];
  for (const id of ids) {
    const row = await repo.getWageParameter(ctx.db, id, ctx.scope.codes, today);
    if (row) items.push(presentWageParameter(ctx.regions, row));
  }
  return { items };
}

/** Ends a row on its last day in effect (the day before it started withdraws it), with the reason; audited. */
export async function endWageParameter(
  ctx: ServiceContext,
  id: string,
  body: EndWageParameterBody,
): Promise<WageParameter> {
  const today = chinaToday();
  await withTx(ctx.db, async (tx) => {
    const row = await repo.getWageParameter(tx, id, ctx.scope.codes, today, true);
    if (!row) throw await notFoundInScope(ctx, 'wage_parameter', id);
    if (row.effective_to !== null) throw new AppError('parameter_ended', { params: { date: row.effective_to } });
    if (body.effectiveTo < dayBefore(row.effective_from)) throw invalid('effectiveTo', 'before_effective');
    if (!(await repo.endWageParameter(tx, id, body.effectiveTo, body.reason, ctx.actor.id))) {
      throw new AppError('parameter_ended', { params: { date: body.effectiveTo } });
    }
    await audit(tx, ctx, {
      action: body.effectiveTo < row.effective_from ? 'wage_parameter.withdraw' : 'wage_parameter.end',
      entityType: 'wage_parameter',
      entityId: id,
      regionCode: row.region_code,
      result: 'success',
      details: {
        kind: row.kind,
        effectiveFrom: row.effective_from,
        before: { effectiveTo: null },
        after: { effectiveTo: body.effectiveTo },
        reason: body.reason,
      },
    });
  });
  const row = await repo.getWageParameter(ctx.db, id, ctx.scope.codes, today);
  if (!row) throw new AppError('not_found');
  return presentWageParameter(ctx.regions, row);
}

// ——— the lookup: the row in effect for a region on a day ———

/** The row of each kind in effect for `regionCode` on `date`, its own or the nearest region's above it. */
export async function rowsInEffect(
  p: Lookup,
  regionCode: string,
  date: string,
): Promise<Record<WageParameterKind, repo.WageParameterRow | undefined>> {
  const lineage = p.regions.lineage(regionCode);
  const pick = async (kind: WageParameterKind) => {
    const latest = await repo.latestStarted(p.db, kind, lineage, date);
    return rowInEffect(
      lineage,
      latest.map((r) => ({ ...r, regionCode: r.region_code, effectiveTo: r.effective_to })),
      date,
    );
  };
  const [minimum_wage, average_wage] = await Promise.all([pick('minimum_wage'), pick('average_wage')]);
  return { minimum_wage, average_wage };
}

/** GET /api/v1/calculators/wage-parameters: what the calculators would use. */
export async function wageParametersOn(p: Lookup, regionCode: string, date: string): Promise<WageParametersLookup> {
  if (!p.regions.get(regionCode)) throw invalid('regionCode', 'unknown_region');
  const rows = await rowsInEffect(p, regionCode, date);
  const min = rows.minimum_wage;
  return {
    regionCode,
    regionName: p.regions.fullName(regionCode),
    date,
    minimumWage: min
      ? { ...presentUsed(p.regions, min, date), hourly: min.hourly_amount === null ? null : Number(min.hourly_amount) }
      : null,
    localAverageMonthlyWage: rows.average_wage ? presentUsed(p.regions, rows.average_wage, date) : null,
  };
}

export interface ResolvedParameters {
  localAverageMonthlyWage: ParameterUsed;
  minimumWage: ParameterUsed;
  sources: { localAverage?: ParameterSource; minimumWage?: ParameterSource };
}

const sourceOf = (used: ParameterUsed): ParameterSource | undefined =>
  used.source === 'table'
    ? {
        regionName: used.regionName ?? '',
        effectiveFrom: used.effectiveFrom ?? '',
        basis: used.basis ?? '',
        tier: used.tier,
        statYear: used.statYear,
      }
    : undefined;

/**
 * The two figures a severance needs: the caller's, or the row in effect for the region on the date. A figure left
 * out needs the region (400 on `regionCode`); a region without a row for it is a 400 on the figure's field.
 */
export async function resolveWageParameters(
  p: Lookup,
  given: {
    localAverageMonthlyWage?: number | undefined;
    minimumWage?: number | undefined;
    regionCode?: string | undefined;
  },
  date: string,
): Promise<ResolvedParameters> {
  if (given.regionCode && !p.regions.get(given.regionCode)) throw invalid('regionCode', 'unknown_region');
  let local = given.localAverageMonthlyWage !== undefined ? presentInput(given.localAverageMonthlyWage) : undefined;
  let minimum = given.minimumWage !== undefined ? presentInput(given.minimumWage) : undefined;
  if (!local || !minimum) {
    if (!given.regionCode) throw invalid('regionCode', 'required');
    const rows = await rowsInEffect(p, given.regionCode, date);
    const problems: FieldProblem[] = [];
    if (!minimum) {
      if (rows.minimum_wage) minimum = presentUsed(p.regions, rows.minimum_wage, date);
      else problems.push({ field: 'minimumWage', code: 'no_parameter' });
    }
    if (!local) {
      if (rows.average_wage) local = presentUsed(p.regions, rows.average_wage, date);
      else problems.push({ field: 'localAverageMonthlyWage', code: 'no_parameter' });
    }
    if (problems.length || !local || !minimum) throw invalidFields(problems);
  }
  const sources: ResolvedParameters['sources'] = {};
  const localSource = sourceOf(local);
  const minimumSource = sourceOf(minimum);
  if (localSource) sources.localAverage = localSource;
  if (minimumSource) sources.minimumWage = minimumSource;
  return { localAverageMonthlyWage: local, minimumWage: minimum, sources };
}
