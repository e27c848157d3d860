import { EyeOutlined, PlusOutlined } from '@ant-design/icons';
import { EXPERT_KIND_LABELS, EXPERT_KINDS, type Expert, type ExpertKind } from '@hexie/core';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Drawer,
  Form,
  Input,
  Select,
  Space,
  Switch,
  Table,
  type TableColumnsType,
  Tag,
  Tooltip,
} from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ExpertListQuery, endpoints, queryKeys } from '../../api/endpoints';
import { useCan, useSignedIn } from '../../app/auth';
import { useLang } from '../../app/i18n';
import { DrawerFooter } from '../../shared/drawer-footer';
import { labelOf } from '../../shared/format';
import { showFieldErrors } from '../../shared/forms';
import { listPagination } from '../../shared/list';
import { PageHeader } from '../../shared/page-header';
import { ProblemAlert } from '../../shared/problem-alert';
import { RegionSelect } from '../../shared/region-select';

interface Values {
  name: string;
  kind: ExpertKind;
  organisation?: string;
  title?: string;
  regionCode: string;
  phone?: string;
  active: boolean;
}

function ExpertDrawer({ editing, open, onClose }: { editing: Expert | null; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const me = useSignedIn().user;
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    form.setFieldsValue(
      editing
        ? { ...editing, organisation: editing.organisation ?? '', title: editing.title ?? '', phone: '' }
        : { regionCode: me.regionCode, active: true },
    );
  }, [open, editing, form, me.regionCode]);
  const save = useMutation({
    mutationFn: (v: Values) => {
      const body = {
        name: v.name.trim(),
        kind: v.kind,
        organisation: v.organisation?.trim() || null,
        title: v.title?.trim() || null,
        regionCode: v.regionCode,
        active: v.active,
        ...(v.phone?.trim() || !editing ? { phone: v.phone?.trim() || null } : {}),
      };
      return editing
        ? endpoints.updateExpert(editing.id, { ...body, version: editing.version })
        : endpoints.createExpert(body);
    },
    onSuccess: () => {
      void message.success(t('services.saved'));
      void qc.invalidateQueries({ queryKey: queryKeys.services });
      onClose();
    },
    onError: (err) => {
      setError(showFieldErrors(form, err) ? null : err);
    },
  });
  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={520}
      destroyOnHidden
      title={editing ? t('services.editExpertTitle') : t('services.addExpertTitle')}
      footer={<DrawerFooter onCancel={onClose} onSubmit={() => form.submit()} loading={save.isPending} />}
    >
      {error ? <ProblemAlert error={error} /> : null}
      <Form<Values> form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item
          name="name"
          label={t('services.name')}
          rules={[{ required: true, whitespace: true, min: 2, message: t('services.nameRequired') }]}
        >
          <Input maxLength={30} />
        </Form.Item>
        <Form.Item
          name="kind"
          label={t('services.kind')}
          rules={[{ required: true, message: t('services.kindRequired') }]}
        >
          <Select options={EXPERT_KINDS.map((k) => ({ value: k, label: labelOf(EXPERT_KIND_LABELS, k, lang) }))} />
        </Form.Item>
        <Form.Item name="organisation" label={t('services.organisation')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="title" label={t('services.title')}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="regionCode" label={t('enterprises.region')} rules={[{ required: true }]}>
          <RegionSelect root={me.regionCode} />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t('services.phone')}
          extra={editing?.phoneMasked ? `${t('enterprises.masked')}：${editing.phone}` : undefined}
        >
          <Input maxLength={30} />
        </Form.Item>
        <Form.Item name="active" label={t('services.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Drawer>
  );
}

