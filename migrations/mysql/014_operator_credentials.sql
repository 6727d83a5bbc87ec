-- Operators' credentials (issue 18, part 7): a forced password change after an admin's reset, and
-- TOTP two-factor with single-use recovery codes.
--
-- The columns ride on admins, so the existing change_log triggers (002, 006) log every change to
-- them and devices pull them with the rest of the row: an operator who enrolled on one console is
-- asked for a code on every other, offline too. The device keeps `totp_secret` sealed with a key
-- derived from its database key (main/core/engine/secretBox.ts, main/core/device/mirror.ts); here,
-- the store of record, it is the base32 secret itself, as password_hash is the hash itself.
--   must_change_password  1 after operators.resetPassword: sign-in allows only auth.changePassword.
--   totp_secret           the secret while enrolling (totp_enabled = 0) and once enabled; NULL when off.
--   totp_enabled          1 once a code from the app has confirmed the secret.
--   totp_recovery_hashes  JSON array of the unused recovery codes' hashes (a used one is removed).
--   totp_last_step        the last 30 s step a code was taken for: the same code is not taken twice.
ALTER TABLE admins
  ADD COLUMN must_change_password TINYINT NOT NULL DEFAULT 0,
  ADD COLUMN totp_secret VARCHAR(255) NULL,
  ADD COLUMN totp_enabled TINYINT NOT NULL DEFAULT 0,
  ADD COLUMN totp_recovery_hashes TEXT NULL,
  ADD COLUMN totp_last_step BIGINT NULL;
