import type { Watch, WatchHit } from '../../../../shared/contract';
import type { WatchDoc, WatchProbe } from '../../engine/watches';
import type { Engine } from '../context';
import type { InventoryChange } from '../inventory/inventoryChange';
import { toWatch } from './watchShape';
import { localDate, localDayUtcWindow } from '../../../../shared/localTime';
import { fromDbInstant, toDbInstant } from '../../../../shared/time';

/** A route watch's days are local departure dates at the origin, as flights.search reads a date. */
async function originZone(engine: Engine, iata: string): Promise<string | null> {
  return (await engine.sql.get<{ time_zone: string }>('SELECT time_zone FROM airports WHERE iata = ?', [iata]))?.time_zone ?? null;
}

const later = (a: string, b: string) => (a > b ? a : b);
const earlier = (a: string, b: string) => (a < b ? a : b);

/** The best thing on sale for a watch right now, or null: the cheapest listing with room in its dates. */
async function bestOffer(engine: Engine, w: WatchDoc, within?: { from: string; to: string }): Promise<WatchHit | null> {
  const t = w.target;
  const from = within ? later(t.dateFrom, within.from) : t.dateFrom;
  const to = within ? earlier(t.dateTo, within.to) : t.dateTo;
  if (from > to) return null;
  if (t.kind === 'route') {
    const zone = await originZone(engine, t.from);
    if (!zone) return null;
    const f = await engine.sql.get<{ id: number; airline: string; flight_number: string; departure_ts_utc: string; price_cents: number; seats_available: number }>(
      `SELECT id, airline, flight_number, departure_ts_utc, price_cents, seats_available FROM flights
        WHERE departure_airport = ? AND arrival_airport = ? AND departure_ts_utc >= ? AND departure_ts_utc < ? AND seats_available > 0
        ORDER BY price_cents, departure_ts_utc LIMIT 1`,
      [t.from, t.to, toDbInstant(localDayUtcWindow(from, zone).startMs), toDbInstant(localDayUtcWindow(to, zone).endMs)]);
    return f ? {
      refKind: 'flight', refId: Number(f.id), label: `${f.airline} ${f.flight_number} ${t.from} → ${t.to}`,
      day: localDate(fromDbInstant(String(f.departure_ts_utc)), zone),
      priceCents: Number(f.price_cents), available: Number(f.seats_available),
    } : null;
  }
  if (t.kind === 'hotel') {
    const r = await engine.sql.get<{ room_type_id: number; stay_date: string; price_cents: number; free: number; room: string; hotel: string }>(
      `SELECT hi.room_type_id, hi.stay_date, hi.price_cents, hi.rooms_total - hi.rooms_booked AS free, rt.name AS room, h.name AS hotel
         FROM hotel_inventory hi JOIN hotel_room_types rt ON rt.id = hi.room_type_id JOIN hotels h ON h.id = rt.hotel_id
        WHERE rt.hotel_id = ? AND hi.stay_date BETWEEN ? AND ? AND hi.rooms_total > hi.rooms_booked
        ORDER BY hi.price_cents, hi.stay_date LIMIT 1`,
      [t.hotelId, from, to]);
    return r ? {
      refKind: 'hotel', refId: Number(r.room_type_id), label: `${r.hotel} — ${r.room}`, day: String(r.stay_date).slice(0, 10),
      priceCents: Number(r.price_cents), available: Number(r.free),
    } : null;
  }
  const c = await engine.sql.get<{ rental_date: string; price_cents: number; free: number; company: string; model: string }>(
    `SELECT ca.rental_date, ca.price_cents, ca.units_total - ca.units_booked AS free, c.company, c.model
       FROM car_availability ca JOIN cars c ON c.id = ca.car_id
      WHERE ca.car_id = ? AND ca.rental_date BETWEEN ? AND ? AND ca.units_total > ca.units_booked
      ORDER BY ca.price_cents, ca.rental_date LIMIT 1`,
    [t.carId, from, to]);
  return c ? {
    refKind: 'car', refId: t.carId, label: `${c.company} ${c.model}`, day: String(c.rental_date).slice(0, 10),
    priceCents: Number(c.price_cents), available: Number(c.free),
  } : null;
}

function satisfied(w: WatchDoc, hit: WatchHit | null): hit is WatchHit {
  if (!hit) return false;
  return w.condition.kind === 'available' || hit.priceCents <= w.condition.priceCents;
}

/** Which watches a change can concern, as store lookups. */
async function probesFor(engine: Engine, c: InventoryChange): Promise<Array<{ probe: WatchProbe; within?: { from: string; to: string } }>> {
  if (c.kind === 'flight') {
    const f = await engine.sql.get<{ departure_airport: string; arrival_airport: string; departure_ts_utc: string }>(
      'SELECT departure_airport, arrival_airport, departure_ts_utc FROM flights WHERE id = ?', [c.flightId]);
    if (!f) return [];
    const zone = await originZone(engine, f.departure_airport);
    if (!zone) return [];
    const day = localDate(fromDbInstant(String(f.departure_ts_utc)), zone);
    return [{ probe: { kind: 'route', from: f.departure_airport, to: f.arrival_airport, day }, within: { from: day, to: day } }];
  }
  if (c.kind === 'hotel') {
    const rt = await engine.sql.get<{ hotel_id: number }>('SELECT hotel_id FROM hotel_room_types WHERE id = ?', [c.roomTypeId]);
    if (!rt) return [];
    return [{ probe: { kind: 'hotel', hotelId: Number(rt.hotel_id), fromDay: c.from, toDay: c.to }, within: { from: c.from, to: c.to } }];
  }
  return [{ probe: { kind: 'car', carId: c.carId, fromDay: c.from, toDay: c.to }, within: { from: c.from, to: c.to } }];
}

/**
 * Fires the watches a change satisfies. A watch fires once: the store marks it triggered only if
 * it is still active, so two consoles that see the same change do not both alert.
 */
export async function evaluateWatches(engine: Engine, changes: InventoryChange[], now: number): Promise<Watch[]> {
  const fired: Watch[] = [];
  const seen = new Set<string>();
  for (const c of changes) {
    for (const { probe, within } of await probesFor(engine, c)) {
      for (const w of await engine.docs.watches.activeWatchesFor(probe)) {
        if (seen.has(w.id)) continue;
        seen.add(w.id);
        const fresh = await fireIfSatisfied(engine, w, now, within);
        if (fresh) fired.push(fresh);
      }
    }
  }
  return fired;
}

/** Checks one watch against what is on sale (within part of its dates, when a change says where to look). */
export async function fireIfSatisfied(engine: Engine, w: WatchDoc, now: number, within?: { from: string; to: string }): Promise<Watch | null> {
  const hit = await bestOffer(engine, w, within);
  if (!satisfied(w, hit)) return null;
  if (!(await engine.docs.watches.markTriggered(w.id, new Date(now), hit))) return null;
  return toWatch({ ...w, status: 'triggered', triggeredAt: new Date(now), hit });
}
