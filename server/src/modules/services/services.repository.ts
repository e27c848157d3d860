import type { ExpertKind, ServiceChannel, ServiceTopic } from '@hexie/core';
import type { Queryable } from '../../db/pool.js';
import { escapeLike } from '../../platform/fields.js';

// All SQL of the new-enterprise service (服务万户新企用工计划). Every read takes the region codes it may see.

// ——— 专家服务团队 ———

export interface ExpertRow {
  id: string;
  name: string;
  kind: ExpertKind;
  organisation: string | null;
  title: string | null;
  region_code: string;
  phone: string | null;
  active: boolean;
  version: number;
}

/** The stored fields of a team member, in the API's names. */
export type ExpertRecord = {
  name: string;
  kind: ExpertKind;
  organisation: string | null;
  title: string | null;
  regionCode: string;
  phone: string | null;
  active: boolean;
};

const EXPERT_COLUMNS = 'id, name, kind, organisation, title, region_code, phone, active, version';

export interface ExpertFilter {
  regionCodes: readonly string[];
  q?: string | undefined;
  kind?: ExpertKind | undefined;
  active?: boolean | undefined;
  page: number;
  pageSize: number;
}

export async function listExperts(db: Queryable, f: ExpertFilter): Promise<{ rows: ExpertRow[]; total: number }> {
  if (f.regionCodes.length === 0) return { rows: [], total: 0 };
  const params: unknown[] = [f.regionCodes];
  const where = ['region_code = ANY($1::text[])'];
  const add = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  if (f.q) {
    const like = add(`%${escapeLike(f.q)}%`);
    where.push(`(name LIKE ${like} OR organisation LIKE ${like})`);
  }
  if (f.kind) where.push(`kind = ${add(f.kind)}`);
  if (f.active !== undefined) where.push(`active = ${add(f.active)}`);
  const sql = where.join(' AND ');
  const [count, page] = await Promise.all([
    db.query<{ n: number }>(`SELECT count(*)::int AS n FROM service_experts WHERE ${sql}`, params),
    db.query<ExpertRow>(
      `SELECT ${EXPERT_COLUMNS} FROM service_experts WHERE ${sql} ORDER BY active DESC, region_code, name, id
        LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, f.pageSize, (f.page - 1) * f.pageSize],
    ),
  ]);
  return { rows: page.rows, total: count.rows[0]?.n ?? 0 };
}

export async function getExpert(
  db: Queryable,
  regionCodes: readonly string[],
  id: string,
  forUpdate = false,
): Promise<ExpertRow | undefined> {
  const { rows } = await db.query<ExpertRow>(
    `SELECT ${EXPERT_COLUMNS} FROM service_experts WHERE id = $1 AND region_code = ANY($2::text[])${forUpdate ? ' FOR UPDATE' : ''}`,
    [id, regionCodes],
  );
  return rows[0];
}

export async function insertExpert(db: Queryable, r: ExpertRecord): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO service_experts (name, kind, organisation, title, region_code, phone, active)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [r.name, r.kind, r.organisation, r.title, r.regionCode, r.phone, r.active],
  );
  return (rows[0] as { id: string }).id;
}

export async function updateExpert(db: Queryable, id: string, r: ExpertRecord): Promise<void> {
  await db.query(
    `UPDATE service_experts SET name = $2, kind = $3, organisation = $4, title = $5, region_code = $6, phone = $7,
            active = $8, version = version + 1, updated_at = now() WHERE id = $1`,
    [id, r.name, r.kind, r.organisation, r.title, r.regionCode, r.phone, r.active],
  );
}

/** How many of `ids` are team members in `regionCodes` (a record's experts must all be). */
export async function countExperts(
  db: Queryable,
  ids: readonly string[],
  regionCodes: readonly string[],
): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM service_experts WHERE id = ANY($1::uuid[]) AND region_code = ANY($2::text[])',
    [ids, regionCodes],
  );
  return rows[0]?.n ?? 0;
}

// ——— 服务记录 ———

export interface RecordRow {
  id: string;
  enterprise_id: string;
  enterprise_name: string;
  credit_code: string;
  registered_on: string | null;
  region_code: string;
  served_on: string;
  channel: ServiceChannel;
  topics: ServiceTopic[];
  expert_ids: string[];
  experts: { id: string; name: string; kind: ExpertKind }[];
  findings: string | null;
  follow_up: string | null;
  follow_up_due: string | null;
  recorded_by_name: string;
  version: number;
  created_at: Date;
}

/** The stored fields of a service record, in the API's names. */
export type ServiceRecordFields = {
  servedOn: string;
  channel: ServiceChannel;
  topics: ServiceTopic[];
  expertIds: string[];
  findings: string | null;
  followUp: string | null;
  followUpDue: string | null;
};

const RECORD_SELECT = `SELECT r.id, r.enterprise_id, e.name AS enterprise_name, e.credit_code, e.registered_on,
    r.region_code, r.served_on, r.channel, r.topics, r.expert_ids, r.findings, r.follow_up, r.follow_up_due,
    r.version, r.created_at, u.display_name AS recorded_by_name,
    coalesce((SELECT json_agg(json_build_object('id', x.id, 'name', x.name, 'kind', x.kind) ORDER BY x.name)
                FROM service_experts x WHERE x.id = ANY(r.expert_ids)), '[]') AS experts
  FROM service_records r JOIN enterprises e ON e.id = r.enterprise_id JOIN users u ON u.id = r.recorded_by`;

export interface RecordFilter {
  regionCodes: readonly string[];
  enterpriseId?: string | undefined;
  channel?: ServiceChannel | undefined;
  from?: string | undefined;
  to?: string | undefined;
  page: number;
  pageSize: number;
}

export async function listRecords(db: Queryable, f: RecordFilter): Promise<{ rows: RecordRow[]; total: number }> {
  if (f.regionCodes.length === 0) return { rows: [], total: 0 };
  const params: unknown[] = [f.regionCodes];
  const where = ['r.region_code = ANY($1::text[])'];
  const add = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  if (f.enterpriseId) where.push(`r.enterprise_id = ${add(f.enterpriseId)}`);
  if (f.channel) where.push(`r.channel = ${add(f.channel)}`);
  if (f.from) where.push(`r.served_on >= ${add(f.from)}`);
  if (f.to) where.push(`r.served_on <= ${add(f.to)}`);
  const sql = where.join(' AND ');
  const [count, page] = await Promise.all([
    db.query<{ n: number }>(`SELECT count(*)::int AS n FROM service_records r WHERE ${sql}`, params),
    db.query<RecordRow>(
      `${RECORD_SELECT} WHERE ${sql} ORDER BY r.served_on DESC, r.created_at DESC, r.id
        LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, f.pageSize, (f.page - 1) * f.pageSize],
    ),
  ]);
  return { rows: page.rows, total: count.rows[0]?.n ?? 0 };
}

