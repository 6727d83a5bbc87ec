import { toDbInstant } from '../../../../shared/time';
import type { SqlValue } from '../../engine/sql';
import { runMutation } from '../runMutation';
import { emailTaken, loadCustomer, requireKnownState } from './customerRows';
import { operation } from '../operation';

/**
 * A partial edit: a field left out keeps its value; `phone: null` / `stateCode: null` clear it.
 * An edit that names no field changes nothing (no row_version bump) and returns the customer.
 */
export const updateCustomer = operation('customers.update', async (ctx, input) => {
  const email = input.email?.toLowerCase();
  const sets: string[] = [];
  const params: SqlValue[] = [];
  const changed: string[] = [];
  const set = (column: string, field: string, value: SqlValue | undefined) => {
    if (value === undefined) return;
    sets.push(`${column} = ?`);
    params.push(value);
    changed.push(field);
  };
  set('email', 'email', email);
  set('first_name', 'firstName', input.firstName);
  set('last_name', 'lastName', input.lastName);
  set('phone', 'phone', input.phone);
  set('state_code', 'stateCode', input.stateCode);

  return runMutation(ctx, async (tx) => {
    const current = await loadCustomer(tx, input.customerId);
    if (sets.length === 0) return current;
    if (email !== undefined && await tx.get('SELECT id FROM users WHERE email = ? AND id <> ?', [email, input.customerId])) throw emailTaken(email);
    await requireKnownState(tx, input.stateCode);
    try {
      await tx.run(
        `UPDATE users SET ${sets.join(', ')}, updated_at_utc = ?, row_version = row_version + 1 WHERE id = ?`,
        [...params, toDbInstant(ctx.now()), input.customerId]);
    } catch (err) {
      if (email !== undefined && tx.isDuplicate(err)) throw emailTaken(email);
      throw err;
    }
    return loadCustomer(tx, input.customerId);
  }, (customer) => (changed.length > 0 ? { entity: 'customer', entityId: String(customer.id), summary: `updated ${changed.join(', ')}` } : null));
});
