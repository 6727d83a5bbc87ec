import { ContractError } from '../../../../shared/contract';
import { toDbInstant } from '../../../../shared/time';
import { runMutation } from '../runMutation';
import { keepAnActiveAdmin, loadOperator } from './operatorRows';
import { operation } from '../operation';

/** Kept, not deleted (bookings and the audit trail name who made them); their sessions end now. The last active admin is never deactivated (CONFLICT). */
export const deactivateOperator = operation('operators.deactivate', async (ctx, input) => {
  if (ctx.operator?.id === input.operatorId) throw new ContractError('VALIDATION', 'operatorId: you cannot deactivate yourself.');
  const op = await runMutation(ctx, async (tx) => {
    await keepAnActiveAdmin(tx, input.operatorId, false, `deactivate operator ${input.operatorId}`);
    const res = await tx.run('UPDATE admins SET active = 0, updated_at_utc = ?, row_version = row_version + 1 WHERE id = ?',
      [toDbInstant(ctx.now()), input.operatorId]);
    if (res.affectedRows === 0) throw new ContractError('NOT_FOUND', `No operator ${input.operatorId}.`);
    return loadOperator(tx, input.operatorId);
  }, (op) => ({ entity: 'operator', entityId: String(op.id), summary: 'deactivated' }));
  ctx.sessions.closeFor(input.operatorId);
  return op;
});
