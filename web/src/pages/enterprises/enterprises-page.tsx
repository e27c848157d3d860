import { PlusOutlined, SearchOutlined, UploadOutlined } from '@ant-design/icons';
import {
  ENTERPRISE_SOURCE_LABELS,
  ENTERPRISE_SOURCES,
  type Enterprise,
  type EnterpriseListQuery,
  type EnterpriseSource,
  SIZE_CLASS_LABELS,
  SIZE_CLASSES,
  type SizeClass,
} from '@hexie/core';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Button,
  Card,
  DatePicker,
  Empty,
  Form,
  Input,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Tooltip,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { endpoints, queryKeys } from '../../api/endpoints';
import { useCan, useSignedIn } from '../../app/auth';
import { useLang } from '../../app/i18n';
import { ExportButton } from '../../shared/export-button';
import { labelOf } from '../../shared/format';
import { ImportWizard } from '../../shared/import-wizard';
import { IndustrySelect } from '../../shared/industry-select';
import { FilterActions, listPagination, PAGE_SIZES, searchParamsOf } from '../../shared/list';
import { PageHeader } from '../../shared/page-header';
import { ProblemAlert } from '../../shared/problem-alert';
import { RegionSelect } from '../../shared/region-select';
import { EnterpriseDrawer, type EnterpriseDrawerState } from './enterprise-drawer';

type SizeFilter = SizeClass | 'unknown';

interface Filters {
  q?: string | undefined;
  regionCode?: string | undefined;
  industryCode?: string | undefined;
  sizeClass?: SizeFilter | undefined;
  source?: EnterpriseSource | undefined;
  registeredFrom?: string | undefined;
  registeredTo?: string | undefined;
}

interface FormValues extends Omit<Filters, 'registeredFrom' | 'registeredTo'> {
  period?: [Dayjs | null, Dayjs | null] | null;
}

const SIZE_COLORS: Record<SizeClass, string> = { large: 'geekblue', medium: 'blue', small: 'cyan', micro: 'default' };

/** Filters and paging live in the address bar: a refresh or a shared link shows the same list. */
function parseParams(params: URLSearchParams): { filters: Filters; query: Partial<EnterpriseListQuery> } {
  const get = (k: string) => params.get(k) || undefined;
  const size = get('sizeClass');
  const source = get('source');
  const date = (k: string) => {
    const v = get(k);
    return v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : undefined;
  };
  const filters: Filters = {
    q: get('q'),
    regionCode: get('regionCode'),
    industryCode: get('industryCode'),
    sizeClass: size && [...SIZE_CLASSES, 'unknown'].includes(size) ? (size as SizeFilter) : undefined,
    source:
      source && (ENTERPRISE_SOURCES as readonly string[]).includes(source) ? (source as EnterpriseSource) : undefined,
    registeredFrom: date('registeredFrom'),
    registeredTo: date('registeredTo'),
  };
  const pageSize = Number(params.get('pageSize'));
  return {
    filters,
    query: {
      ...filters,
      page: Math.max(1, Number(params.get('page')) || 1),
      pageSize: PAGE_SIZES.includes(pageSize) ? pageSize : 20,
    },
  };
}

