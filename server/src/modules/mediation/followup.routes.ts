import {
  ATTACHMENT_RULES,
  archiveBody,
  CASE_FIELD_LABELS,
  caseFile,
  FOLLOWUP_FIELD_LABELS,
  letterBody,
  letterReplyBody,
  performanceBody,
  reviewBody,
} from '@hexie/core';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contextOf } from '../../platform/access.js';
import { AppError } from '../../platform/errors.js';
import { attachment } from '../../platform/import/http.js';
import * as followup from './followup.service.js';

const idParams = z.object({ id: z.uuid() });
const tags = ['mediation'];
const fieldLabels = { ...CASE_FIELD_LABELS, ...FOLLOWUP_FIELD_LABELS };

/** One uploaded file, read up to `maxBytes` (more is refused with the limit in the message). */
async function oneFile(req: FastifyRequest, maxBytes: number): Promise<followup.Upload> {
  if (!req.isMultipart()) throw new AppError('bad_request');
  const part = await req.file({ limits: { fileSize: maxBytes, files: 1 } });
  if (!part) throw new AppError('file_empty');
  try {
    return { name: part.filename || '附件', data: await part.toBuffer() };
  } catch (err) {
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new AppError('attachment_too_large', { params: { mb: Math.round(maxBytes / 1024 / 1024) } });
    }
    throw err;
  }
}

/** 案卷: a case's documents, the review and performance of its agreement, its suggestion letters, its archive. */
export const mediationFollowupRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.platform;

  app.get(
    '/api/v1/mediation/cases/:id/file',
    {
      config: { access: 'mediation:read' },
      schema: {
        tags,
        summary: '案卷 A case’s documents, review, performance, letters and archive',
        params: idParams,
        response: { 200: caseFile },
      },
    },
    async (req) => followup.caseFile(contextOf(req), req.params.id),
  );

  app.post(
    '/api/v1/mediation/cases/:id/attachments',
    {
      config: { access: 'mediation:write' },
      schema: {
        tags,
        summary: `上传案卷材料 Attach a document (JPG, PNG or PDF, ≤ ${ATTACHMENT_RULES.staffMaxBytes / 1024 / 1024} MB)`,
        consumes: ['multipart/form-data'],
        params: idParams,
        response: { 201: caseFile },
      },
    },
    async (req, reply) => {
      const ctx = contextOf(req);
      const upload = await oneFile(req, ATTACHMENT_RULES.staffMaxBytes);
      return reply.code(201).send(await followup.addAttachment(ctx, req.params.id, upload));
    },
  );

  app.get(
    '/api/v1/mediation/cases/:id/attachments/:attachmentId',
    {
      config: { access: 'mediation:read' },
      schema: {
        tags,
        summary: '下载案卷材料 A document’s file (audited)',
        params: z.object({ id: z.uuid(), attachmentId: z.uuid() }),
      },
    },
    async (req, reply) => {
      const file = await followup.attachmentFile(contextOf(req), req.params.id, req.params.attachmentId);
      return reply
        .header('content-type', file.content_type)
        .header('content-disposition', attachment(file.file_name, `attachment-${req.params.attachmentId}`))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .send(file.data);
    },
  );

  app.post(
    '/api/v1/public/mediation-applications/:trackingCode/attachments',
    {
      // Anyone with the code and the phone: a few files, a few an hour from one address.
      config: { access: 'public', rateLimit: { max: 15, timeWindow: 3_600_000 }, fieldLabels },
      schema: {
        tags,
        summary: `补充证据材料 Add evidence to an application awaiting acceptance (JPG, PNG or PDF, ≤ ${
          ATTACHMENT_RULES.publicMaxBytes / 1024 / 1024
        } MB, ≤ ${ATTACHMENT_RULES.publicMaxFiles} files); a wrong code or phone is 404`,
        consumes: ['multipart/form-data'],
        params: z.object({ trackingCode: z.string().trim().toUpperCase().max(20) }),
        querystring: z.object({ phone: z.string().trim().max(20).default('') }),
        response: {
          201: z.object({ fileName: z.string(), size: z.number().int(), files: z.number().int() }),
        },
      },
    },
    async (req, reply) => {
      const upload = await oneFile(req, ATTACHMENT_RULES.publicMaxBytes);
      const ctx = { db, actor: null, ip: req.ip, requestId: req.id };
      return reply
        .code(201)
        .send(await followup.addPublicAttachment(ctx, req.params.trackingCode, req.query.phone, upload));
    },
  );

  app.put(
    '/api/v1/mediation/cases/:id/review',
    {
      config: { access: 'mediation:write', fieldLabels },
      schema: {
        tags,
        summary: '仲裁审查确认 Record the joint application for arbitral review and its result',
        params: idParams,
        body: reviewBody,
        response: { 200: caseFile },
      },
    },
    async (req) => followup.recordReview(contextOf(req), req.params.id, req.body),
  );

  app.put(
    '/api/v1/mediation/cases/:id/performance',
    {
      config: { access: 'mediation:write', fieldLabels },
      schema: {
        tags,
        summary: '协议履行 Record whether the agreement was performed',
        params: idParams,
        body: performanceBody,
        response: { 200: caseFile },
      },
    },
    async (req) => followup.recordPerformance(contextOf(req), req.params.id, req.body),
  );

  app.post(
    '/api/v1/mediation/cases/:id/letters',
    {
      config: { access: 'mediation:write', fieldLabels },
      schema: {
        tags,
        summary: '调解建议书 Send a mediation suggestion letter to the employer',
        params: idParams,
        body: letterBody,
        response: { 201: caseFile },
      },
    },
    async (req, reply) => reply.code(201).send(await followup.sendLetter(contextOf(req), req.params.id, req.body)),
  );

  app.put(
    '/api/v1/mediation/cases/:id/letters/:letterId/reply',
    {
      config: { access: 'mediation:write', fieldLabels },
      schema: {
        tags,
        summary: '建议书反馈 Record the employer’s reply to a letter',
        params: z.object({ id: z.uuid(), letterId: z.uuid() }),
        body: letterReplyBody,
        response: { 200: caseFile },
      },
    },
    async (req) => followup.replyLetter(contextOf(req), req.params.id, req.params.letterId, req.body),
  );

  app.post(
    '/api/v1/mediation/cases/:id/archive',
    {
      config: { access: 'mediation:write' },
      schema: {
        tags,
        summary: '结案归档 Archive a closed case (numbered in the organisation’s register)',
        params: idParams,
        body: archiveBody,
        response: { 200: caseFile },
      },
    },
    async (req) => followup.archiveCase(contextOf(req), req.params.id, req.body.version),
  );
};
