import {
  ABILITY_FIELD_LABELS,
  abilityToPayBody,
  abilityToPayResult,
  chinaToday,
  computeDeadline,
  DEADLINE_FIELD_LABELS,
  deadlineInputSchema,
  deadlineResultSchema,
  LAYOFF_FIELD_LABELS,
  layoffCheckBody,
  layoffCheckResult,
  SEVERANCE_FIELD_LABELS,
  severanceBody,
  severanceResult,
  WAGE_PARAMETER_FIELD_LABELS,
  wageParametersLookup,
  wageParametersLookupQuery,
} from '@hexie/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { extraDays } from '../calendar/calendar.service.js';
import { wageParametersOn } from '../parameters/parameters.service.js';
import { abilityToPayOf, layoffCheck, severance } from './calculators.service.js';

const tags = ['calculators'];

/**
 * The public calculators: the rules of core applied to what a worker, an enterprise or a mediator types in,
 * with nothing stored. The mediation cases use the same functions for their own deadlines.
 */
export const calculatorsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/v1/calculators/deadline',
    {
      // Pure computation, open to anyone: limited per address like the other open forms.
      config: { access: 'public', rateLimit: { max: 60, timeWindow: 60_000 }, fieldLabels: DEADLINE_FIELD_LABELS },
      schema: {
        tags,
        summary: '期限计算 The last day of a legal period (民法典 201, 203; DOMAIN-RULES §1)',
        description:
          'The start day is not counted; a calendar-day period ending on a weekend or statutory holiday ends on the ' +
          'next working day (make-up working days count as working days). `calendarMissing` says that a year ' +
          'the holiday calendar lacks was counted with weekends only.',
        body: deadlineInputSchema.strict(),
        response: { 200: deadlineResultSchema },
      },
    },
    // The days the administrator loaded for a year the built-in calendar lacks count here as in every case.
    async (req) => computeDeadline(req.body, await extraDays(app.platform.db)),
  );

  app.post(
    '/api/v1/calculators/severance',
    {
      config: { access: 'public', rateLimit: { max: 60, timeWindow: 60_000 }, fieldLabels: SEVERANCE_FIELD_LABELS },
      schema: {
        tags,
        summary: '经济补偿计算 Severance under Labor Contract Law Art. 47 (+ Art. 40 notice pay; DOMAIN-RULES §3)',
        description:
          'Give `serviceMonths` or `serviceStart` and `serviceEnd` (both days of service). A figure left out ' +
          '(`localAverageMonthlyWage`, `minimumWage`) is taken from the parameter tables for `regionCode` on ' +
          '`terminationDate` (default `serviceEnd`, else today); `parameters` says which figures were used and where ' +
          'they came from. Money is rounded half up to the fen.',
        body: severanceBody,
        response: { 200: severanceResult },
      },
    },
    async (req) => severance(req.server.platform, req.body),
  );

  app.post(
    '/api/v1/calculators/layoff-check',
    {
      config: { access: 'public', rateLimit: { max: 60, timeWindow: 60_000 }, fieldLabels: LAYOFF_FIELD_LABELS },
      schema: {
        tags,
        summary: '经济性裁员判断 Whether Labor Contract Law Art. 41 applies (20 people or 10%, inclusive)',
        body: layoffCheckBody,
        response: { 200: layoffCheckResult },
      },
    },
    async (req) => layoffCheck(req.body),
  );

  app.post(
    '/api/v1/calculators/ability-to-pay',
    {
      // A list of up to 5,000 people is real work: a tighter limit than the single calculations.
      config: { access: 'public', rateLimit: { max: 20, timeWindow: 60_000 }, fieldLabels: ABILITY_FIELD_LABELS },
      schema: {
        tags,
        summary: '支付能力评估 Severance of a layoff and wages owed against the funds available',
        description:
          'Give `staff` (each person’s wage and service) or `count` with `averageMonthlyWage` and ' +
          '`averageServiceMonths` (an estimate). Ratings: ratio >= 1.2 sufficient, >= 1.0 tight, >= 0.5 ' +
          'insufficient, else severe (this platform’s bands).',
        body: abilityToPayBody,
        response: { 200: abilityToPayResult },
      },
    },
    async (req) => abilityToPayOf(req.server.platform, req.body),
  );

  app.get(
    '/api/v1/calculators/wage-parameters',
    {
      config: {
        access: 'public',
        rateLimit: { max: 60, timeWindow: 60_000 },
        fieldLabels: WAGE_PARAMETER_FIELD_LABELS,
      },
      schema: {
        tags,
        summary: '工资参数查询 The minimum wage and local average wage in effect for a region on a day',
        querystring: wageParametersLookupQuery,
        response: { 200: wageParametersLookup },
      },
    },
    async (req) => wageParametersOn(req.server.platform, req.query.regionCode, req.query.date ?? chinaToday()),
  );
};
