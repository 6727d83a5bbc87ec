import { performance } from 'node:perf_hooks';
import type { PushEventName, SyncStatus } from '../../../shared/contract';
import type { CoreConfig } from '../config';
import type { Engine } from '../engine/engine';
import { isAccessDenied } from '../engine/mysql/accessDenied';
import type { SqliteDb } from '../engine/sqlite/sqliteDb';
import type { SqliteDocuments } from '../engine/sqlite/sqliteDocuments';
import { readState } from '../engine/sqlite/syncState';
import type { InventoryChange } from '../ops/inventory/inventoryChange';
import type { CentralTier, DeviceLog } from './centralTier';
import type { CentralLink, ConnectivityWatch } from './connectivity';
import { copyProgress, hydrate, isHydrated } from './hydrate';
import { outboxCounts } from './outbox';
import { pullChanges } from './pullChanges';
import { pullReviews } from './pullReviews';
import { replayOutbox, type ReplayReport, type RunReplayed } from './replayOutbox';

export type InventoryListener = (engine: Engine, changes: InventoryChange[]) => Promise<void>;

export interface SyncRunnerDeps {
  link: CentralLink;
  central: CentralTier;
  connectivity: ConnectivityWatch;
  localSql: SqliteDb;
  localDocs: SqliteDocuments;
  config: CoreConfig;
  now: () => number;
  emit(event: PushEventName, payload: unknown): void;
  log: DeviceLog;
  /** The engine calls are served by now: what pulled moves are reported against. */
  engine(): Engine;
  /** Read at each use (the host sets these after the coordinator is made): who hears of pulled moves. */
  inventoryListener(): InventoryListener | null;
  /** How a queued change is sent: through the host's dispatch, as its operator. */
  runReplayed(): RunReplayed | null;
  /** A run ended: the window is told the status. */
  finished(): void;
  /** The offline copy's download began, moved on a percent, or stopped: the window is told the status. */
  copyMoved(): void;
  /** Told of every background pull when it ends (the multi-console bench times them). */
  onPull?: (pull: PullTiming) => void;
}

export interface PullTiming {
  ms: number;
  changes: number;
  /** Both servers answered. */
  reached: boolean;
}

/** The device counts as never filled: the next run downloads everything again. */
const FORGET_HYDRATION = "DELETE FROM sync_state WHERE key IN ('hydrate.doneUtc', 'hydrate.state')";

/**
 * Brings the device and the server together: send the outbox first (the server judges offline
 * changes against its current state), then pull others' changes (MySQL's change_log, then the
 * reviews changed in MongoDB), filling a device that has never been filled. One run at a time;
 * its progress is shown in the window. A device with nothing queued works online while its copy
 * downloads: there is nothing of its own for the server to judge first.
 */
export class SyncRunner {
  private running: Promise<void> | null = null;
  private current: SyncStatus['progress'] = null;
  private pulling: Promise<boolean> | null = null;
  private pullAgain = false;
  /** A change was made online while a run was in flight, after (or during) that run's pull. */
  private pullAfterRun = false;
  private closed = false;
  /** The run is downloading the offline copy now. */
  private downloading = false;
  private shownPercent = -1;
  /** The account was refused the prune once: it will be every hour, so it is said once, not hourly. */
  private pruneRefused = false;

  constructor(private readonly deps: SyncRunnerDeps) {}

  progress(): SyncStatus['progress'] {
    return this.current;
  }

  /** How much of the offline copy is on the device, and whether it is coming in now. */
  async offlineCopy(): Promise<SyncStatus['offlineCopy']> {
    const copy = await this.deps.localSql.withHandle((raw) => copyProgress(raw));
    if (copy.complete) return { state: 'complete', percent: 100 };
    return { state: this.downloading ? 'downloading' : 'partial', percent: copy.percent };
  }

  private setProgress(phase: string | null, done = 0, total: number | null = null): void {
    this.current = phase ? { phase, done, total } : null;
    if (this.current) this.deps.emit('sync.progress', this.current);
  }

