import type { SqlValue } from '../../engine/sql';
import { operation } from '../operation';
import { FLIGHT_COLUMNS, FLIGHTS_WITH_ZONES, toFlightOffer, type ZonedFlightRow } from '../rows';
import { addRouteAndDay } from '../search/localDepartureDay';

const MAX_FLIGHTS = 200;

/**
 * The schedule as a supervisor edits it: unlike flights.search it keeps full and (on request)
 * off-sale flights, since a flight taken off sale must be found to be put back on sale.
 */
export const listCatalogFlights = operation('catalog.flights.list', async (ctx, input) => {
  const where: string[] = [];
  const params: SqlValue[] = [];
  if (!input.includeInactive) where.push('f.active = 1');
  await addRouteAndDay(ctx.engine.sql, input, ctx.now(), where, params);
  const rows = await ctx.engine.sql.all<ZonedFlightRow & { active: number }>(
    `SELECT ${FLIGHT_COLUMNS}, f.active FROM ${FLIGHTS_WITH_ZONES} WHERE ${where.join(' AND ')} ORDER BY f.departure_ts_utc, f.id LIMIT ?`,
    [...params, MAX_FLIGHTS]);
  return rows.map((r) => ({ ...toFlightOffer(r), active: Number(r.active) === 1 }));
});
