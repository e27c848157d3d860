import {
  createWageParametersBody,
  endWageParameterBody,
  pageOf,
  WAGE_PARAMETER_FIELD_LABELS,
  wageParameter,
  wageParameterListQuery,
} from '@hexie/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contextOf } from '../../platform/access.js';
import { createWageParameters, endWageParameter, listWageParameters } from './parameters.service.js';

const tags = ['parameters'];
const config = { access: 'parameters:write', fieldLabels: WAGE_PARAMETER_FIELD_LABELS } as const;

/** 工资参数: the tables the province administrator keeps (minimum wage by area, average wage by city and year). */
export const parametersRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/v1/wage-parameters',
    {
      config,
      schema: {
        tags,
        summary: '工资参数 The wage parameter rows of a kind (newest first)',
        querystring: wageParameterListQuery,
        response: { 200: pageOf(wageParameter) },
      },
    },
    async (req) => listWageParameters(contextOf(req), req.query),
  );
  app.post(
    '/api/v1/wage-parameters',
    {
      config,
      schema: {
        tags,
        summary: '新增工资参数 Add a row for each region listed (all or none)',
        body: createWageParametersBody,
        response: { 201: z.object({ items: z.array(wageParameter) }) },
      },
    },
    async (req, reply) => reply.code(201).send(await createWageParameters(contextOf(req), req.body)),
  );
  app.post(
    '/api/v1/wage-parameters/:id/end',
    {
      config,
      schema: {
        tags,
        summary: '停止执行 End a row (its last day; the day before it starts withdraws it)',
        params: z.object({ id: z.uuid() }),
        body: endWageParameterBody,
        response: { 200: wageParameter },
      },
    },
    async (req) => endWageParameter(contextOf(req), req.params.id, req.body),
  );
};
