import { toDbInstant } from '../../../../shared/time';
import { insertRow } from '../insertRow';
import { runMutation } from '../runMutation';
import { emailTaken, requireKnownState, toCustomer } from './customerRows';
import { operation } from '../operation';

export const createCustomer = operation('customers.create', async (ctx, input) => {
  // Emails are compared lower-case; MySQL's collation would agree, SQLite's would not.
  const email = input.email.toLowerCase();
  return runMutation(ctx, async (tx) => {
    await requireKnownState(tx, input.stateCode);
    const at = toDbInstant(ctx.now());
    const row = {
      email, first_name: input.firstName, last_name: input.lastName, phone: input.phone ?? null, state_code: input.stateCode ?? null,
      created_at_utc: at, updated_at_utc: at,
    };
    let id: number;
    try {
      id = await insertRow(tx, ctx, 'users', row);
    } catch (err) {
      // The unique key on email decides (no SELECT first: a replay of many offline customers
      // pays for every round trip), including when another console took it a moment ago.
      if (tx.isDuplicate(err)) throw emailTaken(email);
      throw err;
    }
    // The row as written (reading it back would be one more round trip).
    return toCustomer({ id, ...row, provisional: ctx.engine.provisional ? 1 : 0 });
  }, (customer) => ({ entity: 'customer', entityId: String(customer.id), summary: `created customer ${customer.email}` }));
});
