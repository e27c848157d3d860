import {
  collectiveConsultation,
  createConsultationBody,
  createKeyGuidanceBody,
  createKeyPolicyBody,
  createOwnReportBody,
  createReportBody,
  delistKeyEnterpriseBody,
  EMPLOYMENT_FIELD_LABELS,
  employmentReport,
  followerOption,
  keyEnterprise,
  keyEnterpriseDetail,
  keyEnterpriseListQuery,
  keyGuidance,
  keyPolicy,
  listKeyEnterpriseBody,
  ownReports,
  pageOf,
  regionCode,
  reportListQuery,
  updateConsultationBody,
  updateKeyEnterpriseBody,
  updateKeyGuidanceBody,
  updateKeyPolicyBody,
  updateReportBody,
} from '@hexie/core';
import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contextOf } from '../../platform/access.js';
import { registerImport } from '../../platform/import/http.js';
import { reportImport } from './employment.import.js';
import * as keys from './key-enterprises.service.js';
import { exportLedger } from './ledger.export.js';
import * as reports from './reports.service.js';

const tags = ['employment'];
const read = { access: 'employment:read', fieldLabels: EMPLOYMENT_FIELD_LABELS } as const;
const write = { access: 'employment:write', fieldLabels: EMPLOYMENT_FIELD_LABELS } as const;
const own = { access: 'enterprise:self', fieldLabels: EMPLOYMENT_FIELD_LABELS } as const;
const idParams = z.object({ id: z.uuid() });
const recordParams = z.object({ id: z.uuid(), recordId: z.uuid() });
const BASE = '/api/v1/employment';

/** The records hanging on a ledger: each has a create and an update route of the same shape. */
const RECORDS = [
  {
    kind: 'policy',
    path: 'policies',
    title: '稳岗政策 Stabilisation support enjoyed',
    create: createKeyPolicyBody,
    update: updateKeyPolicyBody,
    out: keyPolicy,
  },
  {
    kind: 'guidance',
    path: 'guidance',
    title: '跟踪指导 Guidance given',
    create: createKeyGuidanceBody,
    update: updateKeyGuidanceBody,
    out: keyGuidance,
  },
  {
    kind: 'consultation',
    path: 'consultations',
    title: '集体协商 Collective consultation',
    create: createConsultationBody,
    update: updateConsultationBody,
    out: collectiveConsultation,
  },
] as const;

