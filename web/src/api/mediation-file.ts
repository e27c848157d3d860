import type { CaseFile, LetterBody, LetterReplyBody, PerformanceBody, ReviewBody } from '@hexie/core';
import { api, apiUrl } from './client';

/** A case's file over the one client: documents, review and performance of an agreement, letters, archive. */
export const caseFileKeys = {
  file: (id: string) => ['mediation', 'case-file', id] as const,
};

const enc = encodeURIComponent;
const base = (id: string) => `/mediation/cases/${enc(id)}`;

export interface PublicUploadReceipt {
  fileName: string;
  size: number;
  files: number;
}

export const caseFileApi = {
  file: (id: string, signal?: AbortSignal) => api.get<CaseFile>(`${base(id)}/file`, undefined, signal),
  attach: (id: string, file: File) => api.upload<CaseFile>(`${base(id)}/attachments`, file),
  /** the document's address: the browser downloads it with the session cookie (the server audits it) */
  attachmentUrl: (id: string, attachmentId: string) => apiUrl(`${base(id)}/attachments/${enc(attachmentId)}`),
  review: (id: string, body: ReviewBody) => api.put<CaseFile>(`${base(id)}/review`, body),
  performance: (id: string, body: PerformanceBody) => api.put<CaseFile>(`${base(id)}/performance`, body),
  letter: (id: string, body: LetterBody) => api.post<CaseFile>(`${base(id)}/letters`, body),
  reply: (id: string, letterId: string, body: LetterReplyBody) =>
    api.put<CaseFile>(`${base(id)}/letters/${enc(letterId)}/reply`, body),
  archive: (id: string, version: number) => api.post<CaseFile>(`${base(id)}/archive`, { version }),
  /** the applicant adds evidence with the tracking code and the phone */
  publicAttach: (trackingCode: string, phone: string, file: File) =>
    api.upload<PublicUploadReceipt>(`/public/mediation-applications/${enc(trackingCode)}/attachments`, file, { phone }),
};
