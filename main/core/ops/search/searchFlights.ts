import { addDays, toDbInstant } from '../../../../shared/time';
import type { SqlValue } from '../../engine/sql';
import { decodeCursor, encodeCursor, FLIGHT_COLUMNS, toFlightOffer, type FlightRow } from '../rows';
import { operation } from '../operation';

/**
 * Keyset paging over (departure time, id) or (price, id): each page is an index range scan, so
 * page 500 costs what page 1 does, on a million flights.
 */
export const searchFlights = operation('flights.search', async (ctx, input) => {
  const where: string[] = ['seats_available >= ?'];
  const params: SqlValue[] = [input.passengers];
  if (input.from) { where.push('departure_airport = ?'); params.push(input.from); }
  if (input.to) { where.push('arrival_airport = ?'); params.push(input.to); }
  if (input.date) {
    where.push('departure_ts_utc >= ?', 'departure_ts_utc < ?');
    params.push(`${input.date} 00:00:00.000`, `${addDays(input.date, 1)} 00:00:00.000`);
  } else {
    where.push('departure_ts_utc >= ?');
    params.push(toDbInstant(ctx.now()));
  }
  const sortColumn = input.sort === 'price' ? 'price_cents' : 'departure_ts_utc';
  const after = decodeCursor(input.cursor, 2);
  if (after) {
    where.push(`(${sortColumn} > ? OR (${sortColumn} = ? AND id > ?))`);
    params.push(after[0] ?? null, after[0] ?? null, after[1] ?? null);
  }
  const rows = await ctx.engine.sql.all<FlightRow>(
    `SELECT ${FLIGHT_COLUMNS} FROM flights WHERE ${where.join(' AND ')} ORDER BY ${sortColumn}, id LIMIT ?`,
    [...params, input.limit + 1],
  );
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  const nextCursor = rows.length > input.limit && last
    ? encodeCursor([input.sort === 'price' ? Number(last.price_cents) : last.departure_ts_utc, last.id])
    : null;
  return { items: page.map(toFlightOffer), nextCursor };
});
