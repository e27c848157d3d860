import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { LOG_DIR } from '../test/paths.js';

const MAIN = join(dirname(fileURLToPath(import.meta.url)), 'main.ts');

function start(dataDir: string): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  let out = '';
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      HEXIE_DATA_DIR: dataDir,
      HEXIE_WEB_DIST: '',
      HEXIE_LOG_FILE: join(LOG_DIR, 'main-process.ndjson'),
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d) => {
    out += d;
  });
  child.stderr?.on('data', (d) => {
    out += d;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

async function waitFor(pred: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe('npm start (main.ts) on the embedded database', () => {
  it('starts with the demo accounts, refuses a second start, and stops cleanly on SIGTERM', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hexie-main-'));
    dirs.push(dir);
    const first = start(dir);
    await waitFor(() => /running at (http:\/\/\S+)/.test(first.output()), 60_000);
    const url = (first.output().match(/running at (http:\/\/\S+)/) as RegExpMatchArray)[1];
    expect(first.output()).toContain('Hexie@2026');
    for (const name of ['admin', 'changchun', 'jilin']) expect(first.output()).toContain(name);
    const res = await fetch(`${url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'changchun', password: 'Hexie@2026' }),
    });
    expect(res.status).toBe(200);
    expect((await res.json()).regionName).toBe('长春市');

    const second = start(dir);
    expect(await second.exited).toBe(1);
    expect(second.output()).toMatch(/already running on the data directory/);

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(existsSync(join(dir, 'hexie.lock'))).toBe(false);
    expect(existsSync(join(dir, 'pg', 'postmaster.pid'))).toBe(false);

    // And it starts again on the same data.
    const again = start(dir);
    await waitFor(() => /running at/.test(again.output()), 60_000);
    again.child.kill('SIGINT');
    expect(await again.exited).toBe(0);
  }, 120_000);
});
