import { CHANGBAISHAN_CODE, PROVINCE_CODE } from '@hexie/core';
import type { Queryable } from '../../db/pool.js';

/**
 * The figures of DOMAIN-RULES §3, loaded once into an empty table (rows are never deleted, so the table is empty
 * only before this first load; an administrator's later rows and endings are never touched again).
 *
 * Minimum wage — every county-level region (and 长白山管委会) gets the tier its notice names:
 * - 吉政函〔2024〕66号 (2024-08-20), from 2024-10-01: 长春市区 (含九台区、双阳区) 2,120 (21/h); 吉林、白山、松原市区和
 *   延吉市、珲春市 1,920 (19.5/h); 四平、通化、辽源、白城市区，长白山保护开发区、梅河口市和其他县(市) 1,780 (18/h).
 * - 吉林省人民政府关于调整全省最低工资标准的通知 (2021-09-30), from 2021-12-01: 长春市区 1,880 (19/h); 吉林、松原市区，
 *   延吉市、珲春市 1,760 (18/h); 四平、辽源、通化、白山市区和前郭县、抚松县 1,640 (17/h); 白城市区、长白山保护开发区、
 *   梅河口市和其他县(市) 1,540 (16/h).
 * 市区 is read as the city's districts (市辖区) and its development zones (the 71-series statistical units sit in
 * them); 2021's 长春市区 includes 九台区 and 双阳区, which 2024 names expressly. 公主岭市 is a county-level city of 长春.
 *
 * Average monthly wage — only the province's figure is given (城镇非私营单位就业人员年平均工资: 83,028 yuan for
 * 2021, 87,222 for 2022; a month is the year / 12). It answers for "the previous year" of the year after, so each
 * row takes effect on 1 January of that year; a city's own figure, when the administrator adds one, comes first
 * for the regions under it.
 */

const CHANGCHUN_URBAN = [
  '220102',
  '220103',
  '220104',
  '220105',
  '220106',
  '220112',
  '220113',
  '220171',
  '220172',
  '220173',
  '220174',
];
const JILIN_URBAN = ['220202', '220203', '220204', '220211', '220271', '220272', '220273'];
const SONGYUAN_URBAN = ['220702', '220771'];
const BAISHAN_URBAN = ['220602', '220605'];
const YANJI_HUNCHUN = ['222401', '222404'];
const SIPING_URBAN = ['220302', '220303'];
const LIAOYUAN_URBAN = ['220402', '220403'];
const TONGHUA_URBAN = ['220502', '220503'];
const QIANGUO_FUSONG = ['220721', '220621'];

interface Standard {
  effectiveFrom: string;
  basis: string;
  /** tier -> [monthly, hourly, regions]; the last tier takes every region not listed */
  tiers: [number, number, string[]][];
}

export const MINIMUM_WAGE_STANDARDS: Standard[] = [
  {
    effectiveFrom: '2021-12-01',
    basis: '吉林省人民政府关于调整全省最低工资标准的通知（2021年9月30日）',
    tiers: [
      [1880, 19, CHANGCHUN_URBAN],
      [1760, 18, [...JILIN_URBAN, ...SONGYUAN_URBAN, ...YANJI_HUNCHUN]],
      [1640, 17, [...SIPING_URBAN, ...LIAOYUAN_URBAN, ...TONGHUA_URBAN, ...BAISHAN_URBAN, ...QIANGUO_FUSONG]],
      [1540, 16, []],
    ],
  },
  {
    effectiveFrom: '2024-10-01',
    basis: '吉政函〔2024〕66号',
    tiers: [
      [2120, 21, CHANGCHUN_URBAN],
      [1920, 19.5, [...JILIN_URBAN, ...BAISHAN_URBAN, ...SONGYUAN_URBAN, ...YANJI_HUNCHUN]],
      [1780, 18, []],
    ],
  },
];

export const AVERAGE_WAGES = [
  {
    statYear: 2021,
    annual: 83028,
    effectiveFrom: '2022-01-01',
  },
  {
    statYear: 2022,
    annual: 87222,
    effectiveFrom: '2023-01-01',
  },
];

interface SeedRow {
  kind: 'minimum_wage' | 'average_wage';
  region_code: string;
  effective_from: string;
  monthly_amount: number;
  hourly_amount: number | null;
  tier: number | null;
  stat_year: number | null;
  basis: string;
}

/** The seed's rows for the given regions (county-level codes and 长白山). */
export function wageParameterSeedRows(areaCodes: readonly string[]): SeedRow[] {
  const rows: SeedRow[] = [];
  for (const std of MINIMUM_WAGE_STANDARDS) {
    const listed = new Set(std.tiers.flatMap(([, , codes]) => codes));
    std.tiers.forEach(([monthly, hourly, codes], i) => {
      const tier = i + 1;
      const areas = i === std.tiers.length - 1 ? areaCodes.filter((c) => !listed.has(c)) : codes;
      for (const code of areas) {
        rows.push({
          kind: 'minimum_wage',
          region_code: code,
          effective_from: std.effectiveFrom,
          monthly_amount: monthly,
          hourly_amount: hourly,
          tier,
          stat_year: null,
          basis: std.basis,
        });
      }
    });
  }
  for (const a of AVERAGE_WAGES) {
    rows.push({
      kind: 'average_wage',
      region_code: PROVINCE_CODE,
      effective_from: a.effectiveFrom,
      monthly_amount: Math.round((a.annual / 12) * 100) / 100,
      hourly_amount: null,
      tier: null,
      stat_year: a.statYear,
      basis: `吉林省城镇非私营单位就业人员年平均工资 ${a.annual.toLocaleString('en-US')} 元（${a.statYear}年）÷ 12`,
    });
  }
  return rows;
}

/** Loads the seed into an empty table; answers whether it did. */
export async function seedWageParameters(db: Queryable): Promise<boolean> {
  const { rows: any } = await db.query('SELECT 1 FROM wage_parameters LIMIT 1');
  if (any.length) return false;
  const { rows: areas } = await db.query<{ code: string }>(
    `SELECT code FROM regions WHERE level = 'county' OR code = $1 ORDER BY sort`,
    [CHANGBAISHAN_CODE],
  );
  if (!areas.length) return false;
  const rows = wageParameterSeedRows(areas.map((a) => a.code));
  await db.query(
    `INSERT INTO wage_parameters (kind, region_code, effective_from, monthly_amount, hourly_amount, tier, stat_year, basis)
     SELECT kind, region_code, effective_from, monthly_amount, hourly_amount, tier, stat_year, basis
       FROM jsonb_to_recordset($1::jsonb) AS r(kind text, region_code text, effective_from date, monthly_amount numeric,
            hourly_amount numeric, tier smallint, stat_year integer, basis text)`,
    [JSON.stringify(rows)],
  );
  return true;
}
