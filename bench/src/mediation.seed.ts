/**
 * The mediation benchmark's data: organisations in every region and 1,000,000 cases received over three years,
 * with the statuses, dates and deadlines a real register would have (deadlines from core's caseDeadlines), loaded
 * oldest first through COPY (server/src/db/copy.ts).
 */
import {
  addDays,
  type CaseStatus,
  caseDeadlines,
  DISPUTE_TYPES,
  type DisputeType,
  idNumberCheckChar,
  PROVINCE_CODE,
  reviewApplicationDue,
  TRACKING_ALPHABET,
} from '@hexie/core';
import pg from 'pg';
import { copyRows } from '../../server/src/db/copy.js';
import { FACTS, FIRMS } from '../../server/src/modules/mediation/mediation.seed.js';
import { hashPassword } from '../../server/src/platform/passwords.js';
import { bulkInsert, type Log, type Random, seededRandom } from './harness.js';

export const SEED = 20_261_202;
/** BENCH_CASES overrides the number of cases (for a quick trial; the result is 1,000,000). */
export const CASES = Number(process.env.BENCH_CASES || 1_000_000);
/** received_on spreads over this many days up to today */
export const DAYS = 3 * 365;

export const PASSWORD = 'Bench-Passw0rd!';
/** 南关区 (长春市): a county-level region of the largest city */
export const COUNTY = '220102';
export const CITY = '220100';
export const USERS = {
  county: { username: 'bench_county', password: PASSWORD, role: 'mediation_staff', regionCode: COUNTY },
  city: { username: 'bench_city', password: PASSWORD, role: 'region_admin', regionCode: CITY },
  province: { username: 'bench_province', password: PASSWORD, role: 'province_admin', regionCode: PROVINCE_CODE },
} as const;
export type Who = keyof typeof USERS;

/** Share of the province's cases by reporting unit (roughly by employment); the rest of a unit's goes to its counties. */
const UNIT_WEIGHTS: Record<string, number> = {
  '220100': 35,
  '220200': 16,
  '220300': 7,
  '220400': 4,
  '220500': 5,
  '220581': 2,
  '220600': 4,
  '220700': 7,
  '220800': 5,
  '222400': 9,
  '229900': 0.5,
};

const SURNAMES = [
  ...'王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎',
];
const GIVEN = [...'伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华玉萍红娥玲芬燕彬鑫宇浩然子涵欣怡梓轩雨'];
const BRAND = [...'鑫达恒盛宏远金源瑞丰华兴泰昌永利广润佳和顺安盈信诚隆福康裕嘉德天宝'];
const ORG_KINDS = [
  ['enterprise', '企业劳动争议调解委员会'],
  ['industry_regional', '行业性劳动争议调解委员会'],
  ['chamber', '商会劳动争议调解委员会'],
] as const;

export const CASE_COLUMNS = [
  'id',
  'tracking_code',
  'org_id',
  'region_code',
  'source',
  'entrusted_ref',
  'applicant_name',
  'applicant_id_number',
  'applicant_phone',
  'respondent_name',
  'respondent_credit_code',
  'dispute_types',
  'claim_amount',
  'facts',
  'status',
  'received_on',
  'acceptance_due',
  'mediation_due',
  'extension_days',
  'effective_due',
  'calendar_missing',
  'extension',
  'accepted_on',
  'closed_on',
  'outcome_note',
  'agreement',
  'created_at',
  'updated_at',
] as const;

function uuidOf(next: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(next() * 16).toString(16));
  hex[12] = '4';
  hex[16] = (8 + Math.floor(next() * 4)).toString(16);
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

interface Org {
  id: string;
  regionCode: string;
  /** the region's city name, for respondents' names */
  city: string;
  weight: number;
}

/**
 * What becomes of a case received `age` days ago: the recent ones still open, most older ones concluded (about
 * two in three agreed, as the plan's success rate expects), a few older ones left open past their deadline.
 */
function statusOf(age: number, r: Random): CaseStatus {
  const x = r.next();
  if (age <= 3)
    return x < 0.5 ? 'received' : x < 0.8 ? 'accepted' : x < 0.9 ? 'in_mediation' : x < 0.95 ? 'rejected' : 'withdrawn';
  if (age <= 15)
    return x < 0.4
      ? 'in_mediation'
      : x < 0.45
        ? 'accepted'
        : x < 0.8
          ? 'agreement'
          : x < 0.9
            ? 'failed'
            : x < 0.95
              ? 'withdrawn'
              : 'rejected';
  if (x < 0.005) return 'in_mediation';
  if (x < 0.006) return 'accepted';
  if (x < 0.007) return 'received';
  const y = r.next();
  return y < 0.63 ? 'agreement' : y < 0.8 ? 'failed' : y < 0.88 ? 'withdrawn' : y < 0.94 ? 'rejected' : 'overdue';
}

