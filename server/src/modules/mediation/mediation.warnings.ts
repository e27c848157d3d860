import { addDays, chinaToday, MEDIATION_RULES, mediationDeadlineWarning } from '@hexie/core';
import type { Queryable } from '../../db/pool.js';
import { defineJob, type JobLog } from '../../platform/jobs.js';
import { type NotificationDraft, notify, staffCovering } from '../../platform/notifications.js';
import type { Regions } from '../../platform/regions.js';
import { openCasesDueBy } from './mediation.repository.js';

/**
 * 到期提醒 (issue 4 item 4): every open case whose pending deadline is within the warning days (3) or past warns
 * the people who handle it — active users with mediation:write whose region covers the case's. Each warning is
 * made once per person, case and deadline (the notifications' key), so the scan may run as often as it likes:
 * a case due soon warns once, and once more when it turns overdue; an extension (a new deadline) warns again.
 */
export interface DeadlineScan {
  /** open cases within the warning days or past their deadline */
  cases: number;
  /** notifications newly made */
  created: number;
}

/** The scan for one day (`today` in China time: the tests pass their own). */
export async function scanMediationDeadlines(
  env: { db: Queryable; regions: Regions; log: JobLog },
  today: string = chinaToday(),
): Promise<DeadlineScan> {
  const cases = await openCasesDueBy(env.db, addDays(today, MEDIATION_RULES.warnDays));
  const warned = cases.flatMap((c) => {
    const warning = mediationDeadlineWarning(
      { status: c.status, acceptanceDue: c.acceptance_due, effectiveDue: c.effective_due },
      today,
    );
    return warning ? [{ c, warning }] : [];
  });
  if (warned.length === 0) return { cases: 0, created: 0 };
  const staff = await staffCovering(
    env.db,
    env.regions,
    'mediation:write',
    warned.map(({ c }) => c.region_code),
  );
  const drafts: NotificationDraft[] = warned.flatMap(({ c, warning }) =>
    (staff.get(c.region_code) ?? []).map((recipientId) => ({
      recipientId,
      regionCode: c.region_code,
      kind: warning.kind,
      subjectType: 'mediation_case' as const,
      subjectId: c.id,
      // The tracking code and the employer: enough to find the case, nothing about the applicant (SMS-safe).
      params: {
        trackingCode: c.tracking_code,
        respondentName: c.respondent_name,
        deadline: warning.deadline,
        due: warning.due,
      },
      dueOn: warning.due,
    })),
  );
  const created = await notify(env.db, drafts, env.log);
  return { cases: warned.length, created: created.length };
}

/** Daily at 07:00 China time, and once whenever a process starts (a day's first start after the night). */
export const mediationDeadlineJob = defineJob<Record<string, never>>({
  queue: 'mediation-deadline-warnings',
  options: {
    retryLimit: 2,
    retryDelay: 60,
    expireInSeconds: 30 * 60,
    deleteAfterSeconds: 7 * 24 * 60 * 60,
    retentionSeconds: 24 * 60 * 60,
  },
  schedule: { cron: '0 7 * * *', data: {}, atStart: true },
  async run(platform, _data, log) {
    await scanMediationDeadlines({ db: platform.db, regions: platform.regions, log });
  },
});
