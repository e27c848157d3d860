import {
  addDays,
  type CaseStatus,
  caseDeadlines,
  chinaToday,
  DISPUTE_TYPES,
  type DisputeType,
  documentNumber,
  idNumberCheckChar,
  isOpen,
  reviewApplicationDue,
  TRACKING_ALPHABET,
} from '@hexie/core';
import { type CopyTarget, copyRows } from '../../db/copy.js';
import type { Queryable } from '../../db/pool.js';
import { prng } from '../enterprises/enterprises.seed.js';

const SURNAMES = [...'王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗'];
const GIVEN = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀英',
  '桂兰',
  '建华',
];
/** The trades of the demo's respondents (the benchmark's million cases use them too). */
export const FIRMS = [
  '商贸',
  '建筑工程',
  '物业服务',
  '餐饮管理',
  '汽车零部件',
  '食品',
  '物流',
  '科技',
  '农业开发',
  '装饰工程',
];
/** A plain account of each kind of dispute, as an applicant writes it. */
export const FACTS: Record<DisputeType, string> = {
  wages: '单位拖欠本人近三个月工资，多次催要未果，请求支付拖欠的工资。',
  severance: '单位以经营困难为由解除劳动合同，未支付经济补偿，请求依法支付。',
  social_insurance: '单位未依法为本人缴纳社会保险费，请求补缴。',
  contract: '入职后单位一直未与本人签订书面劳动合同，请求支付二倍工资差额。',
  work_injury: '本人在工作中受伤并已认定为工伤，单位未支付停工留薪期工资，请求支付。',
  other: '单位未安排带薪年休假，也未支付年休假工资报酬，请求支付。',
};

/**
 * Demo mediation organisations: a 劳动人事争议调解中心 in every county-level region (most meeting the plan's
 * standard and filed, one in five without its rules posted), each with a full-time mediator; and a year of cases
 * for each with realistic outcomes (about two in three concluded ones agreed), their deadlines computed by core.
 * Only into an empty register.
 */
export async function seedDemoMediation(db: CopyTarget & Queryable): Promise<number> {
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM mediation_orgs');
  if ((rows[0]?.n ?? 0) > 0) return 0;
  const inserted = await db.query(
    `INSERT INTO mediation_orgs (region_code, name, type, address, has_office, has_sign, rules_posted, filing_status,
       filed_on, contact_name)
     SELECT r.code, coalesce(p.name, '') || r.name || '劳动人事争议调解中心', 'township_street',
            coalesce(p.name, '') || r.name || '人力资源和社会保障局一楼', true, true, n % 5 <> 0,
            CASE WHEN n % 7 = 0 THEN 'pending' ELSE 'filed' END,
            CASE WHEN n % 7 = 0 THEN NULL ELSE DATE '2021-03-01' + (n % 300) END,
            (ARRAY['王立新', '李淑华', '张建国', '刘玉芬', '陈志刚', '杨秀英', '赵德胜', '黄丽娟'])[1 + n % 8]
       FROM (SELECT code, name, parent_code, row_number() OVER (ORDER BY code)::int AS n
               FROM regions WHERE level = 'county') r
       LEFT JOIN regions p ON p.code = r.parent_code AND p.level <> 'province'`,
  );
  await db.query(
    `INSERT INTO mediators (org_id, region_code, name, full_time)
     SELECT id, region_code, contact_name, true FROM mediation_orgs`,
  );
  await seedDemoCases(db);
  return inserted.rowCount ?? 0;
}

