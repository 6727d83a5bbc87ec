import { ContractError } from '../../../../shared/contract';
import { writeAudit } from '../audit/audit';
import { operation } from '../operation';

/** Settles an offline change the server refused; dropping one needs a reason, for the audit trail. */
export const resolveSyncInbox = operation('sync.inbox.resolve', async (ctx, input) => {
  if (!ctx.sync) throw new ContractError('NOT_FOUND', `Nothing waiting with opId ${input.opId}.`);
  if (input.action === 'discard' && !input.reason) throw new ContractError('VALIDATION', 'reason: say why the change is dropped.');
  const item = await ctx.sync.resolve(input);
  await writeAudit(ctx, 'outbox', input.opId, input.action === 'discard' ? `discarded offline ${item.kind}: ${input.reason ?? ''}` : `${input.action} offline ${item.kind}`);
  return item;
});
