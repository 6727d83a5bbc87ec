/** 100k deterministic flight offers, shaped like flights.search results. */
import type { FlightOffer } from '../../shared/contract';
import { toLocalIso } from '../../shared/localTime';

const AIRLINES = ['Delta Air Lines', 'United Airlines', 'American Airlines', 'JetBlue', 'Alaska Airlines', 'Southwest Airlines'];
const CODES = ['DL', 'UA', 'AA', 'B6', 'AS', 'WN'];
const AIRPORTS = ['JFK', 'LAX', 'ORD', 'ATL', 'DFW', 'DEN', 'SFO', 'SEA', 'MIA', 'BOS', 'PHX', 'LAS'];
const ZONES: Record<string, string> = {
  JFK: 'America/New_York', LAX: 'America/Los_Angeles', ORD: 'America/Chicago', ATL: 'America/New_York', DFW: 'America/Chicago', DEN: 'America/Denver',
  SFO: 'America/Los_Angeles', SEA: 'America/Los_Angeles', MIA: 'America/New_York', BOS: 'America/New_York', PHX: 'America/Phoenix', LAS: 'America/Los_Angeles',
};

export function makeRows(n: number, start = Date.UTC(2026, 0, 1)): FlightOffer[] {
  const rows: FlightOffer[] = new Array(n);
  let x = 42;
  const next = () => (x = (x * 1103515245 + 12345) & 0x7fffffff);
  for (let i = 0; i < n; i++) {
    const a = next() % AIRLINES.length;
    const from = AIRPORTS[next() % AIRPORTS.length]!;
    let to = AIRPORTS[next() % AIRPORTS.length]!;
    if (to === from) to = from === 'JFK' ? 'LAX' : 'JFK';
    const depart = start + Math.floor(i / 12) * 60_000 * 7;
    const seatsTotal = 120 + (next() % 180);
    const arrive = depart + (60 + (next() % 360)) * 60_000;
    const departureTimeZone = ZONES[from]!;
    const arrivalTimeZone = ZONES[to]!;
    rows[i] = {
      id: i + 1,
      flightNumber: `${CODES[a]} ${100 + (next() % 8900)}`,
      airline: AIRLINES[a]!,
      from,
      to,
      departUtc: new Date(depart).toISOString(),
      arriveUtc: new Date(arrive).toISOString(),
      departureLocal: toLocalIso(depart, departureTimeZone),
      arrivalLocal: toLocalIso(arrive, arrivalTimeZone),
      departureTimeZone,
      arrivalTimeZone,
      priceCents: 5_900 + (next() % 60_000),
      seatsAvailable: next() % seatsTotal,
      seatsTotal,
    };
  }
  return rows;
}

export const ROW_COUNT = 100_000;
