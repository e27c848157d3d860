import type { FilingStatus, MediationOrgType } from '@hexie/core';
import type { Queryable } from '../../db/pool.js';

// All SQL of the mediation registers. Every read takes the region codes it may see.

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export interface OrgRow {
  id: string;
  region_code: string;
  name: string;
  type: MediationOrgType;
  address: string | null;
  has_office: boolean;
  has_sign: boolean;
  rules_posted: boolean;
  filing_status: FilingStatus;
  filed_on: string | null;
  contact_name: string | null;
  contact_phone: string | null;
  active: boolean;
  active_mediators: number;
  version: number;
  updated_at: Date;
}

/** The stored fields of an organisation, in the API's names. */
export type OrgRecord = {
  name: string;
  type: MediationOrgType;
  regionCode: string;
  address: string | null;
  hasOffice: boolean;
  hasSign: boolean;
  rulesPosted: boolean;
  filingStatus: FilingStatus;
  filedOn: string | null;
  contactName: string | null;
  contactPhone: string | null;
  active: boolean;
};

const ORG_COLUMNS: [keyof OrgRecord, string][] = [
  ['name', 'name'],
  ['type', 'type'],
  ['regionCode', 'region_code'],
  ['address', 'address'],
  ['hasOffice', 'has_office'],
  ['hasSign', 'has_sign'],
  ['rulesPosted', 'rules_posted'],
  ['filingStatus', 'filing_status'],
  ['filedOn', 'filed_on'],
  ['contactName', 'contact_name'],
  ['contactPhone', 'contact_phone'],
  ['active', 'active'],
];

const SELECT_ORG = `SELECT o.id, o.region_code, o.name, o.type, o.address, o.has_office, o.has_sign, o.rules_posted,
    o.filing_status, to_char(o.filed_on, 'YYYY-MM-DD') AS filed_on, o.contact_name, o.contact_phone, o.active,
    (SELECT count(*)::int FROM mediators m WHERE m.org_id = o.id AND m.active) AS active_mediators,
    o.version, o.updated_at
  FROM mediation_orgs o`;

/** The standard's mediator test in SQL, for the list's filter (orgStandard in core says the same). */
const STANDARD_MET = `(o.has_office AND o.has_sign AND o.rules_posted
  AND EXISTS (SELECT 1 FROM mediators m WHERE m.org_id = o.id AND m.active))`;

export interface OrgFilter {
  regionCodes: readonly string[];
  q?: string | undefined;
  type?: MediationOrgType | undefined;
  filingStatus?: FilingStatus | undefined;
  standardMet?: boolean | undefined;
  active?: boolean | undefined;
  page: number;
  pageSize: number;
}

export async function listOrgs(db: Queryable, f: OrgFilter): Promise<{ rows: OrgRow[]; total: number }> {
  if (f.regionCodes.length === 0) return { rows: [], total: 0 };
  const params: unknown[] = [f.regionCodes];
  const where = ['o.region_code = ANY($1::text[])'];
  const add = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  if (f.q) where.push(`o.name LIKE ${add(`%${escapeLike(f.q)}%`)}`);
  if (f.type) where.push(`o.type = ${add(f.type)}`);
  if (f.filingStatus) where.push(`o.filing_status = ${add(f.filingStatus)}`);
  if (f.standardMet !== undefined) where.push(f.standardMet ? STANDARD_MET : `NOT ${STANDARD_MET}`);
  if (f.active !== undefined) where.push(`o.active = ${add(f.active)}`);
  const sql = where.join(' AND ');
  const filterParams = [...params];
  const pageSql = `${SELECT_ORG} WHERE ${sql} ORDER BY o.region_code, o.name, o.id
    LIMIT ${add(f.pageSize)} OFFSET ${add((f.page - 1) * f.pageSize)}`;
  const [count, page] = await Promise.all([
    db.query<{ n: number }>(`SELECT count(*)::int AS n FROM mediation_orgs o WHERE ${sql}`, filterParams),
    db.query<OrgRow>(pageSql, params),
  ]);
  return { rows: page.rows, total: count.rows[0]?.n ?? 0 };
}

export async function getOrg(
  db: Queryable,
  regionCodes: readonly string[],
  id: string,
  forUpdate = false,
): Promise<OrgRow | undefined> {
  const { rows } = await db.query<OrgRow>(
    `${SELECT_ORG} WHERE o.id = $1 AND o.region_code = ANY($2::text[])${forUpdate ? ' FOR UPDATE OF o' : ''}`,
    [id, regionCodes],
  );
  return rows[0];
}

export async function insertOrg(db: Queryable, r: OrgRecord): Promise<string> {
  const cols = ORG_COLUMNS.map(([, c]) => c);
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO mediation_orgs (${cols.join(', ')}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING id`,
    ORG_COLUMNS.map(([k]) => r[k]),
  );
  return (rows[0] as { id: string }).id;
}

export async function updateOrg(db: Queryable, id: string, r: OrgRecord): Promise<void> {
  await db.query(
    `UPDATE mediation_orgs SET ${ORG_COLUMNS.map(([, c], i) => `${c} = $${i + 2}`).join(', ')},
            version = version + 1, updated_at = now()
      WHERE id = $1`,
    [id, ...ORG_COLUMNS.map(([k]) => r[k])],
  );
}
