import type { Permission } from '@hexie/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useContext } from 'react';
import { ApiError, setCsrfToken } from '../api/client';
import { endpoints, queryKeys, type Session } from '../api/endpoints';
import { clearSignOut, markSignedOut } from './sign-out';

/** Who is signed in: GET /auth/me, null when nobody is (401). */
export function useSession() {
  return useQuery<Session | null>({
    queryKey: queryKeys.session,
    queryFn: async ({ signal }) => {
      try {
        const session = await endpoints.me(signal);
        setCsrfToken(session.csrfToken);
        return session;
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) {
          setCsrfToken(null);
          return null;
        }
        throw err;
      }
    },
    staleTime: 5 * 60_000,
  });
}

/**
 * The session of the signed-in part of the app, handed down by the session gate. A context rather than
 * the query itself: when the session ends, the gate redirects before any page sees it missing.
 */
export const SignedInContext = createContext<Session | null>(null);

export function useSignedIn(): Session {
  const session = useContext(SignedInContext);
  if (!session) throw new Error('useSignedIn used outside the signed-in part of the app');
  return session;
}

export function useCan(): (permission: Permission) => boolean {
  const { data } = useSession();
  return (permission) => !!data?.permissions.includes(permission);
}

export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: endpoints.login,
    onSuccess: (session) => {
      setCsrfToken(session.csrfToken);
      clearSignOut();
      // Nothing cached for a previous user may show for this one.
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== queryKeys.session[0] });
      qc.setQueryData(queryKeys.session, session);
    },
  });
}

export function useLogout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      try {
        await endpoints.logout();
      } catch (err) {
        // Already signed out on the server: the result is the same.
        if (!(err instanceof ApiError && err.status === 401)) throw err;
      }
    },
    onSuccess: () => {
      markSignedOut('logout');
      setCsrfToken(null);
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== queryKeys.session[0] });
      qc.setQueryData(queryKeys.session, null);
    },
  });
}
