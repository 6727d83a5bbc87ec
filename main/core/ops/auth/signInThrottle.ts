/**
 * Sign-in throttling for one console, per email: no hard lock, growing delays instead.
 *
 * An attempt is counted when it starts, before the password is read or verified, so guesses sent
 * in parallel are throttled like guesses sent one after another. The first FREE_ATTEMPTS attempts
 * of a streak go through at once; after that each counted attempt makes the next one wait
 * 1 s, 2 s, 4 s … up to MAX_DELAY_MS. The right password after the wait signs in and ends the
 * streak. A streak is forgotten after FORGET_MS without attempts.
 *
 * The state is this console's, in memory: guesses on one console never delay the right password
 * on another (each console throttles its own guesses).
 */

export const FREE_ATTEMPTS = 3;
export const MAX_DELAY_MS = 60_000;
export const FORGET_MS = 15 * 60_000;
/** A streak of this many attempts (checked or refused) is recorded in the audit trail… */
export const AUDIT_AFTER_ATTEMPTS = 10;
/** …and again at most this often while it goes on. */
export const AUDIT_EVERY_MS = 5 * 60_000;
/** Streaks kept at most (each a few numbers); beyond it the quietest go first. */
const MAX_STREAKS = 10_000;

/** How long the next attempt waits after `counted` attempts of a streak. */
export function delayAfter(counted: number): number {
  if (counted < FREE_ATTEMPTS) return 0;
  return Math.min(MAX_DELAY_MS, 1000 * 2 ** (counted - FREE_ATTEMPTS));
}

interface Streak {
  /** Attempts counted: wrong ones and the ones still being checked. */
  counted: number;
  /** Of those, checked and wrong. */
  wrong: number;
  /** Attempts refused while waiting. */
  refused: number;
  /** When the last counted attempt started. */
  lastAt: number;
  /** The account's id, once an attempt found it (unknown emails have none). */
  operatorId: number | null;
  /** When the streak was last recorded in the audit trail (0: never). */
  auditedAt: number;
}

export type Admission =
  | { allowed: true; attempt: Attempt }
  | { allowed: false; retryAfterS: number; audit: ThrottleReport | null };

/** What the audit trail says about a throttled account. */
export interface ThrottleReport {
  operatorId: number;
  attempts: number;
  wrong: number;
  refused: number;
  retryAfterS: number;
}

/** One counted attempt; exactly one of its outcomes is reported. */
export interface Attempt {
  /** The password was right: the streak ends. */
  succeeded(): void;
  /** The password (or the account) was wrong; returns a report when the audit trail should hear of it. */
  failed(operatorId: number | null): ThrottleReport | null;
  /** The attempt could not be judged (the store was out of reach): it does not count. */
  abandoned(): void;
}

export class SignInThrottle {
  private readonly streaks = new Map<string, Streak>();
  constructor(private readonly now: () => number = Date.now) {}

  /** Called before anything is read: counts the attempt, or refuses it while the streak waits. */
  admit(email: string): Admission {
    const key = email.toLowerCase();
    const now = this.now();
    let s = this.current(key, now);
    if (s && s.counted > 0) {
      const wait = s.lastAt + delayAfter(s.counted) - now;
      if (wait > 0) {
        s.refused += 1;
        const retryAfterS = Math.min(MAX_DELAY_MS / 1000, Math.max(1, Math.ceil(wait / 1000)));
        return { allowed: false, retryAfterS, audit: this.report(s, now, retryAfterS) };
      }
    }
    if (!s) {
      s = { counted: 0, wrong: 0, refused: 0, lastAt: now, operatorId: null, auditedAt: 0 };
      this.remember(key, s);
    }
    s.counted += 1;
    s.lastAt = now;
    const streak = s;
    let settled = false;
    const settle = (): boolean => {
      if (settled) return false;
      settled = true;
      return this.streaks.get(key) === streak;
    };
    return {
      allowed: true,
      attempt: {
        succeeded: () => {
          if (settle()) this.streaks.delete(key);
        },
        failed: (operatorId) => {
          if (!settle()) return null;
          streak.wrong += 1;
          if (operatorId !== null) streak.operatorId = operatorId;
          const at = this.now();
          return this.report(streak, at, Math.ceil(Math.max(0, streak.lastAt + delayAfter(streak.counted) - at) / 1000));
        },
        abandoned: () => {
          if (settle()) streak.counted = Math.max(0, streak.counted - 1);
        },
      },
    };
  }

  private current(key: string, now: number): Streak | undefined {
    const s = this.streaks.get(key);
    if (s && now - s.lastAt >= FORGET_MS) {
      this.streaks.delete(key);
      return undefined;
    }
    return s;
  }

  private remember(key: string, s: Streak): void {
    if (this.streaks.size >= MAX_STREAKS) {
      const now = this.now();
      for (const [k, v] of this.streaks) if (now - v.lastAt >= FORGET_MS) this.streaks.delete(k);
      // Still full: the streak that started longest ago goes (a Map keeps insertion order).
      while (this.streaks.size >= MAX_STREAKS) {
        const oldest = this.streaks.keys().next().value;
        if (oldest === undefined) break;
        this.streaks.delete(oldest);
      }
    }
    this.streaks.set(key, s);
  }

  /** A streak of a known account long enough to be repeated throttling, not yet recorded lately. */
  private report(s: Streak, now: number, retryAfterS: number): ThrottleReport | null {
    if (s.operatorId === null) return null;
    const attempts = s.wrong + s.refused;
    if (attempts < AUDIT_AFTER_ATTEMPTS) return null;
    if (s.auditedAt !== 0 && now - s.auditedAt < AUDIT_EVERY_MS) return null;
    s.auditedAt = now;
    return { operatorId: s.operatorId, attempts, wrong: s.wrong, refused: s.refused, retryAfterS };
  }
}
