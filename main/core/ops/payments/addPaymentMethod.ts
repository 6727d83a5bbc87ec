import { ContractError } from '../../../../shared/contract';
import { toDbInstant } from '../../../../shared/time';
import { runMutation } from '../runMutation';
import { saveCardToken } from './paymentMethodRows';
import { operation } from '../operation';

/** Saves a card for the customer's next bookings (dispatch has usually swapped it for a token already). */
export const addPaymentMethod = operation('paymentMethods.add', async (ctx, input) => {
  const card = input.token ?? (input.card ? ctx.payments.tokenize(input.card, ctx.now()) : null);
  if (!card) throw new ContractError('VALIDATION', 'card: enter the card to save.');
  return runMutation(ctx, async (tx) => {
    if (!(await tx.get('SELECT id FROM users WHERE id = ?', [input.customerId]))) {
      throw new ContractError('NOT_FOUND', `No customer ${input.customerId}.`, { field: 'customerId' });
    }
    return saveCardToken(tx, ctx, input.customerId, card, toDbInstant(ctx.now()));
  }, (method) => ({ entity: 'customer', entityId: String(input.customerId), summary: `saved ${method.brand} card ending ${method.last4}` }));
});
