import { ContractError, type Role, type SessionUser } from '../../../../shared/contract';
import { verifyPassword } from './passwords';
import { operation } from '../operation';

interface AdminRow {
  id: number; email: string; name: string; role: Role; password_hash: string; active: number;
}

const MAX_FAILURES = 5;
const LOCKOUT_MS = 15 * 60_000;

/**
 * Failed attempts are counted per email in memory; after five the account is locked for
 * 15 minutes, whichever engine (central or the offline copy of the hashes) answers.
 */
const failures = new Map<string, { count: number; lockedUntil: number }>();

export const signIn = operation('auth.login', async (ctx, input) => {
  const email = input.email.toLowerCase();
  const now = ctx.now();
  const f = failures.get(email);
  if (f && f.lockedUntil > now) {
    throw new ContractError('FORBIDDEN', 'Too many failed sign-ins; try again later.', { lockedUntilUtc: new Date(f.lockedUntil).toISOString() });
  }
  const row = await ctx.engine.sql.get<AdminRow>('SELECT id, email, name, role, password_hash, active FROM admins WHERE email = ?', [email]);
  if (!row || row.active !== 1 || !verifyPassword(input.password, row.password_hash)) {
    const count = (f?.count ?? 0) + 1;
    failures.set(email, { count, lockedUntil: count >= MAX_FAILURES ? now + LOCKOUT_MS : 0 });
    throw new ContractError('UNAUTHENTICATED', 'Email or password is wrong.');
  }
  failures.delete(email);
  const user: SessionUser = { id: row.id, email: row.email, name: row.name, role: row.role };
  const { token, expiresAt } = ctx.sessions.open(user);
  return { sessionToken: token, user, expiresAtUtc: new Date(expiresAt).toISOString() };
});
