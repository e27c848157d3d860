import { randomInt } from 'node:crypto';
import { creditCodeCheckChar, type EnterpriseRecord, industrySection, sizeClassOf } from '@hexie/core';
import type { Queryable } from '../../src/db/pool.js';

const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** A valid 统一社会信用代码 registered in `division` (positions 3–8), random otherwise. */
export function validCreditCode(division = '220102'): string {
  let body = `91${division}`;
  while (body.length < 17) body += CHARSET[randomInt(CHARSET.length)];
  return `${body}${creditCodeCheckChar(body)}`;
}

/** The same code with a wrong check character (well-formed otherwise). */
export function wrongCheckChar(code: string): string {
  const body = code.slice(0, 17);
  return `${body}${code[17] === '0' ? '1' : '0'}`;
}

let seq = 0;

/** An enterprise row written straight to the database (the API is tested separately). */
export async function makeEnterprise(
  db: Queryable,
  over: Partial<EnterpriseRecord> = {},
): Promise<EnterpriseRecord & { id: string }> {
  seq += 1;
  const base: EnterpriseRecord = {
    creditCode: validCreditCode(over.regionCode ?? '220102'),
    name: `测试企业${seq}有限公司`,
    regionCode: '220102',
    industryCode: '3311',
    ownership: 'private',
    employees: 50,
    revenue: 800,
    assets: 500,
    sizeClass: null,
    registeredOn: '2025-06-01',
    address: '长春市南关区人民大街1号',
    legalRepresentative: '张三',
    contactName: '李四',
    contactPhone: '13812345678',
    source: 'manual',
    creditCodeOverrideReason: null,
  };
  const r = { ...base, ...over };
  r.sizeClass = over.sizeClass ?? sizeClassOf(r);
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO enterprises (credit_code, name, region_code, industry_code, industry_section, ownership, employees,
       revenue, assets, size_class, registered_on, address, legal_representative, contact_name, contact_phone, source,
       credit_code_override_reason)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) RETURNING id`,
    [
      r.creditCode,
      r.name,
      r.regionCode,
      r.industryCode,
      industrySection(r.industryCode) ?? 'X',
      r.ownership,
      r.employees,
      r.revenue,
      r.assets,
      r.sizeClass,
      r.registeredOn,
      r.address,
      r.legalRepresentative,
      r.contactName,
      r.contactPhone,
      r.source,
      r.creditCodeOverrideReason,
    ],
  );
  return { ...r, id: (rows[0] as { id: string }).id };
}
