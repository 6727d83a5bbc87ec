-- The change_log triggers of 002 (and 005) again, with one change: @tripdesk_bulk_load skips the log only
-- for the account that defined the triggers (the administrator who ran `npm run migrate`, the one
-- the seed loader runs with). Any other session -- a console on the console account above all --
-- that sets the variable is logged as usual: a console that could write without a change_log
-- entry would leave every other device silently without that change.
--
-- Inside a trigger CURRENT_USER() is its DEFINER and USER() the client's own login, on MariaDB
-- 10.11 and MySQL 8 alike. The user names are compared (not user@host: USER() carries the
-- client's real host, CURRENT_USER() the account's host pattern). The common case, the variable
-- unset, is decided by its first test, so the check costs nothing per row there.
--
-- EVERY change_log trigger must use this condition, verbatim (test/core/engine/changeLogBypass.test.ts
-- checks each trigger in information_schema):
--   ... FROM DUAL WHERE @tripdesk_bulk_load IS NULL OR SUBSTRING_INDEX(USER(), '@', 1) <> SUBSTRING_INDEX(CURRENT_USER(), '@', 1);
--
-- MySQL has no CREATE OR REPLACE TRIGGER: each is dropped and made again. Run it, like every
-- migration, while consoles are stopped (a write between the two is not logged).

DROP TRIGGER IF EXISTS trg_us_states_i;
CREATE TRIGGER trg_us_states_i AFTER INSERT ON us_states FOR EACH ROW
  INSERT INTO change_log (table_name, row_pk, op, changed_at_utc)
  SELECT 'us_states', NEW.code, 'I', UTC_TIMESTAMP(3) FROM DUAL WHERE @tripdesk_bulk_load IS NULL OR SUBSTRING_INDEX(USER(), '@', 1) <> SUBSTRING_INDEX(CURRENT_USER(), '@', 1);

DROP TRIGGER IF EXISTS trg_us_states_u;
CREATE TRIGGER trg_us_states_u AFTER UPDATE ON us_states FOR EACH ROW
  INSERT INTO change_log (table_name, row_pk, op, changed_at_utc)
  SELECT 'us_states', NEW.code, 'U', UTC_TIMESTAMP(3) FROM DUAL WHERE @tripdesk_bulk_load IS NULL OR SUBSTRING_INDEX(USER(), '@', 1) <> SUBSTRING_INDEX(CURRENT_USER(), '@', 1);

DROP TRIGGER IF EXISTS trg_us_states_d;
CREATE TRIGGER trg_us_states_d AFTER DELETE ON us_states FOR EACH ROW
  INSERT INTO change_log (table_name, row_pk, op, changed_at_utc)
  SELECT 'us_states', OLD.code, 'D', UTC_TIMESTAMP(3) FROM DUAL WHERE @tripdesk_bulk_load IS NULL OR SUBSTRING_INDEX(USER(), '@', 1) <> SUBSTRING_INDEX(CURRENT_USER(), '@', 1);

DROP TRIGGER IF EXISTS trg_airports_i;
CREATE TRIGGER trg_airports_i AFTER INSERT ON airports FOR EACH ROW
  INSERT INTO change_log (table_name, row_pk, op, changed_at_utc)
  SELECT 'airports', NEW.iata, 'I', UTC_TIMESTAMP(3) FROM DUAL WHERE @tripdesk_bulk_load IS NULL OR SUBSTRING_INDEX(USER(), '@', 1) <> SUBSTRING_INDEX(CURRENT_USER(), '@', 1);

DROP TRIGGER IF EXISTS trg_airports_u;
CREATE TRIGGER trg_airports_u AFTER UPDATE ON airports FOR EACH ROW
  INSERT INTO change_log (table_name, row_pk, op, changed_at_utc)
  SELECT 'airports', NEW.iata, 'U', UTC_TIMESTAMP(3) FROM DUAL WHERE @tripdesk_bulk_load IS NULL OR SUBSTRING_INDEX(USER(), '@', 1) <> SUBSTRING_INDEX(CURRENT_USER(), '@', 1);

DROP TRIGGER IF EXISTS trg_airports_d;
CREATE TRIGGER trg_airports_d AFTER DELETE ON airports FOR EACH ROW
  INSERT INTO change_log (table_name, row_pk, op, changed_at_utc)
  SELECT 'airports', OLD.iata, 'D', UTC_TIMESTAMP(3) FROM DUAL WHERE @tripdesk_bulk_load IS NULL OR SUBSTRING_INDEX(USER(), '@', 1) <> SUBSTRING_INDEX(CURRENT_USER(), '@', 1);

