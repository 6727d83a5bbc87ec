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
 * The policy of each item, by item id. A stay follows its hotel's policy as it is now (not as it
 * was when booked), so the preview and the cancellation, read in the same moment, agree; flights
 * and cars follow the console's.
 */
export async function policiesOfItems(db: SqlSession, fallback: RefundPolicy, items: readonly PolicyItem[]): Promise<Map<number, ItemPolicy>> {
  const out = new Map<number, ItemPolicy>();
  const roomTypeIds = [...new Set(items.filter((i) => i.item_type === 'hotel').map((i) => Number(i.item_id)))];
  const hotels = new Map<number, ItemPolicy>();
  if (roomTypeIds.length > 0) {
    const rows = await db.all<PolicyColumns & { room_type_id: number; name: string }>(
      `SELECT rt.id AS room_type_id, h.name, h.free_cancel_hours, h.late_fee_pct
         FROM hotel_room_types rt JOIN hotels h ON h.id = rt.hotel_id WHERE rt.id IN (${placeholders(roomTypeIds.length)})`, roomTypeIds);
    for (const r of rows) {
      const own = ownPolicy(r, fallback);
      hotels.set(Number(r.room_type_id), own ? { policy: own, owner: r.name } : { policy: fallback, owner: null });
    }
  }
  for (const i of items) {
    out.set(Number(i.id), (i.item_type === 'hotel' ? hotels.get(Number(i.item_id)) : undefined) ?? { policy: fallback, owner: null });
  }
  return out;
}

/** The policy of each item of a booking as the contract shows it (for its itinerary). */
export function policiesOfBooking(db: SqlSession, fallback: RefundPolicy, booking: Booking): Promise<Map<number, ItemPolicy>> {
  return policiesOfItems(db, fallback, booking.items.map((i) => ({ id: i.id, item_type: i.kind, item_id: i.refId })));
}
