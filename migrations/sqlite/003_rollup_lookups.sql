-- The analytics rollup's lookups (see migrations/mysql/003): bookings by the day they were made
-- and by last change, cancellations by the day they happened.
CREATE INDEX ix_bookings_created ON bookings (created_at_utc);
CREATE INDEX ix_bookings_updated ON bookings (updated_at_utc);
CREATE INDEX ix_booking_items_cancelled ON booking_items (cancelled_at_utc);
