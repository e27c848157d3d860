import {
  type CreateEnterpriseBody,
  type Enterprise,
  isValidCreditCode,
  isValidPhone,
  normaliseCode,
  OWNERSHIP_LABELS,
  OWNERSHIPS,
  type Ownership,
  type UpdateEnterpriseBody,
} from '@hexie/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Col, DatePicker, Drawer, Form, Input, InputNumber, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { endpoints, queryKeys } from '../../api/endpoints';
import { useSignedIn } from '../../app/auth';
import { useLang } from '../../app/i18n';
import { DrawerFooter } from '../../shared/drawer-footer';
import { changedFields, labelOf } from '../../shared/format';
import { showFieldErrors } from '../../shared/forms';
import { IndustrySelect } from '../../shared/industry-select';
import { ProblemAlert } from '../../shared/problem-alert';
import { RegionSelect } from '../../shared/region-select';

interface FormValues {
  creditCode: string;
  name: string;
  regionCode: string;
  industryCode: string;
  ownership?: Ownership | null;
  employees?: number | null;
  revenue?: number | null;
  assets?: number | null;
  registeredOn?: Dayjs | null;
  address?: string | null;
  legalRepresentative?: string | null;
  contactName?: string | null;
  contactPhone?: string | null;
  creditCodeOverrideReason?: string | null;
}

const FIELDS = new Set<string>([
  'creditCode',
  'name',
  'regionCode',
  'industryCode',
  'ownership',
  'employees',
  'revenue',
  'assets',
  'registeredOn',
  'address',
  'legalRepresentative',
  'contactName',
  'contactPhone',
  'creditCodeOverrideReason',
]);
/** Problems the server reports without a field that still belong to one. */
const CODE_FIELDS: Record<string, string> = { credit_code_taken: 'creditCode' };
const ADMINS = new Set(['province_admin', 'region_admin']);

export type EnterpriseDrawerState = { mode: 'create' } | { mode: 'edit'; enterprise: Enterprise } | null;

const blank = (v: string | null | undefined) => (v?.trim() ? v.trim() : null);

