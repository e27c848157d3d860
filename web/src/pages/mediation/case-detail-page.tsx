import { ArrowLeftOutlined, EyeOutlined, PrinterOutlined } from '@ant-design/icons';
import {
  CASE_EVENT_LABELS,
  CASE_SOURCE_LABELS,
  CASE_STATUS_LABELS,
  type CaseEvent,
  canSeeCaseParties,
  chinaToday,
  DISPUTE_TYPE_LABELS,
  extensionOpen,
  MEDIATION_RULES,
  type MediationCaseDetail,
  RECORD_EVENT_LABELS,
  RECORD_EVENTS,
  type RecordEvent,
} from '@hexie/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Row,
  Skeleton,
  Space,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { fieldErrorsOf } from '../../api/client';
import { mediationApi, mediationKeys } from '../../api/mediation';
import { useCan, useSignedIn } from '../../app/auth';
import { useLang } from '../../app/i18n';
import { ExportButton } from '../../shared/export-button';
import { formatTime, labelOf } from '../../shared/format';
import { PageHeader } from '../../shared/page-header';
import { ProblemAlert } from '../../shared/problem-alert';
import { CaseFilePanel } from './case-file-panel';
import { DueTag } from './due-tag';

const isRecordEvent = (e: string): e is RecordEvent => (RECORD_EVENTS as readonly string[]).includes(e);

/** The events that close a case or turn it away need their reason. */
const NEEDS_NOTE: ReadonlySet<CaseEvent> = new Set(['reject', 'fail', 'withdraw']);

interface EventValues {
  note?: string;
  terms?: string;
  performanceDeadline?: Dayjs;
  effectiveOn?: Dayjs;
  heldOn?: Dayjs;
  mediatorName?: string;
  participants?: string;
  record?: string;
}

