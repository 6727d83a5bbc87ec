import { toDbInstant } from '../../../../shared/time';
import type { AuditDoc } from '../documents';
import type { SqlSession } from '../sql';
import type { SqliteDb } from './sqliteDb';
import { readState, writeState } from './syncState';

/** An audit row, straight into `logs` (idempotent on the entry's id). */
export async function insertAuditRow(db: SqlSession, e: AuditDoc): Promise<void> {
  await db.run('INSERT INTO logs (id, ts, user_id, channel, op_id, entity, entity_id, summary) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING',
    [e.id, toDbInstant(e.ts), e.operatorId, e.channel, e.opId, e.entity, e.entityId, e.summary]);
}

const FILED_THROUGH = 'audit.filedThrough';

/**
 * The audit trail on SQLite. runMutation writes a mutation's entry on its own applied_ops row, in
 * its own transaction, so it cannot commit without one and costs no page or statement of its own.
 * Entries are filed from there into `logs` (indexed for the audit and log viewers), one batch per
 * transaction: `idleMs` after an entry (a timer, so between the console's calls), before anything
 * reads `logs`, at start (after a crash), at close, and inline once `maxWaiting` wait. sync_state
 * keeps the last applied_ops rowid filed. Readers never see a mutation without its entry, and an
 * agent's calls rarely wait for a filing (inline every 200, it set the p99 of bookings).
 */
export class SqliteAuditTrail {
  private waiting = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private closed = false;
  /** Set once a filing has found nothing left behind: from then on only written() adds work. */
  private caughtUp = false;

  constructor(private readonly db: SqliteDb, private readonly maxWaiting = 5000, private readonly idleMs = 250) {}

  /** Engine.auditOnAppliedOps: a committed mutation left its entry on its applied_ops row. */
  written(): void {
    this.waiting++;
    // Filed inline, the batch is queued behind the caller's transaction on the one connection: it
    // runs before the next call's transaction.
    if (this.waiting >= this.maxWaiting) void this.file().catch(() => undefined);
    else if (!this.timer) {
      // A timer fires only when the event loop turns, that is between the console's calls.
      this.timer = setTimeout(() => void this.file().catch(() => undefined), this.idleMs);
      this.timer.unref();
    }
  }

  /** Files every entry not yet in `logs`; returns how many it filed. */
  async file(): Promise<number> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    // Reads file first: with nothing written since, they skip the write transaction.
    if (this.closed || (this.caughtUp && this.waiting === 0)) return 0;
    this.waiting = 0;
    this.caughtUp = false;
    const filed = await this.db.transaction(async (tx) => {
      // The mark is read and written on the same connection, inside this transaction.
      const from = readState<number>(this.db.handle, FILED_THROUGH, 0);
      const last = Number((await tx.get<{ last: number | null }>('SELECT MAX(rowid) AS last FROM applied_ops'))?.last ?? 0);
      if (last <= from) return 0;
      // The entry's id is `opId:channel`, as auditEntry makes it: a replayed op files nothing twice.
      const inserted = await tx.run(
        `INSERT INTO logs (id, ts, user_id, channel, op_id, entity, entity_id, summary)
         SELECT op_id || ':' || channel, applied_at_utc, admin_id, channel, op_id, audit_entity, audit_entity_id, audit_summary
           FROM applied_ops WHERE rowid > ? AND rowid <= ? AND audit_summary IS NOT NULL
         ON CONFLICT (id) DO NOTHING`, [from, last]);
      writeState(this.db.handle, FILED_THROUGH, last);
      return inserted.affectedRows;
    });
    this.caughtUp = true;
    return filed;
  }

  async close(): Promise<void> {
    await this.file();
    this.closed = true;
  }
}
