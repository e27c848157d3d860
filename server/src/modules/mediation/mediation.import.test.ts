import { idNumberCheckChar, type Role } from '@hexie/core';
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csv, multipart } from '../../../test/bad-files.js';
import { as, createTestApp, login, makeUser, quietLog, type Session, type TestContext } from '../../../test/helpers.js';
import { BACKGROUND } from '../../platform/import/engine.js';
import {
  formatTrainings,
  MEDIATOR_COLUMNS,
  ORG_COLUMNS,
  parseMediatorRow,
  parseOrgRow,
  parseTrainings,
} from './mediation.import.js';

let t: TestContext;
let staff: Session; // 长春市 mediation staff: mediation:write, no personal:read
let admin: Session; // 长春市 region admin: mediation:write and personal:read
let reader: Session; // 长春市 region staff: mediation:read only
let outsider: Session; // social organisation staff: no mediation permission
let jilinStaff: Session;
let staffId: string;

/** A valid 18-character ID number for a birth date and sequence. */
const idNumber = (birth: string, seq: string) => {
  const body = `220104${birth}${seq}`;
  return `${body}${idNumberCheckChar(body)}`;
};
const ID_WANG = idNumber('19800101', '123');
const ID_LI = idNumber('19850505', '456');
const ID_ZHAO = idNumber('19900909', '789');

const ORG_HEADERS = ORG_COLUMNS.map((c) => c.header);
const MEDIATOR_HEADERS = MEDIATOR_COLUMNS.map((c) => c.header);
const orgRow = (v: Record<string, string>) => ORG_COLUMNS.map((c) => v[c.key] ?? '');
const mediatorRow = (v: Record<string, string>) => MEDIATOR_COLUMNS.map((c) => v[c.key] ?? '');

const upload = (
  s: Session,
  register: 'orgs' | 'mediators',
  mode: 'validate' | 'commit',
  data: Buffer,
  name = 'register.csv',
  lang = 'zh-CN',
) => {
  const m = multipart(name, data);
  return as(t.app, s, {
    method: 'POST',
    url: `/api/v1/mediation/${register}/import?mode=${mode}`,
    payload: m.payload,
    headers: { ...m.headers, 'accept-language': lang },
  });
};

const count = async (table: 'mediation_orgs' | 'mediators') =>
  (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]?.n as number;
const auditCount = async (action: string, actorId?: string) =>
  (
    await t.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM audit_events WHERE action = $1 AND ($2::uuid IS NULL OR actor_id = $2::uuid)',
      [action, actorId ?? null],
    )
  ).rows[0]?.n as number;

async function sheetOf(res: LightMyRequestResponse): Promise<ExcelJS.Worksheet> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  return book.worksheets[0] as ExcelJS.Worksheet;
}
const rowsOf = (sheet: ExcelJS.Worksheet) => {
  const out: string[][] = [];
  sheet.eachRow((row) => {
    const values = row.values as unknown[];
    out.push(
      Array.from({ length: sheet.columnCount }, (_, i) => {
        const v = values[i + 1];
        return v instanceof Date ? v.toISOString().slice(0, 10) : String(v ?? '');
      }),
    );
  });
  return out;
};

