import {
  type CaseSource,
  type CaseStatus,
  countCapOf,
  type DisputeType,
  type FilingStatus,
  type MediationOrgType,
  OPEN_STATUSES,
} from '@hexie/core';
import type { Queryable } from '../../db/pool.js';
import { escapeLike } from '../../platform/fields.js';

// All SQL of the mediation registers. Every read takes the region codes it may see.

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

export const SELECT_ORG = `SELECT o.id, o.region_code, o.name, o.type, o.address, o.has_office, o.has_sign, o.rules_posted,
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

/** The list's filter as SQL over `mediation_orgs o` (the list and the export share it). */
export function orgWhere(f: Omit<OrgFilter, 'page' | 'pageSize'>): { sql: string; params: unknown[] } {
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
  return { sql: where.join(' AND '), params };
}

export async function listOrgs(db: Queryable, f: OrgFilter): Promise<{ rows: OrgRow[]; total: number }> {
  if (f.regionCodes.length === 0) return { rows: [], total: 0 };
  const { sql, params } = orgWhere(f);
  const add = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
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

// ——— 调解案件 ———

export interface CaseRow {
  id: string;
  tracking_code: string;
  org_id: string;
  org_name: string;
  region_code: string;
  source: CaseSource;
  entrusted_ref: string | null;
  applicant_name: string;
  applicant_id_number: string;
  applicant_phone: string;
  respondent_name: string;
  respondent_credit_code: string | null;
  dispute_types: DisputeType[];
  claim_amount: string | null;
  facts: string;
  status: CaseStatus;
  received_on: string;
  acceptance_due: string;
  mediation_due: string;
  extension_days: number;
  effective_due: string;
  calendar_missing: boolean;
  extension: { days: number; applicantConsentOn: string; respondentConsentOn: string } | null;
  accepted_on: string | null;
  closed_on: string | null;
  outcome_note: string | null;
  agreement: { terms: string; performanceDeadline: string; effectiveOn: string; reviewDue: string } | null;
  version: number;
}

const day = (col: string) => `to_char(c.${col}, 'YYYY-MM-DD') AS ${col}`;
const SELECT_CASE = `SELECT c.id, c.tracking_code, c.org_id, o.name AS org_name, c.region_code, c.source, c.entrusted_ref,
    c.applicant_name, c.applicant_id_number, c.applicant_phone, c.respondent_name, c.respondent_credit_code,
    c.dispute_types, c.claim_amount, c.facts, c.status, ${day('received_on')}, ${day('acceptance_due')},
    ${day('mediation_due')}, c.extension_days, ${day('effective_due')}, c.calendar_missing, c.extension,
    ${day('accepted_on')}, ${day('closed_on')}, c.outcome_note, c.agreement, c.version
  FROM mediation_cases c JOIN mediation_orgs o ON o.id = c.org_id`;

export interface NewCase {
  trackingCode: string;
  orgId: string;
  regionCode: string;
  source: CaseSource;
  entrustedRef: string | null;
  applicant: { name: string; idNumber: string; phone: string };
  respondent: { name: string; creditCode: string | null };
  disputeTypes: DisputeType[];
  claimAmount: number | null;
  facts: string;
  receivedOn: string;
  acceptanceDue: string;
  mediationDue: string;
  calendarMissing: boolean;
  createdBy: string | null;
}

export async function insertCase(db: Queryable, c: NewCase): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO mediation_cases (tracking_code, org_id, region_code, source, entrusted_ref, applicant_name,
       applicant_id_number, applicant_phone, respondent_name, respondent_credit_code, dispute_types, claim_amount,
       facts, received_on, acceptance_due, mediation_due, effective_due, calendar_missing, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16, $17, $18) RETURNING id`,
    [
      c.trackingCode,
      c.orgId,
      c.regionCode,
      c.source,
      c.entrustedRef,
      c.applicant.name,
      c.applicant.idNumber,
      c.applicant.phone,
      c.respondent.name,
      c.respondent.creditCode,
      c.disputeTypes,
      c.claimAmount,
      c.facts,
      c.receivedOn,
      c.acceptanceDue,
      c.mediationDue,
      c.calendarMissing,
      c.createdBy,
    ],
  );
  return (rows[0] as { id: string }).id;
}

export async function getCase(
  db: Queryable,
  regionCodes: readonly string[],
  id: string,
  forUpdate = false,
): Promise<CaseRow | undefined> {
  const { rows } = await db.query<CaseRow>(
    `${SELECT_CASE} WHERE c.id = $1 AND c.region_code = ANY($2::text[])${forUpdate ? ' FOR UPDATE OF c' : ''}`,
    [id, regionCodes],
  );
  return rows[0];
}