  /** Push, then pull (and hydrate a device that has never been filled). One run at a time. */
  sync(): Promise<void> {
    this.running ??= this.run().finally(() => {
      this.running = null;
      this.setProgress(null);
      this.deps.finished();
      if (this.pullAfterRun) {
        this.pullAfterRun = false;
        this.afterOnlineChange();
      }
    });
    return this.running;
  }

  private async run(): Promise<void> {
    const { central, connectivity, localSql } = this.deps;
    if (!central.engine() && !(await central.reachable())) {
      connectivity.set('offline');
      return;
    }
    const engine = central.engine();
    if (!engine) return;
    try {
      if (await this.tooOldToPull()) {
        this.deps.log('info', 'this device last synced before the server pruned its change log: downloading everything again');
        await localSql.run(FORGET_HYDRATION);
      }
      if (!isHydrated(localSql.handle)) {
        this.downloading = true;
        // Reads and writes go to the servers meanwhile; what changes during the copy comes in by
        // the pull after it (the copy's change_log position is taken before it starts).
        if ((await outboxCounts(localSql)).pending === 0) connectivity.set('online');
        this.deps.copyMoved();
        try {
          await hydrate(this.deps.link.mysql, engine.docs, localSql, this.deps.localDocs, this.deps.now, (p) => {
            this.setProgress(p.phase, p.done, p.total);
            void this.copyMovedOn();
          }, this.deps.log);
        } finally {
          this.downloading = false;
        }
      }
      const pushed = await this.push(engine);
      if (pushed.offline) {
        connectivity.set('offline');
        return;
      }
      this.setProgress('Receiving changes', 0, null);
      const pulled = await pullChanges(this.deps.link.mysql, localSql, this.deps.now, (done) => this.setProgress('Receiving changes', done, null));
      this.setProgress('Receiving reviews', 0, null);
      await pullReviews(engine.docs, localSql, (done) => this.setProgress('Receiving reviews', done, null));
      connectivity.set('online');
      this.notifyMoves(pulled.inventory);
    } catch (err) {
      this.deps.log('warn', 'sync stopped; will try again', { error: String((err as Error)?.message ?? err) });
      connectivity.set('offline');
    }
  }

  /** Tells the window when the copy's percent moved, not on every batch of the same percent. */
  private async copyMovedOn(): Promise<void> {
    const { percent } = await this.deps.localSql.withHandle((raw) => copyProgress(raw));
    if (percent === this.shownPercent) return;
    this.shownPercent = percent;
    this.deps.copyMoved();
  }

  /** The server keeps change_log for retentionDays; a device that last pulled before that must copy again. */
  private async tooOldToPull(): Promise<boolean> {
    const last = await this.deps.localSql.withHandle((raw) => readState<string | null>(raw, 'pull.lastUtc', null));
    return last !== null && Date.parse(last) < this.deps.now() - this.retentionMs();
  }

  private retentionMs(): number {
    return this.deps.config.retentionDays * 86_400_000;
  }

  /**
   * Server-side housekeeping: change_log entries past the retention period go. A console on the
   * least-privilege console account may not delete them, on purpose (a console that could delete
   * old entries could delete recent ones, and devices would silently miss those changes), so there
   * the hourly job says once why it skips and leaves pruning to the maintenance account
   * (`npm run migrate -- --prune-change-log`, scheduled by the operators). Answers the rows deleted.
   */
  async pruneChangeLog(): Promise<number> {
    if (this.pruneRefused) return 0;
    const cutoff = new Date(this.deps.now() - this.retentionMs()).toISOString().replace('T', ' ').replace('Z', '');
    try {
      const res = await this.deps.link.mysql.run('DELETE FROM change_log WHERE changed_at_utc < ? LIMIT 10000', [cutoff]);
      if (res.affectedRows > 0) this.deps.log('info', `change log pruned: ${res.affectedRows} entries older than ${this.deps.config.retentionDays} days`, { source: 'sync' });
      return res.affectedRows;
    } catch (err) {
      if (!isAccessDenied(err)) throw err;
      this.pruneRefused = true;
      this.deps.log('warn',
        "change log pruning skipped: this console's MySQL account may not delete change_log entries (the least-privilege console account); " +
          'prune with the maintenance account instead: npm run migrate -- --prune-change-log',
        { source: 'sync', error: String((err as Error)?.message ?? err) });
      return 0;
    }
  }

