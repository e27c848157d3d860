import {
  type LayoffPlan,
  type LayoffPlanEvaluation,
  type LayoffPlanFacts,
  type LayoffPlanRecord,
  type LayoffPlanSummary,
  maskIdNumber,
  type ParameterUsed,
} from '@hexie/core';
import type { Regions } from '../../platform/regions.js';
import type { PlanRow, StaffRecord, StaffRow } from './layoffs.repository.js';

const num = (v: string | null): number | null => (v === null ? null : Number(v));

/** The stored fields of a plan, in the API's names. */
export function recordOf(r: PlanRow): LayoffPlanRecord {
  return {
    year: r.year,
    employees: r.employees,
    plannedLayoffs: r.planned_layoffs,
    doneLayoffs: r.done_layoffs,
    positions: r.positions,
    ground: r.ground,
    plannedOn: r.planned_on,
    explainedOn: r.explained_on,
    reportedOn: r.reported_on,
    wagesSettled: r.wages_settled,
    wageArrears: num(r.wage_arrears),
    severanceStandard: r.severance_standard,
    severanceNote: r.severance_note,
    fundsAvailable: Number(r.funds_available),
    averageMonthlyWage: num(r.average_monthly_wage),
    averageServiceMonths: r.average_service_months,
    localAverageMonthlyWage: num(r.local_average_monthly_wage),
    minimumWage: num(r.minimum_wage),
    note: r.note,
  };
}

export function staffRecordOf(s: StaffRow): StaffRecord {
  return {
    name: s.name,
    idNumber: s.id_number,
    position: s.position,
    serviceStart: s.service_start,
    averageMonthlyWage: Number(s.average_monthly_wage),
    protectedGround: s.protected_ground,
  };
}

/** The audit log keeps who was on the list, never a whole ID number. */
export function auditableStaff(s: Partial<StaffRecord>): Partial<StaffRecord> {
  return s.idNumber ? { ...s, idNumber: maskIdNumber(s.idNumber) } : s;
}

/** What core's rules look at. */
export function factsOf(r: LayoffPlanRecord, staff: readonly StaffRecord[]): LayoffPlanFacts {
  return {
    employees: r.employees,
    plannedLayoffs: r.plannedLayoffs,
    doneLayoffs: r.doneLayoffs,
    plannedOn: r.plannedOn,
    explainedOn: r.explainedOn,
    reportedOn: r.reportedOn,
    wagesSettled: r.wagesSettled,
    wageArrears: r.wageArrears,
    fundsAvailable: r.fundsAvailable,
    averageMonthlyWage: r.averageMonthlyWage,
    averageServiceMonths: r.averageServiceMonths,
    staff: staff.map((s) => ({
      averageMonthlyWage: s.averageMonthlyWage,
      serviceStart: s.serviceStart,
      protectedGround: s.protectedGround,
    })),
  };
}

export function presentSummary(
  regions: Regions,
  r: PlanRow,
  ev: LayoffPlanEvaluation,
  staffCount: number,
): LayoffPlanSummary {
  const rec = recordOf(r);
  return {
    id: r.id,
    enterpriseId: r.enterprise_id,
    enterpriseName: r.enterprise_name,
    creditCode: r.credit_code,
    regionCode: r.region_code,
    regionName: regions.fullName(r.region_code),
    year: rec.year,
    employees: rec.employees,
    plannedLayoffs: rec.plannedLayoffs,
    doneLayoffs: rec.doneLayoffs,
    ground: rec.ground,
    plannedOn: rec.plannedOn,
    explainedOn: rec.explainedOn,
    reportedOn: rec.reportedOn,
    wagesSettled: rec.wagesSettled,
    wageArrears: rec.wageArrears,
    fundsAvailable: rec.fundsAvailable,
    staffCount,
    protectedCount: ev.protectedCount,
    art41Applies: ev.check.art41Applies,
    share: ev.check.share,
    steps: ev.steps,
    explainBy: ev.explainBy,
    severanceTotal: ev.ability?.severanceTotal ?? null,
    ratio: ev.ability?.ratio ?? null,
    rating: ev.ability?.rating ?? null,
    warnings: ev.warnings,
    version: r.version,
    updatedAt: r.updated_at.toISOString(),
  };
}

/** One plan with its list: every person's ID number masked (the list is read by many; nobody needs it whole here). */
export function presentPlan(
  regions: Regions,
  r: PlanRow,
  staff: readonly StaffRow[],
  ev: LayoffPlanEvaluation,
  parameters: { localAverageMonthlyWage: ParameterUsed; minimumWage: ParameterUsed } | null,
): LayoffPlan {
  const rec = recordOf(r);
  return {
    ...presentSummary(regions, r, ev, staff.length),
    positions: rec.positions,
    severanceStandard: rec.severanceStandard,
    severanceNote: rec.severanceNote,
    averageMonthlyWage: rec.averageMonthlyWage,
    averageServiceMonths: rec.averageServiceMonths,
    localAverageMonthlyWage: rec.localAverageMonthlyWage,
    minimumWage: rec.minimumWage,
    note: rec.note,
    check: ev.check,
    ability: ev.ability,
    parameters,
    staff: staff.map((s, i) => ({
      id: s.id,
      name: s.name,
      idNumber: maskIdNumber(s.id_number),
      position: s.position,
      serviceStart: s.service_start,
      averageMonthlyWage: Number(s.average_monthly_wage),
      protectedGround: s.protected_ground,
      severance: ev.staffSeverance[i] ?? null,
    })),
    recordedBy: r.recorded_by_name,
    createdAt: r.created_at.toISOString(),
  };
}
