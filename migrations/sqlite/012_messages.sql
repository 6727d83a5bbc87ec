-- Messages: the device's copy of migrations/mysql/012_messages.sql, with the provisional mark
-- every mirrored table carries (a send made offline, until the server's row replaces it), and a
-- watch's wish that its customer be emailed when it fires (watches.create's notifyCustomer).

CREATE TABLE messages (
  id INTEGER PRIMARY KEY,
  booking_id INTEGER NULL REFERENCES bookings (id),
  user_id INTEGER NULL REFERENCES users (id),
  kind TEXT NOT NULL CHECK (kind IN ('itinerary', 'confirmation', 'cancellation', 'watch')),
  to_address TEXT NOT NULL,
  subject TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('queued', 'sent', 'failed', 'discarded')),
  message_id TEXT NOT NULL UNIQUE,
  failure_reason TEXT NULL,
  discard_reason TEXT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  attempted_at_utc TEXT NULL,
  attempted_console TEXT NULL,
  watch_id TEXT NULL,
  created_by_admin_id INTEGER NULL REFERENCES admins (id),
  created_at_utc TEXT NOT NULL,
  sent_at_utc TEXT NULL,
  updated_at_utc TEXT NOT NULL,
  op_id TEXT NOT NULL UNIQUE,
  row_version INTEGER NOT NULL DEFAULT 1,
  provisional INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX ix_messages_booking ON messages (booking_id, id);
CREATE INDEX ix_messages_state ON messages (state, id);

ALTER TABLE watches ADD COLUMN notify_customer INTEGER NOT NULL DEFAULT 0;
