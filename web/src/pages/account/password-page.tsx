import { meetsPasswordPolicy } from '@hexie/core';
import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { endpoints } from '../../api/endpoints';
import { useSignedIn } from '../../app/auth';
import { showFieldErrors } from '../../shared/forms';
import { PageHeader } from '../../shared/page-header';
import { ProblemAlert } from '../../shared/problem-alert';

interface PasswordForm {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

const FIELDS = new Set(['currentPassword', 'newPassword']);

/** 修改密码: the policy is checked here with the rule the server uses (core), and the server has the last word. */
export function PasswordPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { user } = useSignedIn();
  const [form] = Form.useForm<PasswordForm>();
  const [formError, setFormError] = useState<unknown>(null);

  const change = useMutation({
    mutationFn: (v: PasswordForm) =>
      endpoints.changePassword({ currentPassword: v.currentPassword, newPassword: v.newPassword }),
    onSuccess: () => {
      void message.success(t('account.changed'));
      form.resetFields();
      void navigate('/');
    },
    onError: (err) => {
      setFormError(showFieldErrors(form, err, FIELDS) ? null : err);
    },
  });

  return (
    <>
      <PageHeader title={t('nav.password')} description={t('account.description', { username: user.username })} />
      <Card className="hx-narrow-card">
        <Alert type="info" showIcon className="hx-gap-bottom" message={t('account.policy')} />
        {formError ? <ProblemAlert error={formError} /> : null}
        <Form<PasswordForm>
          form={form}
          layout="vertical"
          requiredMark={false}
          onFinish={(v) => {
            setFormError(null);
            change.mutate(v);
          }}
          data-testid="password-form"
        >
          <Form.Item
            name="currentPassword"
            label={t('account.current')}
            rules={[{ required: true, message: t('account.currentRequired') }]}
          >
            <Input.Password autoComplete="current-password" data-testid="current-password" />
          </Form.Item>
          <Form.Item
            name="newPassword"
            label={t('account.new')}
            rules={[
              { required: true, message: t('account.newRequired') },
              {
                validator: async (_r, value: string | undefined) => {
                  if (value && !meetsPasswordPolicy(value)) throw new Error(t('users.passwordWeak'));
                },
              },
            ]}
          >
            <Input.Password autoComplete="new-password" data-testid="new-password" />
          </Form.Item>
          <Form.Item
            name="confirmPassword"
            label={t('account.confirm')}
            dependencies={['newPassword']}
            rules={[
              { required: true, message: t('account.confirmRequired') },
              ({ getFieldValue }) => ({
                validator: async (_r, value: string | undefined) => {
                  if (value && value !== getFieldValue('newPassword')) throw new Error(t('account.mismatch'));
                },
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" data-testid="confirm-password" />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" loading={change.isPending} data-testid="password-submit">
              {t('account.submit')}
            </Button>
            <Button onClick={() => void navigate(-1)}>{t('common.cancel')}</Button>
          </Space>
        </Form>
      </Card>
    </>
  );
}
