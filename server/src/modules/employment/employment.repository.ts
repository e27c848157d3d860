import type { ConsultationTopic, KeyReason, KeyStatus, PolicyKind, ReportSource } from '@hexie/core';
import type { Queryable } from '../../db/pool.js';

// All SQL of the key-enterprise ledger and the monthly employment reports. Every read takes the region codes it
// may see; a report is read only in the regions the caller sees, like the ledger line it belongs to.

// ——— the ledger ———

export interface LedgerRow {
  id: string;
  enterprise_id: string;
  region_code: string;
  listed: boolean;
  follower_id: string | null;
  follower_name: string | null;
  base_year: number | null;
  base_headcount: number | null;
  note: string | null;
  version: number;
  updated_at: Date;
  enterprise_name: string;
  credit_code: string;
  industry_code: string;
  listing_id: string;
  listed_on: string;
  reasons: KeyReason[];
  listing_note: string | null;
  listed_by_name: string | null;
  delisted_on: string | null;
  delist_reason: string | null;
  delisted_by_name: string | null;
  current_month: string | null;
  current_headcount: number | null;
  december_headcount: number | null;
  policy_count: number;
  policy_total: string;
  last_guided_on: string | null;
}

/** The export's row: the ledger line with the policies and the guidance written out (附件7's cells). */
export interface LedgerExportRow extends LedgerRow {
  policies_text: string | null;
  guidance_text: string | null;
}

export interface LedgerFilter {
  regionCodes: readonly string[];
  q?: string | undefined;
  reason?: KeyReason | undefined;
  status: KeyStatus;
  /** only those this user follows */
  followerId?: string | undefined;
  /** the year whose end is "last year end" (the December report of it) */
  lastYear: number;
}

/** The listing shown on a line: the open period, else the latest one. */
const LISTING = `JOIN LATERAL (
    SELECT l.* FROM key_enterprise_listings l WHERE l.key_enterprise_id = k.id
     ORDER BY (l.delisted_on IS NULL) DESC, l.listed_on DESC, l.created_at DESC LIMIT 1) l ON true`;

function ledgerSelect(regions: string, lastYear: string, forExport: boolean): string {
  const exportCols = forExport
    ? `,
    (SELECT string_agg(p.kind || '|' || p.amount::text || '|' || to_char(p.granted_on, 'YYYY-MM-DD'), ';'
              ORDER BY p.granted_on, p.created_at)
       FROM key_enterprise_policies p WHERE p.key_enterprise_id = k.id) AS policies_text,
    (SELECT string_agg(to_char(g.guided_on, 'YYYY-MM-DD') || ' ' || g.guided_by || '：' || g.content, E'\\n'
              ORDER BY g.guided_on DESC, g.created_at DESC)
       FROM (SELECT * FROM key_enterprise_guidance g0 WHERE g0.key_enterprise_id = k.id
              ORDER BY g0.guided_on DESC, g0.created_at DESC LIMIT 3) g) AS guidance_text`
    : '';
  return `SELECT k.id, k.enterprise_id, k.region_code, k.listed, k.follower_id, fu.display_name AS follower_name,
    k.base_year, k.base_headcount, k.note, k.version, k.updated_at,
    e.name AS enterprise_name, e.credit_code, e.industry_code,
    l.id AS listing_id, to_char(l.listed_on, 'YYYY-MM-DD') AS listed_on, l.reasons, l.note AS listing_note,
    lb.display_name AS listed_by_name, to_char(l.delisted_on, 'YYYY-MM-DD') AS delisted_on, l.delist_reason,
    db.display_name AS delisted_by_name,
    to_char(cur.month, 'YYYY-MM') AS current_month, cur.headcount AS current_headcount,
    ye.headcount AS december_headcount,
    pol.n AS policy_count, pol.total::text AS policy_total,
    (SELECT to_char(max(g.guided_on), 'YYYY-MM-DD') FROM key_enterprise_guidance g WHERE g.key_enterprise_id = k.id)
      AS last_guided_on${exportCols}
  FROM key_enterprises k
  JOIN enterprises e ON e.id = k.enterprise_id
  ${LISTING}
  LEFT JOIN users fu ON fu.id = k.follower_id
  LEFT JOIN users lb ON lb.id = l.listed_by
  LEFT JOIN users db ON db.id = l.delisted_by
  LEFT JOIN LATERAL (
    SELECT r.month, r.headcount FROM employment_reports r
     WHERE r.enterprise_id = k.enterprise_id AND r.region_code = ANY(${regions}::text[])
     ORDER BY r.month DESC LIMIT 1) cur ON true
  LEFT JOIN employment_reports ye ON ye.enterprise_id = k.enterprise_id AND ye.region_code = ANY(${regions}::text[])
    AND ye.month = make_date(${lastYear}::int, 12, 1)
  LEFT JOIN LATERAL (
    SELECT count(*)::int AS n, coalesce(sum(p.amount), 0) AS total
      FROM key_enterprise_policies p WHERE p.key_enterprise_id = k.id) pol ON true`;
}

