import { ContractError } from '../../../../shared/contract';
import { runMutation } from '../runMutation';
import { operation } from '../operation';

/** Marked removed rather than deleted: past bookings' travellers still point at it. */
export const removeTraveller = operation('customers.travellers.remove', async (ctx, input) =>
  runMutation(ctx, async (tx) => {
    const res = await tx.run('UPDATE customer_travellers SET removed = 1, row_version = row_version + 1 WHERE id = ? AND removed = 0', [input.travellerId]);
    if (res.affectedRows === 0) throw new ContractError('NOT_FOUND', `No saved traveller ${input.travellerId}.`, { field: 'travellerId' });
    return { ok: true as const };
  }, () => ({ entity: 'customerTraveller', entityId: String(input.travellerId), summary: 'removed saved traveller' })));
