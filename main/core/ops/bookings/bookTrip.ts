import { ContractError, type ChannelArgs, type ChannelOutput } from '../../../../shared/contract';
import { toDbInstant, utcDay } from '../../../../shared/time';
import type { SqlSession } from '../../engine/sql';
import type { ServiceContext } from '../context';
import { insertRow } from '../insertRow';
import type { AuditNote } from '../audit/audit';
import { runMutation } from '../runMutation';
import type { CardToken, ChargeResult } from '../payments/paymentGateway';
import { cardTokenOf, findMethod, saveCardToken } from '../payments/paymentMethodRows';
import { bookingFromRows, type BillingRowDb, type BookingRow, type ItemRow } from './bookingRecord';
import { withLineZones } from './itemZones';
import { reserveItem, type ReservedLine } from './reserveItems';
import { insertBookingWithLocator } from './locators';
import { checkTravellerDetails, checkTravellersAgainstLines, insertTravellers, type BookingTravellerRow, type CheckedTraveller } from './bookingTravellers';
import { dollars } from '../../../../shared/money';
import { cardLabel, recordBookingCharge } from './moneyMovements';
import { operation } from '../operation';

type Input = ChannelArgs<'bookings.create'>;

function bookingType(lines: ReservedLine[]): 'flight' | 'hotel' | 'car' | 'package' {
  const kinds = new Set(lines.map((l) => l.kind));
  return kinds.size === 1 ? (lines[0]?.kind ?? 'package') : 'package';
}

interface Customer { id: number; first_name: string; last_name: string }

/**
 * The card was declined: the transaction that took the inventory rolls back whole, and the
 * booking is written again, as payment_failed, from what the first attempt priced. (A SAVEPOINT
 * rolled back to would do it in one transaction, but it made every booking copy each page it
 * changed into a statement journal, to serve the rare decline.)
 */
class CardDeclined extends Error {
  constructor(readonly customer: Customer, readonly lines: ReservedLine[], readonly travellers: CheckedTraveller[][], readonly total: number,
    readonly methodId: number | null, readonly charge: ChargeResult) {
    super('the card was declined');
  }
}

/** Writes the booking and its items; returns their rows as written (the answer is built from them). */
async function insertBooking(
  tx: SqlSession, ctx: ServiceContext, customer: Customer, lines: ReservedLine[], status: 'confirmed' | 'payment_failed', total: number, nowUtc: string,
  proposedLocator: string | undefined, travellers: CheckedTraveller[][],
): Promise<{ booking: BookingRow; items: ItemRow[]; travellers: BookingTravellerRow[] }> {
  const columns = {
    user_id: customer.id, booking_type: bookingType(lines), status, total_cents: total, created_by_admin_id: ctx.operator?.id ?? null, created_at_utc: nowUtc,
  };
  // Made offline: on this console now, or replayed from one. Rows never start with a spread that
  // more keys follow: V8 gives each such object a hidden class of its own (docs/SCALING.md).
  const origin = { booked_on: ctx.config.consoleName, made_offline: ctx.engine.provisional || ctx.origin === 'replay' ? 1 : 0 };
  const { id: bookingId, locator } = await insertBookingWithLocator(tx, ctx, { op_id: ctx.opId, updated_at_utc: nowUtc, ...columns, ...origin }, proposedLocator);
  const booking: BookingRow = {
    id: bookingId, ...columns, ...origin, locator, created_by_name: ctx.operator?.name ?? null,
    first_name: customer.first_name, last_name: customer.last_name, refunded_cents: 0, provisional: ctx.engine.provisional ? 1 : 0,
  };
  const items = await insertItems(tx, ctx, bookingId, lines, status === 'confirmed' ? 'active' : 'cancelled', nowUtc);
  return { booking, items, travellers: await insertTravellers(tx, ctx, bookingId, items.map((i) => i.id), travellers) };
}

/** Writes a booking's item rows for reserved lines (bookings.create, bookings.addItems, bookings.change); returns them as written. */
export async function insertItems(
  tx: SqlSession, ctx: ServiceContext, bookingId: number, lines: ReservedLine[], itemStatus: ItemRow['status'], nowUtc: string,
): Promise<ItemRow[]> {
  const items: ItemRow[] = [];
  for (const l of lines) {
    const item = {
      booking_id: bookingId, item_type: l.kind, item_id: l.refId, label: l.label, start_utc: l.startUtc, end_utc: l.endUtc, quantity: l.quantity,
      unit_price_cents: l.unitPriceCents, total_cents: l.totalCents, status: itemStatus,
    };
    // A stay keeps its hotel's terms as booked; the other kinds follow the console's policy.
    const terms = l.terms
      ? { cancel_terms_kept: 1, cancel_free_hours: l.terms.free_cancel_hours, cancel_late_fee_pct: l.terms.late_fee_pct }
      : { cancel_terms_kept: 0, cancel_free_hours: null, cancel_late_fee_pct: null };
    const id = await insertRow(tx, ctx, 'booking_items', { cancelled_at_utc: itemStatus === 'active' ? null : nowUtc, ...item, ...terms });
    items.push({ id, ...item, refund_cents: 0, exchanged_for_item_id: null });
  }
  return items;
}

/** The holds a booking's lines came from become part of it; HOLD_EXPIRED if one ended meanwhile. */
export async function convertHolds(tx: SqlSession, bookingId: number, lines: ReservedLine[]): Promise<void> {
  for (const l of lines) {
    if (l.holdRowId === null) continue;
    const res = await tx.run(
      "UPDATE flight_seat_holds SET status = 'converted', booking_id = ?, row_version = row_version + 1 WHERE id = ? AND status = 'active'",
      [bookingId, l.holdRowId]);
    if (res.affectedRows !== 1) throw new ContractError('HOLD_EXPIRED', 'The seat hold ended while booking.', { holdRowId: l.holdRowId });
  }
}

