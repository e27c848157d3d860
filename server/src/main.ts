import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { InstanceLockedError } from './db/embedded.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './db/seed.js';
import { openDatabase } from './db/setup.js';
import { failInterruptedImports } from './platform/import/engine.js';
import { createLogger } from './platform/logger.js';
import { Regions } from './platform/regions.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger({ level: config.logLevel, file: config.logFile });
  let database: Awaited<ReturnType<typeof openDatabase>>;
  try {
    database = await openDatabase(config, {
      info: (m) => logger.info(m),
      warn: (m) => logger.warn(m),
      debug: (m) => logger.debug(m),
    });
  } catch (err) {
    if (err instanceof InstanceLockedError) {
      process.stderr.write(`\n${err.message}\n\n`);
      process.exit(1);
    }
    throw err;
  }
  const regions = await Regions.load(database.db);
  await failInterruptedImports(database.db);
  const { app } = await buildApp({ config, db: database.db, regions }, logger);
  // Background jobs left queued by a stopped process resume now; without the runner imports run in the request.
  await app.jobs.start().catch((err) => logger.error({ err }, 'background jobs did not start'));

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) {
      logger.warn(`${signal} again: exiting now`);
      process.exit(1);
    }
    stopping = true;
    logger.info(`${signal}: stopping`);
    try {
      await app.close();
      await database.close();
      logger.info('stopped');
      process.exit(0);
    } catch (err) {
      logger.error({ err }, 'stop failed');
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  const address = await app.listen({ port: config.port, host: config.host });
  const url = `http://localhost:${new URL(address).port}`;
  const lines = [
    '',
    `  Hexie 和谐同行 is running at ${url}`,
    `  API docs: ${url}/api/docs`,
    `  Database: ${database.embedded ? `embedded PostgreSQL, data in ${config.dataDir}` : 'DATABASE_URL'}`,
  ];
  if (database.embedded && config.demoData) {
    lines.push(`  Demo accounts (password ${DEMO_PASSWORD}):`);
    for (const a of DEMO_ACCOUNTS) lines.push(`    ${a.username.padEnd(10)} ${a.note}`);
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);
}

main().catch((err) => {
  process.stderr.write(`Hexie failed to start: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
