import { ContractError, type ChannelArgs, type ChannelOutput } from '../../../../shared/contract';
import { daysBetween, fromDbInstant, toDbInstant } from '../../../../shared/time';
import type { SqlSession } from '../../engine/sql';
import type { ServiceContext } from '../context';
import { returnSeats } from '../holds/holdSeats';
import { insertRow } from '../insertRow';
import { runMutation } from '../runMutation';
import { refundCharge } from '../../integrations/payments/testGateway';
import { forUpdate } from '../rows';
import type { ItemRow } from './bookingRecord';
import { loadBooking } from './bookingRecord';
import { quoteRefund } from './refundPolicy';
import { inventoryOfItems } from '../inventory/inventoryChange';

async function itemsToCancel(db: SqlSession, bookingId: number, itemIds: number[] | undefined, lock: boolean): Promise<ItemRow[]> {
  const booking = await db.get<{ id: number; status: string }>(`SELECT id, status FROM bookings WHERE id = ?${lock ? forUpdate(db) : ''}`, [bookingId]);
  if (!booking) throw new ContractError('NOT_FOUND', `No booking ${bookingId}.`);
  const items = await db.all<ItemRow>('SELECT * FROM booking_items WHERE booking_id = ? ORDER BY id', [bookingId]);
  const wanted = itemIds ? items.filter((i) => itemIds.includes(i.id)) : items.filter((i) => i.status === 'active');
  if (itemIds) {
    const unknown = itemIds.filter((id) => !items.some((i) => i.id === id));
    if (unknown.length > 0) throw new ContractError('NOT_FOUND', `Booking ${bookingId} has no item ${unknown.join(', ')}.`, { itemIds: unknown });
    const done = wanted.filter((i) => i.status !== 'active');
    if (done.length > 0) throw new ContractError('CONFLICT', 'Some of those items are already cancelled.', { itemIds: done.map((i) => i.id) });
  }
  if (wanted.length === 0) throw new ContractError('CONFLICT', `Booking ${bookingId} has nothing left to cancel.`, { bookingId });
  return wanted;
}

function previewFor(ctx: ServiceContext, bookingId: number, items: ItemRow[]): ChannelOutput<'bookings.cancelPreview'> {
  const lines = items.map((i) => {
    const q = quoteRefund(ctx.config.refundPolicy, Number(i.total_cents), Date.parse(fromDbInstant(i.start_utc)), ctx.now());
    return { itemId: i.id, refundCents: q.refundCents, feeCents: q.feeCents, rule: q.rule };
  });
  return {
    bookingId, items: lines,
    refundCents: lines.reduce((s, l) => s + l.refundCents, 0),
    feeCents: lines.reduce((s, l) => s + l.feeCents, 0),
  };
}

export async function previewCancellation(ctx: ServiceContext, input: ChannelArgs<'bookings.cancelPreview'>): Promise<ChannelOutput<'bookings.cancelPreview'>> {
  return previewFor(ctx, input.bookingId, await itemsToCancel(ctx.engine.sql, input.bookingId, input.itemIds, false));
}

/** Puts an item's inventory back on sale. */
async function returnInventory(tx: SqlSession, item: ItemRow, nowUtc: string): Promise<void> {
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
}

/**
 * Cancels the whole booking or some items: inventory goes back on sale and the refund follows the
 * policy. A supervisor may override the refund; the override is recorded in billing and the audit.
 */