export interface SeededCases {
  cases: number;
  orgs: number;
  /** by status, for the method note */
  byStatus: Record<string, number>;
  /** a few values to search for, by scope root: applicant names, respondent words and tracking codes */
  samples: Record<Who, { names: string[]; respondents: string[]; codes: string[] }>;
  /** an organisation with cases, in the county and in the city (not the county) */
  orgIds: { county: string; city: string };
  seconds: { generate: number; copy: number; index: number; analyze: number };
}

/**
 * The fixed-seed register: organisations in every region (a township/street mediation centre in each plus one to
 * three others) and CASES cases over the DAYS days up to `today`, more on working days and slowly growing, each
 * with core's deadlines; loaded oldest first by COPY without the secondary indexes, which are then built from their
 * own definitions; VACUUM ANALYZE; CHECKPOINT. Plus one user of each scope (county, city, province).
 */
export async function seedMediation(owner: pg.Pool, ownerUrl: string, today: string, log: Log): Promise<SeededCases> {
  let t = performance.now();
  const lap = () => {
    const now = performance.now();
    const s = (now - t) / 1000;
    t = now;
    return s;
  };
  const rnd = seededRandom(SEED);
  const { rows: regions } = await owner.query<{
    code: string;
    name: string;
    level: string;
    parent_code: string | null;
    reports_to_province: boolean;
  }>('SELECT code, name, level, parent_code, reports_to_province FROM regions ORDER BY code');
  const nameOf = new Map(regions.map((r) => [r.code, r.name]));
  // A region's reporting unit: a prefecture, or a county that reports to the province (梅河口市), or 长白山.
  const unitOf = (code: string): string => {
    const r = regions.find((x) => x.code === code);
    if (!r || r.level === 'prefecture' || r.reports_to_province || !r.parent_code) return code;
    return r.parent_code;
  };

  // Organisations: every region below the province has a mediation centre and one to three others.
  const orgs: Org[] = [];
  const orgRows: Record<string, unknown>[] = [];
  for (const r of regions) {
    if (r.code === PROVINCE_CODE) continue;
    const unit = unitOf(r.code);
    const unitWeight = UNIT_WEIGHTS[unit] ?? 1;
    const inUnit = regions.filter((x) => x.code !== PROVINCE_CODE && unitOf(x.code) === unit).length;
    // The unit's own level takes a tenth of its cases, its counties share the rest unevenly.
    const regionWeight = r.code === unit ? (inUnit > 1 ? 0.1 : 1) : (0.9 / (inUnit - 1)) * (0.5 + rnd.next() * 1.5);
    const city = (nameOf.get(unit) ?? '').replace(/(市|朝鲜族自治州|管委会)$/, '');
    const kinds = [
      ['township_street', '劳动人事争议调解中心'] as const,
      ...rnd.shuffle(ORG_KINDS).slice(0, rnd.int(1, 3)),
    ];
    for (const [i, [type, suffix]] of kinds.entries()) {
      const id = uuidOf(rnd.next);
      orgs.push({ id, regionCode: r.code, city, weight: unitWeight * regionWeight * (i === 0 ? 3 : 1) });
      orgRows.push({
        id,
        region_code: r.code,
        name: `${r.name}${i === 0 ? '' : rnd.pick(BRAND) + rnd.pick(BRAND)}${suffix}`,
        type,
        has_office: true,
        has_sign: true,
        rules_posted: rnd.next() < 0.8,
        filing_status: 'filed',
        filed_on: '2021-03-01',
        contact_name: rnd.pick(SURNAMES) + rnd.pick(GIVEN) + rnd.pick(GIVEN),
      });
    }
  }
  await bulkInsert(
    owner,
    'mediation_orgs',
    {
      id: 'uuid',
      region_code: 'text',
      name: 'text',
      type: 'text',
      has_office: 'boolean',
      has_sign: 'boolean',
      rules_posted: 'boolean',
      filing_status: 'text',
      filed_on: 'date',
      contact_name: 'text',
    },
    orgRows,
  );
  await owner.query(
    `INSERT INTO mediators (org_id, region_code, name, full_time) SELECT id, region_code, contact_name, true FROM mediation_orgs`,
  );
  // Cumulative weights for picking an organisation.
  const cumulative: number[] = [];
  let sum = 0;
  for (const o of orgs) {
    sum += o.weight;
    cumulative.push(sum);
  }
  const pickOrg = (): Org => {
    const x = rnd.next() * sum;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] as number) > x) hi = mid;
      else lo = mid + 1;
    }
    return orgs[lo] as Org;
  };

  // Cases per day: fewer at weekends, growing by a third over the three years; exactly CASES in all.
  const days = Array.from({ length: DAYS }, (_, i) => addDays(today, i - DAYS + 1));
  const weights = days.map((d, i) => {
    const dow = new Date(`${d}T00:00:00Z`).getUTCDay();
    return (dow === 0 || dow === 6 ? 0.3 : 1) * (1 + i / DAYS / 3);
  });
  const total = weights.reduce((a, b) => a + b, 0);
  const perDay = weights.map((w) => Math.floor((w / total) * CASES));
  for (let k = 0, left = CASES - perDay.reduce((a, b) => a + b, 0); left > 0; k++, left--) {
    perDay[(k * 7919) % DAYS] = (perDay[(k * 7919) % DAYS] as number) + 1;
  }

  const deadlines = new Map<string, ReturnType<typeof caseDeadlines>>();
  const deadlinesOf = (receivedOn: string, ext: number) => {
    const key = `${receivedOn}+${ext}`;
    const known = deadlines.get(key);
    if (known) return known;
    const d = caseDeadlines(receivedOn, ext);
    deadlines.set(key, d);
    return d;
  };
  const codes = new Set<string>();
  const byStatus: Record<string, number> = {};
  const samples: SeededCases['samples'] = {
    county: { names: [], respondents: [], codes: [] },
    city: { names: [], respondents: [], codes: [] },
    province: { names: [], respondents: [], codes: [] },
  };
  const cityCodes = new Set(regions.filter((r) => unitOf(r.code) === CITY).map((r) => r.code));
  const orgCases = new Map<string, number>();
  const alphabet = [...TRACKING_ALPHABET];

  function* generateCases(): Generator<unknown[]> {
    for (const [i, receivedOn] of days.entries()) {
      const age = DAYS - 1 - i;
      for (let k = 0; k < (perDay[i] as number); k++) {
        const org = pickOrg();
        orgCases.set(org.id, (orgCases.get(org.id) ?? 0) + 1);
        let status = statusOf(age, rnd);
        const inMediation = ['in_mediation', 'agreement', 'failed', 'overdue'].includes(status);
        // One mediation in twenty is extended (both parties consenting), by 5 to 15 days.
        const ext = inMediation && age >= 8 && rnd.next() < 0.05 ? rnd.int(5, 15) : 0;
        const d = deadlinesOf(receivedOn, ext);
        if (status === 'overdue' && d.effectiveDue >= today) status = 'in_mediation';
        byStatus[status] = (byStatus[status] ?? 0) + 1;
        const open = status === 'received' || status === 'accepted' || status === 'in_mediation';
        const accepted = !['received', 'rejected'].includes(status) && !(status === 'withdrawn' && rnd.next() < 0.15);
        const acceptedOn = accepted ? addDays(receivedOn, rnd.int(1, 2)) : null;
        const closing = open
          ? null
          : status === 'overdue'
            ? addDays(d.effectiveDue, 1)
            : status === 'rejected'
              ? addDays(receivedOn, 2)
              : addDays(receivedOn, rnd.int(3, 14 + ext));
        const closedOn = closing && closing > today ? today : closing;
        let code = '';
        do {
          code = '';
          for (let c = 0; c < 8; c++) code += alphabet[Math.floor(rnd.next() * alphabet.length)];
        } while (codes.has(code));
        codes.add(code);
        const type = rnd.pick(DISPUTE_TYPES);
        const types = rnd.next() < 0.3 && type !== 'wages' ? ['wages', type] : [type];
        const idBody = `${org.regionCode}19${rnd.int(60, 99)}${String(rnd.int(1, 12)).padStart(2, '0')}${String(rnd.int(1, 28)).padStart(2, '0')}${String(rnd.int(0, 999)).padStart(3, '0')}`;
        const applicant = rnd.pick(SURNAMES) + rnd.pick(GIVEN) + (rnd.next() < 0.7 ? rnd.pick(GIVEN) : '');
        const brand = rnd.pick(BRAND) + rnd.pick(BRAND);
        const respondent = `${org.city}${brand}${rnd.pick(FIRMS)}有限公司`;
        // Samples to search for: from the end of the load (the recent cases staff look for).
        if (age < 60) {
          const who: Who = org.regionCode === COUNTY ? 'county' : cityCodes.has(org.regionCode) ? 'city' : 'province';
          if (rnd.next() < (who === 'county' ? 0.1 : 0.01)) {
            const s = samples[who];
            if (s.names.length < 50) s.names.push(applicant);
            if (s.respondents.length < 50) s.respondents.push(brand);
            if (s.codes.length < 50) s.codes.push(code);
          }
        }
        const at = new Date(Date.parse(`${receivedOn}T01:00:00Z`) + Math.floor(rnd.next() * 9 * 3_600_000));
        const updated = closedOn ? new Date(Date.parse(`${closedOn}T06:00:00Z`)) : at;
        yield [
          uuidOf(rnd.next),
          code,
          org.id,
          org.regionCode,
          rnd.next() < 0.35 ? 'online' : rnd.next() < 0.9 ? 'walk_in' : 'entrusted',
          null,
          applicant,
          `${idBody}${idNumberCheckChar(idBody)}`,
          `13${rnd.int(0, 9)}${String(Math.floor(rnd.next() * 1e8)).padStart(8, '0')}`,
          respondent,
          null,
          `{${types.join(',')}}`,
          type === 'social_insurance' ? null : (1000 + rnd.int(0, 59) * 500).toFixed(2),
          FACTS[type],
          status,
          receivedOn,
          d.acceptanceDue,
          d.mediationDue,
          ext,
          d.effectiveDue,
          d.calendarMissing,
          ext
            ? JSON.stringify({
                days: ext,
                applicantConsentOn: addDays(receivedOn, 10),
                respondentConsentOn: addDays(receivedOn, 10),
              })
            : null,
          acceptedOn,
          closedOn,
          status === 'agreement'
            ? '双方达成调解协议，单位分期支付。'
            : status === 'failed'
              ? '双方分歧较大，调解不成。'
              : status === 'rejected'
                ? '不属于劳动争议调解受理范围。'
                : status === 'withdrawn'
                  ? '申请人撤回调解申请。'
                  : null,
          status === 'agreement' && closedOn
            ? JSON.stringify({
                terms: '被申请人分两期向申请人支付所欠款项，申请人放弃其他请求。',
                performanceDeadline: addDays(closedOn, 30),
                effectiveOn: closedOn,
                reviewDue: reviewApplicationDue(closedOn),
              })
            : null,
          at,
          updated,
        ];
      }
    }
  }

  // The secondary indexes are built once after the load rather than row by row.
  const { rows: indexes } = await owner.query<{ name: string; def: string }>(
    `SELECT i.indexname AS name, i.indexdef AS def FROM pg_indexes i
       JOIN pg_index x ON x.indexrelid = (quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))::regclass
      WHERE i.tablename = 'mediation_cases' AND NOT x.indisprimary AND NOT x.indisunique`,
  );
  for (const i of indexes) await owner.query(`DROP INDEX ${i.name}`);
  // Time spent generating rows, apart from the COPY that consumes them.
  let generate = 0;
  function* timed(): Generator<unknown[]> {
    const it = generateCases();
    for (;;) {
      const s = performance.now();
      const n = it.next();
      generate += performance.now() - s;
      if (n.done) return;
      yield n.value;
    }
  }
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    await copyRows(client, 'mediation_cases', CASE_COLUMNS, timed());
  } finally {
    await client.end();
  }
  const copyAndGenerate = lap();
  await owner.query(`SET maintenance_work_mem = '1GB'`);
  for (let k = 0; k < indexes.length; k += 2) await Promise.all(indexes.slice(k, k + 2).map((i) => owner.query(i.def)));
  const index = lap();

  const passwordHash = await hashPassword(PASSWORD);
  await bulkInsert(
    owner,
    'users',
    {
      username: 'text',
      display_name: 'text',
      role: 'text',
      region_code: 'text',
      member_unit: 'text',
      password_hash: 'text',
    },
    Object.values(USERS).map((u) => ({
      username: u.username,
      display_name: `基准测试${u.username}`,
      role: u.role,
      region_code: u.regionCode,
      member_unit: u.role === 'mediation_staff' ? null : 'hrss',
      password_hash: passwordHash,
    })),
  );
  for (const table of ['mediation_cases', 'mediation_orgs', 'mediators', 'users']) {
    await owner.query(`VACUUM ANALYZE ${table}`);
  }
  await owner.query('CHECKPOINT');
  const analyze = lap();

  const busiest = (inRegion: (code: string) => boolean) =>
    orgs.filter((o) => inRegion(o.regionCode)).sort((a, b) => (orgCases.get(b.id) ?? 0) - (orgCases.get(a.id) ?? 0))[1]
      ?.id as string;
  log(
    `seeded ${CASES.toLocaleString('en-US')} cases of ${orgs.length} organisations: generate + COPY ` +
      `${copyAndGenerate.toFixed(1)} s (generate ${(generate / 1000).toFixed(1)} s), indexes ${index.toFixed(1)} s, ` +
      `VACUUM ANALYZE + CHECKPOINT ${analyze.toFixed(1)} s`,
  );
  return {
    cases: CASES,
    orgs: orgs.length,
    byStatus,
    samples,
    // The second busiest: a typical organisation rather than the largest.
    orgIds: { county: busiest((c) => c === COUNTY), city: busiest((c) => cityCodes.has(c) && c !== COUNTY) },
    seconds: {
      generate: generate / 1000,
      copy: copyAndGenerate - generate / 1000,
      index,
      analyze,
    },
  };
}
