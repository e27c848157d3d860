import { AimOutlined, EditOutlined } from '@ant-design/icons';
import { PROVINCE_CODE, type ServiceProgress } from '@hexie/core';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Col,
  InputNumber,
  Modal,
  Progress,
  Row,
  Select,
  Skeleton,
  Statistic,
  Table,
  type TableColumnsType,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { endpoints, queryKeys } from '../../api/endpoints';
import { useCan, useSignedIn } from '../../app/auth';
import { Chart, type ChartOption } from '../../shared/chart';
import { PageHeader } from '../../shared/page-header';
import { ProblemAlert } from '../../shared/problem-alert';
import { RegionSelect } from '../../shared/region-select';

type Unit = ServiceProgress['units'][number];

function TargetsModal({ year, open, onClose }: { year: number; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const current = useQuery({
    queryKey: queryKeys.targets(year),
    queryFn: ({ signal }) => endpoints.targets(year, signal),
    enabled: open,
  });
  const [values, setValues] = useState<Record<string, number | null>>({});
  useEffect(() => {
    if (current.data) setValues(Object.fromEntries(current.data.targets.map((x) => [x.regionCode, x.target])));
  }, [current.data]);
  const save = useMutation({
    mutationFn: () =>
      endpoints.setTargets({
        year,
        targets: Object.entries(values)
          .filter(([, v]) => v !== null && v !== undefined)
          .map(([regionCode, target]) => ({ regionCode, target: target as number })),
      }),
    onSuccess: () => {
      void message.success(t('services.targetsSaved', { year }));
      void qc.invalidateQueries({ queryKey: queryKeys.services });
      onClose();
    },
  });
  const total = Object.entries(values).reduce<number>((s, [code, v]) => s + (code === PROVINCE_CODE ? 0 : (v ?? 0)), 0);
  return (
    <Modal
      open={open}
      onCancel={onClose}
      title={t('services.targetsTitle', { year })}
      onOk={() => save.mutate()}
      okButtonProps={{ loading: save.isPending }}
      destroyOnHidden
    >
      {save.error ? <ProblemAlert error={save.error} /> : null}
      {current.data ? (
        <Table
          size="small"
          rowKey="regionCode"
          pagination={false}
          dataSource={current.data.targets}
          footer={() => t('services.targetsTotal', { total: total.toLocaleString() })}
          columns={[
            {
              title: t('services.unit'),
              dataIndex: 'regionName',
              render: (n: string, r) => (r.regionCode === PROVINCE_CODE ? t('services.provinceOwn') : n),
            },
            {
              title: t('services.target'),
              key: 'target',
              width: 160,
              render: (_: unknown, r) => (
                <InputNumber
                  min={0}
                  precision={0}
                  data-testid={`target-${r.regionCode}`}
                  value={values[r.regionCode] ?? null}
                  onChange={(v) => setValues({ ...values, [r.regionCode]: v })}
                  style={{ width: '100%' }}
                />
              ),
            },
          ]}
        />
      ) : (
        <Skeleton active />
      )}
    </Modal>
  );
}

/** 新企服务进度: new enterprises served against the year's targets, by region and by month. */
export function ServiceProgressPage() {
  const { t } = useTranslation();
  const can = useCan();
  const me = useSignedIn().user;
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const thisMonth = new Date().toISOString().slice(0, 7);
  const [editing, setEditing] = useState(false);
  const [params, setParams] = useSearchParams();
  const regionCode = params.get('regionCode') ?? undefined;
  const setRegion = (code: string | undefined) => {
    const next = new URLSearchParams(params);
    if (code && code !== me.regionCode) next.set('regionCode', code);
    else next.delete('regionCode');
    setParams(next);
  };
  const q = useQuery({
    queryKey: queryKeys.progress(year, regionCode),
    queryFn: ({ signal }) => endpoints.progress(year, regionCode, signal),
    placeholderData: keepPreviousData,
  });
  const p = q.data;
  const hasTargets = !!p?.units.some((u) => u.target !== null);

  const byUnit = useMemo<ChartOption>(
    () => ({
      color: ['#1456b8', '#c9d6ea'],
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0, right: 0 },
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      xAxis: {
        type: 'category',
        data: (p?.units ?? []).map((u) => u.regionName),
        axisLabel: {
          interval: 0,
          rotate: 30,
          color: '#5b6b82',
          // Development zones have long names: the table below has them in full.
          formatter: (v: string) => (v.length > 7 ? `${v.slice(0, 6)}…` : v),
        },
      },
      yAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { color: '#edf0f5' } } },
      series: [
        { name: t('services.served'), type: 'bar', barMaxWidth: 22, data: (p?.units ?? []).map((u) => u.served) },
        ...(hasTargets
          ? [
              {
                name: t('services.target'),
                type: 'bar' as const,
                barMaxWidth: 22,
                data: (p?.units ?? []).map((u) => u.target ?? 0),
              },
            ]
          : []),
      ],
    }),
    [p, t, hasTargets],
  );
  const monthly = useMemo<ChartOption>(
    () => ({
      color: ['#1456b8'],
      tooltip: { trigger: 'axis' },
      grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: (p?.monthly ?? []).map((m) => m.month.slice(5)) },
      yAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { color: '#edf0f5' } } },
      series: [
        {
          name: t('services.served'),
          type: 'line',
          smooth: false,
          areaStyle: { opacity: 0.12 },
          // Months still to come are blank, not zero.
          data: (p?.monthly ?? []).map((m) => (m.month > thisMonth ? null : m.served)),
        },
      ],
    }),
    [p, t, thisMonth],
  );
  const allColumns: TableColumnsType<Unit> = [
    {
      title: t('services.unit'),
      key: 'unit',
      dataIndex: 'regionName',
      render: (n: string, u) => (
        <Button
          type="link"
          size="small"
          style={{ padding: 0 }}
          onClick={() => setRegion(u.regionCode)}
          data-testid={`progress-open-${u.regionCode}`}
        >
          {n}
        </Button>
      ),
    },
    {
      title: t('services.target'),
      dataIndex: 'target',
      width: 120,
      align: 'right',
      render: (v: number | null) => v ?? <span className="hx-muted">{t('services.noTarget')}</span>,
    },
    { title: t('services.served'), key: 'served', dataIndex: 'served', width: 120, align: 'right' },
    {
      title: t('services.rate'),
      dataIndex: 'rate',
      width: 220,
      render: (r: number | null) =>
        r === null ? <span className="hx-muted">—</span> : <Progress percent={Math.round(r * 100)} size="small" />,
    },
  ];
  // A region whose units have no targets (the province sets them for the 11 reporting units) shows counts only.
  const columns = allColumns.filter((c) => hasTargets || c.key === 'unit' || c.key === 'served');

  return (
    <div data-testid="service-progress-page">
      <PageHeader
        title={t('services.progress')}
        description={t('services.progressDescription')}
        extra={
          <>
            <RegionSelect
              root={me.regionCode}
              allowClear
              placeholder={t('services.regionPlaceholder')}
              style={{ width: 200 }}
              value={regionCode}
              onChange={setRegion}
              testId="progress-region"
            />
            <Select
              value={year}
              style={{ width: 110 }}
              onChange={setYear}
              options={[thisYear - 2, thisYear - 1, thisYear, thisYear + 1].map((y) => ({ value: y, label: `${y}` }))}
            />
            {can('targets:write') ? (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="edit-targets">
                {t('services.editTargets')}
              </Button>
            ) : null}
          </>
        }
      />
      {q.error ? <ProblemAlert error={q.error} onRetry={() => void q.refetch()} /> : null}
      {!p ? (
        q.error ? null : (
          <Skeleton active />
        )
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} md={8}>
            <Card>
              <Statistic
                title={`${p.regionName} · ${t('services.served')}`}
                value={p.served}
                suffix={t('services.unitHouseholds')}
                data-testid="progress-served"
              />
            </Card>
          </Col>
          <Col xs={24} md={8}>
            <Card>
              {p.target === null ? (
                <Statistic
                  title={t('services.target')}
                  value={t('services.targetMissing', { year })}
                  styles={{ content: { fontSize: 16, color: '#8a94a6' } }}
                />
              ) : (
                <Statistic title={t('services.target')} value={p.target} suffix={t('services.unitHouseholds')} />
              )}
            </Card>
          </Col>
          <Col xs={24} md={8}>
            <Card>
              <div className="hx-muted" style={{ marginBottom: 8 }}>
                {t('services.rate')}
              </div>
              {p.rate === null ? (
                <div className="hx-muted" style={{ fontSize: 16 }}>
                  {t('services.noTarget')}
                </div>
              ) : (
                <Progress percent={Math.round(p.rate * 100)} data-testid="progress-rate" />
              )}
            </Card>
          </Col>
          {p.regionCode === PROVINCE_CODE ? (
            <Col span={24}>
              <Card>
                <Row align="middle" gutter={24}>
                  <Col flex="none">
                    <AimOutlined style={{ fontSize: 32, color: '#1456b8' }} />
                  </Col>
                  <Col flex="auto">
                    <div style={{ fontWeight: 500 }}>{t('services.goal')}</div>
                    <div className="hx-muted">{t('services.goalText')}</div>
                    <Progress
                      percent={Math.min(100, Math.round((p.goal.served / p.goal.target) * 1000) / 10)}
                      format={() => `${p.goal.served.toLocaleString()} / ${p.goal.target.toLocaleString()}`}
                      data-testid="progress-goal"
                    />
                    <div className="hx-muted">
                      {t('services.goalYears', {
                        from: p.goal.fromYear,
                        to: p.goal.toYear,
                        served: p.goal.served.toLocaleString(),
                        target: p.goal.target.toLocaleString(),
                      })}
                    </div>
                  </Col>
                </Row>
              </Card>
            </Col>
          ) : null}
          {p.units.length ? (
            <Col xs={24} xl={14}>
              <Card title={hasTargets ? t('services.chartTitle') : t('services.chartServed')}>
                <Chart option={byUnit} style={{ height: 320 }} testId="progress-chart" />
              </Card>
            </Col>
          ) : null}
          <Col xs={24} xl={p.units.length ? 10 : 24}>
            <Card title={t('services.monthly')} extra={<span className="hx-muted">{t('services.monthlyHint')}</span>}>
              <Chart option={monthly} style={{ height: 320 }} />
            </Card>
          </Col>
          <Col span={24}>
            <Card title={t('services.byUnit')}>
              <Table<Unit>
                rowKey="regionCode"
                size="middle"
                pagination={false}
                columns={columns}
                dataSource={p.units}
                locale={{ emptyText: t('services.unitsEmpty', { name: p.regionName }) }}
                data-testid="progress-table"
              />
            </Card>
          </Col>
        </Row>
      )}
      <TargetsModal year={year} open={editing} onClose={() => setEditing(false)} />
    </div>
  );
}
