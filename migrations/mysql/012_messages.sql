-- Messages (issue 17, parts 2 and 3): every email TripDesk sends a customer is recorded here, to
-- whom, about what, and what became of it; the booking record and Needs attention list these rows.
--
-- The row commits as 'queued' before the SMTP conversation, and is marked 'sent' after the server
-- accepts the message. `message_id` (`<opId@tripdesk>`) is the header every attempt carries, so a
-- resend after a crash between the server's acceptance and the 'sent' mark is the same message to
-- the receiver (delivery is at least once, with the same Message-ID).
--
-- attempted_at_utc / attempted_console: who is sending it right now. A console claims a queued row
-- with one conditional UPDATE before it talks SMTP; another console takes it over only once the
-- claim is old (a console that died mid-send), the same console after a restart at once (its
-- earlier process cannot still be sending; main/core/ops/messages/postman.ts).
--
-- The triggers use the bulk-load condition of 006 verbatim (test/core/engine/changeLogBypass.test.ts).

CREATE TABLE messages (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  booking_id BIGINT NULL,
  user_id BIGINT NULL,
  kind VARCHAR(16) NOT NULL,
  to_address VARCHAR(190) NOT NULL,
  subject VARCHAR(200) NOT NULL,
  state VARCHAR(12) NOT NULL,
  message_id VARCHAR(100) NOT NULL,
  failure_reason VARCHAR(500) NULL,
  discard_reason VARCHAR(500) NULL,
  attempts INT NOT NULL DEFAULT 0,
  attempted_at_utc DATETIME(3) NULL,
  attempted_console VARCHAR(64) NULL,
  watch_id VARCHAR(64) NULL,
  created_by_admin_id BIGINT NULL,
  created_at_utc DATETIME(3) NOT NULL,
  sent_at_utc DATETIME(3) NULL,
  updated_at_utc DATETIME(3) NOT NULL,
  op_id CHAR(36) NOT NULL,
  row_version INT NOT NULL DEFAULT 1,
  UNIQUE KEY uq_messages_message_id (message_id),
  UNIQUE KEY uq_messages_op (op_id),
  KEY ix_messages_booking (booking_id, id),
  KEY ix_messages_state (state, id),
  CONSTRAINT ck_messages_kind CHECK (kind IN ('itinerary', 'confirmation', 'cancellation', 'watch')),
  CONSTRAINT ck_messages_state CHECK (state IN ('queued', 'sent', 'failed', 'discarded')),
  CONSTRAINT fk_messages_booking FOREIGN KEY (booking_id) REFERENCES bookings (id),
  CONSTRAINT fk_messages_user FOREIGN KEY (user_id) REFERENCES users (id),
  CONSTRAINT fk_messages_admin FOREIGN KEY (created_by_admin_id) REFERENCES admins (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TRIGGER trg_messages_i AFTER INSERT ON messages FOR EACH ROW
  INSERT INTO change_log (table_name, row_pk, op, changed_at_utc)
  SELECT 'messages', NEW.id, 'I', UTC_TIMESTAMP(3) FROM DUAL WHERE @tripdesk_bulk_load IS NULL OR SUBSTRING_INDEX(USER(), '@', 1) <> SUBSTRING_INDEX(CURRENT_USER(), '@', 1);

CREATE TRIGGER trg_messages_u AFTER UPDATE ON messages FOR EACH ROW
  INSERT INTO change_log (table_name, row_pk, op, changed_at_utc)
  SELECT 'messages', NEW.id, 'U', UTC_TIMESTAMP(3) FROM DUAL WHERE @tripdesk_bulk_load IS NULL OR SUBSTRING_INDEX(USER(), '@', 1) <> SUBSTRING_INDEX(CURRENT_USER(), '@', 1);

CREATE TRIGGER trg_messages_d AFTER DELETE ON messages FOR EACH ROW
  INSERT INTO change_log (table_name, row_pk, op, changed_at_utc)
  SELECT 'messages', OLD.id, 'D', UTC_TIMESTAMP(3) FROM DUAL WHERE @tripdesk_bulk_load IS NULL OR SUBSTRING_INDEX(USER(), '@', 1) <> SUBSTRING_INDEX(CURRENT_USER(), '@', 1);
