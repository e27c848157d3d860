import { AlertOutlined } from '@ant-design/icons';
import { WARNING_SEVERITIES, WARNING_SEVERITY_LABELS } from '@hexie/core';
import { useQuery } from '@tanstack/react-query';
import { Badge, Card, Empty, List, Skeleton, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { warningKeys, warningsApi } from '../../api/warnings';
import { useLang } from '../../app/i18n';
import { formatTime } from '../../shared/format';
import { ProblemAlert } from '../../shared/problem-alert';
import { SeverityTag, StatusTag } from './warning-shared';

const DOT: Record<(typeof WARNING_SEVERITIES)[number], string> = { high: '#cf1322', medium: '#fa8c16', low: '#1677ff' };

/** The home page's 裁员预警 card: open warnings of the caller's region by severity, and the newest few. */
export function WarningsPanel() {
  const { t } = useTranslation();
  const lang = useLang();
  const summary = useQuery({ queryKey: warningKeys.summary, queryFn: ({ signal }) => warningsApi.summary(signal) });
  const s = summary.data;
  return (
    <Card
      title={
        <Space>
          <AlertOutlined style={{ color: '#cf1322' }} />
          {t('warnings.homeTitle')}
          {s ? (
            <span className="hx-muted" style={{ fontWeight: 400 }}>
              {t('warnings.homeOpen', { n: s.open })}
            </span>
          ) : null}
        </Space>
      }
      extra={<Link to="/warnings">{t('warnings.homeAll')}</Link>}
      style={{ marginTop: 16 }}
      data-testid="home-warnings"
    >
      {summary.error ? <ProblemAlert error={summary.error} onRetry={() => void summary.refetch()} /> : null}
      {summary.isPending ? <Skeleton active paragraph={{ rows: 2 }} /> : null}
      {s ? (
        <>
          <Space size="large" wrap style={{ marginBottom: s.latest.length ? 8 : 0 }}>
            {WARNING_SEVERITIES.map((sev) => (
              <Link key={sev} to={`/warnings?severity=${sev}`} data-testid={`home-warnings-${sev}`}>
                <Badge color={DOT[sev]} text={`${WARNING_SEVERITY_LABELS[sev][lang]} ${s.bySeverity[sev]}`} />
              </Link>
            ))}
          </Space>
          {s.latest.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('warnings.homeNone')} />
          ) : (
            <List
              size="small"
              dataSource={s.latest}
              renderItem={(w) => (
                <List.Item key={w.id} style={{ paddingInline: 0 }}>
                  <div style={{ display: 'flex', gap: 8, alignItems: 'baseline', minWidth: 0, width: '100%' }}>
                    <SeverityTag severity={w.severity} />
                    <Link to={`/warnings?id=${w.id}`} className="hx-ellipsis" style={{ flex: 1, minWidth: 0 }}>
                      {w.enterpriseName} · {w.title}
                    </Link>
                    <span className="hx-muted" style={{ whiteSpace: 'nowrap', fontSize: 12 }}>
                      {formatTime(w.raisedAt, 'MM-DD HH:mm')}
                    </span>
                  </div>
                </List.Item>
              )}
            />
          )}
        </>
      ) : null}
    </Card>
  );
}

/** An enterprise's warnings (every status, the open ones first) on its monitoring page. */
export function EnterpriseWarningsCard({ enterpriseId }: { enterpriseId: string }) {
  const { t } = useTranslation();
  const q = { enterpriseId, status: 'all' as const, page: 1, pageSize: 10 };
  const list = useQuery({ queryKey: warningKeys.list(q), queryFn: ({ signal }) => warningsApi.list(q, signal) });
  const items = [...(list.data?.items ?? [])].sort(
    (a, b) => Number(a.status === 'resolved') - Number(b.status === 'resolved'),
  );
  return (
    <Card title={t('warnings.enterpriseTitle')} style={{ marginBottom: 16 }} data-testid="enterprise-warnings">
      {list.error ? <ProblemAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.isPending ? <Skeleton active paragraph={{ rows: 1 }} /> : null}
      {list.data && items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('warnings.enterpriseNone')} />
      ) : null}
      {items.length ? (
        <List
          size="small"
          dataSource={items}
          renderItem={(w) => (
            <List.Item key={w.id} style={{ paddingInline: 0 }}>
              <div style={{ display: 'flex', gap: 8, alignItems: 'baseline', minWidth: 0, width: '100%' }}>
                <SeverityTag severity={w.severity} />
                <Link
                  to={`/warnings?view=all&id=${w.id}`}
                  className="hx-ellipsis"
                  style={{ flex: 1, minWidth: 0 }}
                  title={w.text}
                >
                  {w.title}
                </Link>
                <StatusTag warning={w} />
                <span className="hx-muted" style={{ whiteSpace: 'nowrap', fontSize: 12 }}>
                  {formatTime(w.raisedAt, 'YYYY-MM-DD')}
                </span>
              </div>
            </List.Item>
          )}
        />
      ) : null}
    </Card>
  );
}
