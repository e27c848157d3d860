import {
  chinaToday,
  clearedBy,
  enterpriseWarnings,
  planWarnings,
  type RaisedWarning,
  ruleSettings,
  WARNING_RULE_DEFINITIONS,
  WARNING_RULES,
  type WarningFindings,
  type WarningRule,
  type WarningRuleSettings,
  watchedSince,
} from '@hexie/core';
import pg from 'pg';
import { type Db, type Queryable, withTx } from '../../db/pool.js';
import type { Platform } from '../../platform/context.js';
import { defineJob, type JobLog } from '../../platform/jobs.js';
import { type NotificationDraft, notify, staffCovering } from '../../platform/notifications.js';
import type { Regions } from '../../platform/regions.js';
import { delistedEnterpriseIds, type WatchedEnterprise, watchedEnterprises } from '../employment/facts.js';
import { type EvaluatedPlan, evaluatedPlans } from '../layoffs/layoffs.service.js';
import * as repo from './warnings.repository.js';

/**
 * The early-warning engine: core's rules (enterpriseWarnings, planWarnings) over the stored facts, their findings
 * written to early_warnings. Run for one enterprise inside the transaction of its monthly report, for one plan
 * inside the transaction that saved it, and nightly for the province. What it writes for a subject:
 * a warning found for the first time is raised (and its people told in-app); one found again gets today's
 * figures; one the system had cleared opens again; an open one no longer found is cleared by the system.
 * A warning a person resolved stays resolved.
 */

const ENTERPRISE_RULES = WARNING_RULES.filter((r) => WARNING_RULE_DEFINITIONS[r].subject === 'enterprise');
const PLAN_RULES = WARNING_RULES.filter((r) => WARNING_RULE_DEFINITIONS[r].subject === 'plan');

export interface EngineEnv {
  db: Queryable;
  regions: Regions;
  log: JobLog;
}

export async function loadRules(db: Queryable): Promise<WarningRuleSettings> {
  return ruleSettings((await repo.ruleRows(db)).map(repo.settingOf));
}

/** What a run did. */
export interface RunCounts {
  raised: number;
  refreshed: number;
  reopened: number;
  cleared: number;
}

const zero = (): RunCounts => ({ raised: 0, refreshed: 0, reopened: 0, cleared: 0 });
const addTo = (a: RunCounts, b: RunCounts) => {
  a.raised += b.raised;
  a.refreshed += b.refreshed;
  a.reopened += b.reopened;
  a.cleared += b.cleared;
};

interface Subject {
  enterpriseId: string;
  enterpriseName: string;
  planId: string | null;
  regionCode: string;
  followerId: string | null;
}

/** Writes one subject's findings; answers the counts and the warnings newly raised or opened again. */
async function apply(
  env: EngineEnv,
  subject: Subject,
  rules: readonly WarningRule[],
  findings: WarningFindings,
): Promise<{ counts: RunCounts; fresh: { id: string; w: RaisedWarning }[] }> {
  const counts = zero();
  const fresh: { id: string; w: RaisedWarning }[] = [];
  const existing = await repo.warningsOfSubject(env.db, subject, rules);
  const byKey = new Map(existing.map((e) => [`${e.rule}|${e.subject_key}`, e]));
  for (const w of findings.raised) {
    const old = byKey.get(`${w.rule}|${w.key}`);
    if (!old) {
      const id = await repo.insertWarning(env.db, {
        rule: w.rule,
        key: w.key,
        enterpriseId: subject.enterpriseId,
        planId: subject.planId,
        regionCode: subject.regionCode,
        severity: w.severity,
        params: w.params,
      });
      if (id) {
        await repo.addEvent(env.db, {
          warningIds: [id],
          regionCode: subject.regionCode,
          status: 'new',
          bySystem: true,
        });
        counts.raised += 1;
        fresh.push({ id, w });
      }
      continue;
    }
    // A person's resolution stands; the figures of a warning still open (or cleared) follow the facts.
    if (old.status === 'resolved' && !old.cleared) continue;
    const reopen = old.status === 'resolved' && old.cleared;
    await repo.refreshWarning(env.db, old.id, {
      severity: w.severity,
      params: w.params,
      regionCode: subject.regionCode,
      reopen,
    });
    if (reopen) {
      await repo.addEvent(env.db, {
        warningIds: [old.id],
        regionCode: subject.regionCode,
        status: 'new',
        bySystem: true,
      });
      counts.reopened += 1;
      fresh.push({ id: old.id, w });
    } else counts.refreshed += 1;
  }
  const gone = existing.filter((e) => e.status !== 'resolved' && clearedBy(findings, e.rule, e.subject_key));
  if (gone.length) {
    const ids = gone.map((e) => e.id);
    await repo.clearWarnings(env.db, ids);
    await repo.addEvent(env.db, {
      warningIds: ids,
      regionCode: subject.regionCode,
      status: 'resolved',
      bySystem: true,
    });
    counts.cleared += gone.length;
  }
  return { counts, fresh };
}

