import { create } from 'zustand';
import type { Mode, Role, SessionUser, SignedIn } from '../../shared/contract';
import { roleAllows } from '../../shared/contract';
import { call, onUnauthenticated, sessionToken, setSessionToken, transportKind } from './contractClient';

export type SessionStatus = 'restoring' | 'signedOut' | 'signingIn' | 'secondFactor' | 'signedIn';

interface SessionState {
  status: SessionStatus;
  user: SessionUser | null;
  mode: Mode | null;
  /** Why the last sign-in failed; the sign-in screen puts it in words. */
  error: unknown;
  /** Shown on the sign-in screen after an expired session. */
  notice: string | null;
  /** The sign-in waiting for its code from the app (status 'secondFactor'). */
  challenge: string | null;
  /** The session may do nothing else until the password is changed (after an admin's reset)… */
  mustChangePassword: boolean;
  /** …or, for an admin, until two-factor is set up. */
  mustEnrollTwoFactor: boolean;
  signIn(email: string, password: string): Promise<void>;
  /** The second step: the code from the app, or a recovery code. */
  submitCode(code: string): Promise<void>;
  /** Asks the core again what the session must still do (after a password change or setting up two-factor). */
  refresh(): Promise<void>;
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
  challenge: null,
  mustChangePassword: false,
  mustEnrollTwoFactor: false,

  async signIn(email, password) {
    set({ status: 'signingIn', error: null, notice: null });
    try {
      const res = await call('auth.login', { email, password });
      if (res.status === 'secondFactor') {
        set({ status: 'secondFactor', challenge: res.challenge, error: null });
        return;
      }
      await signedIn(res);
    } catch (err) {
      set({ status: 'signedOut', error: err });
    }
  },

  async submitCode(code) {
    const challenge = get().challenge;
    if (!challenge) return;
    set({ error: null });
    try {
      await signedIn(await call('auth.loginSecondFactor', { challenge, code }));
    } catch (err) {
      // An expired challenge starts over at the password; a wrong code stays on the code.
      const expired = (err as { code?: string }).code === 'UNAUTHENTICATED' && /expired/i.test((err as Error).message ?? '');
      set(expired ? { status: 'signedOut', challenge: null, error: err } : { error: err });
    }
  },

  async refresh() {
    try {
      const me = await call('auth.me', {});
      set({ user: me.user, mode: me.mode, mustChangePassword: me.mustChangePassword, mustEnrollTwoFactor: me.mustEnrollTwoFactor });
    } catch {
      /* the unauthenticated handler signs the window out */
    }
  },

  async signOut() {
    try {
      await call('auth.logout', {});
    } catch {
      /* already gone on the server: signing out locally is what matters */
    }
    setSessionToken(null);
    set({ status: 'signedOut', user: null, mode: null, error: null, notice: null, challenge: null, mustChangePassword: false, mustEnrollTwoFactor: false });
  },

  async restore() {
    if (transportKind() === 'bridge' && !sessionToken()) {
      set({ status: 'signedOut' });
      return;
    }
    try {
      const me = await call('auth.me', {});
      set({ status: 'signedIn', user: me.user, mode: me.mode, mustChangePassword: me.mustChangePassword, mustEnrollTwoFactor: me.mustEnrollTwoFactor });
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

async function signedIn(res: SignedIn): Promise<void> {
  // In Electron the main process keeps the session; the renderer never holds it there.
  if (transportKind() === 'bridge') setSessionToken(res.sessionToken);
  let mode: Mode | null = null;
  try {
    mode = (await call('auth.me', {})).mode;
  } catch {
    mode = null;
  }
  useSession.setState({
    status: 'signedIn', user: res.user, mode, error: null, challenge: null,
    mustChangePassword: res.mustChangePassword, mustEnrollTwoFactor: res.mustEnrollTwoFactor,
  });
}

onUnauthenticated((err) => {
  if (useSession.getState().status !== 'signedIn') return;
  setSessionToken(null);
  // Signed out from Settings → Security (by this operator elsewhere, or an admin): the core says who and when.
  const revoked = typeof (err.details as { revokedBy?: unknown } | undefined)?.revokedBy === 'string';
  useSession.setState({ status: 'signedOut', user: null, notice: revoked ? err.message : 'Your session has ended. Sign in again to continue.' });
});
