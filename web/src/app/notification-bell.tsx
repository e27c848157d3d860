import { BellOutlined } from '@ant-design/icons';
import { type NotificationItem, type NotificationKind, renderNotification } from '@hexie/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Badge, Button, Empty, Popover, Spin, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { notificationKeys, notificationsApi } from '../api/notifications';
import { formatTime } from '../shared/format';
import { problemText } from '../shared/problem-alert';
import { useLang } from './i18n';

const LATEST = 8;
/** How often the count is asked again (a warning is raised by the daily scan, not by the user). */
const POLL_MS = 60_000;

/** A kind's badge: the same words as the case inbox's deadline badges. */
const KIND_TAGS: Partial<
  Record<NotificationKind, { color: string; label: 'mediation.overdue' | 'mediation.dueSoon' }>
> = {
  mediation_deadline: { color: 'orange', label: 'mediation.dueSoon' },
  mediation_overdue: { color: 'red', label: 'mediation.overdue' },
};

/** Where a notification's subject lives in the app. */
function linkOf(n: NotificationItem): string | null {
  if (n.subjectType === 'mediation_case') return `/mediation/cases/${n.subjectId}`;
  if (n.subjectType === 'early_warning') return `/warnings?id=${n.subjectId}`;
  return null;
}

/** 站内提醒: the bell in the header with the unread count; the latest (unread first) open from it. */
export function NotificationBell() {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const count = useQuery({
    queryKey: notificationKeys.unread,
    queryFn: ({ signal }) => notificationsApi.unreadCount(signal),
    refetchInterval: POLL_MS,
  });
  const latest = useQuery({
    queryKey: notificationKeys.latest(LATEST),
    queryFn: ({ signal }) => notificationsApi.latest(LATEST, signal),
    enabled: open,
  });
  const refresh = () => void qc.invalidateQueries({ queryKey: notificationKeys.all });
  const onError = (err: unknown) => void message.error(problemText(err).detail);
  const markRead = useMutation({ mutationFn: notificationsApi.markRead, onSuccess: refresh, onError });
  const markAll = useMutation({ mutationFn: notificationsApi.markAllRead, onSuccess: refresh, onError });

  const unread = count.data?.unread ?? 0;
  const items = latest.data?.items ?? [];
  const openItem = (n: NotificationItem) => {
    if (!n.readAt) markRead.mutate(n.id);
    const to = linkOf(n);
    if (to) {
      setOpen(false);
      void navigate(to);
    }
  };

  const content = (
    <div className="hx-bell-panel" data-testid="notification-panel">
      <div className="hx-bell-head">
        <span className="hx-bell-title">{t('notifications.title')}</span>
        <Button
          type="link"
          size="small"
          disabled={unread === 0}
          loading={markAll.isPending}
          onClick={() => markAll.mutate()}
          data-testid="notifications-read-all"
        >
          {t('notifications.readAll')}
        </Button>
      </div>
      {latest.isPending ? (
        <div className="hx-bell-empty">
          <Spin size="small" />
        </div>
      ) : items.length === 0 ? (
        <Empty className="hx-bell-empty" image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notifications.empty')} />
      ) : (
        <ul className="hx-bell-list">
          {items.map((n) => {
            const { title, body } = renderNotification(n, lang);
            return (
              <li key={n.id}>
                <button
                  type="button"
                  className={n.readAt ? 'hx-bell-item' : 'hx-bell-item hx-bell-unread'}
                  onClick={() => openItem(n)}
                  data-testid="notification-item"
                  data-read={n.readAt ? 'true' : 'false'}
                >
                  <span className="hx-bell-item-title">
                    {n.readAt ? null : <span className="hx-bell-dot" title={t('notifications.unread')} />}
                    {title}
                    {KIND_TAGS[n.kind] ? (
                      <Tag color={KIND_TAGS[n.kind]?.color} className="hx-bell-tag">
                        {t(KIND_TAGS[n.kind]?.label ?? 'mediation.dueSoon')}
                      </Tag>
                    ) : null}
                  </span>
                  <span className="hx-bell-item-body">{body}</span>
                  <span className="hx-muted hx-bell-item-time">{formatTime(n.createdAt, 'YYYY-MM-DD HH:mm')}</span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {latest.data && latest.data.total > items.length ? (
        <div className="hx-muted hx-bell-foot">
          {t('notifications.more', { count: latest.data.total - items.length })}
        </div>
      ) : null}
    </div>
  );

  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      open={open}
      onOpenChange={setOpen}
      content={content}
      rootClassName="hx-bell-popover"
      arrow={false}
    >
      <Button
        type="text"
        className="hx-header-button hx-bell-button"
        aria-label={t('notifications.bell', { count: unread })}
        data-testid="notification-bell"
      >
        <Badge count={unread} size="small" overflowCount={99} offset={[2, -2]}>
          <BellOutlined className="hx-bell-icon" />
        </Badge>
      </Button>
    </Popover>
  );
}
