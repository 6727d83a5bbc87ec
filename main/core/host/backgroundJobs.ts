import { performance } from 'node:perf_hooks';
import type { Db } from 'mongodb';
import type { JobName, JobStatus, Mode, PushEventName } from '../../../shared/contract';
import type { CoreConfig } from '../config';
import { rollUpBookings } from '../ops/analytics/rollUpBookings';
import type { Engine } from '../ops/context';
import { scanForDeals } from '../ops/deals/scanForDeals';
import { sweepExpiredHolds } from '../ops/holds/sweepExpiredHolds';
import type { InventoryChange } from '../ops/inventory/inventoryChange';
import type { LogFn } from './appLog';
import { DEFAULT_LEASE_TIMINGS, type JobLeases, type LeaseTimings, type LeaseView } from './jobLeases';
import type { DealStore } from '../engine/deals';
import { sweepOldLogs } from '../engine/mongo/migrate';
import type { SqliteLogs } from '../engine/sqlite/sqliteLogs';
import { startDealsConsumer, type DealsConsumer } from '../integrations/kafka/kafkaDeals';

const HOUR = 3_600_000;

/** How often each shared job runs. */
export const DEFAULT_JOB_EVERY_MS: Readonly<Record<JobName, number>> = {
  'holds.sweep': 15_000,
  'analytics.rollup': 5 * 60_000,
  'deals.scan': 6 * HOUR,
  'changeLog.prune': HOUR,
  'logs.retention': HOUR,
};

/** Lease timings and job intervals; tests shorten them all (real timers, no fake clock). */
export interface JobTimings extends LeaseTimings {
  everyMs: Partial<Record<JobName, number>>;
}

/** One run starting: on the central servers (under a lease), or on this console's own database. */
export interface JobRun {
  job: JobName;
  on: 'central' | 'local';
}

export interface JobDeps {
  config: CoreConfig;
  now: () => number;
  log: LogFn;
  emit: (event: PushEventName, payload: unknown) => void;
  mode: () => Mode;
  /** The engine serving calls right now (it changes with connectivity). */
  engine: () => Engine;
  inventoryChanged: (engine: Engine, changes: InventoryChange[]) => Promise<void>;
  localLogs: SqliteLogs;
  /** Where pipeline deals are stored: MongoDB centrally (throws while it is away), SQLite standalone. */
  dealStore: () => DealStore;
  /** Central mode only: the document database, the change-log pruner and the job leases. */
  central: { mongoDb: Db; pruneChangeLog: () => Promise<unknown>; leases: JobLeases } | null;
  timings?: Partial<JobTimings>;
  /** Told of every run as it starts (tests count them). */
  onJobRun?: (run: JobRun) => void;
}

export interface BackgroundJobs {
  status(): Promise<JobStatus[]>;
  stop(): Promise<void>;
}

interface Job {
  name: JobName;
  everyMs: number;
  firstAfterMs: number;
  /** Offline, it runs on the device's own copy (it needs nothing of the server). */
  onCopyOffline: boolean;
  /** One run on `engine`; it logs its own failure and never rejects. */
  run(engine: Engine): Promise<void>;
}

/** The shared jobs of a mode: a standalone database has no change log to prune. */
export const jobNamesFor = (central: boolean): JobName[] =>
  (Object.keys(DEFAULT_JOB_EVERY_MS) as JobName[]).filter((j) => central || j !== 'changeLog.prune');

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Whether two consoles may run one of these at once, harmlessly (a leader that loses its lease
 * mid-run finishes that run while the next leader starts its own):
 * - holds.sweep: each hold's status change is conditional (status = 'active'), so its seats return
 *   once whoever sweeps it;
 * - analytics.rollup: it recomputes whole days from the bookings and replaces them, so two runs
 *   write the same documents; a watermark written out of order only makes the next run redo days;
 * - deals.scan: deal ids are stable per listing and price, so a second insert of one is a duplicate;
 * - changeLog.prune and logs.retention: deletes of what is older than the retention period.
 * On one console a job never overlaps itself (a run still going when the next is due is skipped).
 */
