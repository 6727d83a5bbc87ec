import { ContractError, type FlightOffer } from '../../../shared/contract';
import { toLocalIso } from '../../../shared/localTime';
import { fromDbInstant } from '../../../shared/time';
import type { SqlSession } from '../engine/sql';

export interface FlightRow {
  id: number; flight_number: string; airline: string; departure_airport: string; arrival_airport: string;
  departure_ts_utc: string; arrival_ts_utc: string; seats_total: number; seats_available: number; price_cents: number;
  row_version: number;
}

/** A flight row with both airports' zones, as FLIGHT_COLUMNS FROM FLIGHTS_WITH_ZONES selects it. */
export interface ZonedFlightRow extends FlightRow { departure_time_zone: string; arrival_time_zone: string }

export const FLIGHT_COLUMNS =
  'f.id, f.flight_number, f.airline, f.departure_airport, f.arrival_airport, f.departure_ts_utc, f.arrival_ts_utc, f.seats_total, f.seats_available, f.price_cents, f.row_version, '
  + 'dep.time_zone AS departure_time_zone, arr.time_zone AS arrival_time_zone';

/** Flights as `f` with their two airports (primary-key lookups): an offer states local times. */
export const FLIGHTS_WITH_ZONES =
  'flights f JOIN airports dep ON dep.iata = f.departure_airport JOIN airports arr ON arr.iata = f.arrival_airport';

/**
 * The zones of a flight's two airports, read apart from a locked flight row: a join under FOR UPDATE
 * would lock the airports too, and every resize at JFK would queue behind every other.
 */
export async function withZones(db: SqlSession, r: FlightRow): Promise<ZonedFlightRow> {
  const zones = await db.all<{ iata: string; time_zone: string }>(
    'SELECT iata, time_zone FROM airports WHERE iata IN (?, ?)', [r.departure_airport, r.arrival_airport]);
  const zoneOf = (iata: string): string => {
    const z = zones.find((a) => a.iata === iata);
    if (!z) throw new Error(`flight ${r.id}: no airport ${iata}`);
    return z.time_zone;
  };
  return { ...r, departure_time_zone: zoneOf(r.departure_airport), arrival_time_zone: zoneOf(r.arrival_airport) };
}

export function toFlightOffer(r: ZonedFlightRow): FlightOffer {
  const departUtc = fromDbInstant(r.departure_ts_utc);
  const arriveUtc = fromDbInstant(r.arrival_ts_utc);
  return {
    id: r.id, flightNumber: r.flight_number, airline: r.airline, from: r.departure_airport, to: r.arrival_airport,
    departUtc, arriveUtc,
    departureLocal: toLocalIso(departUtc, r.departure_time_zone), arrivalLocal: toLocalIso(arriveUtc, r.arrival_time_zone),
    departureTimeZone: r.departure_time_zone, arrivalTimeZone: r.arrival_time_zone,
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
