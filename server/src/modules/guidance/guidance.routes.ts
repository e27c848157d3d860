import {
  adminPolicyListQuery,
  adminQaListQuery,
  createPolicyBody,
  createQaBody,
  guidanceTags,
  keptSelfcheckReport,
  keptSelfcheckSummary,
  pageOf,
  pageQuery,
  policy,
  policyListQuery,
  policySummary,
  qa,
  qaListQuery,
  SELFCHECK_AREA_LABELS,
  SELFCHECK_AREAS,
  SELFCHECK_QUESTIONS,
  scoreSelfcheck,
  selfcheckAnswers,
  selfcheckQuestionnaire,
  selfcheckReport,
  updatePolicyBody,
  updateQaBody,
} from '@hexie/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contextOf } from '../../platform/access.js';
import * as service from './guidance.service.js';

const idParams = z.object({ id: z.uuid() });
const answersBody = z.object({ answers: selfcheckAnswers }).strict();
const tags = ['guidance'];

/** The questionnaire without its risks: those are the report's. */
const QUESTIONNAIRE = {
  areas: SELFCHECK_AREAS.map((area) => ({ area, label: SELFCHECK_AREA_LABELS[area] })),
  questions: SELFCHECK_QUESTIONS.map(({ id, area, text, options }) => ({
    id,
    area,
    text,
    options: options.map(({ value, label }) => ({ value, label })),
  })),
};

/**
 * 线上用工指导: the public policy library, Q&A and risk self-check (no sign-in), their administration
 * (guidance:write), and the self-check reports an enterprise user keeps (enterprise:self).
 */
export const guidanceRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.platform;

  // ——— public: no sign-in, published content only ———
  app.get(
    '/api/v1/public/policies',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: '政策库（公开）Published policies, searchable by any part of the text',
        querystring: policyListQuery,
        response: { 200: pageOf(policySummary) },
      },
    },
    async (req) => service.listPolicies(db, req.query, 'public'),
  );
  app.get(
    '/api/v1/public/policies/:id',
    {
      config: { access: 'public' },
      schema: { tags, summary: '政策详情 A published policy', params: idParams, response: { 200: policy } },
    },
    async (req) => service.getPolicy(db, req.params.id, 'public'),
  );
  app.get(
    '/api/v1/public/qa',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: '政策问答（公开）Published Q&A, searchable',
        querystring: qaListQuery,
        response: { 200: pageOf(qa) },
      },
    },
    async (req) => service.listQa(db, req.query, 'public'),
  );
  app.get(
    '/api/v1/public/qa/:id',
    {
      config: { access: 'public' },
      schema: { tags, summary: '问答详情 A published answer', params: idParams, response: { 200: qa } },
    },
    async (req) => service.getQa(db, req.params.id, 'public'),
  );
  app.get(
    '/api/v1/public/guidance-tags',
    {
      config: { access: 'public' },
      schema: { tags, summary: '标签 Tags of published content', response: { 200: guidanceTags } },
    },
    async () => service.tags(db),
  );
  app.get(
    '/api/v1/public/self-check',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: '劳动用工风险体检问卷 The questionnaire',
        response: { 200: selfcheckQuestionnaire },
      },
    },
    async () => QUESTIONNAIRE,
  );
  app.post(
    '/api/v1/public/self-check/report',
    {
      // Pure computation, but open to anyone: limited per address like the other open forms.
      config: { access: 'public', rateLimit: { max: 30, timeWindow: 60_000 } },
      schema: {
        tags,
        summary: '体检报告（不保存）The report of a set of answers; nothing is stored',
        body: answersBody,
        response: { 200: selfcheckReport },
      },
    },
    async (req) => scoreSelfcheck(req.body.answers),
  );

  // ——— staff: guidance:write (province-wide content) ———
  app.get(
    '/api/v1/policies',
    {
      config: { access: 'guidance:write' },
      schema: {
        tags,
        summary: '政策库管理 All policies, drafts included',
        querystring: adminPolicyListQuery,
        response: { 200: pageOf(policySummary) },
      },
    },
    async (req) => service.listPolicies(db, req.query, 'staff'),
  );
  app.post(
    '/api/v1/policies',
    {
      config: { access: 'guidance:write' },
      schema: { tags, summary: '新增政策 Add a policy', body: createPolicyBody, response: { 201: policy } },
    },
    async (req, reply) => reply.code(201).send(await service.createPolicy(contextOf(req), req.body)),
  );
  app.get(
    '/api/v1/policies/:id',
    {
      config: { access: 'guidance:write' },
      schema: { tags, summary: '政策（含未发布）A policy', params: idParams, response: { 200: policy } },
    },
    async (req) => service.getPolicy(db, req.params.id, 'staff'),
  );
  app.patch(
    '/api/v1/policies/:id',
    {
      config: { access: 'guidance:write' },
      schema: {
        tags,
        summary: '修改、发布或撤回政策 Update, publish or withdraw (at a version)',
        params: idParams,
        body: updatePolicyBody,
        response: { 200: policy },
      },
    },
    async (req) => service.updatePolicy(contextOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/v1/qa',
    {
      config: { access: 'guidance:write' },
      schema: {
        tags,
        summary: '问答管理 All Q&A, drafts included',
        querystring: adminQaListQuery,
        response: { 200: pageOf(qa) },
      },
    },
    async (req) => service.listQa(db, req.query, 'staff'),
  );
  app.post(
    '/api/v1/qa',
    {
      config: { access: 'guidance:write' },
      schema: { tags, summary: '新增问答 Add Q&A', body: createQaBody, response: { 201: qa } },
    },
    async (req, reply) => reply.code(201).send(await service.createQa(contextOf(req), req.body)),
  );
  app.get(
    '/api/v1/qa/:id',
    {
      config: { access: 'guidance:write' },
      schema: { tags, summary: '问答（含未发布）Q&A', params: idParams, response: { 200: qa } },
    },
    async (req) => service.getQa(db, req.params.id, 'staff'),
  );
  app.patch(
    '/api/v1/qa/:id',
    {
      config: { access: 'guidance:write' },
      schema: {
        tags,
        summary: '修改、发布或撤回问答 Update, publish or withdraw Q&A (at a version)',
        params: idParams,
        body: updateQaBody,
        response: { 200: qa },
      },
    },
    async (req) => service.updateQa(contextOf(req), req.params.id, req.body),
  );

  // ——— enterprise users keep their reports (their own only) ———
  app.post(
    '/api/v1/self-check/reports',
    {
      config: { access: 'enterprise:self' },
      schema: {
        tags,
        summary: '保存体检报告 Keep a report',
        body: answersBody,
        response: { 201: keptSelfcheckReport },
      },
    },
    async (req, reply) => reply.code(201).send(await service.keepReport(contextOf(req), req.body.answers)),
  );
  app.get(
    '/api/v1/self-check/reports',
    {
      config: { access: 'enterprise:self' },
      schema: {
        tags,
        summary: '我的体检报告 My kept reports',
        querystring: pageQuery,
        response: { 200: pageOf(keptSelfcheckSummary) },
      },
    },
    async (req) => service.listReports(contextOf(req), req.query),
  );
  app.get(
    '/api/v1/self-check/reports/:id',
    {
      config: { access: 'enterprise:self' },
      schema: {
        tags,
        summary: '体检报告 A kept report (its owner only)',
        params: idParams,
        response: { 200: keptSelfcheckReport },
      },
    },
    async (req) => service.getReport(contextOf(req), req.params.id),
  );
};
