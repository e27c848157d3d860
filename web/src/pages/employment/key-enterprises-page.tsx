import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import {
  chinaToday,
  KEY_REASON_LABELS,
  KEY_REASONS,
  KEY_STATUS_LABELS,
  KEY_STATUSES,
  type KeyEnterprise,
  type KeyEnterpriseListQuery,
  type KeyReason,
  type KeyStatus,
} from '@hexie/core';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Drawer,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  Switch,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { employmentApi, employmentKeys } from '../../api/employment';
import { useCan, useSignedIn } from '../../app/auth';
import { useLang } from '../../app/i18n';
import { DrawerFooter } from '../../shared/drawer-footer';
import { EnterprisePicker } from '../../shared/enterprise-picker';
import { ExportButton } from '../../shared/export-button';
import { labelOf } from '../../shared/format';
import { showFieldErrors } from '../../shared/forms';
import { ImportWizard } from '../../shared/import-wizard';
import { listPagination, searchParamsOf } from '../../shared/list';
import { PageHeader } from '../../shared/page-header';
import { ProblemAlert } from '../../shared/problem-alert';
import { RegionSelect } from '../../shared/region-select';
import { ChangeText, FollowerSelect } from './employment-shared';

interface ListValues {
  enterpriseId: string | null;
  reasons: KeyReason[];
  listedOn: Dayjs;
  followerId?: string | null;
  baseHeadcount?: number | null;
  note?: string;
}

const LIST_FIELDS = new Set(['enterpriseId', 'reasons', 'listedOn', 'followerId', 'baseHeadcount', 'baseYear', 'note']);

/** 列入名单: an enterprise of the register, why, since when, who follows it, its headcount at last year end. */
function ListDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<ListValues>();
  const enterpriseId = Form.useWatch('enterpriseId', form) ?? undefined;
  const lastYear = Number(chinaToday().slice(0, 4)) - 1;
  const save = useMutation({
    mutationFn: (v: ListValues) =>
      employmentApi.putOnList({
        enterpriseId: v.enterpriseId ?? '',
        reasons: v.reasons,
        listedOn: v.listedOn.format('YYYY-MM-DD'),
        note: v.note?.trim() || null,
        followerId: v.followerId ?? null,
        ...(v.baseHeadcount != null ? { baseHeadcount: v.baseHeadcount, baseYear: lastYear } : {}),
      }),
    // Straight to the new ledger's page (which unmounts this list and its drawer); the lists refresh meanwhile.
    onSuccess: (d) => {
      message.success(t('employment.listed', { name: d.enterpriseName }));
      void qc.invalidateQueries({ queryKey: employmentKeys.all });
      navigate(`/employment/key-enterprises/${d.id}`);
    },
    onError: (err) => showFieldErrors(form, err, LIST_FIELDS, { already_listed: 'enterpriseId' }),
  });
  return (
    <Drawer
      open={open}
      size={560}
      title={t('employment.add')}
      onClose={onClose}
      destroyOnHidden
      footer={
        <DrawerFooter onCancel={onClose} onSubmit={() => form.submit()} loading={save.isPending} testId="key-save" />
      }
    >
      {save.error ? <ProblemAlert error={save.error} /> : null}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ reasons: [], listedOn: dayjs() }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item
          name="enterpriseId"
          label={t('employment.enterprise')}
          extra={t('employment.enterpriseHint')}
          rules={[{ required: true, message: t('employment.required') }]}
        >
          <EnterprisePicker style={{ width: '100%' }} testId="key-enterprise" />
        </Form.Item>
        <Form.Item
          name="reasons"
          label={t('employment.reasons')}
          rules={[{ required: true, type: 'array', min: 1, message: t('employment.reasonsRequired') }]}
        >
          <Checkbox.Group
            options={KEY_REASONS.map((r) => ({ value: r, label: labelOf(KEY_REASON_LABELS, r, lang) }))}
            data-testid="key-reasons"
          />
        </Form.Item>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="listedOn" label={t('employment.listedOn')} rules={[{ required: true }]}>
              <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="baseHeadcount"
              label={t('employment.baseHeadcount', { year: lastYear })}
              extra={t('employment.baseHeadcountHint')}
            >
              <InputNumber min={0} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="followerId" label={t('employment.follower')}>
          <FollowerSelect enterpriseId={enterpriseId} />
        </Form.Item>
        <Form.Item name="note" label={t('employment.listingNote')}>
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}

