import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** Every environment variable Hexie reads, validated once (documented in .env.example). */
const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** HTTP port of the API and web app */
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().default('0.0.0.0'),
  /** Embedded PostgreSQL data and the instance lock live here (default ./data at the repository root) */
  HEXIE_DATA_DIR: z.string().optional(),
  /** An external PostgreSQL for the application (no demo data is loaded there) */
  DATABASE_URL: z.string().optional(),
  /** Optional owner connection for migrations; the app role then cannot alter the audit log */
  DATABASE_OWNER_URL: z.string().optional(),
  /** Load demo accounts into an empty embedded database (default yes) */
  HEXIE_DEMO_DATA: z.enum(['true', 'false']).default('true'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Also write logs (JSON lines) to this file */
  HEXIE_LOG_FILE: z.string().optional(),
  /** Set the Secure flag on the session cookie (behind HTTPS) */
  HEXIE_COOKIE_SECURE: z.enum(['true', 'false']).default('false'),
  /** Trust X-Forwarded-For from a reverse proxy (needed for per-IP limits behind one) */
  HEXIE_TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  /** Built web app to serve (default web/dist); empty disables static serving */
  HEXIE_WEB_DIST: z.string().optional(),
});

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  databaseOwnerUrl: string | undefined;
  demoData: boolean;
  logLevel: string;
  logFile: string | undefined;
  cookieSecure: boolean;
  trustProxy: boolean;
  webDist: string | undefined;
}

/** The repository root: defaults live there whichever workspace npm started us from. */
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Relative paths given by the user are read from where they ran npm (INIT_CWD), not from server/.
  const from = (p: string) => resolve(env.INIT_CWD ?? process.cwd(), p);
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    dataDir: e.HEXIE_DATA_DIR ? from(e.HEXIE_DATA_DIR) : join(ROOT, 'data'),
    databaseUrl: e.DATABASE_URL || undefined,
    databaseOwnerUrl: e.DATABASE_OWNER_URL || undefined,
    demoData: e.HEXIE_DEMO_DATA === 'true',
    logLevel: e.LOG_LEVEL,
    logFile: e.HEXIE_LOG_FILE,
    cookieSecure: e.HEXIE_COOKIE_SECURE === 'true',
    trustProxy: e.HEXIE_TRUST_PROXY === 'true',
    webDist:
      e.HEXIE_WEB_DIST === '' ? undefined : e.HEXIE_WEB_DIST ? from(e.HEXIE_WEB_DIST) : join(ROOT, 'web', 'dist'),
  };
}
