import { describe, expect, it } from 'vitest';
import {
  CASE_EVENTS,
  CASE_STATUSES,
  type CaseEvent,
  type CaseStatus,
  caseDeadlines,
  checkApplication,
  checkExtension,
  deadlineState,
  eventsFrom,
  mediationApplicationBody,
  mediationOrgProblems,
  mediatorProblems,
  orgStandard,
  pendingDeadline,
  reviewApplicationDue,
  successRate,
  transitionCase,
} from './mediation.js';

/** Every legal move of the workflow, written out by hand from the issue (not read from the module's table). */
const LEGAL: [CaseStatus, CaseEvent, CaseStatus][] = [
  ['received', 'accept', 'accepted'],
  ['received', 'reject', 'rejected'],
  ['received', 'withdraw', 'withdrawn'],
  ['accepted', 'session', 'in_mediation'],
  ['accepted', 'withdraw', 'withdrawn'],
  ['accepted', 'expire', 'overdue'],
  ['in_mediation', 'session', 'in_mediation'],
  ['in_mediation', 'agree', 'agreement'],
  ['in_mediation', 'fail', 'failed'],
  ['in_mediation', 'withdraw', 'withdrawn'],
  ['in_mediation', 'expire', 'overdue'],
];

const after = { today: '2026-10-09', mediationDue: '2026-10-08' };

describe('mediation case workflow', () => {
  it('every legal transition leads where the issue says, and every other pair is refused with both names', () => {
    let refused = 0;
    for (const status of CASE_STATUSES) {
      for (const event of CASE_EVENTS) {
        const legal = LEGAL.find(([s, e]) => s === status && e === event);
        const r = transitionCase(status, event, after);
        if (legal) expect(r, `${status} ${event}`).toEqual({ to: legal[2] });
        else {
          refused += 1;
          expect(r, `${status} ${event}`).toMatchObject({ refused: { code: 'illegal_transition' } });
          if ('refused' in r) expect(r.refused.params).toEqual({ status, event });
        }
      }
    }
    expect(refused).toBe(CASE_STATUSES.length * CASE_EVENTS.length - LEGAL.length);
    // Closed cases accept nothing.
    for (const closed of ['rejected', 'agreement', 'failed', 'withdrawn', 'overdue'] as const)
      expect(eventsFrom(closed)).toEqual([]);
    expect(eventsFrom('received')).toEqual(['accept', 'reject', 'withdraw']);
  });

  it('a mediation is closed as overdue only after its deadline', () => {
    expect(transitionCase('in_mediation', 'expire', { today: '2026-10-08', mediationDue: '2026-10-08' })).toEqual({
      refused: { code: 'not_overdue', params: { due: '2026-10-08' } },
    });
    expect(transitionCase('in_mediation', 'expire', after)).toEqual({ to: 'overdue' });
  });

  it('deadlines: acceptance in 3 working days, mediation in 15 days, both over the 2026 holidays', () => {
    // Received Tue 09-22: Wed, Thu are working days, 09-25..27 中秋, then Mon 09-28.
    expect(caseDeadlines('2026-09-22')).toEqual({
      acceptanceDue: '2026-09-28',
      mediationDue: '2026-10-08',
      effectiveDue: '2026-10-08',
      calendarMissing: false,
    });
    // An agreed extension of 15 days runs from the end of the first period.
    expect(caseDeadlines('2026-09-22', 15).effectiveDue).toBe('2026-10-23');
    // The acceptance rule is a parameter.
    expect(caseDeadlines('2026-03-02', 0, 5).acceptanceDue).toBe('2026-03-09');
    expect(caseDeadlines('2026-12-20').calendarMissing).toBe(true);
    // Review confirmation: 15 days from the agreement taking effect (10-23 + 15 = 11-07, a Saturday).
    expect(reviewApplicationDue('2026-10-23')).toBe('2026-11-09');
  });

  it('warns 3 days ahead, and says overdue after the day', () => {
    expect(deadlineState('2026-10-08', '2026-10-04')).toBe('ok');
    expect(deadlineState('2026-10-08', '2026-10-05')).toBe('due_soon');
    expect(deadlineState('2026-10-08', '2026-10-08')).toBe('due_soon');
    expect(deadlineState('2026-10-08', '2026-10-09')).toBe('overdue');
    const d = caseDeadlines('2026-09-22', 15);
    expect(pendingDeadline({ status: 'received', ...d })).toEqual({ kind: 'acceptance', due: '2026-09-28' });
    expect(pendingDeadline({ status: 'in_mediation', ...d })).toEqual({ kind: 'mediation', due: '2026-10-23' });
    expect(pendingDeadline({ status: 'agreement', ...d })).toBeNull();
  });

  it('an extension needs an open mediation before its deadline, once, 1–15 days, and both consents', () => {
    const open = { status: 'in_mediation' as const, extensionDays: 0, mediationDue: '2026-10-08' };
    const consent = { applicantConsentOn: '2026-10-05', respondentConsentOn: '2026-10-06' };
    expect(checkExtension(open, { days: 15, ...consent }, '2026-10-06')).toBeNull();
    expect(checkExtension(open, { days: 16, ...consent }, '2026-10-06')).toBe('extension_too_long');
    expect(checkExtension(open, { days: 0, ...consent }, '2026-10-06')).toBe('extension_too_long');
    expect(checkExtension(open, { days: 10, applicantConsentOn: '2026-10-05' }, '2026-10-06')).toBe(
      'extension_consent',
    );
    expect(checkExtension({ ...open, extensionDays: 10 }, { days: 5, ...consent }, '2026-10-06')).toBe(
      'extension_twice',
    );
    expect(checkExtension(open, { days: 5, ...consent }, '2026-10-09')).toBe('extension_not_open');
    expect(checkExtension({ ...open, status: 'received' }, { days: 5, ...consent }, '2026-10-06')).toBe(
      'extension_not_open',
    );
  });

  it('success rate: agreements over agreement + failed + overdue, with n; none concluded has no rate', () => {
    expect(successRate({ agreement: 6, failed: 3, overdue: 1 })).toEqual({ rate: 0.6, n: 10 });
    expect(successRate({ agreement: 0, failed: 0, overdue: 0 })).toEqual({ rate: null, n: 0 });
    expect(successRate({ agreement: 2, failed: 0, overdue: 0 })).toEqual({ rate: 1, n: 2 });
  });
});

