-- A stay keeps the cancellation terms it was booked under (issue 18, part 3): a hotel that
-- changes its policy later changes what new bookings get back, not what it promised earlier ones.
--   cancel_terms_kept    1: the item's own terms below apply; 0 (rows from before): the hotel's
--                        policy as it is now, as before this column.
--   cancel_free_hours,   the hotel's own policy columns as they were when the stay was booked
--   cancel_late_fee_pct  (NULL: the console-wide default, column by column, as on hotels).
ALTER TABLE booking_items
  ADD COLUMN cancel_terms_kept TINYINT NOT NULL DEFAULT 0,
  ADD COLUMN cancel_free_hours INT NULL,
  ADD COLUMN cancel_late_fee_pct INT NULL,
  ADD CONSTRAINT ck_items_cancel_free_hours CHECK (cancel_free_hours IS NULL OR cancel_free_hours BETWEEN 0 AND 8760),
  ADD CONSTRAINT ck_items_cancel_late_fee_pct CHECK (cancel_late_fee_pct IS NULL OR cancel_late_fee_pct BETWEEN 0 AND 100);
