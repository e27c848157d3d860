import { PlusOutlined } from '@ant-design/icons';
import { SERVICE_CHANNEL_LABELS, SERVICE_CHANNELS, type ServiceRecord, type ServiceRecordListQuery } from '@hexie/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, DatePicker, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { endpoints, queryKeys } from '../../api/endpoints';
import { useCan, useSignedIn } from '../../app/auth';
import { useLang } from '../../app/i18n';
import { labelOf } from '../../shared/format';
import { PageHeader } from '../../shared/page-header';
import { ProblemAlert } from '../../shared/problem-alert';
import { RegionSelect } from '../../shared/region-select';
import { type ServiceDrawerState, ServiceRecordDrawer } from './service-record-drawer';
import { ServiceRecordsTable } from './service-records-table';

/** 服务记录: every service in my region, filtered by region, channel and period. */
export function ServiceRecordsPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const can = useCan();
  const me = useSignedIn().user;
  const [q, setQ] = useState<Partial<ServiceRecordListQuery> & { page: number; pageSize: number }>({
    page: 1,
    pageSize: 20,
  });
  const [drawer, setDrawer] = useState<ServiceDrawerState>(null);
  const list = useQuery({
    queryKey: queryKeys.serviceRecords(q),
    queryFn: ({ signal }) => endpoints.serviceRecords(q, signal),
    placeholderData: keepPreviousData,
  });
  const writer = can('services:write');
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
            onChange={(v) => setQ({ ...q, regionCode: v, page: 1 })}
          />
          <Select
            allowClear
            placeholder={t('services.channelPlaceholder')}
            style={{ width: 140 }}
            value={q.channel}
            onChange={(v) => setQ({ ...q, channel: v, page: 1 })}
            options={SERVICE_CHANNELS.map((c) => ({ value: c, label: labelOf(SERVICE_CHANNEL_LABELS, c, lang) }))}
          />
          <DatePicker.RangePicker
            allowEmpty={[true, true]}
            onChange={(v: [Dayjs | null, Dayjs | null] | null) =>
              setQ({ ...q, from: v?.[0]?.format('YYYY-MM-DD'), to: v?.[1]?.format('YYYY-MM-DD'), page: 1 })
            }
          />
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
            onChange: (page, pageSize) => setQ({ ...q, page, pageSize }),
          }}
          emptyText={t('services.empty')}
        />
      </Card>
      <ServiceRecordDrawer state={drawer} onClose={() => setDrawer(null)} />
    </div>
  );
}