describe('mediation organisations', () => {
  it('the plan standard: office, sign, posted rules and at least one mediator', () => {
    expect(orgStandard({ hasOffice: true, hasSign: true, rulesPosted: true, activeMediators: 1 })).toEqual({
      met: true,
      missing: [],
    });
    expect(orgStandard({ hasOffice: false, hasSign: true, rulesPosted: false, activeMediators: 0 })).toEqual({
      met: false,
      missing: ['office', 'rules', 'mediator'],
    });
  });
});

describe('the public application', () => {
  const good = {
    applicant: { name: '张三', idNumber: '11010519491231002x', phone: '138 0013 8000' },
    respondent: { name: '长春市某某商贸有限公司', creditCode: '91220101MA0Y5XG21M' },
    regionCode: '220102',
    disputeTypes: ['wages', 'wages', 'severance'],
    claimAmount: 12000.456,
    facts: '公司拖欠 2026 年 8 月至 9 月工资共计一万二千元，多次催要未果。',
  };

  it('takes a valid application, normalising the ID, the phone and repeated types', () => {
    const body = mediationApplicationBody.parse(good);
    const r = checkApplication(body);
    expect(r.problems).toBeUndefined();
    expect(r.value).toMatchObject({
      applicant: { name: '张三', idNumber: '11010519491231002X', phone: '13800138000' },
      disputeTypes: ['wages', 'severance'],
      claimAmount: 12000.46,
    });
  });

  it('names each bad field: ID number, mobile, credit code; the shape refuses empty types and short facts', () => {
    const r = checkApplication(
      mediationApplicationBody.parse({
        ...good,
        applicant: { name: '张三', idNumber: '110105194912310021', phone: '12345' },
        respondent: { name: '某公司', creditCode: '91220101MA0Y5XG21W' },
      }),
    );
    expect(r.problems?.map((p) => [p.field, p.code])).toEqual([
      ['applicant.idNumber', 'invalid_id_number'],
      ['applicant.phone', 'invalid_mobile'],
      ['respondent.creditCode', 'invalid_credit_code'],
    ]);
    expect(mediationApplicationBody.safeParse({ ...good, disputeTypes: [] }).success).toBe(false);
    expect(mediationApplicationBody.safeParse({ ...good, facts: '太短' }).success).toBe(false);
    expect(mediationApplicationBody.safeParse({ ...good, disputeTypes: ['bonus'] }).success).toBe(false);
    expect(mediationApplicationBody.safeParse({ ...good, extra: 1 }).success).toBe(false);
  });
});

describe('the registers’ record rules (附件3, 附件4)', () => {
  it('a filed organisation has its date; phones and ID numbers are real ones', () => {
    expect(mediationOrgProblems({ filingStatus: 'filed', filedOn: null, contactPhone: '0431-88886666' })).toEqual([
      { field: 'filedOn', code: 'required' },
    ]);
    expect(mediationOrgProblems({ filingStatus: 'pending', filedOn: null, contactPhone: '110' })).toEqual([
      { field: 'contactPhone', code: 'invalid_phone' },
    ]);
    expect(mediationOrgProblems({ filingStatus: 'filed', filedOn: '2026-01-05', contactPhone: null })).toEqual([]);
    expect(mediatorProblems({ idNumber: '11010519491231002X', phone: '13900001111' })).toEqual([]);
    expect(mediatorProblems({ idNumber: '110105194912310021', phone: '1390000' })).toEqual([
      { field: 'idNumber', code: 'invalid_id_number' },
      { field: 'phone', code: 'invalid_phone' },
    ]);
  });
});
