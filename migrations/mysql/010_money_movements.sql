-- Money movements (issue 16): every charge and refund of a booking is its own row -- amount, time,
-- operator, reason, payment method -- beneath the seed's billing rows.
--
-- The seed keeps one billing row per (booking_id, transaction_status) (uq_billing_booking_status),
-- so a second refund or a change's extra charge cannot be a second billing row. Billing rows stay
-- as running totals per status (`captured` is everything charged, `refunded` everything refunded,
-- `authorized` follows `captured`: the console authorises and captures in one step); each
-- movement names the billing row it adds to. For every booking:
--   SUM(charge movements) = captured.amount_cents = bookings.total_cents
--   SUM(refund movements) = refunded.amount_cents = bookings.refunded_cents
-- (test/core/ops/bookings/moneyMovements.test.ts and the fast-check invariants check it).
--
-- A changed item is kept, cancelled, and points at the item it was exchanged for
-- (booking_items.exchanged_for_item_id), so the record and the documents show what was exchanged.
--
-- Backfill: each existing captured and refunded billing row becomes one movement with the billing
-- row's id as its own (ids are the same on the server and on every device that backfills its copy,
-- so the rows a device backfilled and those it pulls are the same rows). The triggers are made
-- first, so devices that do not backfill are told of the rows too.
--
-- The triggers use the bulk-load condition of 006 verbatim (test/core/engine/changeLogBypass.test.ts).

ALTER TABLE booking_items
  ADD COLUMN exchanged_for_item_id BIGINT NULL,
  ADD CONSTRAINT fk_booking_items_exchanged FOREIGN KEY (exchanged_for_item_id) REFERENCES booking_items (id);

CREATE TABLE money_movements (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  booking_id BIGINT NOT NULL,
  billing_id BIGINT NOT NULL,
  booking_item_id BIGINT NULL,
  kind VARCHAR(8) NOT NULL,
  amount_cents BIGINT NOT NULL,
  at_utc DATETIME(3) NOT NULL,
  admin_id BIGINT NULL,
  reason VARCHAR(255) NOT NULL,
  payment_method_id BIGINT NULL,
  payment_label VARCHAR(40) NULL,
  gateway_ref VARCHAR(64) NULL,
  row_version INT NOT NULL DEFAULT 1,
  KEY ix_money_movements_booking (booking_id, at_utc, id),
  KEY ix_money_movements_billing (billing_id),
  CONSTRAINT ck_money_movements_kind CHECK (kind IN ('charge', 'refund')),
  CONSTRAINT ck_money_movements_amount CHECK (amount_cents > 0),
  CONSTRAINT fk_money_movements_booking FOREIGN KEY (booking_id) REFERENCES bookings (id),
  CONSTRAINT fk_money_movements_billing FOREIGN KEY (billing_id) REFERENCES billing (id),
  CONSTRAINT fk_money_movements_item FOREIGN KEY (booking_item_id) REFERENCES booking_items (id),
  CONSTRAINT fk_money_movements_admin FOREIGN KEY (admin_id) REFERENCES admins (id),
  CONSTRAINT fk_money_movements_payment_method FOREIGN KEY (payment_method_id) REFERENCES payment_methods (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TRIGGER trg_money_movements_i AFTER INSERT ON money_movements FOR EACH ROW
  INSERT INTO change_log (table_name, row_pk, op, changed_at_utc)
  SELECT 'money_movements', NEW.id, 'I', UTC_TIMESTAMP(3) FROM DUAL WHERE @tripdesk_bulk_load IS NULL OR SUBSTRING_INDEX(USER(), '@', 1) <> SUBSTRING_INDEX(CURRENT_USER(), '@', 1);

CREATE TRIGGER trg_money_movements_u AFTER UPDATE ON money_movements FOR EACH ROW
  INSERT INTO change_log (table_name, row_pk, op, changed_at_utc)
  SELECT 'money_movements', NEW.id, 'U', UTC_TIMESTAMP(3) FROM DUAL WHERE @tripdesk_bulk_load IS NULL OR SUBSTRING_INDEX(USER(), '@', 1) <> SUBSTRING_INDEX(CURRENT_USER(), '@', 1);

CREATE TRIGGER trg_money_movements_d AFTER DELETE ON money_movements FOR EACH ROW
  INSERT INTO change_log (table_name, row_pk, op, changed_at_utc)
  SELECT 'money_movements', OLD.id, 'D', UTC_TIMESTAMP(3) FROM DUAL WHERE @tripdesk_bulk_load IS NULL OR SUBSTRING_INDEX(USER(), '@', 1) <> SUBSTRING_INDEX(CURRENT_USER(), '@', 1);

INSERT INTO money_movements (id, booking_id, billing_id, kind, amount_cents, at_utc, admin_id, reason, payment_method_id, payment_label, gateway_ref)
SELECT bl.id, bl.booking_id, bl.id,
       CASE WHEN bl.transaction_status = 'captured' THEN 'charge' ELSE 'refund' END,
       bl.amount_cents, bl.transaction_ts_utc,
       CASE WHEN bl.transaction_status = 'captured' THEN bk.created_by_admin_id ELSE NULL END,
       CASE WHEN bl.transaction_status = 'captured' THEN 'booking' ELSE COALESCE(bl.note, 'refund') END,
       bl.payment_method_id,
       CASE WHEN pm.id IS NULL THEN NULL ELSE CONCAT(UPPER(LEFT(pm.brand, 1)), SUBSTRING(pm.brand, 2), ' ending ', pm.last4) END,
       bl.gateway_ref
  FROM billing bl
  JOIN bookings bk ON bk.id = bl.booking_id
  LEFT JOIN payment_methods pm ON pm.id = bl.payment_method_id
 WHERE bl.transaction_status IN ('captured', 'refunded') AND bl.amount_cents > 0;
