-- Invoices: the device's copy of migrations/mysql/009_invoices.sql. `invoices` is mirrored (an
-- offline console re-renders the number the server gave); the counter numbers invoices only in
-- standalone mode, where this database is the store of record (its write transaction holds the
-- whole file, so the number is gap-free here too). A device never numbers one offline.

CREATE TABLE invoice_counter (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  last_number INTEGER NOT NULL CHECK (last_number >= 0),
  row_version INTEGER NOT NULL DEFAULT 1
);

INSERT INTO invoice_counter (id, last_number) VALUES (1, 0);

CREATE TABLE invoices (
  booking_id INTEGER PRIMARY KEY REFERENCES bookings (id),
  invoice_number INTEGER NOT NULL UNIQUE CHECK (invoice_number > 0),
  issued_at_utc TEXT NOT NULL,
  issued_by_admin_id INTEGER NULL REFERENCES admins (id),
  row_version INTEGER NOT NULL DEFAULT 1,
  provisional INTEGER NOT NULL DEFAULT 0
);
