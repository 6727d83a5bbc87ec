import { operation } from '../operation';
import { loadCustomerRemarks } from '../bookings/bookingRemarks';
import { loadCustomer } from './customerRows';

/** A customer made offline keeps answering to its local id after it synced (the profile may still show it). */
export const listCustomerRemarks = operation('customers.remarks', async (ctx, input) => {
  const synced = input.customerId < 0 && ctx.sync ? await ctx.sync.serverIdOf('users', input.customerId) : null;
  const id = synced ?? input.customerId;
  await loadCustomer(ctx.engine.sql, id);
  return loadCustomerRemarks(ctx.engine.sql, id);
});
