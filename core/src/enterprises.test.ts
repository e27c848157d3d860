import { describe, expect, it } from 'vitest';
import { checkEnterprise, isValidPhone, maskPhone } from './enterprises.js';
import { creditCodeCheckChar } from './identifiers.js';

const TODAY = '2026-11-24';
const base = {
  creditCode: '91110000710925462X',
  name: '长春示例机械制造有限公司',
  regionCode: '220102',
  industryCode: '3311',
};

describe('checkEnterprise', () => {
  it('normalises the credit code (full-width, lower case, spaces) and computes the size class', () => {
    const r = checkEnterprise(
      { ...base, creditCode: ' ９１１１００００７１０９２５４６２ｘ ', employees: 350, revenue: 2500 },
      TODAY,
    );
    expect(r.problems).toBeUndefined();
    expect(r.record?.creditCode).toBe('91110000710925462X');
    expect(r.record?.sizeClass).toBe('medium');
    expect(r.record?.source).toBe('manual');
  });

  it('names each bad field with its own code', () => {
    const r = checkEnterprise(
      {
        ...base,
        creditCode: '91110000710925462',
        industryCode: '9999',
        contactPhone: '12345',
        registeredOn: '2027-01-01',
      },
      TODAY,
    );
    expect(r.problems?.map((p) => [p.field, p.code])).toEqual([
      ['creditCode', 'invalid_credit_code'],
      ['industryCode', 'unknown_industry'],
      ['contactPhone', 'invalid_phone'],
      ['registeredOn', 'future_date'],
    ]);
  });

  it('a well-formed code failing only its check character needs a recorded reason', () => {
    const body = '91220101MA0000001';
    const good = `${body}${creditCodeCheckChar(body)}`;
    const wrong = `${body}${creditCodeCheckChar(body) === '0' ? '1' : '0'}`;
    expect(checkEnterprise({ ...base, creditCode: good }, TODAY).record?.creditCode).toBe(good);
    expect(checkEnterprise({ ...base, creditCode: wrong }, TODAY).problems).toEqual([
      { field: 'creditCode', code: 'credit_code_check' },
    ]);
    const kept = checkEnterprise(
      { ...base, creditCode: wrong, creditCodeOverrideReason: '1990 年代登记的历史代码' },
      TODAY,
    );
    expect(kept.record?.creditCodeOverrideReason).toBe('1990 年代登记的历史代码');
    // A reason does not excuse letters outside the charset.
    expect(
      checkEnterprise({ ...base, creditCode: '91110000710925462I', creditCodeOverrideReason: '理由理由' }, TODAY)
        .problems?.[0]?.code,
    ).toBe('invalid_credit_code');
    // A valid code keeps no reason.
    expect(
      checkEnterprise({ ...base, creditCodeOverrideReason: '不需要的说明' }, TODAY).record?.creditCodeOverrideReason,
    ).toBeNull();
  });

  it('a registration date of today is fine', () => {
    expect(checkEnterprise({ ...base, registeredOn: TODAY }, TODAY).problems).toBeUndefined();
  });
});

describe('phones', () => {
  it.each([
    ['13812345678', true, '138****5678'],
    ['0431-88886666', true, '0431****6666'],
    ['010-66668888', true, '010****8888'],
    ['043188886666', true, '0431****6666'],
    ['12812345678', false, ''],
    ['88886666', false, ''],
  ])('%s', (raw, ok, masked) => {
    expect(isValidPhone(raw)).toBe(ok);
    if (ok) expect(maskPhone(raw)).toBe(masked);
  });
});

describe('registeredSince', () => {
  it('goes back whole months, clamping to the month end', async () => {
    const { registeredSince } = await import('./notices.js');
    expect(registeredSince('2026-11-24', 6)).toBe('2026-05-24');
    expect(registeredSince('2026-11-24', 36)).toBe('2023-11-24');
    expect(registeredSince('2026-03-31', 1)).toBe('2026-02-28');
    expect(registeredSince('2024-03-31', 1)).toBe('2024-02-29');
    expect(registeredSince('2026-01-15', 1)).toBe('2025-12-15');
  });
});
