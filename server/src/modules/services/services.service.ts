import {
  type CreateExpertBody,
  type CreateServiceRecordBody,
  can,
  chinaToday,
  type Expert,
  type ExpertKind,
  isNewEnterpriseService,
  isValidPhone,
  maskPhone,
  NEW_ENTERPRISE_MONTHS,
  type Page,
  PROVINCE_CODE,
  PROVINCE_SERVICE_GOAL,
  type ServiceProgress,
  type ServiceRecord,
  type ServiceRecordListQuery,
  type ServiceTargetsBody,
  type UpdateExpertBody,
  type UpdateServiceRecordBody,
} from '@hexie/core';
import { withTx } from '../../db/pool.js';
import { audit, changes } from '../../platform/audit.js';
import type { ServiceContext } from '../../platform/context.js';
import { AppError, type FieldProblem } from '../../platform/errors.js';
import { notFoundInScope } from '../../platform/scope-miss.js';
import { regionCodesOf } from '../enterprises/enterprises.service.js';

// ——— 专家服务团队 ———

interface ExpertRow {
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

const EXPERT_COLUMNS = 'id, name, kind, organisation, title, region_code, phone, active, version';

function presentExpert(ctx: ServiceContext, r: ExpertRow, reveal = false): Expert {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    organisation: r.organisation,
    title: r.title,
    regionCode: r.region_code,
    regionName: ctx.regions.fullName(r.region_code),
    phone: r.phone && !reveal ? maskPhone(r.phone) : r.phone,
    phoneMasked: !!r.phone && !reveal,
    active: r.active,
    version: r.version,
  };
}

/** Experts a caller may call on: their region's and below, and the teams of the regions above (the province's). */
function expertRegions(ctx: ServiceContext): string[] {
  return [...new Set([...ctx.scope.codes, ...ctx.regions.lineage(ctx.actor.regionCode)])];
}

export async function listExperts(
  ctx: ServiceContext,
  q: {
    q?: string | undefined;
    kind?: ExpertKind | undefined;
    regionCode?: string | undefined;
    active?: 'true' | 'false' | undefined;
    page: number;
    pageSize: number;
  },
): Promise<Page<Expert>> {
  const params: unknown[] = [q.regionCode ? regionCodesOf(ctx, q.regionCode) : expertRegions(ctx)];
  const where = ['region_code = ANY($1::text[])'];
  if (q.q) {
    params.push(`%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    where.push(`(name LIKE $${params.length} OR organisation LIKE $${params.length})`);
  }
  if (q.kind) {
    params.push(q.kind);
    where.push(`kind = $${params.length}`);
  }
  if (q.active) {
    params.push(q.active === 'true');
    where.push(`active = $${params.length}`);
  }
  const sql = where.join(' AND ');
  const [count, rows] = await Promise.all([
    ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM service_experts WHERE ${sql}`, params),
    ctx.db.query<ExpertRow>(
      `SELECT ${EXPERT_COLUMNS} FROM service_experts WHERE ${sql} ORDER BY active DESC, region_code, name
        LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
      params,
    ),
  ]);
  return {
    items: rows.rows.map((r) => presentExpert(ctx, r)),
    total: count.rows[0]?.n ?? 0,
    page: q.page,
    pageSize: q.pageSize,
  };
}

export async function getExpert(ctx: ServiceContext, id: string, reveal = false): Promise<Expert> {
  const { rows } = await ctx.db.query<ExpertRow>(
    `SELECT ${EXPERT_COLUMNS} FROM service_experts WHERE id = $1 AND region_code = ANY($2::text[])`,
    [id, ctx.scope.codes],
  );
  const row = rows[0];
  if (!row) throw await notFoundInScope(ctx, 'service_expert', id);
  if (reveal && !can(ctx.actor.role, 'personal:read')) throw new AppError('forbidden');
  if (reveal && row.phone) {
    await audit(ctx.db, ctx, {
      action: 'service_expert.reveal',
      entityType: 'service_expert',
      entityId: id,
      regionCode: row.region_code,
      result: 'success',
      details: { fields: ['phone'] },
    });
  }
  return presentExpert(ctx, row, reveal);
}

function checkExpert(
  ctx: ServiceContext,
  b: { regionCode?: string | undefined; phone?: string | null | undefined },
): void {
  const problems: FieldProblem[] = [];
  if (b.regionCode !== undefined) {
    if (!ctx.regions.get(b.regionCode)) problems.push({ field: 'regionCode', code: 'unknown_region' });
    else if (!ctx.scope.includes(b.regionCode)) problems.push({ field: 'regionCode', code: 'region_out_of_scope' });
  }
  if (b.phone && !isValidPhone(b.phone)) problems.push({ field: 'phone', code: 'invalid_phone' });
  if (problems.length) throw new AppError('validation_failed', { fields: problems });
}

const masked = (v: Record<string, unknown>) => (typeof v.phone === 'string' ? { ...v, phone: maskPhone(v.phone) } : v);

export async function createExpert(ctx: ServiceContext, b: CreateExpertBody): Promise<Expert> {
  checkExpert(ctx, b);
  const id = await withTx(ctx.db, async (tx) => {
    const { rows } = await tx.query<{ id: string }>(
      `INSERT INTO service_experts (name, kind, organisation, title, region_code, phone, active)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [
        b.name,
        b.kind,
        b.organisation ?? null,
        b.title ?? null,
        b.regionCode,
        b.phone?.trim() || null,
        b.active ?? true,
      ],
    );
    const newId = (rows[0] as { id: string }).id;
    await audit(tx, ctx, {
      action: 'service_expert.create',
      entityType: 'service_expert',
      entityId: newId,
      regionCode: b.regionCode,
      result: 'success',
      details: { after: masked({ ...b }) },
    });
    return newId;
  });
  return getExpert(ctx, id);
}

