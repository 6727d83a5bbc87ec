import {
  ContractError, type Booking, type BookingItemInput, type BookingTravellerInput, type ChangeReplacement, type ChannelArgs, type ChannelOutput,
} from '../../../../shared/contract';
import { dollars } from '../../../../shared/money';
import { fromDbInstant, toDbInstant, utcDay } from '../../../../shared/time';
import type { SqlSession } from '../../engine/sql';
import type { AuditNote } from '../audit/audit';
import type { ServiceContext } from '../context';
import { passportOf } from '../customers/travellerRows';
import { inventoryOfItems } from '../inventory/inventoryChange';
import { operation } from '../operation';
import type { CardToken } from '../payments/paymentGateway';
import { cardTokenOf, findMethod, saveCardToken, type MethodRow } from '../payments/paymentMethodRows';
import { policiesOfItems, type ItemPolicy } from '../rates/propertyPolicy';
import { runMutation } from '../runMutation';
import { insertItems } from './bookTrip';
import { loadBooking, type ItemRow } from './bookingRecord';
import { checkTravellerDetails, checkTravellersAgainstLines, insertTravellers, type BookingTravellerRow, type CheckedTraveller } from './bookingTravellers';
import { returnInventory } from './cancelBooking';
import { cardLabel, recordCharge, recordRefund } from './moneyMovements';
import { quoteRefund } from './refundPolicy';
import { reserveItem, type ReservedLine } from './reserveItems';

type Preview = ChannelOutput<'bookings.changePreview'>;
type Payment = NonNullable<ChannelArgs<'bookings.change'>['payment']>;

export interface BookingForChange { id: number; user_id: number; status: string; locator: string }

/** A change worked out inside its transaction: the old inventory back on sale, the new taken, and what it costs. */
export interface Exchange {
  booking: BookingForChange;
  old: ItemRow;
  line: ReservedLine;
  travellers: CheckedTraveller[];
  preview: Preview;
}

const refuse = (code: 'VALIDATION' | 'CONFLICT' | 'NOT_FOUND', message: string, details?: Record<string, unknown>): never => {
  throw new ContractError(code, message, details);
};

/** The booked travellers again, as the new item's input: a changed flight keeps its passengers, a stay its lead guest, a car its driver. */
function travellersOf(rows: BookingTravellerRow[]): BookingTravellerInput[] {
  return rows.map((r) => ({
    givenNames: r.given_names, familyName: r.family_name, dateOfBirth: r.date_of_birth, gender: r.gender ?? null,
    knownTravellerNumber: r.known_traveller_number ?? null, passport: passportOf(r),
    ...(r.customer_traveller_id === null ? {} : { savedTravellerId: Number(r.customer_traveller_id) }),
  }));
}

const sameAsBooked = (old: ItemRow, r: ChangeReplacement): boolean => {
  if (old.item_type !== r.kind) return false;
  const from = old.start_utc.slice(0, 10);
  const to = old.end_utc.slice(0, 10);
  switch (r.kind) {
    case 'flight': return Number(old.item_id) === r.flightId;
    case 'hotel': return Number(old.item_id) === r.roomTypeId && from === r.checkIn && to === r.checkOut;
    case 'car': return Number(old.item_id) === r.carId && from === r.pickUp && to === r.dropOff;
  }
};

/** The new item as bookings.create would take it: the old item's seats, rooms and guests, with its travellers. */
function replacementItem(old: ItemRow, r: ChangeReplacement, travellers: BookingTravellerRow[]): BookingItemInput {
  const named = travellersOf(travellers);
  switch (r.kind) {
    case 'flight':
      return { kind: 'flight', flightId: r.flightId, seats: Number(old.quantity), travellers: named };
    case 'hotel': {
      const guests = travellers.find((t) => t.traveller_role === 'lead_guest')?.guest_count;
      return { kind: 'hotel', roomTypeId: r.roomTypeId, checkIn: r.checkIn, checkOut: r.checkOut, rooms: Number(old.quantity), guests: Number(guests ?? 1), travellers: named };
    }
    case 'car':
      return { kind: 'car', carId: r.carId, pickUp: r.pickUp, dropOff: r.dropOff, travellers: named };
  }
}

/**
 * Who the change is for. A customer's own change pays the change fee and has a lower price refunded
 * under the refund policy; a move the business makes (an overbooking) waives the fee and refunds
 * the difference in full. The fare difference itself is charged either way.
 */
