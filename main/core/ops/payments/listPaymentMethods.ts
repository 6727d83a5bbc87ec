import { toMethod, type MethodRow } from './paymentMethodRows';
import { operation } from '../operation';

/** The customer's saved cards, oldest first; removed ones are left out. */
export const listPaymentMethods = operation('paymentMethods.list', async (ctx, input) => {
  const rows = await ctx.engine.sql.all<MethodRow>('SELECT * FROM payment_methods WHERE user_id = ? AND removed = 0 ORDER BY id', [input.customerId]);
  return rows.map(toMethod);
});
