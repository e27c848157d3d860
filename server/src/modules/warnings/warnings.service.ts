import {
  chinaToday,
  describeRule,
  type EarlyWarning,
  type EarlyWarningDetail,
  type EarlyWarningListQuery,
  type EarlyWarningSummary,
  type Lang,
  type Page,
  renderWarning,
  type UpdateWarningRuleBody,
  type UpdateWarningStatusBody,
  WARNING_RULE_DEFINITIONS,
  WARNING_RULES,
  WARNING_STATUS_LABELS,
  type WarningRule,
  type WarningRuleView,
  warningRuleProblems,
  warningStatusProblems,
  warningTransitionAllowed,
} from '@hexie/core';
import { withTx } from '../../db/pool.js';
import { audit } from '../../platform/audit.js';
import type { ServiceContext } from '../../platform/context.js';
import { AppError, invalidFields } from '../../platform/errors.js';
import type { Regions } from '../../platform/regions.js';
import { notFoundInScope } from '../../platform/scope-miss.js';
import { regionCodesOf } from '../enterprises/enterprises.service.js';
import { loadRules, type RunCounts, runWarnings } from './warnings.engine.js';
import * as repo from './warnings.repository.js';

function present(regions: Regions, lang: Lang, r: repo.WarningRow): EarlyWarning {
  return {
    id: r.id,
    rule: r.rule,
    subject: WARNING_RULE_DEFINITIONS[r.rule].subject,
    key: r.subject_key,
    severity: r.severity,
    status: r.status,
    cleared: r.cleared,
    ...renderWarning({ rule: r.rule, params: r.params }, lang),
    params: r.params,
    enterpriseId: r.enterprise_id,
    enterpriseName: r.enterprise_name,
    keyEnterpriseId: r.key_enterprise_id,
    planId: r.plan_id,
    regionCode: r.region_code,
    regionName: regions.fullName(r.region_code),
    raisedAt: r.raised_at.toISOString(),
    seenAt: r.seen_at.toISOString(),
    handledAt: r.handled_at?.toISOString() ?? null,
    handledBy: r.handled_by_name,
    note: r.note,
  };
}

/** 预警信息: the warnings of the caller's region, open ones by default, the gravest and newest first. */
export async function listWarnings(ctx: ServiceContext, q: EarlyWarningListQuery): Promise<Page<EarlyWarning>> {
  const { rows, total } = await repo.listWarnings(
    ctx.db,
    {
      regionCodes: regionCodesOf(ctx, q.regionCode),
      status: q.status,
      severity: q.severity,
      rule: q.rule,
      enterpriseId: q.enterpriseId,
      planId: q.planId,
      q: q.q || undefined,
    },
    q.page,
    q.pageSize,
  );
  return { items: rows.map((r) => present(ctx.regions, ctx.lang, r)), total, page: q.page, pageSize: q.pageSize };
}

export async function getWarning(ctx: ServiceContext, id: string): Promise<EarlyWarningDetail> {
  const row = await repo.getWarning(ctx.db, ctx.scope.codes, id);
  if (!row) throw await notFoundInScope(ctx, 'early_warning', id);
  const events = await repo.eventsOf(ctx.db, id);
  return {
    ...present(ctx.regions, ctx.lang, row),
    history: events.map((e) => ({
      status: e.status,
      bySystem: e.by_system,
      note: e.note,
      actorName: e.actor_name,
      at: e.at.toISOString(),
    })),
  };
}

/** 跟进 or 解除: a person takes a warning up, or closes it with what was done. Audited. */
export async function updateWarningStatus(
  ctx: ServiceContext,
  id: string,
  b: UpdateWarningStatusBody,
): Promise<EarlyWarningDetail> {
  const problems = warningStatusProblems(b);
  if (problems.length) throw invalidFields(problems);
  await withTx(ctx.db, async (tx) => {
    const row = await repo.getWarning(tx, ctx.scope.codes, id, true);
    if (!row) throw await notFoundInScope(ctx, 'early_warning', id);
    if (!warningTransitionAllowed(row.status, b.status)) {
      throw new AppError('warning_transition', {
        params: {
          status: WARNING_STATUS_LABELS[row.status][ctx.lang],
          to: WARNING_STATUS_LABELS[b.status][ctx.lang],
        },
      });
    }
    const note = b.note || null;
    await repo.setStatus(tx, id, b.status, note, ctx.actor.id);
    await repo.addEvent(tx, {
      warningIds: [id],
      regionCode: row.region_code,
      status: b.status,
      bySystem: false,
      note,
      actorId: ctx.actor.id,
    });
    await audit(tx, ctx, {
      action: b.status === 'resolved' ? 'early_warning.resolve' : 'early_warning.follow',
      entityType: 'early_warning',
      entityId: id,
      regionCode: row.region_code,
      result: 'success',
      details: {
        rule: row.rule,
        key: row.subject_key,
        before: { status: row.status },
        after: { status: b.status },
        note,
      },
    });
  });
  return getWarning(ctx, id);
}

