import { addDays, chinaToday, type Role } from '@hexie/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, login, makeUser, type Session, type TestContext } from '../../../test/helpers.js';
import * as repo from './mediation.repository.js';

// The inbox's list as the repository builds it (020 and bench/RESULTS.md "mediation"): the open cases and the
// closed ones are read as two parts in their own orders and joined into one; q goes through the grams index.
let t: TestContext;
let city: Session;
let county: Session;
const today = chinaToday();
const orgs: Record<'nanguan' | 'chaoyang' | 'chuanying', string> = { nanguan: '', chaoyang: '', chuanying: '' };

interface Case {
  id: string;
  code: string;
  org: keyof typeof orgs;
  status: string;
  received: number;
  acceptanceDue?: number;
  effectiveDue?: number;
  applicant?: string;
  respondent?: string;
}

const REGION = { nanguan: '220102', chaoyang: '220104', chuanying: '220202' } as const;
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

async function insertCases(cases: readonly Case[]): Promise<void> {
  for (const c of cases) {
    const received = addDays(today, c.received);
    await t.owner.query(
      `INSERT INTO mediation_cases (id, tracking_code, org_id, region_code, source, applicant_name,
         applicant_id_number, applicant_phone, respondent_name, dispute_types, facts, status, received_on,
         acceptance_due, mediation_due, effective_due, closed_on)
       VALUES ($1, $2, $3, $4, 'walk_in', $5, '11010519491231002X', '13800138000', $6, '{wages}', '拖欠工资。', $7,
         $8, $9, $10, $10, CASE WHEN $7 IN ('received', 'accepted', 'in_mediation') THEN NULL ELSE $8::date + 5 END)`,
      [
        c.id,
        c.code,
        orgs[c.org],
        REGION[c.org],
        c.applicant ?? '李四',
        c.respondent ?? '长春市某某有限公司',
        c.status,
        received,
        addDays(today, c.acceptanceDue ?? c.received + 3),
        addDays(today, c.effectiveDue ?? c.received + 15),
      ],
    );
  }
}

// Open: the deadline each waits on is acceptance_due while received, else effective_due.
const O3 = { id: uuid(3), code: 'OPEN0003', org: 'nanguan', status: 'in_mediation', received: -40, effectiveDue: -25 };
const O1 = {
  id: uuid(1),
  code: 'OPEN0001',
  org: 'nanguan',
  status: 'received',
  received: -1,
  acceptanceDue: 2,
  applicant: '张三丰',
};
const O4 = { id: uuid(4), code: 'OPEN0004', org: 'chaoyang', status: 'received', received: 0, acceptanceDue: 3 };
const O5 = { id: uuid(5), code: 'OPEN0005', org: 'nanguan', status: 'in_mediation', received: -12, effectiveDue: 3 };
const O2 = { id: uuid(2), code: 'ABCDEFGH', org: 'nanguan', status: 'accepted', received: -10, effectiveDue: 5 };
// Closed, newest first; C1 and C3 were received the same day, so the larger id comes first.
const C3 = { id: uuid(13), code: 'SHUT0013', org: 'chaoyang', status: 'withdrawn', received: -20 };
const C1 = { id: uuid(11), code: 'SHUT0011', org: 'nanguan', status: 'agreement', received: -20 };
const C2 = {
  id: uuid(12),
  code: 'SHUT0012',
  org: 'nanguan',
  status: 'failed',
  received: -30,
  respondent: '长春市鑫达物流有限公司',
};
const C4 = { id: uuid(14), code: 'SHUT0014', org: 'nanguan', status: 'rejected', received: -400 };
// 吉林市: the same applicant's name, never in 长春市's inbox.
const J1 = { id: uuid(21), code: 'JILIN021', org: 'chuanying', status: 'received', received: -1, applicant: '张三丰' };

beforeAll(async () => {
  t = await createTestApp('mediation_inbox');
  const mk = async (role: Role, regionCode: string) =>
    login(t.app, (await makeUser(t.db, { role, regionCode })).username);
  city = await mk('mediation_staff', '220100');
  county = await mk('mediation_staff', '220102');
  for (const key of Object.keys(orgs) as (keyof typeof orgs)[]) {
    const { rows } = await t.owner.query<{ id: string }>(
      `INSERT INTO mediation_orgs (region_code, name, type) VALUES ($1, $2, 'township_street') RETURNING id`,
      [REGION[key], `${key}调解中心`],
    );
    orgs[key] = rows[0]?.id as string;
  }
  await insertCases([O1, O2, O3, O4, O5, C1, C2, C3, C4, J1] as Case[]);
});
afterAll(() => t.close());

