-- Record locators, remarks, and where a booking was made: the device's copy of
-- migrations/mysql/005_locators_remarks.sql. Rows already here get the locator MySQL computes
-- for the same id. No unique index on the copy: a booking made offline holds the locator it was
-- given until replay, even when the server meanwhile gave that locator to another booking (the
-- server then gives this one a new locator, and the pull brings both).

ALTER TABLE bookings ADD COLUMN locator TEXT NOT NULL DEFAULT '';
ALTER TABLE bookings ADD COLUMN booked_on TEXT NULL;
ALTER TABLE bookings ADD COLUMN made_offline INTEGER NOT NULL DEFAULT 0;

UPDATE bookings SET locator =
  SUBSTR('ABCDEFGHJKLMNPQRSTUVWXYZ23456789', ((((id * 387420489) & 1073741823) >> 25) & 31) + 1, 1) ||
  SUBSTR('ABCDEFGHJKLMNPQRSTUVWXYZ23456789', ((((id * 387420489) & 1073741823) >> 20) & 31) + 1, 1) ||
  SUBSTR('ABCDEFGHJKLMNPQRSTUVWXYZ23456789', ((((id * 387420489) & 1073741823) >> 15) & 31) + 1, 1) ||
  SUBSTR('ABCDEFGHJKLMNPQRSTUVWXYZ23456789', ((((id * 387420489) & 1073741823) >> 10) & 31) + 1, 1) ||
  SUBSTR('ABCDEFGHJKLMNPQRSTUVWXYZ23456789', ((((id * 387420489) & 1073741823) >> 5) & 31) + 1, 1) ||
  SUBSTR('ABCDEFGHJKLMNPQRSTUVWXYZ23456789', ((((id * 387420489) & 1073741823) >> 0) & 31) + 1, 1)
WHERE locator = '';

CREATE INDEX ix_bookings_locator ON bookings (locator);

CREATE TABLE booking_remarks (
  id INTEGER PRIMARY KEY,
  booking_id INTEGER NOT NULL REFERENCES bookings (id),
  remark_text TEXT NOT NULL,
  shareable INTEGER NOT NULL DEFAULT 0,
  created_by_admin_id INTEGER NULL REFERENCES admins (id),
  created_at_utc TEXT NOT NULL,
  row_version INTEGER NOT NULL DEFAULT 1,
  provisional INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX ix_booking_remarks_booking ON booking_remarks (booking_id, created_at_utc, id);

CREATE TABLE customer_remarks (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users (id),
  remark_text TEXT NOT NULL,
  created_by_admin_id INTEGER NULL REFERENCES admins (id),
  created_at_utc TEXT NOT NULL,
  row_version INTEGER NOT NULL DEFAULT 1,
  provisional INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX ix_customer_remarks_user ON customer_remarks (user_id, created_at_utc, id);

-- A change the server applied with an adjustment the agent must hear of (a booking's locator was
-- taken, so the server gave a new one): shown in Needs attention until the agent dismisses it.
ALTER TABLE outbox ADD COLUMN notice TEXT NULL;
