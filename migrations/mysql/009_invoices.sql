-- Invoices (issue 17): a booking's invoice number, given once and kept, so every console renders
-- the same invoice.
--
-- Numbers are gap-free: an invoice register may not skip a number (auditors ask about the gap).
-- AUTO_INCREMENT cannot give that, since a rolled-back insert burns its value; the next number is
-- taken from the one-row counter below, locked FOR UPDATE inside the transaction that writes the
-- invoice, so a rollback gives it back with everything else.
--
-- The triggers use the bulk-load condition of 006 verbatim (test/core/engine/changeLogBypass.test.ts).
-- The counter is not mirrored to devices (a device offline never numbers an invoice), but the
-- console writes it, so it is logged like every table a console writes.

CREATE TABLE invoice_counter (
  id TINYINT NOT NULL PRIMARY KEY,
  last_number BIGINT NOT NULL,
  row_version INT NOT NULL DEFAULT 1,
  CONSTRAINT ck_invoice_counter_one_row CHECK (id = 1),
  CONSTRAINT ck_invoice_counter_last CHECK (last_number >= 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

INSERT INTO invoice_counter (id, last_number) VALUES (1, 0);

CREATE TABLE invoices (
  booking_id BIGINT NOT NULL PRIMARY KEY,
  invoice_number BIGINT NOT NULL,
  issued_at_utc DATETIME(3) NOT NULL,
  issued_by_admin_id BIGINT NULL,
  row_version INT NOT NULL DEFAULT 1,
  UNIQUE KEY uq_invoices_number (invoice_number),
  CONSTRAINT ck_invoices_number CHECK (invoice_number > 0),
  CONSTRAINT fk_invoices_booking FOREIGN KEY (booking_id) REFERENCES bookings (id),
  CONSTRAINT fk_invoices_admin FOREIGN KEY (issued_by_admin_id) REFERENCES admins (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TRIGGER trg_invoice_counter_i AFTER INSERT ON invoice_counter FOR EACH ROW
  INSERT INTO change_log (table_name, row_pk, op, changed_at_utc)
  SELECT 'invoice_counter', NEW.id, 'I', UTC_TIMESTAMP(3) FROM DUAL WHERE @tripdesk_bulk_load IS NULL OR SUBSTRING_INDEX(USER(), '@', 1) <> SUBSTRING_INDEX(CURRENT_USER(), '@', 1);

CREATE TRIGGER trg_invoice_counter_u AFTER UPDATE ON invoice_counter FOR EACH ROW
  INSERT INTO change_log (table_name, row_pk, op, changed_at_utc)
  SELECT 'invoice_counter', NEW.id, 'U', UTC_TIMESTAMP(3) FROM DUAL WHERE @tripdesk_bulk_load IS NULL OR SUBSTRING_INDEX(USER(), '@', 1) <> SUBSTRING_INDEX(CURRENT_USER(), '@', 1);

CREATE TRIGGER trg_invoice_counter_d AFTER DELETE ON invoice_counter FOR EACH ROW
  INSERT INTO change_log (table_name, row_pk, op, changed_at_utc)
  SELECT 'invoice_counter', OLD.id, 'D', UTC_TIMESTAMP(3) FROM DUAL WHERE @tripdesk_bulk_load IS NULL OR SUBSTRING_INDEX(USER(), '@', 1) <> SUBSTRING_INDEX(CURRENT_USER(), '@', 1);

CREATE TRIGGER trg_invoices_i AFTER INSERT ON invoices FOR EACH ROW
  INSERT INTO change_log (table_name, row_pk, op, changed_at_utc)
  SELECT 'invoices', NEW.booking_id, 'I', UTC_TIMESTAMP(3) FROM DUAL WHERE @tripdesk_bulk_load IS NULL OR SUBSTRING_INDEX(USER(), '@', 1) <> SUBSTRING_INDEX(CURRENT_USER(), '@', 1);

CREATE TRIGGER trg_invoices_u AFTER UPDATE ON invoices FOR EACH ROW
  INSERT INTO change_log (table_name, row_pk, op, changed_at_utc)
  SELECT 'invoices', NEW.booking_id, 'U', UTC_TIMESTAMP(3) FROM DUAL WHERE @tripdesk_bulk_load IS NULL OR SUBSTRING_INDEX(USER(), '@', 1) <> SUBSTRING_INDEX(CURRENT_USER(), '@', 1);

CREATE TRIGGER trg_invoices_d AFTER DELETE ON invoices FOR EACH ROW
  INSERT INTO change_log (table_name, row_pk, op, changed_at_utc)
  SELECT 'invoices', OLD.booking_id, 'D', UTC_TIMESTAMP(3) FROM DUAL WHERE @tripdesk_bulk_load IS NULL OR SUBSTRING_INDEX(USER(), '@', 1) <> SUBSTRING_INDEX(CURRENT_USER(), '@', 1);