export async function getRecord(
  db: Queryable,
  regionCodes: readonly string[],
  id: string,
): Promise<RecordRow | undefined> {
  const { rows } = await db.query<RecordRow>(`${RECORD_SELECT} WHERE r.id = $1 AND r.region_code = ANY($2::text[])`, [
    id,
    regionCodes,
  ]);
  return rows[0];
}

/** The stored fields of a record, locked for an update. */
export async function lockRecord(
  db: Queryable,
  regionCodes: readonly string[],
  id: string,
): Promise<(ServiceRecordFields & { regionCode: string; version: number }) | undefined> {
  const { rows } = await db.query<{
    served_on: string;
    channel: ServiceChannel;
    topics: ServiceTopic[];
    expert_ids: string[];
    findings: string | null;
    follow_up: string | null;
    follow_up_due: string | null;
    region_code: string;
    version: number;
  }>(
    `SELECT served_on, channel, topics, expert_ids, findings, follow_up, follow_up_due, region_code, version
       FROM service_records WHERE id = $1 AND region_code = ANY($2::text[]) FOR UPDATE`,
    [id, regionCodes],
  );
  const r = rows[0];
  return (
    r && {
      servedOn: r.served_on,
      channel: r.channel,
      topics: r.topics,
      expertIds: r.expert_ids,
      findings: r.findings,
      followUp: r.follow_up,
      followUpDue: r.follow_up_due,
      regionCode: r.region_code,
      version: r.version,
    }
  );
}

/** The enterprise a service is recorded for, when the caller may see it. */
export async function enterpriseRegion(
  db: Queryable,
  regionCodes: readonly string[],
  enterpriseId: string,
): Promise<string | undefined> {
  const { rows } = await db.query<{ region_code: string }>(
    'SELECT region_code FROM enterprises WHERE id = $1 AND region_code = ANY($2::text[])',
    [enterpriseId, regionCodes],
  );
  return rows[0]?.region_code;
}

