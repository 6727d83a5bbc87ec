import type { ChannelArgs, ChannelOutput } from '../../../../shared/contract';
import { toDbInstant } from '../../../../shared/time';
import { writeAudit } from '../audit';
import type { ServiceContext } from '../context';
import { runMutation } from '../mutation';
import { emailTaken, isUniqueViolation, loadCustomer, requireKnownState } from './customerRows';

export async function createCustomer(ctx: ServiceContext, input: ChannelArgs<'customers.create'>): Promise<ChannelOutput<'customers.create'>> {
  // Emails are compared lower-case; MySQL's collation would agree, SQLite's would not.
  const email = input.email.toLowerCase();
  const customer = await runMutation(ctx, async (tx) => {
    if (await tx.get('SELECT id FROM users WHERE email = ?', [email])) throw emailTaken(email);
    await requireKnownState(tx, input.stateCode);
    const at = toDbInstant(ctx.now());
    const values = [email, input.firstName, input.lastName, input.phone ?? null, input.stateCode ?? null, at, at];
    let insertId: number;
    try {
      const res = tx.dialect === 'sqlite'
        ? await tx.run(
          'INSERT INTO users (email, first_name, last_name, phone, state_code, created_at_utc, updated_at_utc, provisional) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
          [...values, ctx.engine.provisional ? 1 : 0])
        : await tx.run(
          'INSERT INTO users (email, first_name, last_name, phone, state_code, created_at_utc, updated_at_utc) VALUES (?, ?, ?, ?, ?, ?, ?)',
          values);
      insertId = res.insertId;
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
