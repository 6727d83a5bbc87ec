import { addDays, toDbInstant, utcDay } from '../../shared/time';
import type { SqlDb, SqlSession } from '../../main/core/engine/sql';

export interface Fixture {
  flightId: number;
  cheapFlightId: number;
  roomTypeId: number;
  carId: number;
  customerId: number;
  /** A departure 10 days out (full refund window) and the stay/rental dates around it. */
  departDay: string;
  checkIn: string;
  checkOut: string;
  flightPriceCents: number;
  seats: number;
  rooms: number;
}

/**
 * A small world: two airports, two flights on the same route (one with `seats` seats), one hotel
 * room type with `rooms` rooms for 30 nights, one car for 30 days, one customer. Written to
 * `store.sql`: an Engine's, or a bare server connection's (`{ sql: server }`).
 */
export async function loadFixture<S extends { sql: SqlSession }>(store: S, opts: { seats?: number; rooms?: number; now?: number } = {}): Promise<Fixture> {
  const db = store.sql;
  const seats = opts.seats ?? 10;
  const rooms = opts.rooms ?? 5;
  const now = opts.now ?? Date.now();
  const at = toDbInstant(now);
  const today = utcDay(now);
  const departDay = addDays(today, 10);
  await db.run("INSERT INTO us_states (code, name) VALUES ('NY', 'New York'), ('CA', 'California')");
  await db.run("INSERT INTO airports (iata, name, city, state_code, time_zone) VALUES ('JFK', 'John F. Kennedy International', 'New York', 'NY', 'America/New_York'), ('LAX', 'Los Angeles International', 'Los Angeles', 'CA', 'America/Los_Angeles')");
  const flight = await db.run(
    `INSERT INTO flights (flight_number, airline, departure_airport, arrival_airport, departure_ts_utc, arrival_ts_utc, seats_total, seats_available, price_cents, updated_at_utc)
     VALUES ('DL 401', 'Delta Air Lines', 'JFK', 'LAX', ?, ?, ?, ?, 25000, ?)`,
    [`${departDay} 14:00:00.000`, `${departDay} 20:00:00.000`, seats, seats, at]);
  const cheap = await db.run(
    `INSERT INTO flights (flight_number, airline, departure_airport, arrival_airport, departure_ts_utc, arrival_ts_utc, seats_total, seats_available, price_cents, updated_at_utc)
     VALUES ('B6 23', 'JetBlue', 'JFK', 'LAX', ?, ?, 150, 150, 19900, ?)`,
    [`${departDay} 09:00:00.000`, `${departDay} 15:00:00.000`, at]);
  const hotel = await db.run(
    "INSERT INTO hotels (name, address, city, state_code, star_rating, updated_at_utc) VALUES ('Harbor Inn', '1 Pier St', 'Los Angeles', 'CA', 4, ?)", [at]);
  const rt = await db.run("INSERT INTO hotel_room_types (hotel_id, name, max_guests, base_price_cents) VALUES (?, 'Deluxe King', 2, 18000)", [hotel.insertId]);
  const car = await db.run("INSERT INTO cars (company, model, car_class, city, state_code, seats) VALUES ('Hertz', 'Toyota Corolla', 'economy', 'Los Angeles', 'CA', 5)");
  for (let d = 0; d < 30; d++) {
    const day = addDays(today, d);
    await db.run('INSERT INTO hotel_inventory (room_type_id, stay_date, rooms_total, rooms_booked, price_cents) VALUES (?, ?, ?, 0, ?)', [rt.insertId, day, rooms, 18000 + (d % 7) * 1000]);
    await db.run('INSERT INTO car_availability (car_id, rental_date, units_total, units_booked, price_cents) VALUES (?, ?, 1, 0, 4500)', [car.insertId, day]);
  }
  const customer = await db.run(
    "INSERT INTO users (email, first_name, last_name, phone, state_code, created_at_utc, updated_at_utc) VALUES ('ada.lovelace@example.com', 'Ada', 'Lovelace', '+1 212 555 0100', 'NY', ?, ?)",
    [at, at]);
  return {
    flightId: flight.insertId, cheapFlightId: cheap.insertId, roomTypeId: rt.insertId, carId: car.insertId, customerId: customer.insertId,
    departDay, checkIn: departDay, checkOut: addDays(departDay, 3), flightPriceCents: 25000, seats, rooms,
  };
}

export const GOOD_CARD = { number: '4242 4242 4242 4242', expMonth: 12, expYear: 2035, cvc: '123' };
export const DECLINED_CARD = { number: '4000 0000 0000 0002', expMonth: 12, expYear: 2035, cvc: '123' };

/**
 * A catalog with fixed ids for the ops suites: four states and airports, flights 101 (JFK→LAX, 10
 * seats of which 4 are left) and 102 (BOS→ORD, 100 seats), hotel 201 with room type 211, car 301.
 * Inventory days are left to each test.
 */
export async function seedCatalog(db: SqlDb): Promise<void> {
  const at = '2026-01-01 00:00:00.000';
  for (const [code, name] of [['NY', 'New York'], ['CA', 'California'], ['MA', 'Massachusetts'], ['IL', 'Illinois']] as const) {
    await db.run('INSERT INTO us_states (code, name) VALUES (?, ?)', [code, name]);
  }
  for (const [iata, name, city, state, zone] of [
    ['LAX', 'Los Angeles International', 'Los Angeles', 'CA', 'America/Los_Angeles'],
    ['JFK', 'John F. Kennedy International', 'New York', 'NY', 'America/New_York'],
    ['ORD', "O'Hare International", 'Chicago', 'IL', 'America/Chicago'],
    ['BOS', 'Logan International', 'Boston', 'MA', 'America/New_York'],
  ] as const) {
    await db.run('INSERT INTO airports (iata, name, city, state_code, time_zone) VALUES (?, ?, ?, ?, ?)', [iata, name, city, state, zone]);
  }
  await db.run(
    `INSERT INTO flights (id, flight_number, airline, departure_airport, arrival_airport, departure_ts_utc, arrival_ts_utc, seats_total, seats_available, price_cents, updated_at_utc)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?), (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [101, 'TD101', 'TripDesk Air', 'JFK', 'LAX', '2026-07-01 14:00:00.000', '2026-07-01 20:30:00.000', 10, 4, 20000, at,
      102, 'TD102', 'TripDesk Air', 'BOS', 'ORD', '2026-07-02 08:00:00.000', '2026-07-02 10:15:00.000', 100, 100, 9900, at]);
  await db.run('INSERT INTO hotels (id, name, address, city, state_code, star_rating, updated_at_utc) VALUES (?, ?, ?, ?, ?, ?, ?)',
    [201, 'Harbor View', '1 Pier St', 'New York', 'NY', 4, at]);
  await db.run('INSERT INTO hotel_room_types (id, hotel_id, name, max_guests, base_price_cents) VALUES (?, ?, ?, ?, ?)',
    [211, 201, 'Double', 2, 15000]);
  await db.run('INSERT INTO cars (id, company, model, car_class, city, state_code, seats) VALUES (?, ?, ?, ?, ?, ?, ?)',
    [301, 'Roadway', 'Corolla', 'compact', 'Los Angeles', 'CA', 5]);
}
