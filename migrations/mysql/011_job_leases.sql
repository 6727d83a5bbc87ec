-- Job leases (issue 19, part 2): one leader per shared background job (the hold sweeper, the
-- analytics rollup, the deal sweep, change-log pruning, log retention) among the consoles of one
-- central tier. A console holds a job while its lease is live, renews it every few seconds, and
-- runs the job only while it holds it; a lease left to expire (a console that died or lost its
-- line) is taken by the next console to try. Every expiry is computed on the server's clock
-- (UTC_TIMESTAMP(3)), never a console's, so consoles with drifting clocks still agree.
-- main/core/host/jobLeases.ts takes and renews with one conditional UPDATE per job
-- (WHERE job = ? AND (holder = ? OR expires_at_utc < UTC_TIMESTAMP(3))), after an INSERT IGNORE
-- the first time a job is seen.
--
-- Coordination state, not synced data: no change_log triggers and no SQLite mirror. No device
-- needs another console's lease rows (a device offline runs nothing that needs the server), and
-- logging every renewal would fill change_log with a row per job every few seconds per console.
-- test/core/engine/changeLogBypass.test.ts lists it among the tables exempt from the triggers.
--
-- The next and last run are kept here too, so a new leader carries on the schedule its
-- predecessor left instead of starting it afresh.

CREATE TABLE job_leases (
  job VARCHAR(64) NOT NULL PRIMARY KEY,
  -- The console holding the lease: its name and a per-start instance id (config.consoleName#hex).
  holder VARCHAR(100) NOT NULL,
  expires_at_utc DATETIME(3) NOT NULL,
  renewed_at_utc DATETIME(3) NOT NULL,
  last_run_utc DATETIME(3) NULL,
  next_run_utc DATETIME(3) NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