const SUMMARY_LATEST = 5;

/** The home page's panel: open warnings of the caller's region by severity, and the newest grave ones. */
export async function warningSummary(ctx: ServiceContext): Promise<EarlyWarningSummary> {
  const [counts, latest] = await Promise.all([
    repo.openCounts(ctx.db, ctx.scope.codes),
    repo.listWarnings(ctx.db, { regionCodes: ctx.scope.codes, status: 'open' }, 1, SUMMARY_LATEST),
  ]);
  const bySeverity = { high: 0, medium: 0, low: 0 };
  let open = 0;
  let fresh = 0;
  for (const c of counts) {
    bySeverity[c.severity] += c.n;
    open += c.n;
    if (c.status === 'new') fresh += c.n;
  }
  return { open, new: fresh, bySeverity, latest: latest.rows.map((r) => present(ctx.regions, ctx.lang, r)) };
}

// ——— the rules ———

function ruleView(
  lang: Lang,
  rule: WarningRule,
  setting: ReturnType<typeof repo.settingOf>,
  row?: repo.RuleRow,
): WarningRuleView {
  const d = WARNING_RULE_DEFINITIONS[rule];
  return {
    rule,
    subject: d.subject,
    label: d.label[lang],
    description: describeRule(setting, lang),
    enabled: setting.enabled,
    severity: setting.severity,
    threshold: setting.threshold,
    unit: d.threshold?.unit ?? null,
    min: d.threshold?.min ?? null,
    max: d.threshold?.max ?? null,
    defaults: { severity: d.severity, threshold: d.threshold?.value ?? null },
    changed: !!row,
    updatedAt: row?.updated_at.toISOString() ?? null,
    updatedBy: row?.updated_by_name ?? null,
  };
}

/** 预警规则: every rule as it runs now (the administrator's setting over the default). */
export async function listWarningRules(ctx: ServiceContext): Promise<{ items: WarningRuleView[] }> {
  const rows = new Map((await repo.ruleRows(ctx.db)).map((r) => [r.rule, r]));
  const settings = await loadRules(ctx.db);
  return { items: WARNING_RULES.map((rule) => ruleView(ctx.lang, rule, settings[rule], rows.get(rule))) };
}

/** Sets a rule (province administrator); it applies from the next run. Audited with the before and after. */
export async function updateWarningRule(
  ctx: ServiceContext,
  rule: WarningRule,
  b: UpdateWarningRuleBody,
): Promise<WarningRuleView> {
  const problems = warningRuleProblems(rule, b);
  if (problems.length) throw invalidFields(problems);
  await withTx(ctx.db, async (tx) => {
    const before = (await loadRules(tx))[rule];
    await repo.lockRule(tx, rule);
    const after = { rule, enabled: b.enabled, severity: b.severity, threshold: b.threshold };
    await repo.saveRule(tx, after, ctx.actor.id);
    await audit(tx, ctx, {
      action: 'warning_rule.update',
      entityType: 'warning_rule',
      regionCode: ctx.actor.regionCode,
      result: 'success',
      details: { rule, before, after },
    });
  });
  const { items } = await listWarningRules(ctx);
  return items.find((r) => r.rule === rule) as WarningRuleView;
}

/** Runs every rule over the province now (as the nightly run does), for an administrator who changed a rule. */
export async function runWarningsNow(ctx: ServiceContext): Promise<RunCounts & { subjects: number }> {
  const result = await runWarnings({ db: ctx.db, regions: ctx.regions, log: ctx.log }, chinaToday());
  await audit(ctx.db, ctx, {
    action: 'early_warning.run',
    entityType: 'early_warning',
    regionCode: ctx.actor.regionCode,
    result: result.failed ? 'failure' : 'success',
    details: { ...result },
  });
  if (result.failed) throw new AppError('internal_error');
  const { failed: _failed, ...counts } = result;
  return counts;
}
