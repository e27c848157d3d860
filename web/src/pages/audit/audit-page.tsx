import { UserOutlined } from '@ant-design/icons';
import { AUDIT_ACTION_LABELS, AUDIT_RESULTS, type AuditEvent, ROLE_LABELS } from '@hexie/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  Card,
  DatePicker,
  Empty,
  Form,
  Input,
  Select,
  Table,
  type TableColumnsType,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { type AuditListQuery, endpoints, queryKeys } from '../../api/endpoints';
import { useSignedIn } from '../../app/auth';
import { useLang } from '../../app/i18n';
import { formatTime, labelOf, TIME_ZONE } from '../../shared/format';
import { FilterActions, listPagination, PAGE_SIZES, searchParamsOf } from '../../shared/list';
import { PageHeader } from '../../shared/page-header';
import { ProblemAlert } from '../../shared/problem-alert';
import { RegionSelect } from '../../shared/region-select';
import { useRegionNames } from '../../shared/regions';
import { AuditDetails } from './audit-details';

type Result = AuditEvent['result'];

interface Filters {
  action?: string | undefined;
  actorUsername?: string | undefined;
  regionCode?: string | undefined;
  result?: Result | undefined;
  period?: [Dayjs | null, Dayjs | null] | null | undefined;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

const RESULT_COLORS: Record<Result, string> = { success: 'green', failure: 'red', denied: 'orange' };

/** Filters in the address bar (days as YYYY-MM-DD, Beijing time); the API gets ISO instants. */
function parseParams(params: URLSearchParams) {
  const from = params.get('from');
  const to = params.get('to');
  const result = params.get('result');
  const pageSize = Number(params.get('pageSize'));
  const filters = {
    action: params.get('action') || undefined,
    actorUsername: params.get('actorUsername') || undefined,
    regionCode: params.get('regionCode') || undefined,
    result: result && (AUDIT_RESULTS as readonly string[]).includes(result) ? (result as Result) : undefined,
    from: from && DAY.test(from) ? from : undefined,
    to: to && DAY.test(to) ? to : undefined,
  };
  const query: AuditListQuery = {
    action: filters.action,
    actorUsername: filters.actorUsername,
    regionCode: filters.regionCode,
    result: filters.result,
    from: filters.from ? dayjs.tz(filters.from, TIME_ZONE).startOf('day').toISOString() : undefined,
    to: filters.to ? dayjs.tz(filters.to, TIME_ZONE).endOf('day').toISOString() : undefined,
    page: Math.max(1, Number(params.get('page')) || 1),
    pageSize: PAGE_SIZES.includes(pageSize) ? pageSize : 20,
  };
  return { filters, query };
}

function useListParams() {
  const [params, setParams] = useSearchParams();
  const { filters, query } = parseParams(params);
  const update = (next: Record<string, string | number | undefined>) => {
    const out = searchParamsOf(next);
    setParams(out);
    // Same list again: the caller refetches (查询 always asks the server).
    return JSON.stringify(parseParams(out).query) !== JSON.stringify(query);
  };
  return { filters, query, update };
}

/** 审计日志: who did what, where, when — read-only, region by region. */
export function AuditPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const me = useSignedIn().user;
  const regionNames = useRegionNames();
  const { filters, query, update } = useListParams();
  const [form] = Form.useForm<Filters>();

  useEffect(() => {
    form.setFieldsValue({
      action: filters.action,
      actorUsername: filters.actorUsername,
      regionCode: filters.regionCode,
      result: filters.result,
      period:
        filters.from || filters.to
          ? [filters.from ? dayjs(filters.from) : null, filters.to ? dayjs(filters.to) : null]
          : null,
    });
  }, [form, filters.action, filters.actorUsername, filters.regionCode, filters.result, filters.from, filters.to]);

  const list = useQuery({
    queryKey: queryKeys.auditList(query),
    queryFn: ({ signal }) => endpoints.auditEvents(query, signal),
    placeholderData: keepPreviousData,
  });

