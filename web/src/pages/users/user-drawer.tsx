import {
  grantableRoles,
  MEMBER_UNIT_LABELS,
  MEMBER_UNITS,
  type MemberUnit,
  meetsPasswordPolicy,
  PROVINCE_CODE,
  ROLE_LABELS,
  type Role,
  roleNeedsMemberUnit,
  type UpdateUserBody,
  type UserDetail,
} from '@hexie/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Drawer, Form, Input, Select, Switch } from 'antd';
import type { Rule } from 'antd/es/form';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { endpoints, queryKeys } from '../../api/endpoints';
import { useSignedIn } from '../../app/auth';
import { useLang } from '../../app/i18n';
import { DrawerFooter } from '../../shared/drawer-footer';
import { EnterprisePicker } from '../../shared/enterprise-picker';
import { labelOf } from '../../shared/format';
import { showFieldErrors } from '../../shared/forms';
import { ProblemAlert } from '../../shared/problem-alert';
import { RegionSelect } from '../../shared/region-select';

interface UserFormValues {
  username: string;
  displayName: string;
  role: Role;
  regionCode: string;
  memberUnit?: MemberUnit | null;
  enterpriseId?: string | null;
  password?: string;
  disabled?: boolean;
  newPassword?: string;
}

const FORM_FIELDS = new Set([
  'username',
  'displayName',
  'role',
  'regionCode',
  'memberUnit',
  'enterpriseId',
  'password',
  'disabled',
  'newPassword',
]);

/** Problems the server reports without a field that still belong to one. */
const CODE_FIELDS: Record<string, string> = { username_taken: 'username' };

export type UserDrawerState = { mode: 'create' } | { mode: 'edit'; user: UserDetail } | null;

