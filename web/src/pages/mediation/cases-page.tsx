import {
  CASE_STATUS_LABELS,
  CASE_STATUSES,
  type CaseListQuery,
  type CaseStatus,
  DISPUTE_TYPE_LABELS,
  type MediationCase,
} from '@hexie/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Input, Segmented, Select, Space, Table, type TableColumnsType, Tag } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { mediationApi, mediationKeys } from '../../api/mediation';
import { useLang } from '../../app/i18n';
import { labelOf } from '../../shared/format';
import { listPagination, pageOfParams, searchParamsOf } from '../../shared/list';
import { PageHeader } from '../../shared/page-header';
import { ProblemAlert } from '../../shared/problem-alert';
import { DueTag } from './due-tag';

const ELLIPSIS = { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' } as const;

type View = 'open' | 'soon' | 'overdue' | 'all';
type Query = Omit<CaseListQuery, 'regionCode'> & { view: View };

function queryOf(params: URLSearchParams): Query {
  const view = (['open', 'soon', 'overdue', 'all'] as const).find((v) => v === params.get('view')) ?? 'open';
  const status = params.get('status');
  return {
    view,
    q: params.get('q') || undefined,
    status: CASE_STATUSES.includes(status as CaseStatus) ? (status as CaseStatus) : undefined,
    orgId: params.get('orgId') || undefined,
    ...pageOfParams(params),
  };
}

/** 案件收件箱: the region's cases, open ones first by nearest deadline, with deadline badges. */
export function MediationCasesPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const [params, setParams] = useSearchParams();
  const q = useMemo(() => queryOf(params), [params]);
  const update = (next: Partial<Query>) =>
    setParams(searchParamsOf({ ...q, page: 1, ...next }, { page: 1, pageSize: 20, view: 'open' }));
  const api: Partial<CaseListQuery> = {
    q: q.q,
    status: q.status,
    orgId: q.orgId,
    open: q.view === 'open' ? 'true' : undefined,
    due: q.view === 'soon' ? 'soon' : q.view === 'overdue' ? 'overdue' : undefined,
    page: q.page,
    pageSize: q.pageSize,
  };
  const list = useQuery({
    queryKey: mediationKeys.cases(api),
    queryFn: ({ signal }) => mediationApi.cases(api, signal),
    placeholderData: keepPreviousData,
  });
  // The organisations of the region, for the inbox of one of them.
  const orgs = useQuery({
    queryKey: mediationKeys.orgs({ pageSize: 100 }),
    queryFn: ({ signal }) => mediationApi.orgs({ pageSize: 100 }, signal),
    staleTime: 60_000,
  });
  const columns: TableColumnsType<MediationCase> = [
    {
      title: t('mediation.trackingCode'),
      dataIndex: 'trackingCode',
      width: 110,
      render: (code: string, c) => (
        <Link to={`/mediation/cases/${c.id}`} data-testid="case-link">
          {code}
        </Link>
      ),
    },
    {
      title: t('mediation.parties'),
      key: 'parties',
      render: (_, c) => (
        <div style={{ minWidth: 0 }}>
          <div style={ELLIPSIS} title={`${c.applicant.name} — ${c.respondent.name}`}>
            {c.applicant.name} <span className="hx-muted">{t('mediation.versus')}</span> {c.respondent.name}
          </div>
          <div className="hx-muted" style={{ ...ELLIPSIS, fontSize: 12 }}>
            {c.orgName}
          </div>
        </div>
      ),
    },
    {
      title: t('mediation.disputeTypes'),
      dataIndex: 'disputeTypes',
      width: 170,
      render: (ds: MediationCase['disputeTypes']) => (
        <Space size={[0, 4]} wrap>
          {ds.map((d) => (
            <Tag key={d}>{labelOf(DISPUTE_TYPE_LABELS, d, lang)}</Tag>
          ))}
        </Space>
      ),
    },
    { title: t('mediation.receivedOn'), dataIndex: 'receivedOn', width: 104 },
    {
      title: t('mediation.status'),
      dataIndex: 'status',
      width: 120,
      render: (s: CaseStatus) => (
        <Tag color={s === 'agreement' ? 'green' : undefined}>{labelOf(CASE_STATUS_LABELS, s, lang)}</Tag>
      ),
    },
    {
      title: t('mediation.deadline'),
      key: 'deadline',
      width: 190,
      render: (_, c) =>
        c.pending ? (
          <div>
            <div className="hx-muted" style={{ fontSize: 12 }}>
              {t(c.pending.kind === 'acceptance' ? 'mediation.acceptanceDue' : 'mediation.mediationDue')}
            </div>
            <DueTag pending={c.pending} />
          </div>
        ) : (
          <span className="hx-muted">{c.closedOn ? t('mediation.closedOn', { date: c.closedOn }) : ''}</span>
        ),
    },
  ];
  const filtered = !!(q.q || q.status || q.orgId || q.view !== 'open');
  return (
    <div data-testid="mediation-cases-page">
      <PageHeader title={t('mediation.cases')} description={t('mediation.casesDescription')} />
      <Card>
        <Space wrap style={{ marginBottom: 16 }}>
          <Segmented
            value={q.view}
            onChange={(v) => update({ view: v as View })}
            options={[
              { value: 'open', label: t('mediation.viewOpen') },
              { value: 'soon', label: t('mediation.viewSoon') },
              { value: 'overdue', label: t('mediation.viewOverdue') },
              { value: 'all', label: t('mediation.viewAll') },
            ]}
            data-testid="case-view"
          />
          <Select
            allowClear
            placeholder={t('mediation.statusPlaceholder')}
            style={{ width: 150 }}
            value={q.status}
            onChange={(v: CaseStatus | undefined) => update({ status: v })}
            options={CASE_STATUSES.map((s) => ({ value: s, label: labelOf(CASE_STATUS_LABELS, s, lang) }))}
          />
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('mediation.orgPlaceholder')}
            style={{ width: 260 }}
            value={q.orgId}
            onChange={(v: string | undefined) => update({ orgId: v })}
            options={(orgs.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }))}
            data-testid="case-filter-org"
          />
          <Input.Search
            allowClear
            defaultValue={q.q}
            placeholder={t('mediation.searchPlaceholder')}
            style={{ width: 260 }}
            onSearch={(v) => update({ q: v.trim() || undefined })}
            data-testid="case-search"
          />
          {filtered ? (
            <Button onClick={() => setParams(new URLSearchParams())} data-testid="case-reset">
              {t('common.reset')}
            </Button>
          ) : null}
        </Space>
        {list.error ? <ProblemAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
        <Table<MediationCase>
          rowKey="id"
          size="middle"
          tableLayout="fixed"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          scroll={{ x: 900 }}
          locale={{ emptyText: filtered ? t('mediation.emptyFiltered') : t('mediation.empty') }}
          pagination={listPagination(t, q, list.data, (page, pageSize) => update({ page, pageSize }))}
          data-testid="case-table"
        />
      </Card>
    </div>
  );
}
