import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, ApiError, onUnauthenticated, setCsrfToken } from './api/client';
import type { AgentRole, SessionReply, User } from './api/types';

type SessionState =
  | { status: 'loading' }
  | { status: 'anonymous'; hasExpired: boolean }
  | { status: 'authenticated'; user: User };

interface SessionValue {
  state: SessionState;
  /** The logged-in user, or null while loading or when anonymous. */
  user: User | null;
  /** Records the session returned by a login (keeps the CSRF token for later writes). */
  signIn(reply: SessionReply): void;
  /** Replaces the user after a profile change. */
  updateUser(user: User): void;
  signOut(): Promise<void>;
  signOutEverywhere(): Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

/** Loads the current session once (GET /auth/session) and follows logins, logouts and expiry. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });

  useEffect(() => {
    let isCancelled = false;
    api
      .get('/auth/session')
      .then((reply) => {
        if (isCancelled) return;
        // 204: no session. An anonymous visit is not an error (nothing in the browser's console).
        if (!reply) {
          setState({ status: 'anonymous', hasExpired: false });
          return;
        }
        setCsrfToken(reply.csrfToken);
        setState({ status: 'authenticated', user: reply.user });
      })
      .catch(() => {
        if (!isCancelled) setState({ status: 'anonymous', hasExpired: false });
      });
    const stopListening = onUnauthenticated(() => {
      setCsrfToken(null);
      setState((previous) =>
        previous.status === 'authenticated' ? { status: 'anonymous', hasExpired: true } : previous,
      );
    });
    return () => {
      isCancelled = true;
      stopListening();
    };
  }, []);

  const signIn = useCallback((reply: SessionReply) => {
    setCsrfToken(reply.csrfToken);
    setState({ status: 'authenticated', user: reply.user });
  }, []);

  const updateUser = useCallback((user: User) => setState({ status: 'authenticated', user }), []);

  const endSession = useCallback(async (path: '/auth/logout' | '/auth/logout-everywhere') => {
    try {
      await api.post(path);
    } catch (error) {
      // Already logged out on the server: the local state still has to end.
      if (!(error instanceof ApiError && error.status === 401)) throw error;
    }
    setCsrfToken(null);
    setState({ status: 'anonymous', hasExpired: false });
  }, []);

  const value = useMemo<SessionValue>(
    () => ({
      state,
      user: state.status === 'authenticated' ? state.user : null,
      signIn,
      updateUser,
      signOut: () => endSession('/auth/logout'),
      signOutEverywhere: () => endSession('/auth/logout-everywhere'),
    }),
    [state, signIn, updateUser, endSession],
  );

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession must be used inside SessionProvider');
  return value;
}

/** Whether the user holds the role (administrators hold every role). */
export function hasRole(user: User | null, role: AgentRole): boolean {
  if (!user || user.kind !== 'agent') return false;
  return user.roles.includes('admin') || user.roles.includes(role);
}
