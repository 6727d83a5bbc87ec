import type { RefundRequest } from '../../../../shared/contract';
import { fromDbInstant } from '../../../../shared/time';
import { placeholders, type SqlSession } from '../../engine/sql';

interface RefundRow {
  id: number; booking_id: number; locator: string; first_name: string; last_name: string; amount_cents: number; policy_cents: number;
  is_override: number; reason: string; state: RefundRequest['state']; requested_by_name: string | null; requested_at_utc: string;
  decided_by_name: string | null; decided_at_utc: string | null; decision_reason: string | null; provisional: number;
}

const SELECT = (db: SqlSession) => `SELECT r.id, r.booking_id, b.locator, u.first_name, u.last_name, r.amount_cents, r.policy_cents, r.is_override, r.reason,
         r.state, q.name AS requested_by_name, r.requested_at_utc, d.name AS decided_by_name, r.decided_at_utc, r.decision_reason,
         ${db.provisionalColumn('r')} AS provisional
    FROM refund_requests r JOIN bookings b ON b.id = r.booking_id JOIN users u ON u.id = b.user_id
    LEFT JOIN admins q ON q.id = r.requested_by_admin_id LEFT JOIN admins d ON d.id = r.decided_by_admin_id`;

const toRefund = (r: RefundRow): RefundRequest => ({
  id: Number(r.id), bookingId: Number(r.booking_id), locator: r.locator, customerName: `${r.first_name} ${r.last_name}`,
  amountCents: Number(r.amount_cents), policyCents: Number(r.policy_cents), isOverride: Number(r.is_override) === 1, reason: r.reason,
  state: r.state, requestedByName: r.requested_by_name, requestedAtUtc: fromDbInstant(String(r.requested_at_utc)), decidedByName: r.decided_by_name,
  decidedAtUtc: r.decided_at_utc === null ? null : fromDbInstant(String(r.decided_at_utc)), decisionReason: r.decision_reason,
  provisional: Number(r.provisional) === 1,
});

export async function loadRefundRequest(db: SqlSession, id: number): Promise<RefundRequest | undefined> {
  const row = await db.get<RefundRow>(`${SELECT(db)} WHERE r.id = ?`, [id]);
  return row ? toRefund(row) : undefined;
}

/** The refund requests of some bookings, oldest first. */
export async function loadRefundRequests(db: SqlSession, bookingIds: number[]): Promise<RefundRequest[]> {
  if (bookingIds.length === 0) return [];
  const rows = await db.all<RefundRow>(`${SELECT(db)} WHERE r.booking_id IN (${placeholders(bookingIds.length)}) ORDER BY r.requested_at_utc, ABS(r.id)`, bookingIds);
  return rows.map(toRefund);
}

/** The queue: requests in a state, oldest first (the longest waiting at the top). */
export async function listRefundRequests(db: SqlSession, state: RefundRequest['state'], limit: number): Promise<RefundRequest[]> {
  const rows = await db.all<RefundRow>(`${SELECT(db)} WHERE r.state = ? ORDER BY r.requested_at_utc, ABS(r.id) LIMIT ${Math.trunc(limit)}`, [state]);
  return rows.map(toRefund);
}
