import { create } from 'zustand';
import type { Mode, Role, SessionUser } from '../../shared/contract';
import { roleAllows } from '../../shared/contract';
import { call, onUnauthenticated, sessionToken, setSessionToken, transportKind } from './contractClient';

export type SessionStatus = 'restoring' | 'signedOut' | 'signingIn' | 'signedIn';

interface SessionState {
  status: SessionStatus;
  user: SessionUser | null;
  mode: Mode | null;
  /** Why the last sign-in failed; the sign-in screen puts it in words. */
  error: unknown;
  /** Shown on the sign-in screen after an expired session. */
  notice: string | null;
  signIn(email: string, password: string): Promise<void>;
  signOut(): Promise<void>;
  restore(): Promise<void>;
  can(access: Role): boolean;
}

/** Who is signed in and with which role: every screen asks, so it lives beside the transport. */
export const useSession = create<SessionState>((set, get) => ({
  status: 'restoring',
  user: null,
  mode: null,
  error: null,
  notice: null,

  async signIn(email, password) {
    set({ status: 'signingIn', error: null, notice: null });
    try {
      const res = await call('auth.login', { email, password });
      // In Electron the main process keeps the session; the renderer never holds it there.
      if (transportKind() === 'bridge') setSessionToken(res.sessionToken);
      let mode: Mode | null = null;
      try {
        mode = (await call('auth.me', {})).mode;
      } catch {
        mode = null;
      }
      set({ status: 'signedIn', user: res.user, mode, error: null });
    } catch (err) {
      set({ status: 'signedOut', error: err });
    }
  },

  async signOut() {
    try {
      await call('auth.logout', {});
    } catch {
      /* already gone on the server: signing out locally is what matters */
    }
    setSessionToken(null);
    set({ status: 'signedOut', user: null, mode: null, error: null, notice: null });
  },

  async restore() {
    if (transportKind() === 'bridge' && !sessionToken()) {
      set({ status: 'signedOut' });
      return;
    }
    try {
      const me = await call('auth.me', {});
      set({ status: 'signedIn', user: me.user, mode: me.mode });
    } catch {
      setSessionToken(null);
      set({ status: 'signedOut', user: null });
    }
  },

  can(access) {
    const user = get().user;
    return !!user && roleAllows(user.role, access);
  },
}));

onUnauthenticated(() => {
  if (useSession.getState().status !== 'signedIn') return;
  setSessionToken(null);
  useSession.setState({ status: 'signedOut', user: null, notice: 'Your session has ended. Sign in again to continue.' });
});
