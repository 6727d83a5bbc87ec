import type { BookingRemark, CustomerRemark } from '../../../../shared/contract';
import { fromDbInstant } from '../../../../shared/time';
import { placeholders, type SqlSession } from '../../engine/sql';

interface RemarkRow {
  id: number; owner_id: number; remark_text: string; shareable: number; created_by_admin_id: number | null;
  author_name: string | null; created_at_utc: string; provisional: number;
}

const toBookingRemark = (r: RemarkRow): BookingRemark => ({
  id: Number(r.id), bookingId: Number(r.owner_id), text: r.remark_text, shareable: Number(r.shareable) === 1,
  authorId: r.created_by_admin_id === null ? null : Number(r.created_by_admin_id), authorName: r.author_name,
  atUtc: fromDbInstant(r.created_at_utc), provisional: Number(r.provisional) === 1,
});

const toCustomerRemark = (r: RemarkRow): CustomerRemark => ({
  id: Number(r.id), customerId: Number(r.owner_id), text: r.remark_text,
  authorId: r.created_by_admin_id === null ? null : Number(r.created_by_admin_id), authorName: r.author_name,
  atUtc: fromDbInstant(r.created_at_utc), provisional: Number(r.provisional) === 1,
});

/**
 * Remarks of some bookings, oldest first. Ties on the clock keep the order they were written: a
 * server id counts up, and offline a local id counts down (so it is ordered by its magnitude).
 */
export async function loadBookingRemarks(db: SqlSession, bookingIds: number[]): Promise<BookingRemark[]> {
  if (bookingIds.length === 0) return [];
  const rows = await db.all<RemarkRow>(
    `SELECT r.id, r.booking_id AS owner_id, r.remark_text, r.shareable, r.created_by_admin_id, a.name AS author_name, r.created_at_utc,
            ${db.provisionalColumn('r')} AS provisional
       FROM booking_remarks r LEFT JOIN admins a ON a.id = r.created_by_admin_id
      WHERE r.booking_id IN (${placeholders(bookingIds.length)}) ORDER BY r.created_at_utc, ABS(r.id)`, bookingIds);
  return rows.map(toBookingRemark);
}

export async function loadBookingRemark(db: SqlSession, id: number): Promise<BookingRemark | undefined> {
  const row = await db.get<RemarkRow>(
    `SELECT r.id, r.booking_id AS owner_id, r.remark_text, r.shareable, r.created_by_admin_id, a.name AS author_name, r.created_at_utc,
            ${db.provisionalColumn('r')} AS provisional
       FROM booking_remarks r LEFT JOIN admins a ON a.id = r.created_by_admin_id WHERE r.id = ?`, [id]);
  return row ? toBookingRemark(row) : undefined;
}

/** A customer's remarks, oldest first (`id` narrows to one). */
export async function loadCustomerRemarks(db: SqlSession, customerId: number, id?: number): Promise<CustomerRemark[]> {
  const rows = await db.all<RemarkRow>(
    `SELECT r.id, r.user_id AS owner_id, r.remark_text, 0 AS shareable, r.created_by_admin_id, a.name AS author_name, r.created_at_utc,
            ${db.provisionalColumn('r')} AS provisional
       FROM customer_remarks r LEFT JOIN admins a ON a.id = r.created_by_admin_id
      WHERE r.user_id = ?${id === undefined ? '' : ' AND r.id = ?'} ORDER BY r.created_at_utc, ABS(r.id)`,
    id === undefined ? [customerId] : [customerId, id]);
  return rows.map(toCustomerRemark);
}
