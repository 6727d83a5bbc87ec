/**
 * The daily figures behind `analytics_aggregates`, computed from the bookings tables for a run of
 * whole UTC days on either engine (MySQL or SQLite: the SQL below runs on both).
 *
 * What is counted, and on which day:
 *  - bookings and revenue on the day a booking was made (created_at_utc): revenue is the gross
 *    amount charged then (bookings.total_cents), before any refund; bookings whose payment failed
 *    were never sold and are left out everywhere.
 *  - cancellations and refunds on the day they happened (booking_items.cancelled_at_utc): one
 *    cancellation per cancel action on a booking (all items cancelled together share the instant),
 *    and the refund given for the cancelled items (booking_items.refund_cents; billing keeps only a
 *    running total per booking, so it cannot say which day a refund was for).
 *  - day, kind (booking type), state (the customer's state) and operator (who booked) describe the
 *    whole booking. route and hotel describe items: a booking counts once for every route or hotel
 *    it holds, with that item's share of the revenue and refund, so their totals cover only the
 *    flights or the stays and are not the grand totals.
 */
import type { AnalyticsGroupBy } from '../../../../shared/contract';
import { addDays, DAY_MS } from '../../../../shared/time';
import { placeholders, type SqlSession } from '../../engine/sql';
import type { RollupDoc } from '../../engine/rollups';

const dayStart = (day: string) => `${day} 00:00:00.000`;
const NONE = 'none';

interface Figures { bookings: number; revenueCents: number; events: Set<string>; refundCents: number }
interface Cell { kind: AnalyticsGroupBy; day: string; key: string; figures: Figures }

const KIND_LABELS: Record<string, string> = { flight: 'Flight', hotel: 'Hotel', car: 'Car', package: 'Package' };

/** Collects figures per (dimension, day, key) before they become documents. */
class Cells {
  readonly map = new Map<string, Cell>();
  at(kind: AnalyticsGroupBy, day: string, key: string): Figures {
    const id = `${kind}|${day}|${key}`;
    let cell = this.map.get(id);
    if (!cell) {
      cell = { kind, day, key, figures: { bookings: 0, revenueCents: 0, events: new Set(), refundCents: 0 } };
      this.map.set(id, cell);
    }
    return cell.figures;
  }
  sold(kind: AnalyticsGroupBy, day: string, key: string, bookings: unknown, cents: unknown): void {
    const f = this.at(kind, day, key);
    f.bookings += Number(bookings);
    f.revenueCents += Number(cents);
  }
}

const keyOf = (v: unknown) => (v === null || v === undefined || v === '' ? NONE : String(v));

/** Bookings made in [from, to): GROUP BY per dimension on the server, one scan each. */
async function addSales(db: SqlSession, cells: Cells, from: string, to: string): Promise<void> {
  const range = [dayStart(from), dayStart(to)];
  const live = "b.created_at_utc >= ? AND b.created_at_utc < ? AND b.status <> 'payment_failed'";
  // day, kind and operator in one grouping: a few rows per day, folded three ways below.
  const byKindOperator = await db.all<{ day: string; kind: string; op: number | null; n: number; cents: number }>(
    `SELECT DATE(b.created_at_utc) AS day, b.booking_type AS kind, b.created_by_admin_id AS op, COUNT(*) AS n, SUM(b.total_cents) AS cents
     FROM bookings b WHERE ${live} GROUP BY DATE(b.created_at_utc), b.booking_type, b.created_by_admin_id`, range);
  for (const r of byKindOperator) {
    cells.sold('day', r.day, r.day, r.n, r.cents);
    cells.sold('kind', r.day, r.kind, r.n, r.cents);
    cells.sold('operator', r.day, keyOf(r.op), r.n, r.cents);
  }
  const byState = await db.all<{ day: string; state: string | null; n: number; cents: number }>(
    `SELECT DATE(b.created_at_utc) AS day, u.state_code AS state, COUNT(*) AS n, SUM(b.total_cents) AS cents
     FROM bookings b LEFT JOIN users u ON u.id = b.user_id WHERE ${live} GROUP BY DATE(b.created_at_utc), u.state_code`, range);
  for (const r of byState) cells.sold('state', r.day, keyOf(r.state), r.n, r.cents);
  // A device's cache may lack an old flight or room type: its items count under "none".
  const byRoute = await db.all<{ day: string; dep: string | null; arr: string | null; n: number; cents: number }>(
    `SELECT DATE(b.created_at_utc) AS day, f.departure_airport AS dep, f.arrival_airport AS arr, COUNT(DISTINCT b.id) AS n, SUM(i.total_cents) AS cents
     FROM bookings b JOIN booking_items i ON i.booking_id = b.id LEFT JOIN flights f ON f.id = i.item_id
     WHERE ${live} AND i.item_type = 'flight' GROUP BY DATE(b.created_at_utc), f.departure_airport, f.arrival_airport`, range);
  for (const r of byRoute) cells.sold('route', r.day, r.dep && r.arr ? `${r.dep}-${r.arr}` : NONE, r.n, r.cents);
  const byHotel = await db.all<{ day: string; hotel: number | null; n: number; cents: number }>(
    `SELECT DATE(b.created_at_utc) AS day, rt.hotel_id AS hotel, COUNT(DISTINCT b.id) AS n, SUM(i.total_cents) AS cents
     FROM bookings b JOIN booking_items i ON i.booking_id = b.id LEFT JOIN hotel_room_types rt ON rt.id = i.item_id
     WHERE ${live} AND i.item_type = 'hotel' GROUP BY DATE(b.created_at_utc), rt.hotel_id`, range);
  for (const r of byHotel) cells.sold('hotel', r.day, keyOf(r.hotel), r.n, r.cents);
}

