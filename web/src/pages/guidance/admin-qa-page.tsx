import { EditOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import type { Qa } from '@hexie/core';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Form, Input, Space, Table, type TableColumnsType, Tag } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { guidanceApi, guidanceKeys, type StaffQaQuery } from '../../api/guidance';
import { formatTime } from '../../shared/format';
import { FilterActions, listPagination, PAGE_SIZES, searchParamsOf } from '../../shared/list';
import { PageHeader } from '../../shared/page-header';
import { ProblemAlert, problemText } from '../../shared/problem-alert';
import { PublishButton, PublishedSelect, PublishedTag } from './admin-shared';
import { QaDrawer, type QaDrawerState } from './qa-drawer';

interface Filters {
  q?: string | undefined;
  published?: 'true' | 'false' | undefined;
}

function parse(params: URLSearchParams): StaffQaQuery {
  const published = params.get('published');
  const pageSize = Number(params.get('pageSize'));
  return {
    q: params.get('q') || undefined,
    published: published === 'true' || published === 'false' ? published : undefined,
    page: Math.max(1, Number(params.get('page')) || 1),
    pageSize: PAGE_SIZES.includes(pageSize) ? pageSize : 20,
  };
}

/** 问答管理: common questions and their answers; add, edit, publish and withdraw (all audited). */
export function AdminQaPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [params, setParams] = useSearchParams();
  const query = parse(params);
  const [form] = Form.useForm<Filters>();
  const [drawer, setDrawer] = useState<QaDrawerState>(null);
  useEffect(() => {
    form.setFieldsValue({ q: query.q, published: query.published });
  }, [form, query.q, query.published]);

  const list = useQuery({
    queryKey: guidanceKeys.staffQa(query),
    queryFn: ({ signal }) => guidanceApi.qa(query, signal),
    placeholderData: keepPreviousData,
  });
  const toggle = useMutation({
    mutationFn: (x: Qa) => guidanceApi.updateQa(x.id, { version: x.version, published: !x.published }),
    onSuccess: (x) => {
      void message.success(t(x.published ? 'guidance.qaPublishedOk' : 'guidance.qaWithdrawnOk'));
      void qc.invalidateQueries({ queryKey: guidanceKeys.all });
    },
    onError: (err) => {
      void message.error(problemText(err).detail);
      void list.refetch();
    },
  });
  const update = (next: StaffQaQuery) => {
    const out = searchParamsOf(next);
    setParams(out);
  };

  const columns = useMemo<TableColumnsType<Qa>>(
    () => [
      {
        title: t('guidance.question'),
        dataIndex: 'question',
        ellipsis: true,
        render: (v: string) => <span title={v}>{v}</span>,
      },
      {
        title: t('guide.tags'),
        dataIndex: 'tags',
        width: 180,
        render: (tags: string[]) =>
          tags.length ? tags.slice(0, 3).map((x) => <Tag key={x}>{x}</Tag>) : <span className="hx-muted">—</span>,
      },
      {
        title: t('guidance.relatedPolicies'),
        dataIndex: 'policies',
        width: 110,
        render: (p: Qa['policies']) => t('guidance.policyCount', { n: p.length }),
      },
      {
        title: t('guidance.publication'),
        dataIndex: 'published',
        width: 90,
        render: (v: boolean) => <PublishedTag published={v} />,
      },
      {
        title: t('guidance.updatedAt'),
        dataIndex: 'updatedAt',
        width: 140,
        render: (v: string) => formatTime(v, 'YYYY-MM-DD HH:mm'),
      },
      {
        title: t('common.actions'),
        key: 'actions',
        width: 140,
        fixed: 'right',
        render: (_: unknown, x) => (
          <Space size={0}>
            <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setDrawer({ mode: 'edit', qa: x })}>
              {t('common.edit')}
            </Button>
            <PublishButton
              published={x.published}
              loading={toggle.isPending && toggle.variables?.id === x.id}
              onConfirm={() => toggle.mutate(x)}
            />
          </Space>
        ),
      },
    ],
    [t, toggle],
  );

  return (
    <div data-testid="admin-qa-page">
      <PageHeader
        title={t('nav.guidanceQa')}
        description={t('guidance.qaDescription')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setDrawer({ mode: 'create' })}
            data-testid="qa-create"
          >
            {t('guidance.createQa')}
          </Button>
        }
      />
      <Card>
        <Form<Filters>
          form={form}
          layout="inline"
          className="hx-filter-bar"
          onFinish={(v) => update({ ...v, q: v.q?.trim(), pageSize: query.pageSize })}
        >
          <Form.Item name="q">
            <Input
              allowClear
              prefix={<SearchOutlined className="hx-muted" />}
              placeholder={t('guidance.qaKeyword')}
              aria-label={t('guidance.qaKeyword')}
              style={{ width: 260 }}
              maxLength={50}
            />
          </Form.Item>
          <Form.Item name="published">
            <PublishedSelect />
          </Form.Item>
          <FilterActions
            onReset={() => {
              form.resetFields();
              update({ pageSize: query.pageSize });
            }}
          />
        </Form>
        {list.error ? (
          <div style={{ marginBottom: 16 }}>
            <ProblemAlert error={list.error} onRetry={() => void list.refetch()} />
          </div>
        ) : null}
        <Table<Qa>
          rowKey="id"
          size="middle"
          tableLayout="fixed"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          scroll={{ x: 980 }}
          data-testid="admin-qa-table"
          locale={{
            emptyText: (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={query.q || query.published ? t('guidance.noMatch') : t('guidance.emptyQa')}
              />
            ),
          }}
          pagination={listPagination(t, query, list.data, (page, pageSize) => update({ ...query, page, pageSize }))}
        />
      </Card>
      <QaDrawer state={drawer} onClose={() => setDrawer(null)} />
    </div>
  );
}
