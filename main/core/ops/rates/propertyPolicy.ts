import type { Booking, CancellationPolicy } from '../../../../shared/contract';
import type { RefundPolicy } from '../../config';
import { placeholders, type SqlSession } from '../../engine/sql';

/** The policy an item is refunded under, and whose it is: a hotel's own (named), or the console's (`owner` null). */
export interface ItemPolicy {
  policy: RefundPolicy;
  owner: string | null;
}

/** What a policy is looked up by: a booked item's row (booking_items), or a booking's item as `{ id, item_type: kind, item_id: refId }`. */
export interface PolicyItem { id: number; item_type: 'flight' | 'hotel' | 'car'; item_id: number }

export interface PolicyColumns { free_cancel_hours: number | null; late_fee_pct: number | null }

/**
 * A hotel's own policy, or null when it has none. Each column falls back to the console's on its
 * own: a row written by another system with one of them set still refunds by a whole policy.
 */
export function ownPolicy(row: PolicyColumns, fallback: RefundPolicy): CancellationPolicy | null {
  if (row.free_cancel_hours === null && row.late_fee_pct === null) return null;
  return {
    freeCancelHours: row.free_cancel_hours === null ? fallback.freeCancelHours : Number(row.free_cancel_hours),
    lateFeePct: row.late_fee_pct === null ? fallback.lateFeePct : Number(row.late_fee_pct),
  };
}

/**
 * The policy of each item, by item id. A booked stay keeps the terms its hotel had when it was
 * booked (booking_items.cancel_*); a stay booked before stays kept their terms, and one not booked
 * yet (a change's new stay), follows its hotel's policy as it is now. Preview and cancellation
 * read the same rows, so they agree. Flights and cars follow the console's.
 */
export async function policiesOfItems(db: SqlSession, fallback: RefundPolicy, items: readonly PolicyItem[]): Promise<Map<number, ItemPolicy>> {
  const out = new Map<number, ItemPolicy>();
  const stays = items.filter((i) => i.item_type === 'hotel');
  const roomTypeIds = [...new Set(stays.map((i) => Number(i.item_id)))];
  const hotels = new Map<number, { name: string; now: ItemPolicy }>();
  const kept = new Map<number, PolicyColumns>();
  if (roomTypeIds.length > 0) {
    const rows = await db.all<PolicyColumns & { room_type_id: number; name: string }>(
      `SELECT rt.id AS room_type_id, h.name, h.free_cancel_hours, h.late_fee_pct
         FROM hotel_room_types rt JOIN hotels h ON h.id = rt.hotel_id WHERE rt.id IN (${placeholders(roomTypeIds.length)})`, roomTypeIds);
    for (const r of rows) hotels.set(Number(r.room_type_id), { name: r.name, now: asItemPolicy(ownPolicy(r, fallback), r.name, fallback) });
    const ids = stays.map((i) => Number(i.id));
    const booked = await db.all<{ id: number; cancel_free_hours: number | null; cancel_late_fee_pct: number | null }>(
      `SELECT id, cancel_free_hours, cancel_late_fee_pct FROM booking_items WHERE cancel_terms_kept = 1 AND id IN (${placeholders(ids.length)})`, ids);
    for (const b of booked) kept.set(Number(b.id), { free_cancel_hours: b.cancel_free_hours, late_fee_pct: b.cancel_late_fee_pct });
  }
  for (const i of items) {
    const hotel = i.item_type === 'hotel' ? hotels.get(Number(i.item_id)) : undefined;
    const terms = kept.get(Number(i.id));
    out.set(Number(i.id), hotel
      ? terms ? asItemPolicy(ownPolicy(terms, fallback), hotel.name, fallback) : hotel.now
      : { policy: fallback, owner: null });
  }
  return out;
}

function asItemPolicy(own: CancellationPolicy | null, hotelName: string, fallback: RefundPolicy): ItemPolicy {
  return own ? { policy: own, owner: hotelName } : { policy: fallback, owner: null };
}

/** The policy of each item of a booking as the contract shows it (for its itinerary). */
export function policiesOfBooking(db: SqlSession, fallback: RefundPolicy, booking: Booking): Promise<Map<number, ItemPolicy>> {
  return policiesOfItems(db, fallback, booking.items.map((i) => ({ id: i.id, item_type: i.kind, item_id: i.refId })));
}
