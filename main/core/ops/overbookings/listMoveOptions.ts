import { ContractError, type MoveOption } from '../../../../shared/contract';
import { fromDbInstant, toDbInstant } from '../../../../shared/time';
import type { SqlSession } from '../../engine/sql';
import type { ItemRow } from '../bookings/bookingRecord';
import { operation } from '../operation';

const DAY_MS = 86_400_000;
/** Enough choice for a phone call; the supervisor can still change the booking by hand. */
const MAX_OPTIONS = 20;
const dayOf = (v: string) => v.slice(0, 10);

async function flightOptions(db: SqlSession, item: ItemRow, nowUtc: string): Promise<MoveOption[]> {
  const booked = await db.get<{ departure_airport: string; arrival_airport: string; departure_ts_utc: string }>(
    'SELECT departure_airport, arrival_airport, departure_ts_utc FROM flights WHERE id = ?', [item.item_id]);
  if (!booked) return [];
  // The same route within a day either side: what a passenger bumped off a flight is offered.
  const at = Date.parse(fromDbInstant(booked.departure_ts_utc));
  const from = toDbInstant(at - DAY_MS);
  const to = toDbInstant(at + DAY_MS);
  const rows = await db.all<{ id: number; airline: string; flight_number: string; departure_ts_utc: string; price_cents: number }>(
    `SELECT id, airline, flight_number, departure_ts_utc, price_cents FROM flights
      WHERE departure_airport = ? AND arrival_airport = ? AND departure_ts_utc BETWEEN ? AND ? AND departure_ts_utc > ?
        AND id <> ? AND active = 1 AND seats_available >= ?
      ORDER BY departure_ts_utc LIMIT ${MAX_OPTIONS}`,
    [booked.departure_airport, booked.arrival_airport, from, to, nowUtc, item.item_id, item.quantity]);
  return rows.map((f) => {
    const total = Number(f.price_cents) * Number(item.quantity);
    return {
      to: { kind: 'flight', flightId: Number(f.id) }, label: `${f.airline} ${f.flight_number} ${booked.departure_airport}→${booked.arrival_airport}`,
      startUtc: fromDbInstant(f.departure_ts_utc), newTotalCents: total, differenceCents: total - Number(item.total_cents),
    };
  });
}

/** Priced for every night as reserveStay prices it: the nights' prices summed, times the rooms. */
async function stayOptions(db: SqlSession, item: ItemRow): Promise<MoveOption[]> {
  const checkIn = dayOf(item.start_utc);
  const checkOut = dayOf(item.end_utc);
  const nights = Math.round((Date.parse(`${checkOut}T00:00:00Z`) - Date.parse(`${checkIn}T00:00:00Z`)) / DAY_MS);
  const rows = await db.all<{ id: number; name: string; hotel_name: string; n: number; price: number; least: number }>(
    `SELECT rt.id, rt.name, h.name AS hotel_name, COUNT(*) AS n, SUM(i.price_cents) AS price, MIN(i.rooms_total - i.rooms_booked) AS least
       FROM hotel_room_types rt JOIN hotels h ON h.id = rt.hotel_id JOIN hotel_inventory i ON i.room_type_id = rt.id
      WHERE rt.hotel_id = (SELECT hotel_id FROM hotel_room_types WHERE id = ?) AND rt.id <> ? AND rt.active = 1 AND h.active = 1
        AND i.stay_date >= ? AND i.stay_date < ?
      GROUP BY rt.id, rt.name, h.name ORDER BY rt.name`,
    [item.item_id, item.item_id, checkIn, checkOut]);
  return rows.filter((r) => Number(r.n) === nights && Number(r.least) >= Number(item.quantity)).slice(0, MAX_OPTIONS).map((r) => {
    const total = Number(r.price) * Number(item.quantity);
    return {
      to: { kind: 'hotel', roomTypeId: Number(r.id), checkIn, checkOut }, label: `${r.hotel_name}, ${r.name}, ${nights} night(s)`,
      startUtc: fromDbInstant(item.start_utc), newTotalCents: total, differenceCents: total - Number(item.total_cents),
    };
  });
}

async function carOptions(db: SqlSession, item: ItemRow): Promise<MoveOption[]> {
  const pickUp = dayOf(item.start_utc);
  const dropOff = dayOf(item.end_utc);
  const days = Math.round((Date.parse(`${dropOff}T00:00:00Z`) - Date.parse(`${pickUp}T00:00:00Z`)) / DAY_MS);
  // Another car collected in the same city: the customer's plans stay where they were.
  const rows = await db.all<{ id: number; company: string; model: string; car_class: string; n: number; price: number; least: number }>(
    `SELECT c.id, c.company, c.model, c.car_class, COUNT(*) AS n, SUM(a.price_cents) AS price, MIN(a.units_total - a.units_booked) AS least
       FROM cars c JOIN cars booked ON booked.id = ? AND booked.city = c.city AND booked.state_code = c.state_code
       JOIN car_availability a ON a.car_id = c.id
      WHERE c.id <> ? AND c.active = 1 AND a.rental_date >= ? AND a.rental_date < ?
      GROUP BY c.id, c.company, c.model, c.car_class ORDER BY SUM(a.price_cents), c.id`,
    [item.item_id, item.item_id, pickUp, dropOff]);
  return rows.filter((r) => Number(r.n) === days && Number(r.least) >= 1).slice(0, MAX_OPTIONS).map((r) => {
    const total = Number(r.price);
    return {
      to: { kind: 'car', carId: Number(r.id), pickUp, dropOff }, label: `${r.company} ${r.model} (${r.car_class}), ${days} day(s)`,
      startUtc: fromDbInstant(item.start_utc), newTotalCents: total, differenceCents: total - Number(item.total_cents),
    };
  });
}

/** Where an overbooked item can go, each priced as overbookings.resolve would move it (no change fee). */
export const listMoveOptions = operation('overbookings.moveOptions', async (ctx, input) => {
  const db = ctx.engine.sql;
  const item = await db.get<ItemRow>('SELECT * FROM booking_items WHERE id = ?', [input.itemId]);
  if (!item) throw new ContractError('NOT_FOUND', `No booking item ${input.itemId}.`, { itemId: input.itemId });
  if (item.status !== 'active') throw new ContractError('CONFLICT', `"${item.label}" is no longer booked.`, { itemId: input.itemId });
  const nowUtc = toDbInstant(ctx.now());
  switch (item.item_type) {
    case 'flight': return flightOptions(db, item, nowUtc);
    case 'hotel': return stayOptions(db, item);
    case 'car': return carOptions(db, item);
  }
});