export async function insertRecord(
  db: Queryable,
  r: ServiceRecordFields & { enterpriseId: string; regionCode: string; recordedBy: string },
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO service_records (enterprise_id, region_code, served_on, channel, topics, expert_ids, findings, follow_up,
       follow_up_due, recorded_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
    [
      r.enterpriseId,
      r.regionCode,
      r.servedOn,
      r.channel,
      r.topics,
      r.expertIds,
      r.findings,
      r.followUp,
      r.followUpDue,
      r.recordedBy,
    ],
  );
  return (rows[0] as { id: string }).id;
}

export async function updateRecord(db: Queryable, id: string, r: ServiceRecordFields): Promise<void> {
  await db.query(
    `UPDATE service_records SET served_on = $2, channel = $3, topics = $4, expert_ids = $5, findings = $6,
            follow_up = $7, follow_up_due = $8, version = version + 1, updated_at = now() WHERE id = $1`,
    [id, r.servedOn, r.channel, r.topics, r.expertIds, r.findings, r.followUp, r.followUpDue],
  );
}

// ——— 年度目标 ———

export async function targetsOf(
  db: Queryable,
  year: number,
  regionCodes: readonly string[],
): Promise<Map<string, number>> {
  const { rows } = await db.query<{ region_code: string; target: number }>(
    'SELECT region_code, target FROM service_targets WHERE year = $1 AND region_code = ANY($2::text[])',
    [year, regionCodes],
  );
  return new Map(rows.map((r) => [r.region_code, r.target]));
}

/** Sets the given regions' targets for a year; answers what they were before (for the audit). */
export async function upsertTargets(
  db: Queryable,
  year: number,
  targets: readonly { regionCode: string; target: number }[],
  actorId: string,
): Promise<Record<string, number>> {
  const codes = targets.map((t) => t.regionCode);
  const before = await db.query<{ region_code: string; target: number }>(
    'SELECT region_code, target FROM service_targets WHERE year = $1 AND region_code = ANY($2::text[]) FOR UPDATE',
    [year, codes],
  );
  await db.query(
    `INSERT INTO service_targets (region_code, year, target, updated_by)
     SELECT r.code, $2, r.target, $3 FROM jsonb_to_recordset($1::jsonb) AS r(code text, target int)
     ON CONFLICT (region_code, year) DO UPDATE SET target = EXCLUDED.target, updated_by = EXCLUDED.updated_by,
       updated_at = now()`,
    [JSON.stringify(targets.map((t) => ({ code: t.regionCode, target: t.target }))), year, actorId],
  );
  return Object.fromEntries(before.rows.map((r) => [r.region_code, r.target]));
}

// ——— 服务新注册企业户数 ———

/**
 * The first qualifying services (服务新注册企业) recorded in `$1` (region codes) with `$2 <= served_on < $3`:
 * a record counts when its enterprise was registered no earlier than `$4` months before it (core's
 * NEW_ENTERPRISE_MONTHS) and no earlier qualifying record of that enterprise exists anywhere, so an enterprise
 * counts once in the province, in the year and region of its first such service.
 *
 * Reads one region through service_records_region_served_idx (region_code, served_on) and checks earlier
 * records through service_records_enterprise_idx (enterprise_id, served_on): no scan of the whole table.
 */
export const FIRST_SERVICES_SQL = `
  SELECT r.region_code, r.served_on
    FROM service_records r JOIN enterprises e ON e.id = r.enterprise_id
   WHERE r.region_code = ANY($1::text[])
     AND r.served_on >= $2::date AND r.served_on < $3::date
     AND e.registered_on <= r.served_on
     AND e.registered_on >= r.served_on - make_interval(months => $4::int)
     AND NOT EXISTS (
       SELECT 1 FROM service_records p
        WHERE p.enterprise_id = r.enterprise_id
          AND p.served_on <= r.served_on AND (p.served_on, p.id) < (r.served_on, r.id)
          AND e.registered_on <= p.served_on
          AND e.registered_on >= p.served_on - make_interval(months => $4::int))`;

/** New enterprises served, by region and month, in [fromYear, toYear]. */
export async function newEnterprisesServed(
  db: Queryable,
  regionCodes: readonly string[],
  fromYear: number,
  toYear: number,
  months: number,
): Promise<{ region_code: string; month: string; n: number }[]> {
  const { rows } = await db.query<{ region_code: string; month: string; n: number }>(
    `SELECT f.region_code, to_char(f.served_on, 'YYYY-MM') AS month, count(*)::int AS n
       FROM (${FIRST_SERVICES_SQL}) f GROUP BY 1, 2`,
    [regionCodes, `${fromYear}-01-01`, `${toYear + 1}-01-01`, months],
  );
  return rows;
}
