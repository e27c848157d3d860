import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { endpoints, queryKeys } from '../../api/endpoints';
import { useCan } from '../../app/auth';
import { ProblemAlert } from '../../shared/problem-alert';
import { type ServiceDrawerState, ServiceRecordDrawer } from './service-record-drawer';
import { ServiceRecordsTable } from './service-records-table';

/** 服务记录 of one enterprise, on its detail page, with "record a service" for staff who may. */
export function EnterpriseServiceHistory({
  enterpriseId,
  enterpriseName,
}: {
  enterpriseId: string;
  /** the name the form shows; looked up by id when not given */
  enterpriseName?: string | undefined;
}) {
  const { t } = useTranslation();
  const can = useCan();
  const [drawer, setDrawer] = useState<ServiceDrawerState>(null);
  const q = { enterpriseId, page: 1, pageSize: 100 };
  const list = useQuery({
    queryKey: queryKeys.serviceRecords(q),
    queryFn: ({ signal }) => endpoints.serviceRecords(q, signal),
  });
  const writer = can('services:write');
  // The detail page has the enterprise cached already; elsewhere this looks its name up for the form.
  const enterprise = useQuery({
    queryKey: queryKeys.enterprise(enterpriseId),
    queryFn: ({ signal }) => endpoints.enterprise(enterpriseId, false, signal),
    enabled: writer && !enterpriseName,
  });
  const name = enterpriseName ?? enterprise.data?.name ?? '';
  return (
    <Card
      title={t('services.history')}
      data-testid="service-history"
      extra={
        writer ? (
          <Button
            type="primary"
            ghost
            icon={<PlusOutlined />}
            onClick={() => setDrawer({ mode: 'create', enterprise: { id: enterpriseId, name } })}
            data-testid="service-add"
          >
            {t('services.add')}
          </Button>
        ) : null
      }
    >
      {list.error ? <ProblemAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
      <ServiceRecordsTable
        records={list.data?.items ?? []}
        loading={list.isFetching}
        showEnterprise={false}
        onEdit={writer ? (r) => setDrawer({ mode: 'edit', record: r }) : undefined}
        pagination={false}
        emptyText={t('services.historyEmpty')}
      />
      <ServiceRecordDrawer state={drawer} onClose={() => setDrawer(null)} />
    </Card>
  );
}
