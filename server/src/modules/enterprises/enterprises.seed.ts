import {
  creditCodeCheckChar,
  type EnterpriseRecord,
  type EnterpriseSource,
  industries,
  industrySection,
  type Ownership,
  sizeClassOf,
} from '@hexie/core';
import type { CopyTarget } from '../../db/copy.js';
import { insertMany } from './enterprises.repository.js';

/** A small deterministic PRNG (mulberry32): the same demo data on every machine. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** Share of the province's enterprises by reporting unit (roughly by economic weight). */
const PREFECTURE_WEIGHTS: Record<string, number> = {
  '220100': 38,
  '220200': 15,
  '220300': 7,
  '220400': 4,
  '220500': 5,
  '220600': 4,
  '220700': 8,
  '220800': 5,
  '222400': 10,
  '220581': 3,
  '229900': 1,
};

const CITY_PREFIX: Record<string, string> = {
  '220100': '长春',
  '220200': '吉林',
  '220300': '四平',
  '220400': '辽源',
  '220500': '通化',
  '220600': '白山',
  '220700': '松原',
  '220800': '白城',
  '222400': '延边',
  '220581': '梅河口',
  '229900': '长白山',
};

const BRANDS =
  '鑫 华 瑞 恒 宏 盛 达 泰 嘉 润 博 远 兴 隆 昌 丰 安 信 和 利 佳 诚 德 晟 金 银 北 东 新 松 江 辰 启 汇 源 禾 森 宇 航 锦 鼎 正 睿 弘 顺 通 中 天 一 凯'.split(
    ' ',
  );

/** Business words by GB/T 4754 section, and how common the section is among new registrations. */
const SECTIONS: { section: string; words: string[]; weight: number }[] = [
  { section: 'A', words: ['农业发展', '生态农业', '种植专业', '畜牧养殖', '林业'], weight: 7 },
  { section: 'B', words: ['矿业', '石材开采'], weight: 1 },
  {
    section: 'C',
    words: ['机械制造', '汽车零部件', '食品', '制药', '新材料', '化工', '服装', '电子科技', '装备制造'],
    weight: 16,
  },
  { section: 'D', words: ['热力', '新能源', '电力工程'], weight: 2 },
  { section: 'E', words: ['建筑工程', '建设', '装饰工程', '市政工程'], weight: 9 },
  { section: 'F', words: ['商贸', '贸易', '超市', '医药连锁', '农产品经销'], weight: 22 },
  { section: 'G', words: ['物流', '运输', '快递服务', '仓储'], weight: 6 },
  { section: 'H', words: ['餐饮管理', '酒店管理', '饭店'], weight: 9 },
  { section: 'I', words: ['网络科技', '信息技术', '软件', '数据科技'], weight: 6 },
  { section: 'K', words: ['房地产开发', '物业服务', '置业'], weight: 3 },
  { section: 'L', words: ['企业管理咨询', '人力资源服务', '广告传媒', '租赁'], weight: 8 },
  { section: 'M', words: ['工程技术', '检测技术', '设计'], weight: 3 },
  { section: 'O', words: ['家政服务', '汽车维修', '美容美发'], weight: 4 },
  { section: 'P', words: ['教育咨询', '职业培训'], weight: 2 },
  { section: 'Q', words: ['健康管理', '医疗器械', '养老服务'], weight: 2 },
];

const SURNAMES = '王 李 张 刘 陈 杨 赵 黄 周 吴 徐 孙 马 朱 胡 郭 何 高 林 金 崔 朴'.split(' ');
const GIVEN = '伟 芳 娜 敏 静 丽 强 磊 军 洋 勇 艳 杰 涛 明 超 秀英 华 玉兰 建国 海燕 志强 晓东 春雷'.split(' ');

function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)] as T;
}

function weighted<T>(rand: () => number, items: readonly { weight: number; value: T }[]): T {
  const total = items.reduce((s, i) => s + i.weight, 0);
  let r = rand() * total;
  for (const i of items) {
    r -= i.weight;
    if (r < 0) return i.value;
  }
  return (items[items.length - 1] as { value: T }).value;
}

/** Heavy-tailed sizes: most enterprises are small, a few are large. */
function employeesOf(rand: () => number): number {
  return Math.max(1, Math.round(Math.exp(rand() * rand() * 8.5)));
}

export interface DemoRegion {
  code: string;
  /** the reporting unit it belongs to */
  unit: string;
}

/**
 * Demo enterprises across every reporting unit and the common industries, with valid credit codes (the check
 * character computed), realistic names, sizes and registration dates (skewed to recent years: new enterprises).
 */
