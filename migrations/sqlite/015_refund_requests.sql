-- The device's copy of migrations/mysql/016_refund_requests.sql, with the provisional mark every
-- mirrored table carries (a cancellation made offline records its pending refund on the device).
-- booking_items.refund_request_id has no foreign key here: a pull may bring an item before the
-- request it names, and the server's key already holds the two together.

CREATE TABLE refund_requests (
  id INTEGER PRIMARY KEY,
  booking_id INTEGER NOT NULL REFERENCES bookings (id),
  amount_cents INTEGER NOT NULL,
  policy_cents INTEGER NOT NULL,
  is_override INTEGER NOT NULL DEFAULT 0,
  reason TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('pending', 'approved', 'denied')),
  requested_by_admin_id INTEGER NULL REFERENCES admins (id),
  requested_at_utc TEXT NOT NULL,
  decided_by_admin_id INTEGER NULL REFERENCES admins (id),
  decided_at_utc TEXT NULL,
  decision_reason TEXT NULL,
  payment_method_id INTEGER NULL,
  updated_at_utc TEXT NOT NULL,
  row_version INTEGER NOT NULL DEFAULT 1,
  provisional INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX ix_refund_requests_state ON refund_requests (state, id);
CREATE INDEX ix_refund_requests_booking ON refund_requests (booking_id, id);

ALTER TABLE booking_items ADD COLUMN refund_request_id INTEGER NULL;
