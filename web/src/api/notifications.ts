import type { NotificationItem, Page } from '@hexie/core';
import { api } from './client';

/** 站内提醒: the signed-in user's own notifications (server/src/modules/notifications). */
export const notificationKeys = {
  all: ['notifications'] as const,
  unread: ['notifications', 'unread-count'] as const,
  latest: (pageSize: number) => ['notifications', 'latest', pageSize] as const,
};

export const notificationsApi = {
  unreadCount: (signal?: AbortSignal) => api.get<{ unread: number }>('/notifications/unread-count', undefined, signal),
  /** the latest, unread first */
  latest: (pageSize: number, signal?: AbortSignal) =>
    api.get<Page<NotificationItem> & { unread: number }>('/notifications', { pageSize, order: 'unread' }, signal),
  markRead: (id: string) => api.post<NotificationItem>(`/notifications/${encodeURIComponent(id)}/read`),
  markAllRead: () => api.post<{ marked: number }>('/notifications/read-all'),
};
