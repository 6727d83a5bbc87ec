import { randomBytes } from 'node:crypto';
import type { Role, SessionUser } from '../../../../shared/contract';
import { SignInThrottle } from './signInThrottle';

/** What a session must do before anything else: change its password (after a reset), or set up two-factor (an admin without it). */
export type Restriction = 'changePassword' | 'enrollTwoFactor';

/** Where a session was signed in on this console: its own window (IPC) or a browser on the loopback web bridge. */
export type SignedInVia = 'window' | 'browser';

interface Session {
  /** Names the session in auth.sessions.list and .revoke; the token never leaves the console. */
  id: string;
  user: SessionUser;
  via: SignedInVia;
  startedAt: number;
  lastActiveAt: number;
  expiresAt: number;
  restriction: Restriction | null;
}

/** A session as auth.sessions.list shows it. */
export interface SessionSummary {
  id: string;
  user: SessionUser;
  via: SignedInVia;
  startedAt: number;
  lastActiveAt: number;
  expiresAt: number;
  token: string;
}

/** A right password waiting for its second factor (auth.loginSecondFactor). */
export interface Challenge {
  operatorId: number;
  email: string;
  expiresAt: number;
}

/** How long the second step of a sign-in may take. */
export const CHALLENGE_MS = 5 * 60_000;

/** An operator as the store of record (the current engine's `admins` table) has them. */
export interface StoredOperator {
  id: number;
  email: string;
  name: string;
  role: Role;
  active: boolean;
  /** Set by operators.resetPassword: sessions that have not changed it since end. */
  mustChangePassword?: boolean;
}

/** How long this console trusts what the store said about an operator before asking again. */
export const OPERATOR_RECHECK_MS = 5_000;

interface Check {
  at: number;
  operator: Promise<StoredOperator | null>;
}

/**
 * Signed-in operators, in memory: a restart signs everyone out, which is what a desk console wants.
 *
 * A session names its operator, but the store of record decides what they may do: another console
 * may deactivate or demote them at any time. `current` re-reads the operator from the store at
 * most every OPERATOR_RECHECK_MS per operator (one read serves every session and every call of
 * that operator meanwhile), ends their sessions once they are deactivated, and applies a changed
 * role or name.
 */
export class SessionBook {
  private readonly sessions = new Map<string, Session>();
  private readonly checks = new Map<number, Check>();
  private readonly challenges = new Map<string, Challenge>();
  /**
   * Sessions ended with auth.sessions.revoke, for the rest of the time they would have lived: the
   * window still holding such a token is told who ended it, instead of a bare "sign in first".
   */
  private readonly revoked = new Map<string, { by: string; at: number; until: number }>();
  /** This console's sign-in throttling (per email). */
  readonly signInThrottle: SignInThrottle;

  constructor(private readonly ttlMs: number, private readonly now: () => number = Date.now) {
    this.signInThrottle = new SignInThrottle(now);
  }

  /** A new session for an operator the store has just vouched for (signIn read them). */
  open(user: SessionUser, restriction: Restriction | null = null, via: SignedInVia = 'window'): { token: string; expiresAt: number } {
    const token = randomBytes(32).toString('base64url');
    const now = this.now();
    const expiresAt = now + this.ttlMs;
    this.sessions.set(token, { id: randomBytes(12).toString('hex'), user, via, startedAt: now, lastActiveAt: now, expiresAt, restriction });
    this.checks.set(user.id, { at: now, operator: Promise.resolve({ ...user, active: true, mustChangePassword: restriction === 'changePassword' }) });
    return { token, expiresAt };
  }

  /** What the session must do first, if anything (dispatch allows only the channels for it). */
  restrictionOf(token: string): Restriction | null {
    return this.sessions.get(token)?.restriction ?? null;
  }

  /** The session did what it had to (a new password, two-factor set up); `next` is what it must do now, if anything. */
  setRestriction(token: string, next: Restriction | null): void {
    const s = this.sessions.get(token);
    if (!s) return;
    s.restriction = next;
    if (next === null) this.checks.delete(s.user.id);
  }

  /** The id auth.sessions.list shows for this session. */
  idOf(token: string): string | null {
    return this.sessions.get(token)?.id ?? null;
  }

  /** Live sessions on this console, of one operator or (null) of everyone, oldest first. */
  list(operatorId: number | null): SessionSummary[] {
    const now = this.now();
    const out: SessionSummary[] = [];
    for (const [token, s] of this.sessions) {
      if (s.expiresAt <= now) continue;
      if (operatorId === null || s.user.id === operatorId) {
        out.push({ id: s.id, user: s.user, via: s.via, startedAt: s.startedAt, lastActiveAt: s.lastActiveAt, expiresAt: s.expiresAt, token });
      }
    }
    return out.sort((a, b) => a.startedAt - b.startedAt);
  }

