import type {
  AuditEvent,
  CreateEnterpriseBody,
  CreateExpertBody,
  CreateNoticeBody,
  CreateServiceRecordBody,
  CreateUserBody,
  Enterprise,
  EnterpriseListQuery,
  Expert,
  ExpertKind,
  InboxItem,
  Notice,
  NoticeCriteria,
  Page,
  Permission,
  RegionNode,
  Role,
  ServiceProgress,
  ServiceRecord,
  ServiceRecordListQuery,
  ServiceTargetsBody,
  UpdateEnterpriseBody,
  UpdateExpertBody,
  UpdateServiceRecordBody,
  UpdateUserBody,
  User,
  UserDetail,
} from '@hexie/core';
import { api } from './client';

/** POST /auth/login and GET /auth/me. */
export interface Session {
  user: User;
  csrfToken: string;
  /** 所属区划名称 */
  regionName: string;
  permissions: Permission[];
}

/** GET /dashboard: figures of the caller's region (server/src/modules/dashboard). */
export interface DashboardSummary {
  region: { code: string; name: string; level: string };
  subregions: { prefectures: number; counties: number; statistical: number };
  users: { total: number; active: number; disabled: number; locked: number; byRole: { role: Role; count: number }[] };
  activity: { date: string; logins: number; failures: number; changes: number }[];
  byRegion: { code: string; name: string; users: number }[];
}

export interface UserListQuery {
  q?: string | undefined;
  regionCode?: string | undefined;
  role?: Role | undefined;
  disabled?: 'true' | 'false' | undefined;
  page: number;
  pageSize: number;
}

export interface AuditListQuery {
  action?: string | undefined;
  actorUsername?: string | undefined;
  regionCode?: string | undefined;
  result?: AuditEvent['result'] | undefined;
  from?: string | undefined;
  to?: string | undefined;
  page: number;
  pageSize: number;
}

export interface ExpertListQuery {
  q?: string | undefined;
  kind?: ExpertKind | undefined;
  regionCode?: string | undefined;
  active?: 'true' | 'false' | undefined;
  page: number;
  pageSize: number;
}

export interface ServiceTargets {
  year: number;
  targets: { regionCode: string; regionName: string; target: number | null }[];
}

/** POST …/import and GET /imports/:id (server/src/platform/import/spec.ts). */
export interface ImportResult {
  importId: string;
  mode: 'validate' | 'commit';
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  errors: { row: number; column: string; code: string; message: string }[];
  errorsTruncated?: boolean;
  fileHash: string;
  previousCommit?: { importId: string; at: string; by: string };
  progress?: number;
}

/** TanStack Query keys, in one place so invalidation matches. */
export const queryKeys = {
  session: ['session'] as const,
  dashboard: ['dashboard'] as const,
  regions: (root?: string) => ['regions', root ?? 'all'] as const,
  users: ['users'] as const,
  userList: (q: UserListQuery) => ['users', 'list', q] as const,
  auditList: (q: AuditListQuery) => ['audit-events', 'list', q] as const,
  enterprises: ['enterprises'] as const,
  enterpriseList: (q: Partial<EnterpriseListQuery>) => ['enterprises', 'list', q] as const,
  enterprise: (id: string, reveal = false) => ['enterprises', 'one', id, reveal] as const,
  myEnterprise: ['my-enterprise'] as const,
  notices: ['notices'] as const,
  noticeList: (page: number, pageSize: number) => ['notices', 'list', page, pageSize] as const,
  inbox: ['inbox'] as const,
  services: ['services'] as const,
  serviceRecords: (q: Partial<ServiceRecordListQuery>) => ['services', 'records', q] as const,
  experts: (q: ExpertListQuery) => ['services', 'experts', q] as const,
  progress: (year: number, regionCode?: string) => ['services', 'progress', year, regionCode ?? ''] as const,
  targets: (year: number) => ['services', 'targets', year] as const,
  inboxList: (page: number, pageSize: number, unread: boolean) => ['inbox', page, pageSize, unread] as const,
};

