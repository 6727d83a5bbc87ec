import type { ChannelArgs, ChannelOutput } from '../../../../shared/contract';
import { toDbInstant } from '../../../../shared/time';
import type { ServiceContext } from '../context';
import { insertRow } from '../insertRow';
import { runMutation } from '../runMutation';
import { emailTaken, isUniqueViolation, requireKnownState, toCustomer } from './customerRows';

export async function createCustomer(ctx: ServiceContext, input: ChannelArgs<'customers.create'>): Promise<ChannelOutput<'customers.create'>> {
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
      if (isUniqueViolation(err)) throw emailTaken(email);
      throw err;
    }
    // The row as written (reading it back would be one more round trip).
    return toCustomer({ id, ...row, provisional: ctx.engine.provisional ? 1 : 0 });
  }, (customer) => ({ entity: 'customer', entityId: String(customer.id), summary: `created customer ${customer.email}` }));
}
