import type { RegionNode, Role } from '@hexie/core';
import type { ServiceContext } from '../../platform/context.js';

/** Real figures for the home page, all within the caller's region. */
export async function dashboardSummary(ctx: ServiceContext) {
  const node = ctx.regions.get(ctx.actor.regionCode) as RegionNode;
  const sub = { prefectures: 0, counties: 0, statistical: 0 };
  const walk = (n: RegionNode) => {
    for (const c of n.children) {
      if (c.level === 'prefecture') sub.prefectures++;
      else if (c.statistical) sub.statistical++;
      else sub.counties++;
      walk(c);
    }
  };
  walk(node);

  const users = await ctx.db.query<{ role: Role; total: number; disabled: number; locked: number }>(
    `SELECT u.role, count(*)::int AS total, count(*) FILTER (WHERE u.disabled)::int AS disabled,
            count(t.username_key)::int AS locked
       FROM users u LEFT JOIN login_throttle t ON t.username_key = lower(u.username) AND t.locked_until > now()
      WHERE u.region_code = ANY($1::text[]) GROUP BY u.role`,
    [ctx.scope.codes],
  );
  const byRole = users.rows.map((r) => ({ role: r.role, count: r.total }));
  const total = users.rows.reduce((s, r) => s + r.total, 0);
  const disabled = users.rows.reduce((s, r) => s + r.disabled, 0);
  const locked = users.rows.reduce((s, r) => s + r.locked, 0);

  const activity = await ctx.db.query<{ date: string; logins: number; failures: number; changes: number }>(
    `WITH days AS (
       SELECT to_char(d, 'YYYY-MM-DD') AS date
         FROM generate_series((now() AT TIME ZONE 'Asia/Shanghai')::date - 13,
                              (now() AT TIME ZONE 'Asia/Shanghai')::date, interval '1 day') d)
     SELECT days.date,
            count(e.id) FILTER (WHERE e.action = 'auth.login')::int AS logins,
            count(e.id) FILTER (WHERE e.action = 'auth.login_failed')::int AS failures,
            count(e.id) FILTER (WHERE e.action NOT LIKE 'auth.%')::int AS changes
       FROM days LEFT JOIN audit_events e
         ON to_char(e.at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') = days.date
        AND e.at >= now() - interval '15 days' AND e.region_code = ANY($1::text[])
      GROUP BY days.date ORDER BY days.date`,
    [ctx.scope.codes],
  );

  const children = node.children;
  const perRegion = await ctx.db.query<{ code: string; n: number }>(
    'SELECT region_code AS code, count(*)::int AS n FROM users WHERE region_code = ANY($1::text[]) GROUP BY region_code',
    [ctx.scope.codes],
  );
  const counts = new Map(perRegion.rows.map((r) => [r.code, r.n]));
  const byRegion = [
    { code: node.code, name: node.name, users: counts.get(node.code) ?? 0 },
    ...children.map((c) => {
      const codes = ctx.regions.scopeOf(c.code).codes;
      return { code: c.code, name: c.name, users: codes.reduce((s, code) => s + (counts.get(code) ?? 0), 0) };
    }),
  ];

  return {
    region: { code: node.code, name: node.name, level: node.level },
    subregions: sub,
    users: { total, active: total - disabled, disabled, locked, byRole },
    activity: activity.rows,
    byRegion,
  };
}
