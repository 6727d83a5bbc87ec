import { ContractError } from '../../../../shared/contract';
import { dollars } from '../../../../shared/money';
import { toDbInstant, utcDay } from '../../../../shared/time';
import { operation } from '../operation';
import { runMutation } from '../runMutation';
import { convertHolds, insertItems } from './bookTrip';
import { loadBooking } from './bookingRecord';
import { checkTravellerDetails, checkTravellersAgainstLines, insertTravellers } from './bookingTravellers';
import { chargeCard, newCardOf } from './changeItem';
import { reserveItem, type ReservedLine } from './reserveItems';

/**
 * Adds flights, stays or cars to a booking the customer already has (the locator stays): every
 * item or none, priced in the transaction and compared with what the agent quoted, then charged
 * as one money movement. A declined card refuses the addition; nothing is written.
 */
export const addItems = operation('bookings.addItems', async (ctx, input) => {
  const newCard = newCardOf(ctx, input.payment);
  let words = '';
  return runMutation(ctx, async (tx) => {
    const nowUtc = toDbInstant(ctx.now());
    const booking = await tx.get<{ id: number; user_id: number; status: string; locator: string }>(
      `SELECT id, user_id, status, locator FROM bookings WHERE id = ?${tx.lockForUpdate}`, [input.bookingId]);
    if (!booking) throw new ContractError('NOT_FOUND', `No booking ${input.bookingId}.`);
    if (booking.status === 'cancelled' || booking.status === 'payment_failed') {
      throw new ContractError('CONFLICT', `Booking ${booking.locator} is ${booking.status.replace('_', ' ')}: make a new booking instead.`, { bookingId: booking.id, status: booking.status });
    }
    const customerId = Number(booking.user_id);
    const travellers = await checkTravellerDetails(tx, input.items, customerId, utcDay(ctx.now()));
    const lines: ReservedLine[] = [];
    for (const item of input.items) lines.push(await reserveItem(tx, item, nowUtc, { operator: ctx.operator, customerId }));
    await checkTravellersAgainstLines(tx, input.items, lines, travellers);
    const total = lines.reduce((sum, l) => sum + l.totalCents, 0);
    const allowed = Math.floor((input.expectedTotalCents * input.priceTolerancePct) / 100);
    if (Math.abs(total - input.expectedTotalCents) > allowed) {
      throw new ContractError('PRICE_CHANGED', `The items now cost ${dollars(total)}, not ${dollars(input.expectedTotalCents)}.`, {
        expectedTotalCents: input.expectedTotalCents, newTotalCents: total,
        items: lines.map((l) => ({ kind: l.kind, refId: l.refId, label: l.label, totalCents: l.totalCents })),
      });
    }
    const bookingId = Number(booking.id);
    const items = await insertItems(tx, ctx, bookingId, lines, 'active', nowUtc);
    await insertTravellers(tx, ctx, bookingId, items.map((i) => i.id), travellers);
    await convertHolds(tx, bookingId, lines);
    const labels = lines.map((l) => l.label).join('; ');
    await chargeCard(tx, ctx, input.payment, newCard, {
      bookingId, customerId, amountCents: total, reason: `added: ${labels}`, itemId: items.length === 1 ? (items[0]?.id ?? null) : null, nowUtc,
    });
    const kinds = await tx.all<{ item_type: string }>("SELECT DISTINCT item_type FROM booking_items WHERE booking_id = ? AND status = 'active'", [bookingId]);
    const type = kinds.length === 1 ? (kinds[0]?.item_type ?? 'package') : 'package';
    // The booking's one version bump: an offline addition is based on the version before it (device/outbox.ts).
    await tx.run('UPDATE bookings SET total_cents = total_cents + ?, booking_type = ?, updated_at_utc = ?, row_version = row_version + 1 WHERE id = ?',
      [total, type, nowUtc, bookingId]);
    words = `added ${lines.length} item(s) to ${booking.locator} for ${dollars(total)}: ${labels}`;
    return loadBooking(tx, bookingId);
  }, (b) => ({ entity: 'booking', entityId: String(b.id), summary: words || `added items to ${b.locator}` }));
});
