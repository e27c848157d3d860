import { describe, expect, it } from 'vitest';
import {
  checkArchive,
  checkLetterDate,
  checkPerformance,
  checkReview,
  cleanFileName,
  documentNumber,
  performanceState,
  reviewState,
  sniffAttachment,
} from './mediation-followup.js';

const agreement = { effectiveOn: '2026-09-30', performanceDeadline: '2026-10-31', reviewDue: '2026-10-15' };
const review = { version: 1, appliedOn: '2026-10-10', commission: '长春市劳动人事争议仲裁委员会' };

describe('attachments', () => {
  it('are told by their first bytes, not their name', () => {
    expect(sniffAttachment(Uint8Array.from([0xff, 0xd8, 0xff, 0xe1, 0]))).toBe('image/jpeg');
    expect(sniffAttachment(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('image/png');
    expect(sniffAttachment(new TextEncoder().encode('%PDF-1.7\n'))).toBe('application/pdf');
    expect(sniffAttachment(new TextEncoder().encode('%PDF'))).toBeNull();
    expect(sniffAttachment(new TextEncoder().encode('GIF89a'))).toBeNull();
    expect(sniffAttachment(Uint8Array.from([0x50, 0x4b, 3, 4]))).toBeNull(); // a zip (docx) is not accepted
    expect(sniffAttachment(new Uint8Array())).toBeNull();
  });

  it('keep a clean name whose extension follows the content', () => {
    expect(cleanFileName('工资条.png', 'image/png')).toBe('工资条.png');
    expect(cleanFileName('IMG_0001.JPEG', 'image/jpeg')).toBe('IMG_0001.JPEG');
    expect(cleanFileName('C:\\fakepath\\劳动合同', 'application/pdf')).toBe('劳动合同.pdf');
    expect(cleanFileName('../../etc/证据.exe', 'image/png')).toBe('证据.png');
    expect(cleanFileName('a"b<c>\u0000d.pdf', 'application/pdf')).toBe('abcd.pdf');
    expect(cleanFileName('', 'image/jpeg')).toBe('附件.jpg');
    expect(cleanFileName(`${'长'.repeat(300)}.pdf`, 'application/pdf')).toBe(`${'长'.repeat(100)}.pdf`);
  });
});

describe('arbitral review confirmation', () => {
  it('is applied for from the day the agreement took effect to its last day, not later, not in the future', () => {
    expect(checkReview(agreement, review, '2026-10-20')).toEqual([]);
    expect(checkReview(agreement, { ...review, appliedOn: '2026-09-30' }, '2026-10-20')).toEqual([]);
    expect(checkReview(agreement, { ...review, appliedOn: '2026-10-15' }, '2026-10-20')).toEqual([]);
    expect(checkReview(agreement, { ...review, appliedOn: '2026-10-16' }, '2026-10-20')).toEqual([
      { field: 'appliedOn', code: 'review_late' },
    ]);
    expect(checkReview(agreement, { ...review, appliedOn: '2026-09-29' }, '2026-10-20')).toEqual([
      { field: 'appliedOn', code: 'before_effect' },
    ]);
    expect(checkReview(agreement, review, '2026-10-09')).toEqual([{ field: 'appliedOn', code: 'future_date' }]);
  });

  it('a result needs its date, on or after the application', () => {
    const r = { ...review, result: 'confirmed' as const };
    expect(checkReview(agreement, r, '2026-10-20')).toEqual([{ field: 'resultOn', code: 'required' }]);
    expect(checkReview(agreement, { ...review, resultOn: '2026-10-12' }, '2026-10-20')).toEqual([
      { field: 'result', code: 'required' },
    ]);
    expect(checkReview(agreement, { ...r, resultOn: '2026-10-09' }, '2026-10-20')).toEqual([
      { field: 'resultOn', code: 'before_application' },
    ]);
    expect(checkReview(agreement, { ...r, resultOn: '2026-10-21' }, '2026-10-20')).toEqual([
      { field: 'resultOn', code: 'future_date' },
    ]);
    expect(checkReview(agreement, { ...r, resultOn: '2026-10-10' }, '2026-10-20')).toEqual([]);
  });

  it('stands awaiting until its last day, missed after, then applied and its result', () => {
    expect(reviewState(agreement, null, '2026-10-15')).toBe('awaiting');
    expect(reviewState(agreement, null, '2026-10-16')).toBe('missed');
    const rec = { appliedOn: '2026-10-10', commission: 'x', result: null, resultOn: null, note: null };
    expect(reviewState(agreement, rec, '2026-12-01')).toBe('applied');
    expect(reviewState(agreement, { ...rec, result: 'not_confirmed', resultOn: '2026-10-20' }, '2026-12-01')).toBe(
      'not_confirmed',
    );
  });
});

describe('performance', () => {
  it('is pending to the deadline, overdue after it unless recorded', () => {
    expect(performanceState(agreement, null, '2026-10-31')).toBe('pending');
    expect(performanceState(agreement, null, '2026-11-01')).toBe('overdue');
    const rec = { status: 'performed' as const, on: '2026-10-20', amountPaid: 100, note: null };
    expect(performanceState(agreement, rec, '2026-11-01')).toBe('performed');
  });

  it('is recorded on or after the agreement, not in the future; anything short of performed says why', () => {
    const b = { version: 1, status: 'performed' as const, on: '2026-10-20' };
    expect(checkPerformance(agreement, b, '2026-10-20')).toEqual([]);
    expect(checkPerformance(agreement, { ...b, on: '2026-09-29' }, '2026-10-20')).toEqual([
      { field: 'on', code: 'before_effect' },
    ]);
    expect(checkPerformance(agreement, { ...b, on: '2026-10-21' }, '2026-10-20')).toEqual([
      { field: 'on', code: 'future_date' },
    ]);
    expect(checkPerformance(agreement, { ...b, status: 'not_performed', note: ' ' }, '2026-10-20')).toEqual([
      { field: 'note', code: 'required' },
    ]);
    expect(checkPerformance(agreement, { ...b, status: 'partial', note: '付了一半' }, '2026-10-20')).toEqual([]);
  });
});

describe('letters and the archive', () => {
  it('a letter is dated between the case’s arrival and today', () => {
    expect(checkLetterDate('sentOn', '2026-10-01', '2026-10-01', '2026-10-05')).toEqual([]);
    expect(checkLetterDate('sentOn', '2026-09-30', '2026-10-01', '2026-10-05')).toEqual([
      { field: 'sentOn', code: 'before_received' },
    ]);
    expect(checkLetterDate('sentOn', '2026-10-06', '2026-10-01', '2026-10-05')).toEqual([
      { field: 'sentOn', code: 'future_date' },
    ]);
  });

  it('documents are numbered as a register writes them', () => {
    expect(documentNumber(2026, 12)).toBe('〔2026〕第 12 号');
  });

  it('only a closed case is archived, once', () => {
    for (const status of ['received', 'accepted', 'in_mediation'] as const) {
      expect(checkArchive({ status, archivedOn: null })).toBe('archive_open');
    }
    for (const status of ['rejected', 'agreement', 'failed', 'withdrawn', 'overdue'] as const) {
      expect(checkArchive({ status, archivedOn: null })).toBeNull();
      expect(checkArchive({ status, archivedOn: '2026-10-01' })).toBe('archive_twice');
    }
  });
});