function ledgerWhere(f: LedgerFilter, params: unknown[]): string {
  const add = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const where = ['k.region_code = ANY($1::text[])'];
  if (f.status === 'listed') where.push('k.listed');
  else if (f.status === 'delisted') where.push('NOT k.listed');
  if (f.reason) where.push(`l.reasons @> ARRAY[${add(f.reason)}]::text[]`);
  if (f.followerId) where.push(`k.follower_id = ${add(f.followerId)}`);
  const q = f.q?.trim();
  if (q)
    where.push(
      `(strpos(e.name, ${add(q)}) > 0 OR e.credit_code LIKE ${add(`${q.toUpperCase().replace(/[\\%_]/g, '')}%`)})`,
    );
  return where.join(' AND ');
}

export async function listLedger(
  db: Queryable,
  f: LedgerFilter & { page: number; pageSize: number },
): Promise<{ rows: LedgerRow[]; total: number }> {
  if (f.regionCodes.length === 0) return { rows: [], total: 0 };
  const params: unknown[] = [f.regionCodes];
  const where = ledgerWhere(f, params);
  const countParams = [...params];
  params.push(f.lastYear);
  const [count, page] = await Promise.all([
    db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM key_enterprises k JOIN enterprises e ON e.id = k.enterprise_id ${LISTING}
        WHERE ${where}`,
      countParams,
    ),
    db.query<LedgerRow>(
      `${ledgerSelect('$1', `$${params.length}`, false)} WHERE ${where} ORDER BY k.region_code, e.name, k.id
        LIMIT ${f.pageSize} OFFSET ${(f.page - 1) * f.pageSize}`,
      params,
    ),
  ]);
  return { rows: page.rows, total: count.rows[0]?.n ?? 0 };
}

/** The export's query (streamed by the export engine), in the list's order. */
export function ledgerExportQuery(f: LedgerFilter): { sql: string; params: unknown[] } {
  const params: unknown[] = [f.regionCodes];
  const where = ledgerWhere(f, params);
  params.push(f.lastYear);
  return {
    sql: `${ledgerSelect('$1', `$${params.length}`, true)} WHERE ${where} ORDER BY k.region_code, e.name, k.id`,
    params,
  };
}

export async function getLedger(
  db: Queryable,
  regionCodes: readonly string[],
  id: string,
  lastYear: number,
): Promise<LedgerRow | undefined> {
  const { rows } = await db.query<LedgerRow>(
    `${ledgerSelect('$1', '$2', false)} WHERE k.region_code = ANY($1::text[]) AND k.id = $3`,
    [regionCodes, lastYear, id],
  );
  return rows[0];
}

export interface KeyEnterpriseRow {
  id: string;
  enterprise_id: string;
  region_code: string;
  listed: boolean;
  follower_id: string | null;
  base_year: number | null;
  base_headcount: number | null;
  note: string | null;
  version: number;
}

/** The ledger's own row, locked for a change. */
export async function lockKeyEnterprise(
  db: Queryable,
  regionCodes: readonly string[],
  id: string,
): Promise<KeyEnterpriseRow | undefined> {
  const { rows } = await db.query<KeyEnterpriseRow>(
    `SELECT id, enterprise_id, region_code, listed, follower_id, base_year, base_headcount, note, version
       FROM key_enterprises WHERE id = $1 AND region_code = ANY($2::text[]) FOR UPDATE`,
    [id, regionCodes],
  );
  return rows[0];
}

/** The ledger of an enterprise (any region: the caller checks), locked. */
export async function lockKeyEnterpriseOf(db: Queryable, enterpriseId: string): Promise<KeyEnterpriseRow | undefined> {
  const { rows } = await db.query<KeyEnterpriseRow>(
    `SELECT id, enterprise_id, region_code, listed, follower_id, base_year, base_headcount, note, version
       FROM key_enterprises WHERE enterprise_id = $1 FOR UPDATE`,
    [enterpriseId],
  );
  return rows[0];
}

export interface LedgerFields {
  followerId: string | null;
  baseYear: number | null;
  baseHeadcount: number | null;
  note: string | null;
}

export async function insertKeyEnterprise(
  db: Queryable,
  enterpriseId: string,
  regionCode: string,
  f: LedgerFields,
  actorId: string,
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO key_enterprises (enterprise_id, region_code, listed, follower_id, base_year, base_headcount, note,
       created_by, updated_by)
     VALUES ($1, $2, true, $3, $4, $5, $6, $7, $7) RETURNING id`,
    [enterpriseId, regionCode, f.followerId, f.baseYear, f.baseHeadcount, f.note, actorId],
  );
  return (rows[0] as { id: string }).id;
}

/** Changes the ledger's fields and whether it is listed (and where), moving its version. */
export async function updateKeyEnterprise(
  db: Queryable,
  id: string,
  f: LedgerFields & { listed: boolean; regionCode: string },
  actorId: string,
): Promise<void> {
  await db.query(
    `UPDATE key_enterprises SET listed = $2, region_code = $3, follower_id = $4, base_year = $5, base_headcount = $6,
       note = $7, updated_by = $8, updated_at = now(), version = version + 1
     WHERE id = $1`,
    [id, f.listed, f.regionCode, f.followerId, f.baseYear, f.baseHeadcount, f.note, actorId],
  );
}

export interface ListingRow {
  id: string;
  listed_on: string;
  reasons: KeyReason[];
  note: string | null;
  listed_by_name: string | null;
  delisted_on: string | null;
  delist_reason: string | null;
  delisted_by_name: string | null;
}

export async function listings(db: Queryable, keyId: string): Promise<ListingRow[]> {
  const { rows } = await db.query<ListingRow>(
    `SELECT l.id, to_char(l.listed_on, 'YYYY-MM-DD') AS listed_on, l.reasons, l.note, lb.display_name AS listed_by_name,
            to_char(l.delisted_on, 'YYYY-MM-DD') AS delisted_on, l.delist_reason, db.display_name AS delisted_by_name
       FROM key_enterprise_listings l
       LEFT JOIN users lb ON lb.id = l.listed_by
       LEFT JOIN users db ON db.id = l.delisted_by
      WHERE l.key_enterprise_id = $1
      ORDER BY l.listed_on DESC, l.created_at DESC`,
    [keyId],
  );
  return rows;
}

export async function openListing(
  db: Queryable,
  keyId: string,
): Promise<{ id: string; listed_on: string; reasons: KeyReason[] } | undefined> {
  const { rows } = await db.query<{ id: string; listed_on: string; reasons: KeyReason[] }>(
    `SELECT id, to_char(listed_on, 'YYYY-MM-DD') AS listed_on, reasons FROM key_enterprise_listings
      WHERE key_enterprise_id = $1 AND delisted_on IS NULL`,
    [keyId],
  );
  return rows[0];
}

/** The last day an enterprise was taken off (for the refusal of a change to a delisted ledger). */
export async function lastDelisting(db: Queryable, keyId: string): Promise<{ delisted_on: string } | undefined> {
  const { rows } = await db.query<{ delisted_on: string }>(
    `SELECT to_char(delisted_on, 'YYYY-MM-DD') AS delisted_on FROM key_enterprise_listings
      WHERE key_enterprise_id = $1 AND delisted_on IS NOT NULL ORDER BY delisted_on DESC LIMIT 1`,
    [keyId],
  );
  return rows[0];
}

export async function insertListing(
  db: Queryable,
  keyId: string,
  regionCode: string,
  l: { listedOn: string; reasons: readonly KeyReason[]; note: string | null },
  actorId: string,
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO key_enterprise_listings (key_enterprise_id, region_code, listed_on, reasons, note, listed_by)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [keyId, regionCode, l.listedOn, l.reasons, l.note, actorId],
  );
  return (rows[0] as { id: string }).id;
}

