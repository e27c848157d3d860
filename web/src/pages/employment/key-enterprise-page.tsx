import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import {
  CONSULTATION_TOPIC_LABELS,
  CONSULTATION_TOPICS,
  type CollectiveConsultation,
  type ConsultationTopic,
  chinaToday,
  type EmploymentReport,
  KEY_REASON_LABELS,
  KEY_REASONS,
  type KeyEnterpriseDetail,
  type KeyGuidance,
  type KeyPolicy,
  type KeyReason,
  monthsWithoutReport,
  POLICY_KIND_LABELS,
  POLICY_KINDS,
  type PolicyKind,
  REPORT_SOURCE_LABELS,
  SEPARATION_REASON_LABELS,
  SEPARATION_REASONS,
} from '@hexie/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Descriptions,
  Drawer,
  Form,
  Input,
  InputNumber,
  Modal,
  Row,
  Select,
  Skeleton,
  Space,
  Switch,
  Table,
  type TableColumnsType,
  Tabs,
  Tag,
  Timeline,
  Tooltip,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { type ReactNode, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { fieldErrorsOf } from '../../api/client';
import { employmentApi, employmentKeys } from '../../api/employment';
import { useCan } from '../../app/auth';
import { useLang } from '../../app/i18n';
import { Chart, type ChartOption } from '../../shared/chart';
import { DrawerFooter } from '../../shared/drawer-footer';
import { formatTime, labelOf } from '../../shared/format';
import { showFieldErrors } from '../../shared/forms';
import { PageHeader } from '../../shared/page-header';
import { ProblemAlert } from '../../shared/problem-alert';
import { EnterpriseWarningsCard } from '../warnings/warnings-panel';
import { ChangeText, FollowerSelect, GapText } from './employment-shared';
import { ReportDrawer } from './report-drawer';

const day = (d: Dayjs) => d.format('YYYY-MM-DD');
const notFuture = (d: Dayjs) => d.isAfter(dayjs(), 'day');
const yuan = (n: number) => n.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** 职工人数趋势: month-end headcount against last year end, with the month's hires and separations. */
function TrendChart({ k }: { k: KeyEnterpriseDetail }) {
  const { t } = useTranslation();
  const option = useMemo<ChartOption>(() => {
    const months = k.reports.map((r) => r.month);
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 48, right: 48, top: 40, bottom: 28 },
      xAxis: { type: 'category', data: months },
      yAxis: [
        { type: 'value', name: t('employment.people'), scale: true },
        { type: 'value', name: t('employment.flow'), splitLine: { show: false } },
      ],
      series: [
        {
          name: t('employment.headcount'),
          type: 'line',
          data: k.reports.map((r) => r.headcount),
          smooth: false,
          symbolSize: 6,
          lineStyle: { width: 3 },
          itemStyle: { color: '#1677ff' },
        },
        ...(k.lastYearEnd
          ? [
              {
                name: t('employment.lastYearEnd', { year: k.lastYearEnd.year }),
                type: 'line' as const,
                data: months.map(() => k.lastYearEnd?.headcount ?? null),
                symbol: 'none',
                lineStyle: { type: 'dashed' as const, width: 1 },
                itemStyle: { color: '#8c8c8c' },
              },
            ]
          : []),
        {
          name: t('employment.hires'),
          type: 'bar',
          yAxisIndex: 1,
          data: k.reports.map((r) => r.hires),
          itemStyle: { color: '#95de64' },
          barMaxWidth: 14,
        },
        {
          name: t('employment.separationsTotal'),
          type: 'bar',
          yAxisIndex: 1,
          data: k.reports.map((r) => r.separationsTotal),
          itemStyle: { color: '#ff9c6e' },
          barMaxWidth: 14,
        },
      ],
    };
  }, [k, t]);
  if (!k.reports.length) return <Typography.Text type="secondary">{t('employment.noReports')}</Typography.Text>;
  return <Chart option={option} style={{ height: 320 }} testId="headcount-chart" />;
}