export interface ChangeTerms { businessAtFault: boolean }
export const AGENT_CHANGE: ChangeTerms = { businessAtFault: false };
export const BUSINESS_MOVE: ChangeTerms = { businessAtFault: true };

/**
 * What the change costs: the new price minus the old, plus the change fee for a flight. A
 * positive difference is charged; a negative one is refunded as the refund policy refunds a
 * cancellation of that much at the old item's start, under the old item's policy (a stay's hotel's
 * own, when it has one; pure, so preview and change agree).
 */
export function quoteChange(
  ctx: Pick<ServiceContext, 'config' | 'now'>, bookingId: number, old: ItemRow, line: ReservedLine, terms: ChangeTerms = AGENT_CHANGE, policy?: ItemPolicy,
): Preview {
  const feeCents = old.item_type === 'flight' && !terms.businessAtFault ? ctx.config.changeFeeCents : 0;
  const oldTotal = Number(old.total_cents);
  const differenceCents = line.totalCents - oldTotal + feeCents;
  const base = {
    bookingId, itemId: Number(old.id), kind: old.item_type, oldLabel: old.label, newLabel: line.label, oldTotalCents: oldTotal,
    newTotalCents: line.totalCents, feeCents, differenceCents,
  };
  const fee = feeCents > 0 ? ` (change fee ${dollars(feeCents)} included)` : '';
  if (differenceCents >= 0) return { ...base, chargeCents: differenceCents, refundCents: 0, rule: differenceCents === 0 ? `no difference${fee}` : `the difference is charged${fee}` };
  if (terms.businessAtFault) return { ...base, chargeCents: 0, refundCents: -differenceCents, rule: 'the lower price is refunded in full (moved by us, no change fee)' };
  const applied = policy ?? { policy: ctx.config.refundPolicy, owner: null };
  const q = quoteRefund(applied.policy, -differenceCents, Date.parse(fromDbInstant(old.start_utc)), ctx.now(), applied.owner);
  return { ...base, chargeCents: 0, refundCents: q.refundCents, rule: `the lower price is refunded, ${q.rule}${fee}` };
}

/**
 * Does the inventory side of a change inside the caller's transaction: locks the booking, checks
 * the item, puts the old item's inventory back on sale first (a stay moved by a night may need its
 * own rooms), then takes the new one exactly as a booking would (SOLD_OUT, NOT_FOUND, a departed
 * flight's CONFLICT), with the same travellers checked against it. The preview rolls this back.
 */
export async function prepareExchange(
  tx: SqlSession, ctx: ServiceContext, input: { bookingId: number; itemId: number; replacement: ChangeReplacement }, nowUtc: string,
  terms: ChangeTerms = AGENT_CHANGE,
): Promise<Exchange> {
  const booking = await tx.get<BookingForChange>(`SELECT id, user_id, status, locator FROM bookings WHERE id = ?${tx.lockForUpdate}`, [input.bookingId]);
  if (!booking) return refuse('NOT_FOUND', `No booking ${input.bookingId}.`);
  if (booking.status === 'cancelled' || booking.status === 'payment_failed') {
    refuse('CONFLICT', `Booking ${booking.locator} is ${booking.status.replace('_', ' ')}: nothing on it can be changed.`, { bookingId: booking.id, status: booking.status });
  }
  const old = await tx.get<ItemRow>('SELECT * FROM booking_items WHERE id = ? AND booking_id = ?', [input.itemId, input.bookingId]);
  if (!old) return refuse('NOT_FOUND', `Booking ${booking.locator} has no item ${input.itemId}.`, { field: 'itemId' });
  if (old.status !== 'active') refuse('CONFLICT', `"${old.label}" is already ${old.exchanged_for_item_id ? 'changed' : 'cancelled'}.`, { itemId: old.id });
  if (old.item_type !== input.replacement.kind) {
    refuse('VALIDATION', `replacement.kind: "${old.label}" is a ${old.item_type === 'hotel' ? 'stay' : old.item_type}; it is changed for another ${old.item_type}.`, { field: 'replacement.kind' });
  }
  if (old.start_utc <= nowUtc) refuse('CONFLICT', `"${old.label}" has already started; it cannot be changed.`, { itemId: old.id });
  if (sameAsBooked(old, input.replacement)) refuse('VALIDATION', 'replacement: that is the item as booked; pick another flight, other dates, another room or car.', { field: 'replacement' });

  const booked = await tx.all<BookingTravellerRow>('SELECT * FROM booking_travellers WHERE booking_item_id = ? ORDER BY ABS(id)', [old.id]);
  const item = replacementItem(old, input.replacement, booked);
  const [travellers = []] = await checkTravellerDetails(tx, [item], Number(booking.user_id), utcDay(ctx.now()));
  await returnInventory(tx, old, nowUtc);
  const line = await reserveItem(tx, item, nowUtc, { operator: ctx.operator, customerId: Number(booking.user_id) });
  await checkTravellersAgainstLines(tx, [item], [line], [travellers]);
  const policy = (await policiesOfItems(tx, ctx.config.refundPolicy, [old])).get(Number(old.id));
  return { booking, old, line, travellers, preview: quoteChange(ctx, booking.id, old, line, terms, policy) };
}

