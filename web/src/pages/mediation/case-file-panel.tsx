import { DownloadOutlined, FileImageOutlined, FilePdfOutlined, UploadOutlined } from '@ant-design/icons';
import {
  ATTACHMENT_RULES,
  type CaseFile,
  type CaseLetter,
  isOpen,
  type MediationCaseDetail,
  PERFORMANCE_STATE_LABELS,
  PERFORMANCE_STATUSES,
  type PerformanceState,
  REVIEW_STATE_LABELS,
  type ReviewState,
} from '@hexie/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Empty,
  Form,
  Input,
  InputNumber,
  List,
  Modal,
  Popconfirm,
  Select,
  Skeleton,
  Space,
  Tag,
  Typography,
  Upload,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrorsOf } from '../../api/client';
import { mediationKeys } from '../../api/mediation';
import { caseFileApi, caseFileKeys } from '../../api/mediation-file';
import { useLang } from '../../app/i18n';
import { formatTime, labelOf } from '../../shared/format';
import { ProblemAlert } from '../../shared/problem-alert';

const REVIEW_COLORS: Record<ReviewState, string> = {
  awaiting: 'blue',
  missed: 'orange',
  applied: 'processing',
  confirmed: 'green',
  not_confirmed: 'red',
};
const PERFORMANCE_COLORS: Record<PerformanceState, string> = {
  pending: 'blue',
  overdue: 'red',
  performed: 'green',
  partial: 'orange',
  not_performed: 'red',
};
const day = (d: Dayjs | undefined) => (d ?? dayjs()).format('YYYY-MM-DD');
const noFuture = (d: Dayjs) => d.isAfter(dayjs(), 'day');
const sizeOf = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;

