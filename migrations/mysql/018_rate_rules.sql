-- Rate rules (issue 18, part 3), as hotel systems keep them.
--
-- Per room type and stay night, on the night's own row of hotel_inventory (its change_log
-- triggers exist since 002/006, so devices pull the rules with the rest of the night):
--   min_stay_nights      a stay ARRIVING on this night must be at least this long (1 = no rule).
--   closed_to_arrival    no stay may check in on this day.
--   closed_to_departure  no stay may check out on this day (the row of the check-out day, which
--                        is not itself a night of the stay).
-- Per hotel, its cancellation policy: a full refund until free_cancel_hours before check-in, then
-- late_fee_pct of the price is kept. NULL takes the console-wide default (TRIPDESK_FREE_CANCEL_HOURS,
-- TRIPDESK_LATE_FEE_PCT in main/core/config.ts), column by column.
ALTER TABLE hotel_inventory
  ADD COLUMN min_stay_nights INT NOT NULL DEFAULT 1,
  ADD COLUMN closed_to_arrival TINYINT NOT NULL DEFAULT 0,
  ADD COLUMN closed_to_departure TINYINT NOT NULL DEFAULT 0,
  ADD CONSTRAINT ck_inventory_min_stay CHECK (min_stay_nights BETWEEN 1 AND 30);

ALTER TABLE hotels
  ADD COLUMN free_cancel_hours INT NULL,
  ADD COLUMN late_fee_pct INT NULL,
  ADD CONSTRAINT ck_hotels_free_cancel_hours CHECK (free_cancel_hours IS NULL OR free_cancel_hours BETWEEN 0 AND 8760),
  ADD CONSTRAINT ck_hotels_late_fee_pct CHECK (late_fee_pct IS NULL OR late_fee_pct BETWEEN 0 AND 100);