DROP TRIGGER IF EXISTS trg_admins_i;
CREATE TRIGGER trg_admins_i AFTER INSERT ON admins FOR EACH ROW
  INSERT INTO change_log (table_name, row_pk, op, changed_at_utc)
  SELECT 'admins', NEW.id, 'I', UTC_TIMESTAMP(3) FROM DUAL WHERE @tripdesk_bulk_load IS NULL OR SUBSTRING_INDEX(USER(), '@', 1) <> SUBSTRING_INDEX(CURRENT_USER(), '@', 1);

DROP TRIGGER IF EXISTS trg_admins_u;
CREATE TRIGGER trg_admins_u AFTER UPDATE ON admins FOR EACH ROW
  INSERT INTO change_log (table_name, row_pk, op, changed_at_utc)
  SELECT 'admins', NEW.id, 'U', UTC_TIMESTAMP(3) FROM DUAL WHERE @tripdesk_bulk_load IS NULL OR SUBSTRING_INDEX(USER(), '@', 1) <> SUBSTRING_INDEX(CURRENT_USER(), '@', 1);

DROP TRIGGER IF EXISTS trg_admins_d;
CREATE TRIGGER trg_admins_d AFTER DELETE ON admins FOR EACH ROW
  INSERT INTO change_log (table_name, row_pk, op, changed_at_utc)
  SELECT 'admins', OLD.id, 'D', UTC_TIMESTAMP(3) FROM DUAL WHERE @tripdesk_bulk_load IS NULL OR SUBSTRING_INDEX(USER(), '@', 1) <> SUBSTRING_INDEX(CURRENT_USER(), '@', 1);

DROP TRIGGER IF EXISTS trg_users_i;
CREATE TRIGGER trg_users_i AFTER INSERT ON users FOR EACH ROW
  INSERT INTO change_log (table_name, row_pk, op, changed_at_utc)
  SELECT 'users', NEW.id, 'I', UTC_TIMESTAMP(3) FROM DUAL WHERE @tripdesk_bulk_load IS NULL OR SUBSTRING_INDEX(USER(), '@', 1) <> SUBSTRING_INDEX(CURRENT_USER(), '@', 1);

DROP TRIGGER IF EXISTS trg_users_u;
CREATE TRIGGER trg_users_u AFTER UPDATE ON users FOR EACH ROW
  INSERT INTO change_log (table_name, row_pk, op, changed_at_utc)
  SELECT 'users', NEW.id, 'U', UTC_TIMESTAMP(3) FROM DUAL WHERE @tripdesk_bulk_load IS NULL OR SUBSTRING_INDEX(USER(), '@', 1) <> SUBSTRING_INDEX(CURRENT_USER(), '@', 1);

DROP TRIGGER IF EXISTS trg_users_d;
CREATE TRIGGER trg_users_d AFTER DELETE ON users FOR EACH ROW
  INSERT INTO change_log (table_name, row_pk, op, changed_at_utc)
  SELECT 'users', OLD.id, 'D', UTC_TIMESTAMP(3) FROM DUAL WHERE @tripdesk_bulk_load IS NULL OR SUBSTRING_INDEX(USER(), '@', 1) <> SUBSTRING_INDEX(CURRENT_USER(), '@', 1);

DROP TRIGGER IF EXISTS trg_hotels_i;
CREATE TRIGGER trg_hotels_i AFTER INSERT ON hotels FOR EACH ROW
  INSERT INTO change_log (table_name, row_pk, op, changed_at_utc)
  SELECT 'hotels', NEW.id, 'I', UTC_TIMESTAMP(3) FROM DUAL WHERE @tripdesk_bulk_load IS NULL OR SUBSTRING_INDEX(USER(), '@', 1) <> SUBSTRING_INDEX(CURRENT_USER(), '@', 1);

DROP TRIGGER IF EXISTS trg_hotels_u;
CREATE TRIGGER trg_hotels_u AFTER UPDATE ON hotels FOR EACH ROW
  INSERT INTO change_log (table_name, row_pk, op, changed_at_utc)
  SELECT 'hotels', NEW.id, 'U', UTC_TIMESTAMP(3) FROM DUAL WHERE @tripdesk_bulk_load IS NULL OR SUBSTRING_INDEX(USER(), '@', 1) <> SUBSTRING_INDEX(CURRENT_USER(), '@', 1);

