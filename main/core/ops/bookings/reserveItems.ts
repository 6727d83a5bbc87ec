import { ContractError, type BookingItemInput, type SessionUser } from '../../../../shared/contract';
import type { SqlSession } from '../../engine/sql';
import { lockHold, requireHoldOwner } from '../holds/holdRows';
import { takeSeats } from '../inventory/flightSeats';
import { requireStayRules } from '../rates/stayRules';
import { stayNights } from '../search/stayDays';
import type { PolicyColumns } from '../rates/propertyPolicy';

/** One line of a booking once its inventory is taken, priced as of this transaction. */
export interface ReservedLine {
  kind: 'flight' | 'hotel' | 'car';
  refId: number;
  label: string;
  startUtc: string;
  endUtc: string;
  quantity: number;
  unitPriceCents: number;
  totalCents: number;
  /** The hold this line converts, if it came from one. */
  holdRowId: number | null;
  /** A flight's two airports' zones, read with the flight (absent where the mirror lacks an airport). */
  zones?: { start: string; end: string };
  /** A stay's hotel's own cancellation policy as it is at booking: the stay keeps it (booking_items). */
  terms?: PolicyColumns;
}

function zonesOf(r: { departure_time_zone: string | null; arrival_time_zone: string | null }): ReservedLine['zones'] {
  return r.departure_time_zone && r.arrival_time_zone ? { start: r.departure_time_zone, end: r.arrival_time_zone } : undefined;
}

/** Who books, and for whom: a held flight is booked only by its hold's maker (or a supervisor), for the customer it was held for. */
export interface BookingParty {
  operator: SessionUser | null;
  customerId: number;
}

const dayStart = (day: string) => `${day} 00:00:00.000`;

async function reserveHeldFlight(tx: SqlSession, holdId: string, nowUtc: string, party: BookingParty): Promise<ReservedLine> {
  const hold = await lockHold<{
    id: number; flight_id: number; seats: number; price_cents: number; status: string; expires_at_utc: string; user_id: number | null; created_by_admin_id: number | null;
  }>(tx, holdId, 'id, flight_id, seats, price_cents, status, expires_at_utc, user_id, created_by_admin_id');
  requireHoldOwner(party.operator, hold, holdId, 'book');
  const heldFor = hold.user_id === null ? null : Number(hold.user_id);
  if (heldFor !== null && heldFor !== party.customerId) {
    throw new ContractError('CONFLICT', `Hold ${holdId} was made for customer ${heldFor}, not for customer ${party.customerId}; book it for customer ${heldFor} or hold new seats.`, {
      holdId, heldForCustomerId: heldFor, customerId: party.customerId,
    });
  }
  if (hold.status === 'converted') throw new ContractError('CONFLICT', 'This hold is already part of a booking.', { holdId });
  if (hold.status !== 'active' || hold.expires_at_utc <= nowUtc) {
    throw new ContractError('HOLD_EXPIRED', 'The seat hold has expired; search again and hold new seats.', { holdId, flightId: hold.flight_id });
  }
  const f = await tx.get<{
    flight_number: string; airline: string; departure_airport: string; arrival_airport: string; departure_ts_utc: string; arrival_ts_utc: string;
    departure_time_zone: string | null; arrival_time_zone: string | null;
  }>(
    `SELECT f.flight_number, f.airline, f.departure_airport, f.arrival_airport, f.departure_ts_utc, f.arrival_ts_utc,
            dep.time_zone AS departure_time_zone, arr.time_zone AS arrival_time_zone
       FROM flights f LEFT JOIN airports dep ON dep.iata = f.departure_airport LEFT JOIN airports arr ON arr.iata = f.arrival_airport
      WHERE f.id = ?`, [hold.flight_id]);
  if (!f) throw new ContractError('NOT_FOUND', `No flight ${hold.flight_id}.`);
  // The hold kept the fare as well as the seats: that is what an agent quoted the customer.
  const unit = Number(hold.price_cents);
  return {
    kind: 'flight', refId: hold.flight_id, label: `${f.airline} ${f.flight_number} ${f.departure_airport}→${f.arrival_airport}`,
    startUtc: f.departure_ts_utc, endUtc: f.arrival_ts_utc, quantity: hold.seats, unitPriceCents: unit, totalCents: unit * hold.seats,
    holdRowId: hold.id, zones: zonesOf(f),
  };
}

async function reserveFlight(tx: SqlSession, flightId: number, seats: number, nowUtc: string): Promise<ReservedLine> {
  const f = await takeSeats(tx, flightId, seats, nowUtc);
  const unit = Number(f.price_cents);
  return {
    kind: 'flight', refId: flightId, label: `${f.airline} ${f.flight_number} ${f.departure_airport}→${f.arrival_airport}`,
    startUtc: f.departure_ts_utc, endUtc: f.arrival_ts_utc, quantity: seats, unitPriceCents: unit, totalCents: unit * seats, holdRowId: null,
    zones: zonesOf(f),
  };
}

