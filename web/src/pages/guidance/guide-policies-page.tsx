import {
  POLICY_LEVEL_LABELS,
  POLICY_LEVELS,
  POLICY_STATUS_LABELS,
  POLICY_STATUSES,
  type PolicyLevel,
  type PolicyStatus,
} from '@hexie/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Breadcrumb, Button, Card, Col, Empty, Input, List, Radio, Row, Space, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { guidanceApi, guidanceKeys, type PublicPolicyQuery } from '../../api/guidance';
import { useLang } from '../../app/i18n';
import { labelOf } from '../../shared/format';
import { searchParamsOf } from '../../shared/list';
import { ProblemAlert } from '../../shared/problem-alert';
import { LevelTag, StatusTag } from './guide-shared';
import { PortalLayout } from './portal-layout';
import { Highlight, searchWords } from './rich-text';

const PAGE_SIZE = 10;

function parse(params: URLSearchParams): PublicPolicyQuery {
  const level = params.get('level');
  const status = params.get('status');
  return {
    q: params.get('q') || undefined,
    tag: params.get('tag') || undefined,
    level: (POLICY_LEVELS as readonly string[]).includes(level ?? '') ? (level as PolicyLevel) : undefined,
    status: (POLICY_STATUSES as readonly string[]).includes(status ?? '') ? (status as PolicyStatus) : undefined,
    page: Math.max(1, Number(params.get('page')) || 1),
    pageSize: PAGE_SIZE,
  };
}

/** 政策库: search any part of a title, 文号 or text (no spaces needed), filter by level, force and tag. */
export function GuidePoliciesPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const [params, setParams] = useSearchParams();
  const query = parse(params);
  const [text, setText] = useState(query.q ?? '');
  useEffect(() => setText(query.q ?? ''), [query.q]);

  const list = useQuery({
    queryKey: guidanceKeys.publicPolicies(query),
    queryFn: ({ signal }) => guidanceApi.publicPolicies(query, signal),
    placeholderData: keepPreviousData,
  });
  const tags = useQuery({ queryKey: guidanceKeys.tags, queryFn: ({ signal }) => guidanceApi.tags(signal) });

  const update = (next: Partial<PublicPolicyQuery>) => {
    const { q, level, status, tag, page } = { ...query, page: 1, ...next };
    setParams(searchParamsOf({ q, level, status, tag, page }, { page: 1 }));
  };
  const words = searchWords(query.q);
  const filtered = !!(query.q || query.level || query.status || query.tag);

  return (
    <PortalLayout>
      <Breadcrumb
        className="gd-crumbs"
        items={[{ title: <Link to="/guide">{t('guide.navHome')}</Link> }, { title: t('guide.navPolicies') }]}
      />
      <Row gutter={[20, 20]}>
        <Col xs={24} lg={6}>
          <Card title={t('guide.filters')} size="small">
            <div className="hx-muted" style={{ marginBottom: 6 }}>
              {t('guide.level')}
            </div>
            <Radio.Group
              value={query.level ?? ''}
              onChange={(e) => update({ level: (e.target.value as PolicyLevel) || undefined })}
              optionType="button"
              size="small"
              options={[
                { value: '', label: t('common.all') },
                ...POLICY_LEVELS.map((l) => ({ value: l, label: labelOf(POLICY_LEVEL_LABELS, l, lang) })),
              ]}
              data-testid="guide-filter-level"
            />
            <div className="hx-muted" style={{ margin: '16px 0 6px' }}>
              {t('guide.status')}
            </div>
            <Radio.Group
              value={query.status ?? ''}
              onChange={(e) => update({ status: (e.target.value as PolicyStatus) || undefined })}
              optionType="button"
              size="small"
              options={[
                { value: '', label: t('common.all') },
                ...POLICY_STATUSES.map((s) => ({ value: s, label: labelOf(POLICY_STATUS_LABELS, s, lang) })),
              ]}
            />
            <div className="hx-muted" style={{ margin: '16px 0 6px' }}>
              {t('guide.tags')}
            </div>
            <Space size={[4, 8]} wrap>
              {(tags.data?.policies ?? []).map((x) => (
                <Tag.CheckableTag
                  key={x.tag}
                  checked={query.tag === x.tag}
                  onChange={(on) => update({ tag: on ? x.tag : undefined })}
                >
                  {x.tag} ({x.count})
                </Tag.CheckableTag>
              ))}
            </Space>
          </Card>
        </Col>
        <Col xs={24} lg={18}>
          <Card>
            <Input.Search
              size="large"
              allowClear
              maxLength={50}
              value={text}
              onChange={(e) => setText(e.target.value)}
              enterButton={t('guide.searchButton')}
              placeholder={t('guide.searchPlaceholder')}
              aria-label={t('guide.searchPlaceholder')}
              onSearch={(v) => update({ q: v.trim() || undefined })}
              data-testid="guide-policy-search"
            />
            <div className="hx-muted" style={{ margin: '12px 0 0' }} data-testid="guide-policy-total">
              {list.data
                ? query.q
                  ? t('guide.foundFor', { q: query.q, total: list.data.total })
                  : t('guide.foundAll', { total: list.data.total })
                : t('common.loading')}
            </div>
            {list.error ? (
              <div style={{ marginTop: 16 }}>
                <ProblemAlert error={list.error} onRetry={() => void list.refetch()} testId="guide-policy-error" />
              </div>
            ) : null}
            <List
              loading={list.isFetching}
              dataSource={list.data?.items ?? []}
              data-testid="guide-policy-list"
              locale={{
                emptyText: (
                  <Empty
                    image={Empty.PRESENTED_IMAGE_SIMPLE}
                    description={filtered ? t('guide.noMatch', { q: query.q ?? '' }) : t('guide.noPolicies')}
                  >
                    {filtered ? (
                      <Button onClick={() => setParams(new URLSearchParams())}>{t('guide.clearFilters')}</Button>
                    ) : null}
                  </Empty>
                ),
              }}
              pagination={
                (list.data?.total ?? 0) > PAGE_SIZE
                  ? {
                      current: query.page,
                      pageSize: PAGE_SIZE,
                      total: list.data?.total ?? 0,
                      showSizeChanger: false,
                      onChange: (page) => update({ page }),
                    }
                  : false
              }
              renderItem={(p) => (
                <List.Item className="gd-result" key={p.id}>
                  <Link
                    to={`/guide/policies/${p.id}${query.q ? `?q=${encodeURIComponent(query.q)}` : ''}`}
                    className="gd-result-title"
                    data-testid="guide-policy-link"
                  >
                    <Highlight text={p.title} words={words} />
                  </Link>
                  <div className="gd-result-meta">
                    <span>
                      <LevelTag level={p.level} />
                      <StatusTag status={p.status} />
                    </span>
                    <span>{p.issuer}</span>
                    {p.docNumber ? (
                      <span>
                        <Highlight text={p.docNumber} words={words} />
                      </span>
                    ) : null}
                    {p.issuedOn ? <span>{t('guide.issuedOnShort', { date: p.issuedOn })}</span> : null}
                    {p.effectiveOn ? <span>{t('guide.effectiveOnShort', { date: p.effectiveOn })}</span> : null}
                  </div>
                  {p.summary ? (
                    <div className="gd-result-summary">
                      <Highlight text={p.summary} words={words} />
                    </div>
                  ) : null}
                </List.Item>
              )}
            />
          </Card>
        </Col>
      </Row>
    </PortalLayout>
  );
}
