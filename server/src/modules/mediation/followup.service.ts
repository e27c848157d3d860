import { createHash, timingSafeEqual } from 'node:crypto';
import {
  type ArchiveRefusal,
  ATTACHMENT_RULES,
  type CaseFile,
  checkArchive,
  checkLetterDate,
  checkPerformance,
  checkReview,
  chinaToday,
  cleanFileName,
  daysLeft,
  documentNumber,
  type LetterBody,
  type LetterReplyBody,
  type PerformanceBody,
  performanceState,
  type ReviewBody,
  reviewState,
  sniffAttachment,
  TRACKING_CODE,
} from '@hexie/core';
import { type Db, type Tx, withTx } from '../../db/pool.js';
import { type AuditContext, audit } from '../../platform/audit.js';
import type { ServiceContext } from '../../platform/context.js';
import { AppError, invalidFields } from '../../platform/errors.js';
import { notFoundInScope } from '../../platform/scope-miss.js';
import * as files from './followup.repository.js';
import * as repo from './mediation.repository.js';

// ——— the case file ———

/** A case's file: its attachments, the review and performance of an agreement, its letters and its archive. */
export async function caseFile(ctx: ServiceContext, id: string): Promise<CaseFile> {
  const row = await repo.getCase(ctx.db, ctx.scope.codes, id);
  if (!row) throw await notFoundInScope(ctx, 'mediation_case', id);
  return fileOfCase(ctx.db, row);
}

async function fileOfCase(db: Db | Tx, row: repo.CaseRow): Promise<CaseFile> {
  const today = chinaToday();
  // One after another: on a transaction's client, queries cannot overlap.
  const file = await files.fileOf(db, row.id);
  const attachments = await files.attachmentsOf(db, row.id);
  const letters = await files.lettersOf(db, row.id);
  const agreement = row.status === 'agreement' ? row.agreement : null;
  return {
    caseId: row.id,
    version: file.version,
    attachments: attachments.map((a) => ({
      id: a.id,
      fileName: a.file_name,
      contentType: a.content_type,
      size: a.size,
      uploadedBy: a.uploaded_by ? 'staff' : 'applicant',
      uploaderName: a.uploader_name,
      createdAt: a.created_at.toISOString(),
    })),
    review: agreement ? file.review : null,
    reviewState: agreement ? reviewState(agreement, file.review, today) : null,
    reviewDaysLeft: agreement && !file.review ? daysLeft(today, agreement.reviewDue) : null,
    performance: agreement ? file.performance : null,
    performanceState: agreement ? performanceState(agreement, file.performance, today) : null,
    letters: letters.map((l) => ({
      id: l.id,
      number: documentNumber(l.year, l.seq),
      recipient: l.recipient,
      sentOn: l.sent_on,
      content: l.content,
      repliedOn: l.replied_on,
      reply: l.reply,
      createdByName: l.created_by_name,
    })),
    archive: file.archive_no && file.archived_on ? { number: file.archive_no, on: file.archived_on } : null,
  };
}

/** The case, locked, in the caller's regions, at the version the form read. */
async function lockedCase(tx: Tx, ctx: ServiceContext, id: string, version?: number): Promise<repo.CaseRow> {
  const row = await repo.getCase(tx, ctx.scope.codes, id, true);
  if (!row) throw await notFoundInScope(ctx, 'mediation_case', id);
  if (version !== undefined && row.version !== version) {
    throw new AppError('version_conflict', { params: { version: row.version } });
  }
  return row;
}

async function notArchived(tx: Tx, caseId: string): Promise<void> {
  if ((await files.fileOf(tx, caseId)).archive_no) throw new AppError('case_archived');
}

// ——— attachments ———

export interface Upload {
  name: string;
  data: Buffer;
}

/** A file checked by its content; the size was capped while it was read (multipart limits). */
function checkedUpload(u: Upload, maxBytes: number) {
  if (u.data.length === 0) throw new AppError('file_empty');
  if (u.data.length > maxBytes) {
    throw new AppError('attachment_too_large', { params: { mb: Math.round(maxBytes / 1024 / 1024) } });
  }
  const type = sniffAttachment(u.data);
  if (!type) throw new AppError('attachment_type');
  return {
    fileName: cleanFileName(u.name, type),
    contentType: type,
    sha256: createHash('sha256').update(u.data).digest('hex'),
    data: u.data,
  };
}

async function attach(
  tx: Tx,
  ctx: AuditContext,
  row: repo.CaseRow,
  file: ReturnType<typeof checkedUpload>,
  uploadedBy: string | null,
) {
  const id = await files.insertAttachment(tx, { caseId: row.id, regionCode: row.region_code, ...file, uploadedBy });
  await repo.addEvent(tx, {
    caseId: row.id,
    actorId: uploadedBy,
    event: 'attach',
    from: row.status,
    to: row.status,
    note: file.fileName,
  });
  await audit(tx, ctx, {
    action: 'mediation_case.attach',
    entityType: 'mediation_case',
    entityId: row.id,
    regionCode: row.region_code,
    result: 'success',
    details: { attachmentId: id, contentType: file.contentType, size: file.data.length, sha256: file.sha256 },
  });
  return id;
}

