import {
  type CreatePolicyBody,
  POLICY_LEVEL_LABELS,
  POLICY_LEVELS,
  POLICY_STATUS_LABELS,
  POLICY_STATUSES,
  type Policy,
  type PolicyLevel,
  type PolicyStatus,
  type UpdatePolicyBody,
} from '@hexie/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Col, DatePicker, Drawer, Form, Input, Row, Select, Skeleton, Switch } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { guidanceApi, guidanceKeys } from '../../api/guidance';
import { useLang } from '../../app/i18n';
import { DrawerFooter } from '../../shared/drawer-footer';
import { changedFields, labelOf } from '../../shared/format';
import { showFieldErrors } from '../../shared/forms';
import { ProblemAlert } from '../../shared/problem-alert';

interface Values {
  title: string;
  issuer: string;
  docNumber?: string;
  level: PolicyLevel;
  issuedOn?: Dayjs | null;
  effectiveOn?: Dayjs | null;
  status: PolicyStatus;
  summary?: string;
  body: string;
  tags?: string[];
  published?: boolean;
}

const FIELDS = new Set([
  'title',
  'issuer',
  'docNumber',
  'level',
  'issuedOn',
  'effectiveOn',
  'status',
  'summary',
  'body',
  'tags',
  'published',
]);

export type PolicyDrawerState = { mode: 'create' } | { mode: 'edit'; id: string } | null;

const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);
const blank = (s: string | undefined) => (s?.trim() ? s.trim() : null);