const list = async (who: Session, qs: string) => {
  const res = await as(t.app, who, { url: `/api/v1/mediation/cases?${qs}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: { id: string }[]; total: number; totalCapped?: boolean };
};
const ids = (page: { items: { id: string }[] }) => page.items.map((c) => c.id);

describe('the case inbox over its two parts', () => {
  it('open cases by the deadline they wait on, then the closed newest first, page after page', async () => {
    const pages = [];
    for (const page of [1, 2, 3]) pages.push(await list(city, `pageSize=3&page=${page}`));
    expect(pages.map(ids)).toEqual([
      [O3.id, O1.id, O4.id],
      [O5.id, O2.id, C3.id],
      [C1.id, C2.id, C4.id],
    ]);
    expect(pages.map((p) => p.total)).toEqual([9, 9, 9]);
    expect(pages[0]?.totalCapped).toBeUndefined();
    expect(ids(await list(city, 'pageSize=3&page=4'))).toEqual([]);
    // A county sees its own region only.
    expect(ids(await list(county, 'pageSize=20'))).toEqual([O3.id, O1.id, O5.id, O2.id, C1.id, C2.id, C4.id]);
  });

  it('each view reads only the part it can match', async () => {
    expect(ids(await list(city, 'open=true'))).toEqual([O3.id, O1.id, O4.id, O5.id, O2.id]);
    expect(ids(await list(city, 'open=false'))).toEqual([C3.id, C1.id, C2.id, C4.id]);
    expect(ids(await list(city, 'due=soon'))).toEqual([O3.id, O1.id, O4.id, O5.id]);
    expect(ids(await list(city, 'due=overdue'))).toEqual([O3.id]);
    expect(ids(await list(city, 'status=agreement'))).toEqual([C1.id]);
    expect(ids(await list(city, 'status=received&open=false'))).toEqual([]);
    expect(ids(await list(city, 'status=failed&due=soon'))).toEqual([]);
    expect(ids(await list(city, `orgId=${orgs.chaoyang}`))).toEqual([O4.id, C3.id]);
    expect(ids(await list(county, `orgId=${orgs.chaoyang}`))).toEqual([]);
  });

  it('q finds a substring of the tracking code (any case), the applicant or the respondent, in scope only', async () => {
    expect(ids(await list(city, 'q=cdefg'))).toEqual([O2.id]);
    expect(ids(await list(city, 'q=三丰'))).toEqual([O1.id]);
    expect(ids(await list(city, 'q=鑫达物流'))).toEqual([C2.id]);
    expect(ids(await list(city, 'q=鑫达物流&open=true'))).toEqual([]);
    expect(ids(await list(city, 'q=物流 鑫达'))).toEqual([]);
    expect(ids(await list(county, 'q=OPEN000'))).toEqual([O3.id, O1.id, O5.id]);
    expect((await list(city, 'q=SHUT')).total).toBe(4);
  });

  it('counts a large ledger up to core’s cap and says so', async () => {
    await t.owner.query(
      `INSERT INTO mediation_cases (tracking_code, org_id, region_code, source, applicant_name, applicant_id_number,
         applicant_phone, respondent_name, dispute_types, facts, status, received_on, acceptance_due, mediation_due,
         effective_due)
       SELECT 'CAP' || lpad(i::text, 5, '0'), $1, '220104', 'walk_in', '王五', '11010519491231002X', '13800138000',
              '长春市恒盛商贸有限公司', '{wages}', '拖欠工资。', 'agreement', $2::date - 100, $2::date - 97,
              $2::date - 85, $2::date - 85
         FROM generate_series(1, 1001) i`,
      [orgs.chaoyang, today],
    );
    const searched = await list(city, 'q=恒盛商贸');
    expect(searched).toMatchObject({ total: 1000, totalCapped: true });
    expect(searched.items).toHaveLength(20);
    const all = await list(city, '');
    expect(all.total).toBe(1010);
    expect(all.totalCapped).toBeUndefined();
  });
  it('a city’s search goes through the grams index with its region token', async () => {
    const seen: string[] = [];
    // The real database, with each statement the repository sends kept to be explained.
    const recording = {
      query: (sql: string, params: unknown[]) => {
        seen.push(sql);
        return t.db.query(sql, params);
      },
    } as unknown as Parameters<typeof repo.listCases>[0];
    // With the 1,001 cases of the last test the city has enough rows for an index to be worth choosing; VACUUM
    // moves the new rows' grams from the GIN index's pending list into the index proper, as autovacuum does.
    await t.owner.query('VACUUM ANALYZE mediation_cases');
    const codes = ['220100', '220102', '220104'];
    await repo.listCases(recording, { regionCodes: codes, q: '三丰', page: 1, pageSize: 20 });
    const count = seen.find((s) => s.startsWith('SELECT count(*)')) as string;
    await t.owner.query('SET enable_seqscan = off');
    const plan = await t.owner.query(`EXPLAIN ${count}`, [codes, '%三丰%', '三丰', ['@220100']]);
    await t.owner.query('RESET enable_seqscan');
    expect(plan.rows.map((r) => r['QUERY PLAN']).join('\n')).toContain('mediation_cases_search_idx');
  });
});