/** 专家服务团队: who serves new enterprises, in my region and the teams above it. */
export function ExpertsPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const can = useCan();
  const [q, setQ] = useState<ExpertListQuery>({ page: 1, pageSize: 20 });
  const [drawer, setDrawer] = useState<{ open: boolean; editing: Expert | null }>({ open: false, editing: null });
  const list = useQuery({
    queryKey: queryKeys.experts(q),
    queryFn: ({ signal }) => endpoints.experts(q, signal),
    placeholderData: keepPreviousData,
  });
  const writer = can('services:write');
  const mayReveal = can('personal:read');
  const me = useSignedIn().user;
  // Phones shown on request: each reveal is one audited GET …?reveal=phone.
  const [revealed, setRevealed] = useState<Record<string, string>>({});
  const [revealing, setRevealing] = useState<string | null>(null);
  const { message } = App.useApp();
  const reveal = useCallback(
    async (id: string) => {
      setRevealing(id);
      try {
        const e = await endpoints.expert(id, true);
        if (e.phone) setRevealed((r) => ({ ...r, [id]: e.phone as string }));
      } catch (err) {
        void message.error(err instanceof Error ? err.message : String(err));
      } finally {
        setRevealing(null);
      }
    },
    [message],
  );
  const columns = useMemo<TableColumnsType<Expert>>(
    () => [
      { title: t('services.name'), dataIndex: 'name', width: 96 },
      {
        title: t('services.kind'),
        dataIndex: 'kind',
        width: 150,
        render: (k: ExpertKind) => <Tag color="blue">{labelOf(EXPERT_KIND_LABELS, k, lang)}</Tag>,
      },
      {
        title: t('services.organisation'),
        dataIndex: 'organisation',
        ellipsis: true,
        render: (o: string | null) => o ?? t('common.none'),
      },
      {
        title: t('services.title'),
        dataIndex: 'title',
        width: 100,
        render: (o: string | null) => o ?? t('common.none'),
      },
      { title: t('enterprises.region'), dataIndex: 'regionName', width: 120, ellipsis: true },
      {
        title: t('services.phone'),
        dataIndex: 'phone',
        width: 170,
        render: (p: string | null, e: Expert) => {
          if (!p) return t('common.none');
          const shown = revealed[e.id];
          return (
            <Space size={4}>
              <span className="hx-mono">{shown ?? p}</span>
              {e.phoneMasked && !shown && mayReveal ? (
                <Tooltip title={t('services.revealHint')}>
                  <Button
                    type="link"
                    size="small"
                    icon={<EyeOutlined />}
                    loading={revealing === e.id}
                    onClick={() => void reveal(e.id)}
                    data-testid={`expert-reveal-${e.id}`}
                  >
                    {t('services.reveal')}
                  </Button>
                </Tooltip>
              ) : null}
            </Space>
          );
        },
      },
      {
        title: t('services.active'),
        dataIndex: 'active',
        width: 80,
        render: (a: boolean) =>
          a ? <Tag color="green">{t('services.active')}</Tag> : <Tag>{t('services.inactive')}</Tag>,
      },
      ...(writer
        ? [
            {
              title: t('common.actions'),
              key: 'a',
              width: 90,
              render: (_: unknown, e: Expert) =>
                e.editable ? (
                  <Button type="link" size="small" onClick={() => setDrawer({ open: true, editing: e })}>
                    {t('common.edit')}
                  </Button>
                ) : (
                  <Tooltip title={t('services.teamAboveHint')}>
                    <Tag>{t('services.teamAbove')}</Tag>
                  </Tooltip>
                ),
            },
          ]
        : []),
    ],
    [t, lang, writer, revealed, revealing, mayReveal, reveal],
  );
  return (
    <div data-testid="experts-page">
      <PageHeader
        title={t('services.team')}
        description={t('services.teamDescription')}
        extra={
          writer ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDrawer({ open: true, editing: null })}>
              {t('services.addExpert')}
            </Button>
          ) : null
        }
      />
      <Card>
        <Space wrap style={{ marginBottom: 16 }}>
          <Input.Search
            allowClear
            placeholder={`${t('services.name')} / ${t('services.organisation')}`}
            style={{ width: 240 }}
            onSearch={(v) => setQ({ ...q, q: v.trim() || undefined, page: 1 })}
          />
          <Select
            allowClear
            placeholder={t('services.kindPlaceholder')}
            style={{ width: 180 }}
            onChange={(v: ExpertKind | undefined) => setQ({ ...q, kind: v, page: 1 })}
            options={EXPERT_KINDS.map((k) => ({ value: k, label: labelOf(EXPERT_KIND_LABELS, k, lang) }))}
          />
          <RegionSelect
            root={me.regionCode}
            allowClear
            placeholder={t('enterprises.regionPlaceholder')}
            style={{ width: 200 }}
            value={q.regionCode}
            onChange={(v) => setQ({ ...q, regionCode: v, page: 1 })}
          />
          <Select
            allowClear
            placeholder={t('services.activePlaceholder')}
            style={{ width: 120 }}
            onChange={(v: 'true' | 'false' | undefined) => setQ({ ...q, active: v, page: 1 })}
            options={[
              { value: 'true', label: t('services.active') },
              { value: 'false', label: t('services.inactive') },
            ]}
          />
        </Space>
        {list.error ? <ProblemAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
        <Table<Expert>
          rowKey="id"
          size="middle"
          tableLayout="fixed"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          scroll={{ x: 1000 }}
          locale={{ emptyText: t('services.teamEmpty') }}
          pagination={listPagination(t, q, list.data, (page, pageSize) => setQ({ ...q, page, pageSize }))}
        />
      </Card>
      <ExpertDrawer
        open={drawer.open}
        editing={drawer.editing}
        onClose={() => setDrawer({ open: false, editing: null })}
      />
    </div>
  );
}
