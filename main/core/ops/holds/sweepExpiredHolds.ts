import { toDbInstant } from '../../../../shared/time';
import type { Engine } from '../context';
import { returnSeats } from '../inventory/flightSeats';

/**
 * Ends holds whose time is up and gives their seats back. The status change is conditional, so
 * any number of consoles may sweep at once and each hold's seats return exactly once; a booking
 * converting the same hold races on the same condition and only one of them wins.
 * `returnedTo` collects the flights that got seats back (watches may be waiting for them).
 */
export async function sweepExpiredHolds(engine: Engine, now: number, batch = 200, returnedTo?: Set<number>): Promise<string[]> {
  const at = toDbInstant(now);
  const expired: string[] = [];
  for (;;) {
    const due = await engine.sql.all<{ id: number; hold_token: string; flight_id: number; seats: number }>(
      "SELECT id, hold_token, flight_id, seats FROM flight_seat_holds WHERE status = 'active' AND expires_at_utc <= ? ORDER BY expires_at_utc LIMIT ?",
      [at, batch]);
    if (due.length === 0) return expired;
    for (const hold of due) {
      const won = await engine.sql.transaction(async (tx) => {
        const res = await tx.run(
          "UPDATE flight_seat_holds SET status = 'expired', row_version = row_version + 1 WHERE id = ? AND status = 'active' AND expires_at_utc <= ?",
          [hold.id, at]);
        if (res.affectedRows === 1) await returnSeats(tx, hold.flight_id, hold.seats, at);
        return res.affectedRows === 1;
      });
      if (won) {
        expired.push(hold.hold_token);
        returnedTo?.add(Number(hold.flight_id));
      }
    }
    if (due.length < batch) return expired;
  }
}
