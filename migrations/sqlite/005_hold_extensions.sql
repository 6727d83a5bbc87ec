-- holds.extend gives a hold one more hold time, once: the row remembers when it was extended.
ALTER TABLE flight_seat_holds ADD COLUMN extended_at_utc TEXT NULL;
