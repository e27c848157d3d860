import { maskIdNumber, maskMobile } from '@hexie/core';
import pino from 'pino';

/** Header and body paths that never reach a log line. */
const REDACT = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.newPassword',
  '*.currentPassword',
  '*.token',
  '*.csrfToken',
];

const ID_RE = /(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])/g;
const MOBILE_RE = /(?<!\d)1[3-9]\d{9}(?!\d)/g;

/** Masks ID numbers and mobile numbers wherever they appear in a string (URLs, SQL details, messages). */
export function scrub(text: string): string {
  return text.replace(ID_RE, (m) => maskIdNumber(m)).replace(MOBILE_RE, (m) => maskMobile(m));
}

function scrubDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrub(value);
  if (depth > 6 || value === null || typeof value !== 'object' || value instanceof Error) return value;
  if (Array.isArray(value)) return value.map((v) => scrubDeep(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = scrubDeep(v, depth + 1);
  return out;
}

export interface LoggerOptions {
  level: string;
  file?: string | undefined;
  /** write to stdout as well (off in tests, which read the file) */
  stdout?: boolean;
}

export function createLogger(opts: LoggerOptions): pino.Logger {
  const streams: pino.StreamEntry[] = [];
  if (opts.stdout !== false) streams.push({ stream: process.stdout });
  if (opts.file) streams.push({ stream: pino.destination({ dest: opts.file, mkdir: true, sync: true }) });
  return pino(
    {
      level: opts.level,
      redact: { paths: REDACT, censor: '[REDACTED]' },
      formatters: { log: (obj) => scrubDeep(obj) as Record<string, unknown> },
      serializers: { err: (e: Error) => scrubDeep(pino.stdSerializers.err(e)) as Record<string, unknown> },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    pino.multistream(streams),
  );
}
