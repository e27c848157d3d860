import { computeDeadline, DEADLINE_FIELD_LABELS, deadlineInputSchema, deadlineResultSchema } from '@hexie/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

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
    async (req) => computeDeadline(req.body),
  );
};
