import { SERVICE_CHANNEL_LABELS, SERVICE_TOPIC_LABELS, type ServiceRecord } from '@hexie/core';
import { Button, Space, Table, type TableColumnsType, Tag, Tooltip } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useLang } from '../../app/i18n';
import { labelOf } from '../../shared/format';

const ELLIPSIS = { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' } as const;

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
      { title: t('services.servedOn'), dataIndex: 'servedOn', width: 104 },
      ...(showEnterprise
        ? [
            {
              title: t('services.enterprise'),
              key: 'enterprise',
              width: 260,
              render: (_: unknown, r: ServiceRecord) => (
                <div>
                  <div style={ELLIPSIS}>
                    <Link to={`/enterprises/${r.enterpriseId}`} title={r.enterpriseName}>
                      {r.enterpriseName}
                    </Link>
                    {r.newEnterprise ? (
                      <Tooltip title={t('services.newEnterpriseHint')}>
                        <Tag color="green" style={{ marginInlineStart: 6 }}>
                          {t('services.newShort')}
                        </Tag>
                      </Tooltip>
                    ) : null}
                  </div>
                  <div className="hx-muted" style={{ ...ELLIPSIS, fontSize: 12 }} title={r.regionName}>
                    {r.regionName}
                  </div>
                </div>
              ),
            },
          ]
        : []),
      {
        title: t('services.channel'),
        dataIndex: 'channel',
        width: 88,
        render: (c: ServiceRecord['channel']) => labelOf(SERVICE_CHANNEL_LABELS, c, lang),
      },
      {
        title: t('services.topics'),
        dataIndex: 'topics',
        width: 180,
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
        ellipsis: { showTitle: false },
        render: (f: string | null) =>
          f ? (
            <Tooltip title={f} placement="topLeft">
              {f}
            </Tooltip>
          ) : (
            <span className="hx-muted">{t('common.none')}</span>
          ),
      },
      {
        title: t('services.experts'),
        dataIndex: 'experts',
        width: 120,
        ellipsis: { showTitle: false },
        render: (xs: ServiceRecord['experts']) => {
          const names = xs.map((x) => x.name).join('、');
          return names ? (
            <Tooltip title={names}>{names}</Tooltip>
          ) : (
            <span className="hx-muted">{t('common.none')}</span>
          );
        },
      },
      ...(onEdit
        ? [
            {
              title: t('common.actions'),
              key: 'actions',
              width: 64,
              fixed: 'right' as const,
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
      scroll={{ x: showEnterprise ? 1000 : 760 }}
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
