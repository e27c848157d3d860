import type {
  CaseEventBody,
  CaseExtensionBody,
  CaseListQuery,
  CreateMediationOrgBody,
  CreateMediatorBody,
  MediationApplicationBody,
  MediationCase,
  MediationCaseDetail,
  MediationOrg,
  MediationOrgListQuery,
  MediationStats,
  MediationStatsQuery,
  Mediator,
  MediatorListQuery,
  Page,
  PublicMediationOrg,
  UpdateMediationOrgBody,
} from '@hexie/core';
import { api } from './client';

/** 劳动人事争议调解 over the one client: the public application and lookup, the registers and the cases. */
export interface ApplicationReceipt {
  trackingCode: string;
  orgName: string;
  receivedOn: string;
  acceptanceDue: string;
  mediationDue: string;
}

export interface PublicCaseStatus {
  trackingCode: string;
  orgName: string;
  status: MediationCase['status'];
  receivedOn: string;
  pending: MediationCase['pending'];
  effectiveDue: string;
  closedOn: string | null;
  history: { at: string; toStatus: MediationCase['status'] }[];
}

export const mediationKeys = {
  all: ['mediation'] as const,
  publicOrgs: (regionCode: string | undefined) => ['mediation', 'public-orgs', regionCode] as const,
  track: (code: string, phone: string) => ['mediation', 'track', code, phone] as const,
  orgs: (q: Partial<MediationOrgListQuery>) => ['mediation', 'orgs', q] as const,
  cases: (q: Partial<CaseListQuery>) => ['mediation', 'cases', q] as const,
  case: (id: string, reveal: boolean) => ['mediation', 'case', id, reveal] as const,
  stats: (q: Partial<MediationStatsQuery>) => ['mediation', 'stats', q] as const,
};

const enc = encodeURIComponent;

export const mediationApi = {
  apply: (body: MediationApplicationBody) => api.post<ApplicationReceipt>('/public/mediation-applications', body),
  track: (code: string, phone: string, signal?: AbortSignal) =>
    api.get<PublicCaseStatus>(`/public/mediation-applications/${enc(code)}`, { phone }, signal),
  publicOrgs: (regionCode: string | undefined, signal?: AbortSignal) =>
    api.get<Page<PublicMediationOrg>>('/public/mediation-orgs', { regionCode, pageSize: 100 }, signal),

  orgs: (q: Partial<MediationOrgListQuery>, signal?: AbortSignal) =>
    api.get<Page<MediationOrg>>('/mediation/orgs', { ...q }, signal),
  createOrg: (body: CreateMediationOrgBody) => api.post<MediationOrg>('/mediation/orgs', body),
  updateOrg: (id: string, body: UpdateMediationOrgBody) => api.patch<MediationOrg>(`/mediation/orgs/${enc(id)}`, body),

  mediators: (q: Partial<MediatorListQuery>, signal?: AbortSignal) =>
    api.get<Page<Mediator>>('/mediation/mediators', { ...q }, signal),
  createMediator: (body: CreateMediatorBody) => api.post<Mediator>('/mediation/mediators', body),
  cases: (q: Partial<CaseListQuery>, signal?: AbortSignal) =>
    api.get<Page<MediationCase>>('/mediation/cases', { ...q }, signal),
  case: (id: string, reveal: boolean, signal?: AbortSignal) =>
    api.get<MediationCaseDetail>(`/mediation/cases/${enc(id)}`, reveal ? { reveal: 'personal' } : undefined, signal),
  event: (id: string, body: CaseEventBody) => api.post<MediationCaseDetail>(`/mediation/cases/${enc(id)}/events`, body),
  stats: (q: Partial<MediationStatsQuery>, signal?: AbortSignal) =>
    api.get<MediationStats>('/mediation/stats', { ...q }, signal),
  extend: (id: string, body: CaseExtensionBody) =>
    api.post<MediationCaseDetail>(`/mediation/cases/${enc(id)}/extension`, body),
};
