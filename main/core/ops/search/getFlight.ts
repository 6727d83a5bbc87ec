import { ContractError } from '../../../../shared/contract';
import { FLIGHT_COLUMNS, FLIGHTS_WITH_ZONES, toFlightOffer, type ZonedFlightRow } from '../rows';
import { operation } from '../operation';

/** One flight as it stands now (seats and price), departed or not. */
export const getFlight = operation('flights.get', async (ctx, input) => {
  const row = await ctx.engine.sql.get<ZonedFlightRow>(`SELECT ${FLIGHT_COLUMNS} FROM ${FLIGHTS_WITH_ZONES} WHERE f.id = ?`, [input.flightId]);
  if (!row) throw new ContractError('NOT_FOUND', `No flight ${input.flightId}.`);
  return toFlightOffer(row);
});
