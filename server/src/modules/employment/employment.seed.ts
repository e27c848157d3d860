import {
  addDays,
  addMonths,
  type ConsultationTopic,
  chinaToday,
  type KeyReason,
  lastDueMonth,
  monthsBetween,
  openReportMonth,
  type PolicyKind,
  windowOf,
} from '@hexie/core';
import { type CopyTarget, copyRows } from '../../db/copy.js';
import type { Queryable } from '../../db/pool.js';
import { prng } from '../enterprises/enterprises.seed.js';

/**
 * Demo key enterprises (重点企业): the two largest enterprises of every county-level region (and of 长白山) and the demo enterprise
 * user's own, each with about fourteen months of monthly reports up to the last month due (the figures add up
 * month by month), some policies, guidance records and consultations. Trends are chosen so that the early warnings
 * have something to find: about one in seven declines by 10% or more against last year end, one in twenty drops by
 * 20 people or more in the last month due, one in twenty has sent nothing for the last two months due. A few were
 * taken off the list (one of them put back on). Deterministic for a given day; only into an empty ledger.
 */

type Profile = 'stable' | 'growing' | 'declining' | 'drop' | 'missing';

const STAFF = ['王立新', '李淑华', '张建国', '刘玉芬', '陈志刚', '杨秀英', '赵德胜', '黄丽娟', '孙洪波', '周晓梅'];
const GUIDANCE = [
  '上门走访，了解企业生产经营和用工情况，宣传失业保险稳岗返还政策。',
  '电话回访，企业订单基本稳定，暂无裁员计划。',
  '指导企业完善劳动合同管理，提示依法支付加班工资。',
  '召开座谈会，听取企业用工困难，协调人社部门提供招聘服务。',
  '了解到企业拟调整生产线，提示经济性裁员须依法履行程序，优先采取轮岗轮休等措施稳定岗位。',
  '指导企业申报技能提升补贴，组织职工参加岗位技能培训。',
  '协调税务部门解读阶段性减免政策，企业已提交申请材料。',
];
const DELIST_REASONS = ['生产经营恢复正常，用工稳定', '企业迁出本地区', '订单恢复，不再属于生产经营困难企业'];

const dayIn = (month: string, day: number) => `${month}-${String(day).padStart(2, '0')}`;

