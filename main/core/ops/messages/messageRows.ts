import type { Message } from '../../../../shared/contract';
import { fromDbInstant } from '../../../../shared/time';
import type { SqlSession } from '../../engine/sql';

export interface MessageRow {
  id: number; booking_id: number | null; user_id: number | null; kind: Message['kind']; to_address: string; subject: string;
  state: Message['state']; message_id: string; failure_reason: string | null; attempts: number; created_by_admin_id: number | null;
  created_by_name: string | null; created_at_utc: string; sent_at_utc: string | null; watch_id: string | null; provisional: number;
}

/** The Message-ID header of the message an op records: stable across retries, replays and restarts. */
export const messageIdOf = (opId: string) => `<${opId}@tripdesk>`;

const SELECT = (db: SqlSession) => `SELECT m.id, m.booking_id, m.user_id, m.kind, m.to_address, m.subject, m.state, m.message_id, m.failure_reason, m.attempts,
         m.created_by_admin_id, a.name AS created_by_name, m.created_at_utc, m.sent_at_utc, m.watch_id, ${db.provisionalColumn('m')} AS provisional
    FROM messages m LEFT JOIN admins a ON a.id = m.created_by_admin_id`;

export const toMessage = (r: MessageRow): Message => ({
  id: Number(r.id), bookingId: r.booking_id === null ? null : Number(r.booking_id), kind: r.kind, to: r.to_address, subject: r.subject,
  state: r.state, messageId: r.message_id, failureReason: r.failure_reason, attempts: Number(r.attempts),
  createdBy: r.created_by_admin_id === null ? null : Number(r.created_by_admin_id), createdByName: r.created_by_name,
  createdAtUtc: fromDbInstant(String(r.created_at_utc)), sentAtUtc: r.sent_at_utc === null ? null : fromDbInstant(String(r.sent_at_utc)),
  provisional: Number(r.provisional) === 1,
});

export async function loadMessageRow(db: SqlSession, id: number): Promise<MessageRow | undefined> {
  return db.get<MessageRow>(`${SELECT(db)} WHERE m.id = ?`, [id]);
}

export async function loadMessage(db: SqlSession, id: number): Promise<Message | undefined> {
  const row = await loadMessageRow(db, id);
  return row ? toMessage(row) : undefined;
}

/** A booking's messages newest first; or, without one, the messages in a state (Needs attention: the failed ones). */
export async function listMessages(db: SqlSession, filter: { bookingId?: number; state?: Message['state']; limit: number }): Promise<Message[]> {
  const where: string[] = [];
  const params: Array<string | number> = [];
  if (filter.bookingId !== undefined) { where.push('m.booking_id = ?'); params.push(filter.bookingId); }
  if (filter.state !== undefined) { where.push('m.state = ?'); params.push(filter.state); }
  const rows = await db.all<MessageRow>(
    `${SELECT(db)}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY m.created_at_utc DESC, ABS(m.id) DESC LIMIT ${Math.trunc(filter.limit)}`, params);
  return rows.map(toMessage);
}