DROP TRIGGER IF EXISTS trg_hotels_d;
CREATE TRIGGER trg_hotels_d AFTER DELETE ON hotels FOR EACH ROW
  INSERT INTO change_log (table_name, row_pk, op, changed_at_utc)
  SELECT 'hotels', OLD.id, 'D', UTC_TIMESTAMP(3) FROM DUAL WHERE @tripdesk_bulk_load IS NULL OR SUBSTRING_INDEX(USER(), '@', 1) <> SUBSTRING_INDEX(CURRENT_USER(), '@', 1);

DROP TRIGGER IF EXISTS trg_hotel_room_types_i;
CREATE TRIGGER trg_hotel_room_types_i AFTER INSERT ON hotel_room_types FOR EACH ROW
  INSERT INTO change_log (table_name, row_pk, op, changed_at_utc)
  SELECT 'hotel_room_types', NEW.id, 'I', UTC_TIMESTAMP(3) FROM DUAL WHERE @tripdesk_bulk_load IS NULL OR SUBSTRING_INDEX(USER(), '@', 1) <> SUBSTRING_INDEX(CURRENT_USER(), '@', 1);

DROP TRIGGER IF EXISTS trg_hotel_room_types_u;
CREATE TRIGGER trg_hotel_room_types_u AFTER UPDATE ON hotel_room_types FOR EACH ROW
  INSERT INTO change_log (table_name, row_pk, op, changed_at_utc)
  SELECT 'hotel_room_types', NEW.id, 'U', UTC_TIMESTAMP(3) FROM DUAL WHERE @tripdesk_bulk_load IS NULL OR SUBSTRING_INDEX(USER(), '@', 1) <> SUBSTRING_INDEX(CURRENT_USER(), '@', 1);

DROP TRIGGER IF EXISTS trg_hotel_room_types_d;
CREATE TRIGGER trg_hotel_room_types_d AFTER DELETE ON hotel_room_types FOR EACH ROW
  INSERT INTO change_log (table_name, row_pk, op, changed_at_utc)
  SELECT 'hotel_room_types', OLD.id, 'D', UTC_TIMESTAMP(3) FROM DUAL WHERE @tripdesk_bulk_load IS NULL OR SUBSTRING_INDEX(USER(), '@', 1) <> SUBSTRING_INDEX(CURRENT_USER(), '@', 1);

DROP TRIGGER IF EXISTS trg_hotel_inventory_i;
CREATE TRIGGER trg_hotel_inventory_i AFTER INSERT ON hotel_inventory FOR EACH ROW
  INSERT INTO change_log (table_name, row_pk, op, changed_at_utc)
  SELECT 'hotel_inventory', CONCAT(NEW.room_type_id, '|', NEW.stay_date), 'I', UTC_TIMESTAMP(3) FROM DUAL WHERE @tripdesk_bulk_load IS NULL OR SUBSTRING_INDEX(USER(), '@', 1) <> SUBSTRING_INDEX(CURRENT_USER(), '@', 1);

DROP TRIGGER IF EXISTS trg_hotel_inventory_u;
CREATE TRIGGER trg_hotel_inventory_u AFTER UPDATE ON hotel_inventory FOR EACH ROW
  INSERT INTO change_log (table_name, row_pk, op, changed_at_utc)
  SELECT 'hotel_inventory', CONCAT(NEW.room_type_id, '|', NEW.stay_date), 'U', UTC_TIMESTAMP(3) FROM DUAL WHERE @tripdesk_bulk_load IS NULL OR SUBSTRING_INDEX(USER(), '@', 1) <> SUBSTRING_INDEX(CURRENT_USER(), '@', 1);

DROP TRIGGER IF EXISTS trg_hotel_inventory_d;
CREATE TRIGGER trg_hotel_inventory_d AFTER DELETE ON hotel_inventory FOR EACH ROW
  INSERT INTO change_log (table_name, row_pk, op, changed_at_utc)
  SELECT 'hotel_inventory', CONCAT(OLD.room_type_id, '|', OLD.stay_date), 'D', UTC_TIMESTAMP(3) FROM DUAL WHERE @tripdesk_bulk_load IS NULL OR SUBSTRING_INDEX(USER(), '@', 1) <> SUBSTRING_INDEX(CURRENT_USER(), '@', 1);

