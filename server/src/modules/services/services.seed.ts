import { EXPERT_KINDS, type ExpertKind, PROVINCE_SERVICE_GOAL, SERVICE_CHANNELS, type ServiceTopic } from '@hexie/core';
import type { Queryable } from '../../db/pool.js';
import { prng } from '../enterprises/enterprises.seed.js';

const SURNAMES = '王 李 张 刘 陈 杨 赵 黄 周 吴 徐 孙 马 朱 胡 郭 何 高 林 金 崔 朴'.split(' ');
const GIVEN = '建华 丽娟 志刚 海燕 国庆 晓明 春梅 德胜 玉兰 宏伟 秀云 立新 文静 永强 雪松 长顺'.split(' ');
const ORGS: Record<ExpertKind, string[]> = {
  coordinator: ['人社局劳动关系科', '街道劳动保障事务所'],
  mediator: ['劳动人事争议调解中心', '街道劳动争议调解委员会'],
  arbitrator: ['劳动人事争议仲裁院'],
  inspector: ['劳动保障监察支队'],
  union_cadre: ['总工会法律工作部', '区总工会'],
  lawyer: ['衡正律师事务所', '长白律师事务所', '松江律师事务所'],
  judge: ['人民法院民事审判庭'],
  expert: ['吉林大学法学院', '企业联合会', '东北师范大学经济与管理学院'],
};
const TITLES: Record<ExpertKind, string[]> = {
  coordinator: ['科长', '一级劳动关系协调员'],
  mediator: ['专职调解员', '调解委员会主任'],
  arbitrator: ['兼职仲裁员', '仲裁员'],
  inspector: ['监察员', '大队长'],
  union_cadre: ['部长', '副主席'],
  lawyer: ['执业律师', '合伙人'],
  judge: ['审判员'],
  expert: ['教授', '副研究员'],
};
const CITY: Record<string, string> = {
  '220100': '长春市',
  '220200': '吉林市',
  '220300': '四平市',
  '220400': '辽源市',
  '220500': '通化市',
  '220600': '白山市',
  '220700': '松原市',
  '220800': '白城市',
  '222400': '延边州',
  '220581': '梅河口市',
  '229900': '长白山管委会',
};

/** What a service found, the topics it covered and what follows (as an office would write it). */
const FINDINGS: [string, ServiceTopic[], string | null][] = [
  [
    '部分员工入职超过一个月未签订书面劳动合同，已指导企业补签并建立合同台账。',
    ['contract'],
    '一个月内回访，核查补签情况。',
  ],
  [
    '加班费计算基数按基本工资计算，低于应发工资，已指导按实际工资重新核算。',
    ['wages', 'hours'],
    '督促补发差额并回访。',
  ],
  [
    '未按时足额为 3 名职工缴纳社会保险，已提示依法补缴并讲解参保登记流程。',
    ['social_insurance'],
    '30 日内提交补缴凭证。',
  ],
  ['试用期约定超过法定上限，已指导修改劳动合同文本。', ['contract'], null],
  ['规章制度未经民主程序公示，已指导召开职工大会讨论并公示。', ['policy', 'dispute_prevention'], '两个月内回访。'],
  ['未建立工资支付台账，已提供模板并指导建立，工资按月足额支付。', ['wages'], null],
  ['企业用工基本规范，未发现明显风险，已推送新注册企业用工指导手册。', ['policy'], null],
  ['带薪年休假未落实，已讲解《职工带薪年休假条例》及未休年假工资报酬计算。', ['leave'], null],
  ['实行综合计算工时工作制未经审批，已指导向人社部门申报。', ['hours', 'policy'], '申报后报送批复文件。'],
  ['拟裁减人员 12 人，已讲解经济性裁员程序和经济补偿标准。', ['dismissal'], '裁员方案报送前再次指导。'],
  ['解除劳动合同未书面通知工会，已指导完善解除程序，防范争议。', ['dismissal', 'dispute_prevention'], null],
  ['组织新注册企业人事负责人参加劳动用工政策培训，讲解劳动合同法要点。', ['policy', 'contract'], null],
  ['职工反映工资延期发放，已约谈企业负责人，企业承诺按期支付。', ['wages', 'dispute_prevention'], '下月发薪日后核实。'],
  ['劳务派遣用工比例超过 10%，已指导制定调整方案。', ['contract', 'other'], '半年内调整到位。'],
];

/**
 * Demo data of the new-enterprise service, only when the register has enterprises and no service records yet:
 * a six-person expert team in every reporting unit, a year and a half of service records on the demo
 * enterprises (mostly newly registered ones), and yearly targets for the last three years summing to about
 * PROVINCE_SERVICE_GOAL, split by each unit's share of the register.
 */
