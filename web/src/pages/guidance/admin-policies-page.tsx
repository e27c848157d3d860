import { EditOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { POLICY_LEVEL_LABELS, POLICY_LEVELS, type PolicyLevel, type PolicySummary } from '@hexie/core';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Form, Input, Select, Space, Table, type TableColumnsType } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { guidanceApi, guidanceKeys, type StaffPolicyQuery } from '../../api/guidance';
import { useLang } from '../../app/i18n';
import { labelOf } from '../../shared/format';
import { FilterActions, listPagination, PAGE_SIZES, searchParamsOf } from '../../shared/list';
import { PageHeader } from '../../shared/page-header';
import { ProblemAlert, problemText } from '../../shared/problem-alert';
import { PublishButton, PublishedSelect, PublishedTag } from './admin-shared';
import { StatusTag } from './guide-shared';
import { PolicyDrawer, type PolicyDrawerState } from './policy-drawer';

interface Filters {
  q?: string | undefined;
  level?: PolicyLevel | undefined;
  published?: 'true' | 'false' | undefined;
}

function parse(params: URLSearchParams): StaffPolicyQuery {
  const level = params.get('level');
  const published = params.get('published');
  const pageSize = Number(params.get('pageSize'));
  return {
    q: params.get('q') || undefined,
    level: (POLICY_LEVELS as readonly string[]).includes(level ?? '') ? (level as PolicyLevel) : undefined,
    published: published === 'true' || published === 'false' ? published : undefined,
    page: Math.max(1, Number(params.get('page')) || 1),
    pageSize: PAGE_SIZES.includes(pageSize) ? pageSize : 20,
  };
}

/** 政策库管理: the province-wide library, drafts included; add, edit, publish and withdraw (all audited). */
export function AdminPoliciesPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [params, setParams] = useSearchParams();
  const query = parse(params);
  const [form] = Form.useForm<Filters>();
  const [drawer, setDrawer] = useState<PolicyDrawerState>(null);
  useEffect(() => {
    form.setFieldsValue({ q: query.q, level: query.level, published: query.published });
  }, [form, query.q, query.level, query.published]);

  const list = useQuery({
    queryKey: guidanceKeys.staffPolicies(query),
    queryFn: ({ signal }) => guidanceApi.policies(query, signal),
    placeholderData: keepPreviousData,
  });
  const toggle = useMutation({
    mutationFn: (p: PolicySummary) => guidanceApi.updatePolicy(p.id, { version: p.version, published: !p.published }),
    onSuccess: (p) => {
      void message.success(t(p.published ? 'guidance.publishedOk' : 'guidance.withdrawnOk', { title: p.title }));
      void qc.invalidateQueries({ queryKey: guidanceKeys.all });
    },
    onError: (err) => {
      void message.error(problemText(err).detail);
      void list.refetch();
    },
  });

  const update = (next: StaffPolicyQuery) => {
    const out = searchParamsOf(next);
    setParams(out);
  };

  const columns = useMemo<TableColumnsType<PolicySummary>>(
    () => [
      {
        title: t('guidance.title'),
        dataIndex: 'title',
        ellipsis: true,
        render: (title: string, p) =>
          p.published ? (
            <Link to={`/guide/policies/${p.id}`} target="_blank" title={title}>
              {title}
            </Link>
          ) : (
            <span title={title}>{title}</span>
          ),
      },
      { title: t('guide.docNumber'), dataIndex: 'docNumber', width: 170, ellipsis: true, render: (v) => v ?? '—' },
      { title: t('guide.issuer'), dataIndex: 'issuer', width: 150, ellipsis: true },
      {
        title: t('guide.level'),
        dataIndex: 'level',
        width: 70,
        render: (l: PolicyLevel) => labelOf(POLICY_LEVEL_LABELS, l, lang),
      },
      { title: t('guide.issuedOn'), dataIndex: 'issuedOn', width: 110, render: (v) => v ?? '—' },
      { title: t('guide.status'), dataIndex: 'status', width: 100, render: (s) => <StatusTag status={s} /> },
      {
        title: t('guidance.publication'),
        dataIndex: 'published',
        width: 90,
        render: (v: boolean) => <PublishedTag published={v} />,
      },
      {
        title: t('common.actions'),
        key: 'actions',
        width: 140,
        fixed: 'right',
        render: (_: unknown, p) => (
          <Space size={0}>
            <Button
              type="link"
              size="small"
              icon={<EditOutlined />}
              onClick={() => setDrawer({ mode: 'edit', id: p.id })}
              data-testid={`policy-edit-${p.id}`}
            >
              {t('common.edit')}
            </Button>
            <PublishButton
              published={p.published}
              loading={toggle.isPending && toggle.variables?.id === p.id}
              onConfirm={() => toggle.mutate(p)}
              testId={`policy-toggle-${p.id}`}
            />
          </Space>
        ),
      },
    ],
    [t, lang, toggle],
  );

  return (
    <div data-testid="admin-policies-page">
      <PageHeader
        title={t('nav.guidancePolicies')}
        description={t('guidance.policiesDescription')}
        extra={
          <Space>
            <Link to="/guide" target="_blank">
              <Button>{t('guidance.openPortal')}</Button>
            </Link>
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setDrawer({ mode: 'create' })}
              data-testid="policy-create"
            >
              {t('guidance.createPolicy')}
            </Button>
          </Space>
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
              placeholder={t('guidance.policyKeyword')}
              aria-label={t('guidance.policyKeyword')}
              style={{ width: 260 }}
              maxLength={50}
              data-testid="admin-policy-q"
            />
          </Form.Item>
          <Form.Item name="level">
            <Select
              allowClear
              placeholder={t('guide.level')}
              aria-label={t('guide.level')}
              style={{ width: 120 }}
              options={POLICY_LEVELS.map((l) => ({ value: l, label: labelOf(POLICY_LEVEL_LABELS, l, lang) }))}
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
        <Table<PolicySummary>
          rowKey="id"
          size="middle"
          tableLayout="fixed"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          scroll={{ x: 1040 }}
          data-testid="admin-policies-table"
          locale={{
            emptyText: (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={
                  query.q || query.level || query.published ? t('guidance.noMatch') : t('guidance.emptyPolicies')
                }
              />
            ),
          }}
          pagination={listPagination(t, query, list.data, (page, pageSize) => update({ ...query, page, pageSize }))}
        />
      </Card>
      <PolicyDrawer state={drawer} onClose={() => setDrawer(null)} />
    </div>
  );
}