export function demoEnterprises(regions: readonly DemoRegion[], count: number, seed = 20261124): EnterpriseRecord[] {
  const rand = prng(seed);
  const classesBySection = new Map<string, string[]>();
  for (const row of industries()) {
    if (row.level !== 'class') continue;
    const section = industrySection(row.code) ?? '';
    classesBySection.set(section, [...(classesBySection.get(section) ?? []), row.code]);
  }
  const byUnit = new Map<string, string[]>();
  for (const r of regions) byUnit.set(r.unit, [...(byUnit.get(r.unit) ?? []), r.code]);
  const units = Object.entries(PREFECTURE_WEIGHTS)
    .filter(([u]) => byUnit.has(u))
    .map(([value, weight]) => ({ value, weight }));
  const sections = SECTIONS.map((s) => ({ value: s, weight: s.weight }));
  const ownerships: { value: Ownership; weight: number }[] = [
    { value: 'private', weight: 70 },
    { value: 'joint_stock', weight: 12 },
    { value: 'state', weight: 6 },
    { value: 'collective', weight: 3 },
    { value: 'foreign', weight: 3 },
    { value: 'hmt', weight: 2 },
    { value: 'other', weight: 4 },
  ];
  const sources: { value: EnterpriseSource; weight: number }[] = [
    { value: 'market_regulation', weight: 55 },
    { value: 'social_insurance', weight: 25 },
    { value: 'manual', weight: 20 },
  ];
  const seen = new Set<string>();
  const out: EnterpriseRecord[] = [];
  while (out.length < count) {
    const unit = weighted(rand, units);
    const regionCode = pick(rand, byUnit.get(unit) as string[]);
    const s = weighted(rand, sections);
    const industryCode = pick(rand, classesBySection.get(s.section) ?? ['7299']);
    const brand = `${pick(rand, BRANDS)}${pick(rand, BRANDS)}`;
    const suffix = rand() < 0.85 ? '有限公司' : rand() < 0.5 ? '有限责任公司' : '股份有限公司';
    const name = `${CITY_PREFIX[unit] ?? '吉林'}${brand}${pick(rand, s.words)}${suffix}`;
    if (seen.has(name)) continue;
    seen.add(name);
    const division = /^\d{6}$/.test(regionCode) && regionCode !== '229900' ? regionCode : '220000';
    let body = `91${division}`;
    while (body.length < 17) body += CHARSET[Math.floor(rand() * CHARSET.length)];
    const employees = employeesOf(rand);
    const perHead = 8 + rand() * 40; // 万元 revenue per employee
    const revenue = Math.round(employees * perHead * 100) / 100;
    const assets = Math.round(revenue * (0.4 + rand() * 1.6) * 100) / 100;
    const year = 2026 - Math.floor(rand() * rand() * 12);
    const month = 1 + Math.floor(rand() * (year === 2026 ? 10 : 12));
    const day = 1 + Math.floor(rand() * 28);
    const known = rand();
    const record: EnterpriseRecord = {
      creditCode: `${body}${creditCodeCheckChar(body)}`,
      name,
      regionCode,
      industryCode,
      ownership: weighted(rand, ownerships),
      employees: known < 0.95 ? employees : null,
      revenue: known < 0.85 ? revenue : null,
      assets: known < 0.75 ? assets : null,
      sizeClass: null,
      registeredOn: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
      address: `${CITY_PREFIX[unit] ?? ''}${pick(rand, ['人民大街', '解放路', '建设街', '长江路', '光明路', '新华街', '工农路', '延安大街'])}${1 + Math.floor(rand() * 2000)}号`,
      legalRepresentative: `${pick(rand, SURNAMES)}${pick(rand, GIVEN)}`,
      contactName: `${pick(rand, SURNAMES)}${pick(rand, GIVEN)}`,
      contactPhone: `1${pick(rand, ['3', '5', '7', '8', '9'])}${String(Math.floor(rand() * 1e9)).padStart(9, '0')}`,
      source: weighted(rand, sources),
      creditCodeOverrideReason: null,
    };
    record.sizeClass = sizeClassOf(record);
    out.push(record);
  }
  return out;
}

/** Loads the demo enterprises into an empty register (never into one that has data). */
export async function seedDemoEnterprises(db: CopyTarget, count = 3000): Promise<number> {
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM enterprises');
  if ((rows[0]?.n ?? 0) > 0) return 0;
  const regions = await db.query<{ code: string; level: string; parent_code: string | null }>(
    'SELECT code, level, parent_code FROM regions',
  );
  const demo: DemoRegion[] = [];
  for (const r of regions.rows) {
    if (r.level === 'county')
      demo.push({ code: r.code, unit: r.parent_code === '220000' ? r.code : (r.parent_code ?? r.code) });
    if (r.code === '229900') demo.push({ code: r.code, unit: r.code });
  }
  const records = demoEnterprises(demo, count);
  await insertMany(db, records, null);
  return records.length;
}
