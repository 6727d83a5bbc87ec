import type { DocumentStore } from './documents';
import type { SecretBox } from './secretBox';
import type { SqlDb, SqlSession } from './sql';

/** One store of record: SQLite (standalone, offline) or MySQL + MongoDB (central). */
export interface Engine {
  readonly kind: 'sqlite' | 'central';
  readonly sql: SqlDb;
  readonly docs: DocumentStore;
  /** How this store keeps operators' two-factor secrets: sealed with the device's key in SQLite, as they are in MySQL. */
  readonly secrets: SecretBox;
  /**
   * Called inside a mutation's transaction after its effect; offline, this queues the op in the
   * outbox in the same SQLite transaction as the provisional change.
   */
  afterMutation?: (tx: SqlSession, op: { channel: string; opId: string; input: unknown; result: unknown; operatorId: number | null }) => Promise<void>;
  /**
   * Set where the documents live in the SQL database itself (SQLite): a mutation's audit entry is
   * written on its applied_ops row, in its transaction; `written()` tells the trail, which files
   * entries into the logs table later (engine/sqlite/sqliteAuditTrail.ts).
   */
  auditOnAppliedOps?: { written(): void };
  /** Offline: rows written now are provisional until the server confirms them. */
  readonly provisional: boolean;
  /**
   * The failure means a server of this engine is out of reach (the request itself may have been
   * fine): callers switch to offline or keep the op queued instead of reporting a refusal.
   */
  isUnreachable(err: unknown): boolean;
}