export async function caseByTrackingCode(db: Queryable, code: string): Promise<CaseRow | undefined> {
  const { rows } = await db.query<CaseRow>(`${SELECT_CASE} WHERE c.tracking_code = $1`, [code]);
  return rows[0];
}

export interface CaseFilter {
  regionCodes: readonly string[];
  q?: string | undefined;
  status?: CaseStatus | undefined;
  open?: boolean | undefined;
  /** open cases whose pending deadline is on or before this day (due soon: today + warning days) */
  dueBy?: string | undefined;
  /** open cases whose pending deadline is before this day (overdue: today) */
  dueBefore?: string | undefined;
  orgId?: string | undefined;
  page: number;
  pageSize: number;
}

/** The deadline an open case waits on, in SQL (pendingDeadline in core says the same). */
const PENDING_DUE = `CASE c.status WHEN 'received' THEN c.acceptance_due ELSE c.effective_due END`;
/** An open case in SQL: core's OPEN_STATUSES written out, as the partial indexes' predicates are (020). */
const OPEN = `c.status IN (${OPEN_STATUSES.map((st) => `'${st}'`).join(', ')})`;

/**
 * What the inbox's q searches, as indexed by mediation_cases_search_idx (020; the same expression): the characters
 * and pairs of the tracking code and both parties' names, with the region tokens '@' + region and '@' + prefecture.
 */
const SEARCH_GRAMS = `(hx_grams(c.tracking_code || ' ' || c.applicant_name || ' ' || c.respondent_name)
    || ARRAY['@' || c.region_code, '@' || left(c.region_code, 4) || '00'])`;

/**
 * The token every code of a scope carries: a single region's own, or the prefecture's when all share its first
 * four digits (a city); none for the province. It only narrows the search; the exact region test stays.
 */
function scopeToken(codes: readonly string[]): string[] {
  const [first] = codes;
  if (!first) return [];
  if (codes.length === 1) return [`@${first}`];
  const prefecture = first.slice(0, 4);
  return codes.every((c) => c.startsWith(prefecture)) ? [`@${prefecture}00`] : [];
}

/**
 * The inbox: open cases first by the deadline they wait on, then the closed ones newest first. Each part is read
 * in its own order from its index (020) and only a page of each is taken, so a city's first page does not sort
 * its 350,000 cases; the count stops at core's cap (totalCapped), as for the other large ledgers.
 */
