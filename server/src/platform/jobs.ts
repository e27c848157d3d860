import type pg from 'pg';
import { PgBoss, type QueueOptions } from 'pg-boss';
import type { Platform } from './context.js';

/**
 * Background work on the same PostgreSQL (DESIGN.md: pg-boss). A job is defined once, in the module that owns
 * it (`defineJob`); every API process runs a worker for every defined queue, so a job sent by one process may
 * run in another and a job interrupted by a restart runs again (decision 004).
 *
 * pg-boss keeps its tables in the schema `pgboss`, owned by the application role (prepareJobSchema): it creates
 * a table per queue at run time, which a role with only read/write grants cannot do, and owning that one schema
 * gives the app role nothing over the ledgers or the audit log.
 */
export const JOB_SCHEMA = 'pgboss';
/** Schedules are read in China time: a daily job at 07:00 runs at 07:00 in Jilin. */
export const JOB_TIME_ZONE = 'Asia/Shanghai';

export interface JobLog {
  error(obj: unknown, msg: string): void;
  warn(obj: unknown, msg: string): void;
}

export interface JobDefinition<T extends object> {
  /** the queue's name */
  queue: string;
  /** retries, expiry, heartbeat, retention (pg-boss QueueOptions) */
  options?: QueueOptions;
  /** the work; throwing makes pg-boss retry it (up to the queue's retryLimit) */
  run(platform: Platform, data: T, log: JobLog): Promise<void>;
  /**
   * A recurring job (pg-boss `schedule`): a cron expression in China time, run by one process of the deployment
   * (a run missed while every process was down is made up once); `atStart` also queues a run whenever a process
   * starts. Installed only by an explicit `start()` (main.ts), so tests run such work themselves.
   */
  schedule?: { cron: string; data: T; atStart?: boolean };
}

const definitions = new Map<string, JobDefinition<object>>();

/** Declares a queue and its work; call it at module load, before the app starts its jobs. */
export function defineJob<T extends object>(def: JobDefinition<T>): JobDefinition<T> {
  definitions.set(def.queue, def as unknown as JobDefinition<object>);
  return def;
}

/**
 * Makes the job schema exist, owned by the app role, with the owner's connection (setup.ts, after migrating).
 * Without a separate app role, pg-boss creates it itself on first start.
 */
export async function prepareJobSchema(owner: pg.ClientBase, appRole: string | null): Promise<void> {
  if (!appRole) {
    await owner.query(`CREATE SCHEMA IF NOT EXISTS ${JOB_SCHEMA}`);
    return;
  }
  const role = `"${appRole.replaceAll('"', '""')}"`;
  await owner.query(`CREATE SCHEMA IF NOT EXISTS ${JOB_SCHEMA} AUTHORIZATION ${role}`);
  await owner.query(`ALTER SCHEMA ${JOB_SCHEMA} OWNER TO ${role}`);
}

/**
 * The job runner of one process. Started explicitly by main.ts (so jobs left by a stopped process resume), or
 * by the first `send` (tests); stopped with the app (onClose), waiting a little for a running job to finish.
 */
export class Jobs {
  #starting: Promise<PgBoss> | null = null;
  #stopped = false;
  /** the process's runner (main.ts): it keeps the schedules */
  #scheduling = false;
  #scheduled = false;

  constructor(
    private readonly platform: Platform,
    private readonly log: JobLog,
  ) {}

  /**
   * Starts pg-boss (installing its tables the first time), a worker per defined queue and the recurring jobs'
   * schedules, and queues the jobs that run at start. Call it before anything is sent (a runner started by a
   * `send` keeps no schedules).
   */
  async start(): Promise<void> {
    this.#scheduling = true;
    const boss = await this.#boss();
    if (this.#scheduled) return;
    this.#scheduled = true;
    for (const def of definitions.values()) {
      if (!def.schedule) continue;
      // Keyed by the queue: every process installs the same schedule, and a changed cron replaces it.
      await boss.schedule(def.queue, def.schedule.cron, def.schedule.data, { tz: JOB_TIME_ZONE, missed: 'once' });
      if (def.schedule.atStart) await boss.send(def.queue, def.schedule.data);
    }
  }

  #boss(): Promise<PgBoss> {
    if (this.#stopped) return Promise.reject(new Error('The job runner has stopped.'));
    if (!this.#starting) {
      this.#starting = this.#start();
      // A failed start (database away) may be tried again by the next send.
      this.#starting.catch(() => {
        this.#starting = null;
      });
    }
    return this.#starting;
  }

  async #start(): Promise<PgBoss> {
    const pool = this.platform.db;
    const boss = new PgBoss({
      // Its own small pool with the app's credentials: polling never waits behind API requests.
      ...(pool.options.connectionString
        ? { connectionString: pool.options.connectionString, max: 3 }
        : { db: { executeSql: (text: string, values?: unknown[]) => pool.query(text, values) } }),
      application_name: 'hexie-jobs',
      schema: JOB_SCHEMA,
      // The schema exists (prepareJobSchema); CREATE SCHEMA would need a right on the database the app lacks.
      createSchema: false,
      // The cron pass runs only in a runner that keeps the schedules (start()).
      schedule: this.#scheduling && [...definitions.values()].some((d) => d.schedule),
    });
    boss.on('error', (err) => this.log.error({ err }, 'job runner error'));
    boss.on('warning', (warning) => this.log.warn({ warning }, 'job runner warning'));
    await boss.start();
    try {
      for (const def of definitions.values()) {
        await boss.createQueue(def.queue, def.options);
        // One job at a time per process: an import holds its file and parses it (up to ~200 MB for 100k rows).
        await boss.work<object>(def.queue, { pollingIntervalSeconds: 1, localConcurrency: 1 }, async (jobs) => {
          for (const job of jobs) await def.run(this.platform, job.data, this.log);
        });
      }
    } catch (err) {
      await boss.stop({ graceful: false }).catch(() => {});
      throw err;
    }
    return boss;
  }

  /** Queues one job; answers its id. */
  async send<T extends object>(def: JobDefinition<T>, data: T): Promise<string> {
    const boss = await this.#boss();
    const id = await boss.send(def.queue, data);
    if (!id) throw new Error(`Job not queued on ${def.queue}`);
    return id;
  }

  /** Stops the workers, giving a running job up to `timeoutMs` to finish (an unfinished one runs again later). */
  async stop(timeoutMs = 10_000): Promise<void> {
    this.#stopped = true;
    const starting = this.#starting;
    if (!starting) return;
    const boss = await starting.catch(() => null);
    await boss?.stop({ graceful: true, timeout: timeoutMs });
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** background jobs (pg-boss) of this process */
    jobs: Jobs;
  }
}
