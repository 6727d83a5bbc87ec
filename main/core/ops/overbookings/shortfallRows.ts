import type { OverbookedItem, Shortfall } from '../../../../shared/contract';
import { addDays, fromDbInstant } from '../../../../shared/time';
import { placeholders, type SqlSession } from '../../engine/sql';
import type { ItemRow } from '../bookings/bookingRecord';

/**
 * What is overbooked now, read from the open shortfalls (a handful of rows: ix_overbookings_open)
 * and the flights taken off sale that still depart (ix_flights_departure), then the active items on
 * just those flights, room types and cars (ix_booking_items_target). Computed on read, so a booking
 * moved or cancelled by any path, or a capacity raised again, is reflected without bookkeeping.
 */

type Kind = Shortfall['kind'];

interface OpenRow {
  inventory_key: string; inventory_kind: Kind; inventory_id: number; inventory_day: string | null;
  capacity_wanted: number; opened_at_utc: string; opened_by_name: string | null;
}

type Draft = Omit<Shortfall, 'items'>;

const dayOf = (v: unknown) => String(v).slice(0, 10);
const dbDay = (day: string) => `${day} 00:00:00.000`;

async function flightShortfalls(db: SqlSession, open: OpenRow[], nowUtc: string): Promise<Draft[]> {
  const wanted = new Map(open.filter((o) => o.inventory_kind === 'flight').map((o) => [Number(o.inventory_id), o]));
  const offSale = await db.all<{ id: number }>(
    `SELECT f.id FROM flights f WHERE f.active = 0 AND f.departure_ts_utc > ?
        AND EXISTS (SELECT 1 FROM booking_items i WHERE i.item_type = 'flight' AND i.item_id = f.id AND i.status = 'active')`, [nowUtc]);
  const ids = [...new Set([...wanted.keys(), ...offSale.map((f) => Number(f.id))])];
  if (ids.length === 0) return [];
  const flights = await db.all<{
    id: number; airline: string; flight_number: string; departure_airport: string; arrival_airport: string; departure_ts_utc: string;
    seats_total: number; seats_available: number; active: number;
  }>(`SELECT id, airline, flight_number, departure_airport, arrival_airport, departure_ts_utc, seats_total, seats_available, active
        FROM flights WHERE id IN (${placeholders(ids.length)}) AND departure_ts_utc > ?`, [...ids, nowUtc]);
  const out: Draft[] = [];
  for (const f of flights) {
    const booked = Number(f.seats_total) - Number(f.seats_available);
    const row = wanted.get(Number(f.id));
    const offSaleNow = Number(f.active) !== 1;
    const capacity = offSaleNow ? 0 : Number(row?.capacity_wanted ?? f.seats_total);
    if (booked <= capacity) continue;
    out.push({
      key: `flight:${f.id}`, kind: 'flight', inventoryId: Number(f.id), reason: offSaleNow ? 'offSale' : 'capacity',
      label: `${f.airline} ${f.flight_number} ${f.departure_airport}→${f.arrival_airport}`, startUtc: fromDbInstant(f.departure_ts_utc),
      booked, capacity, over: booked - capacity, days: [],
      openedAtUtc: row ? fromDbInstant(row.opened_at_utc) : null, openedByName: row?.opened_by_name ?? null,
    });
  }
  return out;
}

const DAY_TABLES = {
  hotel: {
    table: 'hotel_inventory', key: 'room_type_id', date: 'stay_date', total: 'rooms_total', booked: 'rooms_booked',
    label: 'SELECT h.name AS a, rt.name AS b FROM hotel_room_types rt JOIN hotels h ON h.id = rt.hotel_id WHERE rt.id = ?',
  },
  car: {
    table: 'car_availability', key: 'car_id', date: 'rental_date', total: 'units_total', booked: 'units_booked',
    label: 'SELECT company AS a, model AS b FROM cars WHERE id = ?',
  },
} as const;

async function dayShortfalls(db: SqlSession, kind: 'hotel' | 'car', open: OpenRow[], today: string): Promise<Draft[]> {
  const t = DAY_TABLES[kind];
  const byInventory = new Map<number, OpenRow[]>();
  for (const o of open) {
    if (o.inventory_kind !== kind || o.inventory_day === null || dayOf(o.inventory_day) < today) continue;
    const id = Number(o.inventory_id);
    byInventory.set(id, [...(byInventory.get(id) ?? []), o]);
  }
  const out: Draft[] = [];
  for (const [id, rows] of byInventory) {
    const days = rows.map((r) => dayOf(r.inventory_day)).sort();
    const first = days[0] ?? today;
    const last = days.at(-1) ?? today;
    const counts = await db.all<{ day: string; booked: number }>(
      `SELECT ${t.date} AS day, ${t.booked} AS booked FROM ${t.table} WHERE ${t.key} = ? AND ${t.date} BETWEEN ? AND ?`, [id, first, last]);
    const bookedOn = new Map(counts.map((c) => [dayOf(c.day), Number(c.booked)]));
    const over = rows
      .map((r) => ({ date: dayOf(r.inventory_day), booked: bookedOn.get(dayOf(r.inventory_day)) ?? 0, capacity: Number(r.capacity_wanted) }))
      .filter((d) => d.booked > d.capacity)
      .sort((a, b) => a.date.localeCompare(b.date));
    const worst = over.reduce<(typeof over)[number] | null>((w, d) => (!w || d.booked - d.capacity > w.booked - w.capacity ? d : w), null);
    if (!worst || !over[0]) continue;
    const name = await db.get<{ a: string; b: string }>(t.label, [id]);
    const opened = rows.reduce((a, b) => (a.opened_at_utc >= b.opened_at_utc ? a : b));
    out.push({
      key: `${kind}:${id}`, kind, inventoryId: id, reason: 'capacity', label: name ? `${name.a}, ${name.b}` : `${kind} ${id}`,
      startUtc: fromDbInstant(dbDay(over[0].date)), booked: worst.booked, capacity: worst.capacity, over: worst.booked - worst.capacity, days: over,
      openedAtUtc: fromDbInstant(opened.opened_at_utc), openedByName: opened.opened_by_name,
    });
  }
  return out;
}

