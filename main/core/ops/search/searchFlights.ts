import type { SqlValue } from '../../engine/sql';
import { decodeCursor, encodeCursor, FLIGHT_COLUMNS, FLIGHTS_WITH_ZONES, toFlightOffer, type ZonedFlightRow } from '../rows';
import { operation } from '../operation';
import { copyIncomplete, FLIGHT_TABLES } from './copyIncomplete';
import { addRouteAndDay } from './localDepartureDay';

/**
 * Keyset paging over (departure time, id) or (price, id): each page is an index range scan, so
 * page 500 costs what page 1 does, on a million flights.
 */
export const searchFlights = operation('flights.search', async (ctx, input) => {
  const where: string[] = ['f.active = 1', 'f.seats_available >= ?'];
  const params: SqlValue[] = [input.passengers];
  await addRouteAndDay(ctx.engine.sql, input, ctx.now(), where, params);
  const sortColumn = input.sort === 'price' ? 'f.price_cents' : 'f.departure_ts_utc';
  const after = decodeCursor(input.cursor, 2);
  if (after) {
    where.push(`(${sortColumn} > ? OR (${sortColumn} = ? AND f.id > ?))`);
    params.push(after[0] ?? null, after[0] ?? null, after[1] ?? null);
  }
  const rows = await ctx.engine.sql.all<ZonedFlightRow>(
    `SELECT ${FLIGHT_COLUMNS} FROM ${FLIGHTS_WITH_ZONES} WHERE ${where.join(' AND ')} ORDER BY ${sortColumn}, f.id LIMIT ?`,
    [...params, input.limit + 1],
  );
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  const nextCursor = rows.length > input.limit && last
    ? encodeCursor([input.sort === 'price' ? Number(last.price_cents) : last.departure_ts_utc, last.id])
    : null;
  return { items: page.map(toFlightOffer), nextCursor, ...(await copyIncomplete(ctx, FLIGHT_TABLES)) };
});
