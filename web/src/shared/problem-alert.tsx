import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';

/** The server's message for a failed request (already in the user's language), with its request id. */
export function problemText(err: unknown): { detail: string; requestId?: string | undefined } {
  if (err instanceof ApiError) return { detail: err.problem.detail, requestId: err.problem.requestId };
  return { detail: err instanceof Error ? err.message : String(err) };
}

export function ProblemAlert({
  error,
  title,
  onRetry,
  testId,
}: {
  error: unknown;
  title?: string;
  onRetry?: () => void;
  testId?: string;
}) {
  const { t } = useTranslation();
  const { detail, requestId } = problemText(error);
  const showId = requestId && !(error instanceof ApiError && error.status > 0 && error.status < 500);
  return (
    <Alert
      type="error"
      showIcon
      data-testid={testId}
      title={title ?? detail}
      description={
        title || showId ? (
          <>
            {title ? <div>{detail}</div> : null}
            {showId ? (
              <div className="hx-muted">
                {t('common.requestId')}: <code>{requestId}</code>
              </div>
            ) : null}
          </>
        ) : undefined
      }
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : undefined
      }
    />
  );
}
