import { describe, expect, it } from 'vitest';
import {
  creditCodeCheckChar,
  isValidCreditCode,
  isValidIdNumber,
  isValidMobile,
  maskIdNumber,
  maskMobile,
  normaliseCode,
} from './identifiers.js';

describe('resident ID number (GB 11643-1999)', () => {
  it('accepts the standard example and lower-case x', () => {
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
    expect(isValidIdNumber('11010519491231002x')).toBe(true);
  });
  it('rejects a wrong check digit, a false birth date, wrong length and letters', () => {
    expect(isValidIdNumber('110105194912310021')).toBe(false);
    expect(isValidIdNumber('110105194902300023')).toBe(false); // 30 February
    expect(isValidIdNumber('11010519491231002')).toBe(false);
    expect(isValidIdNumber('1101051949123100AX')).toBe(false);
  });
  it('computes every check digit from the weights (a corpus made by the rule)', () => {
    // Build IDs for many birth dates and confirm exactly one check character is valid.
    for (let i = 0; i < 200; i++) {
      const date = new Date(Date.UTC(1950, 0, 1) + i * 86_400_000 * 97);
      const ymd = date.toISOString().slice(0, 10).replaceAll('-', '');
      const body = `220102${ymd}${String(i % 1000).padStart(3, '0')}`;
      const valid = '0123456789X'.split('').filter((c) => isValidIdNumber(body + c));
      expect(valid).toHaveLength(1);
    }
  });
  it('masks as first 6 + last 4', () => {
    expect(maskIdNumber('220102199001011234')).toBe('220102********1234');
  });
});

describe('unified social credit code (GB 32100-2015)', () => {
  it('accepts the example, also in lower case and full width', () => {
    expect(isValidCreditCode('91110000710925462X')).toBe(true);
    expect(isValidCreditCode('91110000710925462x')).toBe(true);
    expect(isValidCreditCode('９１１１００００７１０９２５４６２Ｘ')).toBe(true);
  });
  it('rejects a wrong check char, excluded letters and a non-digit region', () => {
    expect(isValidCreditCode('911100007109254621')).toBe(false);
    expect(isValidCreditCode('91110000710925462I')).toBe(false);
    expect(isValidCreditCode('91A10000710925462X')).toBe(false);
    expect(isValidCreditCode('91110000710925462')).toBe(false);
  });
  it('check char is (31 - sum mod 31) mod 31 over the charset', () => {
    expect(creditCodeCheckChar('91110000710925462')).toBe('X');
    expect(creditCodeCheckChar('9111000071092546')).toBeNull();
    expect(creditCodeCheckChar('9111000071092546O')).toBeNull();
  });
});

describe('mobile numbers', () => {
  it('validates 1[3-9] and 11 digits, and masks the middle', () => {
    expect(isValidMobile('13812345678')).toBe(true);
    expect(isValidMobile('12812345678')).toBe(false);
    expect(isValidMobile('1381234567')).toBe(false);
    expect(maskMobile('13812345678')).toBe('138****5678');
  });
});

describe('normaliseCode', () => {
  it('turns full-width into half-width, upper-cases and trims', () => {
    expect(normaliseCode('　ａｂ１２　')).toBe('AB12');
  });
});
