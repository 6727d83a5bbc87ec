-- TripDesk local database (SQLite, WAL, foreign keys on).
-- In standalone mode this is the store of record; in central mode it mirrors the rows a device
-- needs from MySQL (same table and column names) plus the documents it needs from MongoDB.
-- Instants are TEXT 'YYYY-MM-DD HH:MM:SS.mmm' in UTC (the same text MySQL DATETIME(3) gives),
-- so they compare correctly as strings; money is INTEGER cents.
-- `provisional` = 1 marks a row written offline and not yet confirmed by the server.

CREATE TABLE us_states (
  code TEXT NOT NULL PRIMARY KEY,
  name TEXT NOT NULL
);

CREATE TABLE airports (
  iata TEXT NOT NULL PRIMARY KEY,
  name TEXT NOT NULL,
  city TEXT NOT NULL,
  state_code TEXT NOT NULL REFERENCES us_states (code)
);
CREATE INDEX ix_airports_state ON airports (state_code);

CREATE TABLE admins (
  id INTEGER PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('agent', 'supervisor', 'admin')),
  password_hash TEXT NOT NULL,
  state_code TEXT NULL REFERENCES us_states (code),
  active INTEGER NOT NULL DEFAULT 1,
  created_at_utc TEXT NOT NULL,
  updated_at_utc TEXT NOT NULL,
  row_version INTEGER NOT NULL DEFAULT 1,
  failed_logins INTEGER NOT NULL DEFAULT 0,
  locked_until_utc TEXT NULL
);

CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,
  first_name TEXT NOT NULL,
  last_name TEXT NOT NULL,
  phone TEXT NULL,
  state_code TEXT NULL REFERENCES us_states (code),
  created_at_utc TEXT NOT NULL,
  updated_at_utc TEXT NOT NULL,
  row_version INTEGER NOT NULL DEFAULT 1,
  provisional INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX ix_users_name ON users (last_name, first_name);
CREATE INDEX ix_users_phone ON users (phone);
CREATE INDEX ix_users_state ON users (state_code);

