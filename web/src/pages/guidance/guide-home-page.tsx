import { CheckCircleOutlined, FileSearchOutlined, RightOutlined } from '@ant-design/icons';
import { SELFCHECK_AREA_LABELS, SELFCHECK_AREAS } from '@hexie/core';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Empty, Input, Row, Skeleton, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { guidanceApi, guidanceKeys } from '../../api/guidance';
import { ProblemAlert } from '../../shared/problem-alert';
import { HOT_WORDS } from './guide-shared';
import { PortalLayout } from './portal-layout';

const LATEST = { page: 1, pageSize: 8 };
const COMMON_QA = { page: 1, pageSize: 8 };

/** 政策服务首页: search, the latest policies, common questions, and the way into the risk self-check. */
export function GuideHomePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const latest = useQuery({
    queryKey: guidanceKeys.publicPolicies(LATEST),
    queryFn: ({ signal }) => guidanceApi.publicPolicies(LATEST, signal),
  });
  const qa = useQuery({
    queryKey: guidanceKeys.publicQa(COMMON_QA),
    queryFn: ({ signal }) => guidanceApi.publicQa(COMMON_QA, signal),
  });
  const search = (q: string) => {
    const v = q.trim();
    void navigate(v ? `/guide/policies?q=${encodeURIComponent(v)}` : '/guide/policies');
  };

  return (
    <PortalLayout>
      <section className="gd-hero" data-testid="guide-home">
        <h2>{t('guide.heroTitle')}</h2>
        <div className="gd-hero-hint">{t('guide.heroHint')}</div>
        <Input.Search
          size="large"
          allowClear
          maxLength={50}
          enterButton={t('guide.searchButton')}
          placeholder={t('guide.searchPlaceholder')}
          aria-label={t('guide.searchPlaceholder')}
          onSearch={search}
          data-testid="guide-home-search"
        />
        <div className="gd-hot">
          <span>{t('guide.hotWords')}</span>
          {HOT_WORDS.map((w) => (
            <Tag key={w} color="blue" onClick={() => search(w)}>
              {w}
            </Tag>
          ))}
        </div>
      </section>

      <Row gutter={[20, 20]}>
        <Col xs={24} lg={9}>
          <Card
            title={<span className="gd-section-title">{t('guide.latestPolicies')}</span>}
            extra={
              <Link to="/guide/policies">
                {t('guide.more')} <RightOutlined />
              </Link>
            }
            style={{ height: '100%' }}
          >
            {latest.error ? (
              <ProblemAlert error={latest.error} onRetry={() => void latest.refetch()} />
            ) : !latest.data ? (
              <Skeleton active paragraph={{ rows: 6 }} />
            ) : latest.data.items.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('guide.noPolicies')} />
            ) : (
              <ul className="gd-line-list" data-testid="guide-latest">
                {latest.data.items.map((p) => (
                  <li key={p.id}>
                    <Link to={`/guide/policies/${p.id}`} title={p.title}>
                      {p.title}
                    </Link>
                    <span className="gd-line-date">{p.issuedOn ?? p.effectiveOn ?? ''}</span>
                  </li>
                ))}
              </ul>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card
            title={<span className="gd-section-title">{t('guide.commonQa')}</span>}
            extra={
              <Link to="/guide/qa">
                {t('guide.more')} <RightOutlined />
              </Link>
            }
            style={{ height: '100%' }}
          >
            {qa.error ? (
              <ProblemAlert error={qa.error} onRetry={() => void qa.refetch()} />
            ) : !qa.data ? (
              <Skeleton active paragraph={{ rows: 6 }} />
            ) : qa.data.items.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('guide.noQa')} />
            ) : (
              <ul className="gd-line-list" data-testid="guide-common-qa">
                {qa.data.items.map((x) => (
                  <li key={x.id}>
                    <span className="gd-q-icon">{t('guide.qMark')}</span>
                    <Link to={`/guide/qa?id=${x.id}`} title={x.question}>
                      {x.question}
                    </Link>
                  </li>
                ))}
              </ul>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={7}>
          <Card className="gd-check-card">
            <FileSearchOutlined style={{ fontSize: 36, color: '#d48806' }} />
            <h3>{t('guide.checkTitle')}</h3>
            <div>{t('guide.checkText')}</div>
            <ul className="gd-check-points">
              <li>
                {t('guide.checkPoint1', { areas: SELFCHECK_AREAS.map((a) => SELFCHECK_AREA_LABELS[a]).join('、') })}
              </li>
              <li>{t('guide.checkPoint2')}</li>
              <li>{t('guide.checkPoint3')}</li>
            </ul>
            <Link to="/guide/self-check">
              <Button type="primary" size="large" icon={<CheckCircleOutlined />} block data-testid="guide-start-check">
                {t('guide.checkStart')}
              </Button>
            </Link>
          </Card>
        </Col>
      </Row>
    </PortalLayout>
  );
}