export async function cancelBooking(ctx: ServiceContext, input: ChannelArgs<'bookings.cancel'>): Promise<ChannelOutput<'bookings.cancel'>> {
  const override = input.overrideRefundCents;
  if (override !== undefined && ctx.operator?.role === 'agent') {
    throw new ContractError('FORBIDDEN', 'Only a supervisor may override the refund policy.');
  }
  let refundTotal = 0;
  const booking = await runMutation(ctx, async (tx) => {
    const nowUtc = toDbInstant(ctx.now());
    const items = await itemsToCancel(tx, input.bookingId, input.itemIds, true);
    const preview = previewFor(ctx, input.bookingId, items);
    const maxRefund = items.reduce((s, i) => s + Number(i.total_cents), 0);
    if (override !== undefined && override > maxRefund) {
      throw new ContractError('VALIDATION', `overrideRefundCents: at most ${maxRefund} for these items.`, { max: maxRefund });
    }
    refundTotal = override ?? preview.refundCents;
    let left = refundTotal;
    for (const [index, item] of items.entries()) {
      // An override is spread over the items in order; the policy's own split otherwise.
      const policyRefund = preview.items[index]?.refundCents ?? 0;
      const refund = override === undefined ? policyRefund : Math.min(left, Number(item.total_cents));
      left -= refund;
      const res = await tx.run(
        "UPDATE booking_items SET status = 'cancelled', refund_cents = ?, cancelled_at_utc = ?, row_version = row_version + 1 WHERE id = ? AND status = 'active'",
        [refund, nowUtc, item.id]);
      if (res.affectedRows !== 1) throw new ContractError('CONFLICT', 'That item was cancelled by someone else just now.', { itemId: item.id });
      await returnInventory(tx, item, nowUtc);
    }
    const remaining = await tx.get<{ n: number }>("SELECT COUNT(*) AS n FROM booking_items WHERE booking_id = ? AND status = 'active'", [input.bookingId]);
    const status = Number(remaining?.n ?? 0) === 0 ? 'cancelled' : 'partially_cancelled';
    await tx.run('UPDATE bookings SET status = ?, refunded_cents = refunded_cents + ?, updated_at_utc = ?, row_version = row_version + 1 WHERE id = ?',
      [status, refundTotal, nowUtc, input.bookingId]);
    if (refundTotal > 0) await recordRefund(tx, ctx, input.bookingId, refundTotal, override !== undefined ? `override by operator ${ctx.operator?.id}: ${input.reason}` : input.reason, nowUtc);
    return loadBooking(tx, input.bookingId);
  }, () => ({
    entity: 'booking', entityId: String(input.bookingId),
    summary: `cancelled ${input.itemIds ? `items ${input.itemIds.join(', ')}` : 'booking'}; refund ${refundTotal} cents${override !== undefined ? ' (supervisor override)' : ''}; reason: ${input.reason}`,
  }));
  // What went back on sale may be what a customer is watching for.
  await ctx.inventoryChanged?.(inventoryOfItems(booking.items.filter((i) => i.status === 'cancelled' && (!input.itemIds || input.itemIds.includes(i.id)))));
  return booking;
}

/** One `refunded` billing row per booking (the seed's unique key): later partial refunds add to it. */
async function recordRefund(tx: SqlSession, ctx: ServiceContext, bookingId: number, amount: number, note: string, nowUtc: string): Promise<void> {
  const captured = await tx.get<{ user_id: number; payment_method_id: number | null; gateway_ref: string | null }>(
    "SELECT user_id, payment_method_id, gateway_ref FROM billing WHERE booking_id = ? AND transaction_status = 'captured'", [bookingId]);
  if (!captured) throw new ContractError('CONFLICT', `Booking ${bookingId} has no captured payment to refund.`, { bookingId });
  const refund = refundCharge(captured.gateway_ref ?? '', amount, ctx.opId ?? '');
  const existing = await tx.get<{ id: number }>("SELECT id FROM billing WHERE booking_id = ? AND transaction_status = 'refunded'", [bookingId]);
  if (existing) {
    await tx.run('UPDATE billing SET amount_cents = amount_cents + ?, transaction_ts_utc = ?, note = ?, row_version = row_version + 1 WHERE id = ?',
      [amount, nowUtc, note.slice(0, 255), existing.id]);
  } else {
    await insertRow(tx, ctx, 'billing', {
      booking_id: bookingId, user_id: captured.user_id, payment_method_id: captured.payment_method_id, amount_cents: amount,
      transaction_status: 'refunded', transaction_ts_utc: nowUtc, gateway_ref: refund.reference, note: note.slice(0, 255),
    });
  }
}
