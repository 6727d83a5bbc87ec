import type { Engine } from '../engine';
import type { SqliteDb } from './sqliteDb';
import type { SqliteDocuments } from './sqliteDocuments';

export interface SqliteEngineOptions {
  /** Offline copy of the central tier: what is written now waits for the server's word. */
  provisional: boolean;
  /** Offline: queues the op in the outbox, in the transaction of its provisional change. */
  afterMutation?: Engine['afterMutation'];
}

/**
 * The device's own database as an engine, records and documents in one file. Its audit entries
 * ride on the mutation's applied_ops row, so the row, the change (and offline, the outbox row)
 * commit together.
 */
export function sqliteEngine(sql: SqliteDb, docs: SqliteDocuments, opts: SqliteEngineOptions): Engine {
  return {
    kind: 'sqlite', sql, docs, secrets: sql.secrets, provisional: opts.provisional, auditOnAppliedOps: docs.audit, afterMutation: opts.afterMutation,
    // A local file has no server to lose.
    isUnreachable: () => false,
  };
}