export async function seedDemoServices(db: Queryable, today = new Date()): Promise<void> {
  const count = async (sql: string) => (await db.query<{ n: number }>(sql)).rows[0]?.n ?? 0;
  if ((await count('SELECT count(*)::int AS n FROM service_records')) > 0) return;
  if ((await count('SELECT count(*)::int AS n FROM enterprises')) === 0) return;
  const staff = await db.query<{ id: string; region_code: string }>(
    "SELECT id, region_code FROM users WHERE role IN ('province_admin', 'region_admin', 'region_staff') ORDER BY created_at",
  );
  const recorder = (unit: string) =>
    staff.rows.find((u) => u.region_code === unit)?.id ?? staff.rows.find((u) => u.region_code === '220000')?.id;
  if (!recorder('220000')) return;
  const rand = prng(20261125);
  const pick = <T>(l: readonly T[]) => l[Math.floor(rand() * l.length)] as T;
  const units = await db.query<{ code: string }>(
    "SELECT code FROM regions WHERE parent_code = '220000' ORDER BY sort, code",
  );

  const expertsByUnit = new Map<string, string[]>();
  for (const [u, { code }] of units.rows.entries()) {
    const ids: string[] = [];
    // Six per unit, the kinds in turn so every unit has a mix (coordinator, mediator, arbitrator, …).
    for (let i = 0; i < 6; i++) {
      const kind = EXPERT_KINDS[(i + u) % EXPERT_KINDS.length] as ExpertKind;
      const org = pick(ORGS[kind]);
      const { rows } = await db.query<{ id: string }>(
        `INSERT INTO service_experts (region_code, name, kind, organisation, title, phone, active)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [
          code,
          `${pick(SURNAMES)}${pick(GIVEN)}`,
          kind,
          kind === 'lawyer' || kind === 'expert' ? `吉林${org}` : `${CITY[code] ?? ''}${org}`,
          pick(TITLES[kind]),
          `1${pick(['3', '5', '8'])}${String(Math.floor(rand() * 1e9)).padStart(9, '0')}`,
          i < 5 || rand() < 0.5,
        ],
      );
      ids.push((rows[0] as { id: string }).id);
    }
    expertsByUnit.set(code, ids);
  }

  // Mostly enterprises registered in the last three years; a few older ones (served, but not counted).
  const firms = await db.query<{ id: string; region_code: string; registered_on: string | null; unit: string }>(
    `SELECT e.id, e.region_code, e.registered_on::text,
            coalesce((SELECT r.parent_code FROM regions r WHERE r.code = e.region_code AND r.parent_code <> '220000'),
                     e.region_code) AS unit
       FROM enterprises e ORDER BY e.credit_code`,
  );
  const iso = (d: Date) => d.toISOString().slice(0, 10);
  const end = today.getTime();
  const start = Date.UTC(today.getUTCFullYear() - 1, today.getUTCMonth() - 6, 1);
  const recent = iso(new Date(Date.UTC(today.getUTCFullYear() - 3, today.getUTCMonth(), today.getUTCDate())));
  const rows: unknown[] = [];
  for (const f of firms.rows) {
    const isNew = !!f.registered_on && f.registered_on >= recent;
    if (rand() > (isNew ? 0.5 : 0.04)) continue;
    const visits = rand() < 0.2 ? 2 : 1;
    const experts = expertsByUnit.get(f.unit) ?? [];
    if (experts.length === 0) continue;
    for (let v = 0; v < visits; v++) {
      const from = Math.max(start, f.registered_on ? Date.parse(`${f.registered_on}T00:00:00Z`) : start);
      if (from >= end) continue;
      const servedOn = iso(new Date(from + rand() * (end - from)));
      const [findings, topics, followUp] = pick(FINDINGS);
      const team = [...new Set([pick(experts), ...(rand() < 0.3 ? [pick(experts)] : [])])];
      const due = followUp ? iso(new Date(Date.parse(`${servedOn}T00:00:00Z`) + 30 * 86_400_000)) : null;
      rows.push({
        enterprise_id: f.id,
        region_code: f.region_code,
        served_on: servedOn,
        channel: topics.includes('policy') && rand() < 0.4 ? 'training' : pick(SERVICE_CHANNELS),
        topics,
        expert_ids: team,
        findings,
        follow_up: followUp,
        follow_up_due: due,
        recorded_by: recorder(f.unit),
      });
    }
  }
  for (let i = 0; i < rows.length; i += 1000) {
    await db.query(
      `INSERT INTO service_records (enterprise_id, region_code, served_on, channel, topics, expert_ids, findings,
         follow_up, follow_up_due, recorded_by)
       SELECT r.enterprise_id, r.region_code, r.served_on, r.channel, r.topics, r.expert_ids, r.findings, r.follow_up,
              r.follow_up_due, r.recorded_by
         FROM jsonb_to_recordset($1::jsonb) AS r(enterprise_id uuid, region_code text, served_on date, channel text,
              topics text[], expert_ids uuid[], findings text, follow_up text, follow_up_due date, recorded_by uuid)`,
      [JSON.stringify(rows.slice(i, i + 1000))],
    );
  }

  // The plan's 10,000 over three years (this year and the two before), split by each unit's share of the register.
  const shares = await db.query<{ unit: string; n: number }>(
    `SELECT CASE WHEN r.parent_code = '220000' OR r.parent_code IS NULL THEN e.region_code ELSE r.parent_code END AS unit,
            count(*)::int AS n
       FROM enterprises e JOIN regions r ON r.code = e.region_code GROUP BY 1`,
  );
  const total = shares.rows.reduce((s, r) => s + r.n, 0) || 1;
  const year = today.getUTCFullYear();
  for (const y of [year - 2, year - 1, year]) {
    for (const { code } of units.rows) {
      const n = shares.rows.filter((s) => s.unit === code).reduce((a, s) => a + s.n, 0);
      await db.query(
        'INSERT INTO service_targets (region_code, year, target) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
        [code, y, Math.max(20, Math.round((PROVINCE_SERVICE_GOAL / 3) * (n / total)))],
      );
    }
  }
}
