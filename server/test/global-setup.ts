import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { startEmbedded } from '../src/db/embedded.js';
import { prepareDatabase } from '../src/db/setup.js';
import { LOG_DIR } from './paths.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgOwnerUrl: string;
    pgAppUrl: string;
  }
}

/**
 * One real PostgreSQL for the run (the embedded one, or TEST_DATABASE_URL's server): the `hexie` database is
 * migrated and seeded once and each test file clones it as a template into a database of its own.
 */
export default async function setup(project: TestProject) {
  await rm(LOG_DIR, { recursive: true, force: true });
  await mkdir(LOG_DIR, { recursive: true });
  const dir = await mkdtemp(join(tmpdir(), 'hexie-test-'));
  await chmod(dir, 0o755);
  const quiet = { info() {}, warn() {}, debug() {} };
  const embedded = await startEmbedded(dir, quiet);
  await prepareDatabase(embedded.ownerUrl, embedded.appUrl, false, quiet);
  project.provide('pgOwnerUrl', embedded.ownerUrl);
  project.provide('pgAppUrl', embedded.appUrl);
  return async () => {
    // Any clone still connected is dropped with the cluster.
    const c = new pg.Client({ connectionString: embedded.ownerUrl });
    await c
      .connect()
      .then(() => c.end())
      .catch(() => {});
    await embedded.stop();
    await rm(dir, { recursive: true, force: true });
  };
}
