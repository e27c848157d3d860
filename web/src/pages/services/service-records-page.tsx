import { PlusOutlined } from '@ant-design/icons';
import {
  SERVICE_CHANNEL_LABELS,
  SERVICE_CHANNELS,
  type ServiceChannel,
  type ServiceRecord,
  type ServiceRecordListQuery,
} from '@hexie/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, DatePicker, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { endpoints, queryKeys } from '../../api/endpoints';
import { useCan, useSignedIn } from '../../app/auth';
import { useLang } from '../../app/i18n';
import { labelOf } from '../../shared/format';
import { pageOfParams, searchParamsOf } from '../../shared/list';
import { PageHeader } from '../../shared/page-header';
import { ProblemAlert } from '../../shared/problem-alert';
import { RegionSelect } from '../../shared/region-select';
import { type ServiceDrawerState, ServiceRecordDrawer } from './service-record-drawer';
import { ServiceRecordsTable } from './service-records-table';

type Query = Omit<ServiceRecordListQuery, 'enterpriseId'>;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The list's filters live in the address bar, so a filtered list can be bookmarked, shared and gone back to. */
function queryOf(params: URLSearchParams): Query {
  const date = (k: string) => {
    const v = params.get(k);
    return v && DATE.test(v) ? v : undefined;
  };
  const channel = params.get('channel');
  return {
    regionCode: params.get('regionCode') ?? undefined,
    channel: SERVICE_CHANNELS.includes(channel as ServiceChannel) ? (channel as ServiceChannel) : undefined,
    from: date('from'),
    to: date('to'),
    ...pageOfParams(params),
  };
}

/** 服务记录: every service in my region, filtered by region, channel and period. */
export function ServiceRecordsPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const can = useCan();
  const me = useSignedIn().user;
  const [params, setParams] = useSearchParams();
  const q = useMemo(() => queryOf(params), [params]);
  const update = (next: Partial<Query>) => {
    setParams(searchParamsOf({ ...q, page: 1, ...next }, { page: 1, pageSize: 20 }));
  };
  const [drawer, setDrawer] = useState<ServiceDrawerState>(null);
  const list = useQuery({
    queryKey: queryKeys.serviceRecords(q),
    queryFn: ({ signal }) => endpoints.serviceRecords(q, signal),
    placeholderData: keepPreviousData,
  });
  const writer = can('services:write');
  const filtered = !!(q.regionCode || q.channel || q.from || q.to);
  return (
    <div data-testid="service-records-page">
      <PageHeader
        title={t('services.records')}
        description={t('services.recordsDescription')}
        extra={
          writer ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setDrawer({ mode: 'create' })}
              data-testid="service-create"
            >
              {t('services.add')}
            </Button>
          ) : null
        }
      />
      <Card>
        <Space wrap style={{ marginBottom: 16 }}>
          <RegionSelect
            root={me.regionCode}
            allowClear
            placeholder={t('enterprises.regionPlaceholder')}
            style={{ width: 200 }}
            value={q.regionCode}
            onChange={(v) => update({ regionCode: v })}
            testId="service-filter-region"
          />
          <Select
            allowClear
            placeholder={t('services.channelPlaceholder')}
            style={{ width: 140 }}
            value={q.channel}
            onChange={(v: ServiceChannel | undefined) => update({ channel: v })}
            options={SERVICE_CHANNELS.map((c) => ({ value: c, label: labelOf(SERVICE_CHANNEL_LABELS, c, lang) }))}
            data-testid="service-filter-channel"
          />
          <DatePicker.RangePicker
            allowEmpty={[true, true]}
            value={q.from || q.to ? [q.from ? dayjs(q.from) : null, q.to ? dayjs(q.to) : null] : null}
            disabledDate={(d) => d.isAfter(dayjs(), 'day')}
            onChange={(v: [Dayjs | null, Dayjs | null] | null) =>
              update({ from: v?.[0]?.format('YYYY-MM-DD'), to: v?.[1]?.format('YYYY-MM-DD') })
            }
          />
          {filtered ? (
            <Button onClick={() => setParams(new URLSearchParams())}>{t('services.filtersReset')}</Button>
          ) : null}
        </Space>
        {list.error ? <ProblemAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
        <ServiceRecordsTable
          records={list.data?.items ?? []}
          loading={list.isFetching}
          showEnterprise
          onEdit={writer ? (r: ServiceRecord) => setDrawer({ mode: 'edit', record: r }) : undefined}
          pagination={{
            current: q.page,
            pageSize: q.pageSize,
            total: list.data?.total ?? 0,
            onChange: (page, pageSize) => update({ page, pageSize }),
          }}
          emptyText={
            list.error
              ? t('services.loadFailed')
              : filtered
                ? t('services.emptyFiltered')
                : writer
                  ? t('services.emptyWriter')
                  : t('services.empty')
          }
        />
      </Card>
      <ServiceRecordDrawer state={drawer} onClose={() => setDrawer(null)} />
    </div>
  );
}
