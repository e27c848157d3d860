import { DISPUTE_TYPE_LABELS, type MediationStatsQuery, type MediationStatsRow } from '@hexie/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  Card,
  Col,
  DatePicker,
  Row,
  Segmented,
  Skeleton,
  Space,
  Statistic,
  Table,
  type TableColumnsType,
  Tag,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { mediationApi, mediationKeys } from '../../api/mediation';
import { useSignedIn } from '../../app/auth';
import { useLang } from '../../app/i18n';
import { Chart, type ChartOption } from '../../shared/chart';
import { ExportButton } from '../../shared/export-button';
import { labelOf } from '../../shared/format';
import { searchParamsOf } from '../../shared/list';
import { PageHeader } from '../../shared/page-header';
import { ProblemAlert } from '../../shared/problem-alert';
import { RegionSelect } from '../../shared/region-select';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);

/** The rate with its n, marked against the plan's 60%. */
function Rate({ row, target }: { row: MediationStatsRow; target: number }) {
  const { rate, n } = row.successRate;
  return (
    <span>
      <span style={{ color: rate === null ? undefined : rate >= target ? '#389e0d' : '#cf1322', fontWeight: 600 }}>
        {pct(rate)}
      </span>{' '}
      <span className="hx-muted">n={n}</span>
    </span>
  );
}

