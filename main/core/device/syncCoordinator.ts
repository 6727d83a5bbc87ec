import type { Db, MongoClient } from 'mongodb';
import type { Mode, PushEventName, SyncStatus } from '../../../shared/contract';
import type { CoreConfig } from '../config';
import type { SessionBook } from '../ops/auth/sessions';
import type { Engine } from '../ops/context';
import type { InventoryChange } from '../ops/inventory/inventoryChange';
import { migrateMongo } from '../engine/mongo/migrate';
import { MongoDocuments } from '../engine/mongo/mongoDocuments';
import { migrateMysql } from '../engine/mysql/migrate';
import type { MysqlDb } from '../engine/mysql/mysqlDb';
import type { SqliteDb } from '../engine/sqlite/sqliteDb';
import type { SqliteDocuments } from '../engine/sqlite/sqliteDocuments';
import { hydrate, isHydrated } from './hydrate';
import { enqueueOp, outboxCounts } from './outbox';
import { pullChanges } from './pullChanges';
import { replayOutbox, type ReplayReport } from './replayOutbox';
import { readState } from '../engine/sqlite/syncState';

type Log = (level: 'info' | 'warn' | 'error', msg: string, extra?: Record<string, unknown>) => void;

export interface CentralLink {
  mysql: MysqlDb;
  mongoClient: MongoClient;
  mongoDb: Db;
}

const PING_TIMEOUT_MS = 3_000;

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => { timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms); }),
  ]);
}

/**
 * Central mode's two faces: online (MySQL + MongoDB are the store of record) and offline (the
 * SQLite copy, with every change queued in the outbox). It watches both servers, switches by
 * itself, and on the way back sends the outbox before pulling others' changes.
 */
export class SyncCoordinator {
  private current: 'online' | 'offline' = 'offline';
  private central: Engine | null = null;
  private centralDocs: MongoDocuments | null = null;
  private migrated = false;
  private running: Promise<void> | null = null;
  private progress: SyncStatus['progress'] = null;
  private timer: NodeJS.Timeout | null = null;
  private failures = 0;
  private closed = false;
  readonly offline: Engine;

  constructor(
    private readonly link: CentralLink,
    private readonly localSql: SqliteDb,
    private readonly localDocs: SqliteDocuments,
    private readonly config: CoreConfig,
    private readonly sessions: SessionBook,
    private readonly now: () => number,
    private readonly emit: (event: PushEventName, payload: unknown) => void,
    private readonly log: Log,
  ) {
    this.offline = {
      kind: 'sqlite', sql: localSql, docs: localDocs, provisional: true,
      afterMutation: (tx, op) => enqueueOp(tx, op, this.now()),
      // The outbox row, the provisional change and its audit entry commit together.
      auditOnAppliedOps: localDocs.audit,
    };
  }

  mode(): Mode {
    return this.current;
  }

  engine(): Engine {
    return this.current === 'online' && this.central ? this.central : this.offline;
  }

  centralEngine(): Engine | null {
    return this.central;
  }

  /** Asks both servers whether they are there; migrates them the first time they answer. */
  private async reachable(): Promise<boolean> {
    try {
      await withTimeout(this.link.mysql.get('SELECT 1 AS up'), PING_TIMEOUT_MS, 'MySQL');
      await withTimeout(this.link.mongoDb.command({ ping: 1 }), PING_TIMEOUT_MS, 'MongoDB');
      if (!this.migrated) {
        await migrateMysql(this.link.mysql.pool);
        await migrateMongo(this.link.mongoDb, { retentionDays: this.config.retentionDays, log: (m) => this.log('info', m) });
        this.centralDocs = new MongoDocuments(this.link.mongoClient, this.link.mongoDb, this.log);
        this.central = { kind: 'central', sql: this.link.mysql, docs: this.centralDocs, provisional: false };
        this.migrated = true;
      }
      return true;
    } catch (err) {
      this.log('warn', 'central servers unreachable', { error: String((err as Error)?.message ?? err) });
      return false;
    }
  }

  /** First check at start: online if the servers answer (hydrating a new device), else offline. */
  async start(): Promise<void> {
    if (await this.reachable()) {
      await this.sync();
    } else {
      this.setMode('offline');
    }
    this.schedule();
  }

  private schedule(): void {
    if (this.closed) return;
    // Online: a ping every 5 s. Offline: back off 1 s, 2 s, 4 s … up to 30 s.
    const delay = this.current === 'online' ? 5_000 : Math.min(30_000, 1_000 * 2 ** Math.min(this.failures, 5));
    this.timer = setTimeout(() => void this.tick(), delay);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    const up = await this.reachable();
    if (up && this.current === 'offline') await this.sync();
    if (!up) {
      this.failures++;
      this.setMode('offline');
    } else {
      this.failures = 0;
    }
    this.schedule();
  }

  /** A call failed with OFFLINE: stop talking to the servers until the watcher sees them again. */
  markOffline(reason: string): void {
    if (this.current === 'offline') return;
    this.log('warn', `switching to offline: ${reason}`);
    this.setMode('offline');
  }

  private setMode(mode: 'online' | 'offline'): void {
    if (this.current === mode) return;
    this.current = mode;
    void this.status().then((s) => this.emit('sync.status', s));
  }

