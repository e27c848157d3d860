import { NotificationOutlined, SendOutlined } from '@ant-design/icons';
import {
  type CreateNoticeBody,
  NOTICE_KIND_LABELS,
  NOTICE_KINDS,
  type Notice,
  type NoticeCriteria,
  SIZE_CLASS_LABELS,
  SIZE_CLASSES,
} from '@hexie/core';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Drawer,
  Empty,
  Form,
  Input,
  InputNumber,
  Progress,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { endpoints, queryKeys } from '../../api/endpoints';
import { useSignedIn } from '../../app/auth';
import { useLang } from '../../app/i18n';
import { DrawerFooter } from '../../shared/drawer-footer';
import { formatTime, labelOf } from '../../shared/format';
import { showFieldErrors } from '../../shared/forms';
import { IndustrySelect } from '../../shared/industry-select';
import { listPagination } from '../../shared/list';
import { PageHeader } from '../../shared/page-header';
import { ProblemAlert } from '../../shared/problem-alert';
import { RegionSelect } from '../../shared/region-select';

interface ComposeValues {
  kind: CreateNoticeBody['kind'];
  title: string;
  body: string;
  regionCode?: string;
  industryCode?: string;
  registeredWithinMonths?: number | null;
  sizeClass?: NoticeCriteria['sizeClass'];
}

const KIND_COLORS = { guidance: 'blue', risk_alert: 'orange', policy: 'green' } as const;

function criteriaOf(v: Partial<ComposeValues>): NoticeCriteria {
  return {
    ...(v.regionCode ? { regionCode: v.regionCode } : {}),
    ...(v.industryCode ? { industryCode: v.industryCode } : {}),
    ...(v.registeredWithinMonths ? { registeredWithinMonths: v.registeredWithinMonths } : {}),
    ...(v.sizeClass ? { sizeClass: v.sizeClass } : {}),
  };
}

/** The compose form's fields that the server's errors can name. */
const COMPOSE_FIELDS: ReadonlySet<string> = new Set(['kind', 'title', 'body']);

function ComposeDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const me = useSignedIn().user;
  const [form] = Form.useForm<ComposeValues>();
  const [error, setError] = useState<unknown>(null);
  const watched = Form.useWatch([], form) as Partial<ComposeValues> | undefined;
  const criteria = useMemo(() => criteriaOf(watched ?? {}), [watched]);
  const key = JSON.stringify(criteria);
  const preview = useQuery({
    queryKey: ['notices', 'preview', key],
    queryFn: () => endpoints.previewNotice(criteria),
    enabled: open,
    placeholderData: keepPreviousData,
  });

  useEffect(() => {
    if (open) {
      form.resetFields();
      form.setFieldsValue({ kind: 'guidance', registeredWithinMonths: 36 });
      setError(null);
    }
  }, [open, form]);

  const send = useMutation({
    mutationFn: (v: ComposeValues) =>
      endpoints.sendNotice({ kind: v.kind, title: v.title.trim(), body: v.body.trim(), criteria: criteriaOf(v) }),
    onSuccess: (n) => {
      void message.success(t('notices.sent', { count: n.recipients }));
      void qc.invalidateQueries({ queryKey: queryKeys.notices });
      onClose();
    },
    onError: (err) => {
      setError(showFieldErrors(form, err, COMPOSE_FIELDS) ? null : err);
    },
  });

  const count = preview.data?.recipients ?? 0;
  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={640}
      destroyOnHidden
      title={t('notices.composeTitle')}
      data-testid="notice-drawer"
      footer={
        <DrawerFooter
          onCancel={onClose}
          onSubmit={() => form.submit()}
          loading={send.isPending}
          disabled={!count}
          icon={<SendOutlined />}
          label={t('notices.send')}
          testId="notice-send"
        />
      }
    >
      {error ? (
        <div style={{ marginBottom: 16 }}>
          <ProblemAlert error={error} />
        </div>
      ) : null}
      <Form<ComposeValues> form={form} layout="vertical" onFinish={(v) => send.mutate(v)}>
        <Typography.Title level={5}>{t('notices.scope')}</Typography.Title>
        <Space wrap align="start">
          <Form.Item name="regionCode" label={t('notices.region')}>
            <RegionSelect root={me.regionCode} allowClear placeholder={t('notices.scopeAll')} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="industryCode" label={t('notices.industry')}>
            <IndustrySelect allowClear placeholder={t('notices.any')} style={{ width: 220 }} />
          </Form.Item>
          <Form.Item name="registeredWithinMonths" label={t('notices.months')}>
            <InputNumber min={1} max={240} precision={0} suffix={t('notices.monthsSuffix')} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="sizeClass" label={t('notices.size')}>
            <Select
              allowClear
              placeholder={t('notices.any')}
              style={{ width: 120 }}
              options={SIZE_CLASSES.map((s) => ({ value: s, label: labelOf(SIZE_CLASS_LABELS, s, lang) }))}
            />
          </Form.Item>
        </Space>
        {preview.error ? (
          <ProblemAlert error={preview.error} />
        ) : (
          <Alert
            type={count ? 'info' : 'warning'}
            showIcon
            data-testid="notice-preview"
            title={count ? t('notices.preview', { count }) : t('notices.previewNone')}
            description={
              count && preview.data
                ? t('notices.previewSample', { names: preview.data.sample.map((s) => s.name).join('、') })
                : undefined
            }
          />
        )}
        <Typography.Title level={5} style={{ marginTop: 24 }}>
          {t('notices.body')}
        </Typography.Title>
        <Form.Item
          name="kind"
          label={t('notices.kind')}
          rules={[{ required: true, message: t('notices.kindRequired') }]}
        >
          <Select options={NOTICE_KINDS.map((k) => ({ value: k, label: labelOf(NOTICE_KIND_LABELS, k, lang) }))} />
        </Form.Item>
        <Form.Item
          name="title"
          label={t('notices.titleLabel')}
          rules={[{ required: true, whitespace: true, message: t('notices.titleRequired') }]}
        >
          <Input maxLength={100} showCount data-testid="notice-title" />
        </Form.Item>
        <Form.Item
          name="body"
          label={t('notices.body')}
          rules={[{ required: true, whitespace: true, message: t('notices.bodyRequired') }]}
        >
          <Input.TextArea rows={8} maxLength={10000} showCount data-testid="notice-body" />
        </Form.Item>
      </Form>
    </Drawer>
  );
}

