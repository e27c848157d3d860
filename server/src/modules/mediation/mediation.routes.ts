import {
  applicationReceipt,
  CASE_FIELD_LABELS,
  caseEventBody,
  caseExtensionBody,
  caseListQuery,
  createMediationOrgBody,
  createMediatorBody,
  MEDIATION_ORG_FIELD_LABELS,
  MEDIATOR_FIELD_LABELS,
  mediationApplicationBody,
  mediationCase,
  mediationCaseDetail,
  mediationOrg,
  mediationOrgListQuery,
  mediationStats,
  mediationStatsQuery,
  mediator,
  mediatorListQuery,
  pageOf,
  publicCaseStatus,
  publicMediationOrg,
  publicMediationOrgListQuery,
  publicMediator,
  publicMediatorListQuery,
  registerCaseBody,
  updateMediationOrgBody,
  updateMediatorBody,
} from '@hexie/core';
import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contextOf } from '../../platform/access.js';
import { registerImport } from '../../platform/import/http.js';
import * as agreement from './agreement.service.js';
import * as cases from './cases.service.js';
import { exportMediators, exportOrgs, mediatorImport, orgImport } from './mediation.import.js';
import * as orgs from './orgs.service.js';
import * as stats from './stats.service.js';
// Defines the deadline-warning job (daily, and at start) before the app starts its jobs.
import './mediation.warnings.js';

const idParams = z.object({ id: z.uuid() });
const tags = ['mediation'];

