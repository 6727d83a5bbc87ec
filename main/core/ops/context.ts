import type { InboxItem, JobStatus, Mode, PushEventName, SessionUser, SyncStatus } from '../../../shared/contract';
import type { z } from 'zod';
import type { CoreConfig } from '../config';
import type { Engine } from '../engine/engine';
import type { SessionBook } from './auth/sessions';
import type { InventoryChange } from './inventory/inventoryChange';
import type { PaymentGateway } from './payments/paymentGateway';
import type { Postman } from './messages/postman';

export type { Engine };

/** The device's sync, as the sync channels see it; null in standalone mode. */
export interface SyncControl {
  status(): Promise<SyncStatus>;
  syncNow(): Promise<SyncStatus>;
  rehydrate(): Promise<SyncStatus>;
  inbox(): Promise<Array<z.infer<typeof InboxItem>>>;
  /** Whether the offline copy lacks any of these tables (its download stopped before them). */
  copyLacks(tables: readonly string[]): Promise<boolean>;
  /** The server id a record made offline was given when it synced, if it has synced. */
  serverIdOf(entity: 'bookings' | 'users', localId: number): Promise<number | null>;
  resolve(r: { opId: string; action: 'accept_new_price' | 'retry' | 'edit' | 'discard' | 'dismiss'; input?: Record<string, unknown>; reason?: string }): Promise<z.infer<typeof InboxItem>>;
}

/** The console's shared background jobs, as jobs.status sees them. */
export interface JobsControl {
  status(): Promise<JobStatus[]>;
}

export interface ServiceContext {
  readonly engine: Engine;
  readonly config: CoreConfig;
  readonly now: () => number;
  readonly operator: SessionUser | null;
  readonly channel: string;
  readonly opId: string | null;
  /** Where the call came from: the window (ipc), the web bridge, or the outbox's replay. */
  readonly origin: 'ipc' | 'bridge' | 'replay';
  /** The validated input, as the outbox must store it. */
  readonly input: unknown;
  readonly mode: Mode;
  readonly sessions: SessionBook;
  /** The card gateway (the test gateway unless a real one is configured). */
  readonly payments: PaymentGateway;
  readonly sync?: SyncControl | null;
  /** Absent where no job runner is wired (tools, replay). */
  readonly jobs?: JobsControl | null;
  emit(event: PushEventName, payload: unknown): void;
  /**
   * After a price or capacity moved (and its transaction committed): look for deals and fire
   * watches. Absent where nothing listens (tools, some tests).
   */
  readonly inventoryChanged?: (changes: InventoryChange[]) => Promise<void>;
  /** Sends customers' emails once their rows commit; absent inside a replay (its group has not committed) and in tools. */
  readonly postman?: Postman | null;
}

export function requireOperator(ctx: ServiceContext): SessionUser {
  if (!ctx.operator) throw new Error('a signed-in operator is required');
  return ctx.operator;
}
