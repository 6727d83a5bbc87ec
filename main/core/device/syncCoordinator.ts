import type { Mode, PushEventName, SyncStatus } from '../../../shared/contract';
import type { CoreConfig } from '../config';
import type { Engine } from '../engine/engine';
import type { SqliteDb } from '../engine/sqlite/sqliteDb';
import type { SqliteDocuments } from '../engine/sqlite/sqliteDocuments';
import { sqliteEngine } from '../engine/sqlite/sqliteEngine';
import { readState } from '../engine/sqlite/syncState';
import { copyProgress } from './hydrate';
import { CentralTier, type DeviceLog } from './centralTier';
import { ConnectivityWatch, type CentralLink } from './connectivity';
import { enqueueOp, outboxCounts } from './outbox';
import type { RunReplayed } from './replayOutbox';
import { SyncRunner, type InventoryListener, type PullTiming } from './syncRunner';

export type { CentralLink };

/** How soon the count of queued changes reaches the window after a change made offline. */
const QUEUED_ANNOUNCE_MS = 100;

/**
 * Central mode's two faces: online (MySQL + MongoDB are the store of record) and offline (the
 * SQLite copy, with every change queued in the outbox). The connectivity watch switches between
 * them by itself (online, its 5 s tick is a pull of others' changes); the runner, on the way back,
 * sends the outbox before pulling others' changes.
 */
export class SyncCoordinator {
  private readonly central: CentralTier;
  private readonly connectivity: ConnectivityWatch;
  private readonly runner: SyncRunner;
  readonly offline: Engine;
  /** Told what pulls brought in that got cheaper or freed up, and what replayed ops changed (deal detection and watches listen). */
  onInventoryPulled: InventoryListener | null = null;
  /** How the outbox is sent: each queued change through the host's dispatch (set by host/core.ts). */
  runReplayed: RunReplayed | null = null;

  constructor(
    link: CentralLink,
    private readonly localSql: SqliteDb,
    localDocs: SqliteDocuments,
    config: CoreConfig,
    now: () => number,
    private readonly emit: (event: PushEventName, payload: unknown) => void,
    private readonly log: DeviceLog,
    onPull?: (pull: PullTiming) => void,
  ) {
    // The outbox row, the provisional change and its audit entry commit together.
    this.offline = sqliteEngine(localSql, localDocs, { provisional: true, afterMutation: (tx, op) => enqueueOp(tx, op, now()) });
    this.central = new CentralTier(link, config, log);
    this.connectivity = new ConnectivityWatch({
      probe: () => this.central.reachable(),
      refresh: () => this.runner.refresh(),
      back: () => this.sync(),
      changed: () => this.announce(),
    });
    this.runner = new SyncRunner({
      link, central: this.central, connectivity: this.connectivity, localSql, localDocs, config, now, emit, log,
      engine: () => this.engine(),
      inventoryListener: () => this.onInventoryPulled,
      runReplayed: () => this.runReplayed,
      finished: () => this.announce(),
      copyMoved: () => this.announce(),
      ...(onPull ? { onPull } : {}),
    });
  }

  mode(): Mode {
    return this.connectivity.mode();
  }

  engine(): Engine {
    const central = this.central.engine();
    return this.connectivity.mode() === 'online' && central ? central : this.offline;
  }

  centralEngine(): Engine | null {
    return this.central.engine();
  }

  /** First check at start: online if the servers answer (hydrating a new device), else offline. */
  async start(): Promise<void> {
    if (await this.central.reachable()) {
      await this.sync();
    } else {
      this.connectivity.set('offline');
    }
    this.connectivity.start();
  }

  /** A call failed with OFFLINE: stop talking to the servers until the watcher sees them again. */
  markOffline(reason: string): void {
    if (this.connectivity.mode() === 'offline') return;
    this.log('warn', `switching to offline: ${reason}`);
    this.connectivity.set('offline');
  }

  /** Push, then pull (and hydrate a device that has never been filled). One run at a time. */
  sync(): Promise<void> {
    return this.runner.sync();
  }

  /** Server-side housekeeping any console may run: change_log entries past the retention period go. */
  async pruneChangeLog(): Promise<number> {
    if (this.connectivity.mode() !== 'online') return 0;
    return this.runner.pruneChangeLog();
  }

  /** After a change made online, the local copy catches up in the background. */
  afterOnlineChange(): void {
    this.runner.afterOnlineChange();
  }

  async rehydrate(): Promise<void> {
    await this.runner.rehydrate();
  }

  async status(): Promise<SyncStatus> {
    const counts = await outboxCounts(this.localSql);
    const last = await this.localSql.withHandle((raw) => readState<string | null>(raw, 'pull.lastUtc', null));
    return {
      mode: this.connectivity.mode(), pending: counts.pending, conflicts: counts.conflicts, lastSyncUtc: last,
      progress: this.runner.progress(), offlineCopy: await this.runner.offlineCopy(),
    };
  }

  /** Whether the offline copy lacks any of these tables: its download stopped before it finished them. */
  async copyLacks(tables: readonly string[]): Promise<boolean> {
    const copy = await this.localSql.withHandle((raw) => copyProgress(raw));
    return !tables.every((t) => copy.has(t));
  }

  private announce(): void {
    void this.status().then((s) => this.emit('sync.status', s));
  }

  private queuedAnnouncement: ReturnType<typeof setTimeout> | null = null;

  /**
   * A change was queued offline: the window's count of what waits to sync follows within
   * QUEUED_ANNOUNCE_MS. One announcement for a burst, not one per change: a field agent's
   * import or quick entries would otherwise count the whole outbox once per change.
   */
  changeQueued(): void {
    if (this.queuedAnnouncement) return;
    this.queuedAnnouncement = setTimeout(() => {
      this.queuedAnnouncement = null;
      this.announce();
    }, QUEUED_ANNOUNCE_MS);
    this.queuedAnnouncement.unref?.();
  }

  /** No more pings, nor background pulls after this: the run in flight goes on (a first download). */
  stopWatching(): void {
    this.connectivity.close();
    this.runner.stopRepeating();
  }

  async close(): Promise<void> {
    if (this.queuedAnnouncement) clearTimeout(this.queuedAnnouncement);
    this.queuedAnnouncement = null;
    this.stopWatching();
    await this.runner.close();
  }

  /** Last: audit entries still queued for MongoDB are written before the client closes. */
  async closeAudit(): Promise<void> {
    await this.central.closeAudit();
  }
}
