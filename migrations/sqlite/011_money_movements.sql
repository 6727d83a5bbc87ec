-- Money movements: the device's copy of migrations/mysql/010_money_movements.sql, with the
-- provisional mark every mirrored table carries. The backfill gives each movement its billing
-- row's id, as the server's does, so a device's backfilled rows and the rows it pulls are the same
-- rows; rows made offline and not yet synced (provisional) are left to their op, whose replay
-- brings the server's movements.

ALTER TABLE booking_items ADD COLUMN exchanged_for_item_id INTEGER NULL REFERENCES booking_items (id);

CREATE TABLE money_movements (
  id INTEGER PRIMARY KEY,
  booking_id INTEGER NOT NULL REFERENCES bookings (id),
  billing_id INTEGER NOT NULL REFERENCES billing (id),
  booking_item_id INTEGER NULL REFERENCES booking_items (id),
  kind TEXT NOT NULL CHECK (kind IN ('charge', 'refund')),
  amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
  at_utc TEXT NOT NULL,
  admin_id INTEGER NULL REFERENCES admins (id),
  reason TEXT NOT NULL,
  payment_method_id INTEGER NULL REFERENCES payment_methods (id),
  payment_label TEXT NULL,
  gateway_ref TEXT NULL,
  row_version INTEGER NOT NULL DEFAULT 1,
  provisional INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX ix_money_movements_booking ON money_movements (booking_id, at_utc, id);
CREATE INDEX ix_money_movements_billing ON money_movements (billing_id);

INSERT INTO money_movements (id, booking_id, billing_id, kind, amount_cents, at_utc, admin_id, reason, payment_method_id, payment_label, gateway_ref)
SELECT bl.id, bl.booking_id, bl.id,
       CASE WHEN bl.transaction_status = 'captured' THEN 'charge' ELSE 'refund' END,
       bl.amount_cents, bl.transaction_ts_utc,
       CASE WHEN bl.transaction_status = 'captured' THEN bk.created_by_admin_id ELSE NULL END,
       CASE WHEN bl.transaction_status = 'captured' THEN 'booking' ELSE COALESCE(bl.note, 'refund') END,
       bl.payment_method_id,
       CASE WHEN pm.id IS NULL THEN NULL ELSE UPPER(SUBSTR(pm.brand, 1, 1)) || SUBSTR(pm.brand, 2) || ' ending ' || pm.last4 END,
       bl.gateway_ref
  FROM billing bl
  JOIN bookings bk ON bk.id = bl.booking_id
  LEFT JOIN payment_methods pm ON pm.id = bl.payment_method_id
 WHERE bl.transaction_status IN ('captured', 'refunded') AND bl.amount_cents > 0 AND bl.provisional = 0;
