import type {
  CreateLayoffPlanBody,
  LayoffPlan,
  LayoffPlanListQuery,
  LayoffPlanSummary,
  Page,
  UpdateLayoffPlanBody,
} from '@hexie/core';
import { api } from './client';

/** 裁员方案 over the one client: the region's plans, each checked by core on the server. */
export const layoffKeys = {
  all: ['layoff-plans'] as const,
  list: (q: Partial<LayoffPlanListQuery>) => ['layoff-plans', 'list', q] as const,
  one: (id: string) => ['layoff-plans', 'one', id] as const,
};

const enc = encodeURIComponent;

export const layoffsApi = {
  list: (q: Partial<LayoffPlanListQuery>, signal?: AbortSignal) =>
    api.get<Page<LayoffPlanSummary>>('/layoff-plans', { ...q }, signal),
  get: (id: string, signal?: AbortSignal) => api.get<LayoffPlan>(`/layoff-plans/${enc(id)}`, undefined, signal),
  create: (body: CreateLayoffPlanBody) => api.post<LayoffPlan>('/layoff-plans', body),
  update: (id: string, body: UpdateLayoffPlanBody) => api.patch<LayoffPlan>(`/layoff-plans/${enc(id)}`, body),
};

/** The staff import's path under /api/v1 (the import wizard adds /import and /import-template). */
export const STAFF_IMPORT_PATH = '/layoff-plans/staff';
