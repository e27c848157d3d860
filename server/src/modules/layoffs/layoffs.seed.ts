import { type Art41Ground, type Art42Group, idNumberCheckChar, type LayoffPlanRecord } from '@hexie/core';
import type { Queryable } from '../../db/pool.js';
import { prng } from '../enterprises/enterprises.seed.js';
import { insertPlan, insertStaff, type StaffRecord } from './layoffs.repository.js';

const SURNAMES = '王 李 张 刘 陈 杨 赵 黄 周 吴 徐 孙 马 朱 胡 郭 何 高 林 金 崔 朴'.split(' ');
const GIVEN = '建华 丽娟 志刚 海燕 国庆 晓明 春梅 德胜 玉兰 宏伟 秀云 立新 文静 永强 雪松 长顺 桂芳 振东'.split(' ');
const POSITIONS = ['装配工', '包装工', '仓库管理员', '质检员', '叉车司机', '销售代表', '行政文员', '机修工'];

/** One demo plan: where, how big, and how lawfully it is going (days are counted from the seed's today). */
interface DemoPlan {
  /** the reporting unit whose enterprise it is */
  unit: string;
  /** the enterprise's headcount aimed at (the one closest is taken, its own headcount used) */
  employees: number;
  /** people to lay off, from the headcount taken */
  layoffs: (employees: number) => number;
  ground: Art41Ground;
  plannedIn: number;
  explainedIn: number | null;
  reportedIn: number | null;
  done: (layoffs: number) => number;
  arrears: number | null;
  /** funds as a multiple of what the layoff costs (roughly: layoffs x 8 months of 6,000) */
  fundsCover: number;
  /** a list of this many people (one of them protected when `protectedOne`), else the averages */
  list: boolean;
  protectedOne?: Art42Group;
  positions: string;
  note: string;
}

const PLANS: DemoPlan[] = [
  // 第四十一条 met, neither the union told nor the report made, and the last day to tell them gone.
  {
    unit: '220100',
    employees: 320,
    layoffs: () => 45,
    ground: 'serious_difficulty',
    plannedIn: 20,
    explainedIn: null,
    reportedIn: null,
    done: () => 0,
    arrears: null,
    fundsCover: 1.5,
    list: false,
    positions: '冲压车间操作工、辅助岗位',
    note: '订单连续两个季度下降，企业拟压缩冲压车间产能。',
  },
  // Wages owed: the procedure followed, three months of wages still unpaid.
  {
    unit: '220200',
    employees: 120,
    layoffs: (n) => Math.max(Math.ceil(n / 10), 12),
    ground: 'business_change',
    plannedIn: 45,
    explainedIn: -5,
    reportedIn: -2,
    done: () => 0,
    arrears: 186_400,
    fundsCover: 1.3,
    list: false,
    positions: '传统生产线操作工',
    note: '生产线自动化改造，经协商变更劳动合同后仍需裁减人员。',
  },
  // Low ability to pay: funds for about a third of the cost.
  {
    unit: '220300',
    employees: 600,
    layoffs: () => 60,
    ground: 'serious_difficulty',
    plannedIn: 60,
    explainedIn: -3,
    reportedIn: -1,
    done: () => 0,
    arrears: null,
    fundsCover: 0.35,
    list: false,
    positions: '铸造车间全部岗位',
    note: '主要客户停止采购，企业资金周转困难，已申请稳岗返还。',
  },
  // Lawful, person by person: a list of everyone laid off, the union told 36 days ahead, reported.
  {
    unit: '222400',
    employees: 80,
    layoffs: (n) => Math.min(19, Math.max(Math.ceil(n / 10), 10)),
    ground: 'changed_circumstances',
    plannedIn: 35,
    explainedIn: -1,
    reportedIn: 0,
    done: () => 0,
    arrears: null,
    fundsCover: 2,
    list: true,
    positions: '门店销售、仓储',
    note: '关闭两家门店，工会已提出意见并被采纳。',
  },
  // Lawful and small: under 20 people and under 10%, not an economic layoff.
  {
    unit: '220700',
    employees: 150,
    layoffs: (n) => Math.max(1, Math.min(8, Math.floor((n - 1) / 10))),
    ground: 'serious_difficulty',
    plannedIn: 15,
    explainedIn: null,
    reportedIn: null,
    done: () => 0,
    arrears: null,
    fundsCover: 1.6,
    list: false,
    positions: '后勤岗位',
    note: '未达到经济性裁员人数标准，逐人依法协商解除。',
  },
  // Lawful and done: the layoff carried out two months ago, every step in time.
  {
    unit: '220100',
    employees: 900,
    layoffs: () => 25,
    ground: 'restructuring',
    plannedIn: -60,
    explainedIn: -100,
    reportedIn: -70,
    done: (n) => n,
    arrears: null,
    fundsCover: 1.4,
    list: false,
    positions: '管理岗位、辅助生产岗位',
    note: '破产重整计划经法院批准，裁员已实施完毕，经济补偿已足额支付。',
  },
  // Lawful steps, but a woman on maternity leave is on the list: flagged, left out of the cost.
  {
    unit: '220581',
    employees: 60,
    layoffs: (n) => Math.max(Math.ceil(n / 10), 7),
    ground: 'serious_difficulty',
    plannedIn: 40,
    explainedIn: -2,
    reportedIn: -1,
    done: () => 0,
    arrears: null,
    fundsCover: 1.8,
    list: true,
    protectedOne: 'maternity',
    positions: '包装车间',
    note: '包装业务外包。',
  },
];

