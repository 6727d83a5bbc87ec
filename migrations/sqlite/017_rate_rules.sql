-- Rate rules: the device's copy of migrations/mysql/018_rate_rules.sql (see there for the columns).
ALTER TABLE hotel_inventory ADD COLUMN min_stay_nights INTEGER NOT NULL DEFAULT 1 CHECK (min_stay_nights BETWEEN 1 AND 30);
ALTER TABLE hotel_inventory ADD COLUMN closed_to_arrival INTEGER NOT NULL DEFAULT 0;
ALTER TABLE hotel_inventory ADD COLUMN closed_to_departure INTEGER NOT NULL DEFAULT 0;

ALTER TABLE hotels ADD COLUMN free_cancel_hours INTEGER NULL CHECK (free_cancel_hours IS NULL OR free_cancel_hours BETWEEN 0 AND 8760);
ALTER TABLE hotels ADD COLUMN late_fee_pct INTEGER NULL CHECK (late_fee_pct IS NULL OR late_fee_pct BETWEEN 0 AND 100);
