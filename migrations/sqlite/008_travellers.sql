-- Travellers: the device's copy of migrations/mysql/007_travellers.sql, with the provisional mark
-- every mirrored table carries (a row made offline, until the server's copy replaces it).

CREATE TABLE customer_travellers (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users (id),
  given_names TEXT NOT NULL,
  family_name TEXT NOT NULL,
  date_of_birth TEXT NOT NULL,
  gender TEXT NULL,
  known_traveller_number TEXT NULL,
  passport_number TEXT NULL,
  passport_country TEXT NULL,
  passport_expiry TEXT NULL,
  removed INTEGER NOT NULL DEFAULT 0,
  created_at_utc TEXT NOT NULL,
  updated_at_utc TEXT NOT NULL,
  row_version INTEGER NOT NULL DEFAULT 1,
  provisional INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX ix_customer_travellers_user ON customer_travellers (user_id, removed, id);

CREATE TABLE booking_travellers (
  id INTEGER PRIMARY KEY,
  booking_id INTEGER NOT NULL REFERENCES bookings (id),
  booking_item_id INTEGER NOT NULL REFERENCES booking_items (id),
  traveller_role TEXT NOT NULL CHECK (traveller_role IN ('passenger', 'lead_guest', 'driver')),
  given_names TEXT NOT NULL,
  family_name TEXT NOT NULL,
  date_of_birth TEXT NOT NULL,
  gender TEXT NULL,
  known_traveller_number TEXT NULL,
  passport_number TEXT NULL,
  passport_country TEXT NULL,
  passport_expiry TEXT NULL,
  guest_count INTEGER NULL,
  customer_traveller_id INTEGER NULL REFERENCES customer_travellers (id),
  row_version INTEGER NOT NULL DEFAULT 1,
  provisional INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX ix_booking_travellers_booking ON booking_travellers (booking_id, id);
CREATE INDEX ix_booking_travellers_item ON booking_travellers (booking_item_id);
