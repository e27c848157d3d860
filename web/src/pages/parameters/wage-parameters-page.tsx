import { PlusOutlined, StopOutlined } from '@ant-design/icons';
import {
  dayBefore,
  MAX_WAGE_TIER,
  PROVINCE_CODE,
  WAGE_PARAMETER_KIND_LABELS,
  WAGE_PARAMETER_STATUS_LABELS,
  WAGE_PARAMETER_STATUSES,
  type WageParameter,
  type WageParameterKind,
  type WageParameterStatus,
  wageTierLabel,
} from '@hexie/core';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Drawer,
  Form,
  Input,
  InputNumber,
  Modal,
  Row,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tabs,
  Tag,
  Tooltip,
  TreeSelect,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { parameterKeys, parametersApi, type WageParameterQuery } from '../../api/parameters';
import { useLang } from '../../app/i18n';
import { DrawerFooter } from '../../shared/drawer-footer';
import { labelOf } from '../../shared/format';
import { showFieldErrors } from '../../shared/forms';
import { listPagination } from '../../shared/list';
import { PageHeader } from '../../shared/page-header';
import { ProblemAlert } from '../../shared/problem-alert';
import { RegionSelect } from '../../shared/region-select';
import { regionOptions, useRegionTree } from '../../shared/regions';

const STATUS_COLORS: Record<WageParameterStatus, string> = {
  current: 'green',
  future: 'blue',
  superseded: 'default',
  ended: 'orange',
  withdrawn: 'red',
};

interface AddValues {
  regionCodes: string[];
  effectiveFrom: Dayjs;
  monthlyAmount: number;
  hourlyAmount?: number | null;
  tier?: number;
  statYear?: number;
  basis: string;
}
const ADD_FIELDS = new Set([
  'regionCodes',
  'effectiveFrom',
  'monthlyAmount',
  'hourlyAmount',
  'tier',
  'statYear',
  'basis',
]);

/** 新增: one row for each region chosen, saved together. */
function AddDrawer({ kind, open, onClose }: { kind: WageParameterKind; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<AddValues>();
  const [error, setError] = useState<unknown>(null);
  const tree = useRegionTree(PROVINCE_CODE);
  const treeData = useMemo(() => (tree.data ? regionOptions(tree.data) : []), [tree.data]);
  const minimum = kind === 'minimum_wage';
  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
  }, [open, form]);
  const save = useMutation({
    mutationFn: (v: AddValues) =>
      parametersApi.create({
        kind,
        regionCodes: v.regionCodes,
        effectiveFrom: v.effectiveFrom.format('YYYY-MM-DD'),
        monthlyAmount: v.monthlyAmount,
        basis: v.basis.trim(),
        ...(minimum
          ? { tier: v.tier ?? null, hourlyAmount: v.hourlyAmount ?? null }
          : { statYear: v.statYear ?? null }),
      }),
    onSuccess: (res) => {
      void message.success(t('wageParams.saved', { n: res.items.length }));
      void qc.invalidateQueries({ queryKey: parameterKeys.all });
      onClose();
    },
    onError: (err) => setError(showFieldErrors(form, err, ADD_FIELDS) ? null : err),
  });
  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={520}
      destroyOnHidden
      title={t('wageParams.addTitle', { kind: labelOf(WAGE_PARAMETER_KIND_LABELS, kind, lang) })}
      footer={
        <DrawerFooter
          onCancel={onClose}
          onSubmit={() => form.submit()}
          loading={save.isPending}
          testId="wage-param-save"
        />
      }
    >
      {error ? <ProblemAlert error={error} /> : null}
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('wageParams.addHint')} />
      <Form<AddValues> form={form} layout="vertical" onFinish={(v) => save.mutate(v)} data-testid="wage-param-form">
        <Form.Item
          name="regionCodes"
          label={t('wageParams.regions')}
          extra={t(minimum ? 'wageParams.regionsHintMinimum' : 'wageParams.regionsHintAverage')}
          rules={[{ required: true, message: t('wageParams.regionsRequired') }]}
        >
          <TreeSelect
            treeData={treeData}
            treeCheckable
            // A minimum wage is per county-level area (checking a city takes its areas); an average is the city's own.
            showCheckedStrategy={minimum ? TreeSelect.SHOW_CHILD : TreeSelect.SHOW_PARENT}
            showSearch={{ treeNodeFilterProp: 'title' }}
            treeDefaultExpandedKeys={[PROVINCE_CODE]}
            maxTagCount="responsive"
            placeholder={t('wageParams.regionsPlaceholder')}
            data-testid="wage-param-regions"
          />
        </Form.Item>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item
              name="effectiveFrom"
              label={t('wageParams.effectiveFrom')}
              rules={[{ required: true, message: t('wageParams.required') }]}
            >
              <DatePicker style={{ width: '100%' }} data-testid="wage-param-from" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="monthlyAmount"
              label={t(minimum ? 'wageParams.monthly' : 'wageParams.avgMonthly')}
              rules={[{ required: true, message: t('wageParams.required') }]}
            >
              <InputNumber min={0.01} precision={2} style={{ width: '100%' }} data-testid="wage-param-amount" />
            </Form.Item>
          </Col>
        </Row>
        {minimum ? (
          <Row gutter={12}>
            <Col span={12}>
              <Form.Item
                name="tier"
                label={t('wageParams.tier')}
                rules={[{ required: true, message: t('wageParams.required') }]}
              >
                <Select
                  options={Array.from({ length: MAX_WAGE_TIER }, (_, i) => ({
                    value: i + 1,
                    label: wageTierLabel(i + 1)[lang],
                  }))}
                  data-testid="wage-param-tier"
                />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="hourlyAmount" label={t('wageParams.hourly')}>
                <InputNumber min={0.01} precision={2} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
        ) : (
          <Form.Item
            name="statYear"
            label={t('wageParams.statYear')}
            extra={t('wageParams.statYearHint')}
            rules={[{ required: true, message: t('wageParams.required') }]}
          >
            <InputNumber min={1990} max={2100} precision={0} style={{ width: '50%' }} data-testid="wage-param-year" />
          </Form.Item>
        )}
        <Form.Item
          name="basis"
          label={t('wageParams.basis')}
          extra={t('wageParams.basisHint')}
          rules={[{ required: true, whitespace: true, min: 2, message: t('wageParams.required') }]}
        >
          <Input maxLength={200} data-testid="wage-param-basis" />
        </Form.Item>
      </Form>
    </Drawer>
  );
}

