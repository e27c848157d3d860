import { describe, expect, it } from 'vitest';
import { caseDeadlines } from './mediation.js';
import {
  mediationDeadlineWarning,
  NOTIFICATION_KINDS,
  NOTIFICATION_TEXTS,
  renderNotification,
} from './notifications.js';

describe('mediationDeadlineWarning', () => {
  // Received Monday 2026-03-02: acceptance due 3 working days later (Thursday 03-05), mediation due 03-17.
  const d = caseDeadlines('2026-03-02');
  const open = (status: 'received' | 'accepted' | 'in_mediation') => ({
    status,
    acceptanceDue: d.acceptanceDue,
    effectiveDue: d.effectiveDue,
  });

  it('warns 3 days before the pending deadline, not 4', () => {
    expect(d.acceptanceDue).toBe('2026-03-05');
    expect(d.mediationDue).toBe('2026-03-17');
    expect(mediationDeadlineWarning(open('accepted'), '2026-03-13')).toBeNull();
    expect(mediationDeadlineWarning(open('accepted'), '2026-03-14')).toEqual({
      kind: 'mediation_deadline',
      deadline: 'mediation',
      due: '2026-03-17',
    });
    expect(mediationDeadlineWarning(open('in_mediation'), '2026-03-17')?.kind).toBe('mediation_deadline');
  });

  it('a received case waits on its acceptance decision', () => {
    expect(mediationDeadlineWarning(open('received'), '2026-03-02')).toEqual({
      kind: 'mediation_deadline',
      deadline: 'acceptance',
      due: '2026-03-05',
    });
  });

  it('the day after the deadline it is overdue', () => {
    expect(mediationDeadlineWarning(open('in_mediation'), '2026-03-18')).toEqual({
      kind: 'mediation_overdue',
      deadline: 'mediation',
      due: '2026-03-17',
    });
  });

  it('a closed case calls for nothing', () => {
    for (const status of ['agreement', 'failed', 'withdrawn', 'rejected', 'overdue'] as const) {
      expect(mediationDeadlineWarning({ ...open('accepted'), status }, '2026-03-18')).toBeNull();
    }
  });
});

describe('renderNotification', () => {
  const params = {
    trackingCode: 'ABCD2345',
    respondentName: '长春市某某商贸有限公司',
    deadline: 'acceptance',
    due: '2026-03-05',
  };

  it('fills the text in either language, the deadline named by its label', () => {
    expect(renderNotification({ kind: 'mediation_deadline', params }, 'zh-CN')).toEqual({
      title: '调解案件即将到期',
      body: '案件 ABCD2345（长春市某某商贸有限公司）的受理决定期限为 2026-03-05，请及时处理。',
    });
    expect(renderNotification({ kind: 'mediation_overdue', params }, 'en-US').body).toBe(
      'Case ABCD2345 (长春市某某商贸有限公司): the acceptance decision deadline ended on 2026-03-05 and the case is still open.',
    );
  });

  it('an early warning names the enterprise, the rule and its severity by their labels', () => {
    const warning = { enterpriseName: '长春市某某机械有限公司', rule: 'art41_steps', severity: 'high' };
    expect(renderNotification({ kind: 'early_warning', params: warning }, 'zh-CN')).toEqual({
      title: '裁员预警：经济性裁员程序未履行',
      body: '长春市某某机械有限公司触发“经济性裁员程序未履行”预警（严重），请及时跟进处理。',
    });
  });

  it('every kind has both languages and no placeholder left unfilled', () => {
    const paramsOf: Record<(typeof NOTIFICATION_KINDS)[number], Record<string, string | number>> = {
      mediation_deadline: params,
      mediation_overdue: params,
      early_warning: { enterpriseName: '长春市某某机械有限公司', rule: 'silent', severity: 'low' },
    };
    for (const kind of NOTIFICATION_KINDS) {
      for (const lang of ['zh-CN', 'en-US'] as const) {
        const { title, body } = renderNotification({ kind, params: paramsOf[kind] }, lang);
        expect(title.length).toBeGreaterThan(0);
        expect(`${title}${body}`).not.toMatch(/[{}]/);
      }
      expect(NOTIFICATION_TEXTS[kind]).toBeDefined();
    }
  });
});