function ReportsTable({
  k,
  writer,
  onEdit,
}: {
  k: KeyEnterpriseDetail;
  writer: boolean;
  onEdit: (r: EmploymentReport) => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const columns: TableColumnsType<EmploymentReport> = [
    { title: t('employment.month'), dataIndex: 'month', width: 90 },
    { title: t('employment.headcount'), dataIndex: 'headcount', width: 100, align: 'right' },
    { title: t('employment.hires'), dataIndex: 'hires', width: 80, align: 'right' },
    {
      title: t('employment.separationsTotal'),
      key: 'separations',
      width: 90,
      align: 'right',
      render: (_, r) => (
        <Tooltip
          title={SEPARATION_REASONS.filter((x) => r.separations[x] > 0)
            .map((x) => `${labelOf(SEPARATION_REASON_LABELS, x, lang)} ${r.separations[x]}`)
            .join('；')}
        >
          <span>{r.separationsTotal}</span>
        </Tooltip>
      ),
    },
    {
      title: t('employment.check'),
      key: 'check',
      width: 110,
      render: (_, r) =>
        r.consistency.consistent === null ? (
          <Typography.Text type="secondary">—</Typography.Text>
        ) : r.consistency.consistent ? (
          <Tag color="green">{t('employment.consistent')}</Tag>
        ) : (
          <Tooltip title={t('employment.gapTip', { expected: r.consistency.expected })}>
            <Tag color="orange">
              <GapText gap={r.consistency.gap ?? 0} />
            </Tag>
          </Tooltip>
        ),
    },
    {
      title: t('employment.source'),
      key: 'source',
      width: 130,
      render: (_, r) => (
        <Space size={4}>
          <span>{labelOf(REPORT_SOURCE_LABELS, r.source, lang)}</span>
          {r.late ? <Tag color="orange">{t('employment.late')}</Tag> : null}
        </Space>
      ),
    },
    { title: t('employment.note'), dataIndex: 'note', ellipsis: true, render: (v: string | null) => v ?? '' },
    {
      title: t('employment.submittedAt'),
      dataIndex: 'submittedAt',
      width: 110,
      render: (v: string) => formatTime(v, 'YYYY-MM-DD'),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 70,
      render: (_, r) =>
        writer ? (
          <Button type="link" size="small" onClick={() => onEdit(r)}>
            {t('common.edit')}
          </Button>
        ) : null,
    },
  ];
  return (
    <Table<EmploymentReport>
      rowKey="id"
      size="small"
      tableLayout="fixed"
      scroll={{ x: 960 }}
      columns={columns}
      dataSource={[...k.reports].reverse()}
      pagination={{ pageSize: 12, hideOnSinglePage: true }}
      locale={{ emptyText: t('employment.noReports') }}
      data-testid="report-table"
    />
  );
}

/** One small form in a modal for a record of the ledger (policy, guidance, consultation): create or correct. */
function RecordModal<V extends object>({
  title,
  open,
  onClose,
  initial,
  submit,
  fields,
  children,
}: {
  title: string;
  open: boolean;
  onClose: () => void;
  initial: Partial<V>;
  submit: (v: V) => Promise<unknown>;
  fields: ReadonlySet<string>;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<V>();
  const save = useMutation({
    mutationFn: submit,
    onSuccess: async () => {
      message.success(t('employment.saved'));
      await qc.invalidateQueries({ queryKey: employmentKeys.all });
      onClose();
    },
    onError: (err) => showFieldErrors(form, err, fields),
  });
  return (
    <Modal
      open={open}
      title={title}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      okText={t('common.save')}
      destroyOnHidden
      width={600}
    >
      {save.error ? <ProblemAlert error={save.error} /> : null}
      <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => save.mutate(v)}>
        {children}
      </Form>
    </Modal>
  );
}

interface PolicyValues {
  kind: PolicyKind;
  amount: number;
  grantedOn: Dayjs;
  note?: string;
}
interface GuidanceValues {
  guidedOn: Dayjs;
  guidedBy?: string;
  content: string;
}
interface ConsultationValues {
  heldOn: Dayjs;
  topics: ConsultationTopic[];
  participants: string;
  result: string;
  agreementReached: boolean;
  agreementSummary?: string;
}

type Editing =
  | { kind: 'policy'; record: KeyPolicy | null }
  | { kind: 'guidance'; record: KeyGuidance | null }
  | { kind: 'consultation'; record: CollectiveConsultation | null };

function RecordForms({
  k,
  editing,
  onClose,
}: {
  k: KeyEnterpriseDetail;
  editing: Editing | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  if (!editing) return null;
  if (editing.kind === 'policy') {
    const p = editing.record;
    return (
      <RecordModal<PolicyValues>
        title={p ? t('employment.policyEdit') : t('employment.policyAdd')}
        open
        onClose={onClose}
        fields={new Set(['kind', 'amount', 'grantedOn', 'note'])}
        initial={
          p
            ? { kind: p.kind, amount: p.amount, grantedOn: dayjs(p.grantedOn), note: p.note ?? undefined }
            : { kind: 'job_retention_refund', grantedOn: dayjs() }
        }
        submit={(v) => {
          const body = { kind: v.kind, amount: v.amount, grantedOn: day(v.grantedOn), note: v.note?.trim() || null };
          return p
            ? employmentApi.updatePolicy(k.id, p.id, { ...body, version: p.version })
            : employmentApi.createPolicy(k.id, body);
        }}
      >
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="kind" label={t('employment.policyKind')} rules={[{ required: true }]}>
              <Select options={POLICY_KINDS.map((x) => ({ value: x, label: labelOf(POLICY_KIND_LABELS, x, lang) }))} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="grantedOn" label={t('employment.grantedOn')} rules={[{ required: true }]}>
              <DatePicker style={{ width: '100%' }} disabledDate={notFuture} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="amount" label={t('employment.amount')} rules={[{ required: true }]}>
          <InputNumber min={0} precision={2} style={{ width: '100%' }} data-testid="policy-amount" />
        </Form.Item>
        <Form.Item name="note" label={t('employment.note')}>
          <Input maxLength={500} />
        </Form.Item>
      </RecordModal>
    );
  }
  if (editing.kind === 'guidance') {
    const g = editing.record;
    return (
      <RecordModal<GuidanceValues>
        title={g ? t('employment.guidanceEdit') : t('employment.guidanceAdd')}
        open
        onClose={onClose}
        fields={new Set(['guidedOn', 'guidedBy', 'content'])}
        initial={g ? { guidedOn: dayjs(g.guidedOn), guidedBy: g.guidedBy, content: g.content } : { guidedOn: dayjs() }}
        submit={(v) => {
          const body = {
            guidedOn: day(v.guidedOn),
            content: v.content,
            ...(v.guidedBy?.trim() ? { guidedBy: v.guidedBy.trim() } : {}),
          };
          return g
            ? employmentApi.updateGuidance(k.id, g.id, { ...body, version: g.version })
            : employmentApi.createGuidance(k.id, body);
        }}
      >
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="guidedOn" label={t('employment.guidedOn')} rules={[{ required: true }]}>
              <DatePicker style={{ width: '100%' }} disabledDate={notFuture} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="guidedBy" label={t('employment.guidedBy')} extra={t('employment.guidedByHint')}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="content" label={t('employment.guidanceContent')} rules={[{ required: true, min: 2 }]}>
          <Input.TextArea rows={4} maxLength={2000} data-testid="guidance-content" />
        </Form.Item>
      </RecordModal>
    );
  }
  const c = editing.record;
  return (
    <RecordModal<ConsultationValues>
      title={c ? t('employment.consultationEdit') : t('employment.consultationAdd')}
      open
      onClose={onClose}
      fields={new Set(['heldOn', 'topics', 'participants', 'result', 'agreementReached', 'agreementSummary'])}
      initial={
        c
          ? { ...c, heldOn: dayjs(c.heldOn), agreementSummary: c.agreementSummary ?? undefined }
          : { heldOn: dayjs(), topics: [], agreementReached: false }
      }
      submit={(v) => {
        const body = {
          heldOn: day(v.heldOn),
          topics: v.topics,
          participants: v.participants,
          result: v.result,
          agreementReached: v.agreementReached,
          agreementSummary: v.agreementReached ? v.agreementSummary?.trim() || null : null,
        };
        return c
          ? employmentApi.updateConsultation(k.id, c.id, { ...body, version: c.version })
          : employmentApi.createConsultation(k.id, body);
      }}
    >
      <Form.Item name="heldOn" label={t('employment.heldOn')} rules={[{ required: true }]}>
        <DatePicker style={{ width: '100%' }} disabledDate={notFuture} />
      </Form.Item>
      <Form.Item name="topics" label={t('employment.topics')} rules={[{ required: true, type: 'array', min: 1 }]}>
        <Checkbox.Group
          options={CONSULTATION_TOPICS.map((x) => ({ value: x, label: labelOf(CONSULTATION_TOPIC_LABELS, x, lang) }))}
        />
      </Form.Item>
      <Form.Item name="participants" label={t('employment.participants')} rules={[{ required: true, min: 2 }]}>
        <Input maxLength={500} />
      </Form.Item>
      <Form.Item name="result" label={t('employment.result')} rules={[{ required: true, min: 2 }]}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
      <Form.Item name="agreementReached" label={t('employment.agreementReached')} valuePropName="checked">
        <Switch checkedChildren={t('common.yes')} unCheckedChildren={t('common.no')} />
      </Form.Item>
      <AgreementSummary />
    </RecordModal>
  );
}

/** The summary, asked for once an agreement was reached (the form's own watch, inside the modal's form). */
function AgreementSummary() {
  const { t } = useTranslation();
  const form = Form.useFormInstance<ConsultationValues>();
  const reached = Form.useWatch('agreementReached', form);
  if (!reached) return null;
  return (
    <Form.Item name="agreementSummary" label={t('employment.agreementSummary')} rules={[{ required: true }]}>
      <Input.TextArea rows={3} maxLength={2000} />
    </Form.Item>
  );
}

/** 编辑台账: the reasons of the current listing, the follower, last year end's headcount, the note. */
function LedgerDrawer({ k, open, onClose }: { k: KeyEnterpriseDetail; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<{
    reasons: KeyReason[];
    followerId: string | null;
    baseHeadcount: number | null;
    note?: string;
  }>();
  const lastYear = Number(chinaToday().slice(0, 4)) - 1;
  const save = useMutation({
    mutationFn: (v: { reasons: KeyReason[]; followerId: string | null; baseHeadcount: number | null; note?: string }) =>
      employmentApi.update(k.id, {
        version: k.version,
        ...(k.listed ? { reasons: v.reasons } : {}),
        followerId: v.followerId ?? null,
        baseHeadcount: v.baseHeadcount ?? null,
        baseYear: v.baseHeadcount != null ? (k.baseYear ?? lastYear) : null,
        note: v.note?.trim() || null,
      }),
    onSuccess: async () => {
      message.success(t('employment.saved'));
      await qc.invalidateQueries({ queryKey: employmentKeys.all });
      onClose();
    },
    onError: (err) => showFieldErrors(form, err, new Set(['reasons', 'followerId', 'baseHeadcount', 'note'])),
  });
  return (
    <Drawer
      open={open}
      size={520}
      title={t('employment.editLedger')}
      onClose={onClose}
      destroyOnHidden
      footer={<DrawerFooter onCancel={onClose} onSubmit={() => form.submit()} loading={save.isPending} />}
    >
      {save.error ? <ProblemAlert error={save.error} /> : null}
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        initialValues={{
          reasons: k.listing.reasons,
          followerId: k.follower?.id ?? null,
          baseHeadcount: k.baseHeadcount,
          note: k.note ?? undefined,
        }}
      >
        {k.listed ? (
          <Form.Item name="reasons" label={t('employment.reasons')} rules={[{ required: true, type: 'array', min: 1 }]}>
            <Checkbox.Group
              options={KEY_REASONS.map((r) => ({ value: r, label: labelOf(KEY_REASON_LABELS, r, lang) }))}
            />
          </Form.Item>
        ) : null}
        <Form.Item name="followerId" label={t('employment.follower')}>
          <FollowerSelect enterpriseId={k.enterpriseId} />
        </Form.Item>
        <Form.Item
          name="baseHeadcount"
          label={t('employment.baseHeadcount', { year: k.baseYear ?? lastYear })}
          extra={t('employment.baseHeadcountHint')}
        >
          <InputNumber min={0} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="note" label={t('employment.ledgerNote')}>
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}

/** 移出名单 (a day and a reason) or 重新列入 (the reasons and the day). */
function ListingModal({ k, open, onClose }: { k: KeyEnterpriseDetail; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ on: Dayjs; reason?: string; reasons?: KeyReason[] }>();
  const save = useMutation({
    mutationFn: (v: { on: Dayjs; reason?: string; reasons?: KeyReason[] }) =>
      k.listed
        ? employmentApi.delist(k.id, { version: k.version, delistedOn: day(v.on), reason: v.reason ?? '' })
        : employmentApi.putOnList({ enterpriseId: k.enterpriseId, listedOn: day(v.on), reasons: v.reasons ?? [] }),
    onSuccess: async () => {
      message.success(k.listed ? t('employment.delisted') : t('employment.relisted'));
      await qc.invalidateQueries({ queryKey: employmentKeys.all });
      onClose();
    },
    // The server names the day delistedOn or listedOn: both are this form's `on`.
    onError: (err) =>
      form.setFields(
        fieldErrorsOf(err).map((f) => ({
          name: (f.name === 'delistedOn' || f.name === 'listedOn' ? 'on' : f.name) as 'on',
          errors: f.errors,
        })),
      ),
  });
  return (
    <Modal
      open={open}
      title={k.listed ? t('employment.delist') : t('employment.relist')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      okText={t('common.confirm')}
      destroyOnHidden
    >
      {save.error ? <ProblemAlert error={save.error} /> : null}
      <Form form={form} layout="vertical" initialValues={{ on: dayjs() }} onFinish={(v) => save.mutate(v)}>
        <Form.Item
          name="on"
          label={k.listed ? t('employment.delistedOn') : t('employment.listedOn')}
          rules={[{ required: true }]}
        >
          <DatePicker style={{ width: '100%' }} disabledDate={notFuture} />
        </Form.Item>
        {k.listed ? (
          <Form.Item name="reason" label={t('employment.delistReason')} rules={[{ required: true, min: 2 }]}>
            <Input.TextArea rows={3} maxLength={500} data-testid="delist-reason" />
          </Form.Item>
        ) : (
          <Form.Item name="reasons" label={t('employment.reasons')} rules={[{ required: true, type: 'array', min: 1 }]}>
            <Checkbox.Group
              options={KEY_REASONS.map((r) => ({ value: r, label: labelOf(KEY_REASON_LABELS, r, lang) }))}
            />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

/** 重点企业监测: the ledger, the headcount month by month, and everything recorded about the enterprise. */
export function KeyEnterprisePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const lang = useLang();
  const writer = useCan()('employment:write');
  const q = useQuery({ queryKey: employmentKeys.detail(id), queryFn: ({ signal }) => employmentApi.get(id, signal) });
  const [ledger, setLedger] = useState(false);
  const [listing, setListing] = useState(false);
  const [report, setReport] = useState<{ report: EmploymentReport | null } | null>(null);
  const [editing, setEditing] = useState<Editing | null>(null);
  if (q.error) return <ProblemAlert error={q.error} onRetry={() => void q.refetch()} />;
  const k = q.data;
  if (!k) return <Skeleton active />;
  const last = k.reports.at(-1)?.month ?? null;
  const silent = k.listed ? monthsWithoutReport(last, chinaToday(), k.listing.listedOn.slice(0, 7)) : 0;
  const edit = (node: ReactNode, onClick: () => void) =>
    writer ? (
      <Button type="link" size="small" icon={<EditOutlined />} onClick={onClick}>
        {node}
      </Button>
    ) : null;

  const policyColumns: TableColumnsType<KeyPolicy> = [
    { title: t('employment.grantedOn'), dataIndex: 'grantedOn', width: 110 },
    {
      title: t('employment.policyKind'),
      dataIndex: 'kind',
      width: 200,
      render: (v: PolicyKind) => labelOf(POLICY_KIND_LABELS, v, lang),
    },
    { title: t('employment.amount'), dataIndex: 'amount', width: 140, align: 'right', render: (v: number) => yuan(v) },
    { title: t('employment.note'), dataIndex: 'note', ellipsis: true, render: (v: string | null) => v ?? '' },
    {
      title: t('common.actions'),
      key: 'a',
      width: 80,
      render: (_, p) => edit(t('common.edit'), () => setEditing({ kind: 'policy', record: p })),
    },
  ];
  const consultationColumns: TableColumnsType<CollectiveConsultation> = [
    { title: t('employment.heldOn'), dataIndex: 'heldOn', width: 110 },
    {
      title: t('employment.topics'),
      dataIndex: 'topics',
      width: 200,
      render: (v: ConsultationTopic[]) => v.map((x) => labelOf(CONSULTATION_TOPIC_LABELS, x, lang)).join('、'),
    },
    { title: t('employment.result'), dataIndex: 'result', ellipsis: true },
    {
      title: t('employment.agreementReached'),
      key: 'agreement',
      width: 260,
      render: (_, c) =>
        c.agreementReached ? (
          <Tooltip title={c.agreementSummary}>
            <Typography.Text ellipsis style={{ maxWidth: 240 }}>
              <Tag color="green">{t('common.yes')}</Tag>
              {c.agreementSummary}
            </Typography.Text>
          </Tooltip>
        ) : (
          <Tag>{t('common.no')}</Tag>
        ),
    },
    {
      title: t('common.actions'),
      key: 'a',
      width: 80,
      render: (_, c) => edit(t('common.edit'), () => setEditing({ kind: 'consultation', record: c })),
    },
  ];

  return (
    <div data-testid="key-enterprise-page">
      <PageHeader
        title={
          <Space wrap>
            <span>{k.enterpriseName}</span>
            {k.listed ? <Tag color="blue">{t('employment.onList')}</Tag> : <Tag>{t('employment.offList')}</Tag>}
          </Space>
        }
        description={t('employment.detailDescription')}
        extra={
          writer ? (
            <Space wrap>
              <Button onClick={() => setLedger(true)} data-testid="ledger-edit">
                {t('employment.editLedger')}
              </Button>
              <Button onClick={() => setListing(true)} danger={k.listed} data-testid="listing-toggle">
                {k.listed ? t('employment.delist') : t('employment.relist')}
              </Button>
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setReport({ report: null })}
                data-testid="report-add"
              >
                {t('employment.reportNew')}
              </Button>
            </Space>
          ) : null
        }
      />
      {silent >= 1 ? (
        <Alert
          type={silent >= 2 ? 'error' : 'warning'}
          showIcon
          style={{ marginBottom: 16 }}
          title={t('employment.silent', { n: silent, month: k.reporting.lastDueMonth })}
          data-testid="report-silent"
        />
      ) : null}
      <Row gutter={16}>
        <Col xs={24} xl={10}>
          <Card title={t('employment.ledger')} style={{ marginBottom: 16 }}>
            <Descriptions column={1} size="small" styles={{ label: { width: 130 } }}>
              <Descriptions.Item label={t('employment.creditCode')}>
                <span className="hx-mono">{k.creditCode}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('employment.region')}>{k.regionName}</Descriptions.Item>
              <Descriptions.Item label={t('employment.industry')}>
                {k.industryCode} {k.industryName}
              </Descriptions.Item>
              <Descriptions.Item label={t('employment.reasons')}>
                <Space size={[0, 4]} wrap>
                  {k.listing.reasons.map((r) => (
                    <Tag key={r}>{labelOf(KEY_REASON_LABELS, r, lang)}</Tag>
                  ))}
                </Space>
              </Descriptions.Item>
              <Descriptions.Item label={t('employment.listedOn')}>
                {k.listing.listedOn}
                {k.listing.delistedOn ? ` ~ ${k.listing.delistedOn}` : ''}
              </Descriptions.Item>
              <Descriptions.Item label={t('employment.lastYearEndShort')}>
                {k.lastYearEnd ? (
                  <span>
                    {k.lastYearEnd.headcount}{' '}
                    <Typography.Text type="secondary">
                      （
                      {k.lastYearEnd.source === 'report'
                        ? t('employment.fromReport', { year: k.lastYearEnd.year })
                        : t('employment.fromLedger', { year: k.lastYearEnd.year })}
                      ）
                    </Typography.Text>
                  </span>
                ) : (
                  '—'
                )}
              </Descriptions.Item>
              <Descriptions.Item label={t('employment.current')}>
                {k.current ? `${k.current.headcount}（${k.current.month}）` : '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('employment.change')}>
                <ChangeText change={k.change} />
              </Descriptions.Item>
              <Descriptions.Item label={t('employment.policiesTotal')}>
                {t('employment.policiesSum', { n: k.policies.count, total: yuan(k.policies.total) })}
              </Descriptions.Item>
              <Descriptions.Item label={t('employment.follower')}>{k.follower?.name ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('employment.lastGuided')}>{k.lastGuidedOn ?? '—'}</Descriptions.Item>
              {k.note ? <Descriptions.Item label={t('employment.ledgerNote')}>{k.note}</Descriptions.Item> : null}
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <Card title={t('employment.trend')} style={{ marginBottom: 16 }}>
            <TrendChart k={k} />
          </Card>
          <EnterpriseWarningsCard enterpriseId={k.enterpriseId} />
        </Col>
      </Row>
      <Card>
        <Tabs
          items={[
            {
              key: 'reports',
              label: t('employment.tabReports', { n: k.reports.length }),
              children: <ReportsTable k={k} writer={writer} onEdit={(r) => setReport({ report: r })} />,
            },
            {
              key: 'policies',
              label: t('employment.tabPolicies', { n: k.policyEntries.length }),
              children: (
                <>
                  <Table<KeyPolicy>
                    rowKey="id"
                    size="small"
                    tableLayout="fixed"
                    columns={policyColumns}
                    dataSource={k.policyEntries}
                    pagination={false}
                    locale={{ emptyText: t('employment.none') }}
                  />
                  {writer ? (
                    <Button
                      icon={<PlusOutlined />}
                      style={{ marginTop: 12 }}
                      onClick={() => setEditing({ kind: 'policy', record: null })}
                      data-testid="policy-add"
                    >
                      {t('employment.policyAdd')}
                    </Button>
                  ) : null}
                </>
              ),
            },
            {
              key: 'guidance',
              label: t('employment.tabGuidance', { n: k.guidance.length }),
              children: (
                <>
                  {k.guidance.length ? (
                    <Timeline
                      items={k.guidance.map((g) => ({
                        key: g.id,
                        content: (
                          <div>
                            <Typography.Text strong>{g.guidedOn}</Typography.Text>{' '}
                            <Typography.Text type="secondary">{g.guidedBy}</Typography.Text>
                            {edit(t('common.edit'), () => setEditing({ kind: 'guidance', record: g }))}
                            <div>{g.content}</div>
                          </div>
                        ),
                      }))}
                    />
                  ) : (
                    <Typography.Text type="secondary">{t('employment.none')}</Typography.Text>
                  )}
                  {writer ? (
                    <Button
                      icon={<PlusOutlined />}
                      style={{ marginTop: 12, display: 'block' }}
                      onClick={() => setEditing({ kind: 'guidance', record: null })}
                      data-testid="guidance-add"
                    >
                      {t('employment.guidanceAdd')}
                    </Button>
                  ) : null}
                </>
              ),
            },
            {
              key: 'consultations',
              label: t('employment.tabConsultations', { n: k.consultations.length }),
              children: (
                <>
                  <Table<CollectiveConsultation>
                    rowKey="id"
                    size="small"
                    tableLayout="fixed"
                    scroll={{ x: 820 }}
                    columns={consultationColumns}
                    dataSource={k.consultations}
                    pagination={false}
                    expandable={{
                      expandedRowRender: (c) => (
                        <Descriptions size="small" column={1}>
                          <Descriptions.Item label={t('employment.participants')}>{c.participants}</Descriptions.Item>
                          <Descriptions.Item label={t('employment.result')}>{c.result}</Descriptions.Item>
                          {c.agreementSummary ? (
                            <Descriptions.Item label={t('employment.agreementSummary')}>
                              {c.agreementSummary}
                            </Descriptions.Item>
                          ) : null}
                        </Descriptions>
                      ),
                    }}
                    locale={{ emptyText: t('employment.none') }}
                  />
                  {writer ? (
                    <Button
                      icon={<PlusOutlined />}
                      style={{ marginTop: 12 }}
                      onClick={() => setEditing({ kind: 'consultation', record: null })}
                      data-testid="consultation-add"
                    >
                      {t('employment.consultationAdd')}
                    </Button>
                  ) : null}
                </>
              ),
            },
            {
              key: 'history',
              label: t('employment.tabHistory', { n: k.listings.length }),
              children: (
                <Timeline
                  items={k.listings.map((l) => ({
                    key: l.id,
                    color: l.delistedOn ? 'gray' : 'blue',
                    content: (
                      <div>
                        <Typography.Text strong>
                          {l.listedOn} ~ {l.delistedOn ?? t('employment.now')}
                        </Typography.Text>
                        <div>
                          {t('employment.listedFor')}
                          {l.reasons.map((r) => labelOf(KEY_REASON_LABELS, r, lang)).join('、')}
                          {l.note ? `；${l.note}` : ''}
                          {l.listedBy ? `（${l.listedBy}）` : ''}
                        </div>
                        {l.delistedOn ? (
                          <div>
                            {t('employment.delistedFor')}
                            {l.delistReason}
                            {l.delistedBy ? `（${l.delistedBy}）` : ''}
                          </div>
                        ) : null}
                      </div>
                    ),
                  }))}
                />
              ),
            },
          ]}
        />
      </Card>
      <LedgerDrawer k={k} open={ledger} onClose={() => setLedger(false)} />
      <ListingModal k={k} open={listing} onClose={() => setListing(false)} />
      <RecordForms k={k} editing={editing} onClose={() => setEditing(null)} />
      {report ? (
        <ReportDrawer
          open
          onClose={() => setReport(null)}
          mode="staff"
          enterpriseId={k.enterpriseId}
          report={report.report}
          reports={k.reports}
        />
      ) : null}
    </div>
  );
}
