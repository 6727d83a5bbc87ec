-- Analytics rollups where the dashboard reads them fastest (issue 19, part 5). The rollup job
-- (main/core/ops/analytics/rollUpBookings.ts) keeps one row per grouping, UTC day and group here
-- and publishes the same figures to MongoDB's `analytics_aggregates` (one document per grouping
-- and day) for everyone else who reads them. The dashboard sums a range of days with one indexed
-- range read on the primary key; FerretDB, whatever its backend, read a year of day documents in
-- seconds (its SQLite backend scans the whole collection for any filter but a lone _id).
--
-- The console account has no DELETE: a group a recomputed day no longer has is set to zero, and
-- zero rows are left out of the sums (main/core/engine/mysql/mysqlRollups.ts).
--
-- Derived state, not synced data: no change_log triggers and no SQLite mirror (a device rolls up
-- its own bookings into its own tables). test/core/engine/changeLogBypass.test.ts exempts both.
-- No state row yet means no watermark: the first run after this migration rebuilds every day
-- (and rewrites the published documents), whatever MongoDB's old analytics_state says.

CREATE TABLE analytics_rollups (
  kind VARCHAR(16) NOT NULL,
  window_start DATETIME(3) NOT NULL,
  group_key VARCHAR(191) NOT NULL,
  label VARCHAR(255) NOT NULL,
  bookings INT NOT NULL,
  revenue_cents BIGINT NOT NULL,
  cancellations INT NOT NULL,
  refund_cents BIGINT NOT NULL,
  -- The rollup run that last wrote the row: rows newer than analytics_state.published_seq are
  -- still to be published to MongoDB (mysqlRollups.ts publishes in the background).
  written_seq BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (kind, window_start, group_key),
  KEY ix_rollups_day (window_start),
  KEY ix_rollups_written (written_seq)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE analytics_state (
  id TINYINT NOT NULL PRIMARY KEY,
  watermark TEXT NOT NULL,
  rolled_up_at DATETIME(3) NOT NULL,
  -- The last rollup run's number, and the newest run whose rows MongoDB has in full.
  run_seq BIGINT NOT NULL DEFAULT 0,
  published_seq BIGINT NOT NULL DEFAULT 0
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