CREATE TABLE hotels (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  address TEXT NOT NULL,
  city TEXT NOT NULL,
  state_code TEXT NOT NULL REFERENCES us_states (code),
  star_rating INTEGER NOT NULL CHECK (star_rating BETWEEN 1 AND 5),
  updated_at_utc TEXT NOT NULL,
  row_version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX ix_hotels_city_state ON hotels (city, state_code);
CREATE INDEX ix_hotels_star_city ON hotels (star_rating, city);
CREATE INDEX ix_hotels_state ON hotels (state_code);

CREATE TABLE hotel_room_types (
  id INTEGER PRIMARY KEY,
  hotel_id INTEGER NOT NULL REFERENCES hotels (id),
  name TEXT NOT NULL,
  max_guests INTEGER NOT NULL,
  base_price_cents INTEGER NOT NULL,
  row_version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX ix_room_types_hotel ON hotel_room_types (hotel_id);

CREATE TABLE hotel_inventory (
  room_type_id INTEGER NOT NULL REFERENCES hotel_room_types (id),
  stay_date TEXT NOT NULL,
  rooms_total INTEGER NOT NULL,
  rooms_booked INTEGER NOT NULL DEFAULT 0,
  price_cents INTEGER NOT NULL,
  row_version INTEGER NOT NULL DEFAULT 1,
  PRIMARY KEY (room_type_id, stay_date),
  CHECK (rooms_booked >= 0 AND rooms_booked <= rooms_total)
) WITHOUT ROWID;

CREATE TABLE flights (
  id INTEGER PRIMARY KEY,
  flight_number TEXT NOT NULL,
  airline TEXT NOT NULL,
  departure_airport TEXT NOT NULL REFERENCES airports (iata),
  arrival_airport TEXT NOT NULL REFERENCES airports (iata),
  departure_ts_utc TEXT NOT NULL,
  arrival_ts_utc TEXT NOT NULL,
  seats_total INTEGER NOT NULL,
  seats_available INTEGER NOT NULL,
  price_cents INTEGER NOT NULL,
  updated_at_utc TEXT NOT NULL,
  row_version INTEGER NOT NULL DEFAULT 1,
  CHECK (seats_available >= 0 AND seats_available <= seats_total)
);
CREATE INDEX ix_flights_route_time ON flights (departure_airport, arrival_airport, departure_ts_utc);
CREATE INDEX ix_flights_departure ON flights (departure_ts_utc);
CREATE INDEX ix_flights_arrival ON flights (arrival_airport);

CREATE TABLE cars (
  id INTEGER PRIMARY KEY,
  company TEXT NOT NULL,
  model TEXT NOT NULL,
  car_class TEXT NOT NULL,
  city TEXT NOT NULL,
  state_code TEXT NOT NULL REFERENCES us_states (code),
  seats INTEGER NOT NULL,
  row_version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX ix_cars_city_state ON cars (city, state_code);
CREATE INDEX ix_cars_state ON cars (state_code);

CREATE TABLE car_availability (
  car_id INTEGER NOT NULL REFERENCES cars (id),
  rental_date TEXT NOT NULL,
  units_total INTEGER NOT NULL,
  units_booked INTEGER NOT NULL DEFAULT 0,
  price_cents INTEGER NOT NULL,
  row_version INTEGER NOT NULL DEFAULT 1,
  PRIMARY KEY (car_id, rental_date),
  CHECK (units_booked >= 0 AND units_booked <= units_total)
) WITHOUT ROWID;

CREATE TABLE bookings (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users (id),
  booking_type TEXT NOT NULL CHECK (booking_type IN ('flight', 'hotel', 'car', 'package')),
  status TEXT NOT NULL,
  total_cents INTEGER NOT NULL,
  refunded_cents INTEGER NOT NULL DEFAULT 0,
  currency TEXT NOT NULL DEFAULT 'USD',
  created_by_admin_id INTEGER NULL REFERENCES admins (id),
  op_id TEXT NULL UNIQUE,
  created_at_utc TEXT NOT NULL,
  updated_at_utc TEXT NOT NULL,
  row_version INTEGER NOT NULL DEFAULT 1,
  provisional INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX ix_bookings_user_created ON bookings (user_id, created_at_utc);
CREATE INDEX ix_bookings_type_created ON bookings (booking_type, created_at_utc);
CREATE INDEX ix_bookings_admin ON bookings (created_by_admin_id);

CREATE TABLE booking_items (
  id INTEGER PRIMARY KEY,
  booking_id INTEGER NOT NULL REFERENCES bookings (id),
  item_type TEXT NOT NULL CHECK (item_type IN ('flight', 'hotel', 'car')),
  item_id INTEGER NOT NULL,
  label TEXT NOT NULL,
  start_utc TEXT NOT NULL,
  end_utc TEXT NOT NULL,
  quantity INTEGER NOT NULL,
  unit_price_cents INTEGER NOT NULL,
  total_cents INTEGER NOT NULL,
  status TEXT NOT NULL DEFAULT 'active',
  refund_cents INTEGER NOT NULL DEFAULT 0,
  cancelled_at_utc TEXT NULL,
  row_version INTEGER NOT NULL DEFAULT 1,
  provisional INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX ix_booking_items_booking ON booking_items (booking_id);
CREATE INDEX ix_booking_items_target ON booking_items (item_type, item_id);

CREATE TABLE payment_methods (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users (id),
  gateway_token TEXT NOT NULL UNIQUE,
  brand TEXT NOT NULL,
  last4 TEXT NOT NULL,
  exp_month INTEGER NOT NULL,
  exp_year INTEGER NOT NULL,
  removed INTEGER NOT NULL DEFAULT 0,
  created_at_utc TEXT NOT NULL,
  row_version INTEGER NOT NULL DEFAULT 1,
  provisional INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX ix_payment_methods_user ON payment_methods (user_id);

CREATE TABLE billing (
  id INTEGER PRIMARY KEY,
  booking_id INTEGER NOT NULL REFERENCES bookings (id),
  user_id INTEGER NOT NULL REFERENCES users (id),
  payment_method_id INTEGER NULL REFERENCES payment_methods (id),
  amount_cents INTEGER NOT NULL,
  transaction_status TEXT NOT NULL CHECK (transaction_status IN ('pending', 'authorized', 'captured', 'refunded', 'failed', 'voided')),
  transaction_ts_utc TEXT NOT NULL,
  gateway_ref TEXT NULL,
  note TEXT NULL,
  row_version INTEGER NOT NULL DEFAULT 1,
  provisional INTEGER NOT NULL DEFAULT 0,
  UNIQUE (booking_id, transaction_status)
);
CREATE INDEX ix_billing_user_ts ON billing (user_id, transaction_ts_utc);
CREATE INDEX ix_billing_ts ON billing (transaction_ts_utc);
CREATE INDEX ix_billing_payment_method ON billing (payment_method_id);

CREATE TABLE flight_seat_holds (
  id INTEGER PRIMARY KEY,
  hold_token TEXT NOT NULL UNIQUE,
  flight_id INTEGER NOT NULL REFERENCES flights (id),
  booking_id INTEGER NULL REFERENCES bookings (id),
  user_id INTEGER NULL REFERENCES users (id),
  created_by_admin_id INTEGER NULL REFERENCES admins (id),
  seats INTEGER NOT NULL,
  price_cents INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('active', 'converted', 'released', 'expired')),
  expires_at_utc TEXT NOT NULL,
  created_at_utc TEXT NOT NULL,
  row_version INTEGER NOT NULL DEFAULT 1,
  provisional INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX ix_holds_status_expiry ON flight_seat_holds (status, expires_at_utc);
CREATE INDEX ix_holds_flight ON flight_seat_holds (flight_id);

CREATE TABLE applied_ops (
  op_id TEXT NOT NULL PRIMARY KEY,
  channel TEXT NOT NULL,
  outcome TEXT NOT NULL,
  result_json TEXT NOT NULL,
  admin_id INTEGER NULL,
  applied_at_utc TEXT NOT NULL
);

-- Documents (MongoDB collections in central mode) the device needs.
CREATE TABLE reviews (
  id TEXT NOT NULL PRIMARY KEY,
  entity_type TEXT NOT NULL,
  entity_id INTEGER NOT NULL,
  user_id INTEGER NOT NULL,
  rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
  title TEXT NULL,
  body TEXT NOT NULL,
  created_at TEXT NOT NULL,
  reply_text TEXT NULL,
  reply_by INTEGER NULL,
  reply_at TEXT NULL,
  hidden INTEGER NOT NULL DEFAULT 0,
  hidden_reason TEXT NULL,
  provisional INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX ix_reviews_entity_created ON reviews (entity_type, entity_id, created_at);

CREATE TABLE images (
  id TEXT NOT NULL PRIMARY KEY,
  entity_type TEXT NOT NULL,
  entity_id INTEGER NOT NULL,
  url TEXT NOT NULL,
  caption TEXT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX ix_images_entity ON images (entity_type, entity_id);

-- The audit trail (the `logs` collection in central mode).
CREATE TABLE logs (
  id TEXT NOT NULL PRIMARY KEY,
  ts TEXT NOT NULL,
  user_id INTEGER NULL,
  channel TEXT NOT NULL,
  op_id TEXT NULL,
  entity TEXT NULL,
  entity_id TEXT NULL,
  summary TEXT NOT NULL
);
CREATE INDEX ix_logs_user_ts ON logs (user_id, ts);
CREATE INDEX ix_logs_ts ON logs (ts);
CREATE INDEX ix_logs_entity ON logs (entity, entity_id);

CREATE TABLE watches (
  id TEXT NOT NULL PRIMARY KEY,
  user_id INTEGER NOT NULL,
  target_kind TEXT NOT NULL,
  target_id INTEGER NOT NULL,
  threshold_cents INTEGER NULL,
  created_at TEXT NOT NULL,
  provisional INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX ix_watches_user ON watches (user_id);

-- Sync machinery (used in central mode; empty in standalone).
CREATE TABLE outbox (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  op_id TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  payload TEXT NOT NULL,
  base TEXT NULL,
  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'applying', 'applied', 'conflict', 'failed', 'discarded')),
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT NULL,
  error_code TEXT NULL,
  error_details TEXT NULL,
  result TEXT NULL,
  operator_id INTEGER NULL,
  created_at_utc TEXT NOT NULL,
  updated_at_utc TEXT NOT NULL
);
CREATE INDEX ix_outbox_state_seq ON outbox (state, seq);

CREATE TABLE sync_state (
  key TEXT NOT NULL PRIMARY KEY,
  value TEXT NOT NULL
);

-- Local temporary ids (negative, made offline) → the ids the server gave them.
CREATE TABLE id_map (
  entity TEXT NOT NULL,
  local_id INTEGER NOT NULL,
  server_id INTEGER NULL,
  op_id TEXT NOT NULL,
  PRIMARY KEY (entity, local_id)
);