/** 调解统计: cases received in a period, by region or organisation, against the 60% target; exported to xlsx. */
export function MediationStatsPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const me = useSignedIn().user;
  const [params, setParams] = useSearchParams();
  const q: MediationStatsQuery = useMemo(() => {
    const from = params.get('from');
    const to = params.get('to');
    return {
      from: from && DATE.test(from) ? from : undefined,
      to: to && DATE.test(to) ? to : undefined,
      regionCode: params.get('regionCode') ?? undefined,
      by: params.get('by') === 'org' ? 'org' : 'region',
    };
  }, [params]);
  const update = (next: Partial<MediationStatsQuery>) => setParams(searchParamsOf({ ...q, ...next }, { by: 'region' }));
  const stats = useQuery({
    queryKey: mediationKeys.stats(q),
    queryFn: ({ signal }) => mediationApi.stats(q, signal),
    placeholderData: keepPreviousData,
  });
  const s = stats.data;
  const columns: TableColumnsType<MediationStatsRow> = [
    {
      title: q.by === 'org' ? t('mediation.org') : t('mediationStats.region'),
      dataIndex: 'name',
      width: 200,
      ellipsis: true,
    },
    { title: t('mediationStats.received'), dataIndex: 'received', width: 90, align: 'right' },
    { title: t('mediationStats.agreement'), dataIndex: 'agreement', width: 90, align: 'right' },
    { title: t('mediationStats.failed'), dataIndex: 'failed', width: 90, align: 'right' },
    { title: t('mediationStats.overdue'), dataIndex: 'overdue', width: 80, align: 'right' },
    {
      title: t('mediationStats.withdrawnRejected'),
      key: 'wr',
      width: 100,
      align: 'right',
      render: (_, r) => r.withdrawn + r.rejected,
    },
    { title: t('mediationStats.open'), dataIndex: 'open', width: 70, align: 'right' },
    {
      title: t('mediationStats.rate'),
      key: 'rate',
      width: 140,
      render: (_, r) => <Rate row={r} target={s?.target ?? 0.6} />,
    },
    {
      title: t('mediationStats.avgDays'),
      dataIndex: 'avgDaysToClose',
      width: 100,
      align: 'right',
      render: (v: number | null) => (v === null ? '—' : v),
    },
  ];
  const chart: ChartOption | null = s
    ? {
        grid: { left: 48, right: 16, top: 32, bottom: 80 },
        tooltip: { trigger: 'axis' },
        legend: { top: 0 },
        xAxis: { type: 'category', data: s.rows.map((r) => r.name), axisLabel: { rotate: 40, interval: 0 } },
        yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
        series: [
          {
            type: 'bar',
            name: t('mediationStats.rate'),
            data: s.rows.map((r) => (r.successRate.rate === null ? null : Math.round(r.successRate.rate * 1000) / 10)),
            itemStyle: { color: '#1456b8' },
          },
          {
            type: 'line',
            name: t('mediationStats.target'),
            data: s.rows.map(() => s.target * 100),
            symbol: 'none',
            lineStyle: { type: 'dashed', color: '#cf1322' },
            itemStyle: { color: '#cf1322' },
          },
        ],
      }
    : null;
  return (
    <div data-testid="mediation-stats-page">
      <PageHeader
        title={t('mediationStats.title')}
        description={t('mediationStats.description')}
        extra={<ExportButton path="/mediation/stats/export" filters={{ ...q }} testId="mediation-stats-export" />}
      />
      <Card style={{ marginBottom: 16 }}>
        <Space wrap>
          <DatePicker.RangePicker
            value={[s ? dayjs(s.from) : null, s ? dayjs(s.to) : null]}
            disabledDate={(d) => d.isAfter(dayjs(), 'day')}
            allowClear={false}
            onChange={(v: [Dayjs | null, Dayjs | null] | null) =>
              update({ from: v?.[0]?.format('YYYY-MM-DD'), to: v?.[1]?.format('YYYY-MM-DD') })
            }
          />
          <RegionSelect
            root={me.regionCode}
            allowClear
            placeholder={t('enterprises.regionPlaceholder')}
            style={{ width: 200 }}
            value={q.regionCode}
            onChange={(v) => update({ regionCode: v })}
          />
          <Segmented
            value={q.by}
            onChange={(v) => update({ by: v as 'region' | 'org' })}
            options={[
              { value: 'region', label: t('mediationStats.byRegion') },
              { value: 'org', label: t('mediationStats.byOrg') },
            ]}
            data-testid="mediation-stats-by"
          />
        </Space>
      </Card>
      {stats.error ? <ProblemAlert error={stats.error} onRetry={() => void stats.refetch()} /> : null}
      {stats.isPending ? <Skeleton active /> : null}
      {s ? (
        <>
          <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
            <Col xs={12} md={6}>
              <Card>
                <Statistic title={t('mediationStats.received')} value={s.total.received} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card data-testid="mediation-stats-agreement">
                <Statistic title={t('mediationStats.agreement')} value={s.total.agreement} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card data-testid="mediation-stats-rate">
                <Statistic
                  title={t('mediationStats.rateWithTarget', { target: pct(s.target) })}
                  value={pct(s.total.successRate.rate)}
                  styles={{
                    content: {
                      color:
                        s.total.successRate.rate === null
                          ? undefined
                          : s.total.successRate.rate >= s.target
                            ? '#389e0d'
                            : '#cf1322',
                    },
                  }}
                  suffix={
                    <span className="hx-muted" style={{ fontSize: 14 }}>
                      n={s.total.successRate.n}
                    </span>
                  }
                />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card>
                <Statistic
                  title={t('mediationStats.overdueAndAvg')}
                  value={s.total.overdue}
                  suffix={
                    <span className="hx-muted" style={{ fontSize: 14 }}>
                      · {t('mediationStats.avgDaysShort', { days: s.total.avgDaysToClose ?? '—' })}
                    </span>
                  }
                />
              </Card>
            </Col>
          </Row>
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={16}>
              <Card title={t('mediationStats.rateChart')}>
                {s.rows.length && chart ? (
                  <Chart option={chart} style={{ height: 320 }} testId="mediation-stats-chart" />
                ) : (
                  <span className="hx-muted">{t('mediationStats.empty')}</span>
                )}
              </Card>
            </Col>
            <Col xs={24} xl={8}>
              <Card title={t('mediationStats.disputeTypes')}>
                <Space size={[8, 8]} wrap>
                  {s.disputeTypes.length
                    ? s.disputeTypes.map((d) => (
                        <Tag key={d.type}>
                          {labelOf(DISPUTE_TYPE_LABELS, d.type, lang)} {d.cases}
                        </Tag>
                      ))
                    : t('mediationStats.empty')}
                </Space>
              </Card>
            </Col>
          </Row>
          <Card style={{ marginTop: 16 }}>
            <Table<MediationStatsRow>
              rowKey="key"
              size="small"
              tableLayout="fixed"
              scroll={{ x: 960 }}
              columns={columns}
              dataSource={s.rows}
              pagination={false}
              locale={{ emptyText: t('mediationStats.empty') }}
              summary={() => (
                <Table.Summary.Row style={{ fontWeight: 600 }}>
                  <Table.Summary.Cell index={0}>{t('mediationStats.total')}</Table.Summary.Cell>
                  <Table.Summary.Cell index={1} align="right">
                    {s.total.received}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={2} align="right">
                    {s.total.agreement}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={3} align="right">
                    {s.total.failed}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={4} align="right">
                    {s.total.overdue}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={5} align="right">
                    {s.total.withdrawn + s.total.rejected}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={6} align="right">
                    {s.total.open}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={7}>
                    <Rate row={s.total} target={s.target} />
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={8} align="right">
                    {s.total.avgDaysToClose ?? '—'}
                  </Table.Summary.Cell>
                </Table.Summary.Row>
              )}
              data-testid="mediation-stats-table"
            />
          </Card>
        </>
      ) : null}
    </div>
  );
}
