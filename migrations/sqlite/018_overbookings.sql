-- The mirror of migrations/mysql/019_overbookings.sql: capacities set below what is booked, kept
-- until what is booked fits. No foreign keys: a device copies only some of the inventory.
CREATE TABLE overbookings (
  inventory_key TEXT NOT NULL PRIMARY KEY,
  inventory_kind TEXT NOT NULL CHECK (inventory_kind IN ('flight', 'hotel', 'car')),
  inventory_id INTEGER NOT NULL,
  inventory_day TEXT NULL,
  capacity_wanted INTEGER NOT NULL CHECK (capacity_wanted >= 0),
  opened_by_admin_id INTEGER NULL,
  opened_at_utc TEXT NOT NULL,
  closed_at_utc TEXT NULL,
  row_version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX ix_overbookings_open ON overbookings (closed_at_utc, inventory_kind);
CREATE INDEX ix_overbookings_inventory ON overbookings (inventory_kind, inventory_id, inventory_day);