/** 新建 / 编辑用户, with the same rules the server enforces (core), and the server's word on each field. */
export function UserDrawer({ state, onClose }: { state: UserDrawerState; onClose: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const me = useSignedIn().user;
  const [form] = Form.useForm<UserFormValues>();
  const [formError, setFormError] = useState<unknown>(null);
  const role = Form.useWatch('role', form);
  const editing = state?.mode === 'edit' ? state.user : null;
  const self = editing?.id === me.id;

  useEffect(() => {
    if (!state) return;
    setFormError(null);
    form.resetFields();
    if (state.mode === 'edit') {
      const u = state.user;
      form.setFieldsValue({
        displayName: u.displayName,
        role: u.role,
        regionCode: u.regionCode,
        memberUnit: u.memberUnit,
        enterpriseId: u.enterpriseId,
        disabled: u.disabled,
        newPassword: '',
      });
    } else {
      form.setFieldsValue({ regionCode: me.regionCode });
    }
  }, [state, form, me.regionCode]);

  const save = useMutation({
    mutationFn: async (values: UserFormValues): Promise<UserDetail | null> => {
      const needsUnit = roleNeedsMemberUnit(values.role);
      if (!editing) {
        return endpoints.createUser({
          username: values.username.trim(),
          displayName: values.displayName.trim(),
          role: values.role,
          regionCode: values.regionCode,
          ...(needsUnit ? { memberUnit: values.memberUnit ?? null } : {}),
          ...(values.role === 'enterprise_user' ? { enterpriseId: values.enterpriseId ?? null } : {}),
          password: values.password ?? '',
        });
      }
      // Only what changed: the audit log then records exactly this change.
      const body: UpdateUserBody = {};
      if (values.displayName.trim() !== editing.displayName) body.displayName = values.displayName.trim();
      if (values.role !== editing.role) body.role = values.role;
      if (values.regionCode !== editing.regionCode) body.regionCode = values.regionCode;
      if (needsUnit && (values.memberUnit ?? null) !== editing.memberUnit) body.memberUnit = values.memberUnit ?? null;
      if (values.role === 'enterprise_user' && (values.enterpriseId ?? null) !== editing.enterpriseId) {
        body.enterpriseId = values.enterpriseId ?? null;
      }
      if (!self && !!values.disabled !== editing.disabled) body.disabled = !!values.disabled;
      if (values.newPassword) body.newPassword = values.newPassword;
      if (Object.keys(body).length === 0) return null;
      return endpoints.updateUser(editing.id, body);
    },
    onSuccess: (saved) => {
      if (!saved) {
        void message.info(t('users.noChanges'));
      } else {
        void message.success(t(editing ? 'users.updated' : 'users.created', { name: saved.displayName }));
        void qc.invalidateQueries({ queryKey: queryKeys.users });
        void qc.invalidateQueries({ queryKey: queryKeys.dashboard });
      }
      onClose();
    },
    onError: (err) => {
      const shown = showFieldErrors(form, err, FORM_FIELDS, CODE_FIELDS);
      const unmapped = err instanceof ApiError && (err.problem.errors ?? []).some((e) => !FORM_FIELDS.has(e.field));
      setFormError(shown === 0 || unmapped ? err : null);
    },
  });

  const roles = grantableRoles(me.role);
  const needsUnit = role ? roleNeedsMemberUnit(role) : false;
  const passwordRule = (required: boolean): Rule => ({
    validator: async (_rule, value: string | undefined) => {
      if (!value) {
        if (required) throw new Error(t('users.passwordRequired'));
        return;
      }
      if (!meetsPasswordPolicy(value)) throw new Error(t('users.passwordWeak'));
    },
  });

  return (
    <Drawer
      open={!!state}
      onClose={onClose}
      size={520}
      destroyOnHidden
      title={editing ? t('users.editTitle', { name: editing.displayName }) : t('users.createTitle')}
      data-testid="user-drawer"
      footer={
        <DrawerFooter
          onCancel={onClose}
          onSubmit={() => form.submit()}
          loading={save.isPending}
          testId="user-submit"
          cancelTestId="user-cancel"
        />
      }
    >
      {formError ? (
        <div style={{ marginBottom: 16 }}>
          <ProblemAlert error={formError} title={t('users.formError')} testId="user-form-error" />
        </div>
      ) : null}
      <Form<UserFormValues>
        form={form}
        layout="vertical"
        onFinish={(values) => save.mutate(values)}
        // A field the user edits again loses the server's old complaint about it.
        onValuesChange={() => formError && setFormError(null)}
      >
        {editing ? (
          <Form.Item label={t('users.username')}>
            <Input value={editing.username} disabled />
          </Form.Item>
        ) : (
          <Form.Item
            name="username"
            label={t('users.username')}
            extra={t('users.usernameHint')}
            rules={[
              { required: true, whitespace: true, message: t('users.usernameRequired') },
              { pattern: /^[A-Za-z][A-Za-z0-9_.-]{2,31}$/, message: t('users.usernameFormat') },
            ]}
          >
            <Input autoComplete="off" maxLength={32} data-testid="user-form-username" />
          </Form.Item>
        )}
        <Form.Item
          name="displayName"
          label={t('users.displayName')}
          rules={[{ required: true, whitespace: true, message: t('users.displayNameRequired') }]}
        >
          <Input maxLength={50} data-testid="user-form-displayName" />
        </Form.Item>
        {self ? <Alert type="info" showIcon title={t('users.selfHint')} style={{ marginBottom: 16 }} /> : null}
        <Form.Item
          name="role"
          label={t('users.role')}
          rules={[{ required: true, message: t('users.roleRequired') }]}
          extra={role === 'province_admin' ? t('users.provinceHint') : undefined}
        >
          <Select
            data-testid="user-form-role"
            disabled={self}
            options={roles.map((r) => ({ value: r, label: labelOf(ROLE_LABELS, r, lang) }))}
            onChange={(r: Role) => {
              if (r === 'province_admin' && me.regionCode === PROVINCE_CODE)
                form.setFieldValue('regionCode', PROVINCE_CODE);
            }}
          />
        </Form.Item>
        <Form.Item
          name="regionCode"
          label={t('users.region')}
          rules={[{ required: true, message: t('users.regionRequired') }]}
        >
          <RegionSelect root={me.regionCode} disabled={self} testId="user-form-region" />
        </Form.Item>
        {needsUnit ? (
          <Form.Item
            name="memberUnit"
            label={t('users.memberUnit')}
            extra={t('users.memberUnitHint')}
            rules={[{ required: true, message: t('users.memberUnitRequired') }]}
          >
            <Select
              data-testid="user-form-memberUnit"
              options={MEMBER_UNITS.map((u) => ({ value: u, label: labelOf(MEMBER_UNIT_LABELS, u, lang) }))}
            />
          </Form.Item>
        ) : null}
        {role === 'enterprise_user' ? (
          <Form.Item
            name="enterpriseId"
            label={t('users.enterprise')}
            extra={t('users.enterpriseHint')}
            rules={[{ required: true, message: t('users.enterpriseRequired') }]}
          >
            <EnterprisePicker initialLabel={editing?.enterpriseName} testId="user-form-enterprise" />
          </Form.Item>
        ) : null}
        {editing ? (
          <>
            <Form.Item
              name="disabled"
              label={t('users.disabled')}
              valuePropName="checked"
              extra={t('users.disabledHint')}
            >
              <Switch disabled={self} data-testid="user-form-disabled" />
            </Form.Item>
            <Form.Item
              name="newPassword"
              label={t('users.newPassword')}
              extra={
                <>
                  <div>{t('users.passwordPolicy')}</div>
                  <div>{t('users.newPasswordHint')}</div>
                </>
              }
              rules={[passwordRule(false)]}
            >
              <Input.Password autoComplete="new-password" data-testid="user-form-newPassword" />
            </Form.Item>
          </>
        ) : (
          <Form.Item
            name="password"
            label={t('users.password')}
            required
            extra={t('users.passwordPolicy')}
            rules={[passwordRule(true)]}
          >
            <Input.Password autoComplete="new-password" data-testid="user-form-password" />
          </Form.Item>
        )}
      </Form>
    </Drawer>
  );
}