DROP TRIGGER IF EXISTS trg_flights_i;
CREATE TRIGGER trg_flights_i AFTER INSERT ON flights FOR EACH ROW
  INSERT INTO change_log (table_name, row_pk, op, changed_at_utc)
  SELECT 'flights', NEW.id, 'I', UTC_TIMESTAMP(3) FROM DUAL WHERE @tripdesk_bulk_load IS NULL OR SUBSTRING_INDEX(USER(), '@', 1) <> SUBSTRING_INDEX(CURRENT_USER(), '@', 1);

DROP TRIGGER IF EXISTS trg_flights_u;
CREATE TRIGGER trg_flights_u AFTER UPDATE ON flights FOR EACH ROW
  INSERT INTO change_log (table_name, row_pk, op, changed_at_utc)
  SELECT 'flights', NEW.id, 'U', UTC_TIMESTAMP(3) FROM DUAL WHERE @tripdesk_bulk_load IS NULL OR SUBSTRING_INDEX(USER(), '@', 1) <> SUBSTRING_INDEX(CURRENT_USER(), '@', 1);

DROP TRIGGER IF EXISTS trg_flights_d;
CREATE TRIGGER trg_flights_d AFTER DELETE ON flights FOR EACH ROW
  INSERT INTO change_log (table_name, row_pk, op, changed_at_utc)
  SELECT 'flights', OLD.id, 'D', UTC_TIMESTAMP(3) FROM DUAL WHERE @tripdesk_bulk_load IS NULL OR SUBSTRING_INDEX(USER(), '@', 1) <> SUBSTRING_INDEX(CURRENT_USER(), '@', 1);

DROP TRIGGER IF EXISTS trg_cars_i;
CREATE TRIGGER trg_cars_i AFTER INSERT ON cars FOR EACH ROW
  INSERT INTO change_log (table_name, row_pk, op, changed_at_utc)
  SELECT 'cars', NEW.id, 'I', UTC_TIMESTAMP(3) FROM DUAL WHERE @tripdesk_bulk_load IS NULL OR SUBSTRING_INDEX(USER(), '@', 1) <> SUBSTRING_INDEX(CURRENT_USER(), '@', 1);

DROP TRIGGER IF EXISTS trg_cars_u;
CREATE TRIGGER trg_cars_u AFTER UPDATE ON cars FOR EACH ROW
  INSERT INTO change_log (table_name, row_pk, op, changed_at_utc)
  SELECT 'cars', NEW.id, 'U', UTC_TIMESTAMP(3) FROM DUAL WHERE @tripdesk_bulk_load IS NULL OR SUBSTRING_INDEX(USER(), '@', 1) <> SUBSTRING_INDEX(CURRENT_USER(), '@', 1);

DROP TRIGGER IF EXISTS trg_cars_d;
CREATE TRIGGER trg_cars_d AFTER DELETE ON cars FOR EACH ROW
  INSERT INTO change_log (table_name, row_pk, op, changed_at_utc)
  SELECT 'cars', OLD.id, 'D', UTC_TIMESTAMP(3) FROM DUAL WHERE @tripdesk_bulk_load IS NULL OR SUBSTRING_INDEX(USER(), '@', 1) <> SUBSTRING_INDEX(CURRENT_USER(), '@', 1);

DROP TRIGGER IF EXISTS trg_car_availability_i;
CREATE TRIGGER trg_car_availability_i AFTER INSERT ON car_availability FOR EACH ROW
  INSERT INTO change_log (table_name, row_pk, op, changed_at_utc)
  SELECT 'car_availability', CONCAT(NEW.car_id, '|', NEW.rental_date), 'I', UTC_TIMESTAMP(3) FROM DUAL WHERE @tripdesk_bulk_load IS NULL OR SUBSTRING_INDEX(USER(), '@', 1) <> SUBSTRING_INDEX(CURRENT_USER(), '@', 1);

DROP TRIGGER IF EXISTS trg_car_availability_u;
CREATE TRIGGER trg_car_availability_u AFTER UPDATE ON car_availability FOR EACH ROW
  INSERT INTO change_log (table_name, row_pk, op, changed_at_utc)
  SELECT 'car_availability', CONCAT(NEW.car_id, '|', NEW.rental_date), 'U', UTC_TIMESTAMP(3) FROM DUAL WHERE @tripdesk_bulk_load IS NULL OR SUBSTRING_INDEX(USER(), '@', 1) <> SUBSTRING_INDEX(CURRENT_USER(), '@', 1);

