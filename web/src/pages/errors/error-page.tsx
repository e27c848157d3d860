import { Button, Result, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { isRouteErrorResponse, useRouteError } from 'react-router';
import { usePageTitle } from '../../app/route-page';
import { problemText } from '../../shared/problem-alert';

/** A page failed to load after a new release (its old chunk is gone). */
function isStaleChunk(err: unknown): boolean {
  return err instanceof Error && /dynamically imported module|Importing a module script failed/i.test(err.message);
}

/** The error boundary of the router: a page threw while rendering or loading. */
export function ErrorPage({ bare = false }: { bare?: boolean }) {
  const { t } = useTranslation();
  const error = useRouteError();
  usePageTitle(t('nav.error'));
  const stale = isStaleChunk(error);
  const message = isRouteErrorResponse(error)
    ? `${error.status} ${error.statusText}`
    : stale
      ? t('errors.chunkText')
      : problemText(error).detail;
  const body = (
    <Result
      status="500"
      title={t('errors.crashTitle')}
      subTitle={stale ? message : t('errors.crashText')}
      extra={[
        <Button type="primary" key="reload" onClick={() => window.location.reload()}>
          {t('common.reload')}
        </Button>,
        <Button key="home" href="/">
          {t('common.backHome')}
        </Button>,
      ]}
    >
      {stale ? null : (
        <Typography.Paragraph type="secondary" style={{ margin: 0, textAlign: 'center' }} data-testid="error-message">
          <Typography.Text code>{message}</Typography.Text>
        </Typography.Paragraph>
      )}
    </Result>
  );
  return bare ? <div className="hx-bare-page">{body}</div> : body;
}
