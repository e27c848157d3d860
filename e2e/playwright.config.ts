import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, devices } from '@playwright/test';

/** The system Chromium (Debian's package); Playwright never downloads a browser here. */
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  throw new Error(
    `No Chromium at ${chromium}. Install Debian's chromium and a CJK font (apt-get install -y chromium fonts-wqy-microhei; .ci/run does it) or set CHROMIUM_PATH.`,
  );
}

const PORT = Number(process.env.E2E_PORT ?? 8390);
const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
/** A fresh database per run, one per port: two runs on one machine do not share (or delete) each other's. */
const DATA_DIR = here(`./.data-e2e/${PORT}`);
/** Screenshots the tests take on purpose (kept as CI artifacts beside Playwright's own). */
export const ARTIFACTS = here('./artifacts');

export default defineConfig({
  testDir: './tests',
  outputDir: './test-results',
  // The longest stories take 40–50 s on a quiet machine; a CI machine shared with other jobs may take twice that.
  timeout: 120_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://localhost:${PORT}`,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    screenshot: 'on',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: chromium,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], viewport: { width: 1366, height: 800 } } }],
  // The built web app on the real server with a fresh embedded database and the demo data.
  webServer: {
    command: `rm -rf ${DATA_DIR} && node --import tsx ${here('../server/src/main.ts')}`,
    cwd: here('../server'),
    env: {
      PORT: String(PORT),
      HEXIE_DATA_DIR: DATA_DIR,
      HEXIE_LOG_FILE: here('../server/.test-logs/e2e-server.ndjson'),
      LOG_LEVEL: 'info',
    },
    url: `http://localhost:${PORT}/readyz`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
