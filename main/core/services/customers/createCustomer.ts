import type { ChannelArgs, ChannelOutput } from '../../../../shared/contract';
import { toDbInstant } from '../../../../shared/time';
import { writeAudit } from '../audit';
import type { ServiceContext } from '../context';
import { insertRow } from '../insertRow';
import { runMutation } from '../mutation';
import { emailTaken, isUniqueViolation, loadCustomer, requireKnownState } from './customerRows';

export async function createCustomer(ctx: ServiceContext, input: ChannelArgs<'customers.create'>): Promise<ChannelOutput<'customers.create'>> {
  // Emails are compared lower-case; MySQL's collation would agree, SQLite's would not.
  const email = input.email.toLowerCase();
  const customer = await runMutation(ctx, async (tx) => {
    if (await tx.get('SELECT id FROM users WHERE email = ?', [email])) throw emailTaken(email);
    await requireKnownState(tx, input.stateCode);
    const at = toDbInstant(ctx.now());
    let insertId: number;
    try {
      insertId = await insertRow(tx, ctx, 'users', {
        email, first_name: input.firstName, last_name: input.lastName, phone: input.phone ?? null, state_code: input.stateCode ?? null,
        created_at_utc: at, updated_at_utc: at,
      });
    } catch (err) {
      // Another console took the email between our check and the insert.
      if (isUniqueViolation(err)) throw emailTaken(email);
      throw err;
    }
    return loadCustomer(tx, insertId);
  });
  await writeAudit(ctx, 'customer', String(customer.id), `created customer ${customer.email}`);
  return customer;
}
