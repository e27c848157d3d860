import type { Qa } from '@hexie/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Breadcrumb, Button, Card, Collapse, Empty, Input, Pagination, Skeleton, Space, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { guidanceApi, guidanceKeys, type PublicQaQuery } from '../../api/guidance';
import { searchParamsOf } from '../../shared/list';
import { ProblemAlert } from '../../shared/problem-alert';
import { PortalLayout } from './portal-layout';
import { Highlight, RichText, searchWords } from './rich-text';

const PAGE_SIZE = 15;

function Answer({ qa, words }: { qa: Qa; words: readonly string[] }) {
  const { t } = useTranslation();
  return (
    <div className="gd-answer">
      <RichText text={qa.answer} words={words} />
      {qa.policies.length ? (
        <div style={{ marginTop: 8 }}>
          <span className="hx-muted">{t('guide.citedPolicies')}</span>
          <Space size={[8, 4]} wrap>
            {qa.policies.map((p) => (
              <Link key={p.id} to={`/guide/policies/${p.id}`}>
                《{p.title}》
              </Link>
            ))}
          </Space>
        </div>
      ) : null}
    </div>
  );
}

/** 政策问答: common questions with plain answers and the policies behind them; searchable, by tag. */
export function GuideQaPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const query: PublicQaQuery = {
    q: params.get('q') || undefined,
    tag: params.get('tag') || undefined,
    page: Math.max(1, Number(params.get('page')) || 1),
    pageSize: PAGE_SIZE,
  };
  const openId = params.get('id');
  const [text, setText] = useState(query.q ?? '');
  useEffect(() => setText(query.q ?? ''), [query.q]);
  const [open, setOpen] = useState<string[]>(openId ? [openId] : []);

  const list = useQuery({
    queryKey: guidanceKeys.publicQa(query),
    queryFn: ({ signal }) => guidanceApi.publicQa(query, signal),
    placeholderData: keepPreviousData,
  });
  const tags = useQuery({ queryKey: guidanceKeys.tags, queryFn: ({ signal }) => guidanceApi.tags(signal) });
  // A linked answer (from the home page or a policy) opens first, wherever it sits in the list.
  const linked = useQuery({
    queryKey: ['guidance', 'public', 'qa-one', openId],
    queryFn: ({ signal }) => guidanceApi.publicQaOne(openId ?? '', signal),
    enabled: !!openId,
  });

  const update = (next: Partial<PublicQaQuery>) => {
    const { q, tag, page } = { ...query, page: 1, ...next };
    setParams(searchParamsOf({ q, tag, page }, { page: 1 }));
  };
  const words = searchWords(query.q);
  const first = linked.data && !query.q && !query.tag && query.page === 1 ? linked.data : null;
  const items = first
    ? [first, ...(list.data?.items ?? []).filter((x) => x.id !== first.id)]
    : (list.data?.items ?? []);

  return (
    <PortalLayout>
      <Breadcrumb
        className="gd-crumbs"
        items={[{ title: <Link to="/guide">{t('guide.navHome')}</Link> }, { title: t('guide.navQa') }]}
      />
      <Card>
        <Input.Search
          size="large"
          allowClear
          maxLength={50}
          value={text}
          onChange={(e) => setText(e.target.value)}
          enterButton={t('guide.searchButton')}
          placeholder={t('guide.qaPlaceholder')}
          aria-label={t('guide.qaPlaceholder')}
          onSearch={(v) => update({ q: v.trim() || undefined })}
          data-testid="guide-qa-search"
        />
        <div style={{ margin: '12px 0 16px' }}>
          <Space size={[4, 8]} wrap>
            <Tag.CheckableTag checked={!query.tag} onChange={() => update({ tag: undefined })}>
              {t('common.all')}
            </Tag.CheckableTag>
            {(tags.data?.qa ?? []).map((x) => (
              <Tag.CheckableTag
                key={x.tag}
                checked={query.tag === x.tag}
                onChange={(on) => update({ tag: on ? x.tag : undefined })}
              >
                {x.tag}
              </Tag.CheckableTag>
            ))}
          </Space>
        </div>
        {list.error ? <ProblemAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
        {list.isPending ? (
          <Skeleton active paragraph={{ rows: 8 }} />
        ) : list.data && items.length === 0 ? (
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description={
              query.q || query.tag ? t('guide.noQaMatch', { q: query.q ?? query.tag ?? '' }) : t('guide.noQa')
            }
          >
            {query.q || query.tag ? (
              <Button onClick={() => setParams(new URLSearchParams())}>{t('guide.clearFilters')}</Button>
            ) : null}
          </Empty>
        ) : (
          <Collapse
            data-testid="guide-qa-list"
            activeKey={open}
            onChange={(keys) => setOpen(Array.isArray(keys) ? keys : [keys])}
            items={items.map((x) => ({
              key: x.id,
              label: (
                <span className="gd-q-row">
                  <span className="gd-q-icon">{t('guide.qMark')}</span>
                  <span>
                    <Highlight text={x.question} words={words} />
                  </span>
                </span>
              ),
              extra: (
                <Space size={4} className="gd-no-print">
                  {x.tags.slice(0, 2).map((tag) => (
                    <Tag key={tag} style={{ margin: 0 }}>
                      {tag}
                    </Tag>
                  ))}
                </Space>
              ),
              children: <Answer qa={x} words={words} />,
            }))}
          />
        )}
        {(list.data?.total ?? 0) > PAGE_SIZE ? (
          <Pagination
            style={{ marginTop: 16, textAlign: 'right' }}
            current={query.page}
            pageSize={PAGE_SIZE}
            total={list.data?.total ?? 0}
            showSizeChanger={false}
            onChange={(page) => update({ page })}
          />
        ) : null}
      </Card>
    </PortalLayout>
  );
}