/**
 * Tells the people who follow an enterprise of its new warnings (站内提醒): its follower, and the staff with
 * employment:write of its region and the city above it (the province reads its inbox; it is not told of each).
 */
async function tell(env: EngineEnv, subject: Subject, fresh: { id: string; w: RaisedWarning }[]): Promise<void> {
  if (fresh.length === 0) return;
  const near = new Set(env.regions.lineage(subject.regionCode).slice(0, 2));
  const province = env.regions.lineage(subject.regionCode).at(-1);
  if (province) near.delete(province);
  const staff = (await staffCovering(env.db, env.regions, 'employment:write', [subject.regionCode])).get(
    subject.regionCode,
  );
  const nearStaff = await usersIn(env.db, staff ?? [], [...near]);
  const recipients = new Set([...(subject.followerId ? [subject.followerId] : []), ...nearStaff]);
  const drafts: NotificationDraft[] = fresh.flatMap(({ id, w }) =>
    [...recipients].map((recipientId) => ({
      recipientId,
      regionCode: subject.regionCode,
      kind: 'early_warning' as const,
      subjectType: 'early_warning' as const,
      subjectId: id,
      params: { enterpriseName: subject.enterpriseName, rule: w.rule, severity: w.severity },
      dueOn: null,
    })),
  );
  await notify(env.db, drafts, env.log);
}

/** Of these users, the active ones whose region is one of these (the follower may sit anywhere). */
async function usersIn(db: Queryable, ids: readonly string[], regionCodes: readonly string[]): Promise<string[]> {
  if (ids.length === 0 || regionCodes.length === 0) return [];
  const { rows } = await db.query<{ id: string }>(
    `SELECT id FROM users WHERE id = ANY($1::uuid[]) AND region_code = ANY($2::text[]) AND NOT disabled`,
    [ids, regionCodes],
  );
  return rows.map((r) => r.id);
}

async function runEnterprise(
  env: EngineEnv,
  e: WatchedEnterprise,
  rules: WarningRuleSettings,
  today: string,
): Promise<RunCounts> {
  const findings = enterpriseWarnings(e, rules, today);
  const subject: Subject = {
    enterpriseId: e.enterpriseId,
    enterpriseName: e.enterpriseName,
    planId: null,
    regionCode: e.regionCode,
    followerId: e.followerId,
  };
  const { counts, fresh } = await apply(env, subject, ENTERPRISE_RULES, findings);
  await tell(env, subject, fresh);
  return counts;
}

async function runPlan(
  env: EngineEnv,
  p: EvaluatedPlan,
  rules: WarningRuleSettings,
  followers: Map<string, string | null>,
): Promise<RunCounts> {
  const findings = planWarnings(
    {
      planId: p.id,
      plannedOn: p.plannedOn,
      plannedLayoffs: p.plannedLayoffs,
      wagesSettled: p.summary.wagesSettled,
      wageArrears: p.summary.wageArrears,
      evaluation: p.evaluation,
    },
    rules,
  );
  const subject: Subject = {
    enterpriseId: p.enterpriseId,
    enterpriseName: p.enterpriseName,
    planId: p.id,
    regionCode: p.regionCode,
    followerId: followers.get(p.enterpriseId) ?? null,
  };
  const { counts, fresh } = await apply(env, subject, PLAN_RULES, findings);
  await tell(env, subject, fresh);
  return counts;
}

