import { randomBytes } from 'node:crypto';
import type { Role, SessionUser } from '../../../../shared/contract';
import { SignInThrottle } from './signInThrottle';

interface Session {
  user: SessionUser;
  expiresAt: number;
}

/** An operator as the store of record (the current engine's `admins` table) has them. */
export interface StoredOperator {
  id: number;
  email: string;
  name: string;
  role: Role;
  active: boolean;
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
  /** This console's sign-in throttling (per email). */
  readonly signInThrottle: SignInThrottle;

  constructor(private readonly ttlMs: number, private readonly now: () => number = Date.now) {
    this.signInThrottle = new SignInThrottle(now);
  }

  /** A new session for an operator the store has just vouched for (signIn read them). */
  open(user: SessionUser): { token: string; expiresAt: number } {
    const token = randomBytes(32).toString('base64url');
    const now = this.now();
    const expiresAt = now + this.ttlMs;
    this.sessions.set(token, { user, expiresAt });
    this.checks.set(user.id, { at: now, operator: Promise.resolve({ ...user, active: true }) });
    return { token, expiresAt };
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