interface EndValues {
  effectiveTo: Dayjs;
  reason: string;
}

/** 停止执行 (or withdraw: the day before it starts). */
function EndModal({ row, onClose }: { row: WageParameter | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<EndValues>();
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (!row) return;
    setError(null);
    form.resetFields();
    form.setFieldsValue({
      effectiveTo: dayjs().isBefore(row.effectiveFrom) ? dayjs(dayBefore(row.effectiveFrom)) : dayjs(),
    });
  }, [row, form]);
  const end = useMutation({
    mutationFn: (v: EndValues) =>
      parametersApi.end((row as WageParameter).id, {
        effectiveTo: v.effectiveTo.format('YYYY-MM-DD'),
        reason: v.reason.trim(),
      }),
    onSuccess: () => {
      void message.success(t('wageParams.ended'));
      void qc.invalidateQueries({ queryKey: parameterKeys.all });
      onClose();
    },
    onError: (err) => setError(showFieldErrors(form, err, new Set(['effectiveTo', 'reason'])) ? null : err),
  });
  return (
    <Modal
      open={!!row}
      onCancel={onClose}
      title={t('wageParams.endTitle', { region: row?.regionName ?? '', from: row?.effectiveFrom ?? '' })}
      okText={t('wageParams.end')}
      okButtonProps={{ danger: true, loading: end.isPending, ...{ 'data-testid': 'wage-param-end-ok' } }}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      {error ? <ProblemAlert error={error} /> : null}
      <Form<EndValues> form={form} layout="vertical" onFinish={(v) => end.mutate(v)}>
        <Form.Item
          name="effectiveTo"
          label={t('wageParams.effectiveTo')}
          extra={row ? t('wageParams.endHint', { day: dayBefore(row.effectiveFrom) }) : undefined}
          rules={[{ required: true, message: t('wageParams.required') }]}
        >
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('wageParams.reason')}
          rules={[{ required: true, whitespace: true, min: 2, message: t('wageParams.required') }]}
        >
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 工资参数: the province administrator's minimum-wage and average-wage tables, each row with its dates. */
export function WageParametersPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const [q, setQ] = useState<WageParameterQuery>({ kind: 'minimum_wage', page: 1, pageSize: 20 });
  const [adding, setAdding] = useState(false);
  const [ending, setEnding] = useState<WageParameter | null>(null);
  const list = useQuery({
    queryKey: parameterKeys.list(q),
    queryFn: ({ signal }) => parametersApi.list(q, signal),
    placeholderData: keepPreviousData,
  });
  const minimum = q.kind === 'minimum_wage';
  const columns = useMemo<TableColumnsType<WageParameter>>(() => {
    const money = (v: number | null) => (v === null ? t('common.none') : v.toFixed(2));
    return [
      { title: t('wageParams.region'), dataIndex: 'regionName', width: 170, ellipsis: true },
      ...(minimum
        ? [
            {
              title: t('wageParams.tier'),
              dataIndex: 'tier',
              width: 100,
              render: (v: number | null) => (v ? wageTierLabel(v)[lang] : t('common.none')),
            },
            {
              title: t('wageParams.monthly'),
              dataIndex: 'monthlyAmount',
              width: 110,
              align: 'right' as const,
              render: money,
            },
            {
              title: t('wageParams.hourly'),
              dataIndex: 'hourlyAmount',
              width: 110,
              align: 'right' as const,
              render: money,
            },
          ]
        : [
            { title: t('wageParams.statYear'), dataIndex: 'statYear', width: 90 },
            {
              title: t('wageParams.avgMonthly'),
              dataIndex: 'monthlyAmount',
              width: 130,
              align: 'right' as const,
              render: money,
            },
          ]),
      { title: t('wageParams.effectiveFrom'), dataIndex: 'effectiveFrom', width: 110 },
      {
        title: t('wageParams.effectiveTo'),
        dataIndex: 'effectiveTo',
        width: 110,
        render: (v: string | null, r: WageParameter) =>
          v ? (
            <Tooltip title={r.endReason}>
              <span>{v}</span>
            </Tooltip>
          ) : (
            t('common.none')
          ),
      },
      { title: t('wageParams.basis'), dataIndex: 'basis', ellipsis: { showTitle: true } },
      {
        title: t('wageParams.status'),
        dataIndex: 'status',
        width: 120,
        render: (s: WageParameterStatus) => (
          <Tag color={STATUS_COLORS[s]}>{labelOf(WAGE_PARAMETER_STATUS_LABELS, s, lang)}</Tag>
        ),
      },
      {
        title: t('common.actions'),
        key: 'a',
        width: 100,
        fixed: 'right' as const,
        render: (_: unknown, r: WageParameter) =>
          r.effectiveTo === null ? (
            <Button
              type="link"
              size="small"
              danger
              icon={<StopOutlined />}
              onClick={() => setEnding(r)}
              data-testid={`wage-param-end-${r.id}`}
            >
              {t('wageParams.end')}
            </Button>
          ) : null,
      },
    ];
  }, [t, lang, minimum]);
  return (
    <div data-testid="wage-parameters-page">
      <PageHeader
        title={t('wageParams.title')}
        description={t('wageParams.description')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="wage-param-add">
            {t('wageParams.add')}
          </Button>
        }
      />
      <Card>
        <Tabs
          activeKey={q.kind}
          onChange={(k) => setQ({ kind: k as WageParameterKind, page: 1, pageSize: q.pageSize })}
          items={(['minimum_wage', 'average_wage'] as const).map((k) => ({
            key: k,
            label: labelOf(WAGE_PARAMETER_KIND_LABELS, k, lang),
          }))}
          data-testid="wage-param-tabs"
        />
        <Space wrap style={{ marginBottom: 16 }}>
          <RegionSelect
            root={PROVINCE_CODE}
            allowClear
            placeholder={t('wageParams.regionPlaceholder')}
            style={{ width: 220 }}
            value={q.regionCode}
            onChange={(v) => setQ({ ...q, regionCode: v, page: 1 })}
          />
          <Select
            allowClear
            placeholder={t('wageParams.statusPlaceholder')}
            style={{ width: 160 }}
            value={q.status}
            onChange={(v: WageParameterStatus | undefined) => setQ({ ...q, status: v, page: 1 })}
            options={WAGE_PARAMETER_STATUSES.map((s) => ({
              value: s,
              label: labelOf(WAGE_PARAMETER_STATUS_LABELS, s, lang),
            }))}
            data-testid="wage-param-status"
          />
        </Space>
        {list.error ? <ProblemAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
        <Table<WageParameter>
          rowKey="id"
          size="middle"
          tableLayout="fixed"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          scroll={{ x: 1100 }}
          pagination={listPagination(t, q, list.data, (page, pageSize) => setQ({ ...q, page, pageSize }))}
          data-testid="wage-param-table"
        />
      </Card>
      <AddDrawer kind={q.kind} open={adding} onClose={() => setAdding(false)} />
      <EndModal row={ending} onClose={() => setEnding(null)} />
    </div>
  );
}
