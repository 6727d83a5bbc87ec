import { ContractError } from '../../../../shared/contract';
import { toDbInstant } from '../../../../shared/time';
import { runMutation } from '../runMutation';
import { keepAnActiveAdmin, loadOperator } from './operatorRows';
import { operation } from '../operation';

/** The operator's open sessions end: they sign in again and get the new role's rights. The last active admin stays one (CONFLICT). */
export const setOperatorRole = operation('operators.setRole', async (ctx, input) => {
  const op = await runMutation(ctx, async (tx) => {
    await keepAnActiveAdmin(tx, input.operatorId, input.role === 'admin', `make operator ${input.operatorId} ${input.role === 'agent' ? 'an agent' : 'a supervisor'}`);
    const res = await tx.run('UPDATE admins SET role = ?, updated_at_utc = ?, row_version = row_version + 1 WHERE id = ?',
      [input.role, toDbInstant(ctx.now()), input.operatorId]);
    if (res.affectedRows === 0) throw new ContractError('NOT_FOUND', `No operator ${input.operatorId}.`);
    return loadOperator(tx, input.operatorId);
  }, (op) => ({ entity: 'operator', entityId: String(op.id), summary: `role set to ${input.role}` }));
  ctx.sessions.closeFor(input.operatorId);
  return op;
});