export async function seedDemoEmployment(db: CopyTarget & Queryable): Promise<number> {
  const { rows: existing } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM key_enterprises');
  if ((existing[0]?.n ?? 0) > 0) return 0;
  const { rows: picked } = await db.query<{
    id: string;
    region_code: string;
    employees: number | null;
    name: string;
    own: boolean;
  }>(
    `WITH own AS (SELECT enterprise_id FROM users WHERE username = 'qiye' AND enterprise_id IS NOT NULL),
     ranked AS (
       SELECT e.id, e.region_code, e.employees, e.name, e.credit_code,
              row_number() OVER (PARTITION BY e.region_code ORDER BY e.employees DESC NULLS LAST, e.credit_code) AS n
         FROM enterprises e JOIN regions r ON r.code = e.region_code
        -- county-level regions, and a unit with none under it (长白山)
        WHERE NOT EXISTS (SELECT 1 FROM regions c WHERE c.parent_code = r.code))
     SELECT id, region_code, employees, name, id IN (SELECT enterprise_id FROM own) AS own
       FROM ranked WHERE n <= 2 OR id IN (SELECT enterprise_id FROM own)
      ORDER BY region_code, credit_code`,
  );
  if (!picked.length) return 0;
  const { rows: followers } = await db.query<{ id: string; region_code: string }>(
    `SELECT id, region_code FROM users WHERE role IN ('region_admin', 'region_staff') AND NOT disabled`,
  );
  const followerOf = (code: string) =>
    followers.find((f) => f.region_code === `${code.slice(0, 4)}00` || f.region_code === code)?.id ?? null;

  const rnd = prng(20261202);
  const today = chinaToday();
  const lastDue = lastDueMonth(today);
  const open = openReportMonth(today);
  const first = addMonths(lastDue, -13);
  const yearEnd = `${Number(today.slice(0, 4)) - 1}-12`;
  /** months due since last year end: a decline is spread over them, to 11–18% below last year end */
  const sinceYearEnd = Math.max(0, monthsBetween(yearEnd, lastDue));
  const keys: unknown[][] = [];
  const listings: unknown[][] = [];
  const reports: unknown[][] = [];
  const policies: unknown[][] = [];
  const guidance: unknown[][] = [];
  const consultations: unknown[][] = [];

  picked.forEach((e, i) => {
    const start = Math.max(e.employees ?? 100, 50);
    let profile: Profile =
      i % 7 === 1
        ? 'declining'
        : i % 20 === 3
          ? 'drop'
          : i % 20 === 13
            ? 'missing'
            : i % 3 === 0
              ? 'growing'
              : 'stable';
    if (profile === 'drop' && start < 100) profile = 'declining';
    // The first few of the province's list are sure to show each warning; the enterprise user's own is steady.
    if (i === 0) profile = 'drop';
    if (i === 2) profile = 'missing';
    if (e.own) profile = 'stable';

    const keyId = crypto.randomUUID();
    const reasons: KeyReason[] = [];
    if (start >= 300 || (!e.own && !['declining', 'drop'].includes(profile))) reasons.push('large_headcount');
    if (profile === 'declining' || profile === 'drop') reasons.push('operating_difficulty');
    if (profile === 'drop') reasons.push('layoff_plan');
    if (e.own || i % 11 === 5) reasons.push('complaints');
    const listedOn = dayIn(addMonths(first, -1 - Math.floor(rnd() * 8)), 1 + Math.floor(rnd() * 27));
    // A few were taken off after a while; one in two of those was put back on.
    const offAndOn = !e.own && i % 25 === 7 ? 'off' : !e.own && i % 25 === 17 ? 'back' : null;
    const listed = offAndOn !== 'off';
    const follower = followerOf(e.region_code);
    keys.push([keyId, e.id, e.region_code, listed, follower, null, null, null]);
    if (offAndOn) {
      const offOn = dayIn(addMonths(first, 2 + Math.floor(rnd() * 4)), 10);
      listings.push([
        crypto.randomUUID(),
        keyId,
        e.region_code,
        listedOn,
        `{${reasons.join(',')}}`,
        null,
        offOn,
        DELIST_REASONS[i % DELIST_REASONS.length],
      ]);
      if (offAndOn === 'back') {
        listings.push([
          crypto.randomUUID(),
          keyId,
          e.region_code,
          addDays(offOn, 120),
          '{operating_difficulty}',
          '订单再次下滑，重新列入',
          null,
          null,
        ]);
      }
    } else {
      listings.push([crypto.randomUUID(), keyId, e.region_code, listedOn, `{${reasons.join(',')}}`, null, null, null]);
    }

    // The reports: month by month, the figures adding up (previous + hires − separations = headcount).
    let prev = start;
    const months: string[] = [];
    for (let m = first; m <= lastDue; m = addMonths(m, 1)) months.push(m);
    // Enterprises filing early in the open window: most of them, never the demo enterprise user's own.
    if (open && !e.own && profile !== 'drop' && rnd() < 0.6) months.push(open);
    const decline = sinceYearEnd ? 1 - (1 - (0.11 + rnd() * 0.07)) ** (1 / sinceYearEnd) : 0;
    for (const month of months) {
      if (profile === 'missing' && month > addMonths(lastDue, -2)) break;
      const afterYearEnd = month > yearEnd && month <= lastDue;
      const growth =
        !afterYearEnd || profile === 'stable' || profile === 'drop' || profile === 'missing'
          ? (rnd() - 0.5) * 0.02
          : profile === 'growing'
            ? 0.005 + rnd() * 0.01
            : -decline;
      let headcount = Math.max(10, Math.round(prev * (1 + growth)));
      const dropping = profile === 'drop' && month === lastDue;
      if (dropping) headcount = prev - (20 + Math.floor(rnd() * Math.min(60, prev / 4)));
      const churn = Math.floor(prev * (0.005 + rnd() * 0.015));
      const net = headcount - prev;
      const hires = (net > 0 ? net : 0) + churn;
      const out = (net < 0 ? -net : 0) + churn;
      // Who left: in a layoff month mostly dismissals; otherwise mostly resignations.
      const dismissed = dropping ? Math.round(out * 0.8) : Math.round(out * 0.1 * rnd());
      const retired = Math.min(out - dismissed, Math.floor(rnd() * 2));
      const contractEnded = Math.min(out - dismissed - retired, Math.round(out * 0.2 * rnd()));
      const other = Math.min(out - dismissed - retired - contractEnded, rnd() < 0.2 ? 1 : 0);
      const resigned = out - dismissed - retired - contractEnded - other;
      // Now and then a report that does not add up (a transfer within a group), with its note.
      const gap = rnd() < 0.03 ? 3 + Math.floor(rnd() * 5) : 0;
      const { opens, closes } = windowOf(month);
      const late = rnd() < 0.06;
      const filedOn = late ? addDays(closes, 3 + Math.floor(rnd() * 10)) : addDays(opens, Math.floor(rnd() * 10));
      const source = late ? 'staff' : rnd() < 0.75 ? 'enterprise' : rnd() < 0.5 ? 'import' : 'staff';
      reports.push([
        e.id,
        e.region_code,
        `${month}-01`,
        headcount - gap,
        hires,
        resigned,
        dismissed,
        contractEnded,
        retired,
        other,
        gap ? `${gap} 人调往集团内其他公司` : dropping ? '生产线停产，解除劳动合同' : null,
        source,
        late,
        `${filedOn > today ? today : filedOn}T10:00:00+08:00`,
      ]);
      prev = headcount - gap;
    }

    // Policies enjoyed, guidance given, consultations for those in difficulty.
    const nPolicies = Math.floor(rnd() * 3.2);
    for (let p = 0; p < nPolicies; p += 1) {
      const kind = (
        ['job_retention_refund', 'social_insurance_relief', 'skills_subsidy', 'tax_relief'] as PolicyKind[]
      )[(i + p) % 4] as PolicyKind;
      const amount =
        kind === 'job_retention_refund'
          ? start * (300 + Math.floor(rnd() * 700))
          : kind === 'social_insurance_relief'
            ? start * (150 + Math.floor(rnd() * 300))
            : kind === 'skills_subsidy'
              ? 1500 * (5 + Math.floor(rnd() * 40))
              : 20_000 + Math.floor(rnd() * 280) * 1000;
      policies.push([
        keyId,
        e.region_code,
        kind,
        amount.toFixed(2),
        addDays(today, -20 - Math.floor(rnd() * 330)),
        null,
      ]);
    }
    const nGuidance = 1 + Math.floor(rnd() * 4);
    for (let g = 0; g < nGuidance; g += 1) {
      guidance.push([
        keyId,
        e.region_code,
        addDays(today, -7 - g * 75 - Math.floor(rnd() * 40)),
        STAFF[(i + g) % STAFF.length],
        GUIDANCE[(i * 3 + g) % GUIDANCE.length],
      ]);
    }
    if (profile === 'declining' || profile === 'drop') {
      const topics: ConsultationTopic[] = profile === 'drop' ? ['wages', 'shorter_hours'] : ['wages', 'rotation'];
      const agreed = rnd() < 0.75;
      consultations.push([
        keyId,
        e.region_code,
        addDays(today, -30 - Math.floor(rnd() * 120)),
        `{${topics.join(',')}}`,
        '企业方：总经理、人力资源部负责人；职工方：工会主席及职工代表 5 人',
        agreed ? '双方就阶段性调整薪酬和轮岗安排达成一致。' : '双方分歧较大，约定一个月后再次协商。',
        agreed,
        agreed ? '未来三个月实行轮岗轮休，工资按原标准的 85% 发放，不低于最低工资标准；期间不实施经济性裁员。' : null,
      ]);
    }
  });

  await copyRows(
    db,
    'key_enterprises',
    ['id', 'enterprise_id', 'region_code', 'listed', 'follower_id', 'base_year', 'base_headcount', 'note'],
    keys,
  );
  await copyRows(
    db,
    'key_enterprise_listings',
    ['id', 'key_enterprise_id', 'region_code', 'listed_on', 'reasons', 'note', 'delisted_on', 'delist_reason'],
    listings,
  );
  await copyRows(
    db,
    'employment_reports',
    [
      'enterprise_id',
      'region_code',
      'month',
      'headcount',
      'hires',
      'separated_resigned',
      'separated_dismissed',
      'separated_contract_ended',
      'separated_retired',
      'separated_other',
      'note',
      'source',
      'late',
      'submitted_at',
    ],
    reports,
  );
  await copyRows(
    db,
    'key_enterprise_policies',
    ['key_enterprise_id', 'region_code', 'kind', 'amount', 'granted_on', 'note'],
    policies,
  );
  await copyRows(
    db,
    'key_enterprise_guidance',
    ['key_enterprise_id', 'region_code', 'guided_on', 'guided_by', 'content'],
    guidance,
  );
  await copyRows(
    db,
    'collective_consultations',
    [
      'key_enterprise_id',
      'region_code',
      'held_on',
      'topics',
      'participants',
      'result',
      'agreement_reached',
      'agreement_summary',
    ],
    consultations,
  );
  return keys.length;
}
