-- Refunds that wait for a supervisor (issue 18, part 5): a cancellation whose refund is above
-- TRIPDESK_REFUND_APPROVAL_CENTS, or whose refund was overridden, records its refund here as
-- pending instead of paying it. refunds.decide approves it (the money goes back, to the card the
-- booking was paid with or another on file) or denies it. The items it covers name it
-- (booking_items.refund_request_id), so a denial takes their refund back to nothing.
-- The triggers use the bulk-load condition of 006 verbatim (test/core/engine/changeLogBypass.test.ts).

CREATE TABLE refund_requests (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  booking_id BIGINT NOT NULL,
  amount_cents BIGINT NOT NULL,
  policy_cents BIGINT NOT NULL,
  is_override TINYINT NOT NULL DEFAULT 0,
  reason VARCHAR(500) NOT NULL,
  state VARCHAR(12) NOT NULL,
  requested_by_admin_id BIGINT NULL,
  requested_at_utc DATETIME(3) NOT NULL,
  decided_by_admin_id BIGINT NULL,
  decided_at_utc DATETIME(3) NULL,
  decision_reason VARCHAR(500) NULL,
  payment_method_id BIGINT NULL,
  updated_at_utc DATETIME(3) NOT NULL,
  row_version INT NOT NULL DEFAULT 1,
  KEY ix_refund_requests_state (state, id),
  KEY ix_refund_requests_booking (booking_id, id),
  CONSTRAINT ck_refund_requests_state CHECK (state IN ('pending', 'approved', 'denied')),
  CONSTRAINT fk_refund_requests_booking FOREIGN KEY (booking_id) REFERENCES bookings (id),
  CONSTRAINT fk_refund_requests_requested_by FOREIGN KEY (requested_by_admin_id) REFERENCES admins (id),
  CONSTRAINT fk_refund_requests_decided_by FOREIGN KEY (decided_by_admin_id) REFERENCES admins (id),
  CONSTRAINT fk_refund_requests_method FOREIGN KEY (payment_method_id) REFERENCES payment_methods (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

ALTER TABLE booking_items
  ADD COLUMN refund_request_id BIGINT NULL,
  ADD CONSTRAINT fk_booking_items_refund_request FOREIGN KEY (refund_request_id) REFERENCES refund_requests (id);

CREATE TRIGGER trg_refund_requests_i AFTER INSERT ON refund_requests FOR EACH ROW
  INSERT INTO change_log (table_name, row_pk, op, changed_at_utc)
  SELECT 'refund_requests', NEW.id, 'I', UTC_TIMESTAMP(3) FROM DUAL WHERE @tripdesk_bulk_load IS NULL OR SUBSTRING_INDEX(USER(), '@', 1) <> SUBSTRING_INDEX(CURRENT_USER(), '@', 1);

CREATE TRIGGER trg_refund_requests_u AFTER UPDATE ON refund_requests FOR EACH ROW
  INSERT INTO change_log (table_name, row_pk, op, changed_at_utc)
  SELECT 'refund_requests', NEW.id, 'U', UTC_TIMESTAMP(3) FROM DUAL WHERE @tripdesk_bulk_load IS NULL OR SUBSTRING_INDEX(USER(), '@', 1) <> SUBSTRING_INDEX(CURRENT_USER(), '@', 1);

CREATE TRIGGER trg_refund_requests_d AFTER DELETE ON refund_requests FOR EACH ROW
  INSERT INTO change_log (table_name, row_pk, op, changed_at_utc)
  SELECT 'refund_requests', OLD.id, 'D', UTC_TIMESTAMP(3) FROM DUAL WHERE @tripdesk_bulk_load IS NULL OR SUBSTRING_INDEX(USER(), '@', 1) <> SUBSTRING_INDEX(CURRENT_USER(), '@', 1);
