-- Operators' credentials: the device's copy of migrations/mysql/014_operator_credentials.sql (see
-- there for the columns). The mirror copies them with the rest of the admins row, except that
-- `totp_secret` is stored sealed with the device's key (engine/secretBox.ts): what the local file
-- holds is useless without this console's keychain key. Standalone, this is the store of record and
-- the secret is sealed the same way.
ALTER TABLE admins ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0;
ALTER TABLE admins ADD COLUMN totp_secret TEXT NULL;
ALTER TABLE admins ADD COLUMN totp_enabled INTEGER NOT NULL DEFAULT 0;
ALTER TABLE admins ADD COLUMN totp_recovery_hashes TEXT NULL;
ALTER TABLE admins ADD COLUMN totp_last_step INTEGER NULL;