/** A form in a modal that sends to the case file and shows the server's field errors on its fields. */
function FileFormModal<V extends object>({
  title,
  open,
  onClose,
  send,
  initialValues,
  children,
  extra,
}: {
  title: string;
  open: boolean;
  onClose: () => void;
  send: (v: V) => Promise<CaseFile>;
  initialValues?: Partial<V>;
  children: ReactNode;
  extra?: ReactNode;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<V>();
  const mutation = useMutation({
    mutationFn: send,
    onSuccess: async (file) => {
      qc.setQueryData(caseFileKeys.file(file.caseId), file);
      await qc.invalidateQueries({ queryKey: mediationKeys.all });
      message.success(t('caseFile.saved'));
      onClose();
    },
    onError: (err) => form.setFields(fieldErrorsOf(err) as Parameters<typeof form.setFields>[0]),
  });
  return (
    <Modal
      open={open}
      title={title}
      okText={t('common.confirm')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={mutation.isPending}
      destroyOnHidden
    >
      {extra}
      {mutation.error && fieldErrorsOf(mutation.error).length === 0 ? <ProblemAlert error={mutation.error} /> : null}
      <Form form={form} layout="vertical" onFinish={(v) => mutation.mutate(v)} initialValues={initialValues}>
        {children}
      </Form>
    </Modal>
  );
}

interface ReviewValues {
  appliedOn: Dayjs;
  commission: string;
  result?: 'confirmed' | 'not_confirmed' | 'pending';
  resultOn?: Dayjs;
  note?: string;
}
interface PerformanceValues {
  status: (typeof PERFORMANCE_STATUSES)[number];
  on: Dayjs;
  amountPaid?: number | null;
  note?: string;
}
interface LetterValues {
  recipient: string;
  sentOn: Dayjs;
  content: string;
}
interface ReplyValues {
  repliedOn: Dayjs;
  reply: string;
}

type Dialog = 'review' | 'performance' | 'letter' | { reply: CaseLetter } | null;

/**
 * 案卷与后续: the documents of a case, the arbitral review and performance of its agreement, the suggestion
 * letters and the archive. The rules (what may be recorded when) are core's; the server refuses what they refuse.
 */
export function CaseFilePanel({ c, writer }: { c: MediationCaseDetail; writer: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [dialog, setDialog] = useState<Dialog>(null);
  const file = useQuery({
    queryKey: caseFileKeys.file(c.id),
    queryFn: ({ signal }) => caseFileApi.file(c.id, signal),
  });
  const saved = async (f: CaseFile) => {
    qc.setQueryData(caseFileKeys.file(c.id), f);
    await qc.invalidateQueries({ queryKey: mediationKeys.all });
  };
  const attach = useMutation({
    mutationFn: (f: File) => caseFileApi.attach(c.id, f),
    onSuccess: async (f, sent) => {
      await saved(f);
      message.success(t('caseFile.uploaded', { name: sent.name }));
    },
  });
  const archive = useMutation({
    mutationFn: (version: number) => caseFileApi.archive(c.id, version),
    onSuccess: saved,
  });
  const f = file.data;
  const mb = ATTACHMENT_RULES.staffMaxBytes / 1024 / 1024;
  const editable = writer && !!f && !f.archive;
  const close = () => setDialog(null);

  return (
    <Card title={t('caseFile.title')} data-testid="case-file" style={{ marginTop: 16 }}>
      {file.error ? <ProblemAlert error={file.error} onRetry={() => void file.refetch()} /> : null}
      {file.isPending ? <Skeleton active /> : null}
      {f ? (
        <Space direction="vertical" size="large" style={{ width: '100%' }}>
          <section data-testid="case-attachments">
            <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
              <Typography.Title level={5} style={{ margin: 0 }}>
                {t('caseFile.attachments')}
              </Typography.Title>
              {editable ? (
                <Upload
                  accept=".jpg,.jpeg,.png,.pdf"
                  showUploadList={false}
                  beforeUpload={(file) => {
                    if (file.size > ATTACHMENT_RULES.staffMaxBytes) {
                      message.error(t('caseFile.tooLarge', { name: file.name, mb }));
                    } else attach.mutate(file);
                    return false;
                  }}
                >
                  <Button icon={<UploadOutlined />} loading={attach.isPending} data-testid="case-attach">
                    {t('caseFile.upload')}
                  </Button>
                </Upload>
              ) : null}
            </Space>
            {attach.error ? <ProblemAlert error={attach.error} /> : null}
            {editable ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('caseFile.uploadHint', { mb })}
              </Typography.Text>
            ) : null}
            {f.attachments.length === 0 ? (
              <Typography.Paragraph type="secondary">{t('caseFile.noAttachments')}</Typography.Paragraph>
            ) : (
              <List
                size="small"
                dataSource={f.attachments}
                renderItem={(a) => (
                  <List.Item
                    actions={[
                      <a key="dl" href={caseFileApi.attachmentUrl(c.id, a.id)} download={a.fileName}>
                        <DownloadOutlined /> {t('caseFile.download')}
                      </a>,
                    ]}
                  >
                    <List.Item.Meta
                      avatar={a.contentType === 'application/pdf' ? <FilePdfOutlined /> : <FileImageOutlined />}
                      title={<span style={{ wordBreak: 'break-all' }}>{a.fileName}</span>}
                      description={`${sizeOf(a.size)} · ${
                        a.uploadedBy === 'applicant' ? t('caseFile.byApplicant') : (a.uploaderName ?? '')
                      } · ${formatTime(a.createdAt, 'YYYY-MM-DD HH:mm')}`}
                    />
                  </List.Item>
                )}
              />
            )}
          </section>

          {f.reviewState && c.agreement ? (
            <section data-testid="case-review">
              <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
                <Typography.Title level={5} style={{ margin: 0 }}>
                  {t('caseFile.review')}{' '}
                  <Tag color={REVIEW_COLORS[f.reviewState]} data-testid="case-review-state">
                    {labelOf(REVIEW_STATE_LABELS, f.reviewState, lang)}
                  </Tag>
                </Typography.Title>
                {editable ? (
                  <Button onClick={() => setDialog('review')} data-testid="case-record-review">
                    {t('caseFile.recordReview')}
                  </Button>
                ) : null}
              </Space>
              <Descriptions
                size="small"
                column={{ xs: 1, md: 2 }}
                items={[
                  {
                    label: t('caseFile.reviewDueLabel'),
                    children:
                      f.reviewDaysLeft !== null && f.reviewDaysLeft >= 0
                        ? `${c.agreement.reviewDue}（${t('caseFile.daysLeft', { days: f.reviewDaysLeft })}）`
                        : c.agreement.reviewDue,
                  },
                  ...(f.review
                    ? [
                        { label: t('caseFile.appliedOn'), children: f.review.appliedOn },
                        { label: t('caseFile.commission'), children: f.review.commission },
                        {
                          label: t('caseFile.result'),
                          children: f.review.result
                            ? `${t(f.review.result === 'confirmed' ? 'caseFile.confirmed' : 'caseFile.notConfirmed')}（${f.review.resultOn}）`
                            : t('caseFile.resultPending'),
                        },
                      ]
                    : []),
                ]}
              />
            </section>
          ) : null}

          {f.performanceState && c.agreement ? (
            <section data-testid="case-performance">
              <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
                <Typography.Title level={5} style={{ margin: 0 }}>
                  {t('caseFile.performance')}{' '}
                  <Tag color={PERFORMANCE_COLORS[f.performanceState]} data-testid="case-performance-state">
                    {labelOf(PERFORMANCE_STATE_LABELS, f.performanceState, lang)}
                  </Tag>
                </Typography.Title>
                {editable ? (
                  <Button onClick={() => setDialog('performance')} data-testid="case-record-performance">
                    {t('caseFile.recordPerformance')}
                  </Button>
                ) : null}
              </Space>
              {f.performance ? (
                <Descriptions
                  size="small"
                  column={{ xs: 1, md: 2 }}
                  items={[
                    { label: t('caseFile.performedOn'), children: f.performance.on },
                    {
                      label: t('caseFile.amountPaid'),
                      children: f.performance.amountPaid === null ? '—' : f.performance.amountPaid.toLocaleString(),
                    },
                    ...(f.performance.note
                      ? [{ label: t('caseFile.note'), span: 2, children: f.performance.note }]
                      : []),
                  ]}
                />
              ) : null}
            </section>
          ) : null}

          <section data-testid="case-letters">
            <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
              <Typography.Title level={5} style={{ margin: 0 }}>
                {t('caseFile.letters')}
              </Typography.Title>
              {editable ? (
                <Button onClick={() => setDialog('letter')} data-testid="case-send-letter">
                  {t('caseFile.sendLetter')}
                </Button>
              ) : null}
            </Space>
            {f.letters.length === 0 ? (
              <Typography.Paragraph type="secondary">{t('caseFile.noLetters')}</Typography.Paragraph>
            ) : (
              <List
                size="small"
                dataSource={f.letters}
                renderItem={(l) => (
                  <List.Item
                    actions={
                      editable && !l.repliedOn
                        ? [
                            <Button key="reply" size="small" onClick={() => setDialog({ reply: l })}>
                              {t('caseFile.recordReply')}
                            </Button>,
                          ]
                        : []
                    }
                  >
                    <List.Item.Meta
                      title={`${l.number} · ${l.recipient} · ${l.sentOn}`}
                      description={
                        <>
                          <div style={{ whiteSpace: 'pre-wrap' }}>{l.content}</div>
                          <div style={{ marginTop: 4 }}>
                            {l.repliedOn ? (
                              <>
                                <Tag color="green">{t('caseFile.reply')}</Tag>
                                {l.repliedOn}：{l.reply}
                              </>
                            ) : (
                              <Tag>{t('caseFile.awaitingReply')}</Tag>
                            )}
                          </div>
                        </>
                      }
                    />
                  </List.Item>
                )}
              />
            )}
          </section>

          <section data-testid="case-archive">
            <Typography.Title level={5}>{t('caseFile.archive')}</Typography.Title>
            {f.archive ? (
              <Tag color="default" data-testid="case-archive-no">
                {t('caseFile.archived', { number: f.archive.number, on: f.archive.on })}
              </Tag>
            ) : isOpen(c.status) ? (
              <Typography.Text type="secondary">{t('caseFile.archiveOpen')}</Typography.Text>
            ) : writer ? (
              <Popconfirm title={t('caseFile.archiveConfirm')} onConfirm={() => archive.mutate(f.version)}>
                <Button loading={archive.isPending} data-testid="case-archive-now">
                  {t('caseFile.archiveNow')}
                </Button>
              </Popconfirm>
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
            )}
            {archive.error ? <ProblemAlert error={archive.error} /> : null}
          </section>
        </Space>
      ) : null}

      {f && c.agreement ? (
        <FileFormModal<ReviewValues>
          title={t('caseFile.recordReview')}
          open={dialog === 'review'}
          onClose={close}
          extra={<Alert type="info" showIcon title={t('caseFile.reviewHint')} style={{ marginBottom: 12 }} />}
          initialValues={{
            appliedOn: dayjs(f.review?.appliedOn ?? undefined),
            commission: f.review?.commission ?? '',
            result: f.review?.result ?? 'pending',
            ...(f.review?.resultOn ? { resultOn: dayjs(f.review.resultOn) } : {}),
            note: f.review?.note ?? '',
          }}
          send={(v) =>
            caseFileApi.review(c.id, {
              version: f.version,
              appliedOn: day(v.appliedOn),
              commission: v.commission,
              result: v.result === 'pending' || !v.result ? null : v.result,
              resultOn: v.result && v.result !== 'pending' && v.resultOn ? day(v.resultOn) : null,
              note: v.note?.trim() || null,
            })
          }
        >
          <Form.Item name="appliedOn" label={t('caseFile.appliedOn')} rules={[{ required: true }]}>
            <DatePicker style={{ width: '100%' }} disabledDate={noFuture} />
          </Form.Item>
          <Form.Item name="commission" label={t('caseFile.commission')} rules={[{ required: true, min: 4 }]}>
            <Input maxLength={100} placeholder={t('caseFile.commissionPlaceholder')} />
          </Form.Item>
          <Form.Item name="result" label={t('caseFile.result')}>
            <Select
              options={[
                { value: 'pending', label: t('caseFile.resultPending') },
                { value: 'confirmed', label: t('caseFile.confirmed') },
                { value: 'not_confirmed', label: t('caseFile.notConfirmed') },
              ]}
            />
          </Form.Item>
          <Form.Item name="resultOn" label={t('caseFile.resultOn')}>
            <DatePicker style={{ width: '100%' }} disabledDate={noFuture} />
          </Form.Item>
          <Form.Item name="note" label={t('caseFile.note')}>
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
        </FileFormModal>
      ) : null}

      {f && c.agreement ? (
        <FileFormModal<PerformanceValues>
          title={t('caseFile.recordPerformance')}
          open={dialog === 'performance'}
          onClose={close}
          initialValues={{
            status: f.performance?.status ?? 'performed',
            on: dayjs(f.performance?.on ?? undefined),
            amountPaid: f.performance?.amountPaid ?? c.claimAmount,
            note: f.performance?.note ?? '',
          }}
          send={(v) =>
            caseFileApi.performance(c.id, {
              version: f.version,
              status: v.status,
              on: day(v.on),
              amountPaid: v.amountPaid ?? null,
              note: v.note?.trim() || null,
            })
          }
        >
          <Form.Item name="status" label={t('caseFile.performanceStatus')} rules={[{ required: true }]}>
            <Select
              options={PERFORMANCE_STATUSES.map((s) => ({
                value: s,
                label: labelOf(PERFORMANCE_STATE_LABELS, s, lang),
              }))}
            />
          </Form.Item>
          <Form.Item name="on" label={t('caseFile.performedOn')} rules={[{ required: true }]}>
            <DatePicker style={{ width: '100%' }} disabledDate={noFuture} />
          </Form.Item>
          <Form.Item name="amountPaid" label={t('caseFile.amountPaid')}>
            <InputNumber min={0} precision={2} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="note" label={t('caseFile.note')} extra={t('caseFile.noteHint')}>
            <Input.TextArea rows={3} maxLength={1000} />
          </Form.Item>
        </FileFormModal>
      ) : null}

      {f ? (
        <FileFormModal<LetterValues>
          title={t('caseFile.sendLetter')}
          open={dialog === 'letter'}
          onClose={close}
          initialValues={{ recipient: c.respondent.name, sentOn: dayjs() }}
          send={(v) => caseFileApi.letter(c.id, { recipient: v.recipient, sentOn: day(v.sentOn), content: v.content })}
        >
          <Form.Item name="recipient" label={t('caseFile.recipient')} rules={[{ required: true, min: 2 }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="sentOn" label={t('caseFile.sentOn')} rules={[{ required: true }]}>
            <DatePicker style={{ width: '100%' }} disabledDate={noFuture} />
          </Form.Item>
          <Form.Item name="content" label={t('caseFile.content')} rules={[{ required: true, min: 10 }]}>
            <Input.TextArea rows={6} maxLength={4000} showCount />
          </Form.Item>
        </FileFormModal>
      ) : null}

      {f && dialog && typeof dialog === 'object' ? (
        <FileFormModal<ReplyValues>
          title={`${t('caseFile.recordReply')} · ${dialog.reply.number}`}
          open
          onClose={close}
          initialValues={{ repliedOn: dayjs() }}
          send={(v) => caseFileApi.reply(c.id, dialog.reply.id, { repliedOn: day(v.repliedOn), reply: v.reply })}
        >
          <Form.Item name="repliedOn" label={t('caseFile.repliedOn')} rules={[{ required: true }]}>
            <DatePicker style={{ width: '100%' }} disabledDate={noFuture} />
          </Form.Item>
          <Form.Item name="reply" label={t('caseFile.reply')} rules={[{ required: true, min: 2 }]}>
            <Input.TextArea rows={4} maxLength={4000} />
          </Form.Item>
        </FileFormModal>
      ) : null}
    </Card>
  );
}
