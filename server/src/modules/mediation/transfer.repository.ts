import type { Queryable } from '../../db/pool.js';
import {
  type MediatorFilter,
  type MediatorRow,
  mediatorWhere,
  type OrgFilter,
  type OrgRow,
  orgWhere,
  SELECT_MEDIATOR,
  SELECT_ORG,
} from './mediation.repository.js';

// The SQL of the registers' import and export (附件3 调解组织, 附件4 调解员). Every read takes the region codes it may
// see; the lookups by key are only ever handed keys whose region the caller holds.

/** An organisation's natural key: one name per region (mediation_orgs_name_idx). */
export const orgKeyOf = (regionCode: string, name: string) => `${regionCode}\u0000${name}`;

/** Organisations by (region, name); `lock` takes them FOR UPDATE (inside the import's transaction). */
export async function orgsByKeys(
  db: Queryable,
  keys: readonly { regionCode: string; name: string }[],
  lock = false,
): Promise<Map<string, OrgRow>> {
  if (keys.length === 0) return new Map();
  const { rows } = await db.query<OrgRow>(
    `${SELECT_ORG}
      WHERE (o.region_code, o.name) IN (SELECT * FROM unnest($1::text[], $2::text[]))${lock ? ' FOR UPDATE OF o' : ''}`,
    [keys.map((k) => k.regionCode), keys.map((k) => k.name)],
  );
  return new Map(rows.map((r) => [orgKeyOf(r.region_code, r.name), r]));
}

export interface OrgRef {
  id: string;
  region_code: string;
  name: string;
}

/**
 * The organisations of these names within the region codes: a mediator's row names its organisation. `lock` keeps
 * them from being renamed or moved while the import writes (FOR SHARE).
 */
export async function orgsNamed(
  db: Queryable,
  regionCodes: readonly string[],
  names: readonly string[],
  lock = false,
): Promise<OrgRef[]> {
  if (names.length === 0 || regionCodes.length === 0) return [];
  const { rows } = await db.query<OrgRef>(
    `SELECT o.id, o.region_code, o.name FROM mediation_orgs o
      WHERE o.name = ANY($1::text[]) AND o.region_code = ANY($2::text[])
      ORDER BY o.region_code, o.id${lock ? ' FOR SHARE' : ''}`,
    [names, regionCodes],
  );
  return rows;
}

/** Every mediator of these organisations (active or not); `lock` takes them FOR UPDATE. */
export async function mediatorsOfOrgs(db: Queryable, orgIds: readonly string[], lock = false): Promise<MediatorRow[]> {
  if (orgIds.length === 0) return [];
  const { rows } = await db.query<MediatorRow>(
    `${SELECT_MEDIATOR} WHERE m.org_id = ANY($1::uuid[]) ORDER BY m.created_at, m.id${lock ? ' FOR UPDATE OF m' : ''}`,
    [orgIds],
  );
  return rows;
}

/** The organisations' export: the list's filter, in the list's order. */
export function orgExportQuery(f: Omit<OrgFilter, 'page' | 'pageSize'>): { sql: string; params: unknown[] } {
  const { sql, params } = orgWhere(f);
  return { sql: `${SELECT_ORG} WHERE ${sql} ORDER BY o.region_code, o.name, o.id`, params };
}

/** The mediators' export: the list's filter, by region and organisation, then name. */
export function mediatorExportQuery(f: Omit<MediatorFilter, 'page' | 'pageSize'>): {
  sql: string;
  params: unknown[];
} {
  const { sql, params } = mediatorWhere(f);
  return { sql: `${SELECT_MEDIATOR} WHERE ${sql} ORDER BY m.region_code, o.name, m.name, m.id`, params };
}