export async function updateExpert(ctx: ServiceContext, id: string, b: UpdateExpertBody): Promise<Expert> {
  const { version, ...patch } = b;
  checkExpert(ctx, patch);
  await withTx(ctx.db, async (tx) => {
    const { rows } = await tx.query<ExpertRow>(
      `SELECT ${EXPERT_COLUMNS} FROM service_experts WHERE id = $1 AND region_code = ANY($2::text[]) FOR UPDATE`,
      [id, ctx.scope.codes],
    );
    const row = rows[0];
    if (!row) throw await notFoundInScope(ctx, 'service_expert', id);
    if (row.version !== version) throw new AppError('version_conflict', { params: { version: row.version } });
    const before = {
      name: row.name,
      kind: row.kind,
      organisation: row.organisation,
      title: row.title,
      regionCode: row.region_code,
      phone: row.phone,
      active: row.active,
    };
    const after = { ...before, ...patch, ...(patch.phone !== undefined ? { phone: patch.phone?.trim() || null } : {}) };
    const diff = changes(before, after);
    if (!diff) return;
    await tx.query(
      `UPDATE service_experts SET name = $2, kind = $3, organisation = $4, title = $5, region_code = $6, phone = $7,
              active = $8, version = version + 1, updated_at = now() WHERE id = $1`,
      [id, after.name, after.kind, after.organisation, after.title, after.regionCode, after.phone, after.active],
    );
    await audit(tx, ctx, {
      action: 'service_expert.update',
      entityType: 'service_expert',
      entityId: id,
      regionCode: after.regionCode,
      result: 'success',
      details: { before: masked(diff.before), after: masked(diff.after) },
    });
  });
  return getExpert(ctx, id);
}

// ——— 服务记录 ———

interface RecordRow {
  id: string;
  enterprise_id: string;
  enterprise_name: string;
  credit_code: string;
  registered_on: string | null;
  region_code: string;
  served_on: string;
  channel: ServiceRecord['channel'];
  topics: ServiceRecord['topics'];
  expert_ids: string[];
  experts: { id: string; name: string; kind: ExpertKind }[];
  findings: string | null;
  follow_up: string | null;
  follow_up_due: string | null;
  recorded_by_name: string;
  version: number;
  created_at: Date;
}

const RECORD_SELECT = `SELECT r.id, r.enterprise_id, e.name AS enterprise_name, e.credit_code, e.registered_on,
    r.region_code, r.served_on, r.channel, r.topics, r.expert_ids, r.findings, r.follow_up, r.follow_up_due,
    r.version, r.created_at, u.display_name AS recorded_by_name,
    coalesce((SELECT json_agg(json_build_object('id', x.id, 'name', x.name, 'kind', x.kind) ORDER BY x.name)
                FROM service_experts x WHERE x.id = ANY(r.expert_ids)), '[]') AS experts
  FROM service_records r JOIN enterprises e ON e.id = r.enterprise_id JOIN users u ON u.id = r.recorded_by`;