export async function setListingReasons(
  db: Queryable,
  listingId: string,
  reasons: readonly KeyReason[],
): Promise<void> {
  await db.query('UPDATE key_enterprise_listings SET reasons = $2 WHERE id = $1', [listingId, reasons]);
}

export async function closeListing(
  db: Queryable,
  listingId: string,
  delistedOn: string,
  reason: string,
  actorId: string,
): Promise<void> {
  await db.query(
    `UPDATE key_enterprise_listings SET delisted_on = $2, delist_reason = $3, delisted_by = $4
      WHERE id = $1 AND delisted_on IS NULL`,
    [listingId, delistedOn, reason, actorId],
  );
}

// ——— policies, guidance, consultations: records hanging on a ledger ———

export interface PolicyRow {
  id: string;
  key_enterprise_id: string;
  region_code: string;
  kind: PolicyKind;
  amount: string;
  granted_on: string;
  note: string | null;
  version: number;
}

export interface GuidanceRow {
  id: string;
  key_enterprise_id: string;
  region_code: string;
  guided_on: string;
  guided_by: string;
  content: string;
  version: number;
}

export interface ConsultationRow {
  id: string;
  key_enterprise_id: string;
  region_code: string;
  held_on: string;
  topics: ConsultationTopic[];
  participants: string;
  result: string;
  agreement_reached: boolean;
  agreement_summary: string | null;
  version: number;
}

