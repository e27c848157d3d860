import { AimOutlined, EditOutlined } from '@ant-design/icons';
import { PROVINCE_CODE, type ServiceProgress } from '@hexie/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
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
import { endpoints, queryKeys } from '../../api/endpoints';
import { useCan, useSignedIn } from '../../app/auth';
import { Chart, type ChartOption } from '../../shared/chart';
import { PageHeader } from '../../shared/page-header';
import { ProblemAlert } from '../../shared/problem-alert';

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
  const total = Object.values(values).reduce<number>((s, v) => s + (v ?? 0), 0);
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
            { title: t('services.unit'), dataIndex: 'regionName' },
            {
              title: t('services.target'),
              key: 'target',
              width: 160,
              render: (_: unknown, r) => (
                <InputNumber
                  min={0}
                  precision={0}
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
  const q = useQuery({
    queryKey: queryKeys.progress(year),
    queryFn: ({ signal }) => endpoints.progress(year, undefined, signal),
  });
  const p = q.data;

  const byUnit = useMemo<ChartOption>(
    () => ({
      color: ['#1456b8', '#c9d6ea'],
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0, right: 0 },
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      xAxis: {
        type: 'category',
        data: (p?.units ?? []).map((u) => u.regionName),
        axisLabel: { interval: 0, rotate: 30, color: '#5b6b82' },
      },
      yAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { color: '#edf0f5' } } },
      series: [
        { name: t('services.served'), type: 'bar', barMaxWidth: 22, data: (p?.units ?? []).map((u) => u.served) },
        { name: t('services.target'), type: 'bar', barMaxWidth: 22, data: (p?.units ?? []).map((u) => u.target ?? 0) },
      ],
    }),
    [p, t],
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
  const columns: TableColumnsType<Unit> = [
    { title: t('services.unit'), dataIndex: 'regionName' },
    {
      title: t('services.target'),
      dataIndex: 'target',
      width: 120,
      align: 'right',
      render: (v: number | null) => v ?? <span className="hx-muted">{t('services.noTarget')}</span>,
    },
    { title: t('services.served'), dataIndex: 'served', width: 120, align: 'right' },
    {
      title: t('services.rate'),
      dataIndex: 'rate',
      width: 220,
      render: (r: number | null) =>
        r === null ? <span className="hx-muted">—</span> : <Progress percent={Math.round(r * 100)} size="small" />,
    },
  ];

  return (
    <div data-testid="service-progress-page">
      <PageHeader
        title={t('services.progress')}
        description={t('services.progressDescription')}
        extra={
          <>
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
        <Skeleton active />
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} md={8}>
            <Card>
              <Statistic
                title={`${p.regionName} · ${t('services.served')}`}
                value={p.served}
                suffix="户"
                data-testid="progress-served"
              />
            </Card>
          </Col>
          <Col xs={24} md={8}>
            <Card>
              <Statistic
                title={t('services.target')}
                value={p.target ?? '—'}
                suffix={p.target ? t('services.unitHouseholds') : ''}
              />
            </Card>
          </Col>
          <Col xs={24} md={8}>
            <Card>
              <div className="hx-muted" style={{ marginBottom: 8 }}>
                {t('services.rate')}
              </div>
              <Progress percent={p.rate === null ? 0 : Math.round(p.rate * 100)} />
            </Card>
          </Col>
          {me.regionCode === PROVINCE_CODE ? (
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
                      percent={Math.round((p.goal.served / p.goal.target) * 100)}
                      format={() => `${p.goal.served.toLocaleString()} / ${p.goal.target.toLocaleString()}`}
                    />
                  </Col>
                </Row>
              </Card>
            </Col>
          ) : null}
          <Col xs={24} xl={14}>
            <Card title={t('services.byUnit')}>
              <Chart option={byUnit} style={{ height: 320 }} testId="progress-chart" />
            </Card>
          </Col>
          <Col xs={24} xl={10}>
            <Card title={t('services.monthly')}>
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
