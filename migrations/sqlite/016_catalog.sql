-- The catalogue: the device's copy of migrations/mysql/017_catalog.sql (see there for the columns),
-- with the provisional mark every mirrored table carries. Images get a position: the gallery's
-- order, which a supervisor sets (images.reorder); older images keep their order by time.
ALTER TABLE hotels ADD COLUMN amenities TEXT NOT NULL DEFAULT '[]';
ALTER TABLE hotels ADD COLUMN check_in_time TEXT NOT NULL DEFAULT '15:00';
ALTER TABLE hotels ADD COLUMN check_out_time TEXT NOT NULL DEFAULT '11:00';
ALTER TABLE hotels ADD COLUMN active INTEGER NOT NULL DEFAULT 1;

ALTER TABLE hotel_room_types ADD COLUMN beds TEXT NOT NULL DEFAULT '';
ALTER TABLE hotel_room_types ADD COLUMN active INTEGER NOT NULL DEFAULT 1;

ALTER TABLE cars ADD COLUMN transmission TEXT NOT NULL DEFAULT 'automatic' CHECK (transmission IN ('automatic', 'manual'));
ALTER TABLE cars ADD COLUMN airport TEXT NULL REFERENCES airports (iata);
ALTER TABLE cars ADD COLUMN base_price_cents INTEGER NOT NULL DEFAULT 0;
ALTER TABLE cars ADD COLUMN active INTEGER NOT NULL DEFAULT 1;

ALTER TABLE flights ADD COLUMN active INTEGER NOT NULL DEFAULT 1;

CREATE TABLE schedule_changes (
  id INTEGER PRIMARY KEY,
  -- No foreign key to flights: a device copies only the next 90 days of flights, but every schedule change.
  flight_id INTEGER NOT NULL,
  booking_id INTEGER NOT NULL REFERENCES bookings (id),
  booking_item_id INTEGER NOT NULL REFERENCES booking_items (id),
  old_departure_ts_utc TEXT NOT NULL,
  old_arrival_ts_utc TEXT NOT NULL,
  new_departure_ts_utc TEXT NOT NULL,
  new_arrival_ts_utc TEXT NOT NULL,
  changed_by_admin_id INTEGER NULL REFERENCES admins (id),
  changed_at_utc TEXT NOT NULL,
  acknowledged_by_admin_id INTEGER NULL REFERENCES admins (id),
  acknowledged_at_utc TEXT NULL,
  row_version INTEGER NOT NULL DEFAULT 1,
  provisional INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX ix_schedule_changes_open ON schedule_changes (acknowledged_at_utc, id);
CREATE INDEX ix_schedule_changes_booking ON schedule_changes (booking_id);

ALTER TABLE images ADD COLUMN position INTEGER NOT NULL DEFAULT 0;