  /** Ends every session of an operator on this console but `keep` (their password changed). */
  closeOthers(operatorId: number, keep: string | null): void {
    for (const [token, s] of this.sessions) if (s.user.id === operatorId && token !== keep) this.sessions.delete(token);
  }

  /** A right password waiting for its code: the challenge the second step names. */
  challenge(operatorId: number, email: string): { challenge: string; expiresAt: number } {
    const now = this.now();
    for (const [k, c] of this.challenges) if (c.expiresAt <= now) this.challenges.delete(k);
    const challenge = randomBytes(32).toString('base64url');
    const expiresAt = now + CHALLENGE_MS;
    this.challenges.set(challenge, { operatorId, email, expiresAt });
    return { challenge, expiresAt };
  }

  /** The challenge's sign-in, if it is still open. */
  pending(challenge: string): Challenge | null {
    const c = this.challenges.get(challenge);
    if (!c) return null;
    if (c.expiresAt <= this.now()) {
      this.challenges.delete(challenge);
      return null;
    }
    return c;
  }

  /** The second step succeeded: a challenge is good for one session. */
  settle(challenge: string): void {
    this.challenges.delete(challenge);
  }

  /**
   * The session's operator as the store has them now (read through `read` unless this console
   * read them under OPERATOR_RECHECK_MS ago), sliding the session's expiry forward; null when the
   * session is unknown or expired, or its operator is gone or deactivated (their sessions end).
   * A failed read throws (the caller says OFFLINE) and is not remembered.
   */
  async current(token: string, read: (operatorId: number) => Promise<StoredOperator | null>): Promise<SessionUser | null> {
    const s = this.live(token);
    if (!s) return null;
    const id = s.user.id;
    const stored = await this.check(id, read);
    if (!stored || !stored.active) {
      this.closeFor(id);
      return null;
    }
    // A reset on any console: sessions signed in before it end (the new one is the restricted one).
    if (stored.mustChangePassword && s.restriction !== 'changePassword') {
      this.closeFor(id);
      return null;
    }
    // Signed out (or out everywhere) while the store was read.
    if (this.sessions.get(token) !== s) return null;
    if (stored.role !== s.user.role || stored.name !== s.user.name || stored.email !== s.user.email) {
      s.user = { id, email: stored.email, name: stored.name, role: stored.role };
    }
    return s.user;
  }

  /** The session's operator as it was signed in (no store read), sliding its expiry forward; null when unknown or expired. */
  touch(token: string): SessionUser | null {
    return this.live(token)?.user ?? null;
  }

  close(token: string): void {
    this.sessions.delete(token);
  }

  /** Ends a session on someone's say (`by`: "you, from another session" or "admin@…"), remembering who for its holder. */
  revoke(token: string, by: string): void {
    const s = this.sessions.get(token);
    if (!s) return;
    this.sessions.delete(token);
    const now = this.now();
    for (const [k, r] of this.revoked) if (r.until <= now) this.revoked.delete(k);
    this.revoked.set(token, { by, at: now, until: s.expiresAt });
  }

  /** Who ended this token's session with auth.sessions.revoke, and when; null if nobody did (or long ago). */
  revokedBy(token: string): { by: string; at: number } | null {
    const r = this.revoked.get(token);
    if (!r || r.until <= this.now()) return null;
    return { by: r.by, at: r.at };
  }

  /** Sign an operator out everywhere on this console (deactivated, role changed); their next read goes to the store. */
  closeFor(operatorId: number): void {
    for (const [token, s] of this.sessions) if (s.user.id === operatorId) this.sessions.delete(token);
    this.checks.delete(operatorId);
  }

  private live(token: string): Session | null {
    const s = this.sessions.get(token);
    if (!s) return null;
    const now = this.now();
    if (s.expiresAt <= now) {
      this.sessions.delete(token);
      return null;
    }
    s.expiresAt = now + this.ttlMs;
    s.lastActiveAt = now;
    return s;
  }

  private check(id: number, read: (operatorId: number) => Promise<StoredOperator | null>): Promise<StoredOperator | null> {
    const now = this.now();
    const known = this.checks.get(id);
    if (known && now - known.at < OPERATOR_RECHECK_MS && now >= known.at) return known.operator;
    const entry: Check = { at: now, operator: read(id) };
    this.checks.set(id, entry);
    entry.operator.catch(() => {
      if (this.checks.get(id) === entry) this.checks.delete(id);
    });
    // Operators who stopped calling are not kept.
    if (this.checks.size > 1_000) {
      for (const [k, c] of this.checks) if (now - c.at >= OPERATOR_RECHECK_MS) this.checks.delete(k);
    }
    return entry.operator;
  }
}
