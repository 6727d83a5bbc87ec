import {
  MAX_CONNECTION_MINUTES, MIN_CONNECTION_MINUTES, type FlightOffer, type TripLegOption,
} from '../../../../shared/contract';
import { localDayUtcWindow } from '../../../../shared/localTime';
import { toDbInstant } from '../../../../shared/time';
import { placeholders, type SqlSession } from '../../engine/sql';
import { FLIGHT_COLUMNS, FLIGHTS_WITH_ZONES, toFlightOffer, type ZonedFlightRow } from '../rows';

const MINUTE_MS = 60_000;
/**
 * The candidate sets are bounded, so a search costs the same on a million flights as on a
 * thousand: the cheapest nonstops, the cheapest first flights of a connection out of the origin
 * that day, and the onward flights from their airports within the connection window. A busy hub
 * day out of JFK is about a hundred flights, well under the first bound.
 */
const NONSTOP_LIMIT = 60;
const FIRST_FLIGHT_LIMIT = 300;
const ONWARD_FLIGHT_LIMIT = 2000;
/** Per leg, the cheapest ways kept for pairing with the other legs. */
export const LEG_OPTIONS_LIMIT = 60;

export interface LegQuery { from: string; to: string; date: string; passengers: number; maxStops: 0 | 1; nowMs: number }

const ms = (iso: string) => Date.parse(iso);
const minutesBetween = (fromIso: string, toIso: string) => Math.round((ms(toIso) - ms(fromIso)) / MINUTE_MS);

function legOf(segments: FlightOffer[], passengers: number): TripLegOption {
  const first = segments[0]!;
  const last = segments[segments.length - 1]!;
  const connections = segments.slice(1).map((s, i) => ({ airport: s.from, minutes: minutesBetween(segments[i]!.arriveUtc, s.departUtc) }));
  return {
    segments, connections, departUtc: first.departUtc, arriveUtc: last.arriveUtc,
    durationMinutes: minutesBetween(first.departUtc, last.arriveUtc),
    priceCents: segments.reduce((sum, s) => sum + s.priceCents, 0) * passengers,
  };
}

const byPriceThenDeparture = (a: TripLegOption, b: TripLegOption) =>
  a.priceCents - b.priceCents || a.departUtc.localeCompare(b.departUtc) || a.durationMinutes - b.durationMinutes;

/**
 * The ways to fly one leg, cheapest first: nonstops, and (maxStops 1) two flights joined at one
 * airport with 45 minutes to 6 hours between landing and leaving, computed on UTC instants. The
 * date is the local departure date at the origin, as flights.search reads it.
 */
export async function legOptions(db: SqlSession, q: LegQuery): Promise<TripLegOption[]> {
  const origin = await db.get<{ time_zone: string }>('SELECT time_zone FROM airports WHERE iata = ?', [q.from]);
  if (!origin) return [];
  const day = localDayUtcWindow(q.date, origin.time_zone);
  // Departed flights are not for sale (holds refuse them); a search for today starts now.
  const start = toDbInstant(Math.max(day.startMs, q.nowMs));
  const end = toDbInstant(day.endMs);
  if (start >= end) return [];

  const nonstops = await db.all<ZonedFlightRow>(
    `SELECT ${FLIGHT_COLUMNS} FROM ${FLIGHTS_WITH_ZONES}
      WHERE f.departure_airport = ? AND f.arrival_airport = ? AND f.departure_ts_utc >= ? AND f.departure_ts_utc < ? AND f.seats_available >= ? AND f.active = 1
      ORDER BY f.price_cents, f.departure_ts_utc, f.id LIMIT ?`,
    [q.from, q.to, start, end, q.passengers, NONSTOP_LIMIT]);
  const options = nonstops.map((r) => legOf([toFlightOffer(r)], q.passengers));
  if (q.maxStops === 1) options.push(...await connections(db, q, start, end));
  return options.sort(byPriceThenDeparture).slice(0, LEG_OPTIONS_LIMIT);
}

async function connections(db: SqlSession, q: LegQuery, start: string, end: string): Promise<TripLegOption[]> {
  const firsts = (await db.all<ZonedFlightRow>(
    `SELECT ${FLIGHT_COLUMNS} FROM ${FLIGHTS_WITH_ZONES}
      WHERE f.departure_airport = ? AND f.arrival_airport <> ? AND f.departure_ts_utc >= ? AND f.departure_ts_utc < ? AND f.seats_available >= ? AND f.active = 1
      ORDER BY f.price_cents, f.departure_ts_utc, f.id LIMIT ?`,
    [q.from, q.to, start, end, q.passengers, FIRST_FLIGHT_LIMIT])).map(toFlightOffer);
  if (firsts.length === 0) return [];
  const hubs = [...new Set(firsts.map((f) => f.to))];
  const earliest = Math.min(...firsts.map((f) => ms(f.arriveUtc))) + MIN_CONNECTION_MINUTES * MINUTE_MS;
  const latest = Math.max(...firsts.map((f) => ms(f.arriveUtc))) + MAX_CONNECTION_MINUTES * MINUTE_MS;
  const onward = (await db.all<ZonedFlightRow>(
    `SELECT ${FLIGHT_COLUMNS} FROM ${FLIGHTS_WITH_ZONES}
      WHERE f.departure_airport IN (${placeholders(hubs.length)}) AND f.arrival_airport = ? AND f.departure_ts_utc >= ? AND f.departure_ts_utc <= ? AND f.seats_available >= ? AND f.active = 1
      ORDER BY f.price_cents, f.departure_ts_utc, f.id LIMIT ?`,
    [...hubs, q.to, toDbInstant(earliest), toDbInstant(latest), q.passengers, ONWARD_FLIGHT_LIMIT])).map(toFlightOffer);
  const fromHub = new Map<string, FlightOffer[]>();
  for (const f of onward) fromHub.set(f.from, [...(fromHub.get(f.from) ?? []), f]);
  const out: TripLegOption[] = [];
  for (const first of firsts) {
    for (const second of fromHub.get(first.to) ?? []) {
      const ground = minutesBetween(first.arriveUtc, second.departUtc);
      if (ground >= MIN_CONNECTION_MINUTES && ground <= MAX_CONNECTION_MINUTES) out.push(legOf([first, second], q.passengers));
    }
  }
  return out;
}
