import {
  createEnterpriseBody,
  enterprise,
  enterpriseListQuery,
  industryTree,
  pageOf,
  updateEnterpriseBody,
} from '@hexie/core';
import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contextOf } from '../../platform/access.js';
import { registerImport } from '../../platform/import/http.js';
import { enterpriseImport } from './enterprises.import.js';
import {
  createEnterprise,
  exportEnterprises,
  getEnterprise,
  getMyEnterprise,
  listEnterprises,
  updateEnterprise,
} from './enterprises.service.js';

const idParams = z.object({ id: z.uuid() });
const getQuery = z.object({
  /** reveal=phone: the contact phone unmasked, for roles that may see personal data (audited) */
  reveal: z.enum(['phone']).optional(),
});
const industryNode: z.ZodType<unknown> = z.lazy(() =>
  z.object({ code: z.string(), level: z.string(), name: z.string(), children: z.array(industryNode) }),
);

export const enterprisesRoutes: FastifyPluginAsyncZod = async (app) => {
  registerImport(app as unknown as FastifyInstance, {
    basePath: '/api/v1/enterprises',
    spec: enterpriseImport as never,
    access: 'enterprises:write',
    tag: 'enterprises',
  });

  app.get(
    '/api/v1/enterprises',
    {
      config: { access: 'enterprises:read' },
      schema: {
        tags: ['enterprises'],
        summary: '企业名录 List and search enterprises in your region',
        querystring: enterpriseListQuery,
        response: { 200: pageOf(enterprise) },
      },
    },
    async (req) => listEnterprises(contextOf(req), req.query),
  );

  app.get(
    '/api/v1/enterprises/export',
    {
      config: { access: 'enterprises:read' },
      schema: {
        tags: ['enterprises'],
        summary: '导出企业名录（xlsx，按列表的筛选条件）Export the list as xlsx, with its filters',
        querystring: enterpriseListQuery.omit({ page: true, pageSize: true }).extend({
          /** reveal=phone: phones unmasked, for roles that may see personal data (audited) */
          reveal: z.enum(['phone']).optional(),
        }),
      },
    },
    async (req, reply) => {
      const { reveal, ...filters } = req.query;
      return exportEnterprises(contextOf(req), reply, filters, reveal === 'phone');
    },
  );

  app.post(
    '/api/v1/enterprises',
    {
      config: { access: 'enterprises:write' },
      schema: {
        tags: ['enterprises'],
        summary: '新增企业 Register an enterprise',
        body: createEnterpriseBody,
        response: { 201: enterprise },
      },
    },
    async (req, reply) => reply.code(201).send(await createEnterprise(contextOf(req), req.body)),
  );

  app.get(
    '/api/v1/enterprises/:id',
    {
      config: { access: 'enterprises:read' },
      schema: {
        tags: ['enterprises'],
        summary: '企业详情 Get an enterprise',
        params: idParams,
        querystring: getQuery,
        response: { 200: enterprise },
      },
    },
    async (req) => getEnterprise(contextOf(req), req.params.id, req.query.reveal === 'phone'),
  );

  app.patch(
    '/api/v1/enterprises/:id',
    {
      config: { access: 'enterprises:write' },
      schema: {
        tags: ['enterprises'],
        summary: '修改企业（须带版本号）Update an enterprise at the version read',
        params: idParams,
        body: updateEnterpriseBody,
        response: { 200: enterprise },
      },
    },
    async (req) => updateEnterprise(contextOf(req), req.params.id, req.body),
  );

  app.get(
    '/api/v1/my-enterprise',
    {
      config: { access: 'enterprise:self' },
      schema: {
        tags: ['enterprises'],
        summary: '本企业信息 My enterprise (enterprise users)',
        response: { 200: enterprise },
      },
    },
    async (req) => getMyEnterprise(contextOf(req)),
  );

  app.get(
    '/api/v1/industries',
    {
      config: { access: 'public' },
      schema: {
        tags: ['reference'],
        summary: '国民经济行业分类 GB/T 4754-2017 (tree)',
        response: { 200: z.array(industryNode) },
      },
    },
    async (_req, reply) => {
      reply.header('cache-control', 'public, max-age=86400');
      return industryTree().map(function strip(n): unknown {
        return { code: n.code, level: n.level, name: n.name, children: n.children.map(strip) };
      });
    },
  );
};
