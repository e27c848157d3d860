import {
  createLayoffPlanBody,
  LAYOFF_PLAN_FIELD_LABELS,
  layoffPlan,
  layoffPlanListQuery,
  layoffPlanSummary,
  pageOf,
  updateLayoffPlanBody,
} from '@hexie/core';
import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contextOf } from '../../platform/access.js';
import { registerImport } from '../../platform/import/http.js';
import { exportLayoffPlans } from './layoffs.export.js';
import { layoffStaffImport } from './layoffs.import.js';
import { createLayoffPlan, getLayoffPlan, listLayoffPlans, updateLayoffPlan } from './layoffs.service.js';

const idParams = z.object({ id: z.uuid() });
const config = (access: 'employment:read' | 'employment:write') => ({ access, fieldLabels: LAYOFF_PLAN_FIELD_LABELS });

/** 裁员方案 (附件7): the plans of the caller's region, each checked by core on every read and save. */
export const layoffsRoutes: FastifyPluginAsyncZod = async (app) => {
  // 被裁减人员名单: each row names its plan by credit code and year (layoffs.import.ts).
  registerImport(app as unknown as FastifyInstance, {
    basePath: '/api/v1/layoff-plans/staff',
    spec: layoffStaffImport as never,
    access: 'employment:write',
    tag: 'layoffs',
  });

  app.get(
    '/api/v1/layoff-plans',
    {
      config: config('employment:read'),
      schema: {
        tags: ['layoffs'],
        summary: '裁员方案 Layoff plans (filters: art41, stepsMissing, rating)',
        querystring: layoffPlanListQuery,
        response: { 200: pageOf(layoffPlanSummary) },
      },
    },
    async (req) => listLayoffPlans(contextOf(req), req.query),
  );
  app.get(
    '/api/v1/layoff-plans/export',
    {
      config: config('employment:read'),
      schema: {
        tags: ['layoffs'],
        summary: '导出裁员方案（xlsx，按列表的筛选条件，不含人员名单，记入审计）Export the plans',
        querystring: layoffPlanListQuery.omit({ page: true, pageSize: true }),
      },
    },
    async (req, reply) => exportLayoffPlans(contextOf(req), reply, req.query),
  );
  app.post(
    '/api/v1/layoff-plans',
    {
      config: config('employment:write'),
      schema: {
        tags: ['layoffs'],
        summary: '登记裁员方案 Record a layoff plan',
        body: createLayoffPlanBody,
        response: { 201: layoffPlan },
      },
    },
    async (req, reply) => reply.code(201).send(await createLayoffPlan(contextOf(req), req.body)),
  );
  app.get(
    '/api/v1/layoff-plans/:id',
    {
      config: config('employment:read'),
      schema: {
        tags: ['layoffs'],
        summary: '裁员方案详情（第四十一条程序、经济补偿、支付能力）A layoff plan, checked',
        params: idParams,
        response: { 200: layoffPlan },
      },
    },
    async (req) => getLayoffPlan(contextOf(req), req.params.id),
  );
  app.patch(
    '/api/v1/layoff-plans/:id',
    {
      config: config('employment:write'),
      schema: {
        tags: ['layoffs'],
        summary: '修改裁员方案（须带版本号；staff 替换名单）Update a layoff plan',
        params: idParams,
        body: updateLayoffPlanBody,
        response: { 200: layoffPlan },
      },
    },
    async (req) => updateLayoffPlan(contextOf(req), req.params.id, req.body),
  );
};
