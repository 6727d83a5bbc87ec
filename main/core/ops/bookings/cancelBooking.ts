import { ContractError, type Booking } from '../../../../shared/contract';
import type { ServiceContext } from '../context';
import { daysBetween, toDbInstant } from '../../../../shared/time';
import type { SqlSession } from '../../engine/sql';
import { returnSeats } from '../inventory/flightSeats';
import { CAR_DAYS, HOTEL_NIGHTS } from '../inventory/dayTables';
import { settleDayShortfalls } from '../inventory/shortfalls';
import { runMutation } from '../runMutation';
import { loadBooking, type ItemRow } from './bookingRecord';
import { itemsToCancel, quoteCancellation } from './cancellationQuote';
import { inventoryOfItems } from '../inventory/inventoryChange';
import { operation } from '../operation';
import { dollars } from '../../../../shared/money';
import { recordRefund } from './moneyMovements';
import { insertRow } from '../insertRow';

/** Puts an item's inventory back on sale (a cancellation, or the old side of a change). */
export async function returnInventory(tx: SqlSession, item: ItemRow, nowUtc: string): Promise<void> {
  if (item.item_type === 'flight') {
    await returnSeats(tx, item.item_id, item.quantity, nowUtc);
    return;
  }
  const from = item.start_utc.slice(0, 10);
  const to = item.end_utc.slice(0, 10);
  const days = daysBetween(from, to).length;
  const res = item.item_type === 'hotel'
    ? await tx.run('UPDATE hotel_inventory SET rooms_booked = rooms_booked - ?, row_version = row_version + 1 WHERE room_type_id = ? AND stay_date >= ? AND stay_date < ? AND rooms_booked >= ?',
      [item.quantity, item.item_id, from, to, item.quantity])
    : await tx.run('UPDATE car_availability SET units_booked = units_booked - 1, row_version = row_version + 1 WHERE car_id = ? AND rental_date >= ? AND rental_date < ? AND units_booked >= 1',
      [item.item_id, from, to]);
  if (res.affectedRows !== days) throw new ContractError('CONFLICT', `The inventory of "${item.label}" does not match this booking; nothing was cancelled.`, { itemId: item.id });
  // An overbooked night or day keeps what came back off sale until it fits its capacity.
  await settleDayShortfalls(tx, item.item_type === 'hotel' ? HOTEL_NIGHTS : CAR_DAYS, item.item_type, Number(item.item_id), from, to, nowUtc);
}

/**
 * How much a cancellation refunds: the refund policy's, a supervisor's override (which waits for
 * approval), or everything paid for the items, at once (the business's fault: an overbooking).
 */
export type CancelRefund = { kind: 'policy' } | { kind: 'override'; cents: number } | { kind: 'full' };

export interface CancelRequest { bookingId: number; itemIds?: number[]; reason: string; refund: CancelRefund }

