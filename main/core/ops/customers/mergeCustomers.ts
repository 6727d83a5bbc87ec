import { ContractError, type Customer } from '../../../../shared/contract';
import { toDbInstant } from '../../../../shared/time';
import type { SqlSession } from '../../engine/sql';
import { operation } from '../operation';
import { runMutation } from '../runMutation';
import { customerColumns, toCustomer, type CustomerRow } from './customerRows';

/** Every table whose rows belong to a customer, by what the merge reports them as. */
const OWNED = [
  ['bookings', 'bookings'], ['payments', 'billing'], ['paymentMethods', 'payment_methods'], ['holds', 'flight_seat_holds'],
  ['travellers', 'customer_travellers'], ['remarks', 'customer_remarks'], ['messages', 'messages'],
] as const;

/** A customer as the merge and the erasure find it: there, and neither merged away nor erased. */
export async function lockLiveCustomer(tx: SqlSession, id: number, field: string): Promise<Customer> {
  const row = await tx.get<CustomerRow>(`SELECT ${customerColumns(tx)} FROM users WHERE id = ?${tx.lockForUpdate}`, [id]);
  if (!row) throw new ContractError('NOT_FOUND', `No customer ${id}.`, { field });
  const customer = toCustomer(row);
  if (customer.mergedIntoId) throw new ContractError('CONFLICT', `Customer ${id} was merged into customer ${customer.mergedIntoId}; open that record instead.`, { field, mergedIntoId: customer.mergedIntoId });
  if (customer.erasedAtUtc) throw new ContractError('CONFLICT', `Customer ${id} was erased at their request.`, { field });
  return customer;
}

/**
 * Two records of one person become one: the bookings, payments, cards, holds, saved travellers,
 * remarks and emails of `mergeId` move to `keepId` in one transaction, which also fills the kept
 * record's empty phone and state from the other; the merged record stays, pointing at the kept
 * one (so old links and audit entries still resolve), and leaves searches. Its email is freed for
 * the kept record's future use under another address. The reviews and watches in the document
 * store follow once the transaction has committed (a repeat of the op moves what is left).
 */
export const mergeCustomers = operation('customers.merge', async (ctx, input) => {
  const result = await runMutation(ctx, async (tx) => {
    // Lock in id order, so two merges of the same pair the other way round cannot deadlock.
    const [first, second] = input.keepId < input.mergeId ? [input.keepId, input.mergeId] : [input.mergeId, input.keepId];
    const a = await lockLiveCustomer(tx, first, first === input.keepId ? 'keepId' : 'mergeId');
    const b = await lockLiveCustomer(tx, second, second === input.keepId ? 'keepId' : 'mergeId');
    const [kept, merged] = a.id === input.keepId ? [a, b] : [b, a];
    const moved = { bookings: 0, payments: 0, paymentMethods: 0, holds: 0, travellers: 0, remarks: 0, messages: 0, watches: 0, reviews: 0 };
    for (const [kind, table] of OWNED) {
      moved[kind] = (await tx.run(`UPDATE ${table} SET user_id = ? WHERE user_id = ?`, [kept.id, merged.id])).affectedRows;
    }
    const at = toDbInstant(ctx.now());
    await tx.run(
      `UPDATE users SET phone = COALESCE(phone, ?), state_code = COALESCE(state_code, ?), updated_at_utc = ?, row_version = row_version + 1 WHERE id = ?`,
      [merged.phone, merged.stateCode, at, kept.id]);
    await tx.run(
      `UPDATE users SET merged_into_id = ?, email = ?, updated_at_utc = ?, row_version = row_version + 1 WHERE id = ?`,
      [kept.id, `merged-${merged.id}@tripdesk.invalid`, at, merged.id]);
    const reread = async (id: number) => toCustomer((await tx.get<CustomerRow>(`SELECT ${customerColumns(tx)} FROM users WHERE id = ?`, [id]))!);
    return { kept: await reread(kept.id), merged: await reread(merged.id), moved, mergedEmail: merged.email };
  }, (r) => ({ entity: 'customer', entityId: String(r.kept.id), summary: `merged customer ${r.merged.id} (${r.mergedEmail}) into ${r.kept.id}: ${r.moved.bookings} bookings moved` }));
  const docs = await ctx.engine.docs.moveCustomerDocuments(result.merged.id, result.kept.id);
  return { kept: result.kept, merged: result.merged, moved: { ...result.moved, ...docs } };
});
