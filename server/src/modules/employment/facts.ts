import { type ReportSource, type Separations, separationsTotal, yearEndHeadcount } from '@hexie/core';
import type { Queryable, Tx } from '../../db/pool.js';
import type { ServiceContext } from '../../platform/context.js';

/**
 * What other modules read about an enterprise's employment (the early warnings, the layoff plans): plain reads by
 * enterprise, without a caller's scope — the caller has its own (a nightly job runs for the whole province; a
 * request has checked the enterprise is in the caller's region before asking). Rules stay in core
 * (core/src/employment.ts: lastDueMonth, monthsWithoutReport, headcountChange, yearEndHeadcount).
 */

/** One monthly report as the rules read it. */
export interface ReportFacts {
  enterpriseId: string;
  regionCode: string;
  /** YYYY-MM */
  month: string;
  /** 月末职工人数 */
  headcount: number;
  hires: number;
  separations: Separations;
  source: ReportSource;
}

interface FactsRow {
  enterprise_id: string;
  region_code: string;
  month: string;
  headcount: number;
  hires: number;
  separated_resigned: number;
  separated_dismissed: number;
  separated_contract_ended: number;
  separated_retired: number;
  separated_other: number;
  source: ReportSource;
}

const FACT_COLUMNS = `enterprise_id, region_code, to_char(month, 'YYYY-MM') AS month, headcount, hires,
  separated_resigned, separated_dismissed, separated_contract_ended, separated_retired, separated_other, source`;

const factsOf = (r: FactsRow): ReportFacts => ({
  enterpriseId: r.enterprise_id,
  regionCode: r.region_code,
  month: r.month,
  headcount: r.headcount,
  hires: r.hires,
  separations: {
    resigned: r.separated_resigned,
    dismissed: r.separated_dismissed,
    contractEnded: r.separated_contract_ended,
    retired: r.separated_retired,
    other: r.separated_other,
  },
  source: r.source,
});

/** The latest reports of an enterprise, newest first (13 by default: a year and the month before it). */
export async function latestReports(db: Queryable, enterpriseId: string, limit = 13): Promise<ReportFacts[]> {
  const { rows } = await db.query<FactsRow>(
    `SELECT ${FACT_COLUMNS} FROM employment_reports WHERE enterprise_id = $1 ORDER BY month DESC LIMIT $2`,
    [enterpriseId, limit],
  );
  return rows.map(factsOf);
}

/** 上年底职工数: the headcount at the end of `year` — the December report, else what the ledger recorded for it. */
export async function headcountAtYearEnd(
  db: Queryable,
  enterpriseId: string,
  year: number,
): Promise<{ year: number; headcount: number; source: 'report' | 'ledger' } | null> {
  const { rows } = await db.query<{ december: number | null; base_year: number | null; base_headcount: number | null }>(
    `SELECT (SELECT headcount FROM employment_reports WHERE enterprise_id = $1 AND month = make_date($2::int, 12, 1))
              AS december,
            k.base_year, k.base_headcount
       FROM (SELECT 1) one LEFT JOIN key_enterprises k ON k.enterprise_id = $1`,
    [enterpriseId, year],
  );
  const r = rows[0];
  if (!r) return null;
  return yearEndHeadcount(year, r.december, { baseYear: r.base_year, baseHeadcount: r.base_headcount });
}

/** An enterprise on the key list now, with what the warnings compare. */
export interface MonitoredEnterprise {
  keyEnterpriseId: string;
  enterpriseId: string;
  enterpriseName: string;
  regionCode: string;
  /** the open listing period's first day */
  listedOn: string;
  followerId: string | null;
  /** YYYY-MM of the latest report, null when none */
  lastReportMonth: string | null;
  latestHeadcount: number | null;
  /** the report of the month before the latest, when there is one */
  previousHeadcount: number | null;
  /** 上年底职工数 of `year` (December report, else the ledger's record) */
  yearEnd: { year: number; headcount: number; source: 'report' | 'ledger' } | null;
}

/**
 * Every enterprise on the key list now (optionally within some regions), with its latest two reports and its
 * headcount at the end of `year` (the year before today when the caller passes it so): one query, for a nightly run.
 */
export async function monitoredEnterprises(
  db: Queryable,
  year: number,
  regionCodes?: readonly string[],
): Promise<MonitoredEnterprise[]> {
  const { rows } = await db.query<{
    id: string;
    enterprise_id: string;
    name: string;
    region_code: string;
    listed_on: string;
    follower_id: string | null;
    base_year: number | null;
    base_headcount: number | null;
    last_month: string | null;
    latest: number | null;
    previous: number | null;
    december: number | null;
  }>(
    `SELECT k.id, k.enterprise_id, e.name, k.region_code, to_char(l.listed_on, 'YYYY-MM-DD') AS listed_on,
            k.follower_id, k.base_year, k.base_headcount,
            to_char(cur.month, 'YYYY-MM') AS last_month, cur.headcount AS latest, prev.headcount AS previous,
            ye.headcount AS december
       FROM key_enterprises k
       JOIN enterprises e ON e.id = k.enterprise_id
       JOIN key_enterprise_listings l ON l.key_enterprise_id = k.id AND l.delisted_on IS NULL
       LEFT JOIN LATERAL (SELECT month, headcount FROM employment_reports r WHERE r.enterprise_id = k.enterprise_id
                           ORDER BY month DESC LIMIT 1) cur ON true
       LEFT JOIN employment_reports prev ON prev.enterprise_id = k.enterprise_id
                                        AND prev.month = (cur.month - interval '1 month')::date
       LEFT JOIN employment_reports ye ON ye.enterprise_id = k.enterprise_id AND ye.month = make_date($1::int, 12, 1)
      WHERE k.listed AND ($2::text[] IS NULL OR k.region_code = ANY($2::text[]))
      ORDER BY k.region_code, e.name`,
    [year, regionCodes ?? null],
  );
  return rows.map((r) => ({
    keyEnterpriseId: r.id,
    enterpriseId: r.enterprise_id,
    enterpriseName: r.name,
    regionCode: r.region_code,
    listedOn: r.listed_on,
    followerId: r.follower_id,
    lastReportMonth: r.last_month,
    latestHeadcount: r.latest,
    previousHeadcount: r.previous,
    yearEnd: yearEndHeadcount(year, r.december, { baseYear: r.base_year, baseHeadcount: r.base_headcount }),
  }));
}

