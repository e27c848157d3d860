import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation, useMatches } from 'react-router';
import { problemText } from '../shared/problem-alert';
import { SignedInContext, useSession } from './auth';
import { AppLayout } from './layout';
import { PageSpin } from './route-page';
import { lastSignOut } from './sign-out';

export interface RouteHandle {
  /** the catch-all: shown to visitors who are not signed in too */
  notFound?: boolean;
}

/**
 * Everything but the sign-in page sits behind this: it waits for /auth/me, sends visitors to sign in
 * (remembering where they were going), and puts signed-in users in the layout.
 */
export function SessionGate() {
  const { t } = useTranslation();
  const { data: session, isPending, error, refetch, isFetching } = useSession();
  const location = useLocation();
  const matches = useMatches();
  const notFound = matches.some((m) => (m.handle as RouteHandle | undefined)?.notFound);

  if (isPending) return <PageSpin />;
  if (error && session === undefined) {
    const { detail, requestId } = problemText(error);
    return (
      <div className="hx-bare-page">
        <Result
          status="500"
          title={t('errors.loadFailed')}
          subTitle={requestId ? `${detail} (${t('common.requestId')}: ${requestId})` : detail}
          extra={
            <Button type="primary" loading={isFetching} onClick={() => void refetch()}>
              {t('common.retry')}
            </Button>
          }
        />
      </div>
    );
  }
  if (!session) {
    if (notFound) {
      return (
        <div className="hx-bare-page">
          <Outlet />
        </div>
      );
    }
    const here = `${location.pathname}${location.search}`;
    const target = lastSignOut() === 'logout' || here === '/' ? '/login' : `/login?next=${encodeURIComponent(here)}`;
    return <Navigate to={target} replace />;
  }
  return (
    <SignedInContext.Provider value={session}>
      <AppLayout />
    </SignedInContext.Provider>
  );
}
