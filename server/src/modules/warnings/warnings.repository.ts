import type { WarningParams, WarningRule, WarningRuleSetting, WarningSeverity, WarningStatus } from '@hexie/core';
import type { Queryable } from '../../db/pool.js';
import { escapeLike } from '../../platform/fields.js';

// ——— the rules' settings ———

export interface RuleRow {
  rule: WarningRule;
  enabled: boolean;
  severity: WarningSeverity;
  threshold: string | null;
  updated_at: Date;
  updated_by_name: string;
}

export async function ruleRows(db: Queryable): Promise<RuleRow[]> {
  const { rows } = await db.query<RuleRow>(
    `SELECT r.rule, r.enabled, r.severity, r.threshold, r.updated_at, u.display_name AS updated_by_name
       FROM warning_rules r JOIN users u ON u.id = r.updated_by ORDER BY r.rule`,
  );
  return rows;
}

export const settingOf = (r: Pick<RuleRow, 'rule' | 'enabled' | 'severity' | 'threshold'>): WarningRuleSetting => ({
  rule: r.rule,
  enabled: r.enabled,
  severity: r.severity,
  threshold: r.threshold === null ? null : Number(r.threshold),
});

export async function lockRule(db: Queryable, rule: WarningRule): Promise<RuleRow | undefined> {
  const { rows } = await db.query<RuleRow>(
    `SELECT r.rule, r.enabled, r.severity, r.threshold, r.updated_at, '' AS updated_by_name
       FROM warning_rules r WHERE r.rule = $1 FOR UPDATE`,
    [rule],
  );
  return rows[0];
}

export async function saveRule(db: Queryable, s: WarningRuleSetting, actorId: string): Promise<void> {
  await db.query(
    `INSERT INTO warning_rules (rule, enabled, severity, threshold, updated_by) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (rule) DO UPDATE SET enabled = EXCLUDED.enabled, severity = EXCLUDED.severity,
       threshold = EXCLUDED.threshold, updated_by = EXCLUDED.updated_by, updated_at = now()`,
    [s.rule, s.enabled, s.severity, s.threshold, actorId],
  );
}

// ——— the warnings ———

export interface WarningRow {
  id: string;
  rule: WarningRule;
  subject_key: string;
  enterprise_id: string;
  enterprise_name: string;
  key_enterprise_id: string | null;
  plan_id: string | null;
  region_code: string;
  severity: WarningSeverity;
  params: WarningParams;
  status: WarningStatus;
  cleared: boolean;
  note: string | null;
  handled_by_name: string | null;
  handled_at: Date | null;
  raised_at: Date;
  seen_at: Date;
}

const SELECT = `SELECT w.id, w.rule, w.subject_key, w.enterprise_id, e.name AS enterprise_name,
    k.id AS key_enterprise_id, w.plan_id, w.region_code, w.severity, w.params, w.status, w.cleared, w.note,
    u.display_name AS handled_by_name, w.handled_at, w.raised_at, w.seen_at
  FROM early_warnings w
  JOIN enterprises e ON e.id = w.enterprise_id
  LEFT JOIN key_enterprises k ON k.enterprise_id = w.enterprise_id
  LEFT JOIN users u ON u.id = w.handled_by`;

/** A subject's warnings of some rules, every status (the engine decides raise, refresh, reopen or clear). */
export async function warningsOfSubject(
  db: Queryable,
  subject: { enterpriseId: string; planId: string | null },
  rules: readonly WarningRule[],
): Promise<Pick<WarningRow, 'id' | 'rule' | 'subject_key' | 'status' | 'cleared' | 'severity' | 'params'>[]> {
  const { rows } = await db.query(
    `SELECT id, rule, subject_key, status, cleared, severity, params FROM early_warnings
      WHERE enterprise_id = $1 AND rule = ANY($2::text[]) AND ($3::uuid IS NULL OR plan_id = $3)
      FOR UPDATE`,
    [subject.enterpriseId, rules, subject.planId],
  );
  return rows;
}

