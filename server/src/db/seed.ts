import type { MemberUnit, Role } from '@hexie/core';
import { seedDemoEmployment } from '../modules/employment/employment.seed.js';
import { seedDemoEnterprises } from '../modules/enterprises/enterprises.seed.js';
import { seedDemoGuidance } from '../modules/guidance/guidance.seed.js';
import { seedDemoLayoffs } from '../modules/layoffs/layoffs.seed.js';
import { seedDemoMediation } from '../modules/mediation/mediation.seed.js';
import { seedDemoNotices } from '../modules/notices/notices.seed.js';
import { seedWageParameters } from '../modules/parameters/parameters.seed.js';
import { jilinRegions } from '../modules/regions/regions.data.js';
import { seedDemoServices } from '../modules/services/services.seed.js';
import { seedDemoWarnings } from '../modules/warnings/warnings.seed.js';
import { hashPassword } from '../platform/passwords.js';
import { upsertRegions } from '../platform/regions.js';
import type { CopyTarget } from './copy.js';
import type { Queryable } from './pool.js';

/** Reference data every deployment needs: the region tree, and the wage parameters once. Idempotent. */
export async function seedReference(db: Queryable): Promise<void> {
  await upsertRegions(db, jilinRegions());
  await seedWageParameters(db);
}

export const DEMO_PASSWORD = 'Hexie@2026';

export interface DemoAccount {
  username: string;
  displayName: string;
  role: Role;
  regionCode: string;
  memberUnit: MemberUnit | null;
  /** what the README and the start banner say about it */
  note: string;
  /** an enterprise user: bound to the most recently registered demo enterprise of its region */
  enterprise?: boolean;
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  {
    username: 'admin',
    displayName: '省三方办管理员',
    role: 'province_admin',
    regionCode: '220000',
    memberUnit: 'hrss',
    note: '省三方办管理员 province admin (吉林省)',
  },
  {
    username: 'changchun',
    displayName: '长春市人社局',
    role: 'region_admin',
    regionCode: '220100',
    memberUnit: 'hrss',
    note: '长春市 人社 region admin',
  },
  {
    username: 'jilin',
    displayName: '吉林市人社局',
    role: 'region_admin',
    regionCode: '220200',
    memberUnit: 'hrss',
    note: '吉林市 人社 region admin',
  },
  {
    username: 'tiaojie',
    displayName: '长春市劳动争议调解员',
    role: 'mediation_staff',
    regionCode: '220100',
    memberUnit: null,
    note: '长春市 mediation staff (cases, organisations)',
  },
  {
    username: 'qiye',
    displayName: '企业人事专员',
    role: 'enterprise_user',
    regionCode: '220102',
    memberUnit: null,
    note: '长春市南关区 enterprise user (inbox, self-check)',
    enterprise: true,
  },
];

/** Demo accounts, only into an empty user table (so a real deployment is never touched). */
export async function seedDemo(db: CopyTarget): Promise<boolean> {
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
  if ((rows[0]?.n ?? 0) > 0) return false;
  const hash = await hashPassword(DEMO_PASSWORD);
  // The ledgers' demo data, in dependency order (enterprises first: the other ledgers hang on them).
  await seedDemoEnterprises(db);
  for (const a of DEMO_ACCOUNTS) {
    const enterprise = a.enterprise
      ? (
          await db.query<{ id: string }>(
            'SELECT id FROM enterprises WHERE region_code = $1 ORDER BY registered_on DESC NULLS LAST, id LIMIT 1',
            [a.regionCode],
          )
        ).rows[0]?.id
      : null;
    await db.query(
      `INSERT INTO users (username, display_name, role, region_code, member_unit, enterprise_id, password_hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [a.username, a.displayName, a.role, a.regionCode, a.memberUnit, enterprise ?? null, hash],
    );
  }
  await seedDemoNotices(db);
  await seedDemoServices(db);
  await seedDemoGuidance(db);
  await seedDemoMediation(db);
  await seedDemoEmployment(db);
  await seedDemoLayoffs(db);
  // Last: the warnings read the reports and the plans.
  await seedDemoWarnings(db);
  return true;
}
