import { isValidIdNumber } from '@hexie/core';

export interface Finding {
  file: string;
  line: number;
  what: string;
}

// Not inside a longer run of letters and digits: a request id (a uuid) may hold eleven digits in a row
// ("…-16648494644e"), which is no phone number.
const MOBILE = /(?<![\dA-Za-z])1[3-9]\d{9}(?![\dA-Za-z])/;
const ID_CANDIDATE = /(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])/g;
const COOKIE_VALUE = /hexie_sid=(?!\[REDACTED\])[\w-]{10,}/;
const HEADER_VALUE = /"(cookie|x-csrf-token|authorization|set-cookie)":"(?!\[REDACTED\])/i;
const PASSWORD_FIELD = /"(password|newPassword|currentPassword|csrfToken|token)":"(?!\[REDACTED\])/;

/** Everything in a log text that must never be there: passwords, tokens, ID and mobile numbers. */
export function scanLog(file: string, text: string, passwords: string[]): Finding[] {
  const out: Finding[] = [];
  text.split('\n').forEach((line, i) => {
    const at = (what: string) => out.push({ file, line: i + 1, what });
    for (const p of passwords) if (line.includes(p)) at('a password');
    if (MOBILE.test(line)) at('a mobile number');
    for (const m of line.match(ID_CANDIDATE) ?? []) if (isValidIdNumber(m)) at('an ID number');
    if (COOKIE_VALUE.test(line)) at('a session cookie');
    if (HEADER_VALUE.test(line)) at('a secret header');
    if (PASSWORD_FIELD.test(line)) at('a secret field');
  });
  return out;
}
