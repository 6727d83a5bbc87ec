import { operation } from '../operation';

export const listAirports = operation('airports.list', async (ctx) => {
  const rows = await ctx.engine.sql.all<{ iata: string; name: string; city: string; state_code: string; time_zone: string }>(
    'SELECT iata, name, city, state_code, time_zone FROM airports ORDER BY iata');
  return rows.map((r) => ({ iata: r.iata, name: r.name, city: r.city, stateCode: r.state_code, timeZone: r.time_zone }));
});
