-- Indexes for the device's re-keying (main/core/device/localIds.ts adoptServerIds): when a row made
-- offline takes its server id, every row pointing at it follows, and SQLite's foreign-key check on
-- the parent's new key looks for children too. Without an index on the pointing column each of
-- those is a scan of the whole table, once per adopted row: replaying 5,000 offline customers
-- scanned `users` (for merged_into_id) 5,000 times. The columns are mostly NULL, so the indexes
-- are partial and stay small. (MySQL indexes every foreign key by itself.)
CREATE INDEX ix_users_merged_into ON users (merged_into_id) WHERE merged_into_id IS NOT NULL;
CREATE INDEX ix_flight_seat_holds_user ON flight_seat_holds (user_id) WHERE user_id IS NOT NULL;
CREATE INDEX ix_flight_seat_holds_booking ON flight_seat_holds (booking_id) WHERE booking_id IS NOT NULL;
CREATE INDEX ix_reviews_user ON reviews (user_id);
CREATE INDEX ix_messages_user ON messages (user_id) WHERE user_id IS NOT NULL;
CREATE INDEX ix_booking_items_exchanged_for ON booking_items (exchanged_for_item_id) WHERE exchanged_for_item_id IS NOT NULL;
CREATE INDEX ix_booking_items_refund_request ON booking_items (refund_request_id) WHERE refund_request_id IS NOT NULL;
CREATE INDEX ix_booking_travellers_saved ON booking_travellers (customer_traveller_id) WHERE customer_traveller_id IS NOT NULL;
CREATE INDEX ix_money_movements_payment_method ON money_movements (payment_method_id) WHERE payment_method_id IS NOT NULL;
CREATE INDEX ix_money_movements_item ON money_movements (booking_item_id) WHERE booking_item_id IS NOT NULL;
CREATE INDEX ix_schedule_changes_item ON schedule_changes (booking_item_id) WHERE booking_item_id IS NOT NULL;

-- The outbox's count of applied changes whose notice still waits for the agent (outbox.ts
-- outboxCounts, after every change made offline): without it, a read of every applied row.
CREATE INDEX ix_outbox_notices ON outbox (seq) WHERE state = 'applied' AND notice IS NOT NULL;
