import { ContractError } from '../../../../shared/contract';
import { operation } from '../operation';
import { loadCredentials, openSession, takeSecondFactor, twoFactorOn } from './credentials';

/**
 * The second step of a sign-in with two-factor: the code from the app, or a recovery code. Wrong
 * codes count in the account's sign-in streak on this console (ops/auth/signInThrottle.ts), so
 * guessing codes slows down as guessing passwords does. Offline, the code is checked against the
 * device's copy of the operator (the secret sealed with the device's key).
 */
export const signInSecondFactor = operation('auth.loginSecondFactor', async (ctx, input) => {
  const pending = ctx.sessions.pending(input.challenge);
  if (!pending) throw new ContractError('UNAUTHENTICATED', 'This sign-in has expired; enter your email and password again.');
  const admission = ctx.sessions.signInThrottle.admit(pending.email);
  if (!admission.allowed) {
    throw new ContractError('RATE_LIMITED', `Too many wrong codes for this account on this console; try again in ${admission.retryAfterS} s.`,
      { retryAfterS: admission.retryAfterS });
  }
  const { attempt } = admission;
  let right = false;
  let row;
  try {
    row = await loadCredentials(ctx, { id: pending.operatorId });
    right = !!row && Number(row.active) === 1 && twoFactorOn(row) && await takeSecondFactor(ctx, row, input.code);
  } catch (err) {
    attempt.abandoned();
    throw err;
  }
  if (!row || !right) {
    attempt.failed(pending.operatorId);
    throw new ContractError('UNAUTHENTICATED', 'That code is not right (or was used already); enter the current code from your app.');
  }
  attempt.succeeded();
  ctx.sessions.settle(input.challenge);
  return openSession(ctx, row);
});
