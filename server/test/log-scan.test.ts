import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TEST_PASSWORDS } from './helpers.js';
import { scanLog } from './log-scan.js';
import { LOG_DIR } from './paths.js';

describe('logs of the whole test run', () => {
  it('the scanner catches what it must (control)', () => {
    const planted = [
      '{"msg":"x","url":"/a?phone=13812345678"}',
      '{"msg":"x","detail":"11010519491231002X"}',
      `{"msg":"x","p":"${TEST_PASSWORDS[0]}"}`,
      '{"headers":{"cookie":"hexie_sid=abcdefghijklmnop"}}',
      '{"body":{"password":"whatever"}}',
    ].join('\n');
    expect(scanLog('planted', planted, TEST_PASSWORDS).map((f) => f.line)).toEqual([1, 2, 3, 4, 4, 5]);
    expect(scanLog('clean', '{"url":"/a?phone=138****5678","id":"110105********002X"}', TEST_PASSWORDS)).toEqual([]);
    // eleven digits inside a request id are not a phone number; a phone after a letterless separator is
    expect(scanLog('uuid', '{"reqId":"625b0b46-7f2f-43a2-a256-16648494644e"}', TEST_PASSWORDS)).toEqual([]);
    expect(scanLog('tel', '{"msg":"tel:13812345678"}', TEST_PASSWORDS)).toHaveLength(1);
  });

  it('hold no password, token, ID number or phone number', async () => {
    expect(existsSync(LOG_DIR), 'run the API (and e2e) suites first: npm test runs this last').toBe(true);
    const files = (await readdir(LOG_DIR)).filter((f) => f.endsWith('.ndjson'));
    expect(files.length).toBeGreaterThanOrEqual(4);
    let requests = 0;
    const findings = [];
    for (const f of files) {
      const text = await readFile(join(LOG_DIR, f), 'utf8');
      requests += text.split('\n').filter((l) => l.includes('"msg":"request"')).length;
      findings.push(...scanLog(f, text, TEST_PASSWORDS));
    }
    expect(requests, 'the suites logged requests').toBeGreaterThan(100);
    expect(findings).toEqual([]);
  });
});