async function followersOf(db: Queryable, enterpriseIds: readonly string[]): Promise<Map<string, string | null>> {
  if (enterpriseIds.length === 0) return new Map();
  const { rows } = await db.query<{ enterprise_id: string; follower_id: string | null }>(
    `SELECT enterprise_id, follower_id FROM key_enterprises WHERE listed AND enterprise_id = ANY($1::uuid[])`,
    [enterpriseIds],
  );
  return new Map(rows.map((r) => [r.enterprise_id, r.follower_id]));
}

/** After a monthly report (inside its transaction): the enterprise rules for that enterprise. */
export async function evaluateEnterprise(
  env: EngineEnv,
  enterpriseId: string,
  today = chinaToday(),
): Promise<RunCounts> {
  const rules = await loadRules(env.db);
  const [e] = await watchedEnterprises(env.db, watchedSince(today), { enterpriseIds: [enterpriseId] });
  return e ? runEnterprise(env, e, rules, today) : zero();
}

/** After a plan is saved (inside its transaction): the plan rules for that plan. */
export async function evaluatePlan(env: EngineEnv, planId: string, today = chinaToday()): Promise<RunCounts> {
  const rules = await loadRules(env.db);
  const [p] = await evaluatedPlans(env, { ids: [planId] }, today);
  if (!p) return zero();
  return runPlan(env, p, rules, await followersOf(env.db, [p.enterpriseId]));
}

/**
 * The nightly run over the province: every enterprise on the key list, every plan of this year and last, and the
 * report warnings of enterprises taken off the list cleared. Each subject is written in a transaction of its own:
 * a failure of one is logged and does not stop the rest.
 */
export async function runWarnings(
  env: { db: Db | pg.ClientBase; regions: Regions; log: JobLog },
  today = chinaToday(),
): Promise<RunCounts & { subjects: number; failed: number }> {
  const rules = await loadRules(env.db);
  const total = zero();
  let failed = 0;
  // On the pool, a transaction per subject; on one client (the demo seed), the client's own.
  const { db } = env;
  const transact = <T>(work: (tx: Queryable) => Promise<T>): Promise<T> =>
    db instanceof pg.Pool ? withTx(db, work) : work(db);
  const each = async (what: string, work: (tx: EngineEnv) => Promise<RunCounts>) => {
    try {
      addTo(total, await transact((tx) => work({ db: tx, regions: env.regions, log: env.log })));
    } catch (err) {
      failed += 1;
      env.log.error({ err, subject: what }, 'early warnings: a subject failed');
    }
  };
  const enterprises = await watchedEnterprises(env.db, watchedSince(today));
  for (const e of enterprises) await each(`enterprise ${e.enterpriseId}`, (tx) => runEnterprise(tx, e, rules, today));
  const plans = await evaluatedPlans(env, { minYear: Number(today.slice(0, 4)) - 1 }, today);
  const followers = await followersOf(env.db, [...new Set(plans.map((p) => p.enterpriseId))]);
  for (const p of plans) await each(`plan ${p.id}`, (tx) => runPlan(tx, p, rules, followers));
  // Off the list: nobody reports any more, the report warnings have nothing left to say.
  const delisted = await delistedEnterpriseIds(
    env.db,
    await repo.enterprisesWithOpenWarnings(env.db, ENTERPRISE_RULES),
  );
  await each('delisted', async (tx) => {
    const stale = await repo.openEnterpriseWarnings(tx.db, delisted, ENTERPRISE_RULES);
    for (const w of stale) {
      await repo.clearWarnings(tx.db, [w.id]);
      await repo.addEvent(tx.db, { warningIds: [w.id], regionCode: w.region_code, status: 'resolved', bySystem: true });
    }
    return { ...zero(), cleared: stale.length };
  });
  return { ...total, subjects: enterprises.length + plans.length, failed };
}

/** Daily at 06:30 China time (before the day's work and the 07:00 deadline warnings), and once at start. */
export const warningsJob = defineJob<Record<string, never>>({
  queue: 'early-warnings',
  options: {
    retryLimit: 2,
    retryDelay: 60,
    expireInSeconds: 30 * 60,
    deleteAfterSeconds: 7 * 24 * 60 * 60,
    retentionSeconds: 24 * 60 * 60,
  },
  schedule: { cron: '30 6 * * *', data: {}, atStart: true },
  async run(platform: Platform, _data, log) {
    await runWarnings({ db: platform.db, regions: platform.regions, log });
  },
});
