import { loadCustomer } from './customerRows';
import { operation } from '../operation';

export const getCustomer = operation('customers.get', async (ctx, input) => {
  return loadCustomer(ctx.engine.sql, input.customerId);
});
