import { z } from 'zod';
import { Operator, SessionUser } from './domain';
import { Email, Id, Ok, UtcInstant } from './primitives';
import { mutation, query } from './spec';

/** What a new password must be (operators.create takes the same). */
export const Password = z.string().min(8).max(200);
/** A code from the authenticator app (6 digits) or a recovery code (`XXXX-XXXX-XXXX`). */
const SecondFactorCode = z.string().trim().min(6).max(20);
/** Credentials decide who may sign in on every console: they change on the store of record only. */
const ONLINE_ONLY = { offline: 'online-only' } as const;

export const RECOVERY_CODE_COUNT = 10;

/** Signed in. A session that must change its password or set up two-factor first may only do that (DuringSetup). */
export const SignedIn = z.object({
  status: z.literal('signedIn'),
  sessionToken: z.string(),
  user: SessionUser,
  expiresAtUtc: UtcInstant,
  mustChangePassword: z.boolean(),
  mustEnrollTwoFactor: z.boolean(),
});
export type SignedIn = z.infer<typeof SignedIn>;

/** The password was right; the code from the app (or a recovery code) completes it with `auth.loginSecondFactor`. */
export const SecondFactorRequired = z.object({
  status: z.literal('secondFactor'),
  challenge: z.string(),
  expiresAtUtc: UtcInstant,
});

export const TwoFactorStatus = z.object({
  enabled: z.boolean(),
  /** Enrolled but not yet confirmed with a code. */
  pending: z.boolean(),
  recoveryCodesLeft: z.number().int(),
  /** This operator must have it (admins, unless TRIPDESK_ADMIN_TWO_FACTOR=optional). */
  required: z.boolean(),
});

/** A signed-in session on this console, as its operator (or an admin) sees it; the token itself never leaves main. */
export const SessionInfo = z.object({
  sessionId: z.string(),
  operator: SessionUser,
  /** The console the session is on (TRIPDESK_CONSOLE_NAME, else the machine's host name): sessions live in its memory. */
  consoleName: z.string(),
  /** Its own window, or a browser on the console's loopback web bridge. */
  signedInVia: z.enum(['window', 'browser']),
  startedAtUtc: UtcInstant,
  lastActiveUtc: UtcInstant,
  expiresAtUtc: UtcInstant,
  /** The session making this call. */
  current: z.boolean(),
});

export const CredentialChannels = {
  'auth.login': query('public', z.object({ email: Email, password: z.string().min(1).max(200) }),
    z.discriminatedUnion('status', [SignedIn, SecondFactorRequired])),
  /** Completes a sign-in that answered `secondFactor`; a challenge lasts 5 minutes. Recovery codes need the store of record (not offline). */
  'auth.loginSecondFactor': query('public', z.object({ challenge: z.string().min(16).max(100), code: SecondFactorCode }), SignedIn),
  'auth.logout': query('agent', z.object({}), Ok, { duringSetup: 'any' }),
  'auth.me': query('agent', z.object({}), z.object({
    user: SessionUser, mode: z.enum(['standalone', 'online', 'offline']), mustChangePassword: z.boolean(), mustEnrollTwoFactor: z.boolean(),
  }), { duringSetup: 'any' }),
  /** Any operator, their own; every other session of theirs on this console ends. */
  'auth.changePassword': mutation('agent', z.object({ currentPassword: z.string().min(1).max(200), newPassword: Password }), Ok, ONLINE_ONLY, { duringSetup: 'any' }),

  'auth.totp.status': query('agent', z.object({}), TwoFactorStatus, { duringSetup: 'twoFactor' }),
  /**
   * A new secret, pending until confirmed (a pending one is replaced). Not a mutation: its answer
   * is the secret, which must never be kept in applied_ops; enrolling twice just gives a new one.
   */
  'auth.totp.enroll': query('agent', z.object({}), z.object({ secret: z.string(), otpauthUri: z.string() }), { needsServer: true, duringSetup: 'twoFactor' }),
  /** A code from the app turns it on and answers the recovery codes, once (kept only hashed; not a mutation for the same reason). */
  'auth.totp.confirm': query('agent', z.object({ code: SecondFactorCode }), z.object({ recoveryCodes: z.array(z.string()) }), { needsServer: true, duringSetup: 'twoFactor' }),
  /** Turns it off with a current code (or a recovery code). An admin who must have it sets it up again at the next sign-in. */
  'auth.totp.disable': mutation('agent', z.object({ code: SecondFactorCode }), TwoFactorStatus, ONLINE_ONLY),

  /** Own sessions on this console; an admin sees everyone's. */
  'auth.sessions.list': query('agent', z.object({}), z.array(SessionInfo)),
  /** Ends a session on this console: one's own, or (admin) anyone's. Audited. Its next call is UNAUTHENTICATED, saying who ended it (`details.revokedBy`). */
  'auth.sessions.revoke': query('agent', z.object({ sessionId: z.string().min(1).max(64) }), Ok),

  /** A temporary password the operator must change at their next sign-in; their sessions end. `clearTwoFactor` for a lost phone. */
  'operators.resetPassword': mutation('admin', z.object({ operatorId: Id, temporaryPassword: Password, clearTwoFactor: z.boolean().default(false) }),
    Operator, ONLINE_ONLY),
};
