import { ContractError, type MoneyMovement } from '../../../../shared/contract';
import { fromDbInstant } from '../../../../shared/time';
import { placeholders, type SqlSession } from '../../engine/sql';
import type { ServiceContext } from '../context';
import { insertRow } from '../insertRow';
import type { CardToken } from '../payments/paymentGateway';

/**
 * Every charge and refund of a booking is one money_movements row, beneath the booking's billing
 * rows. Billing keeps the seed's one row per (booking, status) as a running total: `authorized`
 * and `captured` (charged in one step) grow with each charge, `refunded` with each refund; each
 * movement names the row it adds to. So for every booking the charges add up to
 * bookings.total_cents and the refunds to bookings.refunded_cents (migrations/mysql/010).
 */
export interface MovementRow {
  id: number; booking_id: number; billing_id: number; booking_item_id: number | null; kind: 'charge' | 'refund'; amount_cents: number;
  at_utc: string; admin_id: number | null; admin_name: string | null; reason: string; payment_method_id: number | null; payment_label: string | null;
  gateway_ref: string | null; provisional: number;
}

/** How a movement names the card: brand and last four, never more. */
export const cardLabel = (card: Pick<CardToken, 'brand' | 'last4'>): string =>
  `${card.brand.charAt(0).toUpperCase()}${card.brand.slice(1)} ending ${card.last4}`.slice(0, 40);

interface Movement {
  bookingId: number;
  userId: number;
  amountCents: number;
  reason: string;
  itemId: number | null;
  paymentMethodId: number | null;
  paymentLabel: string | null;
  gatewayRef: string | null;
  nowUtc: string;
}

/** Adds `amount` to the booking's billing row of `status`, making the row on the booking's first movement of that kind. */
async function addToBilling(tx: SqlSession, ctx: ServiceContext, m: Movement, status: 'authorized' | 'captured' | 'refunded'): Promise<number> {
  const existing = await tx.get<{ id: number }>(`SELECT id FROM billing WHERE booking_id = ? AND transaction_status = ?${tx.lockForUpdate}`, [m.bookingId, status]);
  if (existing) {
    await tx.run('UPDATE billing SET amount_cents = amount_cents + ?, transaction_ts_utc = ?, note = ?, row_version = row_version + 1 WHERE id = ?',
      [m.amountCents, m.nowUtc, m.reason.slice(0, 255), existing.id]);
    return Number(existing.id);
  }
  return insertRow(tx, ctx, 'billing', {
    booking_id: m.bookingId, user_id: m.userId, payment_method_id: m.paymentMethodId, amount_cents: m.amountCents,
    transaction_status: status, transaction_ts_utc: m.nowUtc, gateway_ref: m.gatewayRef, note: m.reason.slice(0, 255),
  });
}

async function insertMovement(tx: SqlSession, ctx: ServiceContext, m: Movement, kind: 'charge' | 'refund', billingId: number): Promise<MovementRow> {
  const row = {
    booking_id: m.bookingId, billing_id: billingId, booking_item_id: m.itemId, kind, amount_cents: m.amountCents, at_utc: m.nowUtc,
    admin_id: ctx.operator?.id ?? null, reason: m.reason.slice(0, 255), payment_method_id: m.paymentMethodId, payment_label: m.paymentLabel,
    gateway_ref: m.gatewayRef,
  };
  const id = await insertRow(tx, ctx, 'money_movements', row);
  return { id, ...row, admin_name: ctx.operator?.name ?? null, provisional: ctx.engine.provisional ? 1 : 0 };
}

/** The booking's own payment, written with its billing rows (bookings.create); nothing for a booking that cost nothing. */
export async function recordBookingCharge(tx: SqlSession, ctx: ServiceContext, m: Movement, capturedBillingId: number): Promise<MovementRow | null> {
  return m.amountCents > 0 ? insertMovement(tx, ctx, m, 'charge', capturedBillingId) : null;
}

/** A later charge on the booking (an addition, a change's fare difference): authorised and captured at once. */
export async function recordCharge(tx: SqlSession, ctx: ServiceContext, m: Movement): Promise<void> {
  if (m.amountCents <= 0) return;
  await addToBilling(tx, ctx, m, 'authorized');
  await insertMovement(tx, ctx, m, 'charge', await addToBilling(tx, ctx, m, 'captured'));
}

