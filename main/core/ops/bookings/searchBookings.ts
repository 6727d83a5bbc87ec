import { asLocator } from '../../../../shared/locator';
import type { SqlValue } from '../../engine/sql';
import { decodeCursor, encodeCursor } from '../rows';
import { loadBookings } from './bookingRecord';
import { operation } from '../operation';

/**
 * A LIKE pattern for "contains `text`", where `%` and `_` are what the agent typed, not wildcards.
 * The escape is `!`, valid alike on MySQL/MariaDB and SQLite: a backslash is itself an escape in
 * MySQL string literals and a plain character in SQLite's, so no one `ESCAPE` literal of it suits both.
 */
const likeContains = (text: string) => `%${text.replace(/[!%_]/g, (c) => `!${c}`)}%`;

/** Newest first; `q` matches a booking number, a record locator (any case), or the customer's name or email. */
export const searchBookings = operation('bookings.search', async (ctx, input) => {
  const where: string[] = [];
  const params: SqlValue[] = [];
  if (input.customerId) { where.push('b.user_id = ?'); params.push(input.customerId); }
  if (input.status) { where.push('b.status = ?'); params.push(input.status); }
  const q = input.q?.trim();
  if (q) {
    if (/^\d+$/.test(q)) { where.push('b.id = ?'); params.push(Number(q)); }
    else {
      // Six letters may be a locator or a name ("PARKER"): either finds the booking.
      const locator = asLocator(q);
      where.push(`(${locator ? 'b.locator = ? OR ' : ''}LOWER(u.email) LIKE ? ESCAPE '!' OR LOWER(u.last_name) LIKE ? ESCAPE '!' OR LOWER(u.first_name) LIKE ? ESCAPE '!'
        OR LOWER(CONCAT(u.first_name, ' ', u.last_name)) LIKE ? ESCAPE '!')`);
      const like = likeContains(q.toLowerCase());
      if (locator) params.push(locator);
      params.push(like, like, like, like);
    }
  }
  const after = decodeCursor(input.cursor, 2);
  if (after) {
    where.push('(b.created_at_utc < ? OR (b.created_at_utc = ? AND b.id < ?))');
    params.push(after[0] ?? null, after[0] ?? null, after[1] ?? null);
  }
  const rows = await ctx.engine.sql.all<{ id: number; created_at_utc: string }>(
    `SELECT b.id, b.created_at_utc FROM bookings b JOIN users u ON u.id = b.user_id
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY b.created_at_utc DESC, b.id DESC LIMIT ?`,
    [...params, input.limit + 1]);
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    items: await loadBookings(ctx.engine.sql, page.map((r) => r.id)),
    nextCursor: rows.length > input.limit && last ? encodeCursor([last.created_at_utc, last.id]) : null,
  };
});
