-- A mutation's audit entry is queued here, in the mutation's own transaction, and filed into
-- `logs` in batches (main/core/stores/sqlite/sqliteAuditTrail.ts). Appending one row to this
-- small table writes one page per commit; an entry written straight into `logs` wrote five (the
-- row, its key and three lookups), which was a third of what a seat hold cost to commit.
CREATE TABLE audit_queue (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL,
  ts TEXT NOT NULL,
  user_id INTEGER NULL,
  channel TEXT NOT NULL,
  op_id TEXT NULL,
  entity TEXT NULL,
  entity_id TEXT NULL,
  summary TEXT NOT NULL
);