/** The three kinds of record, their table and columns in the API's names (dates as YYYY-MM-DD). */
export const RECORD_TABLES = {
  policy: {
    table: 'key_enterprise_policies',
    columns: { kind: 'kind', amount: 'amount', grantedOn: 'granted_on', note: 'note' },
    select: `id, key_enterprise_id, region_code, kind, amount::text AS amount,
      to_char(granted_on, 'YYYY-MM-DD') AS granted_on, note, version`,
    order: 'granted_on DESC, created_at DESC',
  },
  guidance: {
    table: 'key_enterprise_guidance',
    columns: { guidedOn: 'guided_on', guidedBy: 'guided_by', content: 'content' },
    select: `id, key_enterprise_id, region_code, to_char(guided_on, 'YYYY-MM-DD') AS guided_on, guided_by, content,
      version`,
    order: 'guided_on DESC, created_at DESC',
  },
  consultation: {
    table: 'collective_consultations',
    columns: {
      heldOn: 'held_on',
      topics: 'topics',
      participants: 'participants',
      result: 'result',
      agreementReached: 'agreement_reached',
      agreementSummary: 'agreement_summary',
    },
    select: `id, key_enterprise_id, region_code, to_char(held_on, 'YYYY-MM-DD') AS held_on, topics, participants,
      result, agreement_reached, agreement_summary, version`,
    order: 'held_on DESC, created_at DESC',
  },
} as const;
export type RecordKind = keyof typeof RECORD_TABLES;
export interface RecordRows {
  policy: PolicyRow;
  guidance: GuidanceRow;
  consultation: ConsultationRow;
}

export async function recordsOf<K extends RecordKind>(db: Queryable, kind: K, keyId: string): Promise<RecordRows[K][]> {
  const t = RECORD_TABLES[kind];
  const { rows } = await db.query<RecordRows[K]>(
    `SELECT ${t.select} FROM ${t.table} WHERE key_enterprise_id = $1 ORDER BY ${t.order}`,
    [keyId],
  );
  return rows;
}

export async function getRecord<K extends RecordKind>(
  db: Queryable,
  kind: K,
  regionCodes: readonly string[],
  keyId: string,
  id: string,
  forUpdate = false,
): Promise<RecordRows[K] | undefined> {
  const t = RECORD_TABLES[kind];
  const { rows } = await db.query<RecordRows[K]>(
    `SELECT ${t.select} FROM ${t.table} WHERE id = $1 AND key_enterprise_id = $2 AND region_code = ANY($3::text[])
      ${forUpdate ? 'FOR UPDATE' : ''}`,
    [id, keyId, regionCodes],
  );
  return rows[0];
}

