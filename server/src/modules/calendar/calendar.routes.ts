import { CALENDAR_FIELD_LABELS, calendarYear, calendarYearBody } from '@hexie/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contextOf } from '../../platform/access.js';
import { getCalendarYear, putCalendarYear } from './calendar.service.js';

const tags = ['calendar'];
const yearParams = z.object({ year: z.coerce.number().int().min(2000).max(2100) });

/** 节假日安排: a year's calendar (public), and the administrator's days for a year the built-in calendar lacks. */
export const calendarRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/v1/calendar/:year',
    {
      config: { access: 'public', fieldLabels: CALENDAR_FIELD_LABELS },
      schema: {
        tags,
        summary: '节假日安排 Whether the built-in calendar has a year, else the days loaded for it',
        params: yearParams,
        response: { 200: calendarYear },
      },
    },
    async (req) => getCalendarYear(app.platform.db, req.params.year),
  );
  app.put(
    '/api/v1/calendar/:year',
    {
      config: { access: 'parameters:write', fieldLabels: CALENDAR_FIELD_LABELS },
      schema: {
        tags,
        summary:
          '录入节假日安排 Load a year’s arrangement (replaces it; open mediation cases counted without it are counted again; audited)',
        params: yearParams,
        body: calendarYearBody,
        response: { 200: calendarYear.extend({ casesRecounted: z.number().int() }) },
      },
    },
    async (req) => putCalendarYear(contextOf(req), req.params.year, req.body),
  );
};
