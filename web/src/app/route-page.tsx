import { Spin } from 'antd';
import { Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ForbiddenPage } from '../pages/errors/forbidden-page';
import { useSession } from './auth';
import { type AppRoute, canAccess } from './routes';

export function usePageTitle(title: string) {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${title} · ${t('app.titleSuffix')}`;
  }, [title, t]);
}

export function PageSpin() {
  return (
    <div className="hx-page-spin">
      <Spin size="large" />
    </div>
  );
}

/** One route of the table: its title, its access check (403 page when missing), its lazily loaded page. */
export function RoutePage({ route }: { route: AppRoute }) {
  const { t } = useTranslation();
  const { data: session } = useSession();
  const allowed = canAccess(route.access, session);
  usePageTitle(t(allowed ? `nav.${route.title}` : 'nav.forbidden'));
  if (!allowed) return <ForbiddenPage />;
  const { Page } = route;
  return (
    <Suspense fallback={<PageSpin />}>
      <Page />
    </Suspense>
  );
}
