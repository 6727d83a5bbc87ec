import type { InboxItem, Mode, PushEventName, SessionUser, SyncStatus } from '../../../shared/contract';
import type { z } from 'zod';
import type { CoreConfig } from '../config';
import type { DocumentStore } from '../engine/documents';
import type { SqlDb, SqlSession } from '../engine/sql';
import type { SessionBook } from './auth/sessions';
import type { InventoryChange } from './inventory/inventoryChange';

/** One store of record: SQLite (standalone, offline) or MySQL + MongoDB (central). */
export interface Engine {
  readonly kind: 'sqlite' | 'central';
  readonly sql: SqlDb;
  readonly docs: DocumentStore;
  /**
   * Called inside a mutation's transaction after its effect; offline, this queues the op in the
   * outbox in the same SQLite transaction as the provisional change.
   */
  afterMutation?: (tx: SqlSession, op: { channel: string; opId: string; input: unknown; result: unknown; operatorId: number | null }) => Promise<void>;
  /**
   * Set where the documents live in the SQL database itself (SQLite): a mutation's audit entry is
   * written on its applied_ops row, in its transaction; `written()` tells the trail, which files
   * entries into the logs table later (stores/sqlite/sqliteAuditTrail.ts).
   */
  auditOnAppliedOps?: { written(): void };
  /** Offline: rows written now are provisional until the server confirms them. */
  readonly provisional: boolean;
}

/** The device's sync, as the sync channels see it; null in standalone mode. */
export interface SyncControl {
  status(): Promise<SyncStatus>;
  syncNow(): Promise<SyncStatus>;
  rehydrate(): Promise<SyncStatus>;
  inbox(): Promise<Array<z.infer<typeof InboxItem>>>;
  /** The server id a record made offline was given when it synced, if it has synced. */
  serverIdOf(entity: 'bookings' | 'users', localId: number): Promise<number | null>;
  resolve(r: { opId: string; action: 'accept_new_price' | 'retry' | 'edit' | 'discard'; input?: Record<string, unknown>; reason?: string }): Promise<z.infer<typeof InboxItem>>;
}

export interface ServiceContext {
  readonly engine: Engine;
  readonly config: CoreConfig;
  readonly now: () => number;
  readonly operator: SessionUser | null;
  readonly channel: string;
  readonly opId: string | null;
  /** The validated input, as the outbox must store it. */
  readonly input: unknown;
  readonly mode: Mode;
  readonly sessions: SessionBook;
  readonly sync?: SyncControl | null;
  emit(event: PushEventName, payload: unknown): void;
  /**
   * After a price or capacity moved (and its transaction committed): look for deals and fire
   * watches. Absent where nothing listens (tools, some tests).
   */
  readonly inventoryChanged?: (changes: InventoryChange[]) => Promise<void>;
}

export function requireOperator(ctx: ServiceContext): SessionUser {
  if (!ctx.operator) throw new Error('a signed-in operator is required');
  return ctx.operator;
}
