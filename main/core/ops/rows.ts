import { ContractError, type FlightOffer } from '../../../shared/contract';
import { fromDbInstant } from '../../../shared/time';

export interface FlightRow {
  id: number; flight_number: string; airline: string; departure_airport: string; arrival_airport: string;
  departure_ts_utc: string; arrival_ts_utc: string; seats_total: number; seats_available: number; price_cents: number;
  row_version: number;
}

export const FLIGHT_COLUMNS =
  'id, flight_number, airline, departure_airport, arrival_airport, departure_ts_utc, arrival_ts_utc, seats_total, seats_available, price_cents, row_version';

export function toFlightOffer(r: FlightRow): FlightOffer {
  return {
    id: r.id, flightNumber: r.flight_number, airline: r.airline, from: r.departure_airport, to: r.arrival_airport,
    departUtc: fromDbInstant(r.departure_ts_utc), arriveUtc: fromDbInstant(r.arrival_ts_utc),
    priceCents: Number(r.price_cents), seatsAvailable: r.seats_available, seatsTotal: r.seats_total,
  };
}

export function encodeCursor(parts: (string | number)[]): string {
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

/** The position a paged search stopped at; a cursor this search did not make is VALIDATION. */
export function decodeCursor(cursor: string | undefined, arity: number): (string | number)[] | null {
  if (!cursor) return null;
  try {
    const parts = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(parts) && parts.length === arity && parts.every((p) => typeof p === 'string' || typeof p === 'number')) return parts;
  } catch {
    // fall through to the validation error
  }
  throw new ContractError('VALIDATION', 'cursor: not a cursor from this search; start again without it.');
}