async function insertBilling(tx: SqlSession, ctx: ServiceContext, booking: BookingRow, methodId: number | null,
  status: 'authorized' | 'captured' | 'failed', ref: string, note: string | null, nowUtc: string): Promise<BillingRowDb> {
  const row = {
    booking_id: booking.id, transaction_status: status, amount_cents: booking.total_cents, transaction_ts_utc: nowUtc,
    payment_method_id: methodId, gateway_ref: ref, note,
  };
  const id = await insertRow(tx, ctx, 'billing', { user_id: booking.user_id, ...row });
  return { id, ...row };
}

/**
 * Books every item or none: inventory is taken with conditional updates, prices are re-read in
 * the same transaction and compared with what the agent quoted, then the card is charged. A
 * declined card leaves a `payment_failed` booking (inventory untouched) so the agent can see why.
 */
export const bookTrip = operation('bookings.create', async (ctx, input: Input) => {
  // The card number and CVC stop here: only the gateway's token goes further.
  const newCard: CardToken | null =
    input.payment.kind === 'card' ? ctx.payments.tokenize(input.payment.card, ctx.now()) : input.payment.kind === 'token' ? input.payment.token : null;
  try {
    return await runMutation(ctx, async (tx) => {
      const nowUtc = toDbInstant(ctx.now());
      const customer = await tx.get<Customer>('SELECT id, first_name, last_name FROM users WHERE id = ?', [input.customerId]);
      if (!customer) throw new ContractError('NOT_FOUND', `No customer ${input.customerId}.`, { field: 'customerId' });
      const travellers = await checkTravellerDetails(tx, input.items, input.customerId, utcDay(ctx.now()));
      const lines: ReservedLine[] = [];
      for (const item of input.items) lines.push(await reserveItem(tx, item, nowUtc, { operator: ctx.operator, customerId: input.customerId }));
      await checkTravellersAgainstLines(tx, input.items, lines, travellers);
      const total = lines.reduce((sum, l) => sum + l.totalCents, 0);
      const allowed = Math.floor((input.expectedTotalCents * input.priceTolerancePct) / 100);
      if (Math.abs(total - input.expectedTotalCents) > allowed) {
        throw new ContractError('PRICE_CHANGED', `The total is now ${total} cents, not ${input.expectedTotalCents}.`, {
          expectedTotalCents: input.expectedTotalCents, newTotalCents: total,
          items: lines.map((l) => ({ kind: l.kind, refId: l.refId, label: l.label, totalCents: l.totalCents })),
        });
      }

      let methodId: number | null = null;
      let card: CardToken | null;
      if (input.payment.kind === 'saved') {
        const method = await findMethod(tx, input.payment.paymentMethodId, input.customerId);
        methodId = method.id;
        card = cardTokenOf(method);
      } else {
        card = newCard;
      }
      if (!card) throw new ContractError('VALIDATION', 'payment: enter the card to pay with.');
      const charge = ctx.payments.charge(card, total, ctx.opId ?? '');
      if (!charge.approved) throw new CardDeclined(customer, lines, travellers, total, methodId, charge);
      if (newCard && input.payment.kind !== 'saved' && input.payment.save) {
        methodId = (await saveCardToken(tx, ctx, input.customerId, newCard, nowUtc)).id;
      }
      const { booking, items, travellers: named } = await insertBooking(tx, ctx, customer, lines, 'confirmed', total, nowUtc, input.locator, travellers);
      const billing = [
        await insertBilling(tx, ctx, booking, methodId, 'authorized', charge.reference, null, nowUtc),
        await insertBilling(tx, ctx, booking, methodId, 'captured', charge.reference, null, nowUtc),
      ];
      const paid = {
        bookingId: booking.id, userId: booking.user_id, amountCents: total, reason: 'booking', itemId: null, paymentMethodId: methodId,
        paymentLabel: cardLabel(card), gatewayRef: charge.reference, nowUtc,
      };
      const movement = await recordBookingCharge(tx, ctx, paid, billing[1]?.id ?? 0);
      await convertHolds(tx, booking.id, lines);
      // Built from the rows just written rather than read back: the same mapping bookings.get uses.
      return withLineZones(bookingFromRows(booking, items, billing, [], named, movement ? [movement] : []), lines);
    }, auditOfBooking);
  } catch (err) {
    if (!(err instanceof CardDeclined)) throw err;
    // Same opId: if a twin of this op committed meanwhile, its answer is returned instead.
    return runMutation(ctx, async (tx) => {
      const nowUtc = toDbInstant(ctx.now());
      const failed = await insertBooking(tx, ctx, err.customer, err.lines, 'payment_failed', err.total, nowUtc, input.locator, err.travellers);
      const declined = await insertBilling(tx, ctx, failed.booking, err.methodId, 'failed', err.charge.reference, err.charge.reason ?? 'declined', nowUtc);
      return withLineZones(bookingFromRows(failed.booking, failed.items, [declined], [], failed.travellers), err.lines);
    }, auditOfBooking);
  }
});

function auditOfBooking(booking: ChannelOutput<'bookings.create'>): AuditNote {
  return {
    entity: 'booking', entityId: String(booking.id),
    summary: booking.status === 'confirmed'
      ? `booked ${booking.locator}: ${booking.items.length} item(s) for ${dollars(booking.totalCents)}`
      : `payment of ${dollars(booking.totalCents)} failed for ${booking.locator}`,
  };
}
