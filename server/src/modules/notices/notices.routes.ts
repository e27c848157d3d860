import { createNoticeBody, inboxItem, notice, noticeCriteria, pageOf, pageQuery } from '@hexie/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contextOf } from '../../platform/access.js';
import { getNotice, inbox, listNotices, markRead, previewRecipients, sendNotice } from './notices.service.js';

const idParams = z.object({ id: z.uuid() });

export const noticesRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/v1/notices/preview',
    {
      config: { access: 'notices:write' },
      schema: {
        tags: ['notices'],
        summary: '推送范围预览 How many enterprises a notice would reach',
        body: noticeCriteria,
        response: {
          200: z.object({
            recipients: z.number().int(),
            sample: z.array(z.object({ id: z.string(), name: z.string(), regionName: z.string() })),
          }),
        },
      },
    },
    async (req) => previewRecipients(contextOf(req), req.body),
  );

  app.post(
    '/api/v1/notices',
    {
      config: { access: 'notices:write' },
      schema: {
        tags: ['notices'],
        summary: '推送通知 Send a notice to enterprises',
        body: createNoticeBody,
        response: { 201: notice },
      },
    },
    async (req, reply) => reply.code(201).send(await sendNotice(contextOf(req), req.body)),
  );

  app.get(
    '/api/v1/notices',
    {
      config: { access: 'notices:write' },
      schema: {
        tags: ['notices'],
        summary: '已发通知 Notices sent in your region',
        querystring: pageQuery,
        response: { 200: pageOf(notice) },
      },
    },
    async (req) => listNotices(contextOf(req), req.query),
  );

  app.get(
    '/api/v1/notices/:id',
    {
      config: { access: 'notices:write' },
      schema: {
        tags: ['notices'],
        summary: '通知详情 A notice and how many have read it',
        params: idParams,
        response: { 200: notice },
      },
    },
    async (req) => getNotice(contextOf(req), req.params.id),
  );

  app.get(
    '/api/v1/inbox',
    {
      config: { access: 'enterprise:self' },
      schema: {
        tags: ['notices'],
        summary: '企业收件箱 Notices sent to my enterprise',
        querystring: pageQuery.extend({ unread: z.enum(['true', 'false']).optional() }),
        response: { 200: pageOf(inboxItem).extend({ unread: z.number().int() }) },
      },
    },
    async (req) => inbox(contextOf(req), { ...req.query, unread: req.query.unread === 'true' }),
  );

  app.post(
    '/api/v1/inbox/:id/read',
    {
      config: { access: 'enterprise:self' },
      schema: {
        tags: ['notices'],
        summary: '标为已读 Mark a notice read',
        params: idParams,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await markRead(contextOf(req), req.params.id);
      return reply.code(204).send(null);
    },
  );
};
