-- Overbookings (issue 18, part 6): a supervisor may set a flight's seats, a room type's rooms on a
-- night or a car's units on a day below what is already booked. The capacity columns cannot say
-- so (their CHECKs keep booked <= total, and every sale relies on that), so the inventory is left
-- full (nothing more on sale) and this table keeps the capacity the supervisor asked for. Each
-- seat, room or car given back afterwards (a move, a cancellation, an expired hold) shrinks the
-- inventory towards it instead of going back on sale (ops/inventory/shortfalls.ts); once what is
-- booked fits, the row is closed and the inventory leaves Overbooked.
--
-- One row per inventory, keyed by what it is: 'flight:12', 'hotel:5:2026-07-01' (room type 5's
-- night of 1 July), 'car:3:2026-07-01'. A natural key, so a console offline records the same row
-- the server will, and a later shrink of the same inventory reopens it.
--
-- A flight taken off sale (flights.active = 0) with bookings on it is overbooked too, by all of
-- them; that needs no row (the flight says it) and is found on read.
CREATE TABLE overbookings (
  inventory_key VARCHAR(40) NOT NULL PRIMARY KEY,
  inventory_kind VARCHAR(8) NOT NULL,
  inventory_id BIGINT NOT NULL,
  -- The night (hotel) or rental day (car); NULL for a flight.
  inventory_day DATE NULL,
  capacity_wanted INT NOT NULL,
  opened_by_admin_id BIGINT NULL,
  opened_at_utc DATETIME(3) NOT NULL,
  closed_at_utc DATETIME(3) NULL,
  row_version INT NOT NULL DEFAULT 1,
  KEY ix_overbookings_open (closed_at_utc, inventory_kind),
  KEY ix_overbookings_inventory (inventory_kind, inventory_id, inventory_day),
  CONSTRAINT ck_overbookings_kind CHECK (inventory_kind IN ('flight', 'hotel', 'car')),
  CONSTRAINT ck_overbookings_wanted CHECK (capacity_wanted >= 0),
  CONSTRAINT fk_overbookings_opened_by FOREIGN KEY (opened_by_admin_id) REFERENCES admins (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TRIGGER trg_overbookings_i AFTER INSERT ON overbookings FOR EACH ROW
  INSERT INTO change_log (table_name, row_pk, op, changed_at_utc)
  SELECT 'overbookings', NEW.inventory_key, 'I', UTC_TIMESTAMP(3) FROM DUAL WHERE @tripdesk_bulk_load IS NULL OR SUBSTRING_INDEX(USER(), '@', 1) <> SUBSTRING_INDEX(CURRENT_USER(), '@', 1);

CREATE TRIGGER trg_overbookings_u AFTER UPDATE ON overbookings FOR EACH ROW
  INSERT INTO change_log (table_name, row_pk, op, changed_at_utc)
  SELECT 'overbookings', NEW.inventory_key, 'U', UTC_TIMESTAMP(3) FROM DUAL WHERE @tripdesk_bulk_load IS NULL OR SUBSTRING_INDEX(USER(), '@', 1) <> SUBSTRING_INDEX(CURRENT_USER(), '@', 1);

CREATE TRIGGER trg_overbookings_d AFTER DELETE ON overbookings FOR EACH ROW
  INSERT INTO change_log (table_name, row_pk, op, changed_at_utc)
  SELECT 'overbookings', OLD.inventory_key, 'D', UTC_TIMESTAMP(3) FROM DUAL WHERE @tripdesk_bulk_load IS NULL OR SUBSTRING_INDEX(USER(), '@', 1) <> SUBSTRING_INDEX(CURRENT_USER(), '@', 1);