/**
 * The card a charge goes on: the one given, else the card the booking was paid with if it was
 * saved. A change that costs more needs one of them.
 */
export async function cardForCharge(
  tx: SqlSession, ctx: ServiceContext, payment: Payment | undefined, newCard: CardToken | null, bookingId: number, customerId: number, amountCents: number,
): Promise<{ card: CardToken; methodId: number | null }> {
  if (payment?.kind === 'saved') {
    const method = await findMethod(tx, payment.paymentMethodId, customerId);
    return { card: cardTokenOf(method), methodId: method.id };
  }
  if (payment && newCard) return { card: newCard, methodId: null };
  const paid = await tx.get<MethodRow>(
    `SELECT pm.* FROM billing b JOIN payment_methods pm ON pm.id = b.payment_method_id
      WHERE b.booking_id = ? AND b.transaction_status = 'captured' AND pm.removed = 0`, [bookingId]);
  if (!paid) return refuse('VALIDATION', `payment: ${dollars(amountCents)} is to be charged; give the card to charge.`, { field: 'payment', chargeCents: amountCents });
  return { card: cardTokenOf(paid), methodId: paid.id };
}

/** Charges a card through the gateway (keyed by the op); a decline refuses the whole change or addition, nothing written. */
export async function chargeCard(
  tx: SqlSession, ctx: ServiceContext, payment: Payment | undefined, newCard: CardToken | null,
  what: { bookingId: number; customerId: number; amountCents: number; reason: string; itemId: number | null; nowUtc: string },
): Promise<void> {
  if (what.amountCents <= 0) return;
  const chosen = await cardForCharge(tx, ctx, payment, newCard, what.bookingId, what.customerId, what.amountCents);
  const charge = ctx.payments.charge(chosen.card, what.amountCents, ctx.opId ?? '');
  if (!charge.approved) {
    refuse('VALIDATION', `payment: the card was declined (${charge.reason ?? 'declined'}); nothing was changed.`, { field: 'payment', declined: true, reason: charge.reason ?? 'declined' });
  }
  let methodId = chosen.methodId;
  if (newCard && payment && payment.kind !== 'saved' && payment.save) methodId = (await saveCardToken(tx, ctx, what.customerId, newCard, what.nowUtc)).id;
  await recordCharge(tx, ctx, {
    bookingId: what.bookingId, userId: what.customerId, amountCents: what.amountCents, reason: what.reason, itemId: what.itemId,
    paymentMethodId: methodId, paymentLabel: cardLabel(chosen.card), gatewayRef: charge.reference, nowUtc: what.nowUtc,
  });
}

/** The token of a card typed in or passed on; the number and CVC stop here. */
export function newCardOf(ctx: ServiceContext, payment: Payment | undefined): CardToken | null {
  if (payment?.kind === 'card') return ctx.payments.tokenize(payment.card, ctx.now());
  return payment?.kind === 'token' ? payment.token : null;
}

/** The exchange in words, for the booking's history and the audit trail. */
function exchangeWords(locator: string, p: Preview): string {
  const money = p.chargeCents > 0
    ? `charged ${dollars(p.chargeCents)}`
    : p.refundCents > 0 ? `refunded ${dollars(p.refundCents)}` : 'nothing to pay';
  const fee = p.feeCents > 0 ? `, change fee ${dollars(p.feeCents)}` : '';
  return `changed ${locator}: ${p.oldLabel} (${dollars(p.oldTotalCents)}) exchanged for ${p.newLabel} (${dollars(p.newTotalCents)})${fee}; ${money}`;
}

