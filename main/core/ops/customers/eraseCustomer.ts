import { toDbInstant } from '../../../../shared/time';
import { operation } from '../operation';
import { runMutation } from '../runMutation';
import { customerColumns, toCustomer, type CustomerRow } from './customerRows';
import { lockLiveCustomer } from './mergeCustomers';

/** Names that say what happened, where the columns must hold something. */
const ERASED = { given: 'Erased', family: 'Traveller', first: 'Erased', last: 'Customer' };
/** date_of_birth is required: a date no one alive was born on stands in for it. */
const NO_BIRTH_DATE = '1900-01-01';

/**
 * A customer's personal data erased at their request: the profile's name, email, phone and
 * state; every traveller on their bookings and among their saved ones (names, birth date,
 * passport, known-traveller number); their remarks' text; the address on their emails; and their
 * watches. The bookings, items, payments and invoices stay, as the accounts must keep them, now
 * naming "Erased Customer". Every change is an UPDATE the change-log triggers carry to every
 * device, so each console's copy forgets the same data at its next pull.
 */
export const eraseCustomer = operation('customers.erase', async (ctx, input) => {
  const result = await runMutation(ctx, async (tx) => {
    const customer = await lockLiveCustomer(tx, input.customerId, 'customerId');
    const id = customer.id;
    const at = toDbInstant(ctx.now());
    const email = `erased-${id}@tripdesk.invalid`;
    await tx.run(
      `UPDATE users SET email = ?, first_name = ?, last_name = ?, phone = NULL, state_code = NULL, erased_at_utc = ?, updated_at_utc = ?, row_version = row_version + 1
        WHERE id = ?`, [email, ERASED.first, ERASED.last, at, at, id]);
    const anonymous = `given_names = ?, family_name = ?, date_of_birth = ?, gender = NULL, known_traveller_number = NULL,
      passport_number = NULL, passport_country = NULL, passport_expiry = NULL, row_version = row_version + 1`;
    const travellers = await tx.run(`UPDATE customer_travellers SET ${anonymous}, updated_at_utc = ? WHERE user_id = ?`,
      [ERASED.given, ERASED.family, NO_BIRTH_DATE, at, id]);
    const bookingTravellers = await tx.run(`UPDATE booking_travellers SET ${anonymous} WHERE booking_id IN (SELECT b.id FROM bookings b WHERE b.user_id = ?)`,
      [ERASED.given, ERASED.family, NO_BIRTH_DATE, id]);
    const remarks = await tx.run("UPDATE customer_remarks SET remark_text = '[erased at the customer''s request]' WHERE user_id = ?", [id]);
    const messages = await tx.run('UPDATE messages SET to_address = ?, updated_at_utc = ?, row_version = row_version + 1 WHERE user_id = ?', [email, at, id]);
    const row = await tx.get<CustomerRow>(`SELECT ${customerColumns(tx)} FROM users WHERE id = ?`, [id]);
    return {
      customer: toCustomer(row!),
      counts: { travellers: travellers.affectedRows, bookingTravellers: bookingTravellers.affectedRows, remarks: remarks.affectedRows, messages: messages.affectedRows },
    };
  }, (r) => ({ entity: 'customer', entityId: String(r.customer.id), summary: `erased customer ${r.customer.id}'s personal data: ${input.reason}` }));
  const watches = await ctx.engine.docs.forgetCustomerWatches(result.customer.id);
  return { customer: result.customer, erased: { ...result.counts, watches } };
});
