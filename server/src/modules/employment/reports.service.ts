import {
  addMonths,
  type CreateOwnReportBody,
  type CreateReportBody,
  chinaToday,
  type EmploymentReport,
  monthOf,
  type OwnReports,
  openReportMonth,
  type Page,
  type ReportListQuery,
  type ReportSource,
  reportFilingProblem,
  reportTiming,
  type UpdateReportBody,
  windowOf,
} from '@hexie/core';
import { type Tx, withTx } from '../../db/pool.js';
import { audit, changes } from '../../platform/audit.js';
import type { ServiceContext } from '../../platform/context.js';
import { AppError, invalid, isUniqueViolation } from '../../platform/errors.js';
import { blankToNull } from '../../platform/fields.js';
import { notFoundInScope } from '../../platform/scope-miss.js';
import { regionCodesOf } from '../enterprises/enterprises.service.js';
import { presentReport, separationsOf } from './employment.presenter.js';
import * as repo from './employment.repository.js';
import { notifyReportListeners, type ReportFacts } from './facts.js';

// 月度用工报告: staff enter them for the enterprises of their region (late when after the window), an enterprise user
// files their own enterprise's while the window is open, or staff import them (employment.import.ts).

export async function listReports(ctx: ServiceContext, q: ReportListQuery): Promise<Page<EmploymentReport>> {
  if (q.regionCode && !ctx.regions.get(q.regionCode)) throw invalid('regionCode', 'unknown_region');
  const { rows, total } = await repo.listReports(ctx.db, {
    regionCodes: regionCodesOf(ctx, q.regionCode),
    enterpriseId: q.enterpriseId,
    month: q.month,
    page: q.page,
    pageSize: q.pageSize,
  });
  return { items: rows.map((r) => presentReport(ctx.regions, r)), total, page: q.page, pageSize: q.pageSize };
}

export const figuresOf = (b: {
  headcount: number;
  hires: number;
  separations: { resigned: number; dismissed: number; contractEnded: number; retired: number; other: number };
  note?: string | null | undefined;
}): repo.ReportFigures => ({
  headcount: b.headcount,
  hires: b.hires,
  ...b.separations,
  note: blankToNull(b.note),
});

const factsOf = (
  enterpriseId: string,
  regionCode: string,
  month: string,
  f: repo.ReportFigures,
  source: ReportSource,
): ReportFacts => ({
  enterpriseId,
  regionCode,
  month,
  headcount: f.headcount,
  hires: f.hires,
  separations: {
    resigned: f.resigned,
    dismissed: f.dismissed,
    contractEnded: f.contractEnded,
    retired: f.retired,
    other: f.other,
  },
  source,
});

/**
 * Writes a new report inside `tx` (the form's and the import's one way in): who files it decides the window rule
 * (core's reportFilingProblem), a second report of the month is refused, the write is audited and the listeners
 * (the early warnings) hear of it in the same transaction.
 */
export async function insertReportTx(
  tx: Tx,
  ctx: ServiceContext,
  r: { enterprise: repo.EnterpriseRef; month: string; figures: repo.ReportFigures; source: ReportSource },
  today: string,
): Promise<string> {
  const late = reportTiming(r.month, today) === 'late';
  const id = await repo.insertReport(
    tx,
    {
      ...r.figures,
      enterpriseId: r.enterprise.id,
      regionCode: r.enterprise.region_code,
      month: r.month,
      source: r.source,
      late,
    },
    ctx.actor.id,
  );
  await audit(tx, ctx, {
    action: 'employment_report.create',
    entityType: 'employment_report',
    entityId: id,
    regionCode: r.enterprise.region_code,
    result: 'success',
    details: {
      enterpriseId: r.enterprise.id,
      month: r.month,
      source: r.source,
      late,
      after: r.figures,
      ...(r.source === 'import' ? { via: 'import' } : {}),
    },
  });
  await notifyReportListeners(
    tx,
    ctx,
    factsOf(r.enterprise.id, r.enterprise.region_code, r.month, r.figures, r.source),
  );
  return id;
}

/** Corrects a report inside `tx`: audited with what changed; the listeners hear of it. No change, no write. */
export async function updateReportTx(
  tx: Tx,
  ctx: ServiceContext,
  row: repo.ReportRow,
  after: repo.ReportFigures,
  source: ReportSource,
): Promise<boolean> {
  const before: repo.ReportFigures = {
    headcount: row.headcount,
    hires: row.hires,
    ...separationsOf(row),
    note: row.note,
  };
  const diff = changes(before, after);
  if (!diff) return false;
  await repo.updateReport(tx, row.id, after, ctx.actor.id);
  await audit(tx, ctx, {
    action: 'employment_report.update',
    entityType: 'employment_report',
    entityId: row.id,
    regionCode: row.region_code,
    result: 'success',
    details: {
      enterpriseId: row.enterprise_id,
      month: row.month,
      ...diff,
      ...(source === 'import' ? { via: 'import' } : {}),
    },
  });
  await notifyReportListeners(tx, ctx, factsOf(row.enterprise_id, row.region_code, row.month, after, source));
  return true;
}

