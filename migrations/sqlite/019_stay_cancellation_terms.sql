-- A stay's cancellation terms as booked: the device's copy of migrations/mysql/020_stay_cancellation_terms.sql.
ALTER TABLE booking_items ADD COLUMN cancel_terms_kept INTEGER NOT NULL DEFAULT 0;
ALTER TABLE booking_items ADD COLUMN cancel_free_hours INTEGER NULL CHECK (cancel_free_hours IS NULL OR cancel_free_hours BETWEEN 0 AND 8760);
ALTER TABLE booking_items ADD COLUMN cancel_late_fee_pct INTEGER NULL CHECK (cancel_late_fee_pct IS NULL OR cancel_late_fee_pct BETWEEN 0 AND 100);
