import {
  type CollectiveConsultation,
  type EmploymentReport,
  findIndustry,
  headcountChange,
  type KeyEnterprise,
  type KeyGuidance,
  type KeyListing,
  type KeyPolicy,
  reportConsistency,
  type Separations,
  separationsTotal,
  yearEndHeadcount,
} from '@hexie/core';
import type { Regions } from '../../platform/regions.js';
import type * as repo from './employment.repository.js';

// What a caller sees of the ledger and the reports: never a row as stored. Nothing here is personal data (the
// follower is a colleague's name; the register's contact phone is not part of the ledger).

export function presentListing(l: repo.ListingRow): KeyListing {
  return {
    id: l.id,
    listedOn: l.listed_on,
    reasons: l.reasons,
    note: l.note,
    listedBy: l.listed_by_name,
    delistedOn: l.delisted_on,
    delistReason: l.delist_reason,
    delistedBy: l.delisted_by_name,
  };
}

/** One line of the ledger: 上年底职工数 and the change since computed by core from the reports and the record. */
export function presentLedger(regions: Regions, r: repo.LedgerRow, lastYear: number): KeyEnterprise {
  const lastYearEnd = yearEndHeadcount(lastYear, r.december_headcount, {
    baseYear: r.base_year,
    baseHeadcount: r.base_headcount,
  });
  const current =
    r.current_month !== null && r.current_headcount !== null
      ? { month: r.current_month, headcount: r.current_headcount }
      : null;
  return {
    id: r.id,
    enterpriseId: r.enterprise_id,
    enterpriseName: r.enterprise_name,
    creditCode: r.credit_code,
    industryCode: r.industry_code,
    industryName: findIndustry(r.industry_code)?.name ?? r.industry_code,
    regionCode: r.region_code,
    regionName: regions.fullName(r.region_code),
    listed: r.listed,
    listing: presentListing({
      id: r.listing_id,
      listed_on: r.listed_on,
      reasons: r.reasons,
      note: r.listing_note,
      listed_by_name: r.listed_by_name,
      delisted_on: r.delisted_on,
      delist_reason: r.delist_reason,
      delisted_by_name: r.delisted_by_name,
    }),
    lastYearEnd,
    current,
    change: headcountChange(lastYearEnd?.headcount ?? null, current?.headcount ?? null),
    follower: r.follower_id && r.follower_name ? { id: r.follower_id, name: r.follower_name } : null,
    policies: { count: r.policy_count, total: Number(r.policy_total) },
    lastGuidedOn: r.last_guided_on,
    note: r.note,
    baseHeadcount: r.base_headcount,
    baseYear: r.base_year,
    version: r.version,
    updatedAt: r.updated_at.toISOString(),
  };
}

export const separationsOf = (r: repo.ReportRow): Separations => ({
  resigned: r.separated_resigned,
  dismissed: r.separated_dismissed,
  contractEnded: r.separated_contract_ended,
  retired: r.separated_retired,
  other: r.separated_other,
});

/** A monthly report, checked against the previous month's (core's reportConsistency). */
export function presentReport(regions: Regions, r: repo.ReportRow): EmploymentReport {
  const separations = separationsOf(r);
  return {
    id: r.id,
    enterpriseId: r.enterprise_id,
    enterpriseName: r.enterprise_name,
    regionCode: r.region_code,
    regionName: regions.fullName(r.region_code),
    month: r.month,
    headcount: r.headcount,
    hires: r.hires,
    separations,
    separationsTotal: separationsTotal(separations),
    consistency: reportConsistency(r.previous_headcount, { headcount: r.headcount, hires: r.hires, separations }),
    source: r.source,
    late: r.late,
    note: r.note,
    submittedAt: r.submitted_at.toISOString(),
    submittedBy: r.submitted_by_name,
    version: r.version,
  };
}

export const presentPolicy = (p: repo.PolicyRow): KeyPolicy => ({
  id: p.id,
  kind: p.kind,
  amount: Number(p.amount),
  grantedOn: p.granted_on,
  note: p.note,
  version: p.version,
});

export const presentGuidance = (g: repo.GuidanceRow): KeyGuidance => ({
  id: g.id,
  guidedOn: g.guided_on,
  guidedBy: g.guided_by,
  content: g.content,
  version: g.version,
});

export const presentConsultation = (c: repo.ConsultationRow): CollectiveConsultation => ({
  id: c.id,
  heldOn: c.held_on,
  topics: c.topics,
  participants: c.participants,
  result: c.result,
  agreementReached: c.agreement_reached,
  agreementSummary: c.agreement_summary,
  version: c.version,
});
