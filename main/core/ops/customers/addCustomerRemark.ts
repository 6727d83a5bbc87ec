import { ContractError } from '../../../../shared/contract';
import { fromDbInstant, toDbInstant } from '../../../../shared/time';
import { insertRow } from '../insertRow';
import { operation } from '../operation';
import { runMutation } from '../runMutation';

/**
 * A remark on a customer's profile, after the ones before it, signed by the agent. The foreign key
 * says whether the customer is there and the answer is the row as written: a field visit replays
 * a remark per customer, and a SELECT before and after would be two more round trips each.
 */
export const addCustomerRemark = operation('customers.addRemark', async (ctx, input) =>
  runMutation(ctx, async (tx) => {
    const at = toDbInstant(ctx.now());
    const authorId = ctx.operator?.id ?? null;
    let id: number;
    try {
      id = await insertRow(tx, ctx, 'customer_remarks', { user_id: input.customerId, remark_text: input.text, created_by_admin_id: authorId, created_at_utc: at });
    } catch (err) {
      if (tx.isMissingReference(err)) throw new ContractError('NOT_FOUND', `No customer ${input.customerId}.`, { customerId: input.customerId });
      throw err;
    }
    return {
      id, customerId: input.customerId, text: input.text, authorId, authorName: ctx.operator?.name ?? null, atUtc: fromDbInstant(at), provisional: ctx.engine.provisional,
    };
  }, (remark) => ({ entity: 'customer', entityId: String(remark.customerId), summary: 'added a remark' })));
