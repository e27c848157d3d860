import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, fieldsOf, type TestContext } from '../../../test/helpers.js';

let t: TestContext;

beforeAll(async () => {
  t = await createTestApp('calculators');
});
afterAll(() => t.close());

const deadline = (payload: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/api/v1/calculators/deadline', payload: payload as object, headers });

describe('POST /api/v1/calculators/deadline (public)', () => {
  it('answers without a session, by core: the DOMAIN-RULES vectors', async () => {
    const holiday = await deadline({ start: '2026-09-22', days: 15, unit: 'calendar' });
    expect(holiday.statusCode).toBe(200);
    expect(holiday.json()).toEqual({
      due: '2026-10-08',
      rawDue: '2026-10-07',
      restReason: '国庆节',
      calendarMissing: false,
      missingYears: [],
    });
    expect((await deadline({ start: '2026-03-02', days: 15, unit: 'calendar' })).json().due).toBe('2026-03-17');
    // The acceptance decision: 3 working days, across the National Day holiday and a make-up Saturday.
    expect((await deadline({ start: '2026-09-30', days: 3, unit: 'working' })).json().due).toBe('2026-10-10');
  });

  it('says when a year the calendar lacks was counted with weekends only', async () => {
    const res = await deadline({ start: '2026-12-20', days: 15, unit: 'calendar' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ due: '2027-01-04', calendarMissing: true, missingYears: [2027] });
  });

  it("names each bad field in the caller's language and refuses fields it does not know", async () => {
    const bad = await deadline({ start: '2026-02-30', days: 0, unit: 'weeks' });
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad).sort()).toEqual(['days', 'start', 'unit']);
    const messages = (bad.json().errors as { field: string; message: string }[]).map((e) => e.message).join(' ');
    expect(messages).toContain('起算日期');
    expect(messages).toContain('期间天数');
    expect(messages).toContain('计算方式');
    const en = await deadline({ start: 'tomorrow', days: 15, unit: 'calendar' }, { 'accept-language': 'en-US' });
    expect(en.json().errors[0].message).toContain('Start date');
    const extra = await deadline({ start: '2026-03-02', days: 15, unit: 'calendar', holidays: [] });
    expect(extra.statusCode).toBe(400);
  });

  it('is rate-limited per address', async () => {
    let last = 0;
    for (let i = 0; i < 62; i++) {
      last = (
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/calculators/deadline',
          payload: { start: '2026-03-02', days: 15, unit: 'calendar' },
          remoteAddress: '10.9.8.6',
        })
      ).statusCode;
    }
    expect(last).toBe(429);
  });
});
