import type {
  AdminPolicyListQuery,
  AdminQaListQuery,
  CreatePolicyBody,
  CreateQaBody,
  GuidanceTags,
  KeptSelfcheckReport,
  KeptSelfcheckSummary,
  Page,
  Policy,
  PolicyListQuery,
  PolicySummary,
  Qa,
  QaListQuery,
  SelfcheckAnswers,
  SelfcheckQuestionnaire,
  SelfcheckReport,
  UpdatePolicyBody,
  UpdateQaBody,
} from '@hexie/core';
import { api } from './client';

/**
 * 线上用工指导 over the one client (client.ts): the public portal (no session needed) and its administration.
 * Kept beside endpoints.ts so the guidance pages have their calls and cache keys in one place.
 */
export type PublicPolicyQuery = Partial<PolicyListQuery>;
export type StaffPolicyQuery = Partial<AdminPolicyListQuery>;
export type PublicQaQuery = Partial<QaListQuery>;
export type StaffQaQuery = Partial<AdminQaListQuery>;

export const guidanceKeys = {
  all: ['guidance'] as const,
  publicPolicies: (q: PublicPolicyQuery) => ['guidance', 'public', 'policies', q] as const,
  publicPolicy: (id: string) => ['guidance', 'public', 'policy', id] as const,
  publicQa: (q: PublicQaQuery) => ['guidance', 'public', 'qa', q] as const,
  tags: ['guidance', 'public', 'tags'] as const,
  questionnaire: ['guidance', 'public', 'self-check'] as const,
  staffPolicies: (q: StaffPolicyQuery) => ['guidance', 'staff', 'policies', q] as const,
  staffQa: (q: StaffQaQuery) => ['guidance', 'staff', 'qa', q] as const,
  myReports: ['guidance', 'my-reports'] as const,
  myReport: (id: string) => ['guidance', 'my-reports', id] as const,
};

const enc = encodeURIComponent;

export const guidanceApi = {
  publicPolicies: (q: PublicPolicyQuery, signal?: AbortSignal) =>
    api.get<Page<PolicySummary>>('/public/policies', { ...q }, signal),
  publicPolicy: (id: string, signal?: AbortSignal) => api.get<Policy>(`/public/policies/${enc(id)}`, undefined, signal),
  publicQa: (q: PublicQaQuery, signal?: AbortSignal) => api.get<Page<Qa>>('/public/qa', { ...q }, signal),
  publicQaOne: (id: string, signal?: AbortSignal) => api.get<Qa>(`/public/qa/${enc(id)}`, undefined, signal),
  tags: (signal?: AbortSignal) => api.get<GuidanceTags>('/public/guidance-tags', undefined, signal),
  questionnaire: (signal?: AbortSignal) => api.get<SelfcheckQuestionnaire>('/public/self-check', undefined, signal),
  report: (answers: SelfcheckAnswers) => api.post<SelfcheckReport>('/public/self-check/report', { answers }),

  policies: (q: StaffPolicyQuery, signal?: AbortSignal) => api.get<Page<PolicySummary>>('/policies', { ...q }, signal),
  policy: (id: string, signal?: AbortSignal) => api.get<Policy>(`/policies/${enc(id)}`, undefined, signal),
  createPolicy: (body: CreatePolicyBody) => api.post<Policy>('/policies', body),
  updatePolicy: (id: string, body: UpdatePolicyBody) => api.patch<Policy>(`/policies/${enc(id)}`, body),
  qa: (q: StaffQaQuery, signal?: AbortSignal) => api.get<Page<Qa>>('/qa', { ...q }, signal),
  createQa: (body: CreateQaBody) => api.post<Qa>('/qa', body),
  updateQa: (id: string, body: UpdateQaBody) => api.patch<Qa>(`/qa/${enc(id)}`, body),

  keepReport: (answers: SelfcheckAnswers) => api.post<KeptSelfcheckReport>('/self-check/reports', { answers }),
  myReports: (signal?: AbortSignal) =>
    api.get<Page<KeptSelfcheckSummary>>('/self-check/reports', { page: 1, pageSize: 20 }, signal),
  myReport: (id: string, signal?: AbortSignal) =>
    api.get<KeptSelfcheckReport>(`/self-check/reports/${enc(id)}`, undefined, signal),
};