export async function listCases(
  db: Queryable,
  f: CaseFilter,
): Promise<{ rows: CaseRow[]; total: number; totalCapped: boolean }> {
  if (f.regionCodes.length === 0) return { rows: [], total: 0, totalCapped: false };
  const params: unknown[] = [f.regionCodes];
  const where = ['c.region_code = ANY($1::text[])'];
  const add = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  if (f.q) {
    const q = f.q.toUpperCase();
    const like = add(`%${escapeLike(q)}%`);
    // The grams narrow through the GIN index (with the scope's token), LIKE confirms the substring.
    where.push(
      `${SEARCH_GRAMS} @> (hx_query_grams(${add(q)}) || ${add(scopeToken(f.regionCodes))}::text[])
        AND (upper(c.tracking_code) LIKE ${like} OR c.applicant_name LIKE ${like} OR c.respondent_name LIKE ${like})`,
    );
  }
  if (f.status) where.push(`c.status = ${add(f.status)}`);
  if (f.open !== undefined) where.push(f.open ? OPEN : `NOT ${OPEN}`);
  if (f.dueBy) where.push(`${OPEN} AND ${PENDING_DUE} <= ${add(f.dueBy)}::date`);
  if (f.dueBefore) where.push(`${OPEN} AND ${PENDING_DUE} < ${add(f.dueBefore)}::date`);
  if (f.orgId) where.push(`c.org_id = ${add(f.orgId)}`);
  const sql = where.join(' AND ');
  const filterParams = [...params];
  const mayBeOpen = f.open !== false && (!f.status || OPEN_STATUSES.includes(f.status));
  const mayBeClosed = f.open !== true && !f.dueBy && !f.dueBefore && (!f.status || !OPEN_STATUSES.includes(f.status));
  if (!mayBeOpen && !mayBeClosed) return { rows: [], total: 0, totalCapped: false };
  const limit = add(f.pageSize);
  const offset = add((f.page - 1) * f.pageSize);
  const upTo = add(f.page * f.pageSize);
  // Open cases first, nearest deadline first; then the closed, newest first: the ids of the page, then its rows.
  const parts = [
    mayBeOpen
      ? `(SELECT c.id, true AS open, ${PENDING_DUE} AS due, c.received_on FROM mediation_cases c
          WHERE ${sql} AND ${OPEN} ORDER BY ${PENDING_DUE}, c.received_on DESC, c.id DESC LIMIT ${upTo})`
      : '',
    mayBeClosed
      ? `(SELECT c.id, false AS open, NULL::date AS due, c.received_on FROM mediation_cases c
          WHERE ${sql} AND NOT ${OPEN} ORDER BY c.received_on DESC, c.id DESC LIMIT ${upTo})`
      : '',
  ].filter(Boolean);
  const pageSql = `WITH page AS (
      SELECT * FROM (${parts.join(' UNION ALL ')}) p
       ORDER BY p.open DESC, p.due, p.received_on DESC, p.id DESC LIMIT ${limit} OFFSET ${offset})
    ${SELECT_CASE} JOIN page p ON p.id = c.id
    ORDER BY p.open DESC, p.due, p.received_on DESC, p.id DESC`;
  const cap = countCapOf(f);
  const [count, page] = await Promise.all([
    db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM (SELECT 1 FROM mediation_cases c WHERE ${sql} LIMIT ${cap + 1}) s`,
      filterParams,
    ),
    db.query<CaseRow>(pageSql, params),
  ]);
  const n = count.rows[0]?.n ?? 0;
  return { rows: page.rows, total: Math.min(n, cap), totalCapped: n > cap };
}

export async function updateCaseStatus(
  db: Queryable,
  id: string,
  set: {
    status: CaseStatus;
    acceptedOn?: string;
    closedOn?: string;
    outcomeNote?: string | null;
    agreement?: Record<string, unknown> | null;
  },
): Promise<void> {
  await db.query(
    `UPDATE mediation_cases SET status = $2, accepted_on = coalesce($3::date, accepted_on),
            closed_on = coalesce($4::date, closed_on), outcome_note = coalesce($5, outcome_note),
            agreement = coalesce($6, agreement), version = version + 1, updated_at = now()
      WHERE id = $1`,
    [id, set.status, set.acceptedOn ?? null, set.closedOn ?? null, set.outcomeNote ?? null, set.agreement ?? null],
  );
}

export async function extendCase(
  db: Queryable,
  id: string,
  days: number,
  effectiveDue: string,
  extension: Record<string, unknown>,
): Promise<void> {
  await db.query(
    `UPDATE mediation_cases SET extension_days = $2, effective_due = $3, extension = $4,
            version = version + 1, updated_at = now()
      WHERE id = $1`,
    [id, days, effectiveDue, extension],
  );
}

export interface EventRow {
  at: Date;
  event: string;
  from_status: CaseStatus | null;
  to_status: CaseStatus;
  actor_name: string | null;
  note: string | null;
  session: { heldOn: string; mediatorName: string; participants: string; record: string } | null;
}

export async function addEvent(
  db: Queryable,
  e: {
    caseId: string;
    actorId: string | null;
    event: string;
    from: CaseStatus | null;
    to: CaseStatus;
    note?: string | null;
    session?: Record<string, unknown> | null;
  },
): Promise<void> {
  await db.query(
    `INSERT INTO mediation_case_events (case_id, actor_id, event, from_status, to_status, note, session)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [e.caseId, e.actorId, e.event, e.from, e.to, e.note ?? null, e.session ?? null],
  );
}

export async function eventsOf(db: Queryable, caseId: string): Promise<EventRow[]> {
  const { rows } = await db.query<EventRow>(
    `SELECT e.at, e.event, e.from_status, e.to_status, u.display_name AS actor_name, e.note, e.session
       FROM mediation_case_events e LEFT JOIN users u ON u.id = e.actor_id
      WHERE e.case_id = $1 ORDER BY e.id`,
    [caseId],
  );
  return rows;
}

/** The organisation an application goes to: the one chosen if active, else the region's nearest. */
export async function activeOrg(
  db: Queryable,
  id: string,
): Promise<{ id: string; name: string; region_code: string } | undefined> {
  const { rows } = await db.query<{ id: string; name: string; region_code: string }>(
    'SELECT id, name, region_code FROM mediation_orgs WHERE id = $1 AND active',
    [id],
  );
  return rows[0];
}

/** The first active organisation of the nearest region in `lineage` (the region itself first), township ones first. */
export async function orgForRegion(
  db: Queryable,
  lineage: readonly string[],
): Promise<{ id: string; name: string; region_code: string } | undefined> {
  const { rows } = await db.query<{ id: string; name: string; region_code: string }>(
    `SELECT id, name, region_code FROM mediation_orgs
      WHERE active AND region_code = ANY($1::text[])
      ORDER BY array_position($1::text[], region_code), (type = 'township_street') DESC, name, id
      LIMIT 1`,
    [lineage],
  );
  return rows[0];
}

// ——— statistics ———

export interface StatsGroupRow {
  region_code: string;
  org_id: string;
  org_name: string;
  received: number;
  accepted: number;
  rejected: number;
  agreement: number;
  failed: number;
  withdrawn: number;
  overdue: number;
  open: number;
  closed_days: number;
  closed_count: number;
  claim_amount: number;
}

const CONCLUDED = `c.status IN ('agreement', 'failed', 'overdue')`;

/**
 * The counts of the cases received in a period, by region and organisation (the service sums them into its rows),
 * by dispute type and by month: each read from the index of (region_code, received_on) alone, which carries the
 * columns counted (020), never the whole table. Rows are grouped by their own columns first (organisation, the
 * array of types, the day) and only those groups are named, unnested or turned into months: per row that is a
 * third of the work of joining, unnesting and formatting every case. An open case past its deadline counts as
 * overdue, not open (DOMAIN-RULES §2).
 */
export async function statsGroups(
  db: Queryable,
  f: { regionCodes: readonly string[]; from: string; to: string; today: string },
): Promise<{
  groups: StatsGroupRow[];
  types: { type: DisputeType; cases: number }[];
  monthly: { month: string; received: number; agreement: number }[];
}> {
  const where = 'c.region_code = ANY($1::text[]) AND c.received_on BETWEEN $2::date AND $3::date';
  const params = [f.regionCodes, f.from, f.to];
  const pastDue = `(${OPEN} AND ${PENDING_DUE} < $4::date)`;
  const [groups, types, monthly] = await Promise.all([
    db.query<StatsGroupRow>(
      `SELECT g.*, o.name AS org_name FROM (
       SELECT c.region_code, c.org_id,
              count(*)::int AS received,
              count(*) FILTER (WHERE c.accepted_on IS NOT NULL)::int AS accepted,
              count(*) FILTER (WHERE c.status = 'rejected')::int AS rejected,
              count(*) FILTER (WHERE c.status = 'agreement')::int AS agreement,
              count(*) FILTER (WHERE c.status = 'failed')::int AS failed,
              count(*) FILTER (WHERE c.status = 'withdrawn')::int AS withdrawn,
              count(*) FILTER (WHERE c.status = 'overdue' OR ${pastDue})::int AS overdue,
              count(*) FILTER (WHERE ${OPEN} AND NOT ${pastDue})::int AS open,
              coalesce(sum(c.closed_on - c.received_on) FILTER (WHERE ${CONCLUDED}), 0)::int AS closed_days,
              count(*) FILTER (WHERE ${CONCLUDED} AND c.closed_on IS NOT NULL)::int AS closed_count,
              coalesce(sum(c.claim_amount), 0)::float8 AS claim_amount
         FROM mediation_cases c
        WHERE ${where}
        GROUP BY c.region_code, c.org_id) g
       JOIN mediation_orgs o ON o.id = g.org_id`,
      [...params, f.today],
    ),
    db.query<{ type: DisputeType; cases: number }>(
      `SELECT t AS type, sum(s.n)::int AS cases
         FROM (SELECT c.dispute_types, count(*) AS n FROM mediation_cases c WHERE ${where} GROUP BY 1) s,
              unnest(s.dispute_types) t
        GROUP BY t ORDER BY cases DESC, t`,
      params,
    ),
    db.query<{ month: string; received: number; agreement: number }>(
      `SELECT to_char(s.day, 'YYYY-MM') AS month, sum(s.received)::int AS received,
              sum(s.agreement)::int AS agreement
         FROM (SELECT c.received_on AS day, count(*) AS received,
                      count(*) FILTER (WHERE c.status = 'agreement') AS agreement
                 FROM mediation_cases c WHERE ${where} GROUP BY 1) s
        GROUP BY 1 ORDER BY 1`,
      params,
    ),
  ]);
  return { groups: groups.rows, types: types.rows, monthly: monthly.rows };
}

// ——— 调解员 ———

export interface MediatorRow {
  id: string;
  org_id: string;
  org_name: string;
  region_code: string;
  name: string;
  id_number: string | null;
  phone: string | null;
  full_time: boolean;
  trainings: { on: string; title: string; hours: number }[];
  active: boolean;
  version: number;
}

export type MediatorRecord = {
  name: string;
  idNumber: string | null;
  phone: string | null;
  fullTime: boolean;
  trainings: { on: string; title: string; hours: number }[];
  active: boolean;
};

export const SELECT_MEDIATOR = `SELECT m.id, m.org_id, o.name AS org_name, m.region_code, m.name, m.id_number, m.phone,
    m.full_time, m.trainings, m.active, m.version
  FROM mediators m JOIN mediation_orgs o ON o.id = m.org_id`;

export interface MediatorFilter {
  regionCodes: readonly string[];
  orgId?: string | undefined;
  q?: string | undefined;
  active?: boolean | undefined;
  /** only mediators of active organisations (the public roster) */
  orgActive?: boolean | undefined;
  page: number;
  pageSize: number;
}

/** The list's filter as SQL over `mediators m` (the list and the export share it). */
export function mediatorWhere(f: Omit<MediatorFilter, 'page' | 'pageSize'>): { sql: string; params: unknown[] } {
  const params: unknown[] = [f.regionCodes];
  const where = ['m.region_code = ANY($1::text[])'];
  const add = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  if (f.orgId) where.push(`m.org_id = ${add(f.orgId)}`);
  if (f.q) where.push(`m.name LIKE ${add(`%${escapeLike(f.q)}%`)}`);
  if (f.active !== undefined) where.push(`m.active = ${add(f.active)}`);
  if (f.orgActive) where.push('EXISTS (SELECT 1 FROM mediation_orgs a WHERE a.id = m.org_id AND a.active)');
  return { sql: where.join(' AND '), params };
}

export async function listMediators(db: Queryable, f: MediatorFilter): Promise<{ rows: MediatorRow[]; total: number }> {
  if (f.regionCodes.length === 0) return { rows: [], total: 0 };
  const { sql, params } = mediatorWhere(f);
  const add = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const filterParams = [...params];
  const pageSql = `${SELECT_MEDIATOR} WHERE ${sql} ORDER BY o.name, m.name, m.id
    LIMIT ${add(f.pageSize)} OFFSET ${add((f.page - 1) * f.pageSize)}`;
  const [count, page] = await Promise.all([
    db.query<{ n: number }>(`SELECT count(*)::int AS n FROM mediators m WHERE ${sql}`, filterParams),
    db.query<MediatorRow>(pageSql, params),
  ]);
  return { rows: page.rows, total: count.rows[0]?.n ?? 0 };
}

export async function getMediator(
  db: Queryable,
  regionCodes: readonly string[],
  id: string,
  forUpdate = false,
): Promise<MediatorRow | undefined> {
  const { rows } = await db.query<MediatorRow>(
    `${SELECT_MEDIATOR} WHERE m.id = $1 AND m.region_code = ANY($2::text[])${forUpdate ? ' FOR UPDATE OF m' : ''}`,
    [id, regionCodes],
  );
  return rows[0];
}

export async function insertMediator(
  db: Queryable,
  orgId: string,
  regionCode: string,
  r: MediatorRecord,
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO mediators (org_id, region_code, name, id_number, phone, full_time, trainings, active)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [orgId, regionCode, r.name, r.idNumber, r.phone, r.fullTime, JSON.stringify(r.trainings), r.active],
  );
  return (rows[0] as { id: string }).id;
}

