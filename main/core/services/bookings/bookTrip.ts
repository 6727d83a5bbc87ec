import { ContractError, type ChannelArgs, type ChannelOutput } from '../../../../shared/contract';
import { toDbInstant } from '../../../../shared/time';
import type { SqlSession } from '../../stores/sql';
import type { ServiceContext } from '../context';
import { insertRow } from '../insertRow';
import { runMutation } from '../mutation';
import { findMethod, saveCardToken } from '../payments/paymentMethods';
import { chargeToken, tokenizeCard, type CardToken } from '../payments/testGateway';
import { loadBooking } from './bookingRecord';
import { reserveItem, type ReservedLine } from './reserveItems';

type Input = ChannelArgs<'bookings.create'>;

function bookingType(lines: ReservedLine[]): 'flight' | 'hotel' | 'car' | 'package' {
  const kinds = new Set(lines.map((l) => l.kind));
  return kinds.size === 1 ? (lines[0]?.kind ?? 'package') : 'package';
}

async function insertBooking(
  tx: SqlSession, ctx: ServiceContext, input: Input, lines: ReservedLine[], status: 'confirmed' | 'payment_failed', total: number, nowUtc: string,
): Promise<number> {
  const bookingId = await insertRow(tx, ctx, 'bookings', {
    user_id: input.customerId, booking_type: bookingType(lines), status, total_cents: total, created_by_admin_id: ctx.operator?.id ?? null,
    op_id: ctx.opId, created_at_utc: nowUtc, updated_at_utc: nowUtc,
  });
  for (const l of lines) {
    await insertRow(tx, ctx, 'booking_items', {
      booking_id: bookingId, item_type: l.kind, item_id: l.refId, label: l.label, start_utc: l.startUtc, end_utc: l.endUtc, quantity: l.quantity,
      unit_price_cents: l.unitPriceCents, total_cents: l.totalCents, status: status === 'confirmed' ? 'active' : 'cancelled',
      cancelled_at_utc: status === 'confirmed' ? null : nowUtc,
    });
  }
  return bookingId;
}

async function insertBilling(tx: SqlSession, ctx: ServiceContext, bookingId: number, customerId: number, methodId: number | null,
  status: 'authorized' | 'captured' | 'failed', amount: number, ref: string, note: string | null, nowUtc: string): Promise<void> {
  await insertRow(tx, ctx, 'billing', {
    booking_id: bookingId, user_id: customerId, payment_method_id: methodId, amount_cents: amount, transaction_status: status,
    transaction_ts_utc: nowUtc, gateway_ref: ref, note,
  });
}

/**
 * Books every item or none: inventory is taken with conditional updates, prices are re-read in
 * the same transaction and compared with what the agent quoted, then the card is charged. A
 * declined card leaves a `payment_failed` booking (inventory untouched) so the agent can see why.
 */
export async function bookTrip(ctx: ServiceContext, input: Input): Promise<ChannelOutput<'bookings.create'>> {
  // The card number and CVC stop here: only the gateway's token goes further.
  const newCard: CardToken | null =
    input.payment.kind === 'card' ? tokenizeCard(input.payment.card, ctx.now()) : input.payment.kind === 'token' ? input.payment.token : null;
  return runMutation(ctx, async (tx) => {
    const nowUtc = toDbInstant(ctx.now());
    if (!(await tx.get('SELECT id FROM users WHERE id = ?', [input.customerId]))) {
      throw new ContractError('NOT_FOUND', `No customer ${input.customerId}.`, { field: 'customerId' });
    }
    await tx.run('SAVEPOINT reserve_inventory');
    const lines: ReservedLine[] = [];
    for (const item of input.items) lines.push(await reserveItem(tx, item, nowUtc));
    const total = lines.reduce((sum, l) => sum + l.totalCents, 0);
    const allowed = Math.floor((input.expectedTotalCents * input.priceTolerancePct) / 100);
    if (Math.abs(total - input.expectedTotalCents) > allowed) {
      throw new ContractError('PRICE_CHANGED', `The total is now ${total} cents, not ${input.expectedTotalCents}.`, {
        expectedTotalCents: input.expectedTotalCents, newTotalCents: total,
        items: lines.map((l) => ({ kind: l.kind, refId: l.refId, label: l.label, totalCents: l.totalCents })),
      });
    }

    let methodId: number | null = null;
    let token: string;
    if (input.payment.kind === 'saved') {
      const method = await findMethod(tx, input.payment.paymentMethodId, input.customerId);
      methodId = method.id;
      token = method.gateway_token;
    } else {
      token = newCard?.token ?? '';
    }
    const charge = chargeToken(token, total, ctx.opId ?? '');
    if (!charge.approved) {
      await tx.run('ROLLBACK TO SAVEPOINT reserve_inventory');
      const bookingId = await insertBooking(tx, ctx, input, lines, 'payment_failed', total, nowUtc);
      await insertBilling(tx, ctx, bookingId, input.customerId, methodId, 'failed', total, charge.reference, charge.reason ?? 'declined', nowUtc);
      return loadBooking(tx, bookingId);
    }
    if (newCard && input.payment.kind !== 'saved' && input.payment.save) {
      methodId = (await saveCardToken(tx, ctx, input.customerId, newCard, nowUtc)).id;
    }
    const bookingId = await insertBooking(tx, ctx, input, lines, 'confirmed', total, nowUtc);
    await insertBilling(tx, ctx, bookingId, input.customerId, methodId, 'authorized', total, charge.reference, null, nowUtc);
    await insertBilling(tx, ctx, bookingId, input.customerId, methodId, 'captured', total, charge.reference, null, nowUtc);
    for (const l of lines) {
      if (l.holdRowId === null) continue;
      const res = await tx.run(
        "UPDATE flight_seat_holds SET status = 'converted', booking_id = ?, row_version = row_version + 1 WHERE id = ? AND status = 'active'",
        [bookingId, l.holdRowId]);
      if (res.affectedRows !== 1) throw new ContractError('HOLD_EXPIRED', 'The seat hold ended while booking.', { holdRowId: l.holdRowId });
    }
    return loadBooking(tx, bookingId);
  }, (booking) => ({
    entity: 'booking', entityId: String(booking.id),
    summary: booking.status === 'confirmed' ? `booked ${booking.items.length} item(s) for ${booking.totalCents} cents` : `payment failed for ${booking.totalCents} cents`,
  }));
}
