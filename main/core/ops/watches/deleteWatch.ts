import { ContractError } from '../../../../shared/contract';
import { runMutation } from '../runMutation';
import { operation } from '../operation';

/** Removing a watch (or dismissing a hit). A watch already gone is NOT_FOUND; a repeat of the same op gets its first answer. */
export const deleteWatch = operation('watches.delete', async (ctx, input) => {
  return runMutation(ctx, async (tx) => {
    if (!(await ctx.engine.docs.within(tx).watches.deleteWatch(input.watchId))) {
      throw new ContractError('NOT_FOUND', `No watch ${input.watchId}.`, { field: 'watchId' });
    }
    return { ok: true as const };
  }, () => ({ entity: 'watch', entityId: input.watchId, summary: 'watch removed' }));
});
