import pg from 'pg';
import type { Config } from '../config.js';
import { prepareJobSchema } from '../platform/jobs.js';
import { APP_ROLE, startEmbedded } from './embedded.js';
import { grantAppRole, migrate } from './migrate.js';
import { createPool, type Db } from './pool.js';
import { seedDemo, seedReference } from './seed.js';

export interface Database {
  db: Db;
  embedded: boolean;
  /** demo data was loaded by this start */
  seededDemo: boolean;
  close(): Promise<void>;
}

type Log = { info(msg: string): void; warn(msg: string): void; debug(msg: string): void };

/** Migrates and seeds with the owner connection, then opens the app pool (a role that cannot alter the audit log). */
export async function prepareDatabase(ownerUrl: string, appUrl: string, demo: boolean, log: Log) {
  const owner = new pg.Client({ connectionString: ownerUrl });
  await owner.connect();
  let seededDemo = false;
  try {
    const { applied } = await migrate(owner);
    if (applied.length) log.info(`Applied migrations: ${applied.join(', ')}`);
    const appRole = new URL(appUrl).username ? decodeURIComponent(new URL(appUrl).username) : '';
    const ownerRole = (await owner.query<{ u: string }>('SELECT current_user AS u')).rows[0]?.u;
    if (appRole && appRole !== ownerRole) await grantAppRole(owner, appRole);
    else log.warn('The app connects as the schema owner: the audit log is protected by its trigger only.');
    await prepareJobSchema(owner, appRole && appRole !== ownerRole ? appRole : null);
    await seedReference(owner);
    if (demo) seededDemo = await seedDemo(owner);
  } finally {
    await owner.end();
  }
  return { seededDemo };
}

/** The database of this process: the embedded one under dataDir, or DATABASE_URL (no demo data). */
export async function openDatabase(config: Config, log: Log): Promise<Database> {
  if (config.databaseUrl) {
    const { seededDemo } = await prepareDatabase(
      config.databaseOwnerUrl ?? config.databaseUrl,
      config.databaseUrl,
      false,
      log,
    );
    const db = createPool(config.databaseUrl);
    return { db, embedded: false, seededDemo, close: () => db.end() };
  }
  const embedded = await startEmbedded(config.dataDir, log);
  try {
    const { seededDemo } = await prepareDatabase(embedded.ownerUrl, embedded.appUrl, config.demoData, log);
    const db = createPool(embedded.appUrl, 20);
    return {
      db,
      embedded: true,
      seededDemo,
      async close() {
        await db.end();
        await embedded.stop();
      },
    };
  } catch (err) {
    await embedded.stop();
    throw err;
  }
}

export { APP_ROLE };
