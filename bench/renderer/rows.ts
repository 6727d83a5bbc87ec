/** 100k deterministic flight offers, shaped like flights.search results. */
import type { FlightOffer } from '../../shared/contract';

const AIRLINES = ['Delta Air Lines', 'United Airlines', 'American Airlines', 'JetBlue', 'Alaska Airlines', 'Southwest Airlines'];
const CODES = ['DL', 'UA', 'AA', 'B6', 'AS', 'WN'];
const AIRPORTS = ['JFK', 'LAX', 'ORD', 'ATL', 'DFW', 'DEN', 'SFO', 'SEA', 'MIA', 'BOS', 'PHX', 'LAS'];

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
    rows[i] = {
      id: i + 1,
      flightNumber: `${CODES[a]} ${100 + (next() % 8900)}`,
      airline: AIRLINES[a]!,
      from,
      to,
      departUtc: new Date(depart).toISOString(),
      arriveUtc: new Date(depart + (60 + (next() % 360)) * 60_000).toISOString(),
      priceCents: 5_900 + (next() % 60_000),
      seatsAvailable: next() % seatsTotal,
      seatsTotal,
    };
  }
  return rows;
}

export const ROW_COUNT = 100_000;
