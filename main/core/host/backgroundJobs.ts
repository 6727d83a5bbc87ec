import type { Db } from 'mongodb';
import type { PushEventName } from '../../../shared/contract';
import type { CoreConfig } from '../config';
import { rollUpBookings } from '../ops/analytics/rollUpBookings';
import type { Engine } from '../ops/context';
import { scanForDeals } from '../ops/deals/scanForDeals';
import { sweepExpiredHolds } from '../ops/holds/sweepExpiredHolds';
import type { InventoryChange } from '../ops/inventory/inventoryChange';
import type { LogFn } from './appLog';
import type { DealStore } from '../engine/deals';
import { sweepOldLogs } from '../engine/mongo/migrate';
import type { SqliteLogs } from '../engine/sqlite/sqliteLogs';
import { startDealsConsumer, type DealsConsumer } from '../integrations/kafka/kafkaDeals';

export interface JobDeps {
  config: CoreConfig;
  now: () => number;
  log: LogFn;
  emit: (event: PushEventName, payload: unknown) => void;
  /** The engine serving calls right now (it changes with connectivity). */
  engine: () => Engine;
  inventoryChanged: (engine: Engine, changes: InventoryChange[]) => Promise<void>;
  localLogs: SqliteLogs;
  /** Where pipeline deals are stored: MongoDB centrally (throws while it is away), SQLite standalone. */
  dealStore: () => DealStore;
  /** Central mode only: the document database and the change-log pruner. */
  central: { mongoDb: Db; pruneChangeLog: () => Promise<unknown> } | null;
}

const HOUR = 3_600_000;

/**
 * What a running console does on its own: expire holds, roll up analytics, look for deals,
 * consume the deals pipeline, and keep logs within their retention. Each job logs its failures
 * and tries again on its next tick; none of them keeps the process alive.
 */
export function startBackgroundJobs(d: JobDeps): { stop(): Promise<void> } {
  const timers: NodeJS.Timeout[] = [];
  const every = (ms: number, job: () => void, firstAfterMs: number | null = null) => {
    timers.push(setInterval(job, ms));
    if (firstAfterMs !== null) timers.push(setTimeout(job, firstAfterMs));
  };

  every(15_000, () => {
    const engine = d.engine();
    const returned = new Set<number>();
    sweepExpiredHolds(engine, d.now(), 200, returned).then(
      (ids) => {
        if (ids.length === 0) return;
        d.emit('holds.expired', { holdIds: ids });
        // Seats that came back may be what a watch is waiting for.
        void d.inventoryChanged(engine, [...returned].map((flightId) => ({ kind: 'flight' as const, flightId })));
      },
      (err: unknown) => d.log('warn', 'hold sweeper failed; will try again', { error: String(err) }),
    );
  }, 0);

  // Rollups of whichever engine is current (offline: the device's own copy of the bookings).
  every(5 * 60_000, () => {
    rollUpBookings(d.engine(), d.now()).catch((err: unknown) => d.log('warn', 'analytics rollup failed; will try again', { error: String(err) }));
  });

  // The detector's sweep over what is on sale soon (changes are judged as they happen). Standalone
  // only: centrally every console would sweep the same server, and the pipeline feeds deals there.
  if (!d.central) every(6 * HOUR, () => {
    const started = Date.now();
    scanForDeals(d.engine(), { dropPct: d.config.dealDropPct, now: d.now() }).then(
      (r) => {
        d.log('info', `deal scan: ${r.added} new deal(s) in ${Date.now() - started} ms`, { source: 'deals', flightsUnderMedian: r.flights });
        if (r.added > 0) d.emit('deals.new', { count: r.added });
      },
      (err: unknown) => d.log('warn', 'deal scan failed; will try again', { source: 'deals', error: String(err) }),
    );
  }, 2_000);

  // SQLite has no TTL: standalone and offline logs are kept for the retention period by sweeping.
  every(HOUR, () => {
    d.localLogs.sweepOlderThan(new Date(d.now() - d.config.retentionDays * 86_400_000)).catch(() => undefined);
  }, 0);
  const central = d.central;
  if (central) {
    every(HOUR, () => {
      sweepOldLogs(central.mongoDb, d.config.retentionDays, d.now()).catch(() => undefined);
      // A refusal for want of the right is logged by the pruner itself (once); anything else here.
      central.pruneChangeLog().catch((err: unknown) => d.log('warn', 'change log pruning failed; will try again', { source: 'sync', error: String(err) }));
    });
  }
  for (const t of timers) t.unref();

  let consumer: DealsConsumer | null = null;
  if (d.config.kafka) {
    const deals: DealStore = {
      insertDeal: (deal) => d.dealStore().insertDeal(deal),
      listDeals: (f) => d.dealStore().listDeals(f),
    };
    consumer = startDealsConsumer({ kafka: d.config.kafka, deals, log: d.log, onNew: (count) => d.emit('deals.new', { count }) });
  }

  return {
    async stop() {
      for (const t of timers) clearTimeout(t);
      await consumer?.stop();
    },
  };
}