interface AffectedRow extends ItemRow { locator: string; first_name: string; last_name: string; email: string }

async function affectedItems(db: SqlSession, s: Draft): Promise<OverbookedItem[]> {
  const select = `SELECT i.*, b.locator, u.first_name, u.last_name, u.email
      FROM booking_items i JOIN bookings b ON b.id = i.booking_id JOIN users u ON u.id = b.user_id
     WHERE i.item_type = ? AND i.item_id = ? AND i.status = 'active'`;
  let rows: AffectedRow[];
  if (s.kind === 'flight') {
    rows = await db.all<AffectedRow>(`${select} ORDER BY i.id`, [s.kind, s.inventoryId]);
  } else {
    const first = s.days[0]?.date ?? '';
    const last = s.days.at(-1)?.date ?? '';
    // A stay covers its nights check-in ≤ d < check-out; a rental its days pick-up ≤ d < drop-off.
    rows = (await db.all<AffectedRow>(`${select} AND i.start_utc <= ? AND i.end_utc > ? ORDER BY i.id`, [s.kind, s.inventoryId, dbDay(last), dbDay(first)]))
      .filter((r) => s.days.some((d) => dayOf(r.start_utc) <= d.date && d.date < dayOf(r.end_utc)));
  }
  if (rows.length === 0) return [];
  const travellers = await db.all<{ booking_item_id: number; given_names: string; family_name: string }>(
    `SELECT booking_item_id, given_names, family_name FROM booking_travellers WHERE booking_item_id IN (${placeholders(rows.length)}) ORDER BY ABS(id)`,
    rows.map((r) => r.id));
  return rows.map((r) => ({
    itemId: Number(r.id), bookingId: Number(r.booking_id), locator: r.locator, customerName: `${r.first_name} ${r.last_name}`, customerEmail: r.email,
    kind: r.item_type, label: r.label, startUtc: fromDbInstant(r.start_utc), endUtc: fromDbInstant(r.end_utc),
    quantity: Number(r.quantity), totalCents: Number(r.total_cents),
    travellers: travellers.filter((t) => Number(t.booking_item_id) === Number(r.id)).map((t) => `${t.given_names} ${t.family_name}`),
  }));
}

/** Every overbooked flight, room type and car, soonest first, each with the bookings on it. */
export async function listShortfalls(db: SqlSession, nowUtc: string): Promise<Shortfall[]> {
  const open = await db.all<OpenRow>(
    `SELECT o.inventory_key, o.inventory_kind, o.inventory_id, o.inventory_day, o.capacity_wanted, o.opened_at_utc, a.name AS opened_by_name
       FROM overbookings o LEFT JOIN admins a ON a.id = o.opened_by_admin_id WHERE o.closed_at_utc IS NULL`);
  const today = nowUtc.slice(0, 10);
  const drafts = [
    ...(await flightShortfalls(db, open, nowUtc)),
    ...(await dayShortfalls(db, 'hotel', open, today)),
    ...(await dayShortfalls(db, 'car', open, today)),
  ].sort((a, b) => a.startUtc.localeCompare(b.startUtc) || a.key.localeCompare(b.key));
  const out: Shortfall[] = [];
  for (const d of drafts) out.push({ ...d, items: await affectedItems(db, d) });
  return out;
}

/** Whether an item sits on inventory that is overbooked now (what overbookings.resolve may act on). */
export async function itemIsOverbooked(db: SqlSession, item: ItemRow): Promise<boolean> {
  if (item.item_type === 'flight') {
    const f = await db.get<{ seats_total: number; seats_available: number; active: number; wanted: number | null }>(
      `SELECT f.seats_total, f.seats_available, f.active, o.capacity_wanted AS wanted
         FROM flights f LEFT JOIN overbookings o ON o.inventory_key = ? AND o.closed_at_utc IS NULL WHERE f.id = ?`,
      [`flight:${item.item_id}`, item.item_id]);
    if (!f) return false;
    if (Number(f.active) !== 1) return true;
    return f.wanted !== null && Number(f.seats_total) - Number(f.seats_available) > Number(f.wanted);
  }
  const t = DAY_TABLES[item.item_type];
  const from = dayOf(item.start_utc);
  const to = dayOf(item.end_utc);
  const over = await db.get<{ n: number }>(
    `SELECT COUNT(*) AS n FROM overbookings o JOIN ${t.table} d ON d.${t.key} = o.inventory_id AND d.${t.date} = o.inventory_day
      WHERE o.inventory_kind = ? AND o.inventory_id = ? AND o.inventory_day >= ? AND o.inventory_day < ? AND o.closed_at_utc IS NULL
        AND d.${t.booked} > o.capacity_wanted`,
    [item.item_type, item.item_id, from, to < from ? addDays(from, 1) : to]);
  return Number(over?.n ?? 0) > 0;
}
