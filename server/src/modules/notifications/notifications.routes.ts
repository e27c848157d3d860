import { notificationItem, notificationListQuery, pageOf } from '@hexie/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contextOf } from '../../platform/access.js';
import { listNotifications, markAllRead, markRead, unreadCount } from '../../platform/notifications.js';

const tags = ['notifications'];

/** 站内提醒: every signed-in user reads and marks their own (the header's bell). */
export const notificationsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/v1/notifications',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: '我的提醒 My notifications, unread first (order=unread) or newest first (order=newest)',
        querystring: notificationListQuery,
        response: { 200: pageOf(notificationItem).extend({ unread: z.number().int() }) },
      },
    },
    async (req) => listNotifications(contextOf(req), req.query),
  );

  app.get(
    '/api/v1/notifications/unread-count',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: '未读提醒数 How many of my notifications are unread',
        response: { 200: z.object({ unread: z.number().int() }) },
      },
    },
    async (req) => ({ unread: await unreadCount(contextOf(req)) }),
  );

  app.post(
    '/api/v1/notifications/:id/read',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: '标为已读 Mark one of my notifications read',
        params: z.object({ id: z.uuid() }),
        response: { 200: notificationItem },
      },
    },
    async (req) => markRead(contextOf(req), req.params.id),
  );

  app.post(
    '/api/v1/notifications/read-all',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: '全部标为已读 Mark all my notifications read',
        response: { 200: z.object({ marked: z.number().int() }) },
      },
    },
    async (req) => ({ marked: await markAllRead(contextOf(req)) }),
  );
};