/** 重点企业用工监测 (附件7): the key-enterprise ledger, the monthly employment reports and the consultations. */
export const employmentRoutes: FastifyPluginAsyncZod = async (app) => {
  // ——— the ledger ———
  app.get(
    `${BASE}/key-enterprises`,
    {
      config: read,
      schema: {
        tags,
        summary: '重点企业台账 The key-enterprise ledger of your region',
        querystring: keyEnterpriseListQuery,
        response: { 200: pageOf(keyEnterprise) },
      },
    },
    async (req) => keys.listKeyEnterprises(contextOf(req), req.query),
  );
  app.get(
    `${BASE}/key-enterprises/export`,
    {
      config: read,
      schema: {
        tags,
        summary: '导出重点用工企业情况表（附件7，xlsx，按列表的筛选条件，记入审计）Export the ledger',
        querystring: keyEnterpriseListQuery.omit({ page: true, pageSize: true }),
      },
    },
    async (req, reply) => exportLedger(contextOf(req), reply, req.query),
  );
  app.post(
    `${BASE}/key-enterprises`,
    {
      config: write,
      schema: {
        tags,
        summary: '列入重点企业名单 Put an enterprise of the register on the list (again)',
        body: listKeyEnterpriseBody,
        response: { 201: keyEnterpriseDetail },
      },
    },
    async (req, reply) => reply.code(201).send(await keys.putOnList(contextOf(req), req.body)),
  );
  app.get(
    `${BASE}/key-enterprises/:id`,
    {
      config: read,
      schema: {
        tags,
        summary: '重点企业监测 The ledger line with its reports, policies, guidance, consultations and listings',
        params: idParams,
        response: { 200: keyEnterpriseDetail },
      },
    },
    async (req) => keys.getKeyEnterprise(contextOf(req), req.params.id),
  );
  app.patch(
    `${BASE}/key-enterprises/:id`,
    {
      config: write,
      schema: {
        tags,
        summary: '修改台账 The ledger fields and the current listing reasons (at the version read)',
        params: idParams,
        body: updateKeyEnterpriseBody,
        response: { 200: keyEnterpriseDetail },
      },
    },
    async (req) => keys.updateKeyEnterprise(contextOf(req), req.params.id, req.body),
  );
  app.post(
    `${BASE}/key-enterprises/:id/delist`,
    {
      config: write,
      schema: {
        tags,
        summary: '移出名单 Take off the list (the listing period is closed, never deleted)',
        params: idParams,
        body: delistKeyEnterpriseBody,
        response: { 200: keyEnterpriseDetail },
      },
    },
    async (req) => keys.takeOffList(contextOf(req), req.params.id, req.body),
  );
  for (const r of RECORDS) {
    app.post(
      `${BASE}/key-enterprises/:id/${r.path}`,
      {
        config: write,
        schema: { tags, summary: `登记${r.title}`, params: idParams, body: r.create, response: { 201: r.out } },
      },
      async (req, reply) =>
        reply.code(201).send(await keys.createRecord(contextOf(req), r.kind, req.params.id, req.body as never)),
    );
    app.patch(
      `${BASE}/key-enterprises/:id/${r.path}/:recordId`,
      {
        config: write,
        schema: { tags, summary: `修改${r.title}`, params: recordParams, body: r.update, response: { 200: r.out } },
      },
      async (req) => keys.updateRecord(contextOf(req), r.kind, req.params.id, req.params.recordId, req.body as never),
    );
  }
  app.get(
    `${BASE}/followers`,
    {
      config: write,
      schema: {
        tags,
        summary: '可选的对接工作人员 Staff who may follow an enterprise (of a region, by default yours)',
        querystring: z.object({ regionCode: regionCode.optional(), enterpriseId: z.uuid().optional() }),
        response: { 200: z.object({ items: z.array(followerOption) }) },
      },
    },
    async (req) => ({ items: await keys.followerOptions(contextOf(req), req.query) }),
  );

  // ——— monthly employment reports ———
  registerImport(app as unknown as FastifyInstance, {
    basePath: `${BASE}/reports`,
    spec: reportImport as never,
    access: 'employment:write',
    tag: 'employment',
  });
  app.get(
    `${BASE}/reports`,
    {
      config: read,
      schema: {
        tags,
        summary: '月度用工报告 Monthly employment reports of your region',
        querystring: reportListQuery,
        response: { 200: pageOf(employmentReport) },
      },
    },
    async (req) => reports.listReports(contextOf(req), req.query),
  );
  app.post(
    `${BASE}/reports`,
    {
      config: write,
      schema: {
        tags,
        summary: '录入月度用工报告 File a month for an enterprise (after its window: marked late)',
        body: createReportBody,
        response: { 201: employmentReport },
      },
    },
    async (req, reply) => reply.code(201).send(await reports.createReport(contextOf(req), req.body)),
  );
  app.patch(
    `${BASE}/reports/:id`,
    {
      config: write,
      schema: {
        tags,
        summary: '更正月度用工报告 Correct a report (at the version read)',
        params: idParams,
        body: updateReportBody,
        response: { 200: employmentReport },
      },
    },
    async (req) => reports.updateReport(contextOf(req), req.params.id, req.body),
  );

  // ——— the enterprise's own ———
  app.get(
    `${BASE}/my-reports`,
    {
      config: own,
      schema: {
        tags,
        summary: '本企业月度用工报告 Your enterprise’s reports and the reporting window',
        response: { 200: ownReports },
      },
    },
    async (req) => reports.ownReports(contextOf(req)),
  );
  app.post(
    `${BASE}/my-reports`,
    {
      config: own,
      schema: {
        tags,
        summary: '报送本企业月度用工报告 File the month whose window is open (25th to the 5th)',
        body: createOwnReportBody,
        response: { 201: employmentReport },
      },
    },
    async (req, reply) => reply.code(201).send(await reports.createOwnReport(contextOf(req), req.body)),
  );
  app.patch(
    `${BASE}/my-reports/:id`,
    {
      config: own,
      schema: {
        tags,
        summary: '更正本企业月度用工报告 Correct your report while its window is open',
        params: idParams,
        body: updateReportBody,
        response: { 200: employmentReport },
      },
    },
    async (req) => reports.updateOwnReport(contextOf(req), req.params.id, req.body),
  );
};
