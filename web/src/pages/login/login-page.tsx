import {
  ApartmentOutlined,
  AuditOutlined,
  LockOutlined,
  ReadOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Alert, Button, Card, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { useLogin, useSession } from '../../app/auth';
import { safeNext } from '../../app/routes';
import { lastSignOut } from '../../app/sign-out';
import { LangSwitch } from '../../shared/lang-switch';
import { Logo } from '../../shared/logo';
import { problemText } from '../../shared/problem-alert';

interface LoginForm {
  username: string;
  password: string;
}

/** 登录: the platform's front door. */
export function LoginPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const next = safeNext(params.get('next'));
  const { data: session } = useSession();
  const login = useLogin();
  const [form] = Form.useForm<LoginForm>();
  // Read once: why the user is here (signed out, or the session ended).
  const [reason] = useState(lastSignOut);

  if (session && !login.isPending) return <Navigate to={next} replace />;

  const onFinish = (values: LoginForm) =>
    login.mutate(values, {
      onSuccess: () => void navigate(next, { replace: true }),
      onError: () => form.setFieldValue('password', ''),
    });

  const error = login.error ? problemText(login.error) : null;
  const features = [
    { icon: <ApartmentOutlined />, title: t('login.featureLedger'), text: t('login.featureLedgerText') },
    { icon: <AuditOutlined />, title: t('login.featureTarget'), text: t('login.featureTargetText') },
    { icon: <TeamOutlined />, title: t('login.featureService'), text: t('login.featureServiceText') },
  ];

  return (
    <div className="hx-login">
      <section className="hx-login-hero">
        <div className="hx-login-brand">
          <Logo size={40} />
          <span>
            {t('app.province')} · {t('app.name')}
          </span>
        </div>
        <div className="hx-login-copy">
          <h1>{t('login.heroTitle')}</h1>
          <div className="hx-login-plan">{t('login.heroPlan')}</div>
          <p className="hx-login-line">{t('login.heroLine')}</p>
          <div className="hx-login-features">
            {features.map((f) => (
              <div className="hx-login-feature" key={f.title}>
                <div className="hx-login-feature-title">
                  {f.icon}
                  {f.title}
                </div>
                <div className="hx-login-feature-text">{f.text}</div>
              </div>
            ))}
          </div>
        </div>
        <div className="hx-login-org">{t('app.organiser')}</div>
      </section>

      <section className="hx-login-side">
        <div className="hx-login-side-top">
          <LangSwitch />
        </div>
        <div className="hx-login-side-center">
          <Card className="hx-login-card">
            <h2>{t('login.title')}</h2>
            <div className="hx-login-card-sub">{t('login.subtitle')}</div>
            {error ? (
              <Alert
                type="error"
                showIcon
                data-testid="login-error"
                title={error.detail}
                style={{ marginBottom: 20 }}
              />
            ) : reason && !login.isPending ? (
              <Alert
                type={reason === 'expired' ? 'warning' : 'success'}
                showIcon
                data-testid="login-notice"
                title={reason === 'expired' ? t('login.sessionExpired') : t('header.loggedOut')}
                style={{ marginBottom: 20 }}
              />
            ) : null}
            <Form<LoginForm> form={form} layout="vertical" size="large" requiredMark={false} onFinish={onFinish}>
              <Form.Item
                name="username"
                label={t('login.username')}
                rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}
              >
                <Input
                  prefix={<UserOutlined className="hx-muted" />}
                  autoComplete="username"
                  autoFocus
                  data-testid="login-username"
                  placeholder={t('login.username')}
                />
              </Form.Item>
              <Form.Item
                name="password"
                label={t('login.password')}
                rules={[{ required: true, message: t('login.passwordRequired') }]}
              >
                <Input.Password
                  prefix={<LockOutlined className="hx-muted" />}
                  autoComplete="current-password"
                  data-testid="login-password"
                  placeholder={t('login.password')}
                />
              </Form.Item>
              <Form.Item style={{ marginBottom: 0 }}>
                <Button type="primary" htmlType="submit" block loading={login.isPending} data-testid="login-submit">
                  {t('login.submit')}
                </Button>
              </Form.Item>
            </Form>
            <div className="hx-login-security">{t('login.security')}</div>
            <Link
              to="/guide"
              data-testid="login-guide-link"
              style={{
                display: 'block',
                marginTop: 16,
                padding: '10px 12px',
                textAlign: 'center',
                border: '1px dashed #a9bde0',
                borderRadius: 4,
                background: '#f5f8fe',
              }}
            >
              <ReadOutlined /> {t('guide.loginLink')}
            </Link>
          </Card>
        </div>
        <div className="hx-login-side-foot">
          {t('app.organiser')} · {t('app.name')}
        </div>
      </section>
    </div>
  );
}