/** What a change asks for: the item, its replacement, the difference quoted (if any) and the card for a charge. */
export interface ChangeRequest {
  bookingId: number; itemId: number; replacement: ChangeReplacement;
  /** The difference the operator was shown: another is PRICE_CHANGED. Absent, the difference is taken as priced. */
  expectedDifferenceCents?: number;
  payment?: Payment;
}

/**
 * The whole exchange inside the caller's transaction (bookings.change, and an overbooking's move):
 * the new inventory is taken and the old released, the travellers are copied to the new item, the
 * old item stays on the record cancelled and pointing at the new one, and the difference is charged
 * or refunded as a money movement.
 */
export async function exchangeItem(
  tx: SqlSession, ctx: ServiceContext, input: ChangeRequest, newCard: CardToken | null, nowUtc: string, terms: ChangeTerms = AGENT_CHANGE,
): Promise<{ booking: Booking; words: string; old: ItemRow; preview: Preview }> {
  const ex = await prepareExchange(tx, ctx, input, nowUtc, terms);
  const p = ex.preview;
  if (input.expectedDifferenceCents !== undefined && p.differenceCents !== input.expectedDifferenceCents) {
    throw new ContractError('PRICE_CHANGED', `The change now costs ${dollars(p.differenceCents)}, not ${dollars(input.expectedDifferenceCents)}.`, {
      expectedDifferenceCents: input.expectedDifferenceCents, newDifferenceCents: p.differenceCents, newItemTotalCents: p.newTotalCents,
      items: [{ kind: ex.line.kind, refId: ex.line.refId, label: ex.line.label, totalCents: ex.line.totalCents }],
    });
  }
  const bookingId = Number(ex.booking.id);
  const customerId = Number(ex.booking.user_id);
  const [added] = await insertItems(tx, ctx, bookingId, [ex.line], 'active', nowUtc);
  if (!added) throw new Error('the new item was not written');
  await insertTravellers(tx, ctx, bookingId, [added.id], [ex.travellers]);
  const res = await tx.run(
    `UPDATE booking_items SET status = 'cancelled', refund_cents = ?, cancelled_at_utc = ?, exchanged_for_item_id = ?, row_version = row_version + 1
      WHERE id = ? AND status = 'active'`, [p.refundCents, nowUtc, added.id, ex.old.id]);
  if (res.affectedRows !== 1) throw new ContractError('CONFLICT', `"${ex.old.label}" was changed or cancelled by someone else just now.`, { itemId: ex.old.id });
  const reason = `change: ${ex.old.label} → ${ex.line.label}`;
  await chargeCard(tx, ctx, input.payment, newCard, { bookingId, customerId, amountCents: p.chargeCents, reason, itemId: added.id, nowUtc });
  await recordRefund(tx, ctx, { bookingId, amountCents: p.refundCents, reason, itemId: ex.old.id, nowUtc });
  // The booking's one version bump: an offline change is based on the version before it (device/outbox.ts).
  await tx.run('UPDATE bookings SET total_cents = total_cents + ?, refunded_cents = refunded_cents + ?, updated_at_utc = ?, row_version = row_version + 1 WHERE id = ?',
    [p.chargeCents, p.refundCents, nowUtc, bookingId]);
  return { booking: await loadBooking(tx, bookingId), words: exchangeWords(ex.booking.locator, p), old: ex.old, preview: p };
}

/** Exchanges one booked item for another in one transaction (exchangeItem), at the customer's request. */
export const changeItem = operation('bookings.change', async (ctx, input) => {
  const newCard = newCardOf(ctx, input.payment);
  let words = '';
  let oldItem: ItemRow | null = null;
  const booking = await runMutation(ctx, async (tx) => {
    const done = await exchangeItem(tx, ctx, input, newCard, toDbInstant(ctx.now()));
    words = done.words;
    oldItem = done.old;
    return done.booking;
  }, (changed): AuditNote => ({ entity: 'booking', entityId: String(changed.id), summary: words || `changed ${changed.locator}` }));
  // The old item's seats, rooms or car went back on sale: someone may be watching for them.
  const released: ItemRow | null = oldItem;
  if (released) await ctx.inventoryChanged?.(inventoryOfItems(booking.items.filter((i) => i.id === Number((released as ItemRow).id))));
  return booking;
});
