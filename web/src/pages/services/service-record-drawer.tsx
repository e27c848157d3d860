import {
  type CreateServiceRecordBody,
  EXPERT_KIND_LABELS,
  SERVICE_CHANNEL_LABELS,
  SERVICE_CHANNELS,
  SERVICE_TOPIC_LABELS,
  SERVICE_TOPICS,
  type ServiceRecord,
} from '@hexie/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Checkbox, DatePicker, Drawer, Form, Input, Radio, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { endpoints, queryKeys } from '../../api/endpoints';
import { useLang } from '../../app/i18n';
import { DrawerFooter } from '../../shared/drawer-footer';
import { EnterprisePicker } from '../../shared/enterprise-picker';
import { labelOf } from '../../shared/format';
import { showFieldErrors } from '../../shared/forms';
import { ProblemAlert } from '../../shared/problem-alert';

interface Values {
  enterpriseId: string;
  servedOn: Dayjs;
  channel: CreateServiceRecordBody['channel'];
  topics: CreateServiceRecordBody['topics'];
  expertIds?: string[];
  findings?: string;
  followUp?: string;
  followUpDue?: Dayjs | null;
}

const FIELDS = new Set([
  'enterpriseId',
  'servedOn',
  'channel',
  'topics',
  'expertIds',
  'findings',
  'followUp',
  'followUpDue',
]);

export type ServiceDrawerState =
  | { mode: 'create'; enterprise?: { id: string; name: string } }
  | { mode: 'edit'; record: ServiceRecord }
  | null;

/** 登记 / 编辑服务记录: the enterprise, when and how, what was covered, by whom, what was found and what follows. */
export function ServiceRecordDrawer({ state, onClose }: { state: ServiceDrawerState; onClose: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const editing = state?.mode === 'edit' ? state.record : null;
  const experts = useQuery({
    queryKey: queryKeys.experts({ active: 'true', page: 1, pageSize: 100 }),
    queryFn: ({ signal }) => endpoints.experts({ active: 'true', page: 1, pageSize: 100 }, signal),
    enabled: !!state,
  });

  useEffect(() => {
    if (!state) return;
    setError(null);
    form.resetFields();
    if (state.mode === 'edit') {
      const r = state.record;
      form.setFieldsValue({
        enterpriseId: r.enterpriseId,
        servedOn: dayjs(r.servedOn),
        channel: r.channel,
        topics: r.topics,
        expertIds: r.experts.map((e) => e.id),
        findings: r.findings ?? '',
        followUp: r.followUp ?? '',
        followUpDue: r.followUpDue ? dayjs(r.followUpDue) : null,
      });
    } else {
      form.setFieldsValue({
        servedOn: dayjs(),
        channel: 'on_site',
        ...(state.enterprise ? { enterpriseId: state.enterprise.id } : {}),
      });
    }
  }, [state, form]);

  const save = useMutation({
    mutationFn: (v: Values) => {
      const body = {
        servedOn: v.servedOn.format('YYYY-MM-DD'),
        channel: v.channel,
        topics: v.topics,
        expertIds: v.expertIds ?? [],
        findings: v.findings?.trim() || null,
        followUp: v.followUp?.trim() || null,
        followUpDue: v.followUpDue ? v.followUpDue.format('YYYY-MM-DD') : null,
      };
      return editing
        ? endpoints.updateServiceRecord(editing.id, { ...body, version: editing.version })
        : endpoints.createServiceRecord({ ...body, enterpriseId: v.enterpriseId });
    },
    onSuccess: () => {
      void message.success(t('services.saved'));
      void qc.invalidateQueries({ queryKey: queryKeys.services });
      onClose();
    },
    onError: (err) => {
      if (err instanceof ApiError && err.code === 'version_conflict') {
        void message.warning(err.problem.detail);
        void qc.invalidateQueries({ queryKey: queryKeys.services });
        onClose();
        return;
      }
      setError(showFieldErrors(form, err, FIELDS) ? null : err);
    },
  });

  return (
    <Drawer
      open={!!state}
      onClose={onClose}
      size={640}
      destroyOnHidden
      title={editing ? t('services.editTitle') : t('services.addTitle')}
      data-testid="service-drawer"
      footer={
        <DrawerFooter
          onCancel={onClose}
          onSubmit={() => form.submit()}
          loading={save.isPending}
          testId="service-submit"
        />
      }
    >
      {error ? (
        <div style={{ marginBottom: 16 }}>
          <ProblemAlert error={error} />
        </div>
      ) : null}
      <Form<Values> form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item
          name="enterpriseId"
          label={t('services.enterprise')}
          rules={[{ required: true, message: t('services.enterpriseRequired') }]}
        >
          {editing ? (
            <Input disabled value={editing.enterpriseName} />
          ) : (
            <EnterprisePicker
              initialLabel={state?.mode === 'create' ? state.enterprise?.name : undefined}
              testId="service-form-enterprise"
            />
          )}
        </Form.Item>
        <Space size={24} wrap>
          <Form.Item
            name="servedOn"
            label={t('services.servedOn')}
            rules={[{ required: true, message: t('services.servedOnRequired') }]}
          >
            <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
          </Form.Item>
          <Form.Item
            name="channel"
            label={t('services.channel')}
            rules={[{ required: true, message: t('services.channelRequired') }]}
          >
            <Radio.Group
              optionType="button"
              options={SERVICE_CHANNELS.map((c) => ({ value: c, label: labelOf(SERVICE_CHANNEL_LABELS, c, lang) }))}
            />
          </Form.Item>
        </Space>
        <Form.Item
          name="topics"
          label={t('services.topics')}
          rules={[{ required: true, type: 'array', min: 1, message: t('services.topicsRequired') }]}
        >
          <Checkbox.Group
            data-testid="service-form-topics"
            options={SERVICE_TOPICS.map((s) => ({ value: s, label: labelOf(SERVICE_TOPIC_LABELS, s, lang) }))}
          />
        </Form.Item>
        <Form.Item
          name="expertIds"
          label={t('services.experts')}
          extra={t('services.expertsHint')}
          rules={[{ required: true, type: 'array', min: 1, message: t('services.expertsRequired') }]}
        >
          <Select
            mode="multiple"
            allowClear
            loading={experts.isPending}
            optionFilterProp="label"
            data-testid="service-form-experts"
            options={(experts.data?.items ?? []).map((e) => ({
              value: e.id,
              label: `${e.name} · ${labelOf(EXPERT_KIND_LABELS, e.kind, lang)}（${e.regionName}）`,
            }))}
          />
        </Form.Item>
        <Form.Item name="findings" label={t('services.findings')}>
          <Input.TextArea rows={4} maxLength={2000} showCount data-testid="service-form-findings" />
        </Form.Item>
        <Form.Item name="followUp" label={t('services.followUp')}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
        <Form.Item name="followUpDue" label={t('services.followUpDue')}>
          <DatePicker />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
