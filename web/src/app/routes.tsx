import {
  AccountBookOutlined,
  AlertOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BankOutlined,
  BarChartOutlined,
  BookOutlined,
  CalendarOutlined,
  FallOutlined,
  FileDoneOutlined,
  HomeOutlined,
  InboxOutlined,
  LineChartOutlined,
  NotificationOutlined,
  QuestionCircleOutlined,
  ShopOutlined,
  SolutionOutlined,
  TeamOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import type { Permission } from '@hexie/core';
import { type ComponentType, type LazyExoticComponent, lazy, type ReactNode } from 'react';
import type { Session } from '../api/endpoints';
import type zhCN from '../locales/zh-CN';

/** Side-menu groups, in order; entries without a group come first. */
export const MENU_GROUPS = ['services', 'employment', 'mediation', 'system'] as const;
export type MenuGroup = (typeof MENU_GROUPS)[number];

/**
 * Who may open a route: anyone (`public`), any signed-in user (`authenticated`), or holders of a permission.
 * The server checks the same permission on every API call; this only decides what the UI offers.
 */
export type Access = 'public' | 'authenticated' | Permission;

export interface AppRoute {
  path: string;
  access: Access;
  /** page title and breadcrumb, a key of the `nav` locale domain */
  title: keyof typeof zhCN.nav;
  /** shown in the side menu (only when `access` allows it) */
  menu?: { testId: string; icon: ReactNode; group?: MenuGroup };
  /** the list a detail page belongs to: shown in the breadcrumb */
  parent?: string;
  /** public pages render without the signed-in layout */
  bare?: boolean;
  Page: LazyExoticComponent<ComponentType> | ComponentType;
}

const LoginPage = lazy(() => import('../pages/login/login-page').then((m) => ({ default: m.LoginPage })));
const HomePage = lazy(() => import('../pages/home/home-page').then((m) => ({ default: m.HomePage })));
const UsersPage = lazy(() => import('../pages/users/users-page').then((m) => ({ default: m.UsersPage })));
const PasswordPage = lazy(() => import('../pages/account/password-page').then((m) => ({ default: m.PasswordPage })));
const EnterprisesPage = lazy(() =>
  import('../pages/enterprises/enterprises-page').then((m) => ({ default: m.EnterprisesPage })),
);
const EnterpriseDetailPage = lazy(() =>
  import('../pages/enterprises/enterprise-detail-page').then((m) => ({ default: m.EnterpriseDetailPage })),
);
const NoticesPage = lazy(() => import('../pages/notices/notices-page').then((m) => ({ default: m.NoticesPage })));
const InboxPage = lazy(() => import('../pages/inbox/inbox-page').then((m) => ({ default: m.InboxPage })));
const ServiceRecordsPage = lazy(() =>
  import('../pages/services/service-records-page').then((m) => ({ default: m.ServiceRecordsPage })),
);
const ExpertsPage = lazy(() => import('../pages/services/experts-page').then((m) => ({ default: m.ExpertsPage })));
const ServiceProgressPage = lazy(() =>
  import('../pages/services/progress-page').then((m) => ({ default: m.ServiceProgressPage })),
);
const AuditPage = lazy(() => import('../pages/audit/audit-page').then((m) => ({ default: m.AuditPage })));
const GuideHomePage = lazy(() =>
  import('../pages/guidance/guide-home-page').then((m) => ({ default: m.GuideHomePage })),
);
const GuidePoliciesPage = lazy(() =>
  import('../pages/guidance/guide-policies-page').then((m) => ({ default: m.GuidePoliciesPage })),
);
const GuidePolicyPage = lazy(() =>
  import('../pages/guidance/guide-policy-page').then((m) => ({ default: m.GuidePolicyPage })),
);
const GuideDeadlinePage = lazy(() =>
  import('../pages/guidance/guide-deadline-page').then((m) => ({ default: m.GuideDeadlinePage })),
);
const GuideSeverancePage = lazy(() =>
  import('../pages/guidance/guide-severance-page').then((m) => ({ default: m.GuideSeverancePage })),
);
const GuideLayoffCheckPage = lazy(() =>
  import('../pages/guidance/guide-layoff-check-page').then((m) => ({ default: m.GuideLayoffCheckPage })),
);
const WageParametersPage = lazy(() =>
  import('../pages/parameters/wage-parameters-page').then((m) => ({ default: m.WageParametersPage })),
);
const PublicMediationPage = lazy(() =>
  import('../pages/mediation/public-mediation-page').then((m) => ({ default: m.PublicMediationPage })),
);
const MediationCasesPage = lazy(() =>
  import('../pages/mediation/cases-page').then((m) => ({ default: m.MediationCasesPage })),
);
const MediationCaseDetailPage = lazy(() =>
  import('../pages/mediation/case-detail-page').then((m) => ({ default: m.MediationCaseDetailPage })),
);
const MediationAgreementPage = lazy(() =>
  import('../pages/mediation/agreement-page').then((m) => ({ default: m.MediationAgreementPage })),
);
const MediationOrgsPage = lazy(() =>
  import('../pages/mediation/orgs-page').then((m) => ({ default: m.MediationOrgsPage })),
);
const MediationStatsPage = lazy(() =>
  import('../pages/mediation/stats-page').then((m) => ({ default: m.MediationStatsPage })),
);
const KeyEnterprisesPage = lazy(() =>
  import('../pages/employment/key-enterprises-page').then((m) => ({ default: m.KeyEnterprisesPage })),
);
const KeyEnterprisePage = lazy(() =>
  import('../pages/employment/key-enterprise-page').then((m) => ({ default: m.KeyEnterprisePage })),
);
const MyReportsPage = lazy(() =>
  import('../pages/employment/my-reports-page').then((m) => ({ default: m.MyReportsPage })),
);
const LayoffPlansPage = lazy(() =>
  import('../pages/layoffs/layoff-plans-page').then((m) => ({ default: m.LayoffPlansPage })),
);
const LayoffPlanPage = lazy(() =>
  import('../pages/layoffs/layoff-plan-page').then((m) => ({ default: m.LayoffPlanPage })),
);
const CalendarPage = lazy(() => import('../pages/parameters/calendar-page').then((m) => ({ default: m.CalendarPage })));
const WarningsPage = lazy(() => import('../pages/warnings/warnings-page').then((m) => ({ default: m.WarningsPage })));
const WarningRulesPage = lazy(() =>
  import('../pages/warnings/warning-rules-page').then((m) => ({ default: m.WarningRulesPage })),
);
const GuideQaPage = lazy(() => import('../pages/guidance/guide-qa-page').then((m) => ({ default: m.GuideQaPage })));
const GuideSelfCheckPage = lazy(() =>
  import('../pages/guidance/guide-self-check-page').then((m) => ({ default: m.GuideSelfCheckPage })),
);
const AdminPoliciesPage = lazy(() =>
  import('../pages/guidance/admin-policies-page').then((m) => ({ default: m.AdminPoliciesPage })),
);
const AdminQaPage = lazy(() => import('../pages/guidance/admin-qa-page').then((m) => ({ default: m.AdminQaPage })));

/** The one route table: paths, access, titles and the side menu all come from here. */
export const ROUTES: AppRoute[] = [
  { path: '/login', access: 'public', bare: true, title: 'login', Page: LoginPage },
  // 线上用工指导: the public portal (no sign-in, its own frame)
  { path: '/guide', access: 'public', bare: true, title: 'guide', Page: GuideHomePage },
  { path: '/guide/policies', access: 'public', bare: true, title: 'guidePolicies', Page: GuidePoliciesPage },
  { path: '/guide/policies/:id', access: 'public', bare: true, title: 'guidePolicy', Page: GuidePolicyPage },
  { path: '/guide/qa', access: 'public', bare: true, title: 'guideQa', Page: GuideQaPage },
  { path: '/guide/self-check', access: 'public', bare: true, title: 'guideSelfCheck', Page: GuideSelfCheckPage },
  { path: '/guide/deadline', access: 'public', bare: true, title: 'guideDeadline', Page: GuideDeadlinePage },
  { path: '/guide/severance', access: 'public', bare: true, title: 'guideSeverance', Page: GuideSeverancePage },
  { path: '/guide/layoff-check', access: 'public', bare: true, title: 'guideLayoffCheck', Page: GuideLayoffCheckPage },
  { path: '/guide/mediation', access: 'public', bare: true, title: 'guideMediation', Page: PublicMediationPage },
  {
    path: '/',
    access: 'authenticated',
    title: 'home',
    menu: { testId: 'menu-home', icon: <HomeOutlined /> },
    Page: HomePage,
  },
  {
    path: '/enterprises',
    access: 'enterprises:read',
    title: 'enterprises',
    menu: { testId: 'menu-enterprises', icon: <BankOutlined /> },
    Page: EnterprisesPage,
  },
  {
    path: '/enterprises/:id',
    access: 'enterprises:read',
    title: 'enterprise',
    parent: '/enterprises',
    Page: EnterpriseDetailPage,
  },
  {
    path: '/services/records',
    access: 'enterprises:read',
    title: 'serviceRecords',
    menu: { testId: 'menu-service-records', icon: <FileDoneOutlined />, group: 'services' },
    Page: ServiceRecordsPage,
  },
  {
    path: '/services/progress',
    access: 'enterprises:read',
    title: 'serviceProgress',
    menu: { testId: 'menu-service-progress', icon: <BarChartOutlined />, group: 'services' },
    Page: ServiceProgressPage,
  },
  {
    path: '/services/team',
    access: 'enterprises:read',
    title: 'serviceTeam',
    menu: { testId: 'menu-service-team', icon: <SolutionOutlined />, group: 'services' },
    Page: ExpertsPage,
  },
  {
    path: '/employment/key-enterprises',
    access: 'employment:read',
    title: 'keyEnterprises',
    menu: { testId: 'menu-key-enterprises', icon: <ShopOutlined />, group: 'employment' },
    Page: KeyEnterprisesPage,
  },
  {
    path: '/employment/key-enterprises/:id',
    access: 'employment:read',
    title: 'keyEnterprise',
    parent: '/employment/key-enterprises',
    Page: KeyEnterprisePage,
  },
  {
    path: '/layoffs',
    access: 'employment:read',
    title: 'layoffPlans',
    menu: { testId: 'menu-layoff-plans', icon: <FallOutlined />, group: 'employment' },
    Page: LayoffPlansPage,
  },
  {
    path: '/layoffs/new',
    access: 'employment:write',
    title: 'layoffPlanNew',
    parent: '/layoffs',
    Page: LayoffPlanPage,
  },
  {
    path: '/layoffs/:id',
    access: 'employment:read',
    title: 'layoffPlan',
    parent: '/layoffs',
    Page: LayoffPlanPage,
  },
  {
    path: '/warnings',
    access: 'employment:read',
    title: 'warnings',
    menu: { testId: 'menu-warnings', icon: <AlertOutlined />, group: 'employment' },
    Page: WarningsPage,
  },
  {
    path: '/mediation/cases',
    access: 'mediation:read',
    title: 'mediationCases',
    menu: { testId: 'menu-mediation-cases', icon: <AuditOutlined />, group: 'mediation' },
    Page: MediationCasesPage,
  },
  {
    path: '/mediation/cases/:id',
    access: 'mediation:read',
    title: 'mediationCase',
    parent: '/mediation/cases',
    Page: MediationCaseDetailPage,
  },
  {
    path: '/mediation/cases/:id/agreement',
    access: 'mediation:read',
    title: 'mediationAgreement',
    parent: '/mediation/cases',
    Page: MediationAgreementPage,
  },
  {
    path: '/mediation/orgs',
    access: 'mediation:read',
    title: 'mediationOrgs',
    menu: { testId: 'menu-mediation-orgs', icon: <ApartmentOutlined />, group: 'mediation' },
    Page: MediationOrgsPage,
  },
  {
    path: '/mediation/stats',
    access: 'mediation:read',
    title: 'mediationStats',
    menu: { testId: 'menu-mediation-stats', icon: <BarChartOutlined />, group: 'mediation' },
    Page: MediationStatsPage,
  },
  {
    path: '/guidance/policies',
    access: 'guidance:write',
    title: 'guidancePolicies',
    menu: { testId: 'menu-guidance-policies', icon: <BookOutlined />, group: 'services' },
    Page: AdminPoliciesPage,
  },
  {
    path: '/guidance/qa',
    access: 'guidance:write',
    title: 'guidanceQa',
    menu: { testId: 'menu-guidance-qa', icon: <QuestionCircleOutlined />, group: 'services' },
    Page: AdminQaPage,
  },
  {
    path: '/notices',
    access: 'notices:write',
    title: 'notices',
    menu: { testId: 'menu-notices', icon: <NotificationOutlined />, group: 'services' },
    Page: NoticesPage,
  },
  {
    path: '/employment/my-reports',
    access: 'enterprise:self',
    title: 'myReports',
    menu: { testId: 'menu-my-reports', icon: <LineChartOutlined /> },
    Page: MyReportsPage,
  },
  {
    path: '/inbox',
    access: 'enterprise:self',
    title: 'inbox',
    menu: { testId: 'menu-inbox', icon: <InboxOutlined /> },
    Page: InboxPage,
  },
  {
    path: '/users',
    access: 'users:read',
    title: 'users',
    menu: { testId: 'menu-users', icon: <TeamOutlined />, group: 'system' },
    Page: UsersPage,
  },
  {
    path: '/parameters/wages',
    access: 'parameters:write',
    title: 'wageParameters',
    menu: { testId: 'menu-wage-parameters', icon: <AccountBookOutlined />, group: 'system' },
    Page: WageParametersPage,
  },
  {
    path: '/parameters/calendar',
    access: 'parameters:write',
    title: 'calendar',
    menu: { testId: 'menu-calendar', icon: <CalendarOutlined />, group: 'system' },
    Page: CalendarPage,
  },
  {
    path: '/parameters/warning-rules',
    access: 'parameters:write',
    title: 'warningRules',
    menu: { testId: 'menu-warning-rules', icon: <WarningOutlined />, group: 'system' },
    Page: WarningRulesPage,
  },
  {
    path: '/audit',
    access: 'audit:read',
    title: 'audit',
    menu: { testId: 'menu-audit', icon: <AuditOutlined />, group: 'system' },
    Page: AuditPage,
  },
  { path: '/account/password', access: 'authenticated', title: 'password', Page: PasswordPage },
];

export function canAccess(access: Access, session: Session | null | undefined): boolean {
  if (access === 'public') return true;
  if (!session) return false;
  return access === 'authenticated' || session.permissions.includes(access);
}

/** Where to go after signing in: only a path of this app (never another origin). */
export function safeNext(next: string | null | undefined): string {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/\\') || next.startsWith('/login')) {
    return '/';
  }
  return next;
}
