import type { RefundRequest } from '../../../../shared/contract';
import { loadRefundRequests } from '../refunds/refundRows';
import { ContractError, type Booking, type BookingRemark } from '../../../../shared/contract';
import { fromDbInstant } from '../../../../shared/time';
import { placeholders, type SqlSession } from '../../engine/sql';
import { loadBookingRemarks } from './bookingRemarks';
import { loadBookingTravellers, toBookingTraveller, type BookingTravellerRow } from './bookingTravellers';
import { withFlightZones } from './itemZones';
import { loadMovements, toMovement, type MovementRow } from './moneyMovements';

export interface BookingRow {
  id: number; user_id: number; first_name: string; last_name: string; booking_type: Booking['bookingType'];
  status: Booking['status']; total_cents: number; refunded_cents: number; created_at_utc: string;
  created_by_admin_id: number | null; provisional: number;
  locator: string; booked_on: string | null; made_offline: number; created_by_name: string | null;
}
export interface ItemRow {
  id: number; booking_id: number; item_type: 'flight' | 'hotel' | 'car'; item_id: number; label: string; start_utc: string; end_utc: string;
  quantity: number; unit_price_cents: number; total_cents: number; status: 'active' | 'cancelled'; refund_cents: number;
  /** Set when the item was changed: the item it was exchanged for (migrations/mysql/010). */
  exchanged_for_item_id?: number | null;
  /** Set when the item's refund waited for approval (migrations/mysql/016). */
  refund_request_id?: number | null;
}
export interface BillingRowDb {
  id: number; booking_id: number; transaction_status: Booking['billing'][number]['status']; amount_cents: number; transaction_ts_utc: string;
  payment_method_id: number | null; gateway_ref: string | null; note: string | null;
}

/** A booking as the contract shows it, from its row, its items' rows, its billing rows, its remarks, its travellers and its money movements. */
export function bookingFromRows(
  r: BookingRow, items: ItemRow[], billing: BillingRowDb[], remarks: BookingRemark[] = [], travellers: BookingTravellerRow[] = [], movements: MovementRow[] = [],
  refundRequests: RefundRequest[] = [],
): Booking {
  return {
    id: r.id, customerId: r.user_id, customerName: `${r.first_name} ${r.last_name}`, bookingType: r.booking_type, status: r.status,
    totalCents: Number(r.total_cents), refundedCents: Number(r.refunded_cents), createdAtUtc: fromDbInstant(r.created_at_utc),
    createdBy: r.created_by_admin_id, provisional: r.provisional === 1,
    locator: r.locator, createdByName: r.created_by_name, bookedOn: r.booked_on, madeOffline: Number(r.made_offline) === 1, remarks,
    items: items.map((i) => ({
      id: i.id, kind: i.item_type, refId: i.item_id, label: i.label, startUtc: fromDbInstant(i.start_utc), endUtc: fromDbInstant(i.end_utc),
      quantity: i.quantity, totalCents: Number(i.total_cents), status: i.status, refundCents: Number(i.refund_cents),
      travellers: travellers.filter((t) => Number(t.booking_item_id) === Number(i.id)).map(toBookingTraveller),
      exchangedForItemId: i.exchanged_for_item_id === null || i.exchanged_for_item_id === undefined ? null : Number(i.exchanged_for_item_id),
    })),
    billing: billing.map((b) => ({
      id: b.id, status: b.transaction_status, amountCents: Number(b.amount_cents), atUtc: fromDbInstant(b.transaction_ts_utc),
      paymentMethodId: b.payment_method_id, gatewayRef: b.gateway_ref, note: b.note,
    })),
    movements: movements.map(toMovement),
    refundRequests,
  };
}

/** Bookings with their items and billing, in the order of `ids`. */
export async function loadBookings(db: SqlSession, ids: number[]): Promise<Booking[]> {
  if (ids.length === 0) return [];
  const list = placeholders(ids.length);
  const rows = await db.all<BookingRow>(
    `SELECT b.id, b.user_id, u.first_name, u.last_name, b.booking_type, b.status, b.total_cents, b.refunded_cents, b.created_at_utc,
            b.created_by_admin_id, ${db.provisionalColumn('b')} AS provisional, b.locator, b.booked_on, b.made_offline, a.name AS created_by_name
       FROM bookings b JOIN users u ON u.id = b.user_id LEFT JOIN admins a ON a.id = b.created_by_admin_id WHERE b.id IN (${list})`, ids);
  const items = await db.all<ItemRow>(`SELECT * FROM booking_items WHERE booking_id IN (${list}) ORDER BY id`, ids);
  const billing = await db.all<BillingRowDb>(`SELECT * FROM billing WHERE booking_id IN (${list}) ORDER BY transaction_ts_utc, id`, ids);
  const remarks = await loadBookingRemarks(db, ids);
  const travellers = await loadBookingTravellers(db, ids);
  const movements = await loadMovements(db, ids);
  // Only cancelled items name a refund request: a new booking's answer costs no extra read.
  const withRequests = [...new Set(items.filter((i) => i.refund_request_id != null).map((i) => Number(i.booking_id)))];
  const refunds = await loadRefundRequests(db, withRequests);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return withFlightZones(db, ids.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return [];
    return [bookingFromRows(r, items.filter((i) => i.booking_id === id), billing.filter((b) => b.booking_id === id), remarks.filter((m) => m.bookingId === id),
      travellers.filter((t) => Number(t.booking_id) === id), movements.filter((m) => Number(m.booking_id) === id), refunds.filter((q) => q.bookingId === id))];
  }));
}

export async function loadBooking(db: SqlSession, id: number): Promise<Booking> {
  const [booking] = await loadBookings(db, [id]);
  if (!booking) throw new ContractError('NOT_FOUND', `No booking ${id}.`);
  return booking;
}