const iso = (t: number) => new Date(t).toISOString().slice(0, 10);

/** A valid 18-digit ID number of someone born in the region on the day. */
function idNumberOf(regionCode: string, birth: string, seq: number): string {
  const body = `${regionCode}${birth.replace(/-/g, '')}${String(seq % 1000).padStart(3, '0')}`;
  return `${body}${idNumberCheckChar(body)}`;
}

/**
 * Demo layoff plans, only when the register has enterprises and there are no plans yet: one in each of several
 * reporting units, each showing something the rules catch (第四十一条 without the notice or the report, wages owed,
 * a low ability to pay, a protected person on the list) or a lawful plan. Dates count from `today`.
 */
export async function seedDemoLayoffs(db: Queryable, today = new Date()): Promise<void> {
  const count = async (sql: string) => (await db.query<{ n: number }>(sql)).rows[0]?.n ?? 0;
  if ((await count('SELECT count(*)::int AS n FROM layoff_plans')) > 0) return;
  if ((await count('SELECT count(*)::int AS n FROM enterprises')) === 0) return;
  const staff = await db.query<{ id: string; region_code: string }>(
    "SELECT id, region_code FROM users WHERE role IN ('province_admin', 'region_admin', 'region_staff') ORDER BY created_at",
  );
  const recorder = (unit: string) =>
    staff.rows.find((u) => u.region_code === unit)?.id ?? staff.rows.find((u) => u.region_code === '220000')?.id;
  if (!recorder('220000')) return;
  const rand = prng(20261201);
  const pick = <T>(l: readonly T[]) => l[Math.floor(rand() * l.length)] as T;
  const day = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  const on = (days: number) => iso(day + days * 86_400_000);
  const used = new Set<string>();

  for (const d of PLANS) {
    // The enterprise of the unit whose headcount is closest to the plan's (deterministic: then by credit code).
    const { rows } = await db.query<{ id: string; region_code: string; employees: number }>(
      `SELECT e.id, e.region_code, e.employees FROM enterprises e JOIN regions r ON r.code = e.region_code
        WHERE (e.region_code = $1 OR r.parent_code = $1) AND e.employees >= 30 AND NOT (e.id = ANY($3::uuid[]))
        ORDER BY abs(e.employees - $2), e.credit_code LIMIT 1`,
      [d.unit, d.employees, [...used]],
    );
    const firm = rows[0];
    if (!firm) continue;
    used.add(firm.id);
    const employees = firm.employees;
    const layoffs = Math.min(d.layoffs(employees), employees);
    const plannedOn = on(d.plannedIn);
    const people: StaffRecord[] = [];
    if (d.list) {
      const n = layoffs + (d.protectedOne ? 1 : 0);
      for (let i = 0; i < n; i++) {
        const years = 1 + Math.floor(rand() * 18);
        const start = iso(day - (years * 365 + Math.floor(rand() * 300)) * 86_400_000);
        const born = iso(
          Date.UTC(1968 + Math.floor(rand() * 32), Math.floor(rand() * 12), 1 + Math.floor(rand() * 28)),
        );
        people.push({
          name: `${pick(SURNAMES)}${pick(GIVEN)}`,
          idNumber: idNumberOf(firm.region_code, born, 100 + i * 7),
          position: pick(POSITIONS),
          serviceStart: start,
          averageMonthlyWage: Math.round((3200 + rand() * 5200) / 10) * 10,
          protectedGround: d.protectedOne && i === 1 ? d.protectedOne : null,
        });
      }
    }
    const cost = layoffs * 8 * 6000;
    const record: LayoffPlanRecord = {
      year: Number(plannedOn.slice(0, 4)),
      employees,
      plannedLayoffs: layoffs,
      doneLayoffs: d.done(layoffs),
      positions: d.positions,
      ground: d.ground,
      plannedOn,
      explainedOn: d.explainedIn === null ? null : on(d.explainedIn),
      reportedOn: d.reportedIn === null ? null : on(d.reportedIn),
      wagesSettled: d.arrears === null,
      wageArrears: d.arrears,
      severanceStandard: 'statutory',
      severanceNote: null,
      fundsAvailable: Math.round((cost + (d.arrears ?? 0)) * d.fundsCover),
      averageMonthlyWage: d.list ? null : 6000,
      averageServiceMonths: d.list ? null : 96,
      localAverageMonthlyWage: null,
      minimumWage: null,
      note: d.note,
    };
    const id = await insertPlan(db, record, {
      enterpriseId: firm.id,
      regionCode: firm.region_code,
      recordedBy: recorder(d.unit) as string,
    });
    await insertStaff(db, id, firm.region_code, people);
  }
}