export async function insertRecord(
  db: Queryable,
  kind: RecordKind,
  keyId: string,
  regionCode: string,
  values: Record<string, unknown>,
  actorId: string,
): Promise<string> {
  const t = RECORD_TABLES[kind];
  const entries = Object.entries(t.columns as Record<string, string>);
  const cols = entries.map(([, c]) => c);
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO ${t.table} (key_enterprise_id, region_code, created_by, ${cols.join(', ')})
     VALUES ($1, $2, $3, ${cols.map((_, i) => `$${i + 4}`).join(', ')}) RETURNING id`,
    [keyId, regionCode, actorId, ...entries.map(([k]) => values[k] ?? null)],
  );
  return (rows[0] as { id: string }).id;
}

export async function updateRecord(
  db: Queryable,
  kind: RecordKind,
  id: string,
  values: Record<string, unknown>,
): Promise<void> {
  const t = RECORD_TABLES[kind];
  const entries = Object.entries(t.columns as Record<string, string>);
  await db.query(
    `UPDATE ${t.table} SET ${entries.map(([, c], i) => `${c} = $${i + 2}`).join(', ')}, updated_at = now(),
       version = version + 1 WHERE id = $1`,
    [id, ...entries.map(([k]) => values[k] ?? null)],
  );
}

// ——— monthly employment reports ———

export interface ReportRow {
  id: string;
  enterprise_id: string;
  enterprise_name: string;
  region_code: string;
  month: string;
  headcount: number;
  hires: number;
  separated_resigned: number;
  separated_dismissed: number;
  separated_contract_ended: number;
  separated_retired: number;
  separated_other: number;
  note: string | null;
  source: ReportSource;
  late: boolean;
  submitted_at: Date;
  submitted_by_name: string | null;
  version: number;
  /** the previous month's report, when there is one in the caller's regions */
  previous_headcount: number | null;
}

const SELECT_REPORT = `SELECT r.id, r.enterprise_id, e.name AS enterprise_name, r.region_code,
    to_char(r.month, 'YYYY-MM') AS month, r.headcount, r.hires, r.separated_resigned, r.separated_dismissed,
    r.separated_contract_ended, r.separated_retired, r.separated_other, r.note, r.source, r.late, r.submitted_at,
    u.display_name AS submitted_by_name, r.version, prev.headcount AS previous_headcount
  FROM employment_reports r
  JOIN enterprises e ON e.id = r.enterprise_id
  LEFT JOIN users u ON u.id = r.submitted_by
  LEFT JOIN employment_reports prev ON prev.enterprise_id = r.enterprise_id
    AND prev.month = (r.month - interval '1 month')::date AND prev.region_code = ANY($1::text[])`;

export interface ReportFilter {
  regionCodes: readonly string[];
  enterpriseId?: string | undefined;
  /** YYYY-MM */
  month?: string | undefined;
}

export async function listReports(
  db: Queryable,
  f: ReportFilter & { page: number; pageSize: number },
): Promise<{ rows: ReportRow[]; total: number }> {
  if (f.regionCodes.length === 0) return { rows: [], total: 0 };
  const params: unknown[] = [f.regionCodes];
  const add = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const where = ['r.region_code = ANY($1::text[])'];
  if (f.enterpriseId) where.push(`r.enterprise_id = ${add(f.enterpriseId)}`);
  if (f.month) where.push(`r.month = ${add(`${f.month}-01`)}::date`);
  const w = where.join(' AND ');
  const [count, page] = await Promise.all([
    db.query<{ n: number }>(`SELECT count(*)::int AS n FROM employment_reports r WHERE ${w}`, params),
    db.query<ReportRow>(
      `${SELECT_REPORT} WHERE ${w} ORDER BY r.month DESC, e.name, r.id LIMIT ${f.pageSize} OFFSET ${(f.page - 1) * f.pageSize}`,
      params,
    ),
  ]);
  return { rows: page.rows, total: count.rows[0]?.n ?? 0 };
}

/** An enterprise's reports from a month on, oldest first. */
export async function reportsOf(
  db: Queryable,
  regionCodes: readonly string[],
  enterpriseId: string,
  fromMonth: string,
): Promise<ReportRow[]> {
  const { rows } = await db.query<ReportRow>(
    `${SELECT_REPORT} WHERE r.region_code = ANY($1::text[]) AND r.enterprise_id = $2 AND r.month >= $3::date
      ORDER BY r.month`,
    [regionCodes, enterpriseId, `${fromMonth}-01`],
  );
  return rows;
}

export async function getReport(
  db: Queryable,
  regionCodes: readonly string[],
  id: string,
  forUpdate = false,
): Promise<ReportRow | undefined> {
  const { rows } = await db.query<ReportRow>(
    `${SELECT_REPORT} WHERE r.id = $2 AND r.region_code = ANY($1::text[])${forUpdate ? ' FOR UPDATE OF r' : ''}`,
    [regionCodes, id],
  );
  return rows[0];
}

/** The report of an enterprise for a month, whatever its region (a second filing is refused by the unique index). */
export async function reportIdOf(
  db: Queryable,
  enterpriseId: string,
  month: string,
): Promise<{ id: string; region_code: string } | undefined> {
  const { rows } = await db.query<{ id: string; region_code: string }>(
    'SELECT id, region_code FROM employment_reports WHERE enterprise_id = $1 AND month = $2::date',
    [enterpriseId, `${month}-01`],
  );
  return rows[0];
}

export type ReportFigures = {
  headcount: number;
  hires: number;
  resigned: number;
  dismissed: number;
  contractEnded: number;
  retired: number;
  other: number;
  note: string | null;
};

export async function insertReport(
  db: Queryable,
  r: ReportFigures & {
    enterpriseId: string;
    regionCode: string;
    month: string;
    source: ReportSource;
    late: boolean;
  },
  actorId: string,
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO employment_reports (enterprise_id, region_code, month, headcount, hires, separated_resigned,
       separated_dismissed, separated_contract_ended, separated_retired, separated_other, note, source, late,
       submitted_by, updated_by)
     VALUES ($1, $2, $3::date, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14) RETURNING id`,
    [
      r.enterpriseId,
      r.regionCode,
      `${r.month}-01`,
      r.headcount,
      r.hires,
      r.resigned,
      r.dismissed,
      r.contractEnded,
      r.retired,
      r.other,
      r.note,
      r.source,
      r.late,
      actorId,
    ],
  );
  return (rows[0] as { id: string }).id;
}