/**
 * Gives money back to the card the booking was paid with (through the gateway, keyed by the op)
 * and records it: the `refunded` running total and one movement.
 */
export async function recordRefund(
  tx: SqlSession, ctx: ServiceContext, m: Omit<Movement, 'userId' | 'paymentMethodId' | 'paymentLabel' | 'gatewayRef'>, toMethodId?: number,
): Promise<void> {
  if (m.amountCents <= 0) return;
  const captured = await tx.get<{ user_id: number; payment_method_id: number | null; gateway_ref: string | null }>(
    "SELECT user_id, payment_method_id, gateway_ref FROM billing WHERE booking_id = ? AND transaction_status = 'captured'", [m.bookingId]);
  if (!captured) throw new ContractError('CONFLICT', `Booking ${m.bookingId} has no captured payment to refund.`, { bookingId: m.bookingId });
  let full: Movement;
  if (toMethodId !== undefined) {
    // Another card of the customer's on file (a refund approval may send it there): credited by its token.
    const card = await tx.get<{ id: number; gateway_token: string; brand: string; last4: string }>(
      'SELECT id, gateway_token, brand, last4 FROM payment_methods WHERE id = ? AND user_id = ? AND removed = 0', [toMethodId, captured.user_id]);
    if (!card) throw new ContractError('VALIDATION', `paymentMethodId: card ${toMethodId} is not one of this customer's cards on file.`, { field: 'paymentMethodId' });
    const refund = ctx.payments.refund(card.gateway_token, m.amountCents, ctx.opId ?? '');
    full = { ...m, userId: Number(captured.user_id), paymentMethodId: Number(card.id), paymentLabel: cardLabel(card), gatewayRef: refund.reference };
  } else {
    // The card it goes back to is the one the booking was first paid with.
    const first = await tx.get<{ payment_label: string | null }>(
      "SELECT payment_label FROM money_movements WHERE booking_id = ? AND kind = 'charge' ORDER BY at_utc, ABS(id) LIMIT 1", [m.bookingId]);
    const refund = ctx.payments.refund(captured.gateway_ref ?? '', m.amountCents, ctx.opId ?? '');
    full = {
      ...m, userId: Number(captured.user_id), paymentMethodId: captured.payment_method_id === null ? null : Number(captured.payment_method_id),
      paymentLabel: first?.payment_label ?? null, gatewayRef: refund.reference,
    };
  }
  await insertMovement(tx, ctx, full, 'refund', await addToBilling(tx, ctx, full, 'refunded'));
}

export function toMovement(r: MovementRow): MoneyMovement {
  return {
    id: Number(r.id), kind: r.kind, amountCents: Number(r.amount_cents), atUtc: fromDbInstant(r.at_utc),
    operatorId: r.admin_id === null ? null : Number(r.admin_id), operatorName: r.admin_name, reason: r.reason,
    paymentMethodId: r.payment_method_id === null ? null : Number(r.payment_method_id), paymentLabel: r.payment_label,
    gatewayRef: r.gateway_ref, itemId: r.booking_item_id === null ? null : Number(r.booking_item_id), provisional: Number(r.provisional) === 1,
  };
}

/** The movements of some bookings, oldest first (ties in the order they were written). */
export async function loadMovements(db: SqlSession, bookingIds: number[]): Promise<MovementRow[]> {
  if (bookingIds.length === 0) return [];
  return db.all<MovementRow>(
    `SELECT m.id, m.booking_id, m.billing_id, m.booking_item_id, m.kind, m.amount_cents, m.at_utc, m.admin_id, a.name AS admin_name, m.reason,
            m.payment_method_id, m.payment_label, m.gateway_ref, ${db.provisionalColumn('m')} AS provisional
       FROM money_movements m LEFT JOIN admins a ON a.id = m.admin_id
      WHERE m.booking_id IN (${placeholders(bookingIds.length)}) ORDER BY m.at_utc, ABS(m.id)`, bookingIds);
}