function presentRecord(ctx: ServiceContext, r: RecordRow): ServiceRecord {
  return {
    id: r.id,
    enterpriseId: r.enterprise_id,
    enterpriseName: r.enterprise_name,
    creditCode: r.credit_code,
    regionCode: r.region_code,
    regionName: ctx.regions.fullName(r.region_code),
    servedOn: r.served_on,
    channel: r.channel,
    topics: r.topics,
    experts: r.experts,
    findings: r.findings,
    followUp: r.follow_up,
    followUpDue: r.follow_up_due,
    newEnterprise: isNewEnterpriseService(r.registered_on, r.served_on),
    recordedBy: r.recorded_by_name,
    version: r.version,
    createdAt: r.created_at.toISOString(),
  };
}

export async function listServiceRecords(ctx: ServiceContext, q: ServiceRecordListQuery): Promise<Page<ServiceRecord>> {
  const params: unknown[] = [regionCodesOf(ctx, q.regionCode)];
  const where = ['r.region_code = ANY($1::text[])'];
  const add = (v: unknown, cond: (p: string) => string) => {
    params.push(v);
    where.push(cond(`$${params.length}`));
  };
  if (q.enterpriseId) add(q.enterpriseId, (p) => `r.enterprise_id = ${p}`);
  if (q.channel) add(q.channel, (p) => `r.channel = ${p}`);
  if (q.from) add(q.from, (p) => `r.served_on >= ${p}`);
  if (q.to) add(q.to, (p) => `r.served_on <= ${p}`);
  const sql = where.join(' AND ');
  const [count, rows] = await Promise.all([
    ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM service_records r WHERE ${sql}`, params),
    ctx.db.query<RecordRow>(
      `${RECORD_SELECT} WHERE ${sql} ORDER BY r.served_on DESC, r.created_at DESC
        LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
      params,
    ),
  ]);
  return {
    items: rows.rows.map((r) => presentRecord(ctx, r)),
    total: count.rows[0]?.n ?? 0,
    page: q.page,
    pageSize: q.pageSize,
  };
}

export async function getServiceRecord(ctx: ServiceContext, id: string): Promise<ServiceRecord> {
  const { rows } = await ctx.db.query<RecordRow>(
    `${RECORD_SELECT} WHERE r.id = $1 AND r.region_code = ANY($2::text[])`,
    [id, ctx.scope.codes],
  );
  if (!rows[0]) throw await notFoundInScope(ctx, 'service_record', id);
  return presentRecord(ctx, rows[0]);
}

/** Dates, and experts the caller may call on (existing, in their region or above). */
async function checkRecord(
  ctx: ServiceContext,
  b: { servedOn?: string | undefined; expertIds?: string[] | undefined; followUpDue?: string | null | undefined },
): Promise<void> {
  const problems: FieldProblem[] = [];
  if (b.servedOn && b.servedOn > chinaToday()) problems.push({ field: 'servedOn', code: 'future_date' });
  if (b.followUpDue && b.servedOn && b.followUpDue < b.servedOn) {
    problems.push({ field: 'followUpDue', code: 'invalid_value' });
  }
  if (b.expertIds?.length) {
    const { rows } = await ctx.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM service_experts WHERE id = ANY($1::uuid[]) AND region_code = ANY($2::text[])',
      [b.expertIds, expertRegions(ctx)],
    );
    if ((rows[0]?.n ?? 0) !== new Set(b.expertIds).size) problems.push({ field: 'expertIds', code: 'invalid_value' });
  }
  if (problems.length) throw new AppError('validation_failed', { fields: problems });
}

