import type { Watch } from '../../../../shared/contract';
import { toDbInstant } from '../../../../shared/time';
import type { Engine } from '../context';

/** One price alert per watch: a watch fires once, and its id (the opId that made it) names the mail. */
export const watchMessageIdOf = (watchId: string) => `<watch-${watchId}@tripdesk>`;

/**
 * Records the email of a fired watch whose agent asked for one, as queued, and answers its id for
 * the postman (null: none asked for, or no store of record here). Only the store of record mails:
 * a watch fired on an offline device's copy is not the server's, so nothing is sent from it.
 * A second record of the same watch (two consoles saw it fire) adds nothing: op_id is unique.
 */
export async function recordWatchMessage(engine: Engine, watch: Watch, agencyName: string, now: number): Promise<number | null> {
  if (!watch.notifyCustomer || engine.provisional || !watch.hit) return null;
  const customer = await engine.sql.get<{ email: string }>('SELECT email FROM users WHERE id = ?', [watch.customerId]);
  if (!customer) return null;
  const at = toDbInstant(now);
  const subject = `Price alert from ${agencyName}: ${watch.hit.label}`.slice(0, 200);
  try {
    const res = await engine.sql.run(
      `INSERT INTO messages (booking_id, user_id, kind, to_address, subject, state, message_id, attempts, watch_id, created_by_admin_id, created_at_utc, updated_at_utc, op_id)
       VALUES (NULL, ?, 'watch', ?, ?, 'queued', ?, 0, ?, ?, ?, ?, ?)`,
      [watch.customerId, customer.email, subject, watchMessageIdOf(watch.id), watch.id, watch.createdBy, at, at, watch.id]);
    return res.insertId;
  } catch (err) {
    if (!engine.sql.isDuplicate(err)) throw err;
    return null;
  }
}