interface CancelledItem {
  booking_id: number; cancelled_at_utc: string; item_type: string; refund_cents: number; booking_type: string;
  op: number | null; state: string | null; dep: string | null; arr: string | null; hotel: number | null;
}

/**
 * Cancellations in [from, to). Few next to the sales, so the items come back one by one (a single
 * scan: booking_items has no index on the cancel time) and are counted per cancel action here.
 */
async function addCancellations(db: SqlSession, cells: Cells, from: string, to: string): Promise<void> {
  const items = await db.all<CancelledItem>(
    `SELECT i.booking_id, i.cancelled_at_utc, i.item_type, i.refund_cents, b.booking_type, b.created_by_admin_id AS op, u.state_code AS state,
            f.departure_airport AS dep, f.arrival_airport AS arr, rt.hotel_id AS hotel
     FROM booking_items i JOIN bookings b ON b.id = i.booking_id LEFT JOIN users u ON u.id = b.user_id
     LEFT JOIN flights f ON i.item_type = 'flight' AND f.id = i.item_id
     LEFT JOIN hotel_room_types rt ON i.item_type = 'hotel' AND rt.id = i.item_id
     WHERE i.cancelled_at_utc >= ? AND i.cancelled_at_utc < ? AND b.status <> 'payment_failed'`, [dayStart(from), dayStart(to)]);
  for (const it of items) {
    const day = String(it.cancelled_at_utc).slice(0, 10);
    const event = `${it.booking_id}|${it.cancelled_at_utc}`;
    const refund = Number(it.refund_cents);
    const add = (kind: AnalyticsGroupBy, key: string) => {
      const f = cells.at(kind, day, key);
      f.events.add(event);
      f.refundCents += refund;
    };
    add('day', day);
    add('kind', it.booking_type);
    add('operator', keyOf(it.op));
    add('state', keyOf(it.state));
    if (it.item_type === 'flight') add('route', it.dep && it.arr ? `${it.dep}-${it.arr}` : NONE);
    if (it.item_type === 'hotel') add('hotel', keyOf(it.hotel));
  }
}

/** Names for the keys: states and operators are few; hotels are looked up by the ids seen. */
async function labeller(db: SqlSession, cells: Cells): Promise<(kind: AnalyticsGroupBy, key: string) => string> {
  const states = new Map((await db.all<{ code: string; name: string }>('SELECT code, name FROM us_states')).map((s) => [s.code, s.name]));
  const operators = new Map((await db.all<{ id: number; name: string }>('SELECT id, name FROM admins')).map((a) => [String(a.id), a.name]));
  const hotelIds = [...new Set([...cells.map.values()].filter((c) => c.kind === 'hotel' && c.key !== NONE).map((c) => Number(c.key)))];
  const hotels = new Map<string, string>();
  for (let i = 0; i < hotelIds.length; i += 500) {
    const chunk = hotelIds.slice(i, i + 500);
    for (const h of await db.all<{ id: number; name: string }>(`SELECT id, name FROM hotels WHERE id IN (${placeholders(chunk.length)})`, chunk)) hotels.set(String(h.id), h.name);
  }
  return (kind, key) => {
    switch (kind) {
      case 'day': return key;
      case 'kind': return KIND_LABELS[key] ?? key;
      case 'route': return key === NONE ? 'Unknown route' : key.replace('-', ' → ');
      case 'hotel': return hotels.get(key) ?? (key === NONE ? 'Unknown hotel' : `Hotel #${key}`);
      case 'state': return states.get(key) ?? (key === NONE ? 'No state' : key);
      case 'operator': return operators.get(key) ?? (key === NONE ? 'No operator' : `Operator #${key}`);
    }
  };
}

/** Every rollup document of the days in [from, to) ('YYYY-MM-DD'), all dimensions. */
export async function dailyFigures(db: SqlSession, from: string, to: string): Promise<RollupDoc[]> {
  const cells = new Cells();
  await addSales(db, cells, from, to);
  await addCancellations(db, cells, from, to);
  const label = await labeller(db, cells);
  return [...cells.map.entries()].map(([id, c]) => {
    const windowStart = new Date(`${c.day}T00:00:00.000Z`);
    return {
      id, kind: c.kind, windowStart, windowEnd: new Date(windowStart.getTime() + DAY_MS), key: c.key, label: label(c.kind, c.key),
      bookings: c.figures.bookings, revenueCents: c.figures.revenueCents, cancellations: c.figures.events.size, refundCents: c.figures.refundCents,
    };
  });
}

/** The days of [from, to) as the Date each day's window starts at. */
export function dayStarts(from: string, to: string): Date[] {
  const days: Date[] = [];
  for (let d = from; d < to; d = addDays(d, 1)) days.push(new Date(`${d}T00:00:00.000Z`));
  return days;
}
