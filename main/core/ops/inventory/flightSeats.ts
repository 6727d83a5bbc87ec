import { ContractError } from '../../../../shared/contract';
import type { SqlSession } from '../../engine/sql';
import type { FlightRow } from '../rows';
import { settleFlightShortfall } from './shortfalls';

/** A flight on sale with its airports' zones, when the mirror has them (a booking's answer shows local times). */
export interface SaleFlightRow extends FlightRow { departure_time_zone: string | null; arrival_time_zone: string | null }

/** The flight a sale is for, as it is now; NOT_FOUND, or CONFLICT once it has departed. */
export async function flightForSale(tx: SqlSession, flightId: number, nowUtc: string): Promise<SaleFlightRow> {
  // The zones come in the same read (primary-key lookups) rather than a second query after the sale.
  const flight = await tx.get<SaleFlightRow & { active: number }>(
    `SELECT f.id, f.price_cents, f.seats_available, f.seats_total, f.departure_ts_utc, f.arrival_ts_utc, f.flight_number, f.airline,
            f.departure_airport, f.arrival_airport, f.row_version, f.active, dep.time_zone AS departure_time_zone, arr.time_zone AS arrival_time_zone
       FROM flights f LEFT JOIN airports dep ON dep.iata = f.departure_airport LEFT JOIN airports arr ON arr.iata = f.arrival_airport
      WHERE f.id = ?`,
    [flightId]);
  if (!flight) throw new ContractError('NOT_FOUND', `No flight ${flightId}.`);
  // Off sale is sold out to the agent: the same fix applies (pick another flight).
  if (Number(flight.active) !== 1) throw new ContractError('SOLD_OUT', `Flight ${flight.flight_number} has been taken off sale.`, { flightId, seatsAvailable: 0, offSale: true });
  if (flight.departure_ts_utc <= nowUtc) throw new ContractError('CONFLICT', `Flight ${flight.flight_number} has already departed.`, { flightId });
  return flight;
}

/**
 * Takes seats off sale. The decrement is conditional, so two agents racing for the last seat
 * cannot both win: the loser's UPDATE matches no row and answers SOLD_OUT. On MySQL this locks
 * the flight's row until COMMIT.
 */
export async function decrementSeats(tx: SqlSession, flight: Pick<FlightRow, 'id' | 'flight_number'>, seats: number, nowUtc: string): Promise<void> {
  const res = await tx.run(
    'UPDATE flights SET seats_available = seats_available - ?, row_version = row_version + 1, updated_at_utc = ? WHERE id = ? AND seats_available >= ?',
    [seats, nowUtc, flight.id, seats]);
  if (res.affectedRows === 0) {
    const now = await tx.get<{ seats_available: number }>('SELECT seats_available FROM flights WHERE id = ?', [flight.id]);
    throw new ContractError('SOLD_OUT', `Only ${now?.seats_available ?? 0} seat(s) left on ${flight.flight_number}.`, {
      flightId: flight.id, seatsAvailable: now?.seats_available ?? 0, requested: seats,
    });
  }
}

export async function takeSeats(tx: SqlSession, flightId: number, seats: number, nowUtc: string): Promise<SaleFlightRow> {
  const flight = await flightForSale(tx, flightId, nowUtc);
  await decrementSeats(tx, flight, seats, nowUtc);
  return flight;
}

export async function returnSeats(tx: SqlSession, flightId: number, seats: number, nowUtc: string): Promise<void> {
  await tx.run(
    'UPDATE flights SET seats_available = seats_available + ?, row_version = row_version + 1, updated_at_utc = ? WHERE id = ? AND seats_available + ? <= seats_total',
    [seats, nowUtc, flightId, seats]);
  // An overbooked flight keeps what came back off sale until it fits the seats wanted.
  await settleFlightShortfall(tx, flightId, nowUtc);
}
