import { ArrowLeftOutlined, EditOutlined, EyeOutlined } from '@ant-design/icons';
import { ENTERPRISE_SOURCE_LABELS, type Enterprise, OWNERSHIP_LABELS, SIZE_CLASS_LABELS } from '@hexie/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Descriptions, Result, Skeleton, Space, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import { endpoints, queryKeys } from '../../api/endpoints';
import { useCan } from '../../app/auth';
import { useLang } from '../../app/i18n';
import { formatTime, labelOf } from '../../shared/format';
import { PageHeader } from '../../shared/page-header';
import { ProblemAlert } from '../../shared/problem-alert';
import { EnterpriseServiceHistory } from '../services/enterprise-service-history';
import { EnterpriseDrawer, type EnterpriseDrawerState } from './enterprise-drawer';

function Money({ value }: { value: number | null }) {
  const { t } = useTranslation();
  return value === null ? (
    <span className="hx-muted">{t('common.none')}</span>
  ) : (
    value.toLocaleString('zh-CN', { maximumFractionDigits: 2 })
  );
}

/** 企业详情: the record, the phone revealed on request (audited), and what has been done for the enterprise. */
export function EnterpriseDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const lang = useLang();
  const can = useCan();
  const qc = useQueryClient();
  const [reveal, setReveal] = useState(false);
  const [drawer, setDrawer] = useState<EnterpriseDrawerState>(null);
  const q = useQuery({
    queryKey: queryKeys.enterprise(id, reveal),
    queryFn: ({ signal }) => endpoints.enterprise(id, reveal, signal),
    retry: (n, err) => !(err instanceof ApiError && err.status < 500) && n < 2,
  });

  if (q.error instanceof ApiError && q.error.status === 404) {
    return (
      <Result
        status="404"
        title={t('enterprises.notFound')}
        extra={
          <Link to="/enterprises">
            <Button type="primary">{t('enterprises.back')}</Button>
          </Link>
        }
      />
    );
  }
  if (q.error)
    return <ProblemAlert error={q.error} title={t('enterprises.loadError')} onRetry={() => void q.refetch()} />;
  if (!q.data) return <Skeleton active />;
  const e: Enterprise = q.data;
  const none = <span className="hx-muted">{t('common.none')}</span>;
  const text = (v: string | null) => v ?? none;

  return (
    <div data-testid="enterprise-detail">
      <PageHeader
        title={
          <Space>
            {e.name}
            {e.sizeClass ? <Tag color="blue">{labelOf(SIZE_CLASS_LABELS, e.sizeClass, lang)}</Tag> : null}
          </Space>
        }
        description={
          <span className="hx-mono" data-testid="enterprise-detail-code">
            {e.creditCode}
          </span>
        }
        extra={
          <Space>
            <Link to="/enterprises">
              <Button icon={<ArrowLeftOutlined />}>{t('enterprises.back')}</Button>
            </Link>
            {can('enterprises:write') ? (
              <Button
                type="primary"
                icon={<EditOutlined />}
                onClick={() => setDrawer({ mode: 'edit', enterprise: e })}
                data-testid="enterprise-detail-edit"
              >
                {t('common.edit')}
              </Button>
            ) : null}
          </Space>
        }
      />
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Card title={t('enterprises.basic')}>
          <Descriptions column={{ xs: 1, md: 2, xl: 3 }} size="small">
            <Descriptions.Item label={t('enterprises.creditCode')}>
              <Typography.Text copyable className="hx-mono">
                {e.creditCode}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('enterprises.region')}>{e.regionName}</Descriptions.Item>
            <Descriptions.Item label={t('enterprises.industry')}>
              {e.industryCode} {e.industryName}
            </Descriptions.Item>
            <Descriptions.Item label={t('enterprises.ownership')}>
              {labelOf(OWNERSHIP_LABELS, e.ownership, lang) || none}
            </Descriptions.Item>
            <Descriptions.Item label={t('enterprises.registeredOn')}>{text(e.registeredOn)}</Descriptions.Item>
            <Descriptions.Item label={t('enterprises.legalRepresentative')}>
              {text(e.legalRepresentative)}
            </Descriptions.Item>
            <Descriptions.Item label={t('enterprises.address')} span={{ xs: 1, md: 2, xl: 3 }}>
              {text(e.address)}
            </Descriptions.Item>
            {e.creditCodeOverrideReason ? (
              <Descriptions.Item label={t('enterprises.overrideReason')} span={{ xs: 1, md: 2, xl: 3 }}>
                {e.creditCodeOverrideReason}
              </Descriptions.Item>
            ) : null}
          </Descriptions>
        </Card>
        <Card title={t('enterprises.scale')}>
          <Descriptions column={{ xs: 1, md: 2, xl: 4 }} size="small">
            <Descriptions.Item label={t('enterprises.employees')}>
              {e.employees === null ? none : t('enterprises.employeesUnit', { n: e.employees.toLocaleString() })}
            </Descriptions.Item>
            <Descriptions.Item label={t('enterprises.revenue')}>
              <Money value={e.revenue} />
            </Descriptions.Item>
            <Descriptions.Item label={t('enterprises.assets')}>
              <Money value={e.assets} />
            </Descriptions.Item>
            <Descriptions.Item label={t('enterprises.sizeClass')}>
              {e.sizeClass ? (
                labelOf(SIZE_CLASS_LABELS, e.sizeClass, lang)
              ) : (
                <Tooltip title={t('enterprises.sizeHint')}>{t('enterprises.sizeUnknown')}</Tooltip>
              )}
            </Descriptions.Item>
          </Descriptions>
        </Card>
        <Card title={t('enterprises.contact')}>
          <Descriptions column={{ xs: 1, md: 2, xl: 3 }} size="small">
            <Descriptions.Item label={t('enterprises.contactName')}>{text(e.contactName)}</Descriptions.Item>
            <Descriptions.Item label={t('enterprises.contactPhone')}>
              <Space>
                <span data-testid="enterprise-phone">{text(e.contactPhone)}</span>
                {e.contactPhoneMasked && can('personal:read') ? (
                  <Tooltip title={t('enterprises.revealHint')}>
                    <Button
                      size="small"
                      type="link"
                      icon={<EyeOutlined />}
                      onClick={() => setReveal(true)}
                      data-testid="enterprise-reveal"
                    >
                      {t('enterprises.reveal')}
                    </Button>
                  </Tooltip>
                ) : null}
              </Space>
            </Descriptions.Item>
          </Descriptions>
        </Card>
        <EnterpriseServiceHistory enterpriseId={e.id} enterpriseName={e.name} />
        <Card title={t('enterprises.record')}>
          <Descriptions column={{ xs: 1, md: 2, xl: 4 }} size="small">
            <Descriptions.Item label={t('enterprises.source')}>
              {labelOf(ENTERPRISE_SOURCE_LABELS, e.source, lang)}
            </Descriptions.Item>
            <Descriptions.Item label={t('enterprises.createdAt')}>
              {formatTime(e.createdAt, 'YYYY-MM-DD HH:mm')}
            </Descriptions.Item>
            <Descriptions.Item label={t('enterprises.updatedAt')}>
              {formatTime(e.updatedAt, 'YYYY-MM-DD HH:mm')}
            </Descriptions.Item>
            <Descriptions.Item label={t('enterprises.version')}>{e.version}</Descriptions.Item>
          </Descriptions>
        </Card>
      </Space>
      <EnterpriseDrawer
        state={drawer}
        onClose={() => setDrawer(null)}
        onSaved={() => void qc.invalidateQueries({ queryKey: queryKeys.enterprises })}
      />
    </div>
  );
}