/** A new warning; none when a concurrent run made it first (answers its id or undefined). */
export async function insertWarning(
  db: Queryable,
  w: {
    rule: WarningRule;
    key: string;
    enterpriseId: string;
    planId: string | null;
    regionCode: string;
    severity: WarningSeverity;
    params: WarningParams;
  },
): Promise<string | undefined> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO early_warnings (rule, subject_key, enterprise_id, plan_id, region_code, severity, params)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (rule, enterprise_id, subject_key) DO NOTHING RETURNING id`,
    [w.rule, w.key, w.enterpriseId, w.planId, w.regionCode, w.severity, JSON.stringify(w.params)],
  );
  return rows[0]?.id;
}

/** Found again: its figures and severity as of now; a warning the system had cleared opens again. */
export async function refreshWarning(
  db: Queryable,
  id: string,
  w: { severity: WarningSeverity; params: WarningParams; regionCode: string; reopen: boolean },
): Promise<void> {
  await db.query(
    `UPDATE early_warnings SET severity = $2, params = $3, region_code = $4, seen_at = now(),
            status = CASE WHEN $5 THEN 'new' ELSE status END,
            cleared = CASE WHEN $5 THEN false ELSE cleared END,
            handled_at = CASE WHEN $5 THEN NULL ELSE handled_at END,
            raised_at = CASE WHEN $5 THEN now() ELSE raised_at END
      WHERE id = $1`,
    [id, w.severity, JSON.stringify(w.params), w.regionCode, w.reopen],
  );
}

/** The condition no longer holds: resolved by the system. */
export async function clearWarnings(db: Queryable, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.query(
    `UPDATE early_warnings SET status = 'resolved', cleared = true, handled_at = now(), handled_by = NULL
      WHERE id = ANY($1::uuid[]) AND status <> 'resolved'`,
    [ids],
  );
}

/** The open warnings about reports of these enterprises (taken off the list: nobody reports any more). */
export async function openEnterpriseWarnings(
  db: Queryable,
  enterpriseIds: readonly string[],
  rules: readonly WarningRule[],
): Promise<{ id: string; region_code: string }[]> {
  if (enterpriseIds.length === 0) return [];
  const { rows } = await db.query<{ id: string; region_code: string }>(
    `SELECT id, region_code FROM early_warnings
      WHERE enterprise_id = ANY($1::uuid[]) AND rule = ANY($2::text[]) AND status <> 'resolved' FOR UPDATE`,
    [enterpriseIds, rules],
  );
  return rows;
}

/** Enterprises with open warnings about their reports (the nightly run checks they are still on the list). */
export async function enterprisesWithOpenWarnings(db: Queryable, rules: readonly WarningRule[]): Promise<string[]> {
  const { rows } = await db.query<{ enterprise_id: string }>(
    `SELECT DISTINCT enterprise_id FROM early_warnings WHERE rule = ANY($1::text[]) AND status <> 'resolved'`,
    [rules],
  );
  return rows.map((r) => r.enterprise_id);
}

export async function addEvent(
  db: Queryable,
  e: {
    warningIds: readonly string[];
    regionCode: string;
    status: WarningStatus;
    bySystem: boolean;
    note?: string | null;
    actorId?: string | null;
  },
): Promise<void> {
  if (e.warningIds.length === 0) return;
  await db.query(
    `INSERT INTO early_warning_events (warning_id, region_code, status, by_system, note, actor_id)
     SELECT id, $2, $3, $4, $5, $6 FROM unnest($1::uuid[]) AS id`,
    [e.warningIds, e.regionCode, e.status, e.bySystem, e.note ?? null, e.actorId ?? null],
  );
}

// ——— the inbox ———

export interface WarningFilter {
  regionCodes: readonly string[];
  status: 'open' | 'all' | WarningStatus;
  severity?: WarningSeverity | undefined;
  rule?: WarningRule | undefined;
  enterpriseId?: string | undefined;
  planId?: string | undefined;
  q?: string | undefined;
}

function whereOf(f: WarningFilter): { where: string; params: unknown[] } {
  const params: unknown[] = [];
  const add = (v: unknown) => `$${params.push(v)}`;
  const where = [`w.region_code = ANY(${add(f.regionCodes)}::text[])`];
  if (f.status === 'open') where.push(`w.status <> 'resolved'`);
  else if (f.status !== 'all') where.push(`w.status = ${add(f.status)}`);
  if (f.severity) where.push(`w.severity = ${add(f.severity)}`);
  if (f.rule) where.push(`w.rule = ${add(f.rule)}`);
  if (f.enterpriseId) where.push(`w.enterprise_id = ${add(f.enterpriseId)}`);
  if (f.planId) where.push(`w.plan_id = ${add(f.planId)}`);
  if (f.q) {
    const like = add(`%${escapeLike(f.q.toUpperCase())}%`);
    where.push(`(upper(e.name) LIKE ${like} OR e.credit_code LIKE ${like})`);
  }
  return { where: where.join(' AND '), params };
}

/** A page of warnings: high first, then newest. */
export async function listWarnings(
  db: Queryable,
  f: WarningFilter,
  page: number,
  pageSize: number,
): Promise<{ rows: WarningRow[]; total: number }> {
  const { where, params } = whereOf(f);
  const [{ rows }, count] = await Promise.all([
    db.query<WarningRow>(
      `${SELECT} WHERE ${where}
        ORDER BY CASE w.severity WHEN 'high' THEN 0 WHEN 'medium' THEN 1 ELSE 2 END, w.raised_at DESC, w.id
        LIMIT ${Number(pageSize)} OFFSET ${(Number(page) - 1) * Number(pageSize)}`,
      params,
    ),
    db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM early_warnings w JOIN enterprises e ON e.id = w.enterprise_id WHERE ${where}`,
      params,
    ),
  ]);
  return { rows, total: count.rows[0]?.n ?? 0 };
}