/** 新增 / 编辑企业, with core's rules in the form and the server's word on each field. */
export function EnterpriseDrawer({
  state,
  onClose,
  onSaved,
}: {
  state: EnterpriseDrawerState;
  onClose: () => void;
  onSaved?: (e: Enterprise) => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const me = useSignedIn().user;
  const [form] = Form.useForm<FormValues>();
  const [formError, setFormError] = useState<unknown>(null);
  const editing = state?.mode === 'edit' ? state.enterprise : null;
  const code = Form.useWatch('creditCode', form);
  const legacy = !!code && normaliseCode(code).length === 18 && !isValidCreditCode(code);

  useEffect(() => {
    if (!state) return;
    setFormError(null);
    form.resetFields();
    if (state.mode === 'edit') {
      const e = state.enterprise;
      form.setFieldsValue({
        ...e,
        registeredOn: e.registeredOn ? dayjs(e.registeredOn) : null,
        // A masked number is not sent back: the field starts empty and keeps the stored one unless typed.
        contactPhone: e.contactPhoneMasked ? null : e.contactPhone,
      });
    } else {
      form.setFieldsValue({ regionCode: me.regionCode });
    }
  }, [state, form, me.regionCode]);

  const save = useMutation({
    mutationFn: async (v: FormValues): Promise<Enterprise | null> => {
      const fields: CreateEnterpriseBody = {
        creditCode: v.creditCode,
        name: v.name.trim(),
        regionCode: v.regionCode,
        industryCode: v.industryCode,
        ownership: v.ownership ?? null,
        employees: v.employees ?? null,
        revenue: v.revenue ?? null,
        assets: v.assets ?? null,
        registeredOn: v.registeredOn ? v.registeredOn.format('YYYY-MM-DD') : null,
        address: blank(v.address),
        legalRepresentative: blank(v.legalRepresentative),
        contactName: blank(v.contactName),
        ...(blank(v.contactPhone) || !editing?.contactPhoneMasked ? { contactPhone: blank(v.contactPhone) } : {}),
        ...(blank(v.creditCodeOverrideReason) ? { creditCodeOverrideReason: blank(v.creditCodeOverrideReason) } : {}),
      };
      if (!editing) return endpoints.createEnterprise(fields);
      // Only what changed: the audit log then records exactly this change.
      const changed = changedFields(editing, fields, (k, v) => (k === 'creditCode' ? normaliseCode(String(v)) : v));
      if (Object.keys(changed).length === 0) return null;
      const body: UpdateEnterpriseBody = { ...changed, version: editing.version };
      return endpoints.updateEnterprise(editing.id, body);
    },
    onSuccess: (saved) => {
      if (!saved) void message.info(t('enterprises.noChanges'));
      else {
        void message.success(t(editing ? 'enterprises.updated' : 'enterprises.created', { name: saved.name }));
        void qc.invalidateQueries({ queryKey: queryKeys.enterprises });
        onSaved?.(saved);
      }
      onClose();
    },
    onError: (err) => {
      if (err instanceof ApiError && err.code === 'version_conflict') {
        void message.warning(t('enterprises.conflict'));
        void qc.invalidateQueries({ queryKey: queryKeys.enterprises });
        onClose();
        return;
      }
      setFormError(showFieldErrors(form, err, FIELDS, CODE_FIELDS) ? null : err);
    },
  });

  return (
    <Drawer
      open={!!state}
      onClose={onClose}
      size={720}
      destroyOnHidden
      title={editing ? t('enterprises.editTitle', { name: editing.name }) : t('enterprises.createTitle')}
      data-testid="enterprise-drawer"
      footer={
        <DrawerFooter
          onCancel={onClose}
          onSubmit={() => form.submit()}
          loading={save.isPending}
          testId="enterprise-submit"
        />
      }
    >
      {formError ? (
        <div style={{ marginBottom: 16 }}>
          <ProblemAlert error={formError} title={t('enterprises.formError')} />
        </div>
      ) : null}
      <Form<FormValues>
        form={form}
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        onValuesChange={() => formError && setFormError(null)}
      >
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item
              name="creditCode"
              label={t('enterprises.creditCode')}
              extra={t('enterprises.creditCodeHint')}
              rules={[{ required: true, whitespace: true, message: t('enterprises.creditCodeRequired') }]}
            >
              <Input maxLength={40} className="hx-mono" data-testid="enterprise-form-creditCode" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="name"
              label={t('enterprises.name')}
              rules={[{ required: true, whitespace: true, message: t('enterprises.nameRequired') }]}
            >
              <Input maxLength={100} data-testid="enterprise-form-name" />
            </Form.Item>
          </Col>
        </Row>
        {legacy && ADMINS.has(me.role) ? (
          <Form.Item
            name="creditCodeOverrideReason"
            label={t('enterprises.overrideReason')}
            extra={t('enterprises.overrideHint')}
          >
            <Input maxLength={200} />
          </Form.Item>
        ) : null}
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item
              name="regionCode"
              label={t('enterprises.region')}
              rules={[{ required: true, message: t('enterprises.regionRequired') }]}
            >
              <RegionSelect root={me.regionCode} testId="enterprise-form-region" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="industryCode"
              label={t('enterprises.industry')}
              rules={[{ required: true, message: t('enterprises.industryRequired') }]}
            >
              <IndustrySelect testId="enterprise-form-industry" />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="ownership" label={t('enterprises.ownership')}>
              <Select
                allowClear
                options={OWNERSHIPS.map((o) => ({ value: o, label: labelOf(OWNERSHIP_LABELS, o, lang) }))}
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="registeredOn" label={t('enterprises.registeredOn')}>
              <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="employees" label={t('enterprises.employees')}>
              <InputNumber min={0} precision={0} style={{ width: '100%' }} data-testid="enterprise-form-employees" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="revenue" label={t('enterprises.revenue')}>
              <InputNumber min={0} precision={2} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="assets" label={t('enterprises.assets')}>
              <InputNumber min={0} precision={2} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <div className="hx-muted" style={{ marginTop: -8, marginBottom: 16 }}>
          {t('enterprises.sizeHint')}
        </div>
        <Form.Item name="address" label={t('enterprises.address')}>
          <Input maxLength={200} />
        </Form.Item>
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="legalRepresentative" label={t('enterprises.legalRepresentative')}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="contactName" label={t('enterprises.contactName')}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="contactPhone"
              label={t('enterprises.contactPhone')}
              extra={editing?.contactPhoneMasked ? `${t('enterprises.masked')}：${editing.contactPhone}` : undefined}
              rules={[
                {
                  validator: async (_r, v: string | undefined) => {
                    if (v?.trim() && !isValidPhone(v)) throw new Error(t('enterprises.phoneInvalid'));
                  },
                },
              ]}
            >
              <Input maxLength={30} data-testid="enterprise-form-contactPhone" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Drawer>
  );
}
