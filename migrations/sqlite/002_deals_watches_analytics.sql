-- The MongoDB side of the seed on the device: deals, watches with their targets and hits,
-- daily analytics rollups, application logs beside the audit trail, and review images.

-- The first watches table predates the feature and was never written to.
DROP TABLE watches;
CREATE TABLE watches (
  id TEXT NOT NULL PRIMARY KEY,
  user_id INTEGER NOT NULL,
  target_kind TEXT NOT NULL CHECK (target_kind IN ('route', 'hotel', 'car')),
  target_id INTEGER NULL,
  route_from TEXT NULL,
  route_to TEXT NULL,
  date_from TEXT NOT NULL,
  date_to TEXT NOT NULL,
  condition_kind TEXT NOT NULL CHECK (condition_kind IN ('price_below', 'available')),
  threshold_cents INTEGER NULL,
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'triggered')),
  created_at TEXT NOT NULL,
  created_by INTEGER NULL,
  triggered_at TEXT NULL,
  hit_json TEXT NULL,
  provisional INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX ix_watches_user_target ON watches (user_id, target_kind, target_id);
CREATE INDEX ix_watches_active_route ON watches (status, route_from, route_to);
CREATE INDEX ix_watches_active_target ON watches (status, target_kind, target_id);

CREATE TABLE deal_events (
  id TEXT NOT NULL PRIMARY KEY,
  event_type TEXT NOT NULL,
  kind TEXT NOT NULL,
  key TEXT NOT NULL,
  target_id INTEGER NOT NULL,
  title TEXT NOT NULL,
  day TEXT NULL,
  price_cents INTEGER NOT NULL CHECK (price_cents >= 0),
  reference_cents INTEGER NOT NULL CHECK (reference_cents >= 0),
  discount_pct REAL NOT NULL,
  source TEXT NOT NULL,
  ts TEXT NOT NULL
);
CREATE INDEX ix_deal_events_key_ts ON deal_events (key, ts);
CREATE INDEX ix_deal_events_type_ts ON deal_events (event_type, ts);

CREATE TABLE analytics_aggregates (
  id TEXT NOT NULL PRIMARY KEY,
  kind TEXT NOT NULL,
  window_start TEXT NOT NULL,
  window_end TEXT NOT NULL,
  key TEXT NOT NULL,
  label TEXT NOT NULL,
  bookings INTEGER NOT NULL,
  revenue_cents INTEGER NOT NULL,
  cancellations INTEGER NOT NULL,
  refund_cents INTEGER NOT NULL
);
CREATE INDEX ix_analytics_kind_window ON analytics_aggregates (kind, window_start, window_end);

CREATE TABLE analytics_state (
  id INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
  watermark TEXT NOT NULL,
  rolled_up_at TEXT NOT NULL
);

ALTER TABLE logs ADD COLUMN level TEXT NOT NULL DEFAULT 'audit';
ALTER TABLE reviews ADD COLUMN image_urls TEXT NULL;
