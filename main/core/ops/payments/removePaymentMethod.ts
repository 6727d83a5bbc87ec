import { ContractError } from '../../../../shared/contract';
import { runMutation } from '../runMutation';
import { operation } from '../operation';

/** Marked removed rather than deleted: past bookings' billing rows still point at the card. */
export const removePaymentMethod = operation('paymentMethods.remove', async (ctx, input) => {
  return runMutation(ctx, async (tx) => {
    const res = await tx.run('UPDATE payment_methods SET removed = 1, row_version = row_version + 1 WHERE id = ? AND removed = 0', [input.paymentMethodId]);
    if (res.affectedRows === 0) throw new ContractError('NOT_FOUND', `No saved payment method ${input.paymentMethodId}.`);
    return { ok: true as const };
  }, () => ({ entity: 'paymentMethod', entityId: String(input.paymentMethodId), summary: 'removed saved card' }));
});
