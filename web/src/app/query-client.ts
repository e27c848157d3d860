import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError, setCsrfToken } from '../api/client';
import { queryKeys } from '../api/endpoints';
import { markSignedOut } from './sign-out';

/** A lost session anywhere (expired, ended by an administrator) sends the user to sign in again. */
function onApiError(err: unknown) {
  // Only a session we had can be lost (after signing out, late answers of old requests change nothing).
  if (err instanceof ApiError && err.isSessionLost && queryClient.getQueryData(queryKeys.session)) {
    markSignedOut('expired');
    setCsrfToken(null);
    queryClient.setQueryData(queryKeys.session, null);
  }
}

export const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError: onApiError }),
  mutationCache: new MutationCache({ onError: onApiError }),
  defaultOptions: {
    queries: {
      // Client errors (4xx) will not change on retry; network trouble and 5xx get two more tries.
      retry: (count, err) => !(err instanceof ApiError && err.status >= 400 && err.status < 500) && count < 2,
      refetchOnWindowFocus: false,
      staleTime: 30_000,
    },
    mutations: { retry: false },
  },
});
