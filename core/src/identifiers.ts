/**
 * Identifiers used across the ledgers (DOMAIN-RULES §4): resident ID numbers (GB 11643-1999),
 * unified social credit codes (GB 32100-2015) and mobile numbers, with their display masks.
 */

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const ID_CHECK = '10X98765432';

/** Full-width ASCII (ＡＢＣ１２３) to half-width, then upper case and trimmed. */
export function normaliseCode(raw: string): string {
  return raw
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .trim()
    .toUpperCase();
}

function isRealDate(yyyymmdd: string): boolean {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  if (y < 1900 || m < 1 || m > 12 || d < 1) return false;
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** The ISO 7064 MOD 11-2 check character of the first 17 digits of an ID number, or null if they are not digits. */
export function idNumberCheckChar(body17: string): string | null {
  if (!/^\d{17}$/.test(body17)) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body17[i]) * (ID_WEIGHTS[i] as number);
  return ID_CHECK[sum % 11] as string;
}

/** 居民身份证号码 GB 11643-1999: 17 digits, a real birth date at 7–14, and the ISO 7064 check. */
export function isValidIdNumber(raw: string): boolean {
  const id = normaliseCode(raw);
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  if (!isRealDate(id.slice(6, 14))) return false;
  return idNumberCheckChar(id.slice(0, 17)) === id[17];
}

/** 身份证号 shown as first 6 + last 4: 220102********1234. */
export function maskIdNumber(raw: string): string {
  const id = normaliseCode(raw);
  if (id.length < 10) return '*'.repeat(id.length);
  return `${id.slice(0, 6)}${'*'.repeat(id.length - 10)}${id.slice(-4)}`;
}

/** 手机号: 11 digits starting 1[3-9]. */
export function isValidMobile(raw: string): boolean {
  return /^1[3-9]\d{9}$/.test(normaliseCode(raw));
}

/** 手机号 shown as 138****5678. */
export function maskMobile(raw: string): string {
  const m = normaliseCode(raw);
  if (m.length < 7) return '*'.repeat(m.length);
  return `${m.slice(0, 3)}${'*'.repeat(m.length - 7)}${m.slice(-4)}`;
}

const CREDIT_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/** The check character a 17-character credit-code body should end with, or null if the body is malformed. */
export function creditCodeCheckChar(body17: string): string | null {
  if (body17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CREDIT_CHARSET.indexOf(body17[i] as string);
    if (v < 0) return null;
    sum += v * (CREDIT_WEIGHTS[i] as number);
  }
  return CREDIT_CHARSET[(31 - (sum % 31)) % 31] as string;
}

/** 统一社会信用代码 GB 32100-2015, after normalising case and full-width characters. */
export function isValidCreditCode(raw: string): boolean {
  const code = normaliseCode(raw);
  if (code.length !== 18) return false;
  if (!/^\d{6}$/.test(code.slice(2, 8))) return false;
  return creditCodeCheckChar(code.slice(0, 17)) === code[17];
}
