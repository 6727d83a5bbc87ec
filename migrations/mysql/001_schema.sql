-- TripDesk central schema (MySQL 8 / MariaDB 10.11).
-- Money is integer cents (BIGINT), instants are UTC DATETIME(3), calendar days are DATE.
-- No partitioning: MySQL cannot partition tables that carry foreign keys (seed note).

CREATE TABLE us_states (
  code CHAR(2) NOT NULL PRIMARY KEY,
  name VARCHAR(64) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE airports (
  iata CHAR(3) NOT NULL PRIMARY KEY,
  name VARCHAR(128) NOT NULL,
  city VARCHAR(64) NOT NULL,
  state_code CHAR(2) NOT NULL,
  CONSTRAINT fk_airports_state FOREIGN KEY (state_code) REFERENCES us_states (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE admins (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  email VARCHAR(190) NOT NULL,
  name VARCHAR(120) NOT NULL,
  role VARCHAR(16) NOT NULL,
  password_hash VARCHAR(255) NOT NULL,
  state_code CHAR(2) NULL,
  active TINYINT NOT NULL DEFAULT 1,
  created_at_utc DATETIME(3) NOT NULL,
  updated_at_utc DATETIME(3) NOT NULL,
  row_version INT NOT NULL DEFAULT 1,
  UNIQUE KEY uq_admins_email (email),
  CONSTRAINT ck_admins_role CHECK (role IN ('agent', 'supervisor', 'admin')),
  CONSTRAINT fk_admins_state FOREIGN KEY (state_code) REFERENCES us_states (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE users (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  email VARCHAR(190) NOT NULL,
  first_name VARCHAR(80) NOT NULL,
  last_name VARCHAR(80) NOT NULL,
  phone VARCHAR(32) NULL,
  state_code CHAR(2) NULL,
  created_at_utc DATETIME(3) NOT NULL,
  updated_at_utc DATETIME(3) NOT NULL,
  row_version INT NOT NULL DEFAULT 1,
  UNIQUE KEY uq_users_email (email),
  KEY ix_users_name (last_name, first_name),
  KEY ix_users_phone (phone),
  CONSTRAINT fk_users_state FOREIGN KEY (state_code) REFERENCES us_states (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE hotels (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name VARCHAR(160) NOT NULL,
  address VARCHAR(200) NOT NULL,
  city VARCHAR(64) NOT NULL,
  state_code CHAR(2) NOT NULL,
  star_rating TINYINT NOT NULL,
  updated_at_utc DATETIME(3) NOT NULL,
  row_version INT NOT NULL DEFAULT 1,
  KEY ix_hotels_city_state (city, state_code),
  KEY ix_hotels_star_city (star_rating, city),
  CONSTRAINT ck_hotels_stars CHECK (star_rating BETWEEN 1 AND 5),
  CONSTRAINT fk_hotels_state FOREIGN KEY (state_code) REFERENCES us_states (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE hotel_room_types (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  hotel_id BIGINT NOT NULL,
  name VARCHAR(80) NOT NULL,
  max_guests TINYINT NOT NULL,
  base_price_cents BIGINT NOT NULL,
  row_version INT NOT NULL DEFAULT 1,
  CONSTRAINT fk_room_types_hotel FOREIGN KEY (hotel_id) REFERENCES hotels (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE hotel_inventory (
  room_type_id BIGINT NOT NULL,
  stay_date DATE NOT NULL,
  rooms_total INT NOT NULL,
  rooms_booked INT NOT NULL DEFAULT 0,
  price_cents BIGINT NOT NULL,
  row_version INT NOT NULL DEFAULT 1,
  PRIMARY KEY (room_type_id, stay_date),
  CONSTRAINT ck_inventory_capacity CHECK (rooms_booked >= 0 AND rooms_booked <= rooms_total),
  CONSTRAINT fk_inventory_room_type FOREIGN KEY (room_type_id) REFERENCES hotel_room_types (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE flights (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  flight_number VARCHAR(8) NOT NULL,
  airline VARCHAR(64) NOT NULL,
  departure_airport CHAR(3) NOT NULL,
  arrival_airport CHAR(3) NOT NULL,
  departure_ts_utc DATETIME(3) NOT NULL,
  arrival_ts_utc DATETIME(3) NOT NULL,
  seats_total INT NOT NULL,
  seats_available INT NOT NULL,
  price_cents BIGINT NOT NULL,
  updated_at_utc DATETIME(3) NOT NULL,
  row_version INT NOT NULL DEFAULT 1,
  KEY ix_flights_route_time (departure_airport, arrival_airport, departure_ts_utc),
  KEY ix_flights_departure (departure_ts_utc),
  CONSTRAINT ck_flights_seats CHECK (seats_available >= 0 AND seats_available <= seats_total),
  CONSTRAINT fk_flights_departure FOREIGN KEY (departure_airport) REFERENCES airports (iata),
  CONSTRAINT fk_flights_arrival FOREIGN KEY (arrival_airport) REFERENCES airports (iata)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE cars (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  company VARCHAR(64) NOT NULL,
  model VARCHAR(64) NOT NULL,
  car_class VARCHAR(32) NOT NULL,
  city VARCHAR(64) NOT NULL,
  state_code CHAR(2) NOT NULL,
  seats TINYINT NOT NULL,
  row_version INT NOT NULL DEFAULT 1,
  KEY ix_cars_city_state (city, state_code),
  CONSTRAINT fk_cars_state FOREIGN KEY (state_code) REFERENCES us_states (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE car_availability (
  car_id BIGINT NOT NULL,
  rental_date DATE NOT NULL,
  units_total INT NOT NULL,
  units_booked INT NOT NULL DEFAULT 0,
  price_cents BIGINT NOT NULL,
  row_version INT NOT NULL DEFAULT 1,
  PRIMARY KEY (car_id, rental_date),
  CONSTRAINT ck_car_capacity CHECK (units_booked >= 0 AND units_booked <= units_total),
  CONSTRAINT fk_car_availability_car FOREIGN KEY (car_id) REFERENCES cars (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE bookings (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  user_id BIGINT NOT NULL,
  booking_type VARCHAR(16) NOT NULL,
  status VARCHAR(24) NOT NULL,
  total_cents BIGINT NOT NULL,
  refunded_cents BIGINT NOT NULL DEFAULT 0,
  currency CHAR(3) NOT NULL DEFAULT 'USD',
  created_by_admin_id BIGINT NULL,
  op_id CHAR(36) NULL,
  created_at_utc DATETIME(3) NOT NULL,
  updated_at_utc DATETIME(3) NOT NULL,
  row_version INT NOT NULL DEFAULT 1,
  UNIQUE KEY uq_bookings_op (op_id),
  KEY ix_bookings_user_created (user_id, created_at_utc),
  KEY ix_bookings_type_created (booking_type, created_at_utc),
  CONSTRAINT ck_bookings_type CHECK (booking_type IN ('flight', 'hotel', 'car', 'package')),
  CONSTRAINT fk_bookings_user FOREIGN KEY (user_id) REFERENCES users (id),
  CONSTRAINT fk_bookings_admin FOREIGN KEY (created_by_admin_id) REFERENCES admins (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE booking_items (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  booking_id BIGINT NOT NULL,
  item_type VARCHAR(8) NOT NULL,
  item_id BIGINT NOT NULL,
  label VARCHAR(200) NOT NULL,
  start_utc DATETIME(3) NOT NULL,
  end_utc DATETIME(3) NOT NULL,
  quantity INT NOT NULL,
  unit_price_cents BIGINT NOT NULL,
  total_cents BIGINT NOT NULL,
  status VARCHAR(16) NOT NULL DEFAULT 'active',
  refund_cents BIGINT NOT NULL DEFAULT 0,
  cancelled_at_utc DATETIME(3) NULL,
  row_version INT NOT NULL DEFAULT 1,
  KEY ix_booking_items_target (item_type, item_id),
  CONSTRAINT ck_booking_items_type CHECK (item_type IN ('flight', 'hotel', 'car')),
  CONSTRAINT fk_booking_items_booking FOREIGN KEY (booking_id) REFERENCES bookings (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE payment_methods (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  user_id BIGINT NOT NULL,
  gateway_token VARCHAR(64) NOT NULL,
  brand VARCHAR(16) NOT NULL,
  last4 CHAR(4) NOT NULL,
  exp_month TINYINT NOT NULL,
  exp_year SMALLINT NOT NULL,
  removed TINYINT NOT NULL DEFAULT 0,
  created_at_utc DATETIME(3) NOT NULL,
  row_version INT NOT NULL DEFAULT 1,
  UNIQUE KEY uq_payment_methods_token (gateway_token),
  CONSTRAINT fk_payment_methods_user FOREIGN KEY (user_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE billing (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  booking_id BIGINT NOT NULL,
  user_id BIGINT NOT NULL,
  payment_method_id BIGINT NULL,
  amount_cents BIGINT NOT NULL,
  transaction_status VARCHAR(16) NOT NULL,
  transaction_ts_utc DATETIME(3) NOT NULL,
  gateway_ref VARCHAR(64) NULL,
  note VARCHAR(255) NULL,
  row_version INT NOT NULL DEFAULT 1,
  UNIQUE KEY uq_billing_booking_status (booking_id, transaction_status),
  KEY ix_billing_user_ts (user_id, transaction_ts_utc),
  KEY ix_billing_ts (transaction_ts_utc),
  CONSTRAINT ck_billing_status CHECK (transaction_status IN ('pending', 'authorized', 'captured', 'refunded', 'failed', 'voided')),
  CONSTRAINT fk_billing_booking FOREIGN KEY (booking_id) REFERENCES bookings (id),
  CONSTRAINT fk_billing_user FOREIGN KEY (user_id) REFERENCES users (id),
  CONSTRAINT fk_billing_payment_method FOREIGN KEY (payment_method_id) REFERENCES payment_methods (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE flight_seat_holds (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  hold_token CHAR(36) NOT NULL,
  flight_id BIGINT NOT NULL,
  booking_id BIGINT NULL,
  user_id BIGINT NULL,
  created_by_admin_id BIGINT NULL,
  seats INT NOT NULL,
  price_cents BIGINT NOT NULL,
  status VARCHAR(16) NOT NULL,
  expires_at_utc DATETIME(3) NOT NULL,
  created_at_utc DATETIME(3) NOT NULL,
  row_version INT NOT NULL DEFAULT 1,
  UNIQUE KEY uq_holds_token (hold_token),
  KEY ix_holds_status_expiry (status, expires_at_utc),
  CONSTRAINT ck_holds_status CHECK (status IN ('active', 'converted', 'released', 'expired')),
  CONSTRAINT fk_holds_flight FOREIGN KEY (flight_id) REFERENCES flights (id),
  CONSTRAINT fk_holds_booking FOREIGN KEY (booking_id) REFERENCES bookings (id),
  CONSTRAINT fk_holds_user FOREIGN KEY (user_id) REFERENCES users (id),
  CONSTRAINT fk_holds_admin FOREIGN KEY (created_by_admin_id) REFERENCES admins (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Exactly-once replay: an op's effect and this row commit together.
CREATE TABLE applied_ops (
  op_id CHAR(36) NOT NULL PRIMARY KEY,
  channel VARCHAR(64) NOT NULL,
  outcome VARCHAR(16) NOT NULL,
  result_json LONGTEXT NOT NULL,
  admin_id BIGINT NULL,
  applied_at_utc DATETIME(3) NOT NULL,
  KEY ix_applied_ops_time (applied_at_utc)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Every change to a synced table, written by triggers so writes from other systems are seen too.
CREATE TABLE change_log (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  table_name VARCHAR(32) NOT NULL,
  row_pk VARCHAR(64) NOT NULL,
  op CHAR(1) NOT NULL,
  changed_at_utc DATETIME(3) NOT NULL DEFAULT (UTC_TIMESTAMP(3)),
  KEY ix_change_log_time (changed_at_utc)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
