import {
  AuditOutlined,
  CalculatorOutlined,
  CalendarOutlined,
  FileSearchOutlined,
  HomeOutlined,
  QuestionCircleOutlined,
  ReadOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { type ReactNode, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, useLocation } from 'react-router';
import { useSession } from '../../app/auth';
import { LangSwitch } from '../../shared/lang-switch';
import { Logo } from '../../shared/logo';
import './guidance.css';

/**
 * The public guidance portal's frame (政策服务与用工体检): a government service site with the platform's
 * name and its own navigation, no staff menu. Visitors need no account; a signed-in user gets a way back
 * to their workbench.
 */
export function PortalLayout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { data: session } = useSession();
  const navRef = useRef<HTMLDivElement>(null);
  const { pathname } = useLocation();
  // On a phone the navigation scrolls sideways: bring the current page's entry into view.
  useEffect(() => {
    if (pathname) navRef.current?.querySelector('.gd-active')?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [pathname]);
  const nav = [
    { to: '/guide', end: true, icon: <HomeOutlined />, label: t('guide.navHome'), testId: 'guide-nav-home' },
    { to: '/guide/policies', icon: <ReadOutlined />, label: t('guide.navPolicies'), testId: 'guide-nav-policies' },
    { to: '/guide/qa', icon: <QuestionCircleOutlined />, label: t('guide.navQa'), testId: 'guide-nav-qa' },
    {
      to: '/guide/self-check',
      icon: <FileSearchOutlined />,
      label: t('guide.navSelfCheck'),
      testId: 'guide-nav-self-check',
    },
    { to: '/guide/mediation', icon: <TeamOutlined />, label: t('guide.navMediation'), testId: 'guide-nav-mediation' },
    { to: '/guide/deadline', icon: <CalendarOutlined />, label: t('guide.navDeadline'), testId: 'guide-nav-deadline' },
    {
      to: '/guide/severance',
      icon: <CalculatorOutlined />,
      label: t('guide.navSeverance'),
      testId: 'guide-nav-severance',
    },
    { to: '/guide/layoff-check', icon: <AuditOutlined />, label: t('guide.navLayoff'), testId: 'guide-nav-layoff' },
  ];
  return (
    <div className="gd-portal" data-testid="guide-portal">
      <div className="gd-topbar">
        <div className="gd-wrap">
          <span>{t('guide.topbar')}</span>
          <span className="gd-topbar-right">
            <LangSwitch />
            {session ? (
              <Link to="/" data-testid="guide-workbench">
                {t('guide.workbench', { name: session.user.displayName })}
              </Link>
            ) : (
              <Link to="/login" data-testid="guide-login">
                {t('guide.signIn')}
              </Link>
            )}
          </span>
        </div>
      </div>
      <header className="gd-banner">
        <div className="gd-wrap">
          <Logo size={52} />
          <div>
            <div className="gd-banner-title">{t('app.fullName')}</div>
            <div className="gd-banner-sub">{t('guide.bannerSub')}</div>
          </div>
        </div>
      </header>
      <nav className="gd-nav" aria-label={t('guide.navLabel')}>
        <div className="gd-wrap" ref={navRef}>
          {nav.map((n) => (
            <NavLink
              key={n.to}
              to={n.to}
              end={n.end}
              data-testid={n.testId}
              className={({ isActive }) => (isActive ? 'gd-active' : undefined)}
            >
              {n.icon}
              {n.label}
            </NavLink>
          ))}
        </div>
      </nav>
      <main className="gd-main">
        <div className="gd-wrap">{children}</div>
      </main>
      <footer className="gd-footer">
        <div className="gd-wrap">
          <div>
            <strong>{t('app.organiser')}</strong> · {t('app.name')}
          </div>
          <div>{t('guide.footerNote')}</div>
          <div>{t('guide.footerHotline')}</div>
        </div>
      </footer>
    </div>
  );
}