export async function createServiceRecord(ctx: ServiceContext, b: CreateServiceRecordBody): Promise<ServiceRecord> {
  const { rows } = await ctx.db.query<{ region_code: string }>(
    'SELECT region_code FROM enterprises WHERE id = $1 AND region_code = ANY($2::text[])',
    [b.enterpriseId, ctx.scope.codes],
  );
  const enterprise = rows[0];
  if (!enterprise)
    throw new AppError('validation_failed', { fields: [{ field: 'enterpriseId', code: 'invalid_value' }] });
  await checkRecord(ctx, b);
  const experts = [...new Set(b.expertIds ?? [])];
  const id = await withTx(ctx.db, async (tx) => {
    const created = await tx.query<{ id: string }>(
      `INSERT INTO service_records (enterprise_id, region_code, served_on, channel, topics, expert_ids, findings, follow_up,
         follow_up_due, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
      [
        b.enterpriseId,
        enterprise.region_code,
        b.servedOn,
        b.channel,
        [...new Set(b.topics)],
        experts,
        b.findings ?? null,
        b.followUp ?? null,
        b.followUpDue ?? null,
        ctx.actor.id,
      ],
    );
    const newId = (created.rows[0] as { id: string }).id;
    await audit(tx, ctx, {
      action: 'service_record.create',
      entityType: 'service_record',
      entityId: newId,
      regionCode: enterprise.region_code,
      result: 'success',
      details: { after: { ...b, expertIds: experts } },
    });
    return newId;
  });
  return getServiceRecord(ctx, id);
}

export async function updateServiceRecord(
  ctx: ServiceContext,
  id: string,
  b: UpdateServiceRecordBody,
): Promise<ServiceRecord> {
  const { version, ...patch } = b;
  await withTx(ctx.db, async (tx) => {
    const { rows } = await tx.query<RecordRow>(
      `SELECT r.id, r.served_on, r.channel, r.topics, r.expert_ids, r.findings, r.follow_up, r.follow_up_due, r.version,
              r.region_code
         FROM service_records r WHERE r.id = $1 AND r.region_code = ANY($2::text[]) FOR UPDATE`,
      [id, ctx.scope.codes],
    );
    const row = rows[0];
    if (!row) throw await notFoundInScope(ctx, 'service_record', id);
    if (row.version !== version) throw new AppError('version_conflict', { params: { version: row.version } });
    const before = {
      servedOn: row.served_on,
      channel: row.channel,
      topics: row.topics,
      expertIds: row.expert_ids,
      findings: row.findings,
      followUp: row.follow_up,
      followUpDue: row.follow_up_due,
    };
    const after = { ...before, ...patch };
    await checkRecord(ctx, { servedOn: after.servedOn, followUpDue: after.followUpDue, expertIds: patch.expertIds });
    const diff = changes(before, after);
    if (!diff) return;
    await tx.query(
      `UPDATE service_records SET served_on = $2, channel = $3, topics = $4, expert_ids = $5, findings = $6,
              follow_up = $7, follow_up_due = $8, version = version + 1, updated_at = now() WHERE id = $1`,
      [
        id,
        after.servedOn,
        after.channel,
        after.topics,
        after.expertIds,
        after.findings,
        after.followUp,
        after.followUpDue,
      ],
    );
    await audit(tx, ctx, {
      action: 'service_record.update',
      entityType: 'service_record',
      entityId: id,
      regionCode: row.region_code,
      result: 'success',
      details: diff,
    });
  });
  return getServiceRecord(ctx, id);
}

// ——— 目标与进度 ———

/** 年度目标 of the reporting units in the caller's scope. */
export async function getTargets(ctx: ServiceContext, year: number) {
  const { rows } = await ctx.db.query<{ region_code: string; target: number }>(
    'SELECT region_code, target FROM service_targets WHERE year = $1 AND region_code = ANY($2::text[])',
    [year, ctx.scope.codes],
  );
  const byCode = new Map(rows.map((r) => [r.region_code, r.target]));
  return {
    year,
    targets: ctx.regions
      .reportingUnits()
      .filter((u) => ctx.scope.includes(u.code))
      .map((u) => ({ regionCode: u.code, regionName: u.name, target: byCode.get(u.code) ?? null })),
  };
}

/** The province sets each reporting unit's yearly target, in one transaction, audited. */
export async function setTargets(ctx: ServiceContext, body: ServiceTargetsBody) {
  const units = new Set(ctx.regions.reportingUnits().map((u) => u.code));
  const problems: FieldProblem[] = [];
  body.targets.forEach((t, i) => {
    if (!units.has(t.regionCode)) problems.push({ field: `targets.${i}.regionCode`, code: 'invalid_value' });
  });
  if (problems.length) throw new AppError('validation_failed', { fields: problems });
  await withTx(ctx.db, async (tx) => {
    const before = await tx.query<{ region_code: string; target: number }>(
      'SELECT region_code, target FROM service_targets WHERE year = $1 FOR UPDATE',
      [body.year],
    );
    await tx.query(
      `INSERT INTO service_targets (region_code, year, target, updated_by)
       SELECT r.code, $2, r.target, $3 FROM jsonb_to_recordset($1::jsonb) AS r(code text, target int)
       ON CONFLICT (region_code, year) DO UPDATE SET target = EXCLUDED.target, updated_by = EXCLUDED.updated_by,
         updated_at = now()`,
      [JSON.stringify(body.targets.map((t) => ({ code: t.regionCode, target: t.target }))), body.year, ctx.actor.id],
    );
    await audit(tx, ctx, {
      action: 'service_target.set',
      entityType: 'service_target',
      entityId: String(body.year),
      regionCode: PROVINCE_CODE,
      result: 'success',
      details: {
        year: body.year,
        before: Object.fromEntries(before.rows.map((r) => [r.region_code, r.target])),
        after: Object.fromEntries(body.targets.map((t) => [t.regionCode, t.target])),
      },
    });
  });
  return getTargets(ctx, body.year);
}

/**
 * 服务新注册企业户数: an enterprise counts once, in the year of its first service that found it newly registered
 * (within NEW_ENTERPRISE_MONTHS of registration). Counted by the region it was in when served.
 */
export async function serviceProgress(
  ctx: ServiceContext,
  year: number,
  regionCode?: string,
): Promise<ServiceProgress> {
  const root = regionCode ?? ctx.actor.regionCode;
  if (!ctx.scope.includes(root))
    throw new AppError('validation_failed', { fields: [{ field: 'regionCode', code: 'region_out_of_scope' }] });
  const node = ctx.regions.get(root);
  if (!node) throw new AppError('not_found');
  const codes = ctx.regions.scopeOf(root).codes;
  const firsts = `
    SELECT DISTINCT ON (r.enterprise_id) r.enterprise_id, r.region_code, r.served_on
      FROM service_records r JOIN enterprises e ON e.id = r.enterprise_id
     WHERE r.region_code = ANY($1::text[])
       AND e.registered_on IS NOT NULL AND e.registered_on <= r.served_on
       AND e.registered_on >= r.served_on - make_interval(months => $2)
     ORDER BY r.enterprise_id, r.served_on`;
  const [byRegion, monthly, allYears, targets] = await Promise.all([
    ctx.db.query<{ region_code: string; n: number }>(
      `SELECT region_code, count(*)::int AS n FROM (${firsts}) f
        WHERE f.served_on >= make_date($3, 1, 1) AND f.served_on < make_date($3 + 1, 1, 1) GROUP BY region_code`,
      [codes, NEW_ENTERPRISE_MONTHS, year],
    ),
    ctx.db.query<{ month: string; n: number }>(
      `SELECT to_char(served_on, 'YYYY-MM') AS month, count(*)::int AS n FROM (${firsts}) f
        WHERE f.served_on >= make_date($3, 1, 1) AND f.served_on < make_date($3 + 1, 1, 1) GROUP BY 1 ORDER BY 1`,
      [codes, NEW_ENTERPRISE_MONTHS, year],
    ),
    ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM (${firsts}) f`, [codes, NEW_ENTERPRISE_MONTHS]),
    ctx.db.query<{ region_code: string; target: number }>(
      'SELECT region_code, target FROM service_targets WHERE year = $1 AND region_code = ANY($2::text[])',
      [year, codes],
    ),
  ]);
  const served = new Map(byRegion.rows.map((r) => [r.region_code, r.n]));
  const target = new Map(targets.rows.map((r) => [r.region_code, r.target]));
  const sumIn = (code: string) => ctx.regions.scopeOf(code).codes.reduce((s, c) => s + (served.get(c) ?? 0), 0);
  const rate = (s: number, t: number | null) => (t ? Math.round((s / t) * 1000) / 1000 : null);
  const units = node.children.map((c) => {
    const s = sumIn(c.code);
    const t = target.get(c.code) ?? null;
    return { regionCode: c.code, regionName: c.name, target: t, served: s, rate: rate(s, t) };
  });
  const totalServed = sumIn(root);
  const ownTarget =
    target.get(root) ?? (units.some((u) => u.target !== null) ? units.reduce((s, u) => s + (u.target ?? 0), 0) : null);
  const months = Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
  const perMonth = new Map(monthly.rows.map((m) => [m.month, m.n]));
  return {
    year,
    regionCode: root,
    regionName: ctx.regions.fullName(root),
    target: ownTarget,
    served: totalServed,
    rate: rate(totalServed, ownTarget),
    goal: { target: PROVINCE_SERVICE_GOAL, served: allYears.rows[0]?.n ?? 0 },
    units,
    monthly: months.map((month) => ({ month, served: perMonth.get(month) ?? 0 })),
  };
}
