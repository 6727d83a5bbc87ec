import { localDate } from '../../../../shared/localTime';
import { fromDbInstant, toDbInstant } from '../../../../shared/time';
import type { DealDoc } from '../../engine/deals';
import type { Engine } from '../context';
import type { InventoryChange } from '../inventory/inventoryChange';
import { discountPct as pct, median, SortedPrices } from './median';

const DAY = 86_400_000;
/** Fewer earlier prices than this and a "median" says little: no deal is claimed. */
const MIN_SAMPLES = 5;
const TRAILING_DAYS = 30;

export interface DealRule {
  /** How far under the trailing median a price must be, in percent. */
  dropPct: number;
  now: number;
}

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

function isDeal(price: number, reference: number | null, rule: DealRule): reference is number {
  return reference !== null && reference > 0 && price <= reference * (1 - rule.dropPct / 100);
}

interface FlightPrice { id: number; flight_number: string; airline: string; departure_airport: string; arrival_airport: string; departure_ts_utc: string; price_cents: number; seats_available: number }

/**
 * A flight is a deal when its fare is well under the route's fares of the 30 days before it departs.
 * One off sale is none (agents cannot sell it); put back on sale, it is judged again then.
 */
async function flightDeal(engine: Engine, flightId: number, rule: DealRule): Promise<DealDoc | null> {
  const f = await engine.sql.get<FlightPrice>(
    `SELECT id, flight_number, airline, departure_airport, arrival_airport, departure_ts_utc, price_cents, seats_available FROM flights WHERE id = ? AND active = 1`, [flightId]);
  if (!f || Number(f.seats_available) <= 0) return null;
  const departs = String(f.departure_ts_utc);
  if (departs <= toDbInstant(rule.now)) return null;
  const windowStart = toDbInstant(Date.parse(`${departs.slice(0, 10)}T00:00:00Z`) - TRAILING_DAYS * DAY);
  const earlier = await engine.sql.all<{ price_cents: number }>(
    `SELECT price_cents FROM flights WHERE departure_airport = ? AND arrival_airport = ? AND departure_ts_utc >= ? AND departure_ts_utc < ? AND id <> ?`,
    [f.departure_airport, f.arrival_airport, windowStart, departs, f.id]);
  if (earlier.length < MIN_SAMPLES) return null;
  const reference = median(earlier.map((r) => Number(r.price_cents)));
  const price = Number(f.price_cents);
  if (!isDeal(price, reference, rule)) return null;
  // The deal's day opens flights.search on it, and a search's date is local at the origin.
  const origin = await engine.sql.get<{ time_zone: string }>('SELECT time_zone FROM airports WHERE iata = ?', [f.departure_airport]);
  const day = origin ? localDate(fromDbInstant(departs), origin.time_zone) : departs.slice(0, 10);
  return {
    id: `det:flight:${f.id}:${price}`, eventType: 'deal', kind: 'flight', key: `route:${f.departure_airport}-${f.arrival_airport}`, targetId: Number(f.id),
    title: `${f.airline} ${f.flight_number} ${f.departure_airport} → ${f.arrival_airport}`, day, priceCents: price,
    referenceCents: Math.round(reference), discountPct: pct(price, reference), source: 'detector', ts: new Date(rule.now),
  };
}

interface DayTableSpec { kind: 'hotel' | 'car'; table: string; key: string; date: string; free: string }
const HOTEL_DAYS: DayTableSpec = { kind: 'hotel', table: 'hotel_inventory', key: 'room_type_id', date: 'stay_date', free: 'rooms_total - rooms_booked' };
const CAR_DAYS: DayTableSpec = { kind: 'car', table: 'car_availability', key: 'car_id', date: 'rental_date', free: 'units_total - units_booked' };

/**
 * For a room type or car: the best-discounted day in [from, to] against that listing's own
 * prices over the 30 days before it. One deal per change, so a range edit is one alert, not thirty.
 */