export async function updateMediator(db: Queryable, id: string, r: MediatorRecord): Promise<void> {
  await db.query(
    `UPDATE mediators SET name = $2, id_number = $3, phone = $4, full_time = $5, trainings = $6, active = $7,
            version = version + 1, updated_at = now()
      WHERE id = $1`,
    [id, r.name, r.idNumber, r.phone, r.fullTime, JSON.stringify(r.trainings), r.active],
  );
}

export interface DueCaseRow {
  id: string;
  tracking_code: string;
  region_code: string;
  respondent_name: string;
  status: CaseStatus;
  acceptance_due: string;
  effective_due: string;
}

/**
 * Open cases of the whole province whose pending deadline is on or before `dueBy` (the warning scan: a system
 * job, not a caller, so no region scope). Read through mediation_cases_pending_due_idx (019).
 */
export async function openCasesDueBy(db: Queryable, dueBy: string): Promise<DueCaseRow[]> {
  const { rows } = await db.query<DueCaseRow>(
    `SELECT c.id, c.tracking_code, c.region_code, c.respondent_name, c.status, ${day('acceptance_due')},
            ${day('effective_due')}
       FROM mediation_cases c
      WHERE ${OPEN} AND ${PENDING_DUE} <= $1::date
      ORDER BY ${PENDING_DUE}, c.id`,
    [dueBy],
  );
  return rows;
}