/** 新增 / 编辑政策: the particulars, the text (plain paragraphs or light markdown) and publication. */
export function PolicyDrawer({ state, onClose }: { state: PolicyDrawerState; onClose: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const editId = state?.mode === 'edit' ? state.id : null;
  // The list has no bodies: the drawer reads the whole policy, at its current version.
  const current = useQuery({
    queryKey: ['guidance', 'staff', 'policy', editId],
    queryFn: ({ signal }) => guidanceApi.policy(editId ?? '', signal),
    enabled: !!editId,
    gcTime: 0,
  });

  useEffect(() => {
    if (!state) return;
    setError(null);
    form.resetFields();
    if (state.mode === 'create')
      form.setFieldsValue({ level: 'province', status: 'current', published: false, tags: [] });
  }, [state, form]);
  useEffect(() => {
    const p = current.data;
    if (!p || !editId) return;
    form.setFieldsValue({
      title: p.title,
      issuer: p.issuer,
      docNumber: p.docNumber ?? '',
      level: p.level,
      issuedOn: p.issuedOn ? dayjs(p.issuedOn) : null,
      effectiveOn: p.effectiveOn ? dayjs(p.effectiveOn) : null,
      status: p.status,
      summary: p.summary ?? '',
      body: p.body,
      tags: p.tags,
      published: p.published,
    });
  }, [current.data, editId, form]);

  const save = useMutation({
    mutationFn: async (v: Values): Promise<Policy | null> => {
      const body: CreatePolicyBody = {
        title: v.title.trim(),
        issuer: v.issuer.trim(),
        docNumber: blank(v.docNumber),
        level: v.level,
        issuedOn: day(v.issuedOn),
        effectiveOn: day(v.effectiveOn),
        status: v.status,
        summary: blank(v.summary),
        body: v.body.trim(),
        tags: (v.tags ?? []).map((x) => x.trim()).filter(Boolean),
        published: !!v.published,
      };
      const p = current.data;
      if (!p) return guidanceApi.createPolicy(body);
      // Only what changed, at the version read: the audit records exactly this change, and a colleague's
      // edit in between is refused (412) rather than overwritten.
      const changed = changedFields(p, body);
      if (Object.keys(changed).length === 0) return null;
      const patch: UpdatePolicyBody = { ...changed, version: p.version };
      return guidanceApi.updatePolicy(p.id, patch);
    },
    onSuccess: (saved) => {
      if (!saved) void message.info(t('guidance.noChanges'));
      else {
        void message.success(t(editId ? 'guidance.updated' : 'guidance.created', { title: saved.title }));
        void qc.invalidateQueries({ queryKey: guidanceKeys.all });
      }
      onClose();
    },
    onError: (err) => {
      setError(showFieldErrors(form, err, FIELDS) ? null : err);
    },
  });

  return (
    <Drawer
      open={!!state}
      onClose={onClose}
      size={720}
      destroyOnHidden
      title={editId ? t('guidance.editPolicy') : t('guidance.createPolicy')}
      data-testid="policy-drawer"
      footer={
        <DrawerFooter
          onCancel={onClose}
          onSubmit={() => form.submit()}
          loading={save.isPending}
          disabled={!!editId && !current.data}
          testId="policy-submit"
        />
      }
    >
      {error ? (
        <div style={{ marginBottom: 16 }}>
          <ProblemAlert error={error} title={t('guidance.saveFailed')} testId="policy-form-error" />
        </div>
      ) : null}
      {current.error ? <ProblemAlert error={current.error} onRetry={() => void current.refetch()} /> : null}
      {editId && current.isPending ? (
        <Skeleton active paragraph={{ rows: 12 }} />
      ) : (
        <Form<Values>
          form={form}
          layout="vertical"
          onFinish={(v) => save.mutate(v)}
          onValuesChange={() => error && setError(null)}
        >
          <Form.Item
            name="title"
            label={t('guidance.title')}
            rules={[{ required: true, whitespace: true, message: t('guidance.titleRequired') }]}
          >
            <Input maxLength={200} showCount data-testid="policy-form-title" />
          </Form.Item>
          <Row gutter={16}>
            <Col xs={24} md={14}>
              <Form.Item
                name="issuer"
                label={t('guide.issuer')}
                rules={[{ required: true, whitespace: true, message: t('guidance.issuerRequired') }]}
              >
                <Input maxLength={100} data-testid="policy-form-issuer" />
              </Form.Item>
            </Col>
            <Col xs={24} md={10}>
              <Form.Item name="docNumber" label={t('guide.docNumber')} extra={t('guidance.docNumberHint')}>
                <Input maxLength={60} placeholder="人社部发〔2021〕56号" data-testid="policy-form-docNumber" />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={16}>
            <Col xs={12} md={6}>
              <Form.Item name="level" label={t('guide.level')} rules={[{ required: true }]}>
                <Select
                  options={POLICY_LEVELS.map((l) => ({ value: l, label: labelOf(POLICY_LEVEL_LABELS, l, lang) }))}
                />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="status" label={t('guide.status')} rules={[{ required: true }]}>
                <Select
                  options={POLICY_STATUSES.map((s) => ({ value: s, label: labelOf(POLICY_STATUS_LABELS, s, lang) }))}
                />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="issuedOn" label={t('guide.issuedOn')}>
                <DatePicker style={{ width: '100%' }} data-testid="policy-form-issuedOn" />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="effectiveOn" label={t('guide.effectiveOn')}>
                <DatePicker style={{ width: '100%' }} data-testid="policy-form-effectiveOn" />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="summary" label={t('guidance.summary')} extra={t('guidance.summaryHint')}>
            <Input.TextArea rows={3} maxLength={1000} showCount />
          </Form.Item>
          <Form.Item
            name="body"
            label={t('guidance.body')}
            extra={t('guidance.bodyHint')}
            rules={[{ required: true, whitespace: true, message: t('guidance.bodyRequired') }]}
          >
            <Input.TextArea rows={12} data-testid="policy-form-body" />
          </Form.Item>
          <Form.Item name="tags" label={t('guide.tags')} extra={t('guidance.tagsHint')}>
            <Select mode="tags" tokenSeparators={[',', '，', '、']} maxCount={10} open={false} suffixIcon={null} />
          </Form.Item>
          <Form.Item
            name="published"
            label={t('guidance.publishNow')}
            valuePropName="checked"
            extra={t('guidance.publishHint')}
          >
            <Switch data-testid="policy-form-published" />
          </Form.Item>
        </Form>
      )}
    </Drawer>
  );
}
