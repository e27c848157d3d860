import {
  type EarlyWarning,
  type EarlyWarningListQuery,
  WARNING_RULE_LABELS,
  WARNING_RULES,
  WARNING_SEVERITIES,
  WARNING_SEVERITY_LABELS,
  type WarningRule,
  type WarningSeverity,
} from '@hexie/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Input, Segmented, Select, Space, Table, type TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { warningKeys, warningsApi } from '../../api/warnings';
import { useLang } from '../../app/i18n';
import { formatTime } from '../../shared/format';
import { listPagination, pageOfParams, searchParamsOf } from '../../shared/list';
import { PageHeader } from '../../shared/page-header';
import { ProblemAlert } from '../../shared/problem-alert';
import { SeverityTag, StatusTag, SubjectLink, WarningDrawer } from './warning-shared';

type View = EarlyWarningListQuery['status'];
const VIEWS: View[] = ['open', 'new', 'following', 'resolved', 'all'];
type Query = {
  view: View;
  severity?: WarningSeverity | undefined;
  rule?: WarningRule | undefined;
  q?: string | undefined;
  id?: string | undefined;
  page: number;
  pageSize: number;
};

function queryOf(params: URLSearchParams): Query {
  const pick = <T extends string>(values: readonly T[], k: string) => values.find((v) => v === params.get(k));
  return {
    view: pick(VIEWS, 'view') ?? 'open',
    severity: pick(WARNING_SEVERITIES, 'severity'),
    rule: pick(WARNING_RULES, 'rule'),
    q: params.get('q') || undefined,
    id: params.get('id') || undefined,
    ...pageOfParams(params),
  };
}

/**
 * 裁员预警: the warnings the rules raised for the caller's region — the gravest and newest first, open ones by
 * default — each opened in a drawer with its history, to follow up or resolve with a note.
 */
export function WarningsPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const [params, setParams] = useSearchParams();
  const q = useMemo(() => queryOf(params), [params]);
  const defaults = { page: 1, pageSize: 20, view: 'open' as View };
  const update = (next: Partial<Query>) =>
    setParams(searchParamsOf({ ...q, page: 1, id: undefined, ...next }, defaults));
  const open = (id: string | undefined) => setParams(searchParamsOf({ ...q, id }, defaults));
  const api: Partial<EarlyWarningListQuery> = {
    status: q.view,
    severity: q.severity,
    rule: q.rule,
    q: q.q,
    page: q.page,
    pageSize: q.pageSize,
  };
  const list = useQuery({
    queryKey: warningKeys.list(api),
    queryFn: ({ signal }) => warningsApi.list(api, signal),
    placeholderData: keepPreviousData,
  });
  const columns: TableColumnsType<EarlyWarning> = [
    {
      title: t('warnings.severity'),
      key: 'severity',
      width: 80,
      render: (_, w) => <SeverityTag severity={w.severity} />,
    },
    {
      title: t('warnings.warning'),
      key: 'warning',
      render: (_, w) => (
        <div style={{ minWidth: 0 }}>
          <Button
            type="link"
            style={{ padding: 0, height: 'auto', fontWeight: 500 }}
            onClick={() => open(w.id)}
            data-testid="warning-open"
          >
            {w.title}
          </Button>
          <div className="hx-muted hx-clamp-2" style={{ fontSize: 12 }}>
            {w.text}
          </div>
        </div>
      ),
    },
    {
      title: t('warnings.enterprise'),
      key: 'enterprise',
      width: 230,
      render: (_, w) => (
        <div style={{ minWidth: 0 }}>
          <SubjectLink warning={w} />
          <div className="hx-muted" style={{ fontSize: 12 }}>
            {w.regionName}
          </div>
        </div>
      ),
    },
    {
      title: t('warnings.raisedAt'),
      key: 'raisedAt',
      width: 150,
      render: (_, w) => formatTime(w.raisedAt, 'YYYY-MM-DD HH:mm'),
    },
    {
      title: t('warnings.status'),
      key: 'status',
      width: 110,
      render: (_, w) => <StatusTag warning={w} />,
    },
  ];
  const filtered = !!(q.severity || q.rule || q.q || q.view !== 'open');
  return (
    <div data-testid="warnings-page">
      <PageHeader title={t('warnings.title')} description={t('warnings.description')} />
      <Card>
        <Space wrap style={{ marginBottom: 16 }}>
          <Segmented
            value={q.view}
            onChange={(v) => update({ view: v as View })}
            options={VIEWS.map((v) => ({ value: v, label: t(`warnings.view.${v}`) }))}
            data-testid="warning-view"
          />
          <Select
            allowClear
            placeholder={t('warnings.severityPlaceholder')}
            style={{ width: 130 }}
            value={q.severity}
            onChange={(v: WarningSeverity | undefined) => update({ severity: v })}
            options={WARNING_SEVERITIES.map((s) => ({ value: s, label: WARNING_SEVERITY_LABELS[s][lang] }))}
            data-testid="warning-filter-severity"
          />
          <Select
            allowClear
            placeholder={t('warnings.rulePlaceholder')}
            style={{ width: 220 }}
            value={q.rule}
            onChange={(v: WarningRule | undefined) => update({ rule: v })}
            options={WARNING_RULES.map((r) => ({ value: r, label: WARNING_RULE_LABELS[r][lang] }))}
            data-testid="warning-filter-rule"
          />
          <Input.Search
            allowClear
            defaultValue={q.q}
            placeholder={t('warnings.searchPlaceholder')}
            style={{ width: 260 }}
            onSearch={(v) => update({ q: v.trim() || undefined })}
            data-testid="warning-search"
          />
          {filtered ? (
            <Button onClick={() => setParams(new URLSearchParams())} data-testid="warning-reset">
              {t('common.reset')}
            </Button>
          ) : null}
        </Space>
        {list.error ? <ProblemAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
        <Table<EarlyWarning>
          rowKey="id"
          size="middle"
          tableLayout="fixed"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          scroll={{ x: 900 }}
          locale={{
            emptyText: filtered
              ? t('warnings.emptyFiltered')
              : q.view === 'open'
                ? t('warnings.emptyOpen')
                : t('warnings.empty'),
          }}
          pagination={listPagination(t, q, list.data, (page, pageSize) => update({ page, pageSize }))}
          data-testid="warning-table"
        />
      </Card>
      <WarningDrawer id={q.id} onClose={() => open(undefined)} />
    </div>
  );
}
