import { toDbInstant } from '../../../../shared/time';
import type { SqlValue } from '../../engine/sql';
import { operation } from '../operation';
import { FLIGHT_COLUMNS, FLIGHTS_WITH_ZONES, toFlightOffer, type ZonedFlightRow } from '../rows';
import { localDateFilter } from '../search/localDepartureDay';

const MAX_FLIGHTS = 200;

/**
 * The schedule as a supervisor edits it: unlike flights.search it keeps full and (on request)
 * off-sale flights, since a flight taken off sale must be found to be put back on sale.
 */
export const listCatalogFlights = operation('catalog.flights.list', async (ctx, input) => {
  const where: string[] = [];
  const params: SqlValue[] = [];
  if (!input.includeInactive) where.push('f.active = 1');
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
  const rows = await ctx.engine.sql.all<ZonedFlightRow & { active: number }>(
    `SELECT ${FLIGHT_COLUMNS}, f.active FROM ${FLIGHTS_WITH_ZONES} WHERE ${where.join(' AND ')} ORDER BY f.departure_ts_utc, f.id LIMIT ?`,
    [...params, MAX_FLIGHTS]);
  return rows.map((r) => ({ ...toFlightOffer(r), active: Number(r.active) === 1 }));
});
