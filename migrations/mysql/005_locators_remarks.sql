-- Record locators, remarks, and where a booking was made (issue 15).
--
-- A locator is six characters from ABCDEFGHJKLMNPQRSTUVWXYZ23456789 (shared/locator.ts), unique
-- here, the store of record. Bookings made before it get one computed from their id, the same
-- one-to-one mapping as locatorOfNumber (id x 387420489 mod 2^30, in base 32), so the backfill
-- can never collide with itself and a device's SQLite copy computes the same letters.

ALTER TABLE bookings
  ADD COLUMN locator CHAR(6) NULL AFTER id,
  ADD COLUMN booked_on VARCHAR(64) NULL,
  ADD COLUMN made_offline TINYINT NOT NULL DEFAULT 0;

UPDATE bookings SET locator = CONCAT(
  SUBSTR('ABCDEFGHJKLMNPQRSTUVWXYZ23456789', ((((id * 387420489) & 1073741823) >> 25) & 31) + 1, 1),
  SUBSTR('ABCDEFGHJKLMNPQRSTUVWXYZ23456789', ((((id * 387420489) & 1073741823) >> 20) & 31) + 1, 1),
  SUBSTR('ABCDEFGHJKLMNPQRSTUVWXYZ23456789', ((((id * 387420489) & 1073741823) >> 15) & 31) + 1, 1),
  SUBSTR('ABCDEFGHJKLMNPQRSTUVWXYZ23456789', ((((id * 387420489) & 1073741823) >> 10) & 31) + 1, 1),
  SUBSTR('ABCDEFGHJKLMNPQRSTUVWXYZ23456789', ((((id * 387420489) & 1073741823) >> 5) & 31) + 1, 1),
  SUBSTR('ABCDEFGHJKLMNPQRSTUVWXYZ23456789', ((((id * 387420489) & 1073741823) >> 0) & 31) + 1, 1))
WHERE locator IS NULL;

ALTER TABLE bookings MODIFY COLUMN locator CHAR(6) NOT NULL, ADD UNIQUE KEY uq_bookings_locator (locator);

-- Remarks: free text kept in order with its author and time. A shareable booking remark is meant
-- for the customer's itinerary; the others stay between agents.
CREATE TABLE booking_remarks (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  booking_id BIGINT NOT NULL,
  remark_text VARCHAR(2000) NOT NULL,
  shareable TINYINT NOT NULL DEFAULT 0,
  created_by_admin_id BIGINT NULL,
  created_at_utc DATETIME(3) NOT NULL,
  row_version INT NOT NULL DEFAULT 1,
  KEY ix_booking_remarks_booking (booking_id, created_at_utc, id),
  CONSTRAINT fk_booking_remarks_booking FOREIGN KEY (booking_id) REFERENCES bookings (id),
  CONSTRAINT fk_booking_remarks_admin FOREIGN KEY (created_by_admin_id) REFERENCES admins (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE customer_remarks (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  user_id BIGINT NOT NULL,
  remark_text VARCHAR(2000) NOT NULL,
  created_by_admin_id BIGINT NULL,
  created_at_utc DATETIME(3) NOT NULL,
  row_version INT NOT NULL DEFAULT 1,
  KEY ix_customer_remarks_user (user_id, created_at_utc, id),
  CONSTRAINT fk_customer_remarks_user FOREIGN KEY (user_id) REFERENCES users (id),
  CONSTRAINT fk_customer_remarks_admin FOREIGN KEY (created_by_admin_id) REFERENCES admins (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TRIGGER trg_booking_remarks_i AFTER INSERT ON booking_remarks FOR EACH ROW
  INSERT INTO change_log (table_name, row_pk, op, changed_at_utc)
  SELECT 'booking_remarks', NEW.id, 'I', UTC_TIMESTAMP(3) FROM DUAL WHERE @tripdesk_bulk_load IS NULL OR SUBSTRING_INDEX(USER(), '@', 1) <> SUBSTRING_INDEX(CURRENT_USER(), '@', 1);

CREATE TRIGGER trg_booking_remarks_u AFTER UPDATE ON booking_remarks FOR EACH ROW
  INSERT INTO change_log (table_name, row_pk, op, changed_at_utc)
  SELECT 'booking_remarks', NEW.id, 'U', UTC_TIMESTAMP(3) FROM DUAL WHERE @tripdesk_bulk_load IS NULL OR SUBSTRING_INDEX(USER(), '@', 1) <> SUBSTRING_INDEX(CURRENT_USER(), '@', 1);

CREATE TRIGGER trg_booking_remarks_d AFTER DELETE ON booking_remarks FOR EACH ROW
  INSERT INTO change_log (table_name, row_pk, op, changed_at_utc)
  SELECT 'booking_remarks', OLD.id, 'D', UTC_TIMESTAMP(3) FROM DUAL WHERE @tripdesk_bulk_load IS NULL OR SUBSTRING_INDEX(USER(), '@', 1) <> SUBSTRING_INDEX(CURRENT_USER(), '@', 1);

CREATE TRIGGER trg_customer_remarks_i AFTER INSERT ON customer_remarks FOR EACH ROW
  INSERT INTO change_log (table_name, row_pk, op, changed_at_utc)
  SELECT 'customer_remarks', NEW.id, 'I', UTC_TIMESTAMP(3) FROM DUAL WHERE @tripdesk_bulk_load IS NULL OR SUBSTRING_INDEX(USER(), '@', 1) <> SUBSTRING_INDEX(CURRENT_USER(), '@', 1);

CREATE TRIGGER trg_customer_remarks_u AFTER UPDATE ON customer_remarks FOR EACH ROW
  INSERT INTO change_log (table_name, row_pk, op, changed_at_utc)
  SELECT 'customer_remarks', NEW.id, 'U', UTC_TIMESTAMP(3) FROM DUAL WHERE @tripdesk_bulk_load IS NULL OR SUBSTRING_INDEX(USER(), '@', 1) <> SUBSTRING_INDEX(CURRENT_USER(), '@', 1);

CREATE TRIGGER trg_customer_remarks_d AFTER DELETE ON customer_remarks FOR EACH ROW
  INSERT INTO change_log (table_name, row_pk, op, changed_at_utc)
  SELECT 'customer_remarks', OLD.id, 'D', UTC_TIMESTAMP(3) FROM DUAL WHERE @tripdesk_bulk_load IS NULL OR SUBSTRING_INDEX(USER(), '@', 1) <> SUBSTRING_INDEX(CURRENT_USER(), '@', 1);
