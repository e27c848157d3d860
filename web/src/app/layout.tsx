import { DownOutlined, EnvironmentOutlined, KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { MEMBER_UNIT_LABELS, ROLE_LABELS } from '@hexie/core';
import { App, Avatar, Breadcrumb, Button, Dropdown, Layout, Menu, type MenuProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useMatches, useNavigate } from 'react-router';
import { labelOf } from '../shared/format';
import { LangSwitch } from '../shared/lang-switch';
import { Logo } from '../shared/logo';
import { problemText } from '../shared/problem-alert';
import { useLogout, useSignedIn } from './auth';
import { useLang } from './i18n';
import { NotificationBell } from './notification-bell';
import { type AppRoute, canAccess, MENU_GROUPS, ROUTES } from './routes';

function useCurrentRoute(): AppRoute | undefined {
  const matches = useMatches();
  for (let i = matches.length - 1; i >= 0; i--) {
    const route = (matches[i]?.handle as { route?: AppRoute } | undefined)?.route;
    if (route) return route;
  }
  return undefined;
}

function SideMenu() {
  const { t } = useTranslation();
  const session = useSignedIn();
  const { pathname } = useLocation();
  const visible = ROUTES.filter((r) => r.menu && canAccess(r.access, session));
  const entry = (r: AppRoute) => ({
    key: r.path,
    icon: r.menu?.icon,
    label: (
      <Link to={r.path} data-testid={r.menu?.testId}>
        {t(`nav.${r.title}`)}
      </Link>
    ),
  });
  const main = visible.filter((r) => !r.menu?.group).map(entry);
  const groups = MENU_GROUPS.map((g) => ({ g, children: visible.filter((r) => r.menu?.group === g).map(entry) }));
  const items: MenuProps['items'] = [
    ...main,
    ...groups
      .filter((x) => x.children.length)
      .map((x) => ({ type: 'group' as const, key: x.g, label: t(`nav.${x.g}`), children: x.children })),
  ];
  const selected = visible
    .map((r) => r.path)
    .filter((p) => (p === '/' ? pathname === '/' : pathname === p || pathname.startsWith(`${p}/`)));
  return <Menu mode="inline" selectedKeys={selected} items={items} className="hx-side-menu" />;
}

function UserMenu() {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const session = useSignedIn();
  const logout = useLogout();
  const navigate = useNavigate();
  const { user } = session;
  const unit = labelOf(MEMBER_UNIT_LABELS, user.memberUnit, lang);
  const roleLabel = labelOf(ROLE_LABELS, user.role, lang);
  const onLogout = () =>
    logout.mutate(undefined, {
      onSuccess: () => void navigate('/login', { replace: true }),
      onError: (err) => void message.error(problemText(err).detail),
    });
  return (
    <Dropdown
      trigger={['click']}
      placement="bottomRight"
      menu={{
        items: [
          {
            key: 'who',
            disabled: true,
            className: 'hx-user-card',
            label: (
              <div>
                <div className="hx-user-card-name">{user.displayName}</div>
                <div className="hx-muted">
                  {user.username} · {labelOf(ROLE_LABELS, user.role, lang)}
                </div>
                <div className="hx-muted">
                  {session.regionName}
                  {unit ? ` · ${unit}` : ''}
                </div>
              </div>
            ),
          },
          { type: 'divider' },
          {
            key: 'password',
            icon: <KeyOutlined />,
            label: <span data-testid="menu-password">{t('nav.password')}</span>,
          },
          {
            key: 'logout',
            icon: <LogoutOutlined />,
            danger: true,
            label: <span data-testid="logout">{t('header.logout')}</span>,
          },
        ],
        onClick: ({ key }) => {
          if (key === 'logout') onLogout();
          if (key === 'password') void navigate('/account/password');
        },
      }}
    >
      <Button type="text" className="hx-header-button hx-user-button" data-testid="user-menu">
        <Avatar size={28} icon={<UserOutlined />} className="hx-avatar" />
        <span className="hx-user-name">{user.displayName}</span>
        {/* the province admin's name is often the role itself: say it once */}
        {user.displayName !== roleLabel ? <span className="hx-user-role">{roleLabel}</span> : null}
        <DownOutlined style={{ fontSize: 10 }} />
      </Button>
    </Dropdown>
  );
}

/** The signed-in frame: government-blue header, side menu from the route table, breadcrumb, page. */
export function AppLayout() {
  const { t } = useTranslation();
  const session = useSignedIn();
  const route = useCurrentRoute();

  const crumbs = [
    { key: 'home', title: route?.path === '/' ? t('nav.home') : <Link to="/">{t('nav.home')}</Link> },
    ...(route?.menu?.group ? [{ key: route.menu.group, title: t(`nav.${route.menu.group}`) }] : []),
    ...(route?.parent
      ? ROUTES.filter((r) => r.path === route.parent).map((r) => ({
          key: r.path,
          title: <Link to={r.path}>{t(`nav.${r.title}`)}</Link>,
        }))
      : []),
    ...(route && route.path !== '/' ? [{ key: route.path, title: t(`nav.${route.title}`) }] : []),
    ...(!route ? [{ key: 'nf', title: t('nav.notFound') }] : []),
  ];

  return (
    <Layout className="hx-shell">
      <Layout.Header className="hx-header">
        <Link to="/" className="hx-brand">
          <Logo size={34} />
          <span className="hx-brand-text">
            <span className="hx-brand-name">{t('app.fullName')}</span>
          </span>
        </Link>
        <div className="hx-header-right">
          <span className="hx-header-region" title={t('header.region')}>
            <EnvironmentOutlined />
            <span data-testid="header-region">{session.regionName}</span>
          </span>
          <LangSwitch tone="dark" />
          <NotificationBell />
          <UserMenu />
        </div>
      </Layout.Header>
      <Layout>
        <Layout.Sider width={216} className="hx-sider" theme="light">
          <SideMenu />
        </Layout.Sider>
        <Layout className="hx-main">
          <Breadcrumb className="hx-breadcrumb" items={crumbs} />
          <Layout.Content className="hx-content">
            <Outlet />
          </Layout.Content>
          <Layout.Footer className="hx-footer">
            {t('app.organiser')} · {t('app.name')}
          </Layout.Footer>
        </Layout>
      </Layout>
    </Layout>
  );
}
