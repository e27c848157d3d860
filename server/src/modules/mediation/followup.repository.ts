import type { AttachmentType, PerformanceRecord, ReviewRecord } from '@hexie/core';
import type { Queryable } from '../../db/pool.js';

// The SQL of a case's file: attachments, review, performance, letters, archive. Every read takes the case's id,
// found first within the caller's regions (mediation.repository getCase), or the region codes it may see.

const day = (col: string) => `to_char(${col}, 'YYYY-MM-DD') AS ${col}`;

export interface FileRow {
  version: number;
  review: ReviewRecord | null;
  performance: PerformanceRecord | null;
  archive_no: string | null;
  archived_on: string | null;
}

export async function fileOf(db: Queryable, caseId: string): Promise<FileRow> {
  const { rows } = await db.query<FileRow>(
    `SELECT version, review, performance, archive_no, ${day('archived_on')} FROM mediation_cases WHERE id = $1`,
    [caseId],
  );
  return rows[0] as FileRow;
}

export interface AttachmentRow {
  id: string;
  file_name: string;
  content_type: AttachmentType;
  size: number;
  uploaded_by: string | null;
  uploader_name: string | null;
  created_at: Date;
}

export async function attachmentsOf(db: Queryable, caseId: string): Promise<AttachmentRow[]> {
  const { rows } = await db.query<AttachmentRow>(
    `SELECT a.id, a.file_name, a.content_type, a.size, a.uploaded_by, u.display_name AS uploader_name, a.created_at
       FROM mediation_case_attachments a LEFT JOIN users u ON u.id = a.uploaded_by
      WHERE a.case_id = $1 ORDER BY a.created_at, a.id`,
    [caseId],
  );
  return rows;
}

/** How many files a case has, and how many the applicant sent. */
export async function attachmentCounts(db: Queryable, caseId: string): Promise<{ all: number; applicant: number }> {
  const { rows } = await db.query<{ all: number; applicant: number }>(
    `SELECT count(*)::int AS all, (count(*) FILTER (WHERE uploaded_by IS NULL))::int AS applicant
       FROM mediation_case_attachments WHERE case_id = $1`,
    [caseId],
  );
  return rows[0] ?? { all: 0, applicant: 0 };
}

export async function insertAttachment(
  db: Queryable,
  a: {
    caseId: string;
    regionCode: string;
    fileName: string;
    contentType: AttachmentType;
    sha256: string;
    data: Buffer;
    uploadedBy: string | null;
  },
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO mediation_case_attachments (case_id, region_code, file_name, content_type, size, sha256, data, uploaded_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [a.caseId, a.regionCode, a.fileName, a.contentType, a.data.length, a.sha256, a.data, a.uploadedBy],
  );
  return (rows[0] as { id: string }).id;
}

/** One file with its bytes, within the regions the caller may see. */
export async function attachmentData(
  db: Queryable,
  regionCodes: readonly string[],
  caseId: string,
  id: string,
): Promise<{ file_name: string; content_type: AttachmentType; data: Buffer; region_code: string } | undefined> {
  const { rows } = await db.query<{
    file_name: string;
    content_type: AttachmentType;
    data: Buffer;
    region_code: string;
  }>(
    `SELECT file_name, content_type, data, region_code FROM mediation_case_attachments
      WHERE id = $1 AND case_id = $2 AND region_code = ANY($3::text[])`,
    [id, caseId, regionCodes],
  );
  return rows[0];
}

/** Writes the review or the performance, or archives, at the next version. */
export async function updateFile(
  db: Queryable,
  caseId: string,
  set: { review?: ReviewRecord; performance?: PerformanceRecord; archive?: { no: string; on: string } },
): Promise<void> {
  await db.query(
    `UPDATE mediation_cases SET review = coalesce($2, review), performance = coalesce($3, performance),
            archive_no = coalesce($4, archive_no), archived_on = coalesce($5::date, archived_on),
            version = version + 1, updated_at = now()
      WHERE id = $1`,
    [caseId, set.review ?? null, set.performance ?? null, set.archive?.no ?? null, set.archive?.on ?? null],
  );
}

/** The next number of an organisation's register for a year (the organisation's row is locked first). */
export async function nextArchiveSeq(db: Queryable, orgId: string, year: number): Promise<number> {
  await db.query('SELECT 1 FROM mediation_orgs WHERE id = $1 FOR UPDATE', [orgId]);
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int + 1 AS n FROM mediation_cases
      WHERE org_id = $1 AND archive_no IS NOT NULL AND extract(year FROM archived_on) = $2`,
    [orgId, year],
  );
  return (rows[0] as { n: number }).n;
}

export interface LetterRow {
  id: string;
  year: number;
  seq: number;
  recipient: string;
  sent_on: string;
  content: string;
  replied_on: string | null;
  reply: string | null;
  created_by_name: string | null;
}

export async function lettersOf(db: Queryable, caseId: string): Promise<LetterRow[]> {
  const { rows } = await db.query<LetterRow>(
    `SELECT l.id, l.year, l.seq, l.recipient, to_char(l.sent_on, 'YYYY-MM-DD') AS sent_on, l.content,
            to_char(l.replied_on, 'YYYY-MM-DD') AS replied_on, l.reply,
            u.display_name AS created_by_name
       FROM mediation_letters l LEFT JOIN users u ON u.id = l.created_by
      WHERE l.case_id = $1 ORDER BY l.sent_on, l.seq`,
    [caseId],
  );
  return rows;
}

export async function insertLetter(
  db: Queryable,
  l: {
    caseId: string;
    orgId: string;
    regionCode: string;
    year: number;
    recipient: string;
    sentOn: string;
    content: string;
    createdBy: string;
  },
): Promise<{ id: string; seq: number }> {
  await db.query('SELECT 1 FROM mediation_orgs WHERE id = $1 FOR UPDATE', [l.orgId]);
  const { rows } = await db.query<{ id: string; seq: number }>(
    `INSERT INTO mediation_letters (case_id, org_id, region_code, year, seq, recipient, sent_on, content, created_by)
     SELECT $1, $2, $3, $4, coalesce(max(seq), 0) + 1, $5, $6, $7, $8
       FROM mediation_letters WHERE org_id = $2 AND year = $4
     RETURNING id, seq`,
    [l.caseId, l.orgId, l.regionCode, l.year, l.recipient, l.sentOn, l.content, l.createdBy],
  );
  return rows[0] as { id: string; seq: number };
}

export async function letterOf(db: Queryable, caseId: string, id: string): Promise<LetterRow | undefined> {
  return (await lettersOf(db, caseId)).find((l) => l.id === id);
}

export async function replyToLetter(db: Queryable, id: string, repliedOn: string, reply: string): Promise<void> {
  await db.query('UPDATE mediation_letters SET replied_on = $2, reply = $3 WHERE id = $1', [id, repliedOn, reply]);
}
