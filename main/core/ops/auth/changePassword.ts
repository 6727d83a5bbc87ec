import { ContractError } from '../../../../shared/contract';
import { toDbInstant } from '../../../../shared/time';
import { runMutation } from '../runMutation';
import { operation } from '../operation';
import { requireOperator } from '../context';
import { loadCredentials, twoFactorOn, twoFactorRequired } from './credentials';
import { hashPassword, verifyPassword } from './passwords';

/**
 * An operator's own new password, given the current one (after a reset: the temporary one). It
 * clears the forced change; the operator's other sessions on this console end (the one that
 * changed it stays). Online only: the store of record holds the hash every console checks.
 */
export const changePassword = operation('auth.changePassword', async (ctx, input, token) => {
  const me = requireOperator(ctx);
  const row = await loadCredentials(ctx, { id: me.id });
  if (!row || !(await verifyPassword(input.currentPassword, row.password_hash))) {
    throw new ContractError('VALIDATION', 'currentPassword: that is not your current password.', { field: 'currentPassword' });
  }
  if (input.newPassword === input.currentPassword) {
    throw new ContractError('VALIDATION', 'newPassword: choose a password other than the current one.', { field: 'newPassword' });
  }
  // Hashed before the transaction: scrypt's time holds no lock.
  const fresh = await hashPassword(input.newPassword, ctx.config.passwordCost);
  const result = await runMutation(ctx, async (tx) => {
    const res = await tx.run(
      'UPDATE admins SET password_hash = ?, must_change_password = 0, updated_at_utc = ?, row_version = row_version + 1 WHERE id = ? AND password_hash = ?',
      [fresh, toDbInstant(ctx.now()), me.id, row.password_hash]);
    if (res.affectedRows === 0) throw new ContractError('CONFLICT', 'Your password was changed elsewhere meanwhile; sign in again.');
    return { ok: true as const };
  }, () => ({ entity: 'operator', entityId: String(me.id), summary: Number(row.must_change_password) === 1 ? 'changed their password after a reset' : 'changed their password' }));
  ctx.sessions.closeOthers(me.id, token);
  if (token && ctx.sessions.restrictionOf(token) === 'changePassword') {
    ctx.sessions.setRestriction(token, twoFactorRequired(ctx, row.role) && !twoFactorOn(row) ? 'enrollTwoFactor' : null);
  }
  return result;
});
