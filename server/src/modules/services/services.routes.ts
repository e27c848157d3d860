import {
  createExpertBody,
  createServiceRecordBody,
  EXPERT_FIELD_LABELS,
  expert,
  expertListQuery,
  pageOf,
  regionCode,
  serviceProgress,
  serviceRecord,
  serviceRecordListQuery,
  serviceTargets,
  serviceTargetsBody,
  updateExpertBody,
  updateServiceRecordBody,
} from '@hexie/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contextOf } from '../../platform/access.js';
import {
  createExpert,
  createServiceRecord,
  getExpert,
  getServiceRecord,
  getTargets,
  listExperts,
  listServiceRecords,
  serviceProgress as progressOf,
  setTargets,
  updateExpert,
  updateServiceRecord,
} from './services.service.js';

const idParams = z.object({ id: z.uuid() });
const year = z.coerce.number().int().min(2020).max(2100);

export const servicesRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/v1/service-experts',
    {
      config: { access: 'enterprises:read' },
      schema: {
        tags: ['services'],
        summary: '专家服务团队 The expert service team',
        querystring: expertListQuery,
        response: { 200: pageOf(expert) },
      },
    },
    async (req) => listExperts(contextOf(req), req.query),
  );
  app.post(
    '/api/v1/service-experts',
    {
      config: { access: 'services:write', fieldLabels: EXPERT_FIELD_LABELS },
      schema: {
        tags: ['services'],
        summary: '新增团队成员 Add a team member',
        body: createExpertBody,
        response: { 201: expert },
      },
    },
    async (req, reply) => reply.code(201).send(await createExpert(contextOf(req), req.body)),
  );
  app.get(
    '/api/v1/service-experts/:id',
    {
      config: { access: 'enterprises:read' },
      schema: {
        tags: ['services'],
        summary: '团队成员 A team member (reveal=phone audited)',
        params: idParams,
        querystring: z.object({ reveal: z.enum(['phone']).optional() }),
        response: { 200: expert },
      },
    },
    async (req) => getExpert(contextOf(req), req.params.id, req.query.reveal === 'phone'),
  );
  app.patch(
    '/api/v1/service-experts/:id',
    {
      config: { access: 'services:write', fieldLabels: EXPERT_FIELD_LABELS },
      schema: {
        tags: ['services'],
        summary: '修改团队成员 Update a team member',
        params: idParams,
        body: updateExpertBody,
        response: { 200: expert },
      },
    },
    async (req) => updateExpert(contextOf(req), req.params.id, req.body),
  );

  app.get(
    '/api/v1/service-records',
    {
      config: { access: 'enterprises:read' },
      schema: {
        tags: ['services'],
        summary: '服务记录 Service records',
        querystring: serviceRecordListQuery,
        response: { 200: pageOf(serviceRecord) },
      },
    },
    async (req) => listServiceRecords(contextOf(req), req.query),
  );
  app.post(
    '/api/v1/service-records',
    {
      config: { access: 'services:write' },
      schema: {
        tags: ['services'],
        summary: '登记服务记录 Record a service',
        body: createServiceRecordBody,
        response: { 201: serviceRecord },
      },
    },
    async (req, reply) => reply.code(201).send(await createServiceRecord(contextOf(req), req.body)),
  );
  app.get(
    '/api/v1/service-records/:id',
    {
      config: { access: 'enterprises:read' },
      schema: {
        tags: ['services'],
        summary: '服务记录详情 A service record',
        params: idParams,
        response: { 200: serviceRecord },
      },
    },
    async (req) => getServiceRecord(contextOf(req), req.params.id),
  );
  app.patch(
    '/api/v1/service-records/:id',
    {
      config: { access: 'services:write' },
      schema: {
        tags: ['services'],
        summary: '修改服务记录（须带版本号）Update a service record',
        params: idParams,
        body: updateServiceRecordBody,
        response: { 200: serviceRecord },
      },
    },
    async (req) => updateServiceRecord(contextOf(req), req.params.id, req.body),
  );

  app.get(
    '/api/v1/service-targets',
    {
      config: { access: 'enterprises:read' },
      schema: {
        tags: ['services'],
        summary: '年度目标 Yearly targets',
        querystring: z.object({ year }),
        response: { 200: serviceTargets },
      },
    },
    async (req) => getTargets(contextOf(req), req.query.year),
  );
  app.put(
    '/api/v1/service-targets',
    {
      config: { access: 'targets:write' },
      schema: {
        tags: ['services'],
        summary: '下达年度目标 Set yearly targets',
        body: serviceTargetsBody,
        response: { 200: serviceTargets },
      },
    },
    async (req) => setTargets(contextOf(req), req.body),
  );
  app.get(
    '/api/v1/service-progress',
    {
      config: { access: 'enterprises:read' },
      schema: {
        tags: ['services'],
        summary: '服务新注册企业进度 New enterprises served against targets',
        querystring: z.object({
          year,
          regionCode: regionCode.optional(),
        }),
        response: { 200: serviceProgress },
      },
    },
    async (req) => progressOf(contextOf(req), req.query.year, req.query.regionCode),
  );
};
