import { ContractError } from '../../../../shared/contract';
import { toDbInstant } from '../../../../shared/time';
import { runMutation } from '../runMutation';
import { operation } from '../operation';
import { loadHotel, requireState } from './catalogRows';

/**
 * A hotel's details, new or replaced. Taking it off sale (`active: false`) keeps the row: bookings,
 * reviews and history still name it, and it can come back on sale.
 */
export const saveHotel = operation('catalog.hotels.save', async (ctx, input) => {
  let was: boolean | null = null;
  const policy = input.cancellationPolicy;
  return runMutation(ctx, async (tx) => {
    await requireState(tx, input.stateCode);
    // Duplicates collapse and order stays as typed: the screen shows them back the same way.
    const amenities = JSON.stringify([...new Set(input.amenities)]);
    const fields = [input.name, input.address, input.city, input.stateCode, input.starRating, amenities, input.checkInTime, input.checkOutTime, input.active ? 1 : 0, toDbInstant(ctx.now())];
    if (input.hotelId === undefined) {
      const res = await tx.run(
        `INSERT INTO hotels (name, address, city, state_code, star_rating, amenities, check_in_time, check_out_time, active, updated_at_utc, free_cancel_hours, late_fee_pct)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, [...fields, policy?.freeCancelHours ?? null, policy?.lateFeePct ?? null]);
      return loadHotel(tx, res.insertId, ctx.config.refundPolicy);
    }
    const prior = await tx.get<{ active: number }>(`SELECT active FROM hotels WHERE id = ?${tx.lockForUpdate}`, [input.hotelId]);
    if (!prior) throw new ContractError('NOT_FOUND', `No hotel ${input.hotelId}.`, { hotelId: input.hotelId });
    was = Number(prior.active) === 1;
    // Left out, the policy stays as the hotel has it: a form that does not show it cannot clear it.
    const policySet = policy === undefined ? '' : ', free_cancel_hours = ?, late_fee_pct = ?';
    const policyValues = policy === undefined ? [] : [policy?.freeCancelHours ?? null, policy?.lateFeePct ?? null];
    await tx.run(
      `UPDATE hotels SET name = ?, address = ?, city = ?, state_code = ?, star_rating = ?, amenities = ?, check_in_time = ?, check_out_time = ?, active = ?,
              updated_at_utc = ?${policySet}, row_version = row_version + 1 WHERE id = ?`, [...fields, ...policyValues, input.hotelId]);
    return loadHotel(tx, input.hotelId, ctx.config.refundPolicy);
  }, (h) => ({
    entity: 'hotel', entityId: String(h.id),
    summary: `${input.hotelId === undefined ? 'hotel added' : 'hotel edited'}: ${h.name}, ${h.city} ${h.stateCode}, ${h.starRating}★${
      was === null ? (h.active ? '' : ', off sale') : was !== h.active ? (h.active ? ', back on sale' : ', taken off sale') : ''}${policyWords(policy)}`,
  }));
});

/** The policy change in words, for the audit trail ('' when the save left it alone). */
function policyWords(policy: { freeCancelHours: number; lateFeePct: number } | null | undefined): string {
  if (policy === undefined) return '';
  if (policy === null) return '; cancellation policy: the console\'s';
  return `; cancellation policy: free until ${policy.freeCancelHours} h before check-in, then ${policy.lateFeePct}% fee`;
}