  /** Holds and prices are judged on the server's clock at replay, not on the device's. */
  private async serverClock(): Promise<() => number> {
    const { link, now } = this.deps;
    const row = await link.mysql.get<{ t: string }>('SELECT UTC_TIMESTAMP(3) AS t');
    const offset = row ? Date.parse(`${row.t.replace(' ', 'T')}Z`) - now() : 0;
    return () => now() + offset;
  }

  private async push(central: Engine): Promise<ReplayReport> {
    const runOperation = this.deps.runReplayed();
    if (!runOperation) throw new Error('the host has not said how to run replayed changes');
    const now = await this.serverClock();
    return replayOutbox(
      { central, local: this.deps.localSql, now, runOperation, mysql: { db: this.deps.link.mysql, queryTimeoutMs: this.deps.config.mysqlQueryTimeoutMs } },
      (done, total) => this.setProgress('Sending offline changes', done, total),
    );
  }

  private notifyMoves(changes: InventoryChange[]): void {
    const listener = this.deps.inventoryListener();
    if (changes.length === 0 || !listener) return;
    void listener(this.deps.engine(), changes);
  }

  /**
   * After a change made online, bring the local copy up to date in the background: one pull at a
   * time, and changes made while it runs are picked up by one more pull after it.
   */
  afterOnlineChange(): void {
    const { connectivity } = this.deps;
    if (connectivity.mode() !== 'online') return;
    // The run pulls once it has sent and downloaded; a change it may have missed is pulled after it.
    if (this.running) {
      this.pullAfterRun = true;
      return;
    }
    if (this.pulling) {
      this.pullAgain = true;
      return;
    }
    void this.startPulling();
  }

  /**
   * The online heartbeat (every 5 s, from the connectivity watch): others' changes come in while
   * the line is up, so the copy is current when it goes, and the pull is the check that the
   * servers are there. A pull already in flight answers for this tick. True when both servers
   * answered.
   */
  async refresh(): Promise<boolean> {
    if (this.running) {
      await this.running;
      return this.deps.connectivity.mode() === 'online';
    }
    return this.pulling ?? this.startPulling();
  }

  private startPulling(): Promise<boolean> {
    const { connectivity } = this.deps;
    const pulling = (async () => {
      let reached: boolean;
      do {
        this.pullAgain = false;
        reached = await this.pullOnce();
      } while (this.pullAgain && connectivity.mode() === 'online' && !this.closed);
      return reached;
    })().finally(() => { this.pulling = null; });
    this.pulling = pulling;
    return pulling;
  }

  /** One pull of MySQL's changes and MongoDB's reviews; false when either server could not be reached. */
  private async pullOnce(): Promise<boolean> {
    const started = performance.now();
    const pulled = await pullChanges(this.deps.link.mysql, this.deps.localSql, this.deps.now).catch(() => null);
    if (pulled) this.notifyMoves(pulled.inventory);
    // Reviews, replies and moderation live in MongoDB: they come by their own pull.
    const docs = this.deps.central.engine()?.docs;
    const reviews = docs ? await pullReviews(docs, this.deps.localSql).then(() => true, () => false) : true;
    this.deps.onPull?.({ ms: performance.now() - started, changes: pulled?.changes ?? 0, reached: pulled !== null && reviews });
    return pulled !== null && reviews;
  }

  /** Downloads everything again (the sync channel of the same name). */
  async rehydrate(): Promise<void> {
    await this.deps.localSql.run(FORGET_HYDRATION);
    await this.sync();
  }

  /** Background pulls in flight finish, none repeats after this. */
  stopRepeating(): void {
    this.closed = true;
  }

  /** Waits for the run and the background pull in flight; starts no new background pull. */
  async close(): Promise<void> {
    this.closed = true;
    await this.running?.catch(() => undefined);
    await this.pulling;
  }
}