  private setProgress(phase: string | null, done = 0, total: number | null = null): void {
    this.progress = phase ? { phase, done, total } : null;
    if (this.progress) this.emit('sync.progress', this.progress);
  }

  /** Push, then pull (and hydrate a device that has never been filled). One run at a time. */
  sync(): Promise<void> {
    this.running ??= this.runSync().finally(() => {
      this.running = null;
      this.setProgress(null);
      void this.status().then((s) => this.emit('sync.status', s));
    });
    return this.running;
  }

  private async runSync(): Promise<void> {
    if (!this.central && !(await this.reachable())) {
      this.setMode('offline');
      return;
    }
    const central = this.central;
    if (!central) return;
    try {
      if (await this.tooOldToPull()) {
        this.log('info', 'this device last synced before the server pruned its change log: downloading everything again');
        await this.localSql.run("DELETE FROM sync_state WHERE key IN ('hydrate.doneUtc', 'hydrate.state')");
      }
      if (!isHydrated(this.localSql.handle)) {
        await hydrate(this.link.mysql, central.docs, this.localSql, this.localDocs, this.now, (p) => this.setProgress(p.phase, p.done, p.total));
      }
      const pushed = await this.push(central);
      if (pushed.offline) {
        this.setMode('offline');
        return;
      }
      this.setProgress('Receiving changes', 0, null);
      const pulled = await pullChanges(this.link.mysql, this.localSql, this.now, (done) => this.setProgress('Receiving changes', done, null));
      this.setMode('online');
      this.notifyMoves(pulled.inventory);
    } catch (err) {
      this.log('warn', 'sync stopped; will try again', { error: String((err as Error)?.message ?? err) });
      this.setMode('offline');
    }
  }

  /** The server keeps change_log for retentionDays; a device that last pulled before that must copy again. */
  private async tooOldToPull(): Promise<boolean> {
    const last = await this.localSql.withHandle((raw) => readState<string | null>(raw, 'pull.lastUtc', null));
    return last !== null && Date.parse(last) < this.now() - this.config.retentionDays * 86_400_000;
  }

  /** Server-side housekeeping any console may run: change_log entries past the retention period go. */
  async pruneChangeLog(): Promise<number> {
    if (this.current !== 'online') return 0;
    const cutoff = new Date(this.now() - this.config.retentionDays * 86_400_000).toISOString().replace('T', ' ').replace('Z', '');
    const res = await this.link.mysql.run('DELETE FROM change_log WHERE changed_at_utc < ? LIMIT 10000', [cutoff]);
    return res.affectedRows;
  }

  /** Holds and prices are judged on the server's clock at replay, not on the device's. */
  private async serverClock(): Promise<() => number> {
    const row = await this.link.mysql.get<{ t: string }>('SELECT UTC_TIMESTAMP(3) AS t');
    const offset = row ? Date.parse(`${row.t.replace(' ', 'T')}Z`) - this.now() : 0;
    return () => this.now() + offset;
  }

  private async push(central: Engine): Promise<ReplayReport> {
    const now = await this.serverClock();
    return replayOutbox(
      { central, local: this.localSql, config: this.config, sessions: this.sessions, now, inventoryChanged: this.onInventoryPulled },
      (done, total) => this.setProgress('Sending offline changes', done, total),
    );
  }

  private pulling: Promise<void> | null = null;
  private pullAgain = false;

  /**
   * After a change made online, bring the local copy up to date in the background: one pull at a
   * time, and changes made while it runs are picked up by one more pull after it.
   */
  /** Told what pulls brought in that got cheaper or freed up, and what replayed ops changed (deal detection and watches listen). */
  onInventoryPulled: ((engine: Engine, changes: InventoryChange[]) => Promise<void>) | null = null;

  private notifyMoves(changes: InventoryChange[]): void {
    if (changes.length === 0 || !this.onInventoryPulled) return;
    void this.onInventoryPulled(this.engine(), changes);
  }

  afterOnlineChange(): void {
    if (this.current !== 'online' || this.running) return;
    if (this.pulling) {
      this.pullAgain = true;
      return;
    }
    this.pulling = (async () => {
      do {
        this.pullAgain = false;
        const pulled = await pullChanges(this.link.mysql, this.localSql, this.now).catch(() => null);
        if (pulled) this.notifyMoves(pulled.inventory);
      } while (this.pullAgain && this.current === 'online' && !this.closed);
    })().finally(() => { this.pulling = null; });
  }

  async rehydrate(): Promise<void> {
    await this.localSql.run("DELETE FROM sync_state WHERE key IN ('hydrate.doneUtc', 'hydrate.state')");
    await this.sync();
  }

  async status(): Promise<SyncStatus> {
    const counts = await outboxCounts(this.localSql);
    const last = await this.localSql.withHandle((raw) => readState<string | null>(raw, 'pull.lastUtc', null));
    return { mode: this.current, pending: counts.pending, conflicts: counts.conflicts, lastSyncUtc: last, progress: this.progress };
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
    await this.pulling;
  }

  /** Last: audit entries still queued for MongoDB are written before the client closes. */
  async closeAudit(): Promise<void> {
    await this.centralDocs?.closeAudit();
  }
}
