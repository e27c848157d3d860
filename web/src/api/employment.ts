import type {
  CollectiveConsultation,
  CreateConsultationBody,
  CreateKeyGuidanceBody,
  CreateKeyPolicyBody,
  CreateOwnReportBody,
  CreateReportBody,
  DelistKeyEnterpriseBody,
  EmploymentReport,
  FollowerOption,
  KeyEnterprise,
  KeyEnterpriseDetail,
  KeyEnterpriseListQuery,
  KeyGuidance,
  KeyPolicy,
  ListKeyEnterpriseBody,
  OwnReports,
  Page,
  UpdateConsultationBody,
  UpdateKeyEnterpriseBody,
  UpdateKeyGuidanceBody,
  UpdateKeyPolicyBody,
  UpdateReportBody,
} from '@hexie/core';
import { api } from './client';

/** 重点企业用工监测 over the one client: the ledger, its records, the monthly reports and the enterprise's own. */
export const employmentKeys = {
  all: ['employment'] as const,
  list: (q: Partial<KeyEnterpriseListQuery>) => ['employment', 'key-enterprises', q] as const,
  detail: (id: string) => ['employment', 'key-enterprise', id] as const,
  followers: (enterpriseId: string | undefined) => ['employment', 'followers', enterpriseId] as const,
  mine: ['employment', 'my-reports'] as const,
};

const BASE = '/employment/key-enterprises';
/** The records hanging on a ledger, by their path. */
export type RecordPath = 'policies' | 'guidance' | 'consultations';

export const employmentApi = {
  list: (q: Partial<KeyEnterpriseListQuery>, signal?: AbortSignal) => api.get<Page<KeyEnterprise>>(BASE, q, signal),
  get: (id: string, signal?: AbortSignal) => api.get<KeyEnterpriseDetail>(`${BASE}/${id}`, undefined, signal),
  putOnList: (body: ListKeyEnterpriseBody) => api.post<KeyEnterpriseDetail>(BASE, body),
  update: (id: string, body: UpdateKeyEnterpriseBody) => api.patch<KeyEnterpriseDetail>(`${BASE}/${id}`, body),
  delist: (id: string, body: DelistKeyEnterpriseBody) => api.post<KeyEnterpriseDetail>(`${BASE}/${id}/delist`, body),
  /** who may follow an enterprise (when given) or one of the caller's region */
  followers: (enterpriseId: string | undefined, signal?: AbortSignal) =>
    api.get<{ items: FollowerOption[] }>('/employment/followers', { enterpriseId }, signal),
  createPolicy: (id: string, body: CreateKeyPolicyBody) => api.post<KeyPolicy>(`${BASE}/${id}/policies`, body),
  updatePolicy: (id: string, recordId: string, body: UpdateKeyPolicyBody) =>
    api.patch<KeyPolicy>(`${BASE}/${id}/policies/${recordId}`, body),
  createGuidance: (id: string, body: CreateKeyGuidanceBody) => api.post<KeyGuidance>(`${BASE}/${id}/guidance`, body),
  updateGuidance: (id: string, recordId: string, body: UpdateKeyGuidanceBody) =>
    api.patch<KeyGuidance>(`${BASE}/${id}/guidance/${recordId}`, body),
  createConsultation: (id: string, body: CreateConsultationBody) =>
    api.post<CollectiveConsultation>(`${BASE}/${id}/consultations`, body),
  updateConsultation: (id: string, recordId: string, body: UpdateConsultationBody) =>
    api.patch<CollectiveConsultation>(`${BASE}/${id}/consultations/${recordId}`, body),
  createReport: (body: CreateReportBody) => api.post<EmploymentReport>('/employment/reports', body),
  updateReport: (id: string, body: UpdateReportBody) => api.patch<EmploymentReport>(`/employment/reports/${id}`, body),
  mine: (signal?: AbortSignal) => api.get<OwnReports>('/employment/my-reports', undefined, signal),
  createOwn: (body: CreateOwnReportBody) => api.post<EmploymentReport>('/employment/my-reports', body),
  updateOwn: (id: string, body: UpdateReportBody) => api.patch<EmploymentReport>(`/employment/my-reports/${id}`, body),
};
