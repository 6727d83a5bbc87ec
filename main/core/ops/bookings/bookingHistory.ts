import { ContractError, type BookingHistoryEntry } from '../../../../shared/contract';
import { dollars } from '../../../../shared/money';
import { fromDbInstant } from '../../../../shared/time';
import { placeholders } from '../../engine/sql';
import { operation } from '../operation';
import { loadBookingRemarks } from './bookingRemarks';

/** Entries older than the trail's first page of a booking's life are rare; a booking is not a log. */
const TRAIL_LIMIT = 200;

/** Audit summaries written before money was written as money said "10900 cents". */
const moneyWords = (text: string) => text.replace(/\b(\d+) cents\b/g, (_, c: string) => dollars(Number(c)));

/**
 * A booking's life in words, oldest first. The booking itself says who booked it, where, and
 * whether offline; its remarks are their own rows (both sync to every console, so this reads the
 * same offline); what else was done to it (cancellations, refunds) comes from the audit trail,
 * which any agent who may open the booking may read here, unlike audit.list.
 */
export const bookingHistory = operation('bookings.history', async (ctx, input) => {
  const sql = ctx.engine.sql;
  const synced = input.bookingId < 0 && ctx.sync ? await ctx.sync.serverIdOf('bookings', input.bookingId) : null;
  const id = synced ?? input.bookingId;
  const booking = await sql.get<{
    id: number; status: string; total_cents: number; created_at_utc: string; created_by_admin_id: number | null; op_id: string | null;
    booked_on: string | null; made_offline: number; provisional: number; items: number;
  }>(
    `SELECT b.id, b.status, b.total_cents, b.created_at_utc, b.created_by_admin_id, b.op_id, b.booked_on, b.made_offline,
            ${sql.provisionalColumn('b')} AS provisional, (SELECT COUNT(*) FROM booking_items i WHERE i.booking_id = b.id) AS items
       FROM bookings b WHERE b.id = ?`, [id]);
  if (!booking) throw new ContractError('NOT_FOUND', `No booking ${input.bookingId}.`);

  const trail = (await ctx.engine.docs.listAudit({ entity: 'booking', entityId: String(id), limit: TRAIL_LIMIT }))
    // The booking's own row tells of its making (and a replayed one's entry is the same event again).
    .filter((d) => d.opId === null || d.opId !== booking.op_id);
  const remarks = await loadBookingRemarks(sql, [id]);

  const operatorIds = [...new Set([booking.created_by_admin_id, ...trail.map((d) => d.operatorId)].filter((v): v is number => v !== null))];
  const names = new Map<number, string>();
  if (operatorIds.length > 0) {
    const rows = await sql.all<{ id: number; name: string }>(`SELECT id, name FROM admins WHERE id IN (${placeholders(operatorIds.length)})`, operatorIds);
    for (const r of rows) names.set(Number(r.id), r.name);
  }
  const nameOf = (operatorId: number | null) => (operatorId === null ? null : names.get(operatorId) ?? null);

  const items = Number(booking.items);
  const offline = Number(booking.made_offline) === 1;
  const where = [
    booking.booked_on ? `on ${booking.booked_on}` : null,
    offline ? (Number(booking.provisional) === 1 ? 'offline, not yet synced' : 'offline, synced') : null,
  ].filter(Boolean).join(', ');
  const made = booking.status === 'payment_failed'
    ? `Payment of ${dollars(Number(booking.total_cents))} failed`
    : `Booked ${items} item${items === 1 ? '' : 's'} for ${dollars(Number(booking.total_cents))}`;
  const entries: BookingHistoryEntry[] = [{
    atUtc: fromDbInstant(booking.created_at_utc), operatorId: booking.created_by_admin_id, operatorName: nameOf(booking.created_by_admin_id),
    kind: 'booked', what: where ? `${made} (${where})` : made,
  }];
  for (const d of trail) {
    entries.push({
      atUtc: d.ts.toISOString(), operatorId: d.operatorId, operatorName: nameOf(d.operatorId),
      kind: /^cancel/i.test(d.summary) ? 'cancelled' : 'changed', what: capitalised(moneyWords(d.summary)),
    });
  }
  for (const r of remarks) {
    entries.push({
      atUtc: r.atUtc, operatorId: r.authorId, operatorName: r.authorName, kind: 'remark',
      what: `${r.shareable ? 'Remark for the itinerary' : 'Remark'}: ${r.text}`,
    });
  }
  // Stable: equal times keep making, trail, remarks in that order.
  return entries.sort((a, b) => a.atUtc.localeCompare(b.atUtc));
});

const capitalised = (s: string) => (s ? s.charAt(0).toUpperCase() + s.slice(1) : s);