/** The cancellation inside the caller's transaction (bookings.cancel, and an overbooking's cancel). */
export async function cancelItems(
  tx: SqlSession, ctx: ServiceContext, input: CancelRequest,
): Promise<{ booking: Booking; refundCents: number; waiting: boolean }> {
  const override = input.refund.kind === 'override' ? input.refund.cents : undefined;
  const nowUtc = toDbInstant(ctx.now());
  const items = await itemsToCancel(tx, input.bookingId, input.itemIds, true);
  const preview = await quoteCancellation(ctx, tx, input.bookingId, items);
  const maxRefund = items.reduce((s, i) => s + Number(i.total_cents), 0);
  if (override !== undefined && override > maxRefund) {
    throw new ContractError('VALIDATION', `overrideRefundCents: at most ${maxRefund} for these items.`, { max: maxRefund });
  }
  const full = input.refund.kind === 'full';
  const refundTotal = full ? maxRefund : override ?? preview.refundCents;
  // Above the line, and every override, the refund waits for a supervisor (refunds.decide): the
  // items are cancelled and back on sale now, the money moves once it is approved. A full refund
  // for the business's own fault is a supervisor's decision already.
  const waiting = !full && refundTotal > 0 && (override !== undefined || refundTotal > ctx.config.refundApprovalCents);
  const requestId = waiting ? await insertRow(tx, ctx, 'refund_requests', {
    booking_id: input.bookingId, amount_cents: refundTotal, policy_cents: preview.refundCents, is_override: override !== undefined ? 1 : 0,
    reason: input.reason, state: 'pending', requested_by_admin_id: ctx.operator?.id ?? null, requested_at_utc: nowUtc, updated_at_utc: nowUtc,
  }) : null;
  let left = refundTotal;
  for (const [index, item] of items.entries()) {
    // An override is spread over the items in order; the policy's own split otherwise.
    const policyRefund = full ? Number(item.total_cents) : preview.items[index]?.refundCents ?? 0;
    const refund = override === undefined ? policyRefund : Math.min(left, Number(item.total_cents));
    left -= refund;
    const res = await tx.run(
      `UPDATE booking_items SET status = 'cancelled', refund_cents = ?, refund_request_id = ?, cancelled_at_utc = ?, row_version = row_version + 1
        WHERE id = ? AND status = 'active'`,
      [waiting ? 0 : refund, requestId, nowUtc, item.id]);
    if (res.affectedRows !== 1) throw new ContractError('CONFLICT', 'That item was cancelled by someone else just now.', { itemId: item.id });
    await returnInventory(tx, item, nowUtc);
  }
  const remaining = await tx.get<{ n: number }>("SELECT COUNT(*) AS n FROM booking_items WHERE booking_id = ? AND status = 'active'", [input.bookingId]);
  const status = Number(remaining?.n ?? 0) === 0 ? 'cancelled' : 'partially_cancelled';
  await tx.run('UPDATE bookings SET status = ?, refunded_cents = refunded_cents + ?, updated_at_utc = ?, row_version = row_version + 1 WHERE id = ?',
    [status, waiting ? 0 : refundTotal, nowUtc, input.bookingId]);
  // One refund movement for the cancellation (items spread in booking_items.refund_cents); none when nothing is refunded.
  const itemId = items.length === 1 ? (items[0]?.id ?? null) : null;
  const note = override !== undefined ? `override by operator ${ctx.operator?.id}: ${input.reason}` : input.reason;
  if (!waiting) await recordRefund(tx, ctx, { bookingId: input.bookingId, amountCents: refundTotal, reason: `cancellation: ${note}`, itemId, nowUtc });
  return { booking: await loadBooking(tx, input.bookingId), refundCents: refundTotal, waiting };
}

/**
 * Cancels the whole booking or some items: inventory goes back on sale and the refund follows the
 * policy. A supervisor may override the refund; the override is recorded in billing and the audit.
 */
export const cancelBooking = operation('bookings.cancel', async (ctx, input) => {
  const override = input.overrideRefundCents;
  if (override !== undefined && ctx.operator?.role === 'agent') {
    throw new ContractError('FORBIDDEN', 'Only a supervisor may override the refund policy.');
  }
  let refundTotal = 0;
  let waiting = false;
  const booking = await runMutation(ctx, async (tx) => {
    const done = await cancelItems(tx, ctx, {
      bookingId: input.bookingId, itemIds: input.itemIds, reason: input.reason,
      refund: override === undefined ? { kind: 'policy' } : { kind: 'override', cents: override },
    });
    refundTotal = done.refundCents;
    waiting = done.waiting;
    return done.booking;
  }, (cancelled) => ({
    entity: 'booking', entityId: String(input.bookingId),
    summary: `cancelled ${input.itemIds ? `${input.itemIds.length} item(s)` : 'the booking'}; ${waiting ? 'a refund of' : 'refunded'} ${dollars(refundTotal)} of ${dollars(cancelled.totalCents)}${override !== undefined ? ' (supervisor override)' : ''}${waiting ? ' waits for approval' : ''}; reason: ${input.reason}`,
  }));
  // What went back on sale may be what a customer is watching for.
  await ctx.inventoryChanged?.(inventoryOfItems(booking.items.filter((i) => i.status === 'cancelled' && (!input.itemIds || input.itemIds.includes(i.id)))));
  return booking;
});