function defineJobs(d: JobDeps, everyMs: Record<JobName, number>): Job[] {
  const central = d.central;
  const jobs: Job[] = [
    {
      name: 'holds.sweep', everyMs: everyMs['holds.sweep'], firstAfterMs: 0, onCopyOffline: true,
      async run(engine) {
        const returned = new Set<number>();
        try {
          const ids = await sweepExpiredHolds(engine, d.now(), 200, returned);
          if (ids.length === 0) return;
          d.emit('holds.expired', { holdIds: ids });
          // Seats that came back may be what a watch is waiting for.
          void d.inventoryChanged(engine, [...returned].map((flightId) => ({ kind: 'flight' as const, flightId })));
        } catch (err) {
          d.log('warn', 'hold sweeper failed; will try again', { source: 'jobs', error: String(err) });
        }
      },
    },
    {
      // Centrally MySQL into MongoDB; offline, the device's own copy of the bookings into its SQLite.
      name: 'analytics.rollup', everyMs: everyMs['analytics.rollup'], firstAfterMs: everyMs['analytics.rollup'], onCopyOffline: true,
      async run(engine) {
        await rollUpBookings(engine, d.now()).catch((err: unknown) => d.log('warn', 'analytics rollup failed; will try again', { source: 'jobs', error: String(err) }));
      },
    },
    {
      // The detector's sweep over what is on sale soon (changes are judged as they happen).
      name: 'deals.scan', everyMs: everyMs['deals.scan'], firstAfterMs: Math.min(2_000, everyMs['deals.scan']), onCopyOffline: false,
      async run(engine) {
        const started = Date.now();
        try {
          const r = await scanForDeals(engine, { dropPct: d.config.dealDropPct, now: d.now() });
          d.log('info', `deal scan: ${r.added} new deal(s) in ${Date.now() - started} ms`, { source: 'deals', flightsUnderMedian: r.flights });
          if (r.added > 0) d.emit('deals.new', { count: r.added });
        } catch (err) {
          d.log('warn', 'deal scan failed; will try again', { source: 'deals', error: String(err) });
        }
      },
    },
    {
      name: 'logs.retention', everyMs: everyMs['logs.retention'], firstAfterMs: central ? everyMs['logs.retention'] : 0, onCopyOffline: false,
      async run() {
        if (central) await sweepOldLogs(central.mongoDb, d.config.retentionDays, d.now()).catch((err: unknown) => d.log('warn', 'log retention sweep failed; will try again', { source: 'jobs', error: String(err) }));
        else await d.localLogs.sweepOlderThan(new Date(d.now() - d.config.retentionDays * 86_400_000)).catch(() => undefined);
      },
    },
  ];
  if (central) {
    jobs.push({
      name: 'changeLog.prune', everyMs: everyMs['changeLog.prune'], firstAfterMs: everyMs['changeLog.prune'], onCopyOffline: false,
      async run() {
        // A refusal for want of the right is logged by the pruner itself (once); anything else here.
        await central.pruneChangeLog().catch((err: unknown) => d.log('warn', 'change log pruning failed; will try again', { source: 'sync', error: String(err) }));
      },
    });
  }
  const order = jobNamesFor(central !== null);
  return jobs.sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name));
}

/** Centrally, what the leases say; a console that runs nothing itself answers for every job with runsHere false. */
function describe(names: JobName[], leases: LeaseView[], runsHere: (job: JobName, lease: LeaseView | undefined) => boolean): JobStatus[] {
  return names.map((job) => {
    const lease = leases.find((l) => l.job === job);
    return {
      job,
      runsHere: runsHere(job, lease),
      leader: lease?.live ? lease.holder : null,
      lastRunUtc: lease?.lastRunUtc ?? null,
      nextRunUtc: lease?.nextRunUtc ?? null,
    };
  });
}

