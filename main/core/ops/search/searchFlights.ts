import { anyZoneDayUtcWindow, localDayUtcWindow } from '../../../../shared/localTime';
import { toDbInstant } from '../../../../shared/time';
import type { SqlSession, SqlValue } from '../../engine/sql';
import { decodeCursor, encodeCursor, FLIGHT_COLUMNS, FLIGHTS_WITH_ZONES, toFlightOffer, type ZonedFlightRow } from '../rows';
import { operation } from '../operation';
import { copyIncomplete, FLIGHT_TABLES } from './copyIncomplete';

/**
 * `date` is the local departure date at the origin, as on the ticket: a 23:30 departure from LAX on
 * 3 December is a 3 December flight though it leaves on the 4th in UTC. With `from`, that is one
 * exact UTC window (23 or 25 hours on the nights the clocks change). Without it, the query scans the
 * window that holds the date in every zone and keeps, per origin zone, that zone's exact window: still
 * one index range, and the filter is in SQL, so LIMIT and the cursor see exactly the rows returned.
 */
async function localDateFilter(db: SqlSession, date: string, from: string | undefined): Promise<{ where: string[]; params: SqlValue[] }> {
  if (from) {
    const origin = await db.get<{ time_zone: string }>('SELECT time_zone FROM airports WHERE iata = ?', [from]);
    // No such airport: no flights from it either; the window of any zone finds none.
    const w = origin ? localDayUtcWindow(date, origin.time_zone) : anyZoneDayUtcWindow(date);
    return { where: ['f.departure_ts_utc >= ?', 'f.departure_ts_utc < ?'], params: [toDbInstant(w.startMs), toDbInstant(w.endMs)] };
  }
  const wide = anyZoneDayUtcWindow(date);
  const zones = await db.all<{ time_zone: string }>('SELECT DISTINCT time_zone FROM airports ORDER BY time_zone');
  const params: SqlValue[] = [toDbInstant(wide.startMs), toDbInstant(wide.endMs)];
  const perZone = zones.map((z) => {
    const w = localDayUtcWindow(date, z.time_zone);
    params.push(z.time_zone, toDbInstant(w.startMs), toDbInstant(w.endMs));
    return '(dep.time_zone = ? AND f.departure_ts_utc >= ? AND f.departure_ts_utc < ?)';
  });
  return {
    where: ['f.departure_ts_utc >= ?', 'f.departure_ts_utc < ?', perZone.length > 0 ? `(${perZone.join(' OR ')})` : '1 = 0'],
    params,
  };
}

/**
 * Keyset paging over (departure time, id) or (price, id): each page is an index range scan, so
 * page 500 costs what page 1 does, on a million flights.
 */
export const searchFlights = operation('flights.search', async (ctx, input) => {
  const where: string[] = ['f.active = 1', 'f.seats_available >= ?'];
  const params: SqlValue[] = [input.passengers];
  if (input.from) { where.push('f.departure_airport = ?'); params.push(input.from); }
  if (input.to) { where.push('f.arrival_airport = ?'); params.push(input.to); }
  if (input.date) {
    const byDate = await localDateFilter(ctx.engine.sql, input.date, input.from);
    where.push(...byDate.where);
    params.push(...byDate.params);
  } else {
    where.push('f.departure_ts_utc >= ?');
    params.push(toDbInstant(ctx.now()));
  }
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
