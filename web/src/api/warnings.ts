import type {
  EarlyWarning,
  EarlyWarningDetail,
  EarlyWarningListQuery,
  EarlyWarningSummary,
  Page,
  UpdateWarningRuleBody,
  UpdateWarningStatusBody,
  WarningRule,
  WarningRuleView,
} from '@hexie/core';
import { api } from './client';

/** 裁员预警: the region's warnings, their handling, and the rules the province administrator sets. */
export const warningKeys = {
  all: ['warnings'] as const,
  list: (q: Partial<EarlyWarningListQuery>) => ['warnings', 'list', q] as const,
  one: (id: string) => ['warnings', 'one', id] as const,
  summary: ['warnings', 'summary'] as const,
  rules: ['warning-rules'] as const,
};

const enc = encodeURIComponent;

export const warningsApi = {
  list: (q: Partial<EarlyWarningListQuery>, signal?: AbortSignal) =>
    api.get<Page<EarlyWarning>>('/warnings', { ...q }, signal),
  get: (id: string, signal?: AbortSignal) => api.get<EarlyWarningDetail>(`/warnings/${enc(id)}`, undefined, signal),
  summary: (signal?: AbortSignal) => api.get<EarlyWarningSummary>('/warnings/summary', undefined, signal),
  setStatus: (id: string, body: UpdateWarningStatusBody) =>
    api.post<EarlyWarningDetail>(`/warnings/${enc(id)}/status`, body),
  rules: (signal?: AbortSignal) => api.get<{ items: WarningRuleView[] }>('/warning-rules', undefined, signal),
  updateRule: (rule: WarningRule, body: UpdateWarningRuleBody) =>
    api.put<WarningRuleView>(`/warning-rules/${enc(rule)}`, body),
  run: () =>
    api.post<{ raised: number; refreshed: number; reopened: number; cleared: number; subjects: number }>(
      '/warning-rules/run',
      {},
    ),
};