async function insertOrg(regionCode: string, name: string, over: Record<string, unknown> = {}): Promise<string> {
  const { rows } = await t.owner.query<{ id: string }>(
    `INSERT INTO mediation_orgs (region_code, name, type, has_office, contact_phone)
     VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [regionCode, name, over.type ?? 'township_street', over.hasOffice ?? false, over.contactPhone ?? null],
  );
  return rows[0]?.id as string;
}

beforeAll(async () => {
  t = await createTestApp('mediation_import');
  const mk = async (role: Role, regionCode: string) => {
    const u = await makeUser(t.db, { role, regionCode });
    return { session: await login(t.app, u.username), id: u.id };
  };
  const s = await mk('mediation_staff', '220100');
  staff = s.session;
  staffId = s.id;
  admin = (await mk('region_admin', '220100')).session;
  reader = (await mk('region_staff', '220100')).session;
  outsider = (await mk('social_org_staff', '220100')).session;
  jilinStaff = (await mk('mediation_staff', '220200')).session;
  await insertOrg('220104', '长春市朝阳区红旗街道劳动争议调解委员会', { contactPhone: '043188886666' });
  await insertOrg('220202', '吉林市船营区北大街劳动争议调解委员会');
  // Two organisations of one name in two districts of 长春: a mediator's row must say which.
  await insertOrg('220102', '长春市汽车行业劳动争议调解中心', { type: 'industry_regional' });
  await insertOrg('220105', '长春市汽车行业劳动争议调解中心', { type: 'industry_regional' });
});
afterAll(() => t.close());

describe('the rows of 附件3 and 附件4 (parse, pure)', () => {
  it('reads words, regions and the trainings cell; names every bad cell', async () => {
    const ctx = {
      actor: { id: staffId, username: 's', displayName: 's', role: 'mediation_staff', regionCode: '220100' },
      scope: t.regions.scopeOf('220100'),
      regions: t.regions,
      log: quietLog,
      lang: 'zh-CN',
    } as never;
    const good = parseOrgRow(
      {
        name: '长春市南关区桃源街道劳动争议调解委员会',
        regionCode: '南关区',
        type: '乡镇（街道）',
        hasOffice: '是',
        hasSign: '√',
        rulesPosted: '否',
        filingStatus: '已备案',
        filedOn: '2026-01-05',
        contactPhone: '13900001111',
      },
      ctx,
    );
    expect(good.value?.record).toMatchObject({
      regionCode: '220102',
      type: 'township_street',
      hasOffice: true,
      hasSign: true,
      rulesPosted: false,
      filingStatus: 'filed',
      active: true,
    });
    const bad = parseOrgRow(
      { name: '调解', regionCode: '吉林市船营区', type: '居委会', hasOffice: '也许', contactPhone: '110' },
      ctx,
    );
    expect(bad.problems?.map((p) => `${p.column}:${p.code}`).sort()).toEqual([
      'contactPhone:invalid_phone',
      'hasOffice:invalid_value',
      'name:too_short',
      'regionCode:region_out_of_scope',
      'type:invalid_value',
    ]);
    const m = parseMediatorRow(
      { name: '王立新', idNumber: '', orgName: 'x', fullTime: '专兼职', trainings: '上周 培训', phone: '12' },
      ctx,
    );
    expect(m.problems?.map((p) => `${p.column}:${p.code}`).sort()).toEqual([
      'fullTime:invalid_value',
      'phone:invalid_phone',
      'trainings:training_format',
    ]);
    const text = '2026-05-20 劳动争议调解实务培训 16学时；2025/11/3 调解员 岗前培训';
    const trainings = parseTrainings(text);
    expect(trainings).toEqual([
      { on: '2026-05-20', title: '劳动争议调解实务培训', hours: 16 },
      { on: '2025-11-03', title: '调解员 岗前培训', hours: 0 },
    ]);
    expect(parseTrainings(formatTrainings(trainings ?? []))).toEqual(trainings);
  });
});

describe('templates', () => {
  it('download with the attachments’ headers in order, code columns as text', async () => {
    const orgs = await as(t.app, staff, { url: '/api/v1/mediation/orgs/import-template' });
    expect(orgs.statusCode).toBe(200);
    expect(orgs.headers['content-type']).toContain('spreadsheetml');
    expect(orgs.headers['content-disposition']).toContain(
      encodeURIComponent('劳动人事争议调解组织情况表导入模板.xlsx'),
    );
    const orgSheet = await sheetOf(orgs);
    expect((orgSheet.getRow(1).values as string[]).slice(1)).toEqual([
      '调解组织名称',
      '所属区划',
      '组织类型',
      '地址',
      '办公场所',
      '名称标识',
      '制度上墙',
      '备案状态',
      '备案日期',
      '联系人',
      '联系电话',
      '状态',
    ]);
    expect(orgSheet.getColumn(11).numFmt).toBe('@');

    const people = await as(t.app, staff, { url: '/api/v1/mediation/mediators/import-template' });
    expect(people.statusCode).toBe(200);
    expect(people.headers['content-disposition']).toContain(
      encodeURIComponent('劳动人事争议调解组织调解员情况表导入模板.xlsx'),
    );
    const peopleSheet = await sheetOf(people);
    expect((peopleSheet.getRow(1).values as string[]).slice(1)).toEqual([
      '姓名',
      '公民身份号码',
      '调解组织名称',
      '所属区划',
      '专职/兼职',
      '联系电话',
      '培训情况',
      '状态',
    ]);
    expect(peopleSheet.getColumn(2).numFmt).toBe('@');
    // The empty template is refused as having no rows, not as the wrong template.
    const empty = await upload(staff, 'mediators', 'validate', people.rawPayload, 'template.xlsx');
    expect(empty.json().code).toBe('import_no_rows');
  });
});

describe('importing organisations (附件3)', () => {
  it('validates without writing, then creates and updates in one commit; the same file again changes nothing', async () => {
    const before = await count('mediation_orgs');
    const file = csv([
      ORG_HEADERS,
      orgRow({
        name: '长春市朝阳区红旗街道劳动争议调解委员会',
        regionCode: '长春市朝阳区',
        type: '乡镇（街道）',
        hasOffice: '是',
        hasSign: '是',
        rulesPosted: '是',
        filingStatus: '已备案',
        filedOn: '2026-02-10',
      }),
      orgRow({
        name: '吉林一汽解放劳动争议调解委员会',
        regionCode: '220102',
        type: '企业',
        address: '长春市南关区东风大街 1 号',
        contactName: '孙立',
        contactPhone: '13900002222',
      }),
      orgRow({ name: '长春市总商会劳动争议调解中心', regionCode: '长春市', type: '商会', active: '已撤销' }),
    ]);
    const checked = await upload(staff, 'orgs', 'validate', file);
    expect(checked.statusCode).toBe(200);
    expect(checked.json()).toMatchObject({ status: 'succeeded', rows: 3, rejected: 0, errors: [] });
    expect(await count('mediation_orgs')).toBe(before);

    const done = await upload(staff, 'orgs', 'commit', file);
    expect(done.json()).toMatchObject({ status: 'succeeded', created: 2, updated: 1, unchanged: 0 });
    expect(await count('mediation_orgs')).toBe(before + 2);
    const { rows } = await t.db.query(
      `SELECT name, region_code, type, has_office, has_sign, rules_posted, filing_status,
              to_char(filed_on, 'YYYY-MM-DD') AS filed_on, contact_phone, active
         FROM mediation_orgs WHERE region_code LIKE '2201%' ORDER BY name`,
    );
    expect(rows).toEqual(
      expect.arrayContaining([
        {
          name: '长春市朝阳区红旗街道劳动争议调解委员会',
          region_code: '220104',
          type: 'township_street',
          has_office: true,
          has_sign: true,
          rules_posted: true,
          filing_status: 'filed',
          filed_on: '2026-02-10',
          // a blank cell never erases what is stored
          contact_phone: '043188886666',
          active: true,
        },
        expect.objectContaining({ name: '吉林一汽解放劳动争议调解委员会', region_code: '220102', type: 'enterprise' }),
        expect.objectContaining({ name: '长春市总商会劳动争议调解中心', region_code: '220100', active: false }),
      ]),
    );
    // Audited: the import once, each record created or changed on its own, the phone masked.
    expect(await auditCount('mediation_org.import', staffId)).toBe(1);
    const events = await t.db.query<{ action: string; details: Record<string, unknown> }>(
      `SELECT action, details FROM audit_events WHERE actor_id = $1 AND action LIKE 'mediation_org.%'
        AND details->>'via' = 'import'`,
      [staffId],
    );
    expect(events.rows.map((e) => e.action).sort()).toEqual([
      'mediation_org.create',
      'mediation_org.create',
      'mediation_org.update',
    ]);
    expect(JSON.stringify(events.rows)).not.toContain('13900002222');

    const again = await upload(staff, 'orgs', 'commit', file);
    expect(again.json()).toMatchObject({ status: 'succeeded', created: 0, updated: 0, unchanged: 3 });
    expect(again.json().previousCommit?.importId).toBe(done.json().importId);
  });

  it('one bad row: nothing is written, and every bad cell is named by row and column, in the caller’s language', async () => {
    const before = await count('mediation_orgs');
    const file = csv([
      ORG_HEADERS,
      orgRow({ name: '长春市宽城区团山街道劳动争议调解委员会', regionCode: '长春市宽城区', type: '乡镇街道' }),
      orgRow({ name: '吉林市昌邑区劳动争议调解中心', regionCode: '吉林市昌邑区', type: '其他' }),
      // found once the stored record is known: filed, and no date in the file nor on record
      orgRow({
        name: '长春市绿园区劳动争议调解中心',
        regionCode: '长春市绿园区',
        type: '其他',
        filingStatus: '已备案',
      }),
      orgRow({ name: '长春市双阳区劳动争议调解中心', regionCode: '双阳区', type: '其他', contactPhone: '12345' }),
    ]);
    const res = await upload(staff, 'orgs', 'commit', file);
    expect(res.json()).toMatchObject({ status: 'failed', rows: 4, rejected: 3, created: 0 });
    expect(res.json().errors).toEqual([
      expect.objectContaining({ row: 3, column: '所属区划', code: 'region_out_of_scope' }),
      expect.objectContaining({ row: 4, column: '备案日期', code: 'required' }),
      expect.objectContaining({ row: 5, column: '联系电话', code: 'invalid_phone' }),
    ]);
    expect(res.json().errors[0].message).toBe('所属区划超出了您的管辖范围。');
    expect(await count('mediation_orgs')).toBe(before);

    const en = await upload(staff, 'orgs', 'validate', file, 'register.csv', 'en-US');
    expect(en.json().errors[0].message).toBe('所属区划 is outside your region.');
    // The other region's staff cannot touch 长春's organisations either.
    const theirs = await upload(
      jilinStaff,
      'orgs',
      'validate',
      csv([
        ORG_HEADERS,
        orgRow({ name: '长春市朝阳区红旗街道劳动争议调解委员会', regionCode: '220104', type: '乡镇' }),
      ]),
    );
    expect(theirs.json().errors).toEqual([expect.objectContaining({ row: 2, code: 'region_out_of_scope' })]);
  });
});

describe('importing mediators (附件4)', () => {
  it('finds the organisation by name in the caller’s region, the person by ID number or name; creates and updates', async () => {
    const orgId = (
      await t.db.query<{ id: string }>(
        `SELECT id FROM mediation_orgs WHERE name = '长春市朝阳区红旗街道劳动争议调解委员会'`,
      )
    ).rows[0]?.id as string;
    // Registered before: one by ID number, one by name only.
    await t.owner.query(
      `INSERT INTO mediators (org_id, region_code, name, id_number, phone, full_time)
       VALUES ($1, '220104', '王立新', $2, '13900001111', false), ($1, '220104', '李淑华', NULL, NULL, false)`,
      [orgId, ID_WANG],
    );
    const before = await count('mediators');
    const file = csv([
      MEDIATOR_HEADERS,
      // the same person, found by ID number: now full-time, with a new phone and a training
      mediatorRow({
        name: '王立新',
        idNumber: ID_WANG,
        orgName: '长春市朝阳区红旗街道劳动争议调解委员会',
        fullTime: '专职',
        phone: '13900003333',
        trainings: '2026-05-20 劳动争议调解实务培训 16学时',
      }),
      // registered by name only: the row gives her ID number
      mediatorRow({
        name: '李淑华',
        idNumber: ID_LI.toLowerCase(),
        orgName: '长春市朝阳区红旗街道劳动争议调解委员会',
        fullTime: '兼职',
      }),
      // new, in one of the two organisations of that name, told apart by its region
      mediatorRow({
        name: '赵建国',
        idNumber: ID_ZHAO,
        orgName: '长春市汽车行业劳动争议调解中心',
        orgRegion: '长春市南关区',
        fullTime: '兼职',
        active: '在册',
      }),
    ]);
    const res = await upload(staff, 'mediators', 'commit', file);
    expect(res.json()).toMatchObject({ status: 'succeeded', rows: 3, created: 1, updated: 2, errors: [] });
    expect(await count('mediators')).toBe(before + 1);
    const { rows } = await t.db.query(
      `SELECT m.name, m.id_number, m.phone, m.full_time, m.trainings, m.region_code, m.version
         FROM mediators m ORDER BY m.name`,
    );
    expect(rows).toEqual(
      expect.arrayContaining([
        {
          name: '王立新',
          id_number: ID_WANG,
          phone: '13900003333',
          full_time: true,
          trainings: [{ on: '2026-05-20', title: '劳动争议调解实务培训', hours: 16 }],
          region_code: '220104',
          version: 2,
        },
        expect.objectContaining({ name: '李淑华', id_number: ID_LI, version: 2 }),
        expect.objectContaining({ name: '赵建国', id_number: ID_ZHAO, region_code: '220102', version: 1 }),
      ]),
    );
    // Each person's change audited, ID and phone masked.
    const events = await t.db.query<{ details: unknown }>(
      `SELECT details FROM audit_events WHERE action IN ('mediator.create', 'mediator.update') AND details->>'via' = 'import'`,
    );
    expect(events.rows).toHaveLength(3);
    expect(JSON.stringify(events.rows)).not.toMatch(new RegExp(`${ID_ZHAO}|${ID_LI}|13900003333`));
    expect(await auditCount('mediator.import', staffId)).toBe(1);
  });

  it('an organisation not found or ambiguous, another region’s, a bad ID: named cells and nothing written', async () => {
    const before = await count('mediators');
    const versions = await t.db.query('SELECT id, version FROM mediators ORDER BY id');
    const file = csv([
      MEDIATOR_HEADERS,
      // fine on its own: would update 王立新, but the file has errors
      mediatorRow({
        name: '王立新',
        idNumber: ID_WANG,
        orgName: '长春市朝阳区红旗街道劳动争议调解委员会',
        fullTime: '兼职',
      }),
      mediatorRow({ name: '钱多多', orgName: '长春市汽车行业劳动争议调解中心', fullTime: '兼职' }),
      mediatorRow({ name: '孙小美', orgName: '吉林市船营区北大街劳动争议调解委员会', fullTime: '专职' }),
      mediatorRow({
        name: '周一',
        orgName: '吉林市船营区北大街劳动争议调解委员会',
        orgRegion: '吉林市船营区',
        fullTime: '专职',
      }),
      mediatorRow({
        name: '吴二',
        idNumber: '220104198001011230',
        orgName: '长春市朝阳区红旗街道劳动争议调解委员会',
        fullTime: '专职',
      }),
    ]);
    const res = await upload(staff, 'mediators', 'commit', file);
    expect(res.json()).toMatchObject({ status: 'failed', rejected: 4, created: 0, updated: 0 });
    expect(
      res.json().errors.map((e: { row: number; column: string; code: string }) => [e.row, e.column, e.code]),
    ).toEqual([
      [3, '调解组织名称', 'org_ambiguous'],
      [4, '调解组织名称', 'org_not_found'],
      [5, '所属区划', 'region_out_of_scope'],
      [6, '公民身份号码', 'invalid_id_number'],
    ]);
    expect(res.json().errors[0].message).toBe(
      '您的管辖范围内有 2 个调解组织名称为“长春市汽车行业劳动争议调解中心”的调解组织，请填写所属区划加以区分。',
    );
    expect(res.json().errors[1].message).toContain(
      '没有调解组织名称为“吉林市船营区北大街劳动争议调解委员会”的调解组织',
    );
    expect(await count('mediators')).toBe(before);
    expect((await t.db.query('SELECT id, version FROM mediators ORDER BY id')).rows).toEqual(versions.rows);
  });
});

describe('exports (附件3, 附件4)', () => {
  it('organisations: the template’s columns, the caller’s region only, phones masked; audited', async () => {
    const res = await as(t.app, staff, { url: '/api/v1/mediation/orgs/export' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('劳动人事争议调解组织情况表-'));
    const rows = rowsOf(await sheetOf(res));
    expect(rows[0]).toEqual(ORG_HEADERS);
    const db = await t.db.query<{ name: string }>(
      `SELECT name FROM mediation_orgs WHERE region_code LIKE '2201%' ORDER BY region_code, name, id`,
    );
    expect(rows.slice(1).map((r) => r[0])).toEqual(db.rows.map((r) => r.name));
    const hongqi = rows.find((r) => r[0] === '长春市朝阳区红旗街道劳动争议调解委员会');
    expect(hongqi).toEqual([
      '长春市朝阳区红旗街道劳动争议调解委员会',
      '长春市朝阳区',
      '乡镇（街道）劳动争议调解组织',
      '',
      '是',
      '是',
      '是',
      '已备案',
      '2026-02-10',
      '',
      '0431****6666',
      '正常',
    ]);
    expect(JSON.stringify(rows)).not.toMatch(/13900002222|043188886666|吉林市船营区/);
    const { rows: audits } = await t.db.query<{ details: { rows: number; unmasked: boolean } }>(
      `SELECT details FROM audit_events WHERE action = 'mediation_org.export' AND actor_id = $1`,
      [staffId],
    );
    expect(audits).toHaveLength(1);
    expect(audits[0]?.details).toMatchObject({ rows: rows.length - 1, unmasked: false });

    // The list's filters apply; a reveal needs personal:read.
    const filtered = rowsOf(
      await sheetOf(await as(t.app, staff, { url: '/api/v1/mediation/orgs/export?type=chamber' })),
    );
    expect(filtered.slice(1).map((r) => r[0])).toEqual(['长春市总商会劳动争议调解中心']);
    expect((await as(t.app, staff, { url: '/api/v1/mediation/orgs/export?reveal=phone' })).statusCode).toBe(403);
    const shown = rowsOf(await sheetOf(await as(t.app, admin, { url: '/api/v1/mediation/orgs/export?reveal=phone' })));
    expect(shown.find((r) => r[0] === '吉林一汽解放劳动争议调解委员会')?.[10]).toBe('13900002222');
  });

  it('mediators: ID and phone masked, trainings as text; the file imports again unchanged', async () => {
    const res = await as(t.app, staff, { url: '/api/v1/mediation/mediators/export' });
    expect(res.statusCode).toBe(200);
    const rows = rowsOf(await sheetOf(res));
    expect(rows[0]).toEqual(MEDIATOR_HEADERS);
    expect(rows.slice(1)).toHaveLength(await count('mediators'));
    expect(rows.find((r) => r[0] === '王立新')).toEqual([
      '王立新',
      `${ID_WANG.slice(0, 6)}********${ID_WANG.slice(-4)}`,
      '长春市朝阳区红旗街道劳动争议调解委员会',
      '长春市朝阳区',
      '专职',
      '139****3333',
      '2026-05-20 劳动争议调解实务培训 16学时',
      '在册',
    ]);
    expect(JSON.stringify(rows)).not.toMatch(new RegExp(`${ID_WANG}|${ID_LI}|13900003333`));
    const { rows: audits } = await t.db.query(
      `SELECT details FROM audit_events WHERE action = 'mediator.export' AND actor_id = $1`,
      [staffId],
    );
    expect(audits[0]?.details).toMatchObject({ rows: rows.length - 1, unmasked: false });

    // Corrected and imported again: the masked numbers keep what is stored.
    const again = await upload(staff, 'mediators', 'commit', res.rawPayload as Buffer, 'export.xlsx');
    expect(again.json()).toMatchObject({ status: 'succeeded', created: 0, updated: 0, unchanged: rows.length - 1 });
    // A masked number that is not the stored one's mask is refused: it cannot be guessed.
    const wrong = await upload(
      staff,
      'mediators',
      'validate',
      csv([
        MEDIATOR_HEADERS,
        mediatorRow({
          name: '王立新',
          orgName: '长春市朝阳区红旗街道劳动争议调解委员会',
          fullTime: '专职',
          phone: '139****0000',
        }),
      ]),
    );
    expect(wrong.json().errors).toEqual([
      expect.objectContaining({ row: 2, column: '联系电话', code: 'masked_value' }),
    ]);

    // personal:read reveals, audited as unmasked.
    expect((await as(t.app, staff, { url: '/api/v1/mediation/mediators/export?reveal=personal' })).statusCode).toBe(
      403,
    );
    const shown = await as(t.app, admin, { url: '/api/v1/mediation/mediators/export?reveal=personal' });
    expect(rowsOf(await sheetOf(shown)).find((r) => r[0] === '王立新')?.[1]).toBe(ID_WANG);
    const { rows: revealed } = await t.db.query(
      `SELECT details FROM audit_events WHERE action = 'mediator.export' AND details->>'unmasked' = 'true'`,
    );
    expect(revealed[0]?.details).toMatchObject({ revealed: ['公民身份号码', '联系电话'] });
    // Another region's export holds none of these.
    const theirs = rowsOf(await sheetOf(await as(t.app, jilinStaff, { url: '/api/v1/mediation/mediators/export' })));
    expect(theirs).toEqual([MEDIATOR_HEADERS]);
  });
});

describe('access', () => {
  it('401 without a session, 403 without the permission or the CSRF token', async () => {
    for (const url of [
      '/api/v1/mediation/orgs/import-template',
      '/api/v1/mediation/mediators/import-template',
      '/api/v1/mediation/orgs/export',
      '/api/v1/mediation/mediators/export',
    ]) {
      expect((await t.app.inject({ url })).statusCode, url).toBe(401);
      expect((await as(t.app, outsider, { url })).statusCode, url).toBe(403);
    }
    const file = csv([MEDIATOR_HEADERS, mediatorRow({ name: '王立新', orgName: 'x', fullTime: '专职' })]);
    const m = multipart('a.csv', file);
    const anonymous = await t.app.inject({
      method: 'POST',
      url: '/api/v1/mediation/mediators/import?mode=validate',
      payload: m.payload,
      headers: m.headers,
    });
    expect(anonymous.statusCode).toBe(401);
    // A reader of the registers cannot import them.
    expect((await upload(reader, 'orgs', 'validate', file)).statusCode).toBe(403);
    expect((await as(t.app, reader, { url: '/api/v1/mediation/orgs/import-template' })).statusCode).toBe(403);
    expect((await as(t.app, reader, { url: '/api/v1/mediation/orgs/export' })).statusCode).toBe(200);
    const noCsrf = await as(t.app, staff, {
      method: 'POST',
      url: '/api/v1/mediation/mediators/import?mode=validate',
      payload: m.payload,
      headers: m.headers,
      csrf: false,
    });
    expect(noCsrf.statusCode).toBe(403);
  });

  it('a big file runs in the background and its uploader follows it, without imports:read', async () => {
    const rows = Array.from({ length: BACKGROUND.rows + 20 }, (_, i) =>
      mediatorRow({
        name: `调解员${String(i).padStart(5, '0')}`,
        orgName: '长春市朝阳区红旗街道劳动争议调解委员会',
        fullTime: '兼职',
      }),
    );
    const res = await upload(staff, 'mediators', 'validate', csv([MEDIATOR_HEADERS, ...rows]));
    expect(res.statusCode).toBe(202);
    const url = `/api/v1/imports/${res.json().importId}`;
    let rec = res.json();
    for (let i = 0; i < 200 && (rec.status === 'queued' || rec.status === 'running'); i++) {
      await new Promise((r) => setTimeout(r, 100));
      const poll = await as(t.app, staff, { url });
      expect(poll.statusCode).toBe(200);
      rec = poll.json();
    }
    expect(rec).toMatchObject({ status: 'succeeded', rows: BACKGROUND.rows + 20, rejected: 0 });
    // Someone else's import stays theirs: another mediation staff member of the region does not see it.
    const colleague = await login(
      t.app,
      (await makeUser(t.db, { role: 'mediation_staff', regionCode: '220100' })).username,
    );
    expect((await as(t.app, colleague, { url })).statusCode).toBe(404);
    expect((await as(t.app, colleague, { url: '/api/v1/imports' })).statusCode).toBe(403);
  }, 60_000);
});