async function dayDeal(engine: Engine, t: DayTableSpec, keyId: number, from: string, to: string, rule: DealRule): Promise<DealDoc | null> {
  const today = new Date(rule.now).toISOString().slice(0, 10);
  const first = from > today ? from : today;
  if (first > to) return null;
  const rows = await engine.sql.all<{ day: string; price_cents: number; free: number }>(
    `SELECT ${t.date} AS day, price_cents, ${t.free} AS free FROM ${t.table} WHERE ${t.key} = ? AND ${t.date} BETWEEN ? AND ? ORDER BY ${t.date}`,
    [keyId, addDays(first, -TRAILING_DAYS), to]);
  const days = rows.map((r) => {
    const day = String(r.day).slice(0, 10);
    return { day, n: Date.parse(`${day}T00:00:00Z`) / DAY, price: Number(r.price_cents), free: Number(r.free) };
  });
  let best: { day: string; price: number; reference: number } | null = null;
  // The days are in order: the 30 days before day i are days[lo, i), lo moving forward only, and
  // their prices are kept sorted as the window slides (an import touches a listing's whole
  // season: a look back and a sort from every day was most of what an import cost).
  const window = new SortedPrices();
  let lo = 0;
  for (let i = 0; i < days.length; i++) {
    const d = days[i];
    if (!d) continue;
    if (i > 0) window.add(days[i - 1]?.price ?? 0);
    for (; lo < i && (days[lo]?.n ?? Infinity) < d.n - TRAILING_DAYS; lo++) window.remove(days[lo]?.price ?? 0);
    if (d.day < first || d.free <= 0 || window.size < MIN_SAMPLES) continue;
    const reference = window.median();
    if (!isDeal(d.price, reference, rule)) continue;
    if (!best || pct(d.price, reference) > pct(best.price, best.reference)) best = { day: d.day, price: d.price, reference };
  }
  if (!best) return null;
  const title = t.kind === 'hotel' ? await hotelTitle(engine, keyId) : await carTitle(engine, keyId);
  return {
    id: `det:${t.kind}:${keyId}:${best.day}:${best.price}`, eventType: 'deal', kind: t.kind, key: `${t.kind}:${keyId}`, targetId: keyId,
    title, day: best.day, priceCents: best.price, referenceCents: Math.round(best.reference), discountPct: pct(best.price, best.reference),
    source: 'detector', ts: new Date(rule.now),
  };
}

async function hotelTitle(engine: Engine, roomTypeId: number): Promise<string> {
  const r = await engine.sql.get<{ hotel: string; room: string; city: string }>(
    'SELECT h.name AS hotel, rt.name AS room, h.city AS city FROM hotel_room_types rt JOIN hotels h ON h.id = rt.hotel_id WHERE rt.id = ?', [roomTypeId]);
  return r ? `${r.hotel}, ${r.city} — ${r.room}` : `Room type ${roomTypeId}`;
}

async function carTitle(engine: Engine, carId: number): Promise<string> {
  const r = await engine.sql.get<{ company: string; model: string; city: string }>('SELECT company, model, city FROM cars WHERE id = ?', [carId]);
  return r ? `${r.company} ${r.model}, ${r.city}` : `Car ${carId}`;
}

/** Looks at what just changed and records any deal it made; returns how many deals are new. */
export async function detectDeals(engine: Engine, changes: InventoryChange[], rule: DealRule): Promise<number> {
  let added = 0;
  for (const c of changes) {
    const deal = c.kind === 'flight' ? await flightDeal(engine, c.flightId, rule)
      : c.kind === 'hotel' ? await dayDeal(engine, HOTEL_DAYS, c.roomTypeId, c.from, c.to, rule)
        : await dayDeal(engine, CAR_DAYS, c.carId, c.from, c.to, rule);
    if (deal && (await engine.docs.deals.insertDeal(deal))) added++;
  }
  return added;
}
