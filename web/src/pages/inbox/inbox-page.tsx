import { NOTICE_KIND_LABELS } from '@hexie/core';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Badge, Card, Collapse, Empty, Pagination, Result, Space, Switch, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { endpoints, queryKeys } from '../../api/endpoints';
import { useSignedIn } from '../../app/auth';
import { useLang } from '../../app/i18n';
import { formatTime, labelOf } from '../../shared/format';
import { PageHeader } from '../../shared/page-header';
import { ProblemAlert } from '../../shared/problem-alert';

const KIND_COLORS = { guidance: 'blue', risk_alert: 'orange', policy: 'green' } as const;

/** 企业收件箱: notices sent to my enterprise; opening one marks it read. */
export function InboxPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const qc = useQueryClient();
  const { user } = useSignedIn();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [page, setPage] = useState(1);
  const pageSize = 10;
  const list = useQuery({
    queryKey: queryKeys.inboxList(page, pageSize, unreadOnly),
    queryFn: ({ signal }) => endpoints.inbox(page, pageSize, unreadOnly, signal),
    placeholderData: keepPreviousData,
    enabled: !!user.enterpriseId,
  });
  const read = useMutation({
    mutationFn: endpoints.markRead,
    onSuccess: () => void qc.invalidateQueries({ queryKey: queryKeys.inbox }),
  });

  if (!user.enterpriseId) return <Result status="info" title={t('inbox.noEnterprise')} />;
  const items = list.data?.items ?? [];
  return (
    <div data-testid="inbox-page">
      <PageHeader
        title={
          <Space>
            {t('inbox.title')}
            <Badge count={list.data?.unread ?? 0} />
          </Space>
        }
        description={t('inbox.description')}
        extra={
          <Space>
            <Switch
              checked={unreadOnly}
              onChange={(v) => {
                setUnreadOnly(v);
                setPage(1);
              }}
            />
            {t('inbox.unreadOnly')}
          </Space>
        }
      />
      <Card>
        {list.error ? <ProblemAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
        {items.length === 0 && !list.isFetching ? (
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description={unreadOnly ? t('inbox.emptyUnread') : t('inbox.empty')}
          />
        ) : (
          <Collapse
            accordion
            data-testid="inbox-list"
            onChange={(keys) => {
              const id = Array.isArray(keys) ? keys[0] : keys;
              const item = items.find((i) => i.noticeId === id);
              if (item && !item.readAt) read.mutate(item.noticeId);
            }}
            items={items.map((i) => ({
              key: i.noticeId,
              label: (
                <Space wrap>
                  {i.readAt ? null : <Badge status="processing" text={t('inbox.unread')} />}
                  <Tag color={KIND_COLORS[i.kind]}>{labelOf(NOTICE_KIND_LABELS, i.kind, lang)}</Tag>
                  <Typography.Text strong={!i.readAt}>{i.title}</Typography.Text>
                </Space>
              ),
              extra: (
                <span className="hx-muted">
                  {t('inbox.from', { region: i.senderRegionName, time: formatTime(i.sentAt, 'YYYY-MM-DD') })}
                </span>
              ),
              children: <div className="hx-notice-body">{i.body}</div>,
            }))}
          />
        )}
        {(list.data?.total ?? 0) > pageSize ? (
          <Pagination
            style={{ marginTop: 16, textAlign: 'right' }}
            current={page}
            pageSize={pageSize}
            total={list.data?.total ?? 0}
            onChange={setPage}
          />
        ) : null}
      </Card>
    </div>
  );
}
