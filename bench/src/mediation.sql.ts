/**
 * The SQL of the mediation inbox (listCases) and statistics (statsGroups) in
 * server/src/modules/mediation/mediation.repository.ts, copied so the baseline does not go through the project's
 * code. The benchmark checks before measuring that the bare route built on it answers exactly what the API
 * answers, so a drift in the repository shows up.
 */
import { addDays, chinaToday, countCapOf, MEDIATION_RULES } from '@hexie/core';

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
const day = (col: string) => `to_char(c.${col}, 'YYYY-MM-DD') AS ${col}`;
const SELECT_CASE = `SELECT c.id, c.tracking_code, c.org_id, o.name AS org_name, c.region_code, c.source, c.entrusted_ref,
    c.applicant_name, c.applicant_id_number, c.applicant_phone, c.respondent_name, c.respondent_credit_code,
    c.dispute_types, c.claim_amount, c.facts, c.status, ${day('received_on')}, ${day('acceptance_due')},
    ${day('mediation_due')}, c.extension_days, ${day('effective_due')}, c.calendar_missing, c.extension,
    ${day('accepted_on')}, ${day('closed_on')}, c.outcome_note, c.agreement, c.version
  FROM mediation_cases c JOIN mediation_orgs o ON o.id = c.org_id`;
const PENDING_DUE = `CASE c.status WHEN 'received' THEN c.acceptance_due ELSE c.effective_due END`;
const OPEN = `c.status IN ('received', 'accepted', 'in_mediation')`;
const OPEN_STATUSES = ['received', 'accepted', 'in_mediation'];
const CONCLUDED = `c.status IN ('agreement', 'failed', 'overdue')`;
const SEARCH_GRAMS = `(hx_grams(c.tracking_code || ' ' || c.applicant_name || ' ' || c.respondent_name)
    || ARRAY['@' || c.region_code, '@' || left(c.region_code, 4) || '00'])`;

function scopeToken(codes: readonly string[]): string[] {
  const [first] = codes;
  if (!first) return [];
  if (codes.length === 1) return [`@${first}`];
  const prefecture = first.slice(0, 4);
  return codes.every((c) => c.startsWith(prefecture)) ? [`@${prefecture}00`] : [];
}

/** The inbox's query string, as the API reads it (caseListQuery of core). */
export interface InboxQuery {
  q?: string;
  status?: string;
  open?: 'true' | 'false';
  due?: 'soon' | 'overdue';
  orgId?: string;
  page?: number;
  pageSize?: number;
}

export interface Sql {
  sql: string;
  params: unknown[];
}

/** The count (capped) and the page of one inbox request, built as listCases builds them; undefined: nothing can match. */
export function inboxQueries(
  codes: readonly string[],
  query: InboxQuery,
): { count: Sql; page: Sql; cap: number } | undefined {
  if (codes.length === 0) return undefined;
  const today = chinaToday();
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  const open = query.open === undefined ? undefined : query.open === 'true';
  const dueBy = query.due === 'soon' ? addDays(today, MEDIATION_RULES.warnDays) : undefined;
  const dueBefore = query.due === 'overdue' ? today : undefined;
  const params: unknown[] = [codes];
  const where = ['c.region_code = ANY($1::text[])'];
  const add = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const q = query.q?.trim() || undefined;
  if (q) {
    const upper = q.toUpperCase();
    const like = add(`%${escapeLike(upper)}%`);
    where.push(
      `${SEARCH_GRAMS} @> (hx_query_grams(${add(upper)}) || ${add(scopeToken(codes))}::text[])
        AND (upper(c.tracking_code) LIKE ${like} OR c.applicant_name LIKE ${like} OR c.respondent_name LIKE ${like})`,
    );
  }
  if (query.status) where.push(`c.status = ${add(query.status)}`);
  if (open !== undefined) where.push(open ? OPEN : `NOT ${OPEN}`);
  if (dueBy) where.push(`${OPEN} AND ${PENDING_DUE} <= ${add(dueBy)}::date`);
  if (dueBefore) where.push(`${OPEN} AND ${PENDING_DUE} < ${add(dueBefore)}::date`);
  if (query.orgId) where.push(`c.org_id = ${add(query.orgId)}`);
  const sql = where.join(' AND ');
  const filterParams = [...params];
  const mayBeOpen = open !== false && (!query.status || OPEN_STATUSES.includes(query.status));
  const mayBeClosed = open !== true && !dueBy && !dueBefore && (!query.status || !OPEN_STATUSES.includes(query.status));
  if (!mayBeOpen && !mayBeClosed) return undefined;
  const limit = add(pageSize);
  const offset = add((page - 1) * pageSize);
  const upTo = add(page * pageSize);
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
  const cap = countCapOf({ q });
  return {
    cap,
    count: {
      sql: `SELECT count(*)::int AS n FROM (SELECT 1 FROM mediation_cases c WHERE ${sql} LIMIT ${cap + 1}) s`,
      params: filterParams,
    },
    page: {
      sql: `WITH page AS (
          SELECT * FROM (${parts.join(' UNION ALL ')}) p
           ORDER BY p.open DESC, p.due, p.received_on DESC, p.id DESC LIMIT ${limit} OFFSET ${offset})
        ${SELECT_CASE} JOIN page p ON p.id = c.id
        ORDER BY p.open DESC, p.due, p.received_on DESC, p.id DESC`,
      params,
    },
  };
}

/** The three queries of one statistics request (groups, dispute types, months), built as statsGroups builds them. */
export function statsQueries(f: { regionCodes: readonly string[]; from: string; to: string; today: string }): {
  groups: Sql;
  types: Sql;
  monthly: Sql;
} {
  const where = 'c.region_code = ANY($1::text[]) AND c.received_on BETWEEN $2::date AND $3::date';
  const params = [f.regionCodes, f.from, f.to];
  const pastDue = `(${OPEN} AND ${PENDING_DUE} < $4::date)`;
  return {
    groups: {
      sql: `SELECT g.*, o.name AS org_name FROM (
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
      params: [...params, f.today],
    },
    types: {
      sql: `SELECT t AS type, sum(s.n)::int AS cases
         FROM (SELECT c.dispute_types, count(*) AS n FROM mediation_cases c WHERE ${where} GROUP BY 1) s,
              unnest(s.dispute_types) t
        GROUP BY t ORDER BY cases DESC, t`,
      params,
    },
    monthly: {
      sql: `SELECT to_char(s.day, 'YYYY-MM') AS month, sum(s.received)::int AS received,
              sum(s.agreement)::int AS agreement
         FROM (SELECT c.received_on AS day, count(*) AS received,
                      count(*) FILTER (WHERE c.status = 'agreement') AS agreement
                 FROM mediation_cases c WHERE ${where} GROUP BY 1) s
        GROUP BY 1 ORDER BY 1`,
      params,
    },
  };
}