export async function getWarning(
  db: Queryable,
  regionCodes: readonly string[],
  id: string,
  lock = false,
): Promise<WarningRow | undefined> {
  const { rows } = await db.query<WarningRow>(
    `${SELECT} WHERE w.id = $1 AND w.region_code = ANY($2::text[]) ${lock ? 'FOR UPDATE OF w' : ''}`,
    [id, regionCodes],
  );
  return rows[0];
}

export async function setStatus(
  db: Queryable,
  id: string,
  status: WarningStatus,
  note: string | null,
  actorId: string,
): Promise<void> {
  await db.query(
    `UPDATE early_warnings SET status = $2, note = COALESCE($3, note), handled_by = $4, handled_at = now()
      WHERE id = $1`,
    [id, status, note, actorId],
  );
}

export interface EventRow {
  status: WarningStatus;
  by_system: boolean;
  note: string | null;
  actor_name: string | null;
  at: Date;
}

export async function eventsOf(db: Queryable, id: string): Promise<EventRow[]> {
  const { rows } = await db.query<EventRow>(
    `SELECT ev.status, ev.by_system, ev.note, u.display_name AS actor_name, ev.at
       FROM early_warning_events ev LEFT JOIN users u ON u.id = ev.actor_id
      WHERE ev.warning_id = $1 ORDER BY ev.at, ev.id`,
    [id],
  );
  return rows;
}

/** The open warnings of a scope by severity, and how many nobody has taken up. */
export async function openCounts(
  db: Queryable,
  regionCodes: readonly string[],
): Promise<{ severity: WarningSeverity; status: WarningStatus; n: number }[]> {
  const { rows } = await db.query<{ severity: WarningSeverity; status: WarningStatus; n: number }>(
    `SELECT severity, status, count(*)::int AS n FROM early_warnings
      WHERE region_code = ANY($1::text[]) AND status <> 'resolved' GROUP BY severity, status`,
    [regionCodes],
  );
  return rows;
}