/** 通知推送: notices sent in my region, how many enterprises have read them, and a new one. */
export function NoticesPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [open, setOpen] = useState(false);
  const list = useQuery({
    queryKey: queryKeys.noticeList(page.page, page.pageSize),
    queryFn: ({ signal }) => endpoints.notices(page.page, page.pageSize, signal),
    placeholderData: keepPreviousData,
  });
  const columns = useMemo<TableColumnsType<Notice>>(
    () => [
      {
        title: t('notices.kind'),
        dataIndex: 'kind',
        width: 100,
        render: (k: Notice['kind']) => <Tag color={KIND_COLORS[k]}>{labelOf(NOTICE_KIND_LABELS, k, lang)}</Tag>,
      },
      { title: t('notices.titleLabel'), dataIndex: 'title', ellipsis: true },
      { title: t('notices.recipients'), dataIndex: 'recipients', width: 100, align: 'right' },
      {
        title: t('notices.readRate'),
        key: 'read',
        width: 180,
        render: (_: unknown, n: Notice) => (
          <Progress
            size="small"
            percent={n.recipients ? Math.round((n.readCount / n.recipients) * 100) : 0}
            format={() => `${n.readCount}/${n.recipients}`}
          />
        ),
      },
      { title: t('notices.sender'), dataIndex: 'createdBy', width: 140, ellipsis: true },
      {
        title: t('notices.sentAt'),
        dataIndex: 'createdAt',
        width: 150,
        render: (at: string) => formatTime(at, 'YYYY-MM-DD HH:mm'),
      },
    ],
    [t, lang],
  );
  return (
    <div data-testid="notices-page">
      <PageHeader
        title={t('notices.title')}
        description={t('notices.description')}
        extra={
          <Button
            type="primary"
            icon={<NotificationOutlined />}
            onClick={() => setOpen(true)}
            data-testid="notice-compose"
          >
            {t('notices.compose')}
          </Button>
        }
      />
      <Card>
        {list.error ? <ProblemAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
        <Table<Notice>
          rowKey="id"
          size="middle"
          tableLayout="fixed"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          scroll={{ x: 900 }}
          expandable={{ expandedRowRender: (n) => <div className="hx-notice-body">{n.body}</div> }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notices.empty')} /> }}
          pagination={listPagination(t, page, list.data, (p, s) => setPage({ page: p, pageSize: s }))}
        />
      </Card>
      <ComposeDrawer open={open} onClose={() => setOpen(false)} />
    </div>
  );
}
