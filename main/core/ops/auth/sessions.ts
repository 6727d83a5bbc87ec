import { randomBytes } from 'node:crypto';
import type { SessionUser } from '../../../../shared/contract';

interface Session {
  user: SessionUser;
  expiresAt: number;
}

/** Signed-in operators, in memory: a restart signs everyone out, which is what a desk console wants. */
export class SessionBook {
  private readonly sessions = new Map<string, Session>();
  constructor(private readonly ttlMs: number, private readonly now: () => number = Date.now) {}

  open(user: SessionUser): { token: string; expiresAt: number } {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = this.now() + this.ttlMs;
    this.sessions.set(token, { user, expiresAt });
    return { token, expiresAt };
  }

  /** The session's operator, sliding its expiry forward; null when unknown or expired. */
  touch(token: string): SessionUser | null {
    const s = this.sessions.get(token);
    if (!s) return null;
    if (s.expiresAt <= this.now()) {
      this.sessions.delete(token);
      return null;
    }
    s.expiresAt = this.now() + this.ttlMs;
    return s.user;
  }

  close(token: string): void {
    this.sessions.delete(token);
  }

  /** Sign an operator out everywhere (deactivated, role changed). */
  closeFor(operatorId: number): void {
    for (const [token, s] of this.sessions) if (s.user.id === operatorId) this.sessions.delete(token);
  }
}
