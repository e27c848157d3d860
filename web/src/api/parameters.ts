import type {
  CalendarYear,
  CalendarYearBody,
  CreateWageParametersBody,
  EndWageParameterBody,
  Page,
  WageParameter,
  WageParameterListQuery,
} from '@hexie/core';
import { api } from './client';

/** 工资参数: the province administrator's tables (minimum wage by area, average wage by city and year). */
export type WageParameterQuery = Partial<WageParameterListQuery> & Pick<WageParameterListQuery, 'kind'>;

export const parameterKeys = {
  all: ['wage-parameters'] as const,
  list: (q: WageParameterQuery) => ['wage-parameters', q] as const,
};

export const parametersApi = {
  list: (q: WageParameterQuery, signal?: AbortSignal) => api.get<Page<WageParameter>>('/wage-parameters', q, signal),
  create: (body: CreateWageParametersBody) => api.post<{ items: WageParameter[] }>('/wage-parameters', body),
  end: (id: string, body: EndWageParameterBody) => api.post<WageParameter>(`/wage-parameters/${id}/end`, body),
};

/** 节假日安排: a year's calendar (built in, or the days loaded for it) and the administrator's days. */
export const calendarKeys = { year: (year: number) => ['calendar', year] as const };

export const calendarApi = {
  get: (year: number, signal?: AbortSignal) => api.get<CalendarYear>(`/calendar/${year}`, undefined, signal),
  put: (year: number, body: CalendarYearBody) =>
    api.put<CalendarYear & { casesRecounted: number }>(`/calendar/${year}`, body),
};