/** Separations of a report, summed (for a rule that needs the month's outflow). */
export const separationsOfFacts = (f: ReportFacts) => separationsTotal(f.separations);

/**
 * Heard inside the transaction that writes a report (form, enterprise or import), after the write: the early
 * warnings evaluate their rules here, so a warning and its report commit together. A listener that throws rolls
 * the report back: keep them to what must hold with the report.
 */
export type ReportListener = (tx: Tx, ctx: ServiceContext, report: ReportFacts) => Promise<void>;

const listeners = new Set<ReportListener>();

/** Registers a listener; returns how to remove it. */
export function onEmploymentReport(listener: ReportListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export async function notifyReportListeners(tx: Tx, ctx: ServiceContext, report: ReportFacts): Promise<void> {
  for (const listener of listeners) await listener(tx, ctx, report);
}

/** A key enterprise as the early-warning rules read it (core's EnterpriseWatchFacts, with who and where). */
export interface WatchedEnterprise {
  keyEnterpriseId: string;
  enterpriseId: string;
  enterpriseName: string;
  regionCode: string;
  followerId: string | null;
  listedOn: string;
  /** the reports from `sinceMonth` on, and always the latest: month and month-end headcount, oldest first */
  reports: { month: string; headcount: number }[];
  /** 上年底职工数 of the year before the latest report's (December report, else the ledger's record) */
  yearEnd: { year: number; headcount: number; source: 'report' | 'ledger' } | null;
}

/**
 * The enterprises on the key list now — all of them, or those named, or those of some regions — with what the
 * warnings compare: one query for a nightly run over the province, the same for one enterprise after its report.
 */
export async function watchedEnterprises(
  db: Queryable,
  sinceMonth: string,
  filter: { enterpriseIds?: readonly string[]; regionCodes?: readonly string[] } = {},
): Promise<WatchedEnterprise[]> {
  const { rows } = await db.query<{
    id: string;
    enterprise_id: string;
    name: string;
    region_code: string;
    follower_id: string | null;
    listed_on: string;
    base_year: number | null;
    base_headcount: number | null;
    last_year: number | null;
    december: number | null;
    reports: { month: string; headcount: number }[];
  }>(
    `SELECT k.id, k.enterprise_id, e.name, k.region_code, k.follower_id,
            to_char(l.listed_on, 'YYYY-MM-DD') AS listed_on, k.base_year, k.base_headcount,
            extract(year FROM cur.month)::int AS last_year, ye.headcount AS december,
            COALESCE((SELECT json_agg(json_build_object('month', to_char(r.month, 'YYYY-MM'), 'headcount', r.headcount)
                                      ORDER BY r.month)
                        FROM employment_reports r
                       WHERE r.enterprise_id = k.enterprise_id AND r.month >= LEAST($1::date, cur.month)),
                     '[]') AS reports
       FROM key_enterprises k
       JOIN enterprises e ON e.id = k.enterprise_id
       JOIN key_enterprise_listings l ON l.key_enterprise_id = k.id AND l.delisted_on IS NULL
       LEFT JOIN LATERAL (SELECT month FROM employment_reports r WHERE r.enterprise_id = k.enterprise_id
                           ORDER BY month DESC LIMIT 1) cur ON true
       LEFT JOIN employment_reports ye
              ON ye.enterprise_id = k.enterprise_id AND ye.month = make_date(extract(year FROM cur.month)::int - 1, 12, 1)
      WHERE k.listed
        AND ($2::uuid[] IS NULL OR k.enterprise_id = ANY($2::uuid[]))
        AND ($3::text[] IS NULL OR k.region_code = ANY($3::text[]))
      ORDER BY k.region_code, e.name`,
    [`${sinceMonth}-01`, filter.enterpriseIds ?? null, filter.regionCodes ?? null],
  );
  return rows.map((r) => ({
    keyEnterpriseId: r.id,
    enterpriseId: r.enterprise_id,
    enterpriseName: r.name,
    regionCode: r.region_code,
    followerId: r.follower_id,
    listedOn: r.listed_on,
    reports: r.reports,
    yearEnd:
      r.last_year === null
        ? null
        : yearEndHeadcount(r.last_year - 1, r.december, { baseYear: r.base_year, baseHeadcount: r.base_headcount }),
  }));
}

/** Key enterprises taken off the list (their open warnings about reports no longer apply). */
export async function delistedEnterpriseIds(db: Queryable, enterpriseIds: readonly string[]): Promise<string[]> {
  if (enterpriseIds.length === 0) return [];
  const { rows } = await db.query<{ enterprise_id: string }>(
    `SELECT enterprise_id FROM key_enterprises WHERE NOT listed AND enterprise_id = ANY($1::uuid[])`,
    [enterpriseIds],
  );
  return rows.map((r) => r.enterprise_id);
}
