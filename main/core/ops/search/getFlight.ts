import { ContractError } from '../../../../shared/contract';
import { FLIGHT_COLUMNS, toFlightOffer, type FlightRow } from '../rows';
import { operation } from '../operation';

/** One flight as it stands now (seats and price), departed or not. */
export const getFlight = operation('flights.get', async (ctx, input) => {
  const row = await ctx.engine.sql.get<FlightRow>(`SELECT ${FLIGHT_COLUMNS} FROM flights WHERE id = ?`, [input.flightId]);
  if (!row) throw new ContractError('NOT_FOUND', `No flight ${input.flightId}.`);
  return toFlightOffer(row);
});
