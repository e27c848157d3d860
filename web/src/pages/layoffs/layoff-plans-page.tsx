import { PlusOutlined } from '@ant-design/icons';
import {
  ABILITY_RATING_LABELS,
  ABILITY_RATINGS,
  type AbilityRating,
  formatYuan,
  type LayoffPlanListQuery,
  type LayoffPlanSummary,
} from '@hexie/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Badge, Button, Card, Input, Segmented, Select, Space, Table, type TableColumnsType, Tag, Tooltip } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { layoffKeys, layoffsApi } from '../../api/layoffs';
import { useCan } from '../../app/auth';
import { useLang } from '../../app/i18n';
import { ExportButton } from '../../shared/export-button';
import { listPagination, pageOfParams, searchParamsOf } from '../../shared/list';
import { PageHeader } from '../../shared/page-header';
import { ProblemAlert } from '../../shared/problem-alert';
import { RatingTag, StepTags } from './layoff-shared';

type View = 'all' | 'art41' | 'missing' | 'notArt41';
type Query = { view: View; q?: string | undefined; rating?: AbilityRating | undefined; page: number; pageSize: number };

function queryOf(params: URLSearchParams): Query {
  const rating = params.get('rating');
  return {
    view: (['all', 'art41', 'missing', 'notArt41'] as const).find((v) => v === params.get('view')) ?? 'all',
    q: params.get('q') || undefined,
    rating: ABILITY_RATINGS.includes(rating as AbilityRating) ? (rating as AbilityRating) : undefined,
    ...pageOfParams(params),
  };
}

/** 裁员方案: the region's plans with what the rules say of each (第四十一条, missing steps, ability to pay). */
export function LayoffPlansPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const can = useCan();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const q = useMemo(() => queryOf(params), [params]);
  const update = (next: Partial<Query>) =>
    setParams(searchParamsOf({ ...q, page: 1, ...next }, { page: 1, pageSize: 20, view: 'all' }));
  const api: Partial<LayoffPlanListQuery> = {
    q: q.q,
    rating: q.rating,
    art41: q.view === 'art41' ? 'true' : q.view === 'notArt41' ? 'false' : undefined,
    stepsMissing: q.view === 'missing' ? 'true' : undefined,
    page: q.page,
    pageSize: q.pageSize,
  };
  const list = useQuery({
    queryKey: layoffKeys.list(api),
    queryFn: ({ signal }) => layoffsApi.list(api, signal),
    placeholderData: keepPreviousData,
  });
  const columns: TableColumnsType<LayoffPlanSummary> = [
    {
      title: t('layoffPlans.enterprise'),
      key: 'enterprise',
      render: (_, p) => (
        <div style={{ minWidth: 0 }}>
          <Link to={`/layoffs/${p.id}`} className="lp-ellipsis" style={{ display: 'block' }} data-testid="plan-link">
            {p.enterpriseName}
          </Link>
          <div className="hx-muted lp-ellipsis" style={{ fontSize: 12 }}>
            {p.regionName} · {t('layoffPlans.yearOf', { year: p.year })}
          </div>
        </div>
      ),
    },
    {
      title: t('layoffPlans.layoffsColumn'),
      key: 'layoffs',
      width: 150,
      render: (_, p) => (
        <div>
          <div>
            {t('layoffPlans.layoffsOf', { n: p.plannedLayoffs, of: p.employees })}
            <span className="hx-muted"> · {(p.share * 100).toFixed(1)}%</span>
          </div>
          {p.art41Applies ? (
            <Tag color="orange" style={{ marginTop: 4 }}>
              {t('layoffPlans.art41')}
            </Tag>
          ) : null}
        </div>
      ),
    },
    { title: t('layoffPlans.plannedOn'), dataIndex: 'plannedOn', width: 110 },
    {
      title: t('layoffPlans.steps'),
      key: 'steps',
      width: 200,
      render: (_, p) => <StepTags steps={p.steps} />,
    },
    {
      title: t('layoffPlans.severanceTotal'),
      key: 'severance',
      width: 130,
      align: 'right',
      render: (_, p) =>
        p.severanceTotal === null ? (
          <span className="hx-muted">—</span>
        ) : (
          <span className="lp-money">{formatYuan(p.severanceTotal)}</span>
        ),
    },
    {
      title: t('layoffPlans.rating'),
      key: 'rating',
      width: 150,
      render: (_, p) => <RatingTag rating={p.rating} />,
    },
    {
      title: t('layoffPlans.warnings'),
      key: 'warnings',
      width: 90,
      render: (_, p) => {
        const high = p.warnings.filter((w) => w.severity === 'high').length;
        if (!p.warnings.length) return <span className="hx-muted">{t('layoffPlans.none')}</span>;
        return (
          <Tooltip title={p.warnings.map((w) => w.message[lang]).join('\n')}>
            <Badge
              count={p.warnings.length}
              color={high ? '#cf1322' : '#fa8c16'}
              showZero={false}
              data-testid="plan-warning-count"
            />
          </Tooltip>
        );
      },
    },
  ];
  const filtered = !!(q.q || q.rating || q.view !== 'all');
  return (
    <div data-testid="layoff-plans-page">
      <PageHeader
        title={t('layoffPlans.title')}
        description={t('layoffPlans.description')}
        extra={
          <Space wrap>
            <ExportButton
              path="/layoff-plans/export"
              filters={{ q: api.q, rating: api.rating, art41: api.art41, stepsMissing: api.stepsMissing }}
              testId="plan-export"
            />
            {can('employment:write') ? (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => void navigate('/layoffs/new')}
                data-testid="plan-new"
              >
                {t('layoffPlans.new')}
              </Button>
            ) : null}
          </Space>
        }
      />
      <Card>
        <Space wrap style={{ marginBottom: 16 }}>
          <Segmented
            value={q.view}
            onChange={(v) => update({ view: v as View })}
            options={[
              { value: 'all', label: t('layoffPlans.viewAll') },
              { value: 'art41', label: t('layoffPlans.viewArt41') },
              { value: 'missing', label: t('layoffPlans.viewMissing') },
              { value: 'notArt41', label: t('layoffPlans.viewNotArt41') },
            ]}
            data-testid="plan-view"
          />
          <Select
            allowClear
            placeholder={t('layoffPlans.ratingPlaceholder')}
            style={{ width: 200 }}
            value={q.rating}
            onChange={(v: AbilityRating | undefined) => update({ rating: v })}
            options={ABILITY_RATINGS.map((r) => ({ value: r, label: ABILITY_RATING_LABELS[r][lang] }))}
            data-testid="plan-filter-rating"
          />
          <Input.Search
            allowClear
            defaultValue={q.q}
            placeholder={t('layoffPlans.searchPlaceholder')}
            style={{ width: 260 }}
            onSearch={(v) => update({ q: v.trim() || undefined })}
            data-testid="plan-search"
          />
          {filtered ? (
            <Button onClick={() => setParams(new URLSearchParams())} data-testid="plan-reset">
              {t('common.reset')}
            </Button>
          ) : null}
        </Space>
        {list.error ? <ProblemAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
        <Table<LayoffPlanSummary>
          rowKey="id"
          size="middle"
          tableLayout="fixed"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          scroll={{ x: 1000 }}
          locale={{ emptyText: filtered ? t('layoffPlans.emptyFiltered') : t('layoffPlans.empty') }}
          pagination={listPagination(t, q, list.data, (page, pageSize) => update({ page, pageSize }))}
          data-testid="plan-table"
        />
      </Card>
    </div>
  );
}
