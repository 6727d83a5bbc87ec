import { toDbInstant } from '../../../../shared/time';
import type { AuditDoc } from '../documents';
import type { SqlSession } from '../sql';
import type { SqliteDb } from './sqliteDb';

const LOG_COLUMNS = 'id, ts, user_id, channel, op_id, entity, entity_id, summary';

/** An audit row, straight into `logs` (idempotent on the entry's id). */
export async function insertAuditRow(db: SqlSession, e: AuditDoc): Promise<void> {
  await db.run(`INSERT INTO logs (${LOG_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
    [e.id, toDbInstant(e.ts), e.operatorId, e.channel, e.opId, e.entity, e.entityId, e.summary]);
}

/**
 * The audit trail on SQLite. A mutation queues its entry inside its own transaction, so it cannot
 * commit without one; the queue is filed into `logs` in one transaction per batch: once
 * `batchSize` entries wait, after `idleMs`, before anything reads `logs`, at start (after a crash)
 * and at close. Readers therefore never see a mutation without its entry.
 */
export class SqliteAuditTrail {
  private waiting = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private closed = false;

  constructor(private readonly db: SqliteDb, private readonly batchSize = 200, private readonly idleMs = 250) {}

  /** Engine.auditInTx: the entry joins the caller's transaction. */
  readonly queueInTx = async (tx: SqlSession, e: AuditDoc): Promise<void> => {
    await tx.run(`INSERT INTO audit_queue (${LOG_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      [e.id, toDbInstant(e.ts), e.operatorId, e.channel, e.opId, e.entity, e.entityId, e.summary]);
    this.waiting++;
    // Filing is queued behind the caller's transaction on the one connection: it runs as soon as
    // that commits, before the next call's transaction. (A rollback leaves nothing to file.)
    if (this.waiting >= this.batchSize) void this.file().catch(() => undefined);
    else if (!this.timer) {
      this.timer = setTimeout(() => void this.file().catch(() => undefined), this.idleMs);
      this.timer.unref();
    }
  };

  /** Moves every queued entry into `logs`; returns how many moved. */
  async file(): Promise<number> {
    this.waiting = 0;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.closed) return 0;
    return this.db.transaction(async (tx) => {
      const last = await tx.get<{ seq: number | null }>('SELECT MAX(seq) AS seq FROM audit_queue');
      if (last?.seq == null) return 0;
      // `WHERE` before `ON CONFLICT` keeps SQLite from reading ON as a join constraint.
      await tx.run(`INSERT INTO logs (${LOG_COLUMNS}) SELECT ${LOG_COLUMNS} FROM audit_queue WHERE seq <= ? ORDER BY seq ON CONFLICT (id) DO NOTHING`, [last.seq]);
      return (await tx.run('DELETE FROM audit_queue WHERE seq <= ?', [last.seq])).affectedRows;
    });
  }

  async close(): Promise<void> {
    await this.file();
    this.closed = true;
  }
}
