import { toDbInstant } from '../../../../shared/time';
import type { Engine } from '../context';
import { detectDeals, type DealRule } from './detectDeals';
import { median } from './median';

const DAY = 86_400_000;

export interface ScanReport { flights: number; hotels: number; cars: number; added: number }

/**
 * The detector's sweep over what is on sale soon, so the console has deals even when nothing has
 * changed since it started and no pipeline is configured. Deal ids are stable per listing and
 * price, so a second sweep adds only what is new. Flights are judged in one pass per route;
 * rooms and cars per listing, the same way a change is judged.
 */
export async function scanForDeals(engine: Engine, rule: DealRule, horizonDays = 14): Promise<ScanReport> {
  const report: ScanReport = { flights: 0, hotels: 0, cars: 0, added: 0 };
  const horizon = toDbInstant(rule.now + horizonDays * DAY);
  const flights = await engine.sql.all<{ id: number; departure_airport: string; arrival_airport: string; departure_ts_utc: string; price_cents: number }>(
    `SELECT id, departure_airport, arrival_airport, departure_ts_utc, price_cents FROM flights
      WHERE departure_ts_utc >= ? AND departure_ts_utc < ? ORDER BY departure_ts_utc`,
    [toDbInstant(rule.now - 30 * DAY), horizon]);
  const byRoute = new Map<string, Array<{ id: number; at: number; price: number }>>();
  for (const f of flights) {
    const route = `${f.departure_airport}-${f.arrival_airport}`;
    const list = byRoute.get(route) ?? [];
    list.push({ id: Number(f.id), at: Date.parse(`${String(f.departure_ts_utc).replace(' ', 'T')}Z`), price: Number(f.price_cents) });
    byRoute.set(route, list);
  }
  const candidates: number[] = [];
  for (const list of byRoute.values()) {
    let start = 0;
    for (let i = 0; i < list.length; i++) {
      const f = list[i];
      if (!f || f.at < rule.now) continue;
      while ((list[start]?.at ?? Infinity) < f.at - 30 * DAY) start++;
      const reference = median(list.slice(start, i).map((e) => e.price));
      if (i - start >= 5 && reference !== null && f.price <= reference * (1 - rule.dropPct / 100)) candidates.push(f.id);
    }
  }
  report.flights = candidates.length;
  report.added += await detectDeals(engine, candidates.map((flightId) => ({ kind: 'flight' as const, flightId })), rule);

  const from = new Date(rule.now).toISOString().slice(0, 10);
  const to = new Date(rule.now + horizonDays * DAY).toISOString().slice(0, 10);
  const roomTypes = await engine.sql.all<{ id: number }>('SELECT id FROM hotel_room_types ORDER BY id');
  report.hotels = roomTypes.length;
  report.added += await detectDeals(engine, roomTypes.map((r) => ({ kind: 'hotel' as const, roomTypeId: Number(r.id), from, to })), rule);
  const cars = await engine.sql.all<{ id: number }>('SELECT id FROM cars ORDER BY id');
  report.cars = cars.length;
  report.added += await detectDeals(engine, cars.map((c) => ({ kind: 'car' as const, carId: Number(c.id), from, to })), rule);
  return report;
}