/** jobs.status of a core whose jobs are off (tests, tools): who leads, as the server says; nothing runs here. */
export function idleJobs(leases: JobLeases | null, mode: () => Mode): Pick<BackgroundJobs, 'status'> {
  return {
    async status() {
      const view = leases && mode() === 'online' ? await leases.read().catch(() => []) : [];
      return describe(jobNamesFor(leases !== null), view, () => false);
    },
  };
}

/**
 * What a running console does in the background: expire holds, roll up analytics, look for deals,
 * prune the change log, keep logs within their retention, and consume the deals pipeline.
 *
 * Standalone, the console runs every job itself. Centrally, each shared job has one leader among
 * the consoles: the one holding its lease in MySQL (jobLeases.ts), renewed every `renewMs`, which
 * runs it when the lease row says it is due and then sets its next run there, so a new leader
 * carries on the schedule. A console runs a job only while its latest renewal is younger than the
 * lease (timed on its own monotonic clock from before the renewal was sent, so it stops believing
 * before the server lets another take over). Offline it renews nothing and runs nothing that needs
 * the server; the hold sweeper and the rollup carry on over the device's own copy, as before.
 * Each job logs its failures and tries again when next due; no timer keeps the process alive.
 */
export function startBackgroundJobs(d: JobDeps): BackgroundJobs {
  const timings: JobTimings = { ...DEFAULT_LEASE_TIMINGS, ...d.timings, everyMs: { ...d.timings?.everyMs } };
  const jobs = defineJobs(d, { ...DEFAULT_JOB_EVERY_MS, ...timings.everyMs });
  const names = jobs.map((j) => j.name);
  const leases = d.central?.leases ?? null;
  const startedAt = performance.now();

  /** Runs on this console's own database (standalone, or the device's copy offline): scheduled here. */
  const local = new Map<JobName, { dueAt: number; lastRunUtc: string | null; nextRunUtc: string }>(
    jobs.map((j) => [j.name, { dueAt: startedAt + j.firstAfterMs, lastRunUtc: null, nextRunUtc: iso(d.now() + j.firstAfterMs) }]));
  /** Centrally: until when (performance.now()) this console holds each job, and the leases as last read. */
  const heldUntil = new Map<JobName, number>();
  let view: LeaseView[] = [];
  let renewFailing = false;
  let restNext = false;

  const running = new Set<JobName>();
  const inFlight = new Set<Promise<void>>();
  let stopped = false;

  const holds = (job: JobName) => (heldUntil.get(job) ?? 0) > performance.now();

  function start(job: Job, on: JobRun['on'], engine: Engine, after: () => Promise<void>): void {
    running.add(job.name);
    d.onJobRun?.({ job: job.name, on });
    const run: Promise<void> = job.run(engine)
      .then(after)
      .catch((err: unknown) => d.log('warn', `${job.name}: could not record its run`, { source: 'jobs', error: String(err) }))
      .finally(() => { running.delete(job.name); inFlight.delete(run); });
    inFlight.add(run);
  }

  function runLocally(job: Job): void {
    const s = local.get(job.name);
    if (!s || running.has(job.name) || performance.now() < s.dueAt) return;
    start(job, 'local', d.engine(), async () => {
      s.lastRunUtc = iso(d.now());
      s.nextRunUtc = iso(d.now() + job.everyMs);
      s.dueAt = performance.now() + job.everyMs;
    });
  }

  async function renew(l: JobLeases): Promise<boolean> {
    const sentAt = performance.now();
    try {
      view = await l.renew(jobs.map((j) => ({ job: j.name, firstAfterMs: j.firstAfterMs })));
    } catch (err) {
      if (!renewFailing) d.log('warn', 'job leases could not be renewed; this console runs no shared job until they are', { source: 'jobs', error: String(err) });
      renewFailing = true;
      return false;
    }
    renewFailing = false;
    for (const job of names) {
      const lease = view.find((v) => v.job === job);
      const mine = lease?.holder === l.holder && lease.live;
      if (mine && !holds(job)) d.log('info', `this console now runs ${job} for every console`, { source: 'jobs', holder: l.holder });
      if (mine) heldUntil.set(job, sentAt + timings.ttlMs);
      else heldUntil.delete(job);
    }
    return true;
  }

  async function tick(): Promise<void> {
    if (!leases) {
      for (const job of jobs) runLocally(job);
      return;
    }
    if (d.mode() !== 'online') {
      // A lease held when the line went is not renewed: it lapses here and on the server alike.
      for (const job of jobs) if (job.onCopyOffline) runLocally(job);
      return;
    }
    // A console that leads nothing reads the leases every other round: a lapsed lease is still
    // taken within ttl + 2 rounds (25 s by default, under the 30 s allowed), and with hundreds of
    // consoles that halves what the followers' lease reads cost the server.
    if (restNext && !names.some(holds)) {
      restNext = false;
      return;
    }
    if (!(await renew(leases)) || stopped) return;
    restNext = !names.some(holds);
    const engine = d.engine();
    for (const job of jobs) {
      const lease = view.find((v) => v.job === job.name);
      if (!lease?.due || !holds(job.name) || running.has(job.name)) continue;
      start(job, 'central', engine, async () => {
        lease.due = false;
        await leases.ran(job.name, job.everyMs);
      });
    }
  }

  let timer: NodeJS.Timeout | null = null;
  let ticking: Promise<void> = Promise.resolve();
  const loop = () => {
    ticking = tick()
      .catch((err: unknown) => d.log('warn', 'background jobs: a round failed', { source: 'jobs', error: String(err) }))
      .finally(() => {
        if (stopped) return;
        timer = setTimeout(loop, timings.renewMs);
        timer.unref();
      });
  };
  loop();

  // Centrally each console's own log copy is its own to sweep (SQLite has no TTL); standalone
  // that is logs.retention itself.
  const deviceTimers: NodeJS.Timeout[] = [];
  if (d.central) {
    const sweepOwnLogs = () => { d.localLogs.sweepOlderThan(new Date(d.now() - d.config.retentionDays * 86_400_000)).catch(() => undefined); };
    deviceTimers.push(setTimeout(sweepOwnLogs, 0), setInterval(sweepOwnLogs, HOUR));
    for (const t of deviceTimers) t.unref();
  }

  let consumer: DealsConsumer | null = null;
  if (d.config.kafka) {
    const deals: DealStore = {
      insertDeal: (deal) => d.dealStore().insertDeal(deal),
      listDeals: (f) => d.dealStore().listDeals(f),
    };
    consumer = startDealsConsumer({ kafka: d.config.kafka, deals, log: d.log, onNew: (count) => d.emit('deals.new', { count }) });
  }

  return {
    async status() {
      if (!leases) {
        return names.map((job) => {
          const s = local.get(job);
          return { job, runsHere: true, leader: d.config.consoleName, lastRunUtc: s?.lastRunUtc ?? null, nextRunUtc: s?.nextRunUtc ?? null };
        });
      }
      const online = d.mode() === 'online';
      const current = online ? await leases.read().catch(() => view) : view;
      return describe(names, current, (job, lease) => online && holds(job) && lease?.holder === leases.holder);
    },

    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      for (const t of deviceTimers) clearTimeout(t);
      await ticking;
      await Promise.allSettled([...inFlight]);
      await consumer?.stop();
      // Handed over at once rather than left to expire; a console that cannot reach the server
      // leaves its leases to lapse.
      if (leases && heldUntil.size > 0 && d.mode() === 'online') {
        await leases.release().catch((err: unknown) => d.log('warn', 'job leases could not be released; they lapse on their own', { source: 'jobs', error: String(err) }));
      }
      heldUntil.clear();
    },
  };
}