function checkFiling(month: string, today: string, by: 'staff' | 'enterprise'): void {
  const problem = reportFilingProblem(month, today, by);
  if (problem?.refused === 'not_due') throw invalid('month', 'report_not_due', { opens: problem.opens });
  if (problem?.refused === 'window_closed') {
    throw new AppError('report_window_closed', { params: { month, opens: problem.opens, closes: problem.closes } });
  }
}

async function file(
  ctx: ServiceContext,
  enterprise: repo.EnterpriseRef,
  body: CreateOwnReportBody,
  by: 'staff' | 'enterprise',
): Promise<EmploymentReport> {
  const today = chinaToday();
  checkFiling(body.month, today, by);
  try {
    const id = await withTx(ctx.db, async (tx) => {
      if (await repo.reportIdOf(tx, enterprise.id, body.month)) {
        throw new AppError('report_exists', { params: { month: body.month } });
      }
      return insertReportTx(tx, ctx, { enterprise, month: body.month, figures: figuresOf(body), source: by }, today);
    });
    const row = await repo.getReport(ctx.db, ctx.scope.codes, id);
    if (!row) throw new AppError('not_found');
    return presentReport(ctx.regions, row);
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('report_exists', { params: { month: body.month } });
    throw err;
  }
}

async function correct(
  ctx: ServiceContext,
  id: string,
  b: UpdateReportBody,
  check: (row: repo.ReportRow) => void,
  source: ReportSource,
): Promise<EmploymentReport> {
  await withTx(ctx.db, async (tx) => {
    const row = await repo.getReport(tx, ctx.scope.codes, id, true);
    if (!row) throw await notFoundInScope(ctx, 'employment_report', id);
    check(row);
    if (row.version !== b.version) throw new AppError('version_conflict', { params: { version: row.version } });
    const s = separationsOf(row);
    const after = figuresOf({
      headcount: b.headcount ?? row.headcount,
      hires: b.hires ?? row.hires,
      separations: b.separations ?? s,
      note: b.note === undefined ? row.note : b.note,
    });
    await updateReportTx(tx, ctx, row, after, source);
  });
  const row = await repo.getReport(ctx.db, ctx.scope.codes, id);
  if (!row) throw new AppError('not_found');
  return presentReport(ctx.regions, row);
}

/** Staff: a report for an enterprise of their region, any month whose window has opened (late after it closed). */
export async function createReport(ctx: ServiceContext, b: CreateReportBody): Promise<EmploymentReport> {
  const enterprise = await repo.enterpriseIn(ctx.db, ctx.scope.codes, b.enterpriseId);
  if (!enterprise) throw invalid('enterpriseId', 'invalid_value');
  const { enterpriseId: _id, ...body } = b;
  return file(ctx, enterprise, body, 'staff');
}

export async function updateReport(ctx: ServiceContext, id: string, b: UpdateReportBody): Promise<EmploymentReport> {
  return correct(ctx, id, b, () => {}, 'staff');
}

// ——— the enterprise's own reports ———

async function ownEnterprise(ctx: ServiceContext): Promise<repo.EnterpriseRef> {
  const id = ctx.actor.enterpriseId;
  const enterprise = id ? await repo.enterpriseIn(ctx.db, ctx.scope.codes, id) : undefined;
  if (!enterprise) throw new AppError('forbidden');
  return enterprise;
}

/** An enterprise user's page: which month is open now (or next), and the enterprise's reports of three years. */
export async function ownReports(ctx: ServiceContext): Promise<OwnReports> {
  const enterprise = await ownEnterprise(ctx);
  const today = chinaToday();
  const open = openReportMonth(today);
  // Between the 6th and the 24th the next window is this month's.
  const next = open ?? monthOf(today);
  const rows = await repo.reportsOf(ctx.db, ctx.scope.codes, enterprise.id, addMonths(monthOf(today), -35));
  return {
    enterpriseName: enterprise.name,
    openMonth: open,
    window: open ? windowOf(open) : null,
    nextWindow: { month: next, ...windowOf(next) },
    reports: rows.reverse().map((r) => presentReport(ctx.regions, r)),
  };
}

export async function createOwnReport(ctx: ServiceContext, b: CreateOwnReportBody): Promise<EmploymentReport> {
  return file(ctx, await ownEnterprise(ctx), b, 'enterprise');
}

/** The enterprise corrects its own report while that month's window is open. */
export async function updateOwnReport(ctx: ServiceContext, id: string, b: UpdateReportBody): Promise<EmploymentReport> {
  const enterprise = await ownEnterprise(ctx);
  const today = chinaToday();
  return correct(
    ctx,
    id,
    b,
    (row) => {
      // Another enterprise's report is not there for this user.
      if (row.enterprise_id !== enterprise.id) throw new AppError('not_found');
      checkFiling(row.month, today, 'enterprise');
    },
    'enterprise',
  );
}
