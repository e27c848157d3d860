import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { MemberUnit, Role } from '@hexie/core';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { inject } from 'vitest';
import { type BuiltApp, buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createPool, type Db } from '../src/db/pool.js';
import { createLogger } from '../src/platform/logger.js';
import { hashPassword } from '../src/platform/passwords.js';
import { Regions } from '../src/platform/regions.js';
import { LOG_DIR } from './paths.js';

/** Passwords used by the tests; the log scan checks that none of them ever reaches a log line. */
export const TEST_PASSWORD = 'Test-Passw0rd!';
export const OTHER_PASSWORD = 'Other#Secret42';
export const TEST_PASSWORDS = [
  TEST_PASSWORD,
  OTHER_PASSWORD,
  'Hexie@2026',
  'Brand-New-Pass-7',
  'Strong-Pass-2026',
  'Some-Secret-99',
];

let hashed: Promise<string> | undefined;
const testHash = () => {
  hashed ??= hashPassword(TEST_PASSWORD);
  return hashed;
};

export interface TestContext extends BuiltApp {
  /** the app's own pool (the application role) */
  db: Db;
  /** the owner's connection to this file's database (for setting up what the app cannot) */
  owner: pg.Client;
  regions: Regions;
  close(): Promise<void>;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export interface TestAppOptions {
  /** adds routes before the app is ready (a test-only import spec, say) */
  routes?: (app: FastifyInstance) => void | Promise<void>;
}

/** A fresh database cloned from the migrated template, and the app on it, for one test file. */
export async function createTestApp(name: string, opts: TestAppOptions = {}): Promise<TestContext> {
  const ownerUrl = inject('pgOwnerUrl');
  const appUrl = inject('pgAppUrl');
  const database = `t_${name.replace(/\W/g, '_').toLowerCase()}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: withDatabase(ownerUrl, 'postgres') });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database} TEMPLATE hexie`);
  await admin.end();
  const owner = new pg.Client({ connectionString: withDatabase(ownerUrl, database) });
  await owner.connect();
  const db = createPool(withDatabase(appUrl, database), 5);
  const regions = await Regions.load(db);
  const config = { ...loadConfig({ NODE_ENV: 'test', HEXIE_WEB_DIST: '' }), databaseUrl: 'test' };
  const logger = createLogger({ level: 'info', file: join(LOG_DIR, `${name}.ndjson`), stdout: false });
  const built = await buildApp({ config, db, regions }, logger);
  await opts.routes?.(built.app);
  await built.app.ready();
  return {
    ...built,
    db,
    owner,
    regions,
    async close() {
      await built.app.close();
      await db.end();
      await owner.end();
    },
  };
}

let seq = 0;
export interface UserOverrides {
  username?: string;
  displayName?: string;
  role?: Role;
  regionCode?: string;
  memberUnit?: MemberUnit | null;
  disabled?: boolean;
}

/** Factory: a user straight into the database (password TEST_PASSWORD). */
export async function makeUser(db: Db, o: UserOverrides = {}) {
  seq += 1;
  const role = o.role ?? 'region_staff';
  const row = {
    username: o.username ?? `user${seq}_${randomBytes(2).toString('hex')}`,
    displayName: o.displayName ?? `测试用户${seq}`,
    role,
    regionCode: o.regionCode ?? (role === 'province_admin' ? '220000' : '220100'),
    memberUnit: o.memberUnit === undefined ? 'hrss' : o.memberUnit,
    disabled: o.disabled ?? false,
  };
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO users (username, display_name, role, region_code, member_unit, password_hash, disabled)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [row.username, row.displayName, row.role, row.regionCode, row.memberUnit, await testHash(), row.disabled],
  );
  return { id: (rows[0] as { id: string }).id, ...row };
}

export interface Session {
  cookie: string;
  csrf: string;
  userId: string;
}

export async function login(app: FastifyInstance, username: string, password = TEST_PASSWORD): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'hexie_sid');
  if (!cookie) throw new Error('no session cookie');
  const body = res.json() as { csrfToken: string; user: { id: string } };
  return { cookie: `hexie_sid=${cookie.value}`, csrf: body.csrfToken, userId: body.user.id };
}

/** A request as a signed-in user: cookie always, CSRF header unless told otherwise. */
export function as(
  app: FastifyInstance,
  s: Session,
  opts: InjectOptions & { csrf?: boolean },
): Promise<LightMyRequestResponse> {
  const { csrf = true, headers, ...rest } = opts;
  return app.inject({
    ...rest,
    headers: { ...headers, cookie: s.cookie, ...(csrf ? { 'x-csrf-token': s.csrf } : {}) },
  } as InjectOptions);
}

/** The field names a 400 problem reports. */
export function fieldsOf(res: LightMyRequestResponse): string[] {
  const body = res.json() as { errors?: { field: string }[] };
  return (body.errors ?? []).map((e) => e.field);
}

/** A logger for service contexts built by hand in tests (what they log is not what they test). */
export const quietLog = { error() {}, warn() {} };
