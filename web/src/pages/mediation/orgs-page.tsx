import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import {
  FILING_STATUS_LABELS,
  FILING_STATUSES,
  type FilingStatus,
  MEDIATION_ORG_TYPE_LABELS,
  MEDIATION_ORG_TYPES,
  type MediationOrg,
  type MediationOrgListQuery,
  type MediationOrgType,
  type Mediator,
  ORG_STANDARD_LABELS,
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
  Modal,
  Row,
  Select,
  Space,
  Switch,
  Table,
  type TableColumnsType,
  Tag,
  Tooltip,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { mediationApi, mediationKeys } from '../../api/mediation';
import { useCan, useSignedIn } from '../../app/auth';
import { useLang } from '../../app/i18n';
import { DrawerFooter } from '../../shared/drawer-footer';
import { ExportButton } from '../../shared/export-button';
import { labelOf } from '../../shared/format';
import { showFieldErrors } from '../../shared/forms';
import { ImportWizard } from '../../shared/import-wizard';
import { listPagination, searchParamsOf } from '../../shared/list';
import { PageHeader } from '../../shared/page-header';
import { ProblemAlert } from '../../shared/problem-alert';
import { RegionSelect } from '../../shared/region-select';

interface OrgValues {
  name: string;
  type: MediationOrgType;
  regionCode: string;
  address?: string;
  standard: ('office' | 'sign' | 'rules')[];
  filingStatus: FilingStatus;
  filedOn?: Dayjs | null;
  contactName?: string;
  contactPhone?: string;
  active: boolean;
}

const ORG_FIELDS = new Set([
  'name',
  'type',
  'regionCode',
  'address',
  'filingStatus',
  'filedOn',
  'contactName',
  'contactPhone',
]);

function OrgDrawer({ org, open, onClose }: { org: MediationOrg | null; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const me = useSignedIn().user;
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<OrgValues>();
  const filing = Form.useWatch('filingStatus', form);
  const save = useMutation({
    mutationFn: (v: OrgValues) => {
      const body = {
        name: v.name,
        type: v.type,
        regionCode: v.regionCode,
        address: v.address ?? null,
        hasOffice: v.standard.includes('office'),
        hasSign: v.standard.includes('sign'),
        rulesPosted: v.standard.includes('rules'),
        filingStatus: v.filingStatus,
        filedOn: v.filedOn ? v.filedOn.format('YYYY-MM-DD') : null,
        contactName: v.contactName ?? null,
        active: v.active,
        // A masked phone shown in the form is not sent back.
        ...(v.contactPhone && !v.contactPhone.includes('*') ? { contactPhone: v.contactPhone } : {}),
      };
      return org ? mediationApi.updateOrg(org.id, { ...body, version: org.version }) : mediationApi.createOrg(body);
    },
    onSuccess: async () => {
      message.success(t('mediationOrgs.saved'));
      await qc.invalidateQueries({ queryKey: mediationKeys.all });
      onClose();
    },
    onError: (err) => showFieldErrors(form, err, ORG_FIELDS, { org_name_taken: 'name' }),
  });
  return (
    <Drawer
      open={open}
      width={560}
      title={org ? t('mediationOrgs.edit') : t('mediationOrgs.add')}
      onClose={onClose}
      destroyOnHidden
      footer={
        <DrawerFooter onCancel={onClose} onSubmit={() => form.submit()} loading={save.isPending} testId="org-save" />
      }
    >
      {save.error ? <ProblemAlert error={save.error} /> : null}
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        initialValues={
          org
            ? {
                ...org,
                address: org.address ?? undefined,
                standard: [
                  ...(org.hasOffice ? ['office'] : []),
                  ...(org.hasSign ? ['sign'] : []),
                  ...(org.rulesPosted ? ['rules'] : []),
                ],
                filedOn: org.filedOn ? dayjs(org.filedOn) : null,
                contactName: org.contactName ?? undefined,
                contactPhone: org.contactPhone ?? undefined,
              }
            : { type: 'township_street', filingStatus: 'not_filed', standard: [], active: true }
        }
      >
        <Form.Item name="name" label={t('mediationOrgs.name')} rules={[{ required: true, min: 4 }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="type" label={t('mediationOrgs.type')} rules={[{ required: true }]}>
              <Select
                options={MEDIATION_ORG_TYPES.map((x) => ({
                  value: x,
                  label: labelOf(MEDIATION_ORG_TYPE_LABELS, x, lang),
                }))}
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="regionCode" label={t('mediationOrgs.region')} rules={[{ required: true }]}>
              <RegionSelect root={me.regionCode} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="address" label={t('mediationOrgs.address')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="standard" label={t('mediationOrgs.standard')} extra={t('mediationOrgs.standardHint')}>
          <Checkbox.Group
            options={(['office', 'sign', 'rules'] as const).map((k) => ({
              value: k,
              label: labelOf(ORG_STANDARD_LABELS, k, lang),
            }))}
          />
        </Form.Item>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="filingStatus" label={t('mediationOrgs.filing')}>
              <Select
                options={FILING_STATUSES.map((x) => ({ value: x, label: labelOf(FILING_STATUS_LABELS, x, lang) }))}
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="filedOn"
              label={t('mediationOrgs.filedOn')}
              rules={filing === 'filed' ? [{ required: true, message: t('mediationOrgs.filedOnRequired') }] : []}
            >
              <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="contactName" label={t('mediationOrgs.contactName')}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="contactPhone" label={t('mediationOrgs.contactPhone')}>
              <Input maxLength={30} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="active" label={t('mediationOrgs.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Drawer>
  );
}

function Mediators({ org, writer }: { org: MediationOrg; writer: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<{ name: string; idNumber?: string; phone?: string; fullTime: boolean }>();
  const list = useQuery({
    queryKey: [...mediationKeys.all, 'mediators', org.id],
    queryFn: ({ signal }) => mediationApi.mediators({ orgId: org.id, pageSize: 100 }, signal),
  });
  const add = useMutation({
    mutationFn: (v: { name: string; idNumber?: string; phone?: string; fullTime: boolean }) =>
      mediationApi.createMediator({ ...v, orgId: org.id, idNumber: v.idNumber || null, phone: v.phone || null }),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: mediationKeys.all });
      form.resetFields();
      setAdding(false);
    },
    onError: (err) => showFieldErrors(form, err),
  });
  const columns: TableColumnsType<Mediator> = [
    { title: t('mediationOrgs.mediatorName'), dataIndex: 'name', width: 120 },
    {
      title: t('mediationOrgs.fullTime'),
      dataIndex: 'fullTime',
      width: 90,
      render: (v: boolean) => (v ? t('mediationOrgs.full') : t('mediationOrgs.part')),
    },
    { title: t('mediationOrgs.idNumber'), dataIndex: 'idNumber', width: 190, render: (v: string | null) => v ?? '—' },
    { title: t('mediationOrgs.contactPhone'), dataIndex: 'phone', width: 130, render: (v: string | null) => v ?? '—' },
    {
      title: t('mediationOrgs.trainings'),
      dataIndex: 'trainings',
      render: (ts: Mediator['trainings']) => (ts.length ? ts.map((x) => `${x.on} ${x.title}`).join('；') : '—'),
    },
  ];
  return (
    <div data-testid="org-mediators">
      <Table<Mediator>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isFetching}
        pagination={false}
        locale={{ emptyText: t('mediationOrgs.noMediators') }}
      />
      {writer ? (
        <Button
          size="small"
          icon={<PlusOutlined />}
          style={{ marginTop: 8 }}
          onClick={() => setAdding(true)}
          data-testid="mediator-add"
        >
          {t('mediationOrgs.addMediator')}
        </Button>
      ) : null}
      <Modal
        open={adding}
        title={t('mediationOrgs.addMediator')}
        onOk={() => form.submit()}
        onCancel={() => setAdding(false)}
        confirmLoading={add.isPending}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(v) => add.mutate(v)} initialValues={{ fullTime: false }}>
          <Form.Item name="name" label={t('mediationOrgs.mediatorName')} rules={[{ required: true, min: 2 }]}>
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item name="idNumber" label={t('mediationOrgs.idNumber')}>
            <Input maxLength={18} />
          </Form.Item>
          <Form.Item name="phone" label={t('mediationOrgs.contactPhone')}>
            <Input maxLength={30} />
          </Form.Item>
          <Form.Item name="fullTime" label={t('mediationOrgs.fullTime')} valuePropName="checked">
            <Switch checkedChildren={t('mediationOrgs.full')} unCheckedChildren={t('mediationOrgs.part')} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}

/** 调解组织台账 (附件3): the region's organisations with the plan's standard checked, their mediators (附件4). */
export function MediationOrgsPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const can = useCan();
  const writer = can('mediation:write');
  const [params, setParams] = useSearchParams();
  const q: Partial<MediationOrgListQuery> = useMemo(() => {
    const type = params.get('type');
    const met = params.get('standardMet');
    const page = Number(params.get('page'));
    const size = Number(params.get('pageSize'));
    return {
      q: params.get('q') || undefined,
      type: MEDIATION_ORG_TYPES.includes(type as MediationOrgType) ? (type as MediationOrgType) : undefined,
      standardMet: met === 'true' || met === 'false' ? met : undefined,
      page: Number.isInteger(page) && page > 0 ? page : 1,
      pageSize: [10, 20, 50, 100].includes(size) ? size : 20,
    };
  }, [params]);
  const update = (next: Partial<MediationOrgListQuery>) =>
    setParams(searchParamsOf({ ...q, page: 1, ...next }, { page: 1, pageSize: 20 }));
  const list = useQuery({
    queryKey: mediationKeys.orgs(q),
    queryFn: ({ signal }) => mediationApi.orgs(q, signal),
    placeholderData: keepPreviousData,
  });
  const [drawer, setDrawer] = useState<{ org: MediationOrg | null } | null>(null);
  const qc = useQueryClient();
  // 附件3 and 附件4 through the import engine: which register the wizard is importing, if any.
  const [importing, setImporting] = useState<'orgs' | 'mediators' | null>(null);
  const { type, standardMet, q: search } = q;
  const columns: TableColumnsType<MediationOrg> = [
    { title: t('mediationOrgs.name'), dataIndex: 'name', width: 260, ellipsis: true },
    {
      title: t('mediationOrgs.type'),
      dataIndex: 'type',
      width: 200,
      ellipsis: true,
      render: (v: MediationOrgType) => labelOf(MEDIATION_ORG_TYPE_LABELS, v, lang),
    },
    { title: t('mediationOrgs.region'), dataIndex: 'regionName', width: 170, ellipsis: true },
    {
      title: t('mediationOrgs.standard'),
      key: 'standard',
      width: 120,
      render: (_, o) =>
        o.standard.met ? (
          <Tag color="green">{t('mediationOrgs.met')}</Tag>
        ) : (
          <Tooltip title={o.standard.missing.map((m) => labelOf(ORG_STANDARD_LABELS, m, lang)).join('；')}>
            <Tag color="orange">{t('mediationOrgs.missing', { n: o.standard.missing.length })}</Tag>
          </Tooltip>
        ),
    },
    {
      title: t('mediationOrgs.filing'),
      dataIndex: 'filingStatus',
      width: 90,
      render: (v: FilingStatus) => labelOf(FILING_STATUS_LABELS, v, lang),
    },
    { title: t('mediationOrgs.mediators'), dataIndex: 'activeMediators', width: 80, align: 'right' },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 80,
      render: (_, o) =>
        writer ? (
          <Button type="link" size="small" onClick={() => setDrawer({ org: o })}>
            {t('common.edit')}
          </Button>
        ) : null,
    },
  ];
  return (
    <div data-testid="mediation-orgs-page">
      <PageHeader
        title={t('mediationOrgs.title')}
        description={t('mediationOrgs.description')}
        extra={
          <Space wrap>
            <Space.Compact>
              <ExportButton
                path="/mediation/orgs/export"
                filters={{ q: search, type, standardMet }}
                label={t('mediationOrgs.exportOrgs')}
                hint={t('mediationOrgs.exportOrgsHint')}
                testId="orgs-export"
              />
              {writer ? (
                <Button icon={<UploadOutlined />} onClick={() => setImporting('orgs')} data-testid="orgs-import">
                  {t('mediationOrgs.importOrgs')}
                </Button>
              ) : null}
            </Space.Compact>
            <Space.Compact>
              <ExportButton
                path="/mediation/mediators/export"
                filters={{}}
                label={t('mediationOrgs.exportMediators')}
                hint={t('mediationOrgs.exportMediatorsHint')}
                testId="mediators-export"
              />
              {writer ? (
                <Button
                  icon={<UploadOutlined />}
                  onClick={() => setImporting('mediators')}
                  data-testid="mediators-import"
                >
                  {t('mediationOrgs.importMediators')}
                </Button>
              ) : null}
            </Space.Compact>
            {writer ? (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setDrawer({ org: null })}
                data-testid="org-add"
              >
                {t('mediationOrgs.add')}
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
            placeholder={t('mediationOrgs.search')}
            style={{ width: 240 }}
            onSearch={(v) => update({ q: v.trim() || undefined })}
          />
          <Select
            allowClear
            placeholder={t('mediationOrgs.type')}
            style={{ width: 220 }}
            value={q.type}
            onChange={(v: MediationOrgType | undefined) => update({ type: v })}
            options={MEDIATION_ORG_TYPES.map((x) => ({ value: x, label: labelOf(MEDIATION_ORG_TYPE_LABELS, x, lang) }))}
          />
          <Select
            allowClear
            placeholder={t('mediationOrgs.standard')}
            style={{ width: 150 }}
            value={q.standardMet}
            onChange={(v: 'true' | 'false' | undefined) => update({ standardMet: v })}
            options={[
              { value: 'true', label: t('mediationOrgs.met') },
              { value: 'false', label: t('mediationOrgs.notMet') },
            ]}
            data-testid="org-filter-standard"
          />
        </Space>
        {list.error ? <ProblemAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
        <Table<MediationOrg>
          rowKey="id"
          size="middle"
          tableLayout="fixed"
          scroll={{ x: 1000 }}
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          expandable={{ expandedRowRender: (o) => <Mediators org={o} writer={writer} /> }}
          locale={{ emptyText: t('mediationOrgs.empty') }}
          pagination={listPagination(t, q, list.data, (page, pageSize) => update({ page, pageSize }))}
          data-testid="org-table"
        />
      </Card>
      <OrgDrawer org={drawer?.org ?? null} open={!!drawer} onClose={() => setDrawer(null)} />
      <ImportWizard
        open={importing !== null}
        onClose={() => setImporting(null)}
        basePath={importing === 'mediators' ? '/mediation/mediators' : '/mediation/orgs'}
        title={importing === 'mediators' ? t('mediationOrgs.mediatorsSheet') : t('mediationOrgs.orgsSheet')}
        onCommitted={() => void qc.invalidateQueries({ queryKey: mediationKeys.all })}
      />
    </div>
  );
}
