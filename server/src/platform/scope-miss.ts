import { audit } from './audit.js';
import type { ServiceContext } from './context.js';
import { AppError } from './errors.js';

/** Tables whose rows carry `id` and `region_code`; new region-scoped tables are added here. */
const SCOPED_TABLES = {
  user: 'users',
  enterprise: 'enterprises',
  notice: 'notices',
  import: 'imports',
  service_expert: 'service_experts',
  service_record: 'service_records',
  mediation_org: 'mediation_orgs',
  mediation_case: 'mediation_cases',
  mediator: 'mediators',
  wage_parameter: 'wage_parameters',
  key_enterprise: 'key_enterprises',
  key_enterprise_policy: 'key_enterprise_policies',
  key_enterprise_guidance: 'key_enterprise_guidance',
  collective_consultation: 'collective_consultations',
  employment_report: 'employment_reports',
  layoff_plan: 'layoff_plans',
  early_warning: 'early_warnings',
} as const;
export type ScopedEntity = keyof typeof SCOPED_TABLES;

/**
 * What a repository miss answers: 404, whether the record is missing or in a region the caller may not see,
 * so nothing about other regions leaks. When the record does exist elsewhere the attempt is audited
 * (`access.out_of_scope`, denied) on the pool, outside any transaction the caller is about to roll back.
 */
export async function notFoundInScope(ctx: ServiceContext, entity: ScopedEntity, id: string): Promise<AppError> {
  const { rows } = await ctx.db.query<{ region_code: string }>(
    `SELECT region_code FROM ${SCOPED_TABLES[entity]} WHERE id = $1`,
    [id],
  );
  const row = rows[0];
  if (row && !ctx.scope.includes(row.region_code)) {
    await audit(ctx.db, ctx, {
      action: 'access.out_of_scope',
      entityType: entity,
      entityId: id,
      result: 'denied',
      details: { recordRegion: row.region_code },
    });
  }
  return new AppError('not_found');
}