DROP TRIGGER IF EXISTS trg_car_availability_d;
CREATE TRIGGER trg_car_availability_d AFTER DELETE ON car_availability FOR EACH ROW
  INSERT INTO change_log (table_name, row_pk, op, changed_at_utc)
  SELECT 'car_availability', CONCAT(OLD.car_id, '|', OLD.rental_date), 'D', UTC_TIMESTAMP(3) FROM DUAL WHERE @tripdesk_bulk_load IS NULL OR SUBSTRING_INDEX(USER(), '@', 1) <> SUBSTRING_INDEX(CURRENT_USER(), '@', 1);

DROP TRIGGER IF EXISTS trg_bookings_i;
CREATE TRIGGER trg_bookings_i AFTER INSERT ON bookings FOR EACH ROW
  INSERT INTO change_log (table_name, row_pk, op, changed_at_utc)
  SELECT 'bookings', NEW.id, 'I', UTC_TIMESTAMP(3) FROM DUAL WHERE @tripdesk_bulk_load IS NULL OR SUBSTRING_INDEX(USER(), '@', 1) <> SUBSTRING_INDEX(CURRENT_USER(), '@', 1);

DROP TRIGGER IF EXISTS trg_bookings_u;
CREATE TRIGGER trg_bookings_u AFTER UPDATE ON bookings FOR EACH ROW
  INSERT INTO change_log (table_name, row_pk, op, changed_at_utc)
  SELECT 'bookings', NEW.id, 'U', UTC_TIMESTAMP(3) FROM DUAL WHERE @tripdesk_bulk_load IS NULL OR SUBSTRING_INDEX(USER(), '@', 1) <> SUBSTRING_INDEX(CURRENT_USER(), '@', 1);

DROP TRIGGER IF EXISTS trg_bookings_d;
CREATE TRIGGER trg_bookings_d AFTER DELETE ON bookings FOR EACH ROW
  INSERT INTO change_log (table_name, row_pk, op, changed_at_utc)
  SELECT 'bookings', OLD.id, 'D', UTC_TIMESTAMP(3) FROM DUAL WHERE @tripdesk_bulk_load IS NULL OR SUBSTRING_INDEX(USER(), '@', 1) <> SUBSTRING_INDEX(CURRENT_USER(), '@', 1);

DROP TRIGGER IF EXISTS trg_booking_items_i;
CREATE TRIGGER trg_booking_items_i AFTER INSERT ON booking_items FOR EACH ROW
  INSERT INTO change_log (table_name, row_pk, op, changed_at_utc)
  SELECT 'booking_items', NEW.id, 'I', UTC_TIMESTAMP(3) FROM DUAL WHERE @tripdesk_bulk_load IS NULL OR SUBSTRING_INDEX(USER(), '@', 1) <> SUBSTRING_INDEX(CURRENT_USER(), '@', 1);

DROP TRIGGER IF EXISTS trg_booking_items_u;
CREATE TRIGGER trg_booking_items_u AFTER UPDATE ON booking_items FOR EACH ROW
  INSERT INTO change_log (table_name, row_pk, op, changed_at_utc)
  SELECT 'booking_items', NEW.id, 'U', UTC_TIMESTAMP(3) FROM DUAL WHERE @tripdesk_bulk_load IS NULL OR SUBSTRING_INDEX(USER(), '@', 1) <> SUBSTRING_INDEX(CURRENT_USER(), '@', 1);

DROP TRIGGER IF EXISTS trg_booking_items_d;
CREATE TRIGGER trg_booking_items_d AFTER DELETE ON booking_items FOR EACH ROW
  INSERT INTO change_log (table_name, row_pk, op, changed_at_utc)
  SELECT 'booking_items', OLD.id, 'D', UTC_TIMESTAMP(3) FROM DUAL WHERE @tripdesk_bulk_load IS NULL OR SUBSTRING_INDEX(USER(), '@', 1) <> SUBSTRING_INDEX(CURRENT_USER(), '@', 1);

DROP TRIGGER IF EXISTS trg_payment_methods_i;
CREATE TRIGGER trg_payment_methods_i AFTER INSERT ON payment_methods FOR EACH ROW
  INSERT INTO change_log (table_name, row_pk, op, changed_at_utc)
  SELECT 'payment_methods', NEW.id, 'I', UTC_TIMESTAMP(3) FROM DUAL WHERE @tripdesk_bulk_load IS NULL OR SUBSTRING_INDEX(USER(), '@', 1) <> SUBSTRING_INDEX(CURRENT_USER(), '@', 1);

