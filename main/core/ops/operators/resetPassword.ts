import { ContractError } from '../../../../shared/contract';
import { toDbInstant } from '../../../../shared/time';
import { hashPassword } from '../auth/passwords';
import { runMutation } from '../runMutation';
import { loadOperator } from './operatorRows';
import { operation } from '../operation';

/**
 * An admin sets a temporary password the operator must change at their next sign-in (that session
 * may do nothing else); their sessions end now on this console, and within OPERATOR_RECHECK_MS on
 * the others. `clearTwoFactor` turns their two-factor off too, for a lost phone (an admin then sets it up again at sign-in).
 */
export const resetPassword = operation('operators.resetPassword', async (ctx, input) => {
  if (ctx.operator?.id === input.operatorId) {
    throw new ContractError('VALIDATION', 'operatorId: change your own password with auth.changePassword, which asks for the current one.');
  }
  const fresh = await hashPassword(input.temporaryPassword, ctx.config.passwordCost);
  const op = await runMutation(ctx, async (tx) => {
    const twoFactor = input.clearTwoFactor ? ', totp_secret = NULL, totp_enabled = 0, totp_recovery_hashes = NULL, totp_last_step = NULL' : '';
    const res = await tx.run(
      `UPDATE admins SET password_hash = ?, must_change_password = 1${twoFactor}, updated_at_utc = ?, row_version = row_version + 1 WHERE id = ?`,
      [fresh, toDbInstant(ctx.now()), input.operatorId]);
    if (res.affectedRows === 0) throw new ContractError('NOT_FOUND', `No operator ${input.operatorId}.`);
    return loadOperator(tx, input.operatorId);
  }, (op) => ({ entity: 'operator', entityId: String(op.id), summary: `password reset by an admin (change required at next sign-in)${input.clearTwoFactor ? '; two-factor turned off' : ''}` }));
  ctx.sessions.closeFor(input.operatorId);
  return op;
});
