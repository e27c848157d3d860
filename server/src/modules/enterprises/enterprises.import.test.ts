import type { Role } from '@hexie/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeEnterprise, validCreditCode } from '../../../test/factories/enterprises.js';
import { createTestApp, makeUser, quietLog, type TestContext } from '../../../test/helpers.js';
import { withTx } from '../../db/pool.js';
import type { ServiceContext } from '../../platform/context.js';
import { ENTERPRISE_COLUMNS, type EnterpriseImportRow, enterpriseImport } from './enterprises.import.js';

let t: TestContext;
let changchun: ServiceContext;

async function contextFor(role: Role, regionCode: string): Promise<ServiceContext> {
  const u = await makeUser(t.db, { role, regionCode });
  return {
    actor: {
      id: u.id,
      username: u.username,
      displayName: u.displayName,
      role,
      regionCode,
      memberUnit: 'hrss',
      enterpriseId: null,
    },
    scope: t.regions.scopeOf(regionCode),
    lang: 'zh-CN',
    ip: '127.0.0.1',
    requestId: 'test',
    db: t.db,
    regions: t.regions,
    log: quietLog,
  };
}

beforeAll(async () => {
  t = await createTestApp('enterprise_import');
  changchun = await contextFor('region_staff', '220100');
});
afterAll(() => t.close());

const cells = (over: Record<string, string> = {}) => ({
  creditCode: validCreditCode('220102'),
  name: '长春市示例食品有限公司',
  regionCode: '长春市南关区',
  industryCode: '1391',
  ownership: '',
  employees: '',
  revenue: '',
  assets: '',
  registeredOn: '',
  address: '',
  legalRepresentative: '',
  contactName: '',
  contactPhone: '',
  source: '',
  ...over,
});

function parsed(c: Record<string, string>): EnterpriseImportRow {
  const r = enterpriseImport.parse(c, changchun);
  if (!r.value) throw new Error(JSON.stringify(r.problems));
  return r.value;
}

const upsert = (rows: EnterpriseImportRow[]) => withTx(t.db, (tx) => enterpriseImport.upsert(tx, changchun, rows));

describe('the enterprise import spec', () => {
  it('has the template headers in order, the code columns read as text', () => {
    expect(ENTERPRISE_COLUMNS.map((c) => c.header).slice(0, 4)).toEqual([
      '统一社会信用代码',
      '企业名称',
      '所属区划',
      '行业代码',
    ]);
    expect(ENTERPRISE_COLUMNS.filter((c) => c.kind === 'code').map((c) => c.key)).toEqual([
      'creditCode',
      'industryCode',
      'contactPhone',
    ]);
  });

  it('reads regions by code, full name or unique name, and words for ownership and source', () => {
    expect(parsed(cells({ regionCode: '220102' })).record.regionCode).toBe('220102');
    expect(parsed(cells({ regionCode: '南关区' })).record.regionCode).toBe('220102');
    const r = parsed(cells({ ownership: '民营', source: '市场监管', employees: '1,200', revenue: '45000' }));
    expect(r.record).toMatchObject({
      ownership: 'private',
      source: 'market_regulation',
      employees: 1200,
      sizeClass: 'large',
    });
  });

  it('names each bad cell by its column', () => {
    const r = enterpriseImport.parse(
      cells({
        creditCode: '91220102XXXX',
        regionCode: '吉林市船营区',
        industryCode: '99',
        ownership: '宇宙企业',
        employees: '12.5',
        contactPhone: '110',
        registeredOn: '2999-01-01',
      }),
      changchun,
    );
    expect(r.problems?.map((p) => `${p.column}:${p.code}`).sort()).toEqual([
      'contactPhone:invalid_phone',
      'creditCode:invalid_credit_code',
      'employees:invalid_type',
      'industryCode:unknown_industry',
      'ownership:invalid_value',
      'regionCode:region_out_of_scope',
      'registeredOn:future_date',
    ]);
    expect(enterpriseImport.parse(cells({ name: '', regionCode: '不存在区' }), changchun).problems).toEqual(
      expect.arrayContaining([
        { column: 'name', code: 'required' },
        { column: 'regionCode', code: 'unknown_region' },
      ]),
    );
  });

  it('refuses codes registered by another region (check runs before anything is written)', async () => {
    const jilins = await makeEnterprise(t.db, { regionCode: '220202' });
    const rows = [parsed(cells()), parsed(cells({ creditCode: jilins.creditCode }))];
    const problems = await enterpriseImport.check?.(
      changchun,
      rows.map((r) => r),
    );
    expect([...(problems ?? new Map())]).toEqual([[1, [{ column: 'creditCode', code: 'credit_code_elsewhere' }]]]);
  });

  it('upserts by credit code: created, then updated, then unchanged; blank cells never erase', async () => {
    const a = cells({ employees: '30', revenue: '400', contactPhone: '13600001111', source: '社保' });
    const b = cells({ name: '长春市示例物流有限公司', industryCode: '5411' });
    expect(await upsert([parsed(a), parsed(b)])).toEqual({ created: 2, updated: 0, unchanged: 0 });
    expect(await upsert([parsed(a), parsed(b)])).toEqual({ created: 0, updated: 0, unchanged: 2 });

    // Same code, more people, blank phone and source: the phone and source stay, the size class follows.
    const grown = { ...a, employees: '400', revenue: '5000', contactPhone: '', source: '' };
    expect(await upsert([parsed(grown), parsed(b)])).toEqual({ created: 0, updated: 1, unchanged: 1 });
    const { rows } = await t.db.query(
      'SELECT employees, size_class, contact_phone, source, version FROM enterprises WHERE credit_code = $1',
      [a.creditCode],
    );
    expect(rows[0]).toEqual({
      employees: 400,
      size_class: 'medium',
      contact_phone: '13600001111',
      source: 'social_insurance',
      version: 2,
    });
  });
});