async function seedDemoCases(db: CopyTarget & Queryable): Promise<void> {
  const { rows: orgs } = await db.query<{ id: string; region_code: string; contact_name: string }>(
    'SELECT id, region_code, contact_name FROM mediation_orgs ORDER BY region_code',
  );
  const rnd = prng(20260302);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)] as T;
  const today = chinaToday();
  const cases: unknown[][] = [];
  const events: unknown[][] = [];
  const codes = new Set<string>();
  /** each organisation's archive register: the last number of each year */
  const archiveSeq = new Map<string, number>();
  for (const org of orgs) {
    const n = 6 + Math.floor(rnd() * 20);
    for (let i = 0; i < n; i += 1) {
      const receivedOn = addDays(today, -Math.floor(rnd() * 365));
      const d = caseDeadlines(receivedOn);
      const age = -Math.floor((Date.parse(receivedOn) - Date.parse(today)) / 86_400_000);
      // What became of it: concluded ones mostly agreed (DOMAIN-RULES' rate counts agreement/failed/overdue).
      const r = rnd();
      let status: CaseStatus;
      if (age <= 3) status = r < 0.6 ? 'received' : 'accepted';
      else if (age <= 15) status = r < 0.4 ? 'in_mediation' : r < 0.8 ? 'agreement' : r < 0.9 ? 'failed' : 'withdrawn';
      else
        status =
          r < 0.63
            ? 'agreement'
            : r < 0.8
              ? 'failed'
              : r < 0.88
                ? 'withdrawn'
                : r < 0.93
                  ? 'rejected'
                  : r < 0.98
                    ? 'overdue'
                    : 'in_mediation';
      // Closed as overdue only once the deadline has passed.
      if (status === 'overdue' && d.mediationDue >= today) status = 'in_mediation';
      const accepted = !['received', 'rejected'].includes(status) && !(status === 'withdrawn' && r > 0.85);
      const acceptedOn = accepted ? addDays(receivedOn, 1 + Math.floor(rnd() * 2)) : null;
      const open = isOpen(status);
      const closing = open
        ? null
        : status === 'overdue'
          ? addDays(d.mediationDue, 1)
          : status === 'rejected'
            ? addDays(receivedOn, 2)
            : addDays(receivedOn, 3 + Math.floor(rnd() * 12));
      // Never after today (a case received this week closes today at the latest).
      const closedOn = closing && closing > today ? today : closing;
      let code = '';
      do {
        code = Array.from({ length: 8 }, () => pick([...TRACKING_ALPHABET])).join('');
      } while (codes.has(code));
      codes.add(code);
      const type = pick(DISPUTE_TYPES);
      const types = rnd() < 0.3 && type !== 'wages' ? ['wages', type] : [type];
      const body = `${org.region_code}19${String(70 + Math.floor(rnd() * 30))}${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}${String(Math.floor(rnd() * 1000)).padStart(3, '0')}`;
      const phone = `13${Math.floor(rnd() * 10)}${String(Math.floor(rnd() * 1e8)).padStart(8, '0')}`;
      const id = crypto.randomUUID();
      const source = rnd() < 0.35 ? 'online' : 'walk_in';
      const agreement =
        status === 'agreement' && closedOn
          ? {
              terms: '被申请人分两期向申请人支付所欠款项，申请人放弃其他请求。',
              performanceDeadline: addDays(closedOn, 30),
              effectiveOn: closedOn,
              reviewDue: reviewApplicationDue(closedOn),
            }
          : null;
      // After an agreement: two in five apply for arbitral review in time, nearly all confirmed; performance is
      // recorded once due, mostly performed. Cases closed two months ago are archived.
      const r2 = rnd();
      const appliedOn = agreement ? addDays(agreement.effectiveOn, 2 + Math.floor(r2 * 10)) : null;
      const review =
        agreement && appliedOn && r2 < 0.4 && appliedOn <= today
          ? {
              appliedOn,
              commission: `${org.region_code.startsWith('2201') ? '长春市' : '所在地'}劳动人事争议仲裁委员会`,
              result: addDays(appliedOn, 5) <= today ? (r2 < 0.38 ? 'confirmed' : 'not_confirmed') : null,
              resultOn: addDays(appliedOn, 5) <= today ? addDays(appliedOn, 5) : null,
              note: null,
            }
          : null;
      const performance =
        agreement && agreement.performanceDeadline < today
          ? r2 < 0.85
            ? { status: 'performed', on: agreement.performanceDeadline, amountPaid: null, note: null }
            : r2 < 0.95
              ? {
                  status: 'partial',
                  on: agreement.performanceDeadline,
                  amountPaid: null,
                  note: '已支付第一期款项，第二期逾期未付。',
                }
              : {
                  status: 'not_performed',
                  on: agreement.performanceDeadline,
                  amountPaid: null,
                  note: '被申请人未履行，已告知申请人可依法申请仲裁。',
                }
          : null;
      const archivedOn = closedOn && addDays(closedOn, 60) <= today ? addDays(closedOn, 60) : null;
      let archiveNo: string | null = null;
      if (archivedOn) {
        const key = `${org.id}:${archivedOn.slice(0, 4)}`;
        const seq = (archiveSeq.get(key) ?? 0) + 1;
        archiveSeq.set(key, seq);
        archiveNo = documentNumber(Number(archivedOn.slice(0, 4)), seq);
      }
      cases.push([
        id,
        code,
        org.id,
        org.region_code,
        source,
        `${pick(SURNAMES)}${pick(GIVEN)}`,
        `${body}${idNumberCheckChar(body)}`,
        phone,
        `${pick(['长春', '吉林', '四平', '通化'])}市${pick(['鑫达', '恒盛', '宏远', '金源', '瑞丰', '华兴'])}${pick(FIRMS)}有限公司`,
        `{${types.join(',')}}`,
        type === 'social_insurance' ? null : (1000 + Math.floor(rnd() * 60) * 500).toFixed(2),
        FACTS[type],
        status,
        receivedOn,
        d.acceptanceDue,
        d.mediationDue,
        d.mediationDue,
        d.calendarMissing,
        acceptedOn,
        closedOn,
        status === 'agreement'
          ? '双方达成调解协议，单位分期支付。'
          : status === 'failed'
            ? '双方分歧较大，调解不成。'
            : null,
        agreement ? JSON.stringify(agreement) : null,
        review ? JSON.stringify(review) : null,
        performance ? JSON.stringify(performance) : null,
        archiveNo,
        archivedOn,
      ]);
      const at = (day: string) => `${day}T09:00:00+08:00`;
      events.push([id, at(receivedOn), source === 'online' ? 'apply' : 'register', null, 'received', null, null]);
      let from: CaseStatus = 'received';
      const step = (
        event: string,
        to: CaseStatus,
        day: string,
        note: string | null = null,
        session: unknown = null,
      ) => {
        events.push([id, at(day), event, from, to, note, session ? JSON.stringify(session) : null]);
        from = to;
      };
      if (acceptedOn) step('accept', 'accepted', acceptedOn);
      if (['in_mediation', 'agreement', 'failed'].includes(status) && acceptedOn) {
        const held = addDays(acceptedOn, 1);
        const record = {
          heldOn: held,
          mediatorName: org.contact_name,
          participants: '申请人、被申请人委托代理人',
          record: '调解员释明相关法律规定，双方陈述意见并就支付方式进行协商。',
        };
        if (held <= today) step('session', 'in_mediation', held, null, record);
      }
      if (closedOn) {
        const event = {
          agreement: 'agree',
          failed: 'fail',
          withdrawn: 'withdraw',
          rejected: 'reject',
          overdue: 'expire',
        }[status as 'agreement'];
        if (event) step(event, status, closedOn);
      }
      if (review) step('review', status, review.appliedOn);
      if (performance) step('perform', status, performance.on, performance.note);
      if (archivedOn && archiveNo) step('archive', status, archivedOn, archiveNo);
    }
  }
  await copyRows(
    db,
    'mediation_cases',
    [
      'id',
      'tracking_code',
      'org_id',
      'region_code',
      'source',
      'applicant_name',
      'applicant_id_number',
      'applicant_phone',
      'respondent_name',
      'dispute_types',
      'claim_amount',
      'facts',
      'status',
      'received_on',
      'acceptance_due',
      'mediation_due',
      'effective_due',
      'calendar_missing',
      'accepted_on',
      'closed_on',
      'outcome_note',
      'agreement',
      'review',
      'performance',
      'archive_no',
      'archived_on',
    ],
    cases,
  );
  await copyRows(
    db,
    'mediation_case_events',
    ['case_id', 'at', 'event', 'from_status', 'to_status', 'note', 'session'],
    events,
  );
}
