import {
  createPolicyBody,
  createQaBody,
  pageOf,
  pageQuery,
  policy,
  policyListQuery,
  policySummary,
  qa,
  qaListQuery,
  SELFCHECK_AREA_LABELS,
  SELFCHECK_QUESTIONS,
  scoreSelfcheck,
  selfcheckAnswers,
  updatePolicyBody,
  updateQaBody,
} from '@hexie/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contextOf } from '../../platform/access.js';
import {
  createPolicy,
  createQa,
  getPolicy,
  getQa,
  getReport,
  keepReport,
  listPolicies,
  listQa,
  listReports,
  updatePolicy,
  updateQa,
} from './guidance.service.js';

const idParams = z.object({ id: z.uuid() });
const reportSchema = z.record(z.string(), z.unknown());
const keptReport = z.object({ id: z.uuid(), createdAt: z.string(), answers: selfcheckAnswers, report: reportSchema });

export const guidanceRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.platform;

  // ——— public: no sign-in ———
  app.get(
    '/api/v1/public/policies',
    {
      config: { access: 'public' },
      schema: {
        tags: ['guidance'],
        summary: '政策库（公开）Published policies, searchable',
        querystring: policyListQuery,
        response: { 200: pageOf(policySummary) },
      },
    },
    async (req) => listPolicies(db, req.query, true),
  );
  app.get(
    '/api/v1/public/policies/:id',
    {
      config: { access: 'public' },
      schema: {
        tags: ['guidance'],
        summary: '政策全文 A published policy',
        params: idParams,
        response: { 200: policy },
      },
    },
    async (req) => getPolicy(db, req.params.id, true),
  );
  app.get(
    '/api/v1/public/qa',
    {
      config: { access: 'public' },
      schema: {
        tags: ['guidance'],
        summary: '政策问答（公开）Published Q&A, searchable',
        querystring: qaListQuery,
        response: { 200: pageOf(qa) },
      },
    },
    async (req) => listQa(db, req.query, true),
  );
  app.get(
    '/api/v1/public/qa/:id',
    {
      config: { access: 'public' },
      schema: { tags: ['guidance'], summary: '问答 A published answer', params: idParams, response: { 200: qa } },
    },
    async (req) => getQa(db, req.params.id, true),
  );
  app.get(
    '/api/v1/public/self-check',
    { config: { access: 'public' }, schema: { tags: ['guidance'], summary: '劳动用工风险体检问卷 The questionnaire' } },
    async () => ({
      areas: SELFCHECK_AREA_LABELS,
      questions: SELFCHECK_QUESTIONS.map(({ id, area, text, options }) => ({
        id,
        area,
        text,
        options: options.map(({ value, label }) => ({ value, label })),
      })),
    }),
  );
  app.post(
    '/api/v1/public/self-check/report',
    {
      config: { access: 'public', rateLimit: { max: 30, timeWindow: 60_000 } },
      schema: {
        tags: ['guidance'],
        summary: '体检报告（不保存）The report of a set of answers; nothing is stored',
        body: z.object({ answers: selfcheckAnswers }).strict(),
        response: { 200: reportSchema },
      },
    },
    async (req) => scoreSelfcheck(req.body.answers),
  );

  // ——— staff: guidance:write ———
  app.get(
    '/api/v1/policies',
    {
      config: { access: 'guidance:write' },
      schema: {
        tags: ['guidance'],
        summary: '政策库管理 All policies, published or not',
        querystring: policyListQuery,
        response: { 200: pageOf(policySummary) },
      },
    },
    async (req) => listPolicies(db, req.query, false),
  );
  app.post(
    '/api/v1/policies',
    {
      config: { access: 'guidance:write' },
      schema: {
        tags: ['guidance'],
        summary: '新增政策 Add a policy',
        body: createPolicyBody,
        response: { 201: policy },
      },
    },
    async (req, reply) => reply.code(201).send(await createPolicy(contextOf(req), req.body)),
  );
  app.get(
    '/api/v1/policies/:id',
    {
      config: { access: 'guidance:write' },
      schema: { tags: ['guidance'], summary: '政策（含未发布）A policy', params: idParams, response: { 200: policy } },
    },
    async (req) => getPolicy(db, req.params.id, false),
  );
  app.patch(
    '/api/v1/policies/:id',
    {
      config: { access: 'guidance:write' },
      schema: {
        tags: ['guidance'],
        summary: '修改、发布或撤回政策 Update, publish or withdraw',
        params: idParams,
        body: updatePolicyBody,
        response: { 200: policy },
      },
    },
    async (req) => updatePolicy(contextOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/v1/qa',
    {
      config: { access: 'guidance:write' },
      schema: {
        tags: ['guidance'],
        summary: '问答管理 All Q&A',
        querystring: qaListQuery,
        response: { 200: pageOf(qa) },
      },
    },
    async (req) => listQa(db, req.query, false),
  );
  app.post(
    '/api/v1/qa',
    {
      config: { access: 'guidance:write' },
      schema: { tags: ['guidance'], summary: '新增问答 Add Q&A', body: createQaBody, response: { 201: qa } },
    },
    async (req, reply) => reply.code(201).send(await createQa(contextOf(req), req.body)),
  );
  app.patch(
    '/api/v1/qa/:id',
    {
      config: { access: 'guidance:write' },
      schema: {
        tags: ['guidance'],
        summary: '修改、发布或撤回问答 Update Q&A',
        params: idParams,
        body: updateQaBody,
        response: { 200: qa },
      },
    },
    async (req) => updateQa(contextOf(req), req.params.id, req.body),
  );

  // ——— enterprise users keep their reports ———
  app.post(
    '/api/v1/self-check/reports',
    {
      config: { access: 'enterprise:self' },
      schema: {
        tags: ['guidance'],
        summary: '保存体检报告 Keep a report',
        body: z.object({ answers: selfcheckAnswers }).strict(),
        response: { 201: keptReport },
      },
    },
    async (req, reply) => reply.code(201).send(await keepReport(contextOf(req), req.body.answers)),
  );
  app.get(
    '/api/v1/self-check/reports',
    {
      config: { access: 'enterprise:self' },
      schema: {
        tags: ['guidance'],
        summary: '我的体检报告 My kept reports',
        querystring: pageQuery,
        response: {
          200: pageOf(
            z.object({
              id: z.uuid(),
              score: z.number(),
              createdAt: z.string(),
              counts: z.record(z.string(), z.number()),
            }),
          ),
        },
      },
    },
    async (req) => listReports(contextOf(req), req.query),
  );
  app.get(
    '/api/v1/self-check/reports/:id',
    {
      config: { access: 'enterprise:self' },
      schema: {
        tags: ['guidance'],
        summary: '体检报告 A kept report (its owner only)',
        params: idParams,
        response: { 200: keptReport },
      },
    },
    async (req) => getReport(contextOf(req), req.params.id),
  );
};