export const endpoints = {
  login: (body: { username: string; password: string }) => api.post<Session>('/auth/login', body),
  me: (signal?: AbortSignal) => api.get<Session>('/auth/me', undefined, signal),
  logout: () => api.post<void>('/auth/logout'),
  changePassword: (body: { currentPassword: string; newPassword: string }) => api.post<void>('/auth/password', body),
  dashboard: (signal?: AbortSignal) => api.get<DashboardSummary>('/dashboard', undefined, signal),
  regions: (root?: string, signal?: AbortSignal) => api.get<RegionNode>('/regions', { root }, signal),
  users: (q: UserListQuery, signal?: AbortSignal) => api.get<Page<UserDetail>>('/users', { ...q }, signal),
  createUser: (body: CreateUserBody) => api.post<UserDetail>('/users', body),
  updateUser: (id: string, body: UpdateUserBody) => api.patch<UserDetail>(`/users/${encodeURIComponent(id)}`, body),
  enterprises: (q: Partial<EnterpriseListQuery>, signal?: AbortSignal) =>
    api.get<Page<Enterprise>>('/enterprises', { ...q }, signal),
  enterprise: (id: string, reveal = false, signal?: AbortSignal) =>
    api.get<Enterprise>(`/enterprises/${encodeURIComponent(id)}`, reveal ? { reveal: 'phone' } : undefined, signal),
  createEnterprise: (body: CreateEnterpriseBody) => api.post<Enterprise>('/enterprises', body),
  updateEnterprise: (id: string, body: UpdateEnterpriseBody) =>
    api.patch<Enterprise>(`/enterprises/${encodeURIComponent(id)}`, body),
  myEnterprise: (signal?: AbortSignal) => api.get<Enterprise>('/my-enterprise', undefined, signal),
  previewNotice: (criteria: NoticeCriteria) =>
    api.post<{ recipients: number; sample: { id: string; name: string; regionName: string }[] }>(
      '/notices/preview',
      criteria,
    ),
  sendNotice: (body: CreateNoticeBody) => api.post<Notice>('/notices', body),
  notices: (page: number, pageSize: number, signal?: AbortSignal) =>
    api.get<Page<Notice>>('/notices', { page, pageSize }, signal),
  inbox: (page: number, pageSize: number, unread: boolean, signal?: AbortSignal) =>
    api.get<Page<InboxItem> & { unread: number }>('/inbox', { page, pageSize, unread: unread || undefined }, signal),
  markRead: (id: string) => api.post<void>(`/inbox/${encodeURIComponent(id)}/read`),
  importFile: (basePath: string, file: File, mode: 'validate' | 'commit') =>
    api.upload<ImportResult>(`${basePath}/import`, file, { mode }),
  importRecord: (id: string, signal?: AbortSignal) =>
    api.get<ImportResult & { problem: { code: string; detail: string } | null }>(
      `/imports/${encodeURIComponent(id)}`,
      undefined,
      signal,
    ),
  serviceRecords: (q: Partial<ServiceRecordListQuery>, signal?: AbortSignal) =>
    api.get<Page<ServiceRecord>>('/service-records', { ...q }, signal),
  createServiceRecord: (body: CreateServiceRecordBody) => api.post<ServiceRecord>('/service-records', body),
  updateServiceRecord: (id: string, body: UpdateServiceRecordBody) =>
    api.patch<ServiceRecord>(`/service-records/${encodeURIComponent(id)}`, body),
  experts: (q: ExpertListQuery, signal?: AbortSignal) => api.get<Page<Expert>>('/service-experts', { ...q }, signal),
  expert: (id: string, reveal = false, signal?: AbortSignal) =>
    api.get<Expert>(`/service-experts/${encodeURIComponent(id)}`, reveal ? { reveal: 'phone' } : undefined, signal),
  createExpert: (body: CreateExpertBody) => api.post<Expert>('/service-experts', body),
  updateExpert: (id: string, body: UpdateExpertBody) =>
    api.patch<Expert>(`/service-experts/${encodeURIComponent(id)}`, body),
  progress: (year: number, regionCode?: string, signal?: AbortSignal) =>
    api.get<ServiceProgress>('/service-progress', { year, regionCode }, signal),
  targets: (year: number, signal?: AbortSignal) => api.get<ServiceTargets>('/service-targets', { year }, signal),
  setTargets: (body: ServiceTargetsBody) => api.put<ServiceTargets>('/service-targets', body),
  auditEvents: (q: AuditListQuery, signal?: AbortSignal) =>
    api.get<Page<AuditEvent>>('/audit-events', { ...q }, signal),
};
