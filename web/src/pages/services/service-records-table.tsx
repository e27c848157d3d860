import { SERVICE_CHANNEL_LABELS, SERVICE_TOPIC_LABELS, type ServiceRecord } from '@hexie/core';
import { Button, Space, Table, type TableColumnsType, Tag, Tooltip } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useLang } from '../../app/i18n';
import { labelOf } from '../../shared/format';

/** The records table shared by the records page and an enterprise's service history. */
export function ServiceRecordsTable({
  records,
  loading,
  showEnterprise,
  onEdit,
  pagination,
  emptyText,
}: {
  records: ServiceRecord[];
  loading: boolean;
  showEnterprise: boolean;
  onEdit?: ((r: ServiceRecord) => void) | undefined;
  pagination: false | { current: number; pageSize: number; total: number; onChange: (p: number, s: number) => void };
  emptyText: string;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const columns = useMemo<TableColumnsType<ServiceRecord>>(
    () => [
      { title: t('services.servedOn'), dataIndex: 'servedOn', width: 110 },
      ...(showEnterprise
        ? [
            {
              title: t('services.enterprise'),
              key: 'enterprise',
              width: 260,
              ellipsis: true,
              render: (_: unknown, r: ServiceRecord) => (
                <Space size={4}>
                  <Link to={`/enterprises/${r.enterpriseId}`}>{r.enterpriseName}</Link>
                  {r.newEnterprise ? (
                    <Tooltip title={t('services.newEnterpriseHint')}>
                      <Tag color="green">{t('services.newShort')}</Tag>
                    </Tooltip>
                  ) : null}
                </Space>
              ),
            },
            { title: t('enterprises.region'), dataIndex: 'regionName', width: 130, ellipsis: true },
          ]
        : []),
      {
        title: t('services.channel'),
        dataIndex: 'channel',
        width: 96,
        render: (c: ServiceRecord['channel']) => labelOf(SERVICE_CHANNEL_LABELS, c, lang),
      },
      {
        title: t('services.topics'),
        dataIndex: 'topics',
        width: 200,
        render: (ts: ServiceRecord['topics']) => (
          <Space size={[0, 4]} wrap>
            {ts.map((x) => (
              <Tag key={x}>{labelOf(SERVICE_TOPIC_LABELS, x, lang)}</Tag>
            ))}
          </Space>
        ),
      },
      {
        title: t('services.findings'),
        dataIndex: 'findings',
        ellipsis: true,
        render: (f: string | null) => f ?? t('common.none'),
      },
      {
        title: t('services.experts'),
        dataIndex: 'experts',
        width: 120,
        ellipsis: true,
        render: (xs: ServiceRecord['experts']) => xs.map((x) => x.name).join('、') || t('common.none'),
      },
      ...(onEdit
        ? [
            {
              title: t('common.actions'),
              key: 'actions',
              width: 70,
              render: (_: unknown, r: ServiceRecord) => (
                <Button type="link" size="small" onClick={() => onEdit(r)}>
                  {t('common.edit')}
                </Button>
              ),
            },
          ]
        : []),
    ],
    [t, lang, showEnterprise, onEdit],
  );
  return (
    <Table<ServiceRecord>
      rowKey="id"
      size="middle"
      tableLayout="fixed"
      columns={columns}
      dataSource={records}
      loading={loading}
      scroll={{ x: showEnterprise ? 1100 : 760 }}
      locale={{ emptyText }}
      expandable={{
        expandedRowRender: (r) => (
          <div className="hx-notice-body">
            {r.findings ? <p>{r.findings}</p> : null}
            {r.followUp ? (
              <p>
                {t('services.followUp')}：{r.followUp}
                {r.followUpDue ? `（${r.followUpDue}）` : ''}
              </p>
            ) : null}
            <p className="hx-muted">
              {t('services.recordedBy')}：{r.recordedBy}
            </p>
          </div>
        ),
      }}
      pagination={
        pagination
          ? { ...pagination, showTotal: (total) => t('common.total', { total }), showSizeChanger: false }
          : false
      }
    />
  );
}
