import {
  ApartmentOutlined,
  CheckCircleOutlined,
  ClusterOutlined,
  EnvironmentOutlined,
  LockOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { AUTH_LIMITS, MEMBER_UNIT_LABELS, ROLE_LABELS } from '@hexie/core';
import { useQuery } from '@tanstack/react-query';
import { Card, Col, Empty, Progress, Row, Skeleton, Statistic, Tooltip } from 'antd';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { endpoints, queryKeys } from '../../api/endpoints';
import { useSignedIn } from '../../app/auth';
import { useLang } from '../../app/i18n';
import { labelOf, TIME_ZONE } from '../../shared/format';
import { ProblemAlert } from '../../shared/problem-alert';
import { WarningsPanel } from '../warnings/warnings-panel';
import { EnterpriseHome } from './enterprise-home';
import { ActivityChart, RegionChart } from './home-charts';

function greetingKey(hour: number) {
  if (hour < 9) return 'home.morning' as const;
  if (hour < 11) return 'home.forenoon' as const;
  if (hour < 13) return 'home.noon' as const;
  if (hour < 18) return 'home.afternoon' as const;
  return 'home.evening' as const;
}

interface StatProps {
  testId: string;
  title: ReactNode;
  value: number;
  icon: ReactNode;
  color: string;
  foot?: ReactNode;
}

function StatCard({ testId, title, value, icon, color, foot }: StatProps) {
  return (
    <Card className="hx-stat-card" data-testid={testId}>
      <div className="hx-stat">
        <div className="hx-stat-icon" style={{ color, background: `${color}14` }}>
          {icon}
        </div>
        <div className="hx-stat-body">
          <Statistic title={title} value={value} />
          <div className="hx-stat-foot">{foot ?? '\u00a0'}</div>
        </div>
      </div>
    </Card>
  );
}

/** 首页: an enterprise user's own page, or for staff who I am and the figures of my region. */
export function HomePage() {
  const session = useSignedIn();
  return session.permissions.includes('dashboard:read') ? <RegionHome /> : <EnterpriseHome />;
}

function RegionHome() {
  const { t } = useTranslation();
  const lang = useLang();
  const session = useSignedIn();
  const { user } = session;
  const dashboard = useQuery({ queryKey: queryKeys.dashboard, queryFn: ({ signal }) => endpoints.dashboard(signal) });
  const now = dayjs().tz(TIME_ZONE);
  const unit = labelOf(MEMBER_UNIT_LABELS, user.memberUnit, lang);
  const d = dashboard.data;

  const stats: StatProps[] = d
    ? [
        {
          testId: 'stat-users-total',
          title: t('home.usersTotal'),
          value: d.users.total,
          icon: <TeamOutlined />,
          color: '#1456b8',
          foot: t('home.usersDisabled', { count: d.users.disabled }),
        },
        {
          testId: 'stat-users-active',
          title: t('home.usersActive'),
          value: d.users.active,
          icon: <CheckCircleOutlined />,
          color: '#2f9e44',
          foot: d.users.total ? `${Math.round((d.users.active / d.users.total) * 100)}%` : undefined,
        },
        {
          testId: 'stat-users-locked',
          title: t('home.usersLocked'),
          value: d.users.locked,
          icon: <LockOutlined />,
          color: d.users.locked ? '#d4380d' : '#8c8c8c',
          foot: t('home.lockedFoot', { minutes: AUTH_LIMITS.lockMinutes }),
        },
        ...(d.region.level === 'province'
          ? [
              {
                testId: 'stat-prefectures',
                title: t('home.prefectures'),
                value: d.subregions.prefectures,
                icon: <ApartmentOutlined />,
                color: '#0b3a82',
              },
            ]
          : []),
        {
          testId: 'stat-counties',
          title: t('home.counties'),
          value: d.subregions.counties,
          icon: <EnvironmentOutlined />,
          color: '#7048e8',
          foot: t('home.countiesFoot'),
        },
        {
          testId: 'stat-statistical',
          title: <Tooltip title={t('home.statisticalHint')}>{t('home.statistical')}</Tooltip>,
          value: d.subregions.statistical,
          icon: <ClusterOutlined />,
          color: '#d48806',
          foot: t('home.statisticalFoot'),
        },
      ]
    : [];

  const roleTotal = d?.users.total ?? 0;

  return (
    <div data-testid="home-page">
      <div className="hx-welcome">
        <div>
          <h3>
            {t(greetingKey(now.hour()))}
            {lang === 'zh-CN' ? '，' : ', '}
            {user.displayName}
          </h3>
          <div className="hx-welcome-meta">
            <span className="hx-welcome-chip" data-testid="home-region">
              <EnvironmentOutlined />
              {session.regionName}
            </span>
            <span className="hx-welcome-chip" data-testid="home-role">
              {labelOf(ROLE_LABELS, user.role, lang)}
            </span>
            {unit ? <span className="hx-welcome-chip">{unit}</span> : null}
            <span>{t('home.scope', { region: session.regionName })}</span>
          </div>
        </div>
        <div className="hx-welcome-date">
          {now.format(lang === 'zh-CN' ? 'YYYY年M月D日 dddd' : 'dddd, D MMMM YYYY')}
        </div>
      </div>

      {dashboard.error ? (
        <ProblemAlert
          error={dashboard.error}
          title={t('home.dashboardError')}
          onRetry={() => void dashboard.refetch()}
          testId="dashboard-error"
        />
      ) : null}

      {dashboard.isPending ? (
        <Row gutter={[16, 16]}>
          {[1, 2, 3, 4, 5].map((k) => (
            <Col key={k} flex="1 1 0">
              <Card>
                <Skeleton active paragraph={{ rows: 1 }} />
              </Card>
            </Col>
          ))}
        </Row>
      ) : null}

      {d ? (
        <>
          <Row gutter={[16, 16]} wrap={false}>
            {stats.map((s) => (
              <Col key={s.testId} flex="1 1 0" style={{ minWidth: 0 }}>
                <StatCard {...s} />
              </Col>
            ))}
          </Row>

          {session.permissions.includes('employment:read') ? <WarningsPanel /> : null}

          <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
            <Col xs={24} xl={16}>
              <Card title={t('home.activityTitle')} data-testid="activity-card">
                <ActivityChart activity={d.activity} />
              </Card>
            </Col>
            <Col xs={24} xl={8}>
              <Card title={t('home.byRoleTitle')} style={{ height: '100%' }} data-testid="by-role-card">
                {d.users.byRole.length === 0 ? (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('home.byRoleEmpty')} />
                ) : (
                  d.users.byRole
                    .slice()
                    .sort((a, b) => b.count - a.count)
                    .map((r) => (
                      <div className="hx-role-row" key={r.role}>
                        <span style={{ flex: '0 0 45%' }}>{labelOf(ROLE_LABELS, r.role, lang)}</span>
                        <Progress
                          percent={roleTotal ? Math.round((r.count / roleTotal) * 100) : 0}
                          showInfo={false}
                          size="small"
                          style={{ flex: 1, margin: 0 }}
                        />
                        <b style={{ width: 32, textAlign: 'right' }}>{r.count}</b>
                      </div>
                    ))
                )}
              </Card>
            </Col>
          </Row>

          <Card title={t('home.byRegionTitle')} style={{ marginTop: 16 }} data-testid="by-region-card">
            {d.byRegion.length <= 1 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('home.byRegionEmpty')} />
            ) : (
              <RegionChart byRegion={d.byRegion} selfCode={d.region.code} />
            )}
          </Card>
        </>
      ) : null}
    </div>
  );
}