export async function updateReport(db: Queryable, id: string, r: ReportFigures, actorId: string): Promise<void> {
  await db.query(
    `UPDATE employment_reports SET headcount = $2, hires = $3, separated_resigned = $4, separated_dismissed = $5,
       separated_contract_ended = $6, separated_retired = $7, separated_other = $8, note = $9, updated_by = $10,
       updated_at = now(), version = version + 1
     WHERE id = $1`,
    [id, r.headcount, r.hires, r.resigned, r.dismissed, r.contractEnded, r.retired, r.other, r.note, actorId],
  );
}

// ——— look-ups ———

export interface EnterpriseRef {
  id: string;
  name: string;
  region_code: string;
  credit_code: string;
}

export async function enterpriseIn(
  db: Queryable,
  regionCodes: readonly string[],
  id: string,
): Promise<EnterpriseRef | undefined> {
  const { rows } = await db.query<EnterpriseRef>(
    'SELECT id, name, region_code, credit_code FROM enterprises WHERE id = $1 AND region_code = ANY($2::text[])',
    [id, regionCodes],
  );
  return rows[0];
}

export async function enterprisesByCreditCode(
  db: Queryable,
  creditCodes: readonly string[],
): Promise<Map<string, EnterpriseRef>> {
  const { rows } = await db.query<EnterpriseRef>(
    'SELECT id, name, region_code, credit_code FROM enterprises WHERE credit_code = ANY($1::text[])',
    [creditCodes],
  );
  return new Map(rows.map((r) => [r.credit_code, r]));
}

export interface UserRef {
  id: string;
  display_name: string;
  role: string;
  region_code: string;
  disabled: boolean;
}

export async function userById(db: Queryable, id: string): Promise<UserRef | undefined> {
  const { rows } = await db.query<UserRef>(
    'SELECT id, display_name, role, region_code, disabled FROM users WHERE id = $1',
    [id],
  );
  return rows[0];
}

/** Active staff of the given regions in the given roles (the follower picker). */
export async function staffOf(
  db: Queryable,
  regionCodes: readonly string[],
  roles: readonly string[],
): Promise<UserRef[]> {
  const { rows } = await db.query<UserRef>(
    `SELECT id, display_name, role, region_code, disabled FROM users
      WHERE region_code = ANY($1::text[]) AND role = ANY($2::text[]) AND NOT disabled
      ORDER BY region_code, display_name LIMIT 500`,
    [regionCodes, roles],
  );
  return rows;
}
