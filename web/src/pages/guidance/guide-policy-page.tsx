import { PrinterOutlined } from '@ant-design/icons';
import { POLICY_LEVEL_LABELS } from '@hexie/core';
import { useQuery } from '@tanstack/react-query';
import { Breadcrumb, Button, Card, Descriptions, Result, Skeleton, Space, Tag } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client';
import { guidanceApi, guidanceKeys } from '../../api/guidance';
import { useLang } from '../../app/i18n';
import { labelOf } from '../../shared/format';
import { ProblemAlert } from '../../shared/problem-alert';
import { StatusTag } from './guide-shared';
import { PortalLayout } from './portal-layout';
import { RichText, searchWords } from './rich-text';

/** 政策全文: a readable, printable article with its particulars and the answers that cite it. */
export function GuidePolicyPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const words = searchWords(params.get('q'));
  const policy = useQuery({
    queryKey: guidanceKeys.publicPolicy(id),
    queryFn: ({ signal }) => guidanceApi.publicPolicy(id, signal),
    retry: (n, err) => !(err instanceof ApiError && err.status < 500) && n < 2,
  });
  const related = useQuery({
    queryKey: guidanceKeys.publicQa({ policyId: id, page: 1, pageSize: 10 }),
    queryFn: ({ signal }) => guidanceApi.publicQa({ policyId: id, page: 1, pageSize: 10 }, signal),
    enabled: !!policy.data,
  });
  const p = policy.data;
  useEffect(() => {
    if (p) document.title = `${p.title} · ${t('app.titleSuffix')}`;
  }, [p, t]);

  const crumbs = (
    <Breadcrumb
      className="gd-crumbs gd-no-print"
      items={[
        { title: <Link to="/guide">{t('guide.navHome')}</Link> },
        { title: <Link to="/guide/policies">{t('guide.navPolicies')}</Link> },
        { title: p?.title ?? t('guide.policy') },
      ]}
    />
  );

  if (policy.error) {
    const missing =
      policy.error instanceof ApiError && (policy.error.status === 404 || policy.error.code === 'validation_failed');
    return (
      <PortalLayout>
        {crumbs}
        <Card>
          {missing ? (
            <Result
              status="404"
              title={t('guide.policyMissing')}
              subTitle={t('guide.policyMissingText')}
              extra={
                <Link to="/guide/policies">
                  <Button type="primary">{t('guide.backToPolicies')}</Button>
                </Link>
              }
              data-testid="guide-policy-missing"
            />
          ) : (
            <ProblemAlert error={policy.error} onRetry={() => void policy.refetch()} />
          )}
        </Card>
      </PortalLayout>
    );
  }

  // The seed's bodies open with the summary: show it once.
  const showSummary = !!p?.summary && !p.body.startsWith(p.summary);
  return (
    <PortalLayout>
      {crumbs}
      <Card className="gd-article" data-testid="guide-policy">
        {!p ? (
          <Skeleton active paragraph={{ rows: 10 }} />
        ) : (
          <article>
            <div className="gd-print-only hx-muted">{t('app.fullName')}</div>
            <h1 data-testid="guide-policy-title">{p.title}</h1>
            <div className="gd-article-number">{p.docNumber ?? ''}</div>
            <Descriptions
              bordered
              size="small"
              column={{ xs: 1, sm: 2 }}
              items={[
                { key: 'issuer', label: t('guide.issuer'), children: p.issuer, span: 2 },
                { key: 'docNumber', label: t('guide.docNumber'), children: p.docNumber ?? t('guide.unknown') },
                { key: 'level', label: t('guide.level'), children: labelOf(POLICY_LEVEL_LABELS, p.level, lang) },
                { key: 'issuedOn', label: t('guide.issuedOn'), children: p.issuedOn ?? t('guide.unknown') },
                { key: 'effectiveOn', label: t('guide.effectiveOn'), children: p.effectiveOn ?? t('guide.unknown') },
                { key: 'status', label: t('guide.status'), children: <StatusTag status={p.status} /> },
                {
                  key: 'tags',
                  label: t('guide.tags'),
                  children: p.tags.length ? p.tags.map((x) => <Tag key={x}>{x}</Tag>) : t('common.none'),
                },
              ]}
            />
            {showSummary ? (
              <div className="gd-note" style={{ marginTop: 20 }}>
                <b>{t('guide.summary')}</b>
                {p.summary}
              </div>
            ) : null}
            <div className="gd-article-body" data-testid="guide-policy-body">
              <RichText text={p.body} words={words} />
            </div>
            <div className="gd-note">{t('guide.disclaimer')}</div>
            <Space className="gd-no-print" style={{ marginTop: 20 }}>
              <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
                {t('guide.print')}
              </Button>
              <Link to="/guide/policies">
                <Button>{t('guide.backToPolicies')}</Button>
              </Link>
            </Space>
          </article>
        )}
      </Card>
      {related.data?.items.length ? (
        <Card
          className="gd-article gd-no-print"
          style={{ marginTop: 20 }}
          title={<span className="gd-section-title">{t('guide.relatedQa')}</span>}
        >
          <ul className="gd-line-list">
            {related.data.items.map((x) => (
              <li key={x.id}>
                <span className="gd-q-icon">{t('guide.qMark')}</span>
                <Link to={`/guide/qa?id=${x.id}`}>{x.question}</Link>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
    </PortalLayout>
  );
}