  const columns = useMemo<TableColumnsType<AuditEvent>>(
    () => [
      {
        title: t('audit.time'),
        dataIndex: 'at',
        width: 160,
        render: (at: string) => <span style={{ fontVariantNumeric: 'tabular-nums' }}>{formatTime(at)}</span>,
      },
      {
        title: t('audit.actor'),
        dataIndex: 'actorUsername',
        width: 140,
        ellipsis: true,
        render: (name: string | null, e) =>
          name ? (
            e.actorId ? (
              name
            ) : (
              <Tooltip title={t('audit.anonymous')}>
                <Typography.Text type="secondary">{name}</Typography.Text>
              </Tooltip>
            )
          ) : (
            <Typography.Text type="secondary">{t('audit.anonymous')}</Typography.Text>
          ),
      },
      {
        title: t('audit.role'),
        dataIndex: 'actorRole',
        width: lang === 'zh-CN' ? 120 : 170,
        ellipsis: true,
        render: (role: string | null) => (role ? labelOf(ROLE_LABELS, role, lang) : t('common.none')),
      },
      {
        title: t('audit.action'),
        dataIndex: 'action',
        width: lang === 'zh-CN' ? 100 : 120,
        ellipsis: true,
        render: (action: string) => labelOf(AUDIT_ACTION_LABELS, action, lang),
      },
      {
        title: t('audit.object'),
        key: 'object',
        ellipsis: true,
        render: (_: unknown, e: AuditEvent) => {
          const d = e.details ?? {};
          const after = (d.after ?? {}) as Record<string, unknown>;
          const name =
            (typeof d.username === 'string' && d.username) ||
            (typeof after.username === 'string' && after.username) ||
            (e.action.startsWith('auth.') || (e.entityType === 'user' && e.entityId === e.actorId)
              ? e.actorUsername
              : null);
          if (name) {
            return (
              <span>
                <UserOutlined className="hx-muted" style={{ marginInlineEnd: 6 }} />
                {name}
              </span>
            );
          }
          return e.entityId ? `${e.entityType ?? ''} ${e.entityId.slice(0, 8)}` : t('common.none');
        },
      },
      {
        title: t('audit.region'),
        dataIndex: 'regionCode',
        width: 120,
        ellipsis: true,
        render: (code: string | null) => {
          if (!code) return t('common.none');
          const name = regionNames.get(code) ?? code;
          return <Tooltip title={`${name} ${code}`}>{name}</Tooltip>;
        },
      },
      { title: t('audit.ip'), dataIndex: 'ip', width: 120, ellipsis: true, render: (ip: string | null) => ip ?? '' },
      {
        title: t('audit.result'),
        dataIndex: 'result',
        width: 80,
        render: (r: Result) => (
          <Tag color={RESULT_COLORS[r]}>
            {t(
              r === 'success' ? 'audit.resultSuccess' : r === 'failure' ? 'audit.resultFailure' : 'audit.resultDenied',
            )}
          </Tag>
        ),
      },
    ],
    [t, lang, regionNames],
  );

  const onSearch = (values: Filters) => {
    const changed = update({
      action: values.action,
      actorUsername: values.actorUsername?.trim(),
      regionCode: values.regionCode,
      result: values.result,
      from: values.period?.[0]?.format('YYYY-MM-DD'),
      to: values.period?.[1]?.format('YYYY-MM-DD'),
      pageSize: query.pageSize,
    });
    if (!changed) void list.refetch();
  };
  const onReset = () => {
    form.resetFields();
    update({ pageSize: query.pageSize });
  };

  return (
    <div data-testid="audit-page">
      <PageHeader title={t('audit.title')} description={t('audit.description')} />
      <Card>
        <Form<Filters> form={form} layout="inline" className="hx-filter-bar" onFinish={onSearch}>
          <Form.Item name="action">
            <Select
              allowClear
              aria-label={t('audit.action')}
              placeholder={t('audit.actionPlaceholder')}
              style={{ width: 140 }}
              popupMatchSelectWidth={false}
              options={Object.entries(AUDIT_ACTION_LABELS).map(([value, label]) => ({ value, label: label[lang] }))}
              data-testid="audit-filter-action"
            />
          </Form.Item>
          <Form.Item name="actorUsername">
            <Input
              allowClear
              aria-label={t('audit.actor')}
              placeholder={t('audit.actorPlaceholder')}
              style={{ width: 140 }}
              maxLength={64}
              data-testid="audit-filter-actor"
            />
          </Form.Item>
          <Form.Item name="result">
            <Select
              allowClear
              aria-label={t('audit.result')}
              placeholder={t('audit.resultPlaceholder')}
              style={{ width: 110 }}
              options={[
                { value: 'success', label: t('audit.resultSuccess') },
                { value: 'failure', label: t('audit.resultFailure') },
                { value: 'denied', label: t('audit.resultDenied') },
              ]}
              data-testid="audit-filter-result"
            />
          </Form.Item>
          <Form.Item name="regionCode">
            <RegionSelect
              root={me.regionCode}
              allowClear
              placeholder={t('users.regionPlaceholder')}
              style={{ width: 160 }}
              testId="audit-filter-region"
            />
          </Form.Item>
          <Form.Item name="period">
            <DatePicker.RangePicker
              allowEmpty={[true, true]}
              disabledDate={(d) => d.isAfter(dayjs(), 'day')}
              style={{ width: 230 }}
              data-testid="audit-filter-period"
            />
          </Form.Item>
          <FilterActions onReset={onReset} testId="audit" />
        </Form>

        {list.error ? (
          <div style={{ marginBottom: 16 }}>
            <ProblemAlert error={list.error} onRetry={() => void list.refetch()} testId="audit-error" />
          </div>
        ) : null}

        <Table<AuditEvent>
          rowKey="id"
          data-testid="audit-table"
          size="middle"
          tableLayout="fixed"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          scroll={{ x: 1040 }}
          expandable={{
            expandedRowRender: (e) => <AuditDetails event={e} regionNames={regionNames} />,
          }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('audit.empty')} /> }}
          pagination={listPagination(t, query, list.data, (page, pageSize) => update({ ...filters, page, pageSize }))}
        />
      </Card>
    </div>
  );
}