function EventModal({ c, event, onClose }: { c: MediationCaseDetail; event: CaseEvent | null; onClose: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<EventValues>();
  const send = useMutation({
    mutationFn: (v: EventValues) =>
      mediationApi.event(c.id, {
        event: event as CaseEvent,
        version: c.version,
        note: v.note?.trim() || null,
        ...(event === 'agree'
          ? {
              agreement: {
                terms: v.terms ?? '',
                performanceDeadline: (v.performanceDeadline ?? dayjs()).format('YYYY-MM-DD'),
                effectiveOn: (v.effectiveOn ?? dayjs()).format('YYYY-MM-DD'),
              },
            }
          : {}),
        ...(event === 'session'
          ? {
              session: {
                heldOn: (v.heldOn ?? dayjs()).format('YYYY-MM-DD'),
                mediatorName: v.mediatorName ?? '',
                participants: v.participants ?? '',
                record: v.record ?? '',
              },
            }
          : {}),
      }),
    onSuccess: async () => {
      message.success(t('mediation.eventDone', { event: labelOf(CASE_EVENT_LABELS, event, lang) }));
      await qc.invalidateQueries({ queryKey: mediationKeys.all });
      form.resetFields();
      onClose();
    },
    onError: (err) => {
      form.setFields(
        fieldErrorsOf(err).map((f) => ({
          name: f.name.replace(/^session\./, '') as keyof EventValues,
          errors: f.errors,
        })),
      );
    },
  });
  if (!event) return null;
  return (
    <Modal
      open
      title={labelOf(CASE_EVENT_LABELS, event, lang)}
      okText={t('common.confirm')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={send.isPending}
      destroyOnHidden
    >
      {send.error && fieldErrorsOf(send.error).length === 0 ? <ProblemAlert error={send.error} /> : null}
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => send.mutate(v)}
        initialValues={{ heldOn: dayjs(), effectiveOn: dayjs() }}
      >
        {event === 'session' ? (
          <>
            <Row gutter={12}>
              <Col span={10}>
                <Form.Item name="heldOn" label={t('mediation.heldOn')} rules={[{ required: true }]}>
                  <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
                </Form.Item>
              </Col>
              <Col span={14}>
                <Form.Item name="mediatorName" label={t('mediation.mediatorName')} rules={[{ required: true, min: 2 }]}>
                  <Input maxLength={50} />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item name="participants" label={t('mediation.participants')} rules={[{ required: true, min: 2 }]}>
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item name="record" label={t('mediation.record')} rules={[{ required: true, min: 4 }]}>
              <Input.TextArea rows={5} maxLength={8000} showCount />
            </Form.Item>
          </>
        ) : event === 'agree' ? (
          <>
            <Form.Item name="terms" label={t('mediation.agreementTerms')} rules={[{ required: true, min: 4 }]}>
              <Input.TextArea rows={5} maxLength={4000} showCount placeholder={t('mediation.termsPlaceholder')} />
            </Form.Item>
            <Row gutter={12}>
              <Col span={12}>
                <Form.Item
                  name="performanceDeadline"
                  label={t('mediation.performanceDeadline')}
                  rules={[{ required: true }]}
                >
                  <DatePicker style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item
                  name="effectiveOn"
                  label={t('mediation.effectiveOn')}
                  extra={t('mediation.effectiveOnHint')}
                  rules={[{ required: true }]}
                >
                  <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
                </Form.Item>
              </Col>
            </Row>
          </>
        ) : (
          <Form.Item
            name="note"
            label={t('mediation.note')}
            rules={NEEDS_NOTE.has(event) ? [{ required: true, message: t('mediation.noteRequired') }] : []}
          >
            <Input.TextArea rows={4} maxLength={2000} showCount />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

function ExtensionModal({ c, open, onClose }: { c: MediationCaseDetail; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ days: number; applicantConsentOn: Dayjs; respondentConsentOn: Dayjs }>();
  const send = useMutation({
    mutationFn: (v: { days: number; applicantConsentOn: Dayjs; respondentConsentOn: Dayjs }) =>
      mediationApi.extend(c.id, {
        version: c.version,
        days: v.days,
        applicantConsentOn: v.applicantConsentOn.format('YYYY-MM-DD'),
        respondentConsentOn: v.respondentConsentOn.format('YYYY-MM-DD'),
      }),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: mediationKeys.all });
      onClose();
    },
  });
  return (
    <Modal
      open={open}
      title={t('mediation.extend')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={send.isPending}
      destroyOnHidden
    >
      <Alert type="info" showIcon title={t('mediation.extendHint')} style={{ marginBottom: 12 }} />
      {send.error ? <ProblemAlert error={send.error} /> : null}
      <Form form={form} layout="vertical" onFinish={(v) => send.mutate(v)} initialValues={{ days: 15 }}>
        <Form.Item name="days" label={t('mediation.extendDays')} rules={[{ required: true }]}>
          <InputNumber min={1} max={MEDIATION_RULES.maxExtensionDays} precision={0} />
        </Form.Item>
        <Form.Item name="applicantConsentOn" label={t('mediation.applicantConsent')} rules={[{ required: true }]}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="respondentConsentOn" label={t('mediation.respondentConsent')} rules={[{ required: true }]}>
          <DatePicker />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 案件详情: the parties, claims and deadlines, the timeline with the session records, and the next steps. */
export function MediationCaseDetailPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const can = useCan();
  const { id = '' } = useParams();
  const [reveal, setReveal] = useState(false);
  const [event, setEvent] = useState<CaseEvent | null>(null);
  const [extending, setExtending] = useState(false);
  const detail = useQuery({
    queryKey: mediationKeys.case(id, reveal),
    queryFn: ({ signal }) => mediationApi.case(id, reveal, signal),
  });
  const c = detail.data;
  const role = useSignedIn().user.role;
  const writer = can('mediation:write');
  const canExtend = writer && !!c && extensionOpen(c, chinaToday());
  return (
    <div data-testid="mediation-case-page">
      <PageHeader
        title={c ? `${t('mediation.case')} ${c.trackingCode}` : t('mediation.case')}
        extra={
          <Space wrap>
            <Link to="/mediation/cases">
              <Button icon={<ArrowLeftOutlined />}>{t('mediation.backToCases')}</Button>
            </Link>
            {c && writer ? (
              <>
                {c.next.map((e) => (
                  <Button
                    key={e}
                    type={e === 'accept' || e === 'agree' || e === 'session' ? 'primary' : 'default'}
                    danger={e === 'reject' || e === 'fail'}
                    onClick={() => setEvent(e)}
                    data-testid={`case-action-${e}`}
                  >
                    {labelOf(CASE_EVENT_LABELS, e, lang)}
                  </Button>
                ))}
                {canExtend ? (
                  <Button onClick={() => setExtending(true)} data-testid="case-action-extend">
                    {t('mediation.extend')}
                  </Button>
                ) : null}
              </>
            ) : null}
          </Space>
        }
      />
      {detail.error ? <ProblemAlert error={detail.error} onRetry={() => void detail.refetch()} /> : null}
      {detail.isPending ? <Skeleton active /> : null}
      {c ? (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={15}>
            <Card title={t('mediation.caseInfo')}>
              {c.calendarMissing ? (
                <Alert type="warning" showIcon title={t('mediation.calendarMissing')} style={{ marginBottom: 12 }} />
              ) : null}
              <Descriptions
                column={{ xs: 1, md: 2 }}
                size="small"
                items={[
                  {
                    label: t('mediation.status'),
                    children: (
                      <Tag color={c.status === 'agreement' ? 'green' : undefined} data-testid="case-status">
                        {labelOf(CASE_STATUS_LABELS, c.status, lang)}
                      </Tag>
                    ),
                  },
                  {
                    label: c.pending ? t('mediation.deadline') : t('mediation.closedOnLabel'),
                    children: c.pending ? <DueTag pending={c.pending} /> : (c.closedOn ?? ''),
                  },
                  { label: t('mediation.org'), children: c.orgName },
                  { label: t('mediation.source'), children: labelOf(CASE_SOURCE_LABELS, c.source, lang) },
                  { label: t('mediation.receivedOn'), children: c.receivedOn },
                  { label: t('mediation.acceptanceDue'), children: c.acceptanceDue },
                  {
                    label: t('mediation.mediationDue'),
                    children: c.extensionDays
                      ? `${c.effectiveDue}（${t('mediation.extended', { days: c.extensionDays })}）`
                      : c.effectiveDue,
                  },
                  {
                    label: t('mediation.claimAmount'),
                    children: c.claimAmount === null ? '—' : `${c.claimAmount.toLocaleString()} 元`,
                  },
                  {
                    label: t('mediation.applicant'),
                    span: 2,
                    children: (
                      <Space wrap>
                        <span>{c.applicant.name}</span>
                        <span data-testid="case-applicant-id">{c.applicant.idNumber}</span>
                        <span data-testid="case-applicant-phone">{c.applicant.phone}</span>
                        {c.personalMasked && canSeeCaseParties(role) ? (
                          <Button
                            size="small"
                            icon={<EyeOutlined />}
                            onClick={() => setReveal(true)}
                            data-testid="case-reveal"
                          >
                            {t('mediation.reveal')}
                          </Button>
                        ) : null}
                      </Space>
                    ),
                  },
                  {
                    label: t('mediation.respondent'),
                    span: 2,
                    children: `${c.respondent.name}${c.respondent.creditCode ? `（${c.respondent.creditCode}）` : ''}`,
                  },
                  {
                    label: t('mediation.disputeTypes'),
                    span: 2,
                    children: c.disputeTypes.map((d) => <Tag key={d}>{labelOf(DISPUTE_TYPE_LABELS, d, lang)}</Tag>),
                  },
                ]}
              />
              <Typography.Title level={5} style={{ marginTop: 16 }}>
                {t('mediation.facts')}
              </Typography.Title>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{c.facts}</Typography.Paragraph>
              {c.agreement ? (
                <Card
                  type="inner"
                  title={t('mediation.agreement')}
                  style={{ marginBottom: 16 }}
                  extra={
                    <Space wrap>
                      <Link to={`/mediation/cases/${c.id}/agreement`} data-testid="case-print-agreement">
                        <Button icon={<PrinterOutlined />}>{t('mediation.printAgreement')}</Button>
                      </Link>
                      <ExportButton
                        path={`/mediation/cases/${c.id}/agreement.docx`}
                        filters={{}}
                        label={t('mediation.downloadDocx')}
                        hint={t('mediation.downloadDocxHint')}
                        fallbackName="劳动争议调解协议书.docx"
                        testId="case-agreement-docx"
                      />
                      <ExportButton
                        path={`/mediation/cases/${c.id}/agreement.pdf`}
                        filters={{}}
                        label={t('mediation.downloadPdf')}
                        hint={t('mediation.downloadPdfHint')}
                        fallbackName="劳动争议调解协议书.pdf"
                        testId="case-agreement-pdf"
                      />
                    </Space>
                  }
                  data-testid="case-agreement"
                >
                  <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{c.agreement.terms}</Typography.Paragraph>
                  <Descriptions
                    size="small"
                    column={{ xs: 1, md: 3 }}
                    items={[
                      { label: t('mediation.performanceDeadline'), children: c.agreement.performanceDeadline },
                      { label: t('mediation.effectiveOn'), children: c.agreement.effectiveOn },
                      { label: t('mediation.reviewDue'), children: c.agreement.reviewDue },
                    ]}
                  />
                </Card>
              ) : null}
              {c.outcomeNote ? (
                <>
                  <Typography.Title level={5}>{t('mediation.outcome')}</Typography.Title>
                  <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} data-testid="case-outcome">
                    {c.outcomeNote}
                  </Typography.Paragraph>
                </>
              ) : null}
            </Card>
            <CaseFilePanel c={c} writer={writer} />
          </Col>
          <Col xs={24} xl={9}>
            <Card title={t('mediation.timeline')}>
              <Timeline
                data-testid="case-timeline"
                items={c.timeline.map((e) => ({
                  color:
                    e.toStatus === 'agreement'
                      ? 'green'
                      : e.toStatus === 'rejected' || e.toStatus === 'failed'
                        ? 'red'
                        : 'blue',
                  children: (
                    <div>
                      <div>
                        <strong>
                          {isRecordEvent(e.event)
                            ? labelOf(RECORD_EVENT_LABELS, e.event, lang)
                            : labelOf(CASE_EVENT_LABELS, e.event, lang)}
                        </strong>{' '}
                        <span className="hx-muted">{formatTime(e.at, 'YYYY-MM-DD HH:mm')}</span>
                      </div>
                      <div className="hx-muted" style={{ fontSize: 12 }}>
                        {e.actorName ??
                          (e.event === 'apply' || e.event === 'attach' ? t('mediation.applicantOnline') : '')}
                      </div>
                      {e.session ? (
                        <div style={{ marginTop: 4 }}>
                          <div>
                            {e.session.heldOn} · {e.session.mediatorName} · {e.session.participants}
                          </div>
                          <div style={{ whiteSpace: 'pre-wrap' }}>{e.session.record}</div>
                        </div>
                      ) : e.note ? (
                        <div style={{ whiteSpace: 'pre-wrap', marginTop: 4 }}>{e.note}</div>
                      ) : null}
                    </div>
                  ),
                }))}
              />
            </Card>
          </Col>
        </Row>
      ) : null}
      {c ? <EventModal c={c} event={event} onClose={() => setEvent(null)} /> : null}
      {c ? <ExtensionModal c={c} open={extending} onClose={() => setExtending(false)} /> : null}
    </div>
  );
}
