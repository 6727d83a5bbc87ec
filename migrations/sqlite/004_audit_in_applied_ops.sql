-- A mutation's audit entry rides on its applied_ops row (written in the same transaction anyway)
-- and is filed into `logs` in batches (main/core/stores/sqlite/sqliteAuditTrail.ts), which keeps
-- the last filed applied_ops rowid in sync_state. An entry written straight into `logs` cost five
-- more pages per commit (the row, its key and three lookups): a third of what a seat hold wrote.
ALTER TABLE applied_ops ADD COLUMN audit_entity TEXT NULL;
ALTER TABLE applied_ops ADD COLUMN audit_entity_id TEXT NULL;
ALTER TABLE applied_ops ADD COLUMN audit_summary TEXT NULL;
-- Ops applied before this version have no entry to file.
INSERT INTO sync_state (key, value) SELECT 'audit.filedThrough', CAST(COALESCE(MAX(rowid), 0) AS TEXT) FROM applied_ops;