async function reserveStay(tx: SqlSession, roomTypeId: number, checkIn: string, checkOut: string, rooms: number): Promise<ReservedLine> {
  const nights = stayNights(checkIn, checkOut);
  const rt = await tx.get<{ name: string; hotel_name: string; on_sale: number } & PolicyColumns>(
    `SELECT rt.name, h.name AS hotel_name, rt.active * h.active AS on_sale, h.free_cancel_hours, h.late_fee_pct
       FROM hotel_room_types rt JOIN hotels h ON h.id = rt.hotel_id WHERE rt.id = ?`, [roomTypeId]);
  if (!rt) throw new ContractError('NOT_FOUND', `No room type ${roomTypeId}.`);
  if (Number(rt.on_sale) !== 1) throw new ContractError('SOLD_OUT', `${rt.hotel_name}, ${rt.name} has been taken off sale.`, { roomTypeId, checkIn, checkOut, offSale: true });
  // Before any room is taken: a stay the hotel's rules refuse is the agent's to fix (other dates), not SOLD_OUT.
  await requireStayRules(tx, { roomTypeId, checkIn, checkOut, nights: nights.length, what: `${rt.hotel_name}, ${rt.name}` });
  const days = await tx.get<{ n: number; price: number | null; least: number | null }>(
    `SELECT COUNT(*) AS n, SUM(price_cents) AS price, MIN(rooms_total - rooms_booked) AS least FROM (
       SELECT price_cents, rooms_total, rooms_booked FROM hotel_inventory WHERE room_type_id = ? AND stay_date >= ? AND stay_date < ?${tx.lockForUpdate}
     ) nights`, [roomTypeId, checkIn, checkOut]);
  if (Number(days?.n ?? 0) !== nights.length) throw new ContractError('SOLD_OUT', `${rt.hotel_name} is not on sale for every night of that stay.`, { roomTypeId, checkIn, checkOut });
  const res = await tx.run(
    `UPDATE hotel_inventory SET rooms_booked = rooms_booked + ?, row_version = row_version + 1
      WHERE room_type_id = ? AND stay_date >= ? AND stay_date < ? AND rooms_total - rooms_booked >= ?`,
    [rooms, roomTypeId, checkIn, checkOut, rooms]);
  if (res.affectedRows !== nights.length) {
    throw new ContractError('SOLD_OUT', `${rt.hotel_name} has only ${days?.least ?? 0} room(s) left on some night of that stay.`, {
      roomTypeId, checkIn, checkOut, requested: rooms, roomsLeft: Number(days?.least ?? 0),
    });
  }
  const perRoom = Number(days?.price ?? 0);
  return {
    kind: 'hotel', refId: roomTypeId, label: `${rt.hotel_name}, ${rt.name}, ${nights.length} night(s)`,
    startUtc: dayStart(checkIn), endUtc: dayStart(checkOut), quantity: rooms, unitPriceCents: perRoom, totalCents: perRoom * rooms, holdRowId: null,
    terms: { free_cancel_hours: rt.free_cancel_hours, late_fee_pct: rt.late_fee_pct },
  };
}

async function reserveCar(tx: SqlSession, carId: number, pickUp: string, dropOff: string): Promise<ReservedLine> {
  const days = stayNights(pickUp, dropOff, { start: 'pickUp', end: 'dropOff' });
  const car = await tx.get<{ company: string; model: string; car_class: string; active: number }>('SELECT company, model, car_class, active FROM cars WHERE id = ?', [carId]);
  if (!car) throw new ContractError('NOT_FOUND', `No car ${carId}.`);
  if (Number(car.active) !== 1) throw new ContractError('SOLD_OUT', `${car.company} ${car.model} has been taken off sale.`, { carId, pickUp, dropOff, offSale: true });
  const found = await tx.get<{ n: number; price: number | null }>(
    `SELECT COUNT(*) AS n, SUM(price_cents) AS price FROM (
       SELECT price_cents FROM car_availability WHERE car_id = ? AND rental_date >= ? AND rental_date < ?${tx.lockForUpdate}
     ) rental_days`, [carId, pickUp, dropOff]);
  if (Number(found?.n ?? 0) !== days.length) throw new ContractError('SOLD_OUT', `${car.company} ${car.model} is not for rent on every day asked.`, { carId, pickUp, dropOff });
  const res = await tx.run(
    `UPDATE car_availability SET units_booked = units_booked + 1, row_version = row_version + 1
      WHERE car_id = ? AND rental_date >= ? AND rental_date < ? AND units_total - units_booked >= 1`,
    [carId, pickUp, dropOff]);
  if (res.affectedRows !== days.length) throw new ContractError('SOLD_OUT', `${car.company} ${car.model} is already taken on some of those days.`, { carId, pickUp, dropOff });
  const price = Number(found?.price ?? 0);
  return {
    kind: 'car', refId: carId, label: `${car.company} ${car.model} (${car.car_class}), ${days.length} day(s)`,
    startUtc: dayStart(pickUp), endUtc: dayStart(dropOff), quantity: 1, unitPriceCents: price, totalCents: price, holdRowId: null,
  };
}

/**
 * Takes the inventory of one item; throws SOLD_OUT / HOLD_EXPIRED / NOT_FOUND, never takes part of
 * it. A held flight also answers FORBIDDEN (another agent's hold) and CONFLICT (held for another customer).
 */
export function reserveItem(tx: SqlSession, item: BookingItemInput, nowUtc: string, party: BookingParty): Promise<ReservedLine> {
  switch (item.kind) {
    case 'flight':
      return 'holdId' in item ? reserveHeldFlight(tx, item.holdId, nowUtc, party) : reserveFlight(tx, item.flightId, item.seats, nowUtc);
    case 'hotel':
      return reserveStay(tx, item.roomTypeId, item.checkIn, item.checkOut, item.rooms);
    case 'car':
      return reserveCar(tx, item.carId, item.pickUp, item.dropOff);
  }
}
