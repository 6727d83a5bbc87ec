-- Customers merged into another record or erased at their request (issue 18, part 8).
-- A merged record stays, pointing at the one that was kept (old links and audit entries still
-- resolve); an erased one stays with its personal data replaced, so its bookings and billing
-- remain for the accounts. Both are left out of customer searches. The change-log triggers on
-- users (002) carry both to every device.
ALTER TABLE users
  ADD COLUMN merged_into_id BIGINT NULL,
  ADD COLUMN erased_at_utc DATETIME(3) NULL,
  ADD CONSTRAINT fk_users_merged_into FOREIGN KEY (merged_into_id) REFERENCES users (id);