/** Staff add a document to a case in their region (not once archived). */
export async function addAttachment(ctx: ServiceContext, id: string, upload: Upload): Promise<CaseFile> {
  const file = checkedUpload(upload, ATTACHMENT_RULES.staffMaxBytes);
  return withTx(ctx.db, async (tx) => {
    const row = await lockedCase(tx, ctx, id);
    await notArchived(tx, id);
    const counts = await files.attachmentCounts(tx, id);
    if (counts.all >= ATTACHMENT_RULES.maxFiles) {
      throw new AppError('attachment_limit', { params: { max: ATTACHMENT_RULES.maxFiles } });
    }
    await attach(tx, ctx, row, file, ctx.actor.id);
    return fileOfCase(tx, row);
  });
}

/**
 * The applicant adds evidence to an online application: the tracking code and the phone as on the lookup (a
 * wrong pair is 404 and says nothing), only while it awaits acceptance, a few files of a few MB.
 */
export async function addPublicAttachment(
  ctx: AuditContext & { db: Db },
  trackingCode: string,
  phone: string,
  upload: Upload,
): Promise<{ fileName: string; size: number; files: number }> {
  const code = trackingCode.trim().toUpperCase();
  const row = TRACKING_CODE.test(code) ? await repo.caseByTrackingCode(ctx.db, code) : undefined;
  const given = phone.replace(/[\s-]/g, '');
  if (!row || !given || !sameText(row.applicant_phone, given)) throw new AppError('not_found');
  const file = checkedUpload(upload, ATTACHMENT_RULES.publicMaxBytes);
  return withTx(ctx.db, async (tx) => {
    const locked = await repo.getCase(tx, [row.region_code], row.id, true);
    if (!locked) throw new AppError('not_found');
    if (locked.status !== 'received') throw new AppError('attachments_closed');
    const counts = await files.attachmentCounts(tx, row.id);
    if (counts.applicant >= ATTACHMENT_RULES.publicMaxFiles || counts.all >= ATTACHMENT_RULES.maxFiles) {
      throw new AppError('attachment_limit', { params: { max: ATTACHMENT_RULES.publicMaxFiles } });
    }
    await attach(tx, ctx, locked, file, null);
    return { fileName: file.fileName, size: file.data.length, files: counts.applicant + 1 };
  });
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** A document's bytes for staff of the case's region; a reveal of personal data, audited. */
export async function attachmentFile(ctx: ServiceContext, caseId: string, id: string) {
  const file = await files.attachmentData(ctx.db, ctx.scope.codes, caseId, id);
  if (!file) throw await notFoundInScope(ctx, 'mediation_case', caseId);
  await audit(ctx.db, ctx, {
    action: 'mediation_case.attachment_read',
    entityType: 'mediation_case',
    entityId: caseId,
    regionCode: file.region_code,
    result: 'success',
    details: { attachmentId: id },
  });
  return file;
}

// ——— review and performance of an agreement ———

function agreementOf(row: repo.CaseRow) {
  if (row.status !== 'agreement' || !row.agreement) throw new AppError('not_an_agreement');
  return row.agreement;
}

/** 仲裁审查确认: the joint application and, later, the commission's result (core's checkReview). */
export async function recordReview(ctx: ServiceContext, id: string, b: ReviewBody): Promise<CaseFile> {
  return withTx(ctx.db, async (tx) => {
    const row = await lockedCase(tx, ctx, id, b.version);
    const agreement = agreementOf(row);
    await notArchived(tx, id);
    const problems = checkReview(agreement, b, chinaToday());
    if (problems.length) throw invalidFields(problems);
    const before = (await files.fileOf(tx, id)).review;
    const review = {
      appliedOn: b.appliedOn,
      commission: b.commission,
      result: b.result ?? null,
      resultOn: b.resultOn ?? null,
      note: b.note?.trim() || null,
    };
    await files.updateFile(tx, id, { review });
    await repo.addEvent(tx, {
      caseId: id,
      actorId: ctx.actor.id,
      event: 'review',
      from: row.status,
      to: row.status,
      note: review.note,
    });
    await audit(tx, ctx, {
      action: 'mediation_case.review',
      entityType: 'mediation_case',
      entityId: id,
      regionCode: row.region_code,
      result: 'success',
      details: { before, after: review },
    });
    return fileOfCase(tx, row);
  });
}

/** 协议履行: performed, partly, or not (core's checkPerformance). */
export async function recordPerformance(ctx: ServiceContext, id: string, b: PerformanceBody): Promise<CaseFile> {
  return withTx(ctx.db, async (tx) => {
    const row = await lockedCase(tx, ctx, id, b.version);
    const agreement = agreementOf(row);
    await notArchived(tx, id);
    const problems = checkPerformance(agreement, b, chinaToday());
    if (problems.length) throw invalidFields(problems);
    const before = (await files.fileOf(tx, id)).performance;
    const performance = {
      status: b.status,
      on: b.on,
      amountPaid: b.amountPaid === undefined || b.amountPaid === null ? null : Math.round(b.amountPaid * 100) / 100,
      note: b.note?.trim() || null,
    };
    await files.updateFile(tx, id, { performance });
    await repo.addEvent(tx, {
      caseId: id,
      actorId: ctx.actor.id,
      event: 'perform',
      from: row.status,
      to: row.status,
      note: performance.note,
    });
    await audit(tx, ctx, {
      action: 'mediation_case.perform',
      entityType: 'mediation_case',
      entityId: id,
      regionCode: row.region_code,
      result: 'success',
      details: { before, after: performance },
    });
    return fileOfCase(tx, row);
  });
}

// ——— suggestion letters ———

/** 调解建议书: numbered in the organisation's register for the year it is sent. */
export async function sendLetter(ctx: ServiceContext, id: string, b: LetterBody): Promise<CaseFile> {
  return withTx(ctx.db, async (tx) => {
    const row = await lockedCase(tx, ctx, id);
    await notArchived(tx, id);
    const problems = checkLetterDate('sentOn', b.sentOn, row.received_on, chinaToday());
    if (problems.length) throw invalidFields(problems);
    const year = Number(b.sentOn.slice(0, 4));
    const letter = await files.insertLetter(tx, {
      caseId: id,
      orgId: row.org_id,
      regionCode: row.region_code,
      year,
      recipient: b.recipient,
      sentOn: b.sentOn,
      content: b.content,
      createdBy: ctx.actor.id,
    });
    const number = documentNumber(year, letter.seq);
    await repo.addEvent(tx, {
      caseId: id,
      actorId: ctx.actor.id,
      event: 'letter',
      from: row.status,
      to: row.status,
      note: `${number} → ${b.recipient}`,
    });
    await audit(tx, ctx, {
      action: 'mediation_case.letter',
      entityType: 'mediation_case',
      entityId: id,
      regionCode: row.region_code,
      result: 'success',
      details: { letterId: letter.id, number, recipient: b.recipient, sentOn: b.sentOn },
    });
    return fileOfCase(tx, row);
  });
}

/** The employer's reply to a letter (整改反馈), once. */
export async function replyLetter(
  ctx: ServiceContext,
  id: string,
  letterId: string,
  b: LetterReplyBody,
): Promise<CaseFile> {
  return withTx(ctx.db, async (tx) => {
    const row = await lockedCase(tx, ctx, id);
    await notArchived(tx, id);
    const letter = await files.letterOf(tx, id, letterId);
    if (!letter) throw new AppError('not_found');
    if (letter.replied_on) throw invalidFields([{ field: 'repliedOn', code: 'invalid_value' }]);
    const problems = checkLetterDate('repliedOn', b.repliedOn, letter.sent_on, chinaToday());
    if (problems.length) {
      throw invalidFields(problems.map((p) => (p.code === 'before_received' ? { ...p, code: 'invalid_value' } : p)));
    }
    await files.replyToLetter(tx, letterId, b.repliedOn, b.reply);
    await repo.addEvent(tx, {
      caseId: id,
      actorId: ctx.actor.id,
      event: 'reply',
      from: row.status,
      to: row.status,
      note: documentNumber(letter.year, letter.seq),
    });
    await audit(tx, ctx, {
      action: 'mediation_case.letter_reply',
      entityType: 'mediation_case',
      entityId: id,
      regionCode: row.region_code,
      result: 'success',
      details: { letterId, repliedOn: b.repliedOn },
    });
    return fileOfCase(tx, row);
  });
}

// ——— archive ———

/** 结案归档: a closed case gets the organisation's archive number for the year; its file is then closed. */
export async function archiveCase(ctx: ServiceContext, id: string, version: number): Promise<CaseFile> {
  return withTx(ctx.db, async (tx) => {
    const row = await lockedCase(tx, ctx, id, version);
    const file = await files.fileOf(tx, id);
    const refused: ArchiveRefusal | null = checkArchive({ status: row.status, archivedOn: file.archived_on });
    if (refused) throw new AppError(refused);
    const today = chinaToday();
    const year = Number(today.slice(0, 4));
    const number = documentNumber(year, await files.nextArchiveSeq(tx, row.org_id, year));
    await files.updateFile(tx, id, { archive: { no: number, on: today } });
    await repo.addEvent(tx, {
      caseId: id,
      actorId: ctx.actor.id,
      event: 'archive',
      from: row.status,
      to: row.status,
      note: number,
    });
    await audit(tx, ctx, {
      action: 'mediation_case.archive',
      entityType: 'mediation_case',
      entityId: id,
      regionCode: row.region_code,
      result: 'success',
      details: { archiveNo: number },
    });
    return fileOfCase(tx, row);
  });
}