/** 劳动人事争议调解: the organisations' register (附件3) and its public roster. */
export const mediationRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, regions } = app.platform;

  // 附件3 and 附件4 in and out: POST …/import?mode=validate|commit, GET …/import-template, GET …/export.
  registerImport(app as unknown as FastifyInstance, {
    basePath: '/api/v1/mediation/orgs',
    spec: orgImport as never,
    access: 'mediation:write',
    tag: 'mediation',
  });
  registerImport(app as unknown as FastifyInstance, {
    basePath: '/api/v1/mediation/mediators',
    spec: mediatorImport as never,
    access: 'mediation:write',
    tag: 'mediation',
  });
  app.get(
    '/api/v1/mediation/orgs/export',
    {
      config: { access: 'mediation:read' },
      schema: {
        tags,
        summary: '导出调解组织情况表（附件3，xlsx，按列表的筛选条件；reveal=phone 须有个人信息权限，记入审计）',
        querystring: mediationOrgListQuery.omit({ page: true, pageSize: true }).extend({
          reveal: z.enum(['phone']).optional(),
        }),
      },
    },
    async (req, reply) => {
      const { reveal, ...filters } = req.query;
      return exportOrgs(contextOf(req), reply, filters, reveal === 'phone');
    },
  );
  app.get(
    '/api/v1/mediation/mediators/export',
    {
      config: { access: 'mediation:read' },
      schema: {
        tags,
        summary: '导出调解员情况表（附件4，xlsx；身份证号和电话脱敏，reveal=personal 须有个人信息权限，记入审计）',
        querystring: mediatorListQuery.omit({ page: true, pageSize: true }).extend({
          reveal: z.enum(['personal']).optional(),
        }),
      },
    },
    async (req, reply) => {
      const { reveal, ...filters } = req.query;
      return exportMediators(contextOf(req), reply, filters, reveal === 'personal');
    },
  );

  app.get(
    '/api/v1/mediation/orgs',
    {
      config: { access: 'mediation:read' },
      schema: {
        tags,
        summary: '调解组织台账 Mediation organisations of your region',
        querystring: mediationOrgListQuery,
        response: { 200: pageOf(mediationOrg) },
      },
    },
    async (req) => orgs.listOrgs(contextOf(req), req.query),
  );
  app.post(
    '/api/v1/mediation/orgs',
    {
      config: { access: 'mediation:write', fieldLabels: MEDIATION_ORG_FIELD_LABELS },
      schema: {
        tags,
        summary: '登记调解组织 Register an organisation',
        body: createMediationOrgBody,
        response: { 201: mediationOrg },
      },
    },
    async (req, reply) => reply.code(201).send(await orgs.createOrg(contextOf(req), req.body)),
  );
  app.get(
    '/api/v1/mediation/orgs/:id',
    {
      config: { access: 'mediation:read' },
      schema: {
        tags,
        summary: '调解组织 One organisation (reveal=phone audited)',
        params: idParams,
        querystring: z.object({ reveal: z.enum(['phone']).optional() }),
        response: { 200: mediationOrg },
      },
    },
    async (req) => orgs.getOrg(contextOf(req), req.params.id, req.query.reveal === 'phone'),
  );
  app.patch(
    '/api/v1/mediation/orgs/:id',
    {
      config: { access: 'mediation:write', fieldLabels: MEDIATION_ORG_FIELD_LABELS },
      schema: {
        tags,
        summary: '修改调解组织 Update an organisation at the version read',
        params: idParams,
        body: updateMediationOrgBody,
        response: { 200: mediationOrg },
      },
    },
    async (req) => orgs.updateOrg(contextOf(req), req.params.id, req.body),
  );

  app.get(
    '/api/v1/public/mediation-orgs',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: '调解组织名册 The public roster of active organisations',
        querystring: publicMediationOrgListQuery,
        response: { 200: pageOf(publicMediationOrg) },
      },
    },
    async (req) => orgs.publicOrgs(db, regions, req.query),
  );

  // ——— cases ———
  app.post(
    '/api/v1/public/mediation-applications',
    {
      // Open to anyone: a few applications an hour from one address is plenty for a worker, too few for a flood.
      config: { access: 'public', rateLimit: { max: 5, timeWindow: 3_600_000 }, fieldLabels: CASE_FIELD_LABELS },
      bodyLimit: 64 * 1024,
      schema: {
        tags,
        summary: '网上申请调解 Apply for mediation online (no account); answers the tracking code',
        body: mediationApplicationBody,
        response: { 201: applicationReceipt },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await cases.applyOnline({ db, regions, actor: null, ip: req.ip, requestId: req.id }, req.body)),
  );
  app.get(
    '/api/v1/public/mediation-applications/:trackingCode',
    {
      // Guessing codes and phones: limited per address.
      config: { access: 'public', rateLimit: { max: 20, timeWindow: 60_000 } },
      schema: {
        tags,
        summary: '进度查询 Status and deadline of an application, when the phone matches (else 404)',
        params: z.object({ trackingCode: z.string().trim().toUpperCase().max(20) }),
        querystring: z.object({ phone: z.string().trim().max(20).default('') }),
        response: { 200: publicCaseStatus },
      },
    },
    async (req) => cases.publicCaseStatus(db, req.params.trackingCode, req.query.phone),
  );
  app.get(
    '/api/v1/mediation/cases',
    {
      config: { access: 'mediation:read' },
      schema: {
        tags,
        summary: '案件收件箱 Cases of your region: open first, nearest deadline first',
        querystring: caseListQuery,
        response: { 200: pageOf(mediationCase) },
      },
    },
    async (req) => cases.listCases(contextOf(req), req.query),
  );
  app.post(
    '/api/v1/mediation/cases',
    {
      config: { access: 'mediation:write', fieldLabels: CASE_FIELD_LABELS },
      schema: {
        tags,
        summary: '登记案件 Register a walk-in or entrusted case with the date received',
        body: registerCaseBody,
        response: { 201: mediationCaseDetail },
      },
    },
    async (req, reply) => reply.code(201).send(await cases.registerCase(contextOf(req), req.body)),
  );
  app.get(
    '/api/v1/mediation/cases/:id',
    {
      config: { access: 'mediation:read' },
      schema: {
        tags,
        summary: '案件详情 A case with its timeline (reveal=personal audited)',
        params: idParams,
        querystring: z.object({ reveal: z.enum(['personal']).optional() }),
        response: { 200: mediationCaseDetail },
      },
    },
    async (req) => cases.getCase(contextOf(req), req.params.id, req.query.reveal === 'personal'),
  );
  app.get(
    '/api/v1/mediation/cases/:id/agreement.docx',
    {
      config: { access: 'mediation:read' },
      schema: {
        tags,
        summary: '调解协议书 The agreement as a Word file (audited; 409 without an agreement)',
        params: idParams,
        produces: ['application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
      },
    },
    async (req, reply) => agreement.sendAgreement(contextOf(req), reply, req.params.id, 'docx'),
  );
  app.get(
    '/api/v1/mediation/cases/:id/agreement.pdf',
    {
      config: { access: 'mediation:read' },
      schema: {
        tags,
        summary: '调解协议书 The agreement as a PDF, its Chinese font embedded (audited; 409 without an agreement)',
        params: idParams,
        produces: ['application/pdf'],
      },
    },
    async (req, reply) => agreement.sendAgreement(contextOf(req), reply, req.params.id, 'pdf'),
  );
  app.post(
    '/api/v1/mediation/cases/:id/events',
    {
      config: { access: 'mediation:write', fieldLabels: CASE_FIELD_LABELS },
      schema: {
        tags,
        summary: '案件流转 Accept, reject, record a session, agree, fail, withdraw or close as overdue',
        params: idParams,
        body: caseEventBody,
        response: { 200: mediationCaseDetail },
      },
    },
    async (req) => cases.caseEvent(contextOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/mediation/cases/:id/extension',
    {
      config: { access: 'mediation:write', fieldLabels: CASE_FIELD_LABELS },
      schema: {
        tags,
        summary: '延长调解期限 Extend the mediation period (once, ≤ 15 days, both parties consenting)',
        params: idParams,
        body: caseExtensionBody,
        response: { 200: mediationCaseDetail },
      },
    },
    async (req) => cases.extendCaseDeadline(contextOf(req), req.params.id, req.body),
  );

  app.get(
    '/api/v1/mediation/stats',
    {
      config: { access: 'mediation:read', fieldLabels: CASE_FIELD_LABELS },
      schema: {
        tags,
        summary:
          '调解统计 Cases received in a period: counts, success rate with n, days to close, by region or organisation',
        querystring: mediationStatsQuery,
        response: { 200: mediationStats },
      },
    },
    async (req) => stats.mediationStats(contextOf(req), req.query),
  );

  app.get(
    '/api/v1/mediation/stats/export',
    {
      config: { access: 'mediation:read', fieldLabels: CASE_FIELD_LABELS },
      schema: {
        tags,
        summary: '导出调解统计 The statistics as xlsx (audited)',
        querystring: mediationStatsQuery,
      },
    },
    async (req, reply) => stats.exportMediationStats(contextOf(req), reply, req.query),
  );

  // ——— mediators ———
  app.get(
    '/api/v1/mediation/mediators',
    {
      config: { access: 'mediation:read' },
      schema: {
        tags,
        summary: '调解员名册 Mediators of your region (ID and phone masked)',
        querystring: mediatorListQuery,
        response: { 200: pageOf(mediator) },
      },
    },
    async (req) => orgs.listMediators(contextOf(req), req.query),
  );
  app.post(
    '/api/v1/mediation/mediators',
    {
      config: { access: 'mediation:write', fieldLabels: MEDIATOR_FIELD_LABELS },
      schema: {
        tags,
        summary: '登记调解员 Add a mediator to an organisation',
        body: createMediatorBody,
        response: { 201: mediator },
      },
    },
    async (req, reply) => reply.code(201).send(await orgs.createMediator(contextOf(req), req.body)),
  );
  app.get(
    '/api/v1/mediation/mediators/:id',
    {
      config: { access: 'mediation:read' },
      schema: {
        tags,
        summary: '调解员 One mediator (reveal=personal audited, personal:read only)',
        params: idParams,
        querystring: z.object({ reveal: z.enum(['personal']).optional() }),
        response: { 200: mediator },
      },
    },
    async (req) => orgs.getMediator(contextOf(req), req.params.id, req.query.reveal === 'personal'),
  );
  app.patch(
    '/api/v1/mediation/mediators/:id',
    {
      config: { access: 'mediation:write', fieldLabels: MEDIATOR_FIELD_LABELS },
      schema: {
        tags,
        summary: '修改调解员 Update a mediator at the version read',
        params: idParams,
        body: updateMediatorBody,
        response: { 200: mediator },
      },
    },
    async (req) => orgs.updateMediator(contextOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/v1/public/mediators',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: '调解员名册 The public roster: active mediators, name and full/part-time only',
        querystring: publicMediatorListQuery,
        response: { 200: pageOf(publicMediator) },
      },
    },
    async (req) => orgs.publicMediators(db, regions, req.query),
  );
};
