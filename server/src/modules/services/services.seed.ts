import { EXPERT_KINDS, SERVICE_CHANNELS, SERVICE_TOPICS } from '@hexie/core';
import type { Queryable } from '../../db/pool.js';
import { prng } from '../enterprises/enterprises.seed.js';

const SURNAMES = '王 李 张 刘 陈 杨 赵 黄 周 吴 徐 孙 马 朱 胡 郭 何 高 林 金'.split(' ');
const GIVEN = '建华 丽娟 志刚 海燕 国庆 晓明 春梅 德胜 玉兰 宏伟 秀云 立新 文静 永强'.split(' ');
const ORGS: Record<string, string[]> = {
  coordinator: ['区人社局劳动关系科', '街道劳动保障所'],
  mediator: ['区劳动人事争议调解中心', '街道调解委员会'],
  arbitrator: ['市劳动人事争议仲裁院'],
  inspector: ['市劳动保障监察支队'],
  union_cadre: ['区总工会', '市总工会法律部'],
  lawyer: ['吉林衡正律师事务所', '长白律师事务所'],
  judge: ['区人民法院'],
  expert: ['吉林大学法学院', '市企业联合会'],
};
const FINDINGS = [
  '部分员工入职超过一个月未签订书面劳动合同，已指导补签。',
  '加班费计算基数按基本工资计算，低于应发工资，已指导整改。',
  '未按时足额为 3 名职工缴纳社会保险，已提示依法补缴。',
  '试用期约定超过法定上限，已指导修改劳动合同文本。',
  '规章制度未经民主程序公示，已指导履行民主程序。',
  '未建立工资支付台账，已提供模板并指导建立。',
  '企业用工规范，未发现明显风险，已推送政策指引。',
  '带薪年休假未落实，已讲解《职工带薪年休假条例》。',
];

/**
 * The expert team of every reporting unit, a year and a half of service records on recently registered demo
 * enterprises, and yearly targets summing to about 10,000 over three years (the plan's goal).
 */
export async function seedDemoServices(db: Queryable): Promise<void> {
  const { rows: already } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM service_records');
  if ((already[0]?.n ?? 0) > 0) return;
  const rand = prng(20261125);
  const pick = <T>(l: readonly T[]) => l[Math.floor(rand() * l.length)] as T;
  const units = await db.query<{ code: string }>(
    "SELECT code FROM regions WHERE parent_code = '220000' ORDER BY sort, code",
  );
  const staff = await db.query<{ id: string; region_code: string }>(
    "SELECT id, region_code FROM users WHERE role <> 'enterprise_user'",
  );
  const recorder = (unit: string) => staff.rows.find((u) => u.region_code === unit)?.id ?? staff.rows[0]?.id;
  if (!recorder('220000')) return;

  const expertsByUnit = new Map<string, string[]>();
  for (const { code } of units.rows) {
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      const kind = EXPERT_KINDS[i % EXPERT_KINDS.length] as string;
      const { rows } = await db.query<{ id: string }>(
        `INSERT INTO service_experts (region_code, name, kind, organisation, title, phone)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [
          code,
          `${pick(SURNAMES)}${pick(GIVEN)}`,
          kind,
          pick(ORGS[kind] ?? ['']),
          i % 2 ? '主任' : null,
          `13${Math.floor(rand() * 10)}${String(Math.floor(rand() * 1e8)).padStart(8, '0')}`,
        ],
      );
      ids.push((rows[0] as { id: string }).id);
    }
    expertsByUnit.set(code, ids);
  }

  // Enterprises registered in the last three years, each reporting unit's own.
  const firms = await db.query<{ id: string; region_code: string; registered_on: string; unit: string }>(
    `SELECT e.id, e.region_code, e.registered_on::text,
            coalesce((SELECT r.parent_code FROM regions r WHERE r.code = e.region_code AND r.parent_code <> '220000'), e.region_code) AS unit
       FROM enterprises e WHERE e.registered_on >= current_date - interval '36 months' ORDER BY e.credit_code`,
  );
  const today = new Date();
  const start = new Date(Date.UTC(today.getUTCFullYear() - 1, 5, 1)).getTime();
  const rows: unknown[] = [];
  for (const f of firms.rows) {
    if (rand() > 0.55) continue;
    const visits = rand() < 0.25 ? 2 : 1;
    for (let v = 0; v < visits; v++) {
      const from = Math.max(start, Date.parse(`${f.registered_on}T00:00:00Z`));
      const at = new Date(from + rand() * (today.getTime() - from));
      const experts = expertsByUnit.get(f.unit) ?? [];
      rows.push({
        enterprise_id: f.id,
        region_code: f.region_code,
        served_on: at.toISOString().slice(0, 10),
        channel: pick(SERVICE_CHANNELS),
        topics: [...new Set([pick(SERVICE_TOPICS), pick(SERVICE_TOPICS)])],
        expert_ids: experts.length ? [pick(experts)] : [],
        findings: pick(FINDINGS),
        follow_up: rand() < 0.5 ? '一个月内回访，核实整改情况。' : null,
        recorded_by: recorder(f.unit) ?? recorder('220000'),
      });
    }
  }
  await db.query(
    `INSERT INTO service_records (enterprise_id, region_code, served_on, channel, topics, expert_ids, findings, follow_up,
       recorded_by)
     SELECT r.enterprise_id, r.region_code, r.served_on, r.channel, r.topics, r.expert_ids, r.findings, r.follow_up,
            r.recorded_by
       FROM jsonb_to_recordset($1::jsonb) AS r(enterprise_id uuid, region_code text, served_on date, channel text,
            topics text[], expert_ids uuid[], findings text, follow_up text, recorded_by uuid)`,
    [JSON.stringify(rows)],
  );

  // 10,000 over three years, split by each unit's share of the register.
  const shares = await db.query<{ unit: string; n: number }>(
    `SELECT CASE WHEN r.parent_code = '220000' OR r.parent_code IS NULL THEN e.region_code ELSE r.parent_code END AS unit,
            count(*)::int AS n
       FROM enterprises e JOIN regions r ON r.code = e.region_code GROUP BY 1`,
  );
  const total = shares.rows.reduce((s, r) => s + r.n, 0) || 1;
  const year = today.getUTCFullYear();
  for (const y of [year - 1, year, year + 1]) {
    for (const { code } of units.rows) {
      const n = shares.rows.filter((s) => s.unit === code).reduce((a, s) => a + s.n, 0);
      await db.query(
        'INSERT INTO service_targets (region_code, year, target) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
        [code, y, Math.max(20, Math.round((10_000 / 3) * (n / total)))],
      );
    }
  }
}
