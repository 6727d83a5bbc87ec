import { toDbInstant } from '../../../../shared/time';
import { insertRow } from '../insertRow';
import { operation } from '../operation';
import { runMutation } from '../runMutation';
import { loadCustomerRemarks } from '../bookings/bookingRemarks';
import { loadCustomer } from './customerRows';

/** A remark on a customer's profile, after the ones before it, signed by the agent. */
export const addCustomerRemark = operation('customers.addRemark', async (ctx, input) =>
  runMutation(ctx, async (tx) => {
    await loadCustomer(tx, input.customerId);
    const id = await insertRow(tx, ctx, 'customer_remarks', {
      user_id: input.customerId, remark_text: input.text, created_by_admin_id: ctx.operator?.id ?? null, created_at_utc: toDbInstant(ctx.now()),
    });
    const [remark] = await loadCustomerRemarks(tx, input.customerId, id);
    if (!remark) throw new Error(`customer remark ${id} vanished inside its own transaction`);
    return remark;
  }, (remark) => ({ entity: 'customer', entityId: String(remark.customerId), summary: 'added a remark' })));
