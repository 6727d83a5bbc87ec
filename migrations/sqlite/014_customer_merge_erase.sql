-- The device's copy of migrations/mysql/015_customer_merge_erase.sql.
ALTER TABLE users ADD COLUMN merged_into_id INTEGER NULL REFERENCES users (id);
ALTER TABLE users ADD COLUMN erased_at_utc TEXT NULL;
