import { averageWageStale, type ParameterUsed, type WageParameter } from '@hexie/core';
import type { Regions } from '../../platform/regions.js';
import type { WageParameterRow } from './parameters.repository.js';

const num = (v: string | null) => (v === null ? null : Number(v));

/** A row as the administrator's list shows it. */
export function presentWageParameter(regions: Regions, r: WageParameterRow): WageParameter {
  return {
    id: r.id,
    kind: r.kind,
    regionCode: r.region_code,
    regionName: regions.fullName(r.region_code),
    tier: r.tier,
    monthlyAmount: Number(r.monthly_amount),
    hourlyAmount: num(r.hourly_amount),
    statYear: r.stat_year,
    effectiveFrom: r.effective_from,
    effectiveTo: r.effective_to,
    basis: r.basis,
    status: r.status,
    createdAt: r.created_at.toISOString(),
    endReason: r.end_reason,
  };
}

/** A figure a calculation took from a row, on `date`. */
export function presentUsed(regions: Regions, r: WageParameterRow, date: string): ParameterUsed {
  return {
    value: Number(r.monthly_amount),
    source: 'table',
    regionCode: r.region_code,
    regionName: regions.fullName(r.region_code),
    effectiveFrom: r.effective_from,
    basis: r.basis,
    tier: r.tier,
    statYear: r.stat_year,
    stale: r.kind === 'average_wage' && averageWageStale(r.stat_year, date),
  };
}

/** A figure the caller gave. */
export function presentInput(value: number): ParameterUsed {
  return {
    value,
    source: 'input',
    regionCode: null,
    regionName: null,
    effectiveFrom: null,
    basis: null,
    tier: null,
    statYear: null,
    stale: false,
  };
}
