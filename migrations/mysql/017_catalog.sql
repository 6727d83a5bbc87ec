-- The catalogue (issue 18, part 1): supervisors create and edit hotels, room types, cars and
-- flights from the console (catalog.*.save), and images get an order (part 2).
--
-- The new columns ride on tables whose change_log triggers already exist (002, 006): every change
-- to them is logged and devices pull them with the rest of the row.
--
-- Nothing a booking references is ever deleted: `active = 0` takes a hotel, room type, car or
-- flight off sale (searches and new sales skip it) while bookings, reviews and history keep
-- pointing at it.
--   hotels.amenities        JSON array of short words ("pool", "free wifi"), in the order given.
--   hotels.check_in_time    the hotel's local clock time, HH:MM (stays are local calendar dates).
--   cars.airport            the pick-up airport, when the car is collected at one (city and state
--                           are then the airport's); NULL for a city office.
--   cars.base_price_cents   the day price new rental days start at (inventory.cars.setDays reprices).
ALTER TABLE hotels
  ADD COLUMN amenities VARCHAR(1000) NOT NULL DEFAULT '[]',
  ADD COLUMN check_in_time CHAR(5) NOT NULL DEFAULT '15:00',
  ADD COLUMN check_out_time CHAR(5) NOT NULL DEFAULT '11:00',
  ADD COLUMN active TINYINT NOT NULL DEFAULT 1;

ALTER TABLE hotel_room_types
  ADD COLUMN beds VARCHAR(60) NOT NULL DEFAULT '',
  ADD COLUMN active TINYINT NOT NULL DEFAULT 1;

ALTER TABLE cars
  ADD COLUMN transmission VARCHAR(12) NOT NULL DEFAULT 'automatic',
  ADD COLUMN airport CHAR(3) NULL,
  ADD COLUMN base_price_cents BIGINT NOT NULL DEFAULT 0,
  ADD COLUMN active TINYINT NOT NULL DEFAULT 1,
  ADD CONSTRAINT ck_cars_transmission CHECK (transmission IN ('automatic', 'manual')),
  ADD CONSTRAINT fk_cars_airport FOREIGN KEY (airport) REFERENCES airports (iata);

ALTER TABLE flights ADD COLUMN active TINYINT NOT NULL DEFAULT 1;

-- A flight's schedule moved under a booking: one row per booked flight item, open until an agent
-- has told the customer (acknowledged_*). Needs attention lists the open ones on every console.
CREATE TABLE schedule_changes (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  flight_id BIGINT NOT NULL,
  booking_id BIGINT NOT NULL,
  booking_item_id BIGINT NOT NULL,
  old_departure_ts_utc DATETIME(3) NOT NULL,
  old_arrival_ts_utc DATETIME(3) NOT NULL,
  new_departure_ts_utc DATETIME(3) NOT NULL,
  new_arrival_ts_utc DATETIME(3) NOT NULL,
  changed_by_admin_id BIGINT NULL,
  changed_at_utc DATETIME(3) NOT NULL,
  acknowledged_by_admin_id BIGINT NULL,
  acknowledged_at_utc DATETIME(3) NULL,
  row_version INT NOT NULL DEFAULT 1,
  KEY ix_schedule_changes_open (acknowledged_at_utc, id),
  KEY ix_schedule_changes_booking (booking_id),
  CONSTRAINT fk_schedule_changes_flight FOREIGN KEY (flight_id) REFERENCES flights (id),
  CONSTRAINT fk_schedule_changes_booking FOREIGN KEY (booking_id) REFERENCES bookings (id),
  CONSTRAINT fk_schedule_changes_item FOREIGN KEY (booking_item_id) REFERENCES booking_items (id),
  CONSTRAINT fk_schedule_changes_changed_by FOREIGN KEY (changed_by_admin_id) REFERENCES admins (id),
  CONSTRAINT fk_schedule_changes_acknowledged_by FOREIGN KEY (acknowledged_by_admin_id) REFERENCES admins (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TRIGGER trg_schedule_changes_i AFTER INSERT ON schedule_changes FOR EACH ROW
  INSERT INTO change_log (table_name, row_pk, op, changed_at_utc)
  SELECT 'schedule_changes', NEW.id, 'I', UTC_TIMESTAMP(3) FROM DUAL WHERE @tripdesk_bulk_load IS NULL OR SUBSTRING_INDEX(USER(), '@', 1) <> SUBSTRING_INDEX(CURRENT_USER(), '@', 1);

CREATE TRIGGER trg_schedule_changes_u AFTER UPDATE ON schedule_changes FOR EACH ROW
  INSERT INTO change_log (table_name, row_pk, op, changed_at_utc)
  SELECT 'schedule_changes', NEW.id, 'U', UTC_TIMESTAMP(3) FROM DUAL WHERE @tripdesk_bulk_load IS NULL OR SUBSTRING_INDEX(USER(), '@', 1) <> SUBSTRING_INDEX(CURRENT_USER(), '@', 1);

CREATE TRIGGER trg_schedule_changes_d AFTER DELETE ON schedule_changes FOR EACH ROW
  INSERT INTO change_log (table_name, row_pk, op, changed_at_utc)
  SELECT 'schedule_changes', OLD.id, 'D', UTC_TIMESTAMP(3) FROM DUAL WHERE @tripdesk_bulk_load IS NULL OR SUBSTRING_INDEX(USER(), '@', 1) <> SUBSTRING_INDEX(CURRENT_USER(), '@', 1);
