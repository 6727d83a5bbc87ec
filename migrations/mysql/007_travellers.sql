-- Travellers (issue 15): who flies on each seat, who leads a hotel stay, who drives a car, and
-- the travellers a customer keeps to pick from (themselves, family).
--
-- A booking's travellers are a copy of the details as booked, not a pointer to the saved ones: a
-- saved traveller edited later (a new passport) must not rewrite a ticket already issued. The link
-- to the saved traveller is kept only to say where the copy came from.
--
-- A saved traveller is marked removed rather than deleted, as a saved card is: past bookings'
-- travellers still point at it.
--
-- The triggers use the bulk-load condition of 006 verbatim (test/core/engine/changeLogBypass.test.ts).

CREATE TABLE customer_travellers (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  user_id BIGINT NOT NULL,
  given_names VARCHAR(60) NOT NULL,
  family_name VARCHAR(60) NOT NULL,
  date_of_birth DATE NOT NULL,
  gender VARCHAR(12) NULL,
  known_traveller_number VARCHAR(10) NULL,
  passport_number VARCHAR(9) NULL,
  passport_country CHAR(3) NULL,
  passport_expiry DATE NULL,
  removed TINYINT NOT NULL DEFAULT 0,
  created_at_utc DATETIME(3) NOT NULL,
  updated_at_utc DATETIME(3) NOT NULL,
  row_version INT NOT NULL DEFAULT 1,
  KEY ix_customer_travellers_user (user_id, removed, id),
  CONSTRAINT ck_customer_travellers_gender CHECK (gender IS NULL OR gender IN ('female', 'male', 'unspecified')),
  CONSTRAINT fk_customer_travellers_user FOREIGN KEY (user_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE booking_travellers (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  booking_id BIGINT NOT NULL,
  booking_item_id BIGINT NOT NULL,
  traveller_role VARCHAR(12) NOT NULL,
  given_names VARCHAR(60) NOT NULL,
  family_name VARCHAR(60) NOT NULL,
  date_of_birth DATE NOT NULL,
  gender VARCHAR(12) NULL,
  known_traveller_number VARCHAR(10) NULL,
  passport_number VARCHAR(9) NULL,
  passport_country CHAR(3) NULL,
  passport_expiry DATE NULL,
  -- The stay's guests, lead guest included: on the lead guest's row only.
  guest_count INT NULL,
  customer_traveller_id BIGINT NULL,
  row_version INT NOT NULL DEFAULT 1,
  KEY ix_booking_travellers_booking (booking_id, id),
  KEY ix_booking_travellers_item (booking_item_id),
  CONSTRAINT ck_booking_travellers_role CHECK (traveller_role IN ('passenger', 'lead_guest', 'driver')),
  CONSTRAINT ck_booking_travellers_gender CHECK (gender IS NULL OR gender IN ('female', 'male', 'unspecified')),
  CONSTRAINT ck_booking_travellers_guests CHECK ((traveller_role = 'lead_guest') = (guest_count IS NOT NULL)),
  CONSTRAINT fk_booking_travellers_booking FOREIGN KEY (booking_id) REFERENCES bookings (id),
  CONSTRAINT fk_booking_travellers_item FOREIGN KEY (booking_item_id) REFERENCES booking_items (id),
  CONSTRAINT fk_booking_travellers_saved FOREIGN KEY (customer_traveller_id) REFERENCES customer_travellers (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TRIGGER trg_customer_travellers_i AFTER INSERT ON customer_travellers FOR EACH ROW
  INSERT INTO change_log (table_name, row_pk, op, changed_at_utc)
  SELECT 'customer_travellers', NEW.id, 'I', UTC_TIMESTAMP(3) FROM DUAL WHERE @tripdesk_bulk_load IS NULL OR SUBSTRING_INDEX(USER(), '@', 1) <> SUBSTRING_INDEX(CURRENT_USER(), '@', 1);

CREATE TRIGGER trg_customer_travellers_u AFTER UPDATE ON customer_travellers FOR EACH ROW
  INSERT INTO change_log (table_name, row_pk, op, changed_at_utc)
  SELECT 'customer_travellers', NEW.id, 'U', UTC_TIMESTAMP(3) FROM DUAL WHERE @tripdesk_bulk_load IS NULL OR SUBSTRING_INDEX(USER(), '@', 1) <> SUBSTRING_INDEX(CURRENT_USER(), '@', 1);

CREATE TRIGGER trg_customer_travellers_d AFTER DELETE ON customer_travellers FOR EACH ROW
  INSERT INTO change_log (table_name, row_pk, op, changed_at_utc)
  SELECT 'customer_travellers', OLD.id, 'D', UTC_TIMESTAMP(3) FROM DUAL WHERE @tripdesk_bulk_load IS NULL OR SUBSTRING_INDEX(USER(), '@', 1) <> SUBSTRING_INDEX(CURRENT_USER(), '@', 1);

CREATE TRIGGER trg_booking_travellers_i AFTER INSERT ON booking_travellers FOR EACH ROW
  INSERT INTO change_log (table_name, row_pk, op, changed_at_utc)
  SELECT 'booking_travellers', NEW.id, 'I', UTC_TIMESTAMP(3) FROM DUAL WHERE @tripdesk_bulk_load IS NULL OR SUBSTRING_INDEX(USER(), '@', 1) <> SUBSTRING_INDEX(CURRENT_USER(), '@', 1);

CREATE TRIGGER trg_booking_travellers_u AFTER UPDATE ON booking_travellers FOR EACH ROW
  INSERT INTO change_log (table_name, row_pk, op, changed_at_utc)
  SELECT 'booking_travellers', NEW.id, 'U', UTC_TIMESTAMP(3) FROM DUAL WHERE @tripdesk_bulk_load IS NULL OR SUBSTRING_INDEX(USER(), '@', 1) <> SUBSTRING_INDEX(CURRENT_USER(), '@', 1);

CREATE TRIGGER trg_booking_travellers_d AFTER DELETE ON booking_travellers FOR EACH ROW
  INSERT INTO change_log (table_name, row_pk, op, changed_at_utc)
  SELECT 'booking_travellers', OLD.id, 'D', UTC_TIMESTAMP(3) FROM DUAL WHERE @tripdesk_bulk_load IS NULL OR SUBSTRING_INDEX(USER(), '@', 1) <> SUBSTRING_INDEX(CURRENT_USER(), '@', 1);
