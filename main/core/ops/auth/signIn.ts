import { hostname } from 'node:os';
import { ContractError } from '../../../../shared/contract';
import { writeAudit } from '../audit/audit';
import type { ServiceContext } from '../context';
import { dummyHash, hashPassword, meetsCost, needsRehash, verifyPassword } from './passwords';
import type { ThrottleReport } from './signInThrottle';
import { operation } from '../operation';
import { loadCredentials, openSession, twoFactorOn, type CredentialRow } from './credentials';

type AdminRow = CredentialRow;

/**
 * Checks the password without telling, by its timing, which emails are operators: an unknown or
 * deactivated account is checked against a dummy hash at the configured cost, the same scrypt work
 * as a wrong password against a current hash. A wrong password against a stored hash below that
 * cost (an older hash, or none that parses) also pays the configured cost, so such an account is
 * not the quick answer either.
 */
async function checkPassword(ctx: ServiceContext, password: string, row: AdminRow | undefined): Promise<boolean> {
  const cost = ctx.config.passwordCost;
  if (!row || Number(row.active) !== 1) return verifyPassword(password, dummyHash(cost));
  const right = await verifyPassword(password, row.password_hash);
  if (!right && !meetsCost(row.password_hash, cost)) await verifyPassword(password, dummyHash(cost));
  return right;
}

/**
 * After a right password: a hash made at less than the configured cost is replaced by one at that
 * cost, on the engine that answered (MySQL online, whence devices pull it; the device's copy
 * offline). Only if nobody changed the hash meanwhile; the operator's row_version stays (a
 * re-hash is no edit a queued change should conflict with). A failed write leaves the old hash,
 * still valid, for the next sign-in to raise.
 */
async function raiseHashCost(ctx: ServiceContext, row: AdminRow, password: string): Promise<void> {
  if (!needsRehash(row.password_hash, ctx.config.passwordCost)) return;
  try {
    const fresh = await hashPassword(password, ctx.config.passwordCost);
    await ctx.engine.sql.run('UPDATE admins SET password_hash = ? WHERE id = ? AND password_hash = ?', [fresh, row.id, row.password_hash]);
  } catch {
    // The sign-in stands: the password was right; the next one tries again.
  }
}

/** Repeated throttling of an account goes to the audit trail, where supervisors read it (entity 'operator'). */
async function recordThrottling(ctx: ServiceContext, email: string, r: ThrottleReport): Promise<void> {
  await writeAudit(ctx, 'operator', String(r.operatorId),
    `sign-in throttled on console ${hostname()} (${ctx.origin}): ${r.attempts} failed attempts in a row for ${email} `
    + `(${r.wrong} wrong passwords, ${r.refused} refused while waiting); next attempt allowed in ${r.retryAfterS} s`);
}

/**
 * An operator with two-factor on gets a challenge instead of a session: the second step
 * (auth.loginSecondFactor) takes the code. Wrong guesses are throttled per email on this console (ops/auth/signInThrottle.ts): the attempt
 * is counted before the account is read, so parallel guesses wait like sequential ones, and a
 * throttled attempt answers RATE_LIMITED with `retryAfterS`, the right password included; after
 * the wait the right password signs in. Never a hard lock, and never on another console.
 * The account comes from the current engine: MySQL online, the device's pulled copy offline;
 * a deactivated operator cannot sign in on either.
 */
export const signIn = operation('auth.login', async (ctx, input) => {
  const email = input.email.trim().toLowerCase();
  const admission = ctx.sessions.signInThrottle.admit(email);
  if (!admission.allowed) {
    if (admission.audit) await recordThrottling(ctx, email, admission.audit);
    throw new ContractError('RATE_LIMITED', `Too many failed sign-ins for this account on this console; try again in ${admission.retryAfterS} s.`,
      { retryAfterS: admission.retryAfterS });
  }
  const { attempt } = admission;
  let row: AdminRow | undefined;
  try {
    row = await loadCredentials(ctx, { email });
  } catch (err) {
    // Not judged (the store is out of reach; the call may be re-run offline): it does not count.
    attempt.abandoned();
    throw err;
  }
  const right = await checkPassword(ctx, input.password, row);
  if (!row || !right) {
    const report = attempt.failed(row ? Number(row.id) : null);
    if (report) await recordThrottling(ctx, email, report);
    throw new ContractError('UNAUTHENTICATED', 'Email or password is wrong.');
  }
  await raiseHashCost(ctx, row, input.password);
  if (twoFactorOn(row)) {
    // Half-way: the streak goes on until the code is right too (auth.loginSecondFactor counts wrong codes in it).
    attempt.abandoned();
    const { challenge, expiresAt } = ctx.sessions.challenge(Number(row.id), email);
    return { status: 'secondFactor' as const, challenge, expiresAtUtc: new Date(expiresAt).toISOString() };
  }
  attempt.succeeded();
  return openSession(ctx, row);
});