/** 企业名录: search, filter and page through the enterprises of my region; add and edit them. */
export function EnterprisesPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const me = useSignedIn().user;
  const can = useCan();
  const canWrite = can('enterprises:write');
  const [params, setParams] = useSearchParams();
  const { filters, query } = parseParams(params);
  const [form] = Form.useForm<FormValues>();
  const [drawer, setDrawer] = useState<EnterpriseDrawerState>(null);
  const [importing, setImporting] = useState(false);
  const qc = useQueryClient();

  useEffect(() => {
    form.setFieldsValue({
      q: filters.q,
      regionCode: filters.regionCode,
      industryCode: filters.industryCode,
      sizeClass: filters.sizeClass,
      source: filters.source,
      period:
        filters.registeredFrom || filters.registeredTo
          ? [
              filters.registeredFrom ? dayjs(filters.registeredFrom) : null,
              filters.registeredTo ? dayjs(filters.registeredTo) : null,
            ]
          : null,
    });
  }, [
    form,
    filters.q,
    filters.regionCode,
    filters.industryCode,
    filters.sizeClass,
    filters.source,
    filters.registeredFrom,
    filters.registeredTo,
  ]);

  const list = useQuery({
    queryKey: queryKeys.enterpriseList(query),
    queryFn: ({ signal }) => endpoints.enterprises(query, signal),
    placeholderData: keepPreviousData,
  });

  const update = (next: Filters & { page?: number; pageSize?: number }) => {
    const out = searchParamsOf(next);
    const same = out.toString() === params.toString();
    setParams(out);
    if (same) void list.refetch();
  };

  const onSearch = (v: FormValues) =>
    update({
      q: v.q?.trim(),
      regionCode: v.regionCode,
      industryCode: v.industryCode,
      sizeClass: v.sizeClass,
      source: v.source,
      registeredFrom: v.period?.[0]?.format('YYYY-MM-DD'),
      registeredTo: v.period?.[1]?.format('YYYY-MM-DD'),
      pageSize: query.pageSize,
    });

  const columns = useMemo<TableColumnsType<Enterprise>>(
    () => [
      {
        title: t('enterprises.name'),
        dataIndex: 'name',
        width: 220,
        ellipsis: true,
        render: (name: string, e) => (
          <Link to={`/enterprises/${e.id}`} data-testid={`enterprise-link-${e.creditCode}`}>
            {name}
          </Link>
        ),
      },
      { title: t('enterprises.creditCode'), dataIndex: 'creditCode', width: 180, className: 'hx-mono' },
      {
        title: t('enterprises.region'),
        dataIndex: 'regionName',
        width: 130,
        ellipsis: true,
        render: (n: string) => <Tooltip title={n}>{n}</Tooltip>,
      },
      {
        title: t('enterprises.industry'),
        key: 'industry',
        ellipsis: true,
        render: (_: unknown, e) => (
          <Tooltip title={`${e.industryCode} ${e.industryName}`}>
            <span className="hx-muted">{e.industryCode}</span> {e.industryName}
          </Tooltip>
        ),
      },
      {
        title: t('enterprises.sizeClass'),
        dataIndex: 'sizeClass',
        width: 84,
        render: (s: SizeClass | null) =>
          s ? (
            <Tag color={SIZE_COLORS[s]}>{labelOf(SIZE_CLASS_LABELS, s, lang)}</Tag>
          ) : (
            <span className="hx-muted">{t('enterprises.sizeUnknown')}</span>
          ),
      },
      {
        title: t('enterprises.employees'),
        dataIndex: 'employees',
        width: 84,
        align: 'right',
        render: (n: number | null) =>
          n === null ? <span className="hx-muted">{t('common.none')}</span> : n.toLocaleString(),
      },
      {
        title: t('enterprises.registeredOn'),
        dataIndex: 'registeredOn',
        width: 110,
        render: (d: string | null) => d ?? t('common.none'),
      },
      ...(canWrite
        ? [
            {
              title: t('common.actions'),
              key: 'actions',
              width: 100,
              fixed: 'right' as const,
              render: (_: unknown, e: Enterprise) => (
                <Space size={4}>
                  <Link to={`/enterprises/${e.id}`}>{t('enterprises.view')}</Link>
                  <Button
                    type="link"
                    size="small"
                    onClick={() => setDrawer({ mode: 'edit', enterprise: e })}
                    data-testid={`enterprise-edit-${e.creditCode}`}
                  >
                    {t('common.edit')}
                  </Button>
                </Space>
              ),
            },
          ]
        : []),
    ],
    [t, lang, canWrite],
  );

  return (
    <div data-testid="enterprises-page">
      <PageHeader
        title={t('enterprises.title')}
        description={t('enterprises.description')}
        extra={
          <Space wrap>
            <ExportButton path="/enterprises/export" filters={{ ...filters }} testId="enterprises-export" />
            {canWrite ? (
              <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="enterprises-import">
                {t('transfer.import')}
              </Button>
            ) : null}
            {canWrite ? (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setDrawer({ mode: 'create' })}
                data-testid="enterprise-create"
              >
                {t('enterprises.create')}
              </Button>
            ) : null}
          </Space>
        }
      />
      <Card>
        <Form<FormValues> form={form} layout="inline" className="hx-filter-bar" onFinish={onSearch}>
          <Form.Item name="q">
            <Input
              allowClear
              aria-label={t('enterprises.keywordPlaceholder')}
              prefix={<SearchOutlined className="hx-muted" />}
              placeholder={t('enterprises.keywordPlaceholder')}
              style={{ width: 260 }}
              maxLength={50}
              data-testid="enterprises-filter-q"
            />
          </Form.Item>
          <Form.Item name="regionCode">
            <RegionSelect
              root={me.regionCode}
              allowClear
              placeholder={t('enterprises.regionPlaceholder')}
              style={{ width: 200 }}
              testId="enterprises-filter-region"
            />
          </Form.Item>
          <Form.Item name="industryCode">
            <IndustrySelect
              allowClear
              placeholder={t('enterprises.industryPlaceholder')}
              style={{ width: 220 }}
              testId="enterprises-filter-industry"
            />
          </Form.Item>
          <Form.Item name="sizeClass">
            <Select
              allowClear
              aria-label={t('enterprises.sizeClass')}
              placeholder={t('enterprises.sizePlaceholder')}
              style={{ width: 130 }}
              options={[
                ...SIZE_CLASSES.map((s) => ({ value: s, label: labelOf(SIZE_CLASS_LABELS, s, lang) })),
                { value: 'unknown', label: t('enterprises.sizeUnknown') },
              ]}
              data-testid="enterprises-filter-size"
            />
          </Form.Item>
          <Form.Item name="source">
            <Select
              allowClear
              aria-label={t('enterprises.source')}
              placeholder={t('enterprises.sourcePlaceholder')}
              style={{ width: 150 }}
              popupMatchSelectWidth={false}
              options={ENTERPRISE_SOURCES.map((s) => ({ value: s, label: labelOf(ENTERPRISE_SOURCE_LABELS, s, lang) }))}
              data-testid="enterprises-filter-source"
            />
          </Form.Item>
          <Form.Item name="period">
            <DatePicker.RangePicker
              allowEmpty={[true, true]}
              placeholder={[t('enterprises.registeredFrom'), t('enterprises.registeredTo')]}
              style={{ width: 260 }}
            />
          </Form.Item>
          <FilterActions
            onReset={() => {
              form.resetFields();
              update({ pageSize: query.pageSize });
            }}
            testId="enterprises"
          />
        </Form>

        {list.error ? (
          <div style={{ marginBottom: 16 }}>
            <ProblemAlert error={list.error} onRetry={() => void list.refetch()} testId="enterprises-error" />
          </div>
        ) : null}

        <Table<Enterprise>
          rowKey="id"
          data-testid="enterprises-table"
          size="middle"
          tableLayout="fixed"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          scroll={{ x: 1040 }}
          locale={{
            emptyText: (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={canWrite ? t('enterprises.empty') : t('enterprises.emptyReadOnly')}
              />
            ),
          }}
          pagination={listPagination(t, query, list.data, (page, pageSize) => update({ ...filters, page, pageSize }))}
        />
      </Card>
      <EnterpriseDrawer state={drawer} onClose={() => setDrawer(null)} />
      <ImportWizard
        open={importing}
        onClose={() => setImporting(false)}
        basePath="/enterprises"
        title={t('enterprises.title')}
        onCommitted={() => void qc.invalidateQueries({ queryKey: queryKeys.enterprises })}
      />
    </div>
  );
}