DROP TRIGGER IF EXISTS trg_payment_methods_u;
CREATE TRIGGER trg_payment_methods_u AFTER UPDATE ON payment_methods FOR EACH ROW
  INSERT INTO change_log (table_name, row_pk, op, changed_at_utc)
  SELECT 'payment_methods', NEW.id, 'U', UTC_TIMESTAMP(3) FROM DUAL WHERE @tripdesk_bulk_load IS NULL OR SUBSTRING_INDEX(USER(), '@', 1) <> SUBSTRING_INDEX(CURRENT_USER(), '@', 1);

DROP TRIGGER IF EXISTS trg_payment_methods_d;
CREATE TRIGGER trg_payment_methods_d AFTER DELETE ON payment_methods FOR EACH ROW
  INSERT INTO change_log (table_name, row_pk, op, changed_at_utc)
  SELECT 'payment_methods', OLD.id, 'D', UTC_TIMESTAMP(3) FROM DUAL WHERE @tripdesk_bulk_load IS NULL OR SUBSTRING_INDEX(USER(), '@', 1) <> SUBSTRING_INDEX(CURRENT_USER(), '@', 1);

DROP TRIGGER IF EXISTS trg_billing_i;
CREATE TRIGGER trg_billing_i AFTER INSERT ON billing FOR EACH ROW
  INSERT INTO change_log (table_name, row_pk, op, changed_at_utc)
  SELECT 'billing', NEW.id, 'I', UTC_TIMESTAMP(3) FROM DUAL WHERE @tripdesk_bulk_load IS NULL OR SUBSTRING_INDEX(USER(), '@', 1) <> SUBSTRING_INDEX(CURRENT_USER(), '@', 1);

DROP TRIGGER IF EXISTS trg_billing_u;
CREATE TRIGGER trg_billing_u AFTER UPDATE ON billing FOR EACH ROW
  INSERT INTO change_log (table_name, row_pk, op, changed_at_utc)
  SELECT 'billing', NEW.id, 'U', UTC_TIMESTAMP(3) FROM DUAL WHERE @tripdesk_bulk_load IS NULL OR SUBSTRING_INDEX(USER(), '@', 1) <> SUBSTRING_INDEX(CURRENT_USER(), '@', 1);

DROP TRIGGER IF EXISTS trg_billing_d;
CREATE TRIGGER trg_billing_d AFTER DELETE ON billing FOR EACH ROW
  INSERT INTO change_log (table_name, row_pk, op, changed_at_utc)
  SELECT 'billing', OLD.id, 'D', UTC_TIMESTAMP(3) FROM DUAL WHERE @tripdesk_bulk_load IS NULL OR SUBSTRING_INDEX(USER(), '@', 1) <> SUBSTRING_INDEX(CURRENT_USER(), '@', 1);

DROP TRIGGER IF EXISTS trg_flight_seat_holds_i;
CREATE TRIGGER trg_flight_seat_holds_i AFTER INSERT ON flight_seat_holds FOR EACH ROW
  INSERT INTO change_log (table_name, row_pk, op, changed_at_utc)
  SELECT 'flight_seat_holds', NEW.id, 'I', UTC_TIMESTAMP(3) FROM DUAL WHERE @tripdesk_bulk_load IS NULL OR SUBSTRING_INDEX(USER(), '@', 1) <> SUBSTRING_INDEX(CURRENT_USER(), '@', 1);

DROP TRIGGER IF EXISTS trg_flight_seat_holds_u;
CREATE TRIGGER trg_flight_seat_holds_u AFTER UPDATE ON flight_seat_holds FOR EACH ROW
  INSERT INTO change_log (table_name, row_pk, op, changed_at_utc)
  SELECT 'flight_seat_holds', NEW.id, 'U', UTC_TIMESTAMP(3) FROM DUAL WHERE @tripdesk_bulk_load IS NULL OR SUBSTRING_INDEX(USER(), '@', 1) <> SUBSTRING_INDEX(CURRENT_USER(), '@', 1);

DROP TRIGGER IF EXISTS trg_flight_seat_holds_d;
CREATE TRIGGER trg_flight_seat_holds_d AFTER DELETE ON flight_seat_holds FOR EACH ROW
  INSERT INTO change_log (table_name, row_pk, op, changed_at_utc)
  SELECT 'flight_seat_holds', OLD.id, 'D', UTC_TIMESTAMP(3) FROM DUAL WHERE @tripdesk_bulk_load IS NULL OR SUBSTRING_INDEX(USER(), '@', 1) <> SUBSTRING_INDEX(CURRENT_USER(), '@', 1);