/** 重点企业台账 (附件7): the region's key enterprises with the ledger fields, filtered, exported, added to. */
export function KeyEnterprisesPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const can = useCan();
  const me = useSignedIn().user;
  const writer = can('employment:write');
  const qc = useQueryClient();
  const [params, setParams] = useSearchParams();
  const q: Partial<KeyEnterpriseListQuery> = useMemo(() => {
    const reason = params.get('reason');
    const status = params.get('status');
    const page = Number(params.get('page'));
    const size = Number(params.get('pageSize'));
    return {
      q: params.get('q') || undefined,
      regionCode: params.get('regionCode') || undefined,
      reason: KEY_REASONS.includes(reason as KeyReason) ? (reason as KeyReason) : undefined,
      status: KEY_STATUSES.includes(status as KeyStatus) ? (status as KeyStatus) : 'listed',
      mine: params.get('mine') === 'true' ? 'true' : undefined,
      page: Number.isInteger(page) && page > 0 ? page : 1,
      pageSize: [10, 20, 50, 100].includes(size) ? size : 20,
    };
  }, [params]);
  const update = (next: Partial<KeyEnterpriseListQuery>) =>
    setParams(searchParamsOf({ ...q, page: 1, ...next }, { page: 1, pageSize: 20, status: 'listed' }));
  const list = useQuery({
    queryKey: employmentKeys.list(q),
    queryFn: ({ signal }) => employmentApi.list(q, signal),
    placeholderData: keepPreviousData,
  });
  const [adding, setAdding] = useState(false);
  const [importing, setImporting] = useState(false);
  const lastYear = Number(chinaToday().slice(0, 4)) - 1;

  const columns: TableColumnsType<KeyEnterprise> = [
    {
      title: t('employment.enterprise'),
      key: 'name',
      width: 220,
      render: (_, k) => (
        <Space orientation="vertical" size={0}>
          <Link to={`/employment/key-enterprises/${k.id}`} data-testid="key-link">
            {k.enterpriseName}
          </Link>
          <Typography.Text type="secondary" className="hx-mono" style={{ fontSize: 12 }}>
            {k.creditCode}
          </Typography.Text>
        </Space>
      ),
    },
    { title: t('employment.region'), dataIndex: 'regionName', width: 120, ellipsis: true },
    {
      title: t('employment.reasons'),
      key: 'reasons',
      width: 170,
      render: (_, k) => (
        <Space size={[0, 4]} wrap>
          {k.listing.reasons.map((r) => (
            <Tag key={r}>{labelOf(KEY_REASON_LABELS, r, lang)}</Tag>
          ))}
        </Space>
      ),
    },
    {
      title: t('employment.lastYearEnd', { year: lastYear }),
      key: 'lastYearEnd',
      width: 110,
      align: 'right',
      render: (_, k) => k.lastYearEnd?.headcount ?? '—',
    },
    {
      title: t('employment.current'),
      key: 'current',
      width: 120,
      align: 'right',
      render: (_, k) =>
        k.current ? (
          <span>
            {k.current.headcount}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {' '}
              ({k.current.month})
            </Typography.Text>
          </span>
        ) : (
          '—'
        ),
    },
    {
      title: t('employment.change'),
      key: 'change',
      width: 110,
      align: 'right',
      render: (_, k) => <ChangeText change={k.change} />,
    },
    {
      title: t('employment.follower'),
      key: 'follower',
      width: 100,
      ellipsis: true,
      render: (_, k) => k.follower?.name ?? '—',
    },
    {
      title: t('employment.lastGuided'),
      dataIndex: 'lastGuidedOn',
      width: 100,
      render: (v: string | null) => v ?? '—',
    },
    // Everyone on a list of those listed is listed: the status shows only when the list mixes them.
    ...(q.status === 'listed'
      ? []
      : [
          {
            title: t('employment.status'),
            key: 'status',
            width: 150,
            render: (_: unknown, k: KeyEnterprise) =>
              k.listed ? (
                <Tag color="blue">{t('employment.onList')}</Tag>
              ) : (
                <Tag>
                  {t('employment.offList')} {k.listing.delistedOn}
                </Tag>
              ),
          },
        ]),
  ];

  return (
    <div data-testid="key-enterprises-page">
      <PageHeader
        title={t('employment.title')}
        description={t('employment.description')}
        extra={
          <Space wrap>
            <ExportButton
              path="/employment/key-enterprises/export"
              filters={{ q: q.q, regionCode: q.regionCode, reason: q.reason, status: q.status, mine: q.mine }}
              label={t('employment.export')}
              hint={t('employment.exportHint')}
              testId="key-export"
            />
            {writer ? (
              <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="reports-import">
                {t('employment.importReports')}
              </Button>
            ) : null}
            {writer ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="key-add">
                {t('employment.add')}
              </Button>
            ) : null}
          </Space>
        }
      />
      <Card>
        <Space wrap style={{ marginBottom: 16 }}>
          <Input.Search
            allowClear
            defaultValue={q.q}
            placeholder={t('employment.search')}
            style={{ width: 240 }}
            onSearch={(v) => update({ q: v.trim() || undefined })}
          />
          <RegionSelect
            root={me.regionCode}
            allowClear
            value={q.regionCode}
            onChange={(v) => update({ regionCode: v })}
            placeholder={t('employment.region')}
            style={{ width: 200 }}
          />
          <Select
            allowClear
            placeholder={t('employment.reasons')}
            style={{ width: 200 }}
            value={q.reason}
            onChange={(v: KeyReason | undefined) => update({ reason: v })}
            options={KEY_REASONS.map((r) => ({ value: r, label: labelOf(KEY_REASON_LABELS, r, lang) }))}
            data-testid="key-filter-reason"
          />
          <Select
            style={{ width: 120 }}
            value={q.status}
            onChange={(v: KeyStatus) => update({ status: v })}
            options={KEY_STATUSES.map((s) => ({ value: s, label: labelOf(KEY_STATUS_LABELS, s, lang) }))}
            data-testid="key-filter-status"
          />
          <Space>
            <Switch
              size="small"
              checked={q.mine === 'true'}
              onChange={(on) => update({ mine: on ? 'true' : undefined })}
              data-testid="key-filter-mine"
            />
            <Typography.Text>{t('employment.mine')}</Typography.Text>
          </Space>
        </Space>
        {list.error ? <ProblemAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
        <Table<KeyEnterprise>
          rowKey="id"
          size="middle"
          tableLayout="fixed"
          scroll={{ x: q.status === 'listed' ? 1040 : 1190 }}
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          locale={{ emptyText: t('employment.empty') }}
          pagination={listPagination(t, q, list.data, (page, pageSize) => update({ page, pageSize }))}
          data-testid="key-table"
        />
      </Card>
      <ListDrawer open={adding} onClose={() => setAdding(false)} />
      <ImportWizard
        open={importing}
        onClose={() => setImporting(false)}
        basePath="/employment/reports"
        title={t('employment.reportsSheet')}
        onCommitted={() => void qc.invalidateQueries({ queryKey: employmentKeys.all })}
      />
    </div>
  );
}
