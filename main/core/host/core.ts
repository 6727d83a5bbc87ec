import { EventEmitter } from 'node:events';
import path from 'node:path';
import type { MongoClient } from 'mongodb';
import { uuidv7 } from '../../../shared/uuidv7';
import { channels, isChannel, type ChannelSpec, type Envelope, type Mode, type PushEventName, type SyncStatus, type Watch } from '../../../shared/contract';
import type { CoreConfig } from '../config';
import { idleJobs, startBackgroundJobs, type BackgroundJobs, type JobRun, type JobTimings } from './backgroundJobs';
import { DEFAULT_LEASE_TIMINGS, JobLeases, leaseHolderId } from './jobLeases';
import { createTestGateway } from '../integrations/payments/testGateway';
import { createSmtpSender } from '../integrations/mail/smtpSender';
import { Postman } from '../ops/messages/postman';
import { recordWatchMessage } from '../ops/messages/recordWatchMessage';
import { runOperation, type DispatchEnv } from './dispatch';
import { SessionBook } from '../ops/auth/sessions';
import type { Engine, SyncControl } from '../ops/context';
import { AppLog } from './appLog';
import { reactToInventory } from '../ops/watches/reactToInventory';
import { MysqlDb } from '../engine/mysql/mysqlDb';
import { openMongoClient } from '../engine/mongo/mongoClient';
import { migrateSqlite } from '../engine/sqlite/migrate';
import { SqliteDb } from '../engine/sqlite/sqliteDb';
import { DEVICE_DB_FILE, deviceKey, openDeviceDatabase, type DeviceKey } from '../engine/sqlite/deviceDatabase';
import { deviceSecretBox } from '../engine/secretBox';
import { sqliteEngine } from '../engine/sqlite/sqliteEngine';
import { SqliteDocuments } from '../engine/sqlite/sqliteDocuments';
import { resolveInboxItem, listInbox } from '../device/inbox';
import { SyncCoordinator } from '../device/syncCoordinator';
import type { PullTiming } from '../device/syncRunner';
import { loadDemoData, type DemoSeeder } from './demoData';

export type LogFn = DispatchEnv['log'];

export interface CoreOptions {
  log?: LogFn;
  now?: () => number;
  /**
   * The device database's key: the desktop app passes the one its keychain keeps; headless, it is
   * TRIPDESK_DB_KEY or the data folder's key file. `null` (benchmarks only) leaves the file plain.
   */
  dbKey?: DeviceKey;
  /** Fills a brand-new standalone database with demo data (the seed module). */
  seedDemo?: DemoSeeder;
  /**
   * Standalone first start: return while the demo data is still loading, so the window can open
   * and show its progress; calls wait until it is loaded.
   */
  demoInBackground?: boolean;
  /** Background jobs (hold sweeper, log sweeper, connectivity watch); tests turn them off to drive them by hand. */
  jobs?: boolean;
  /** Central mode: return before the first download finishes (the UI shows its progress). */
  syncInBackground?: boolean;
  /** Job lease timings and intervals (tests shorten them). */
  jobTimings?: Partial<JobTimings>;
  /** Told of every background job run as it starts (tests count them). */
  onJobRun?: (run: JobRun) => void;
  /** Central mode: told of every background pull as it ends (the multi-console bench times them). */
  onPull?: (pull: PullTiming) => void;
}

export interface Core {
  readonly config: CoreConfig;
  readonly dataFile: string;
  mode(): Mode;
  /** One operation from the window (ipc) or the web bridge (the default). */
  call(channel: string, input: unknown, sessionToken: string | null, origin?: 'ipc' | 'bridge'): Promise<Envelope<unknown>>;
  subscribe(listener: (event: PushEventName, payload: unknown) => void): () => void;
  /** For tests and tools: the engines behind the contract. */
  readonly local: Engine;
  readonly central: Engine | null;
  /** Central mode's sync coordinator (null in standalone). */
  readonly sync: SyncCoordinator | null;
  close(): Promise<void>;
}

const consoleLog: LogFn = (level, msg, extra) => {
  const line = `[tripdesk] ${level}: ${msg}${extra ? ` ${JSON.stringify(extra)}` : ''}`;
  if (level === 'error') console.error(line);
  else console.log(line);
};

/** Offline, some operations cannot be served from the device's copy: their contract row says so. */
function needsServer(spec: ChannelSpec): boolean {
  return spec.policy?.offline === 'online-only' || spec.needsServer === true;
}

export async function startCore(config: CoreConfig, opts: CoreOptions = {}): Promise<Core> {
  const now = opts.now ?? Date.now;
  // Log lines also go to the logs collection of whichever engine is current, for the log viewer.
  const appLog = new AppLog(() => (coordinator?.engine() ?? local).docs.logs, now, opts.log ?? consoleLog);
  const log = appLog.log;
  const events = new EventEmitter();
  // A watch is announced once per console, however it fired: by a use case, a pull, or offline
  // on the cache and again when its ops replayed on the server.
  const announcedWatches = new Set<string>();
  let postman: Postman | null = null;
  const emit = (event: PushEventName, payload: unknown) => {
    // Back online after a sync: messages sent offline have replayed and committed; send them.
    if (event === 'sync.status' && (payload as SyncStatus).mode === 'online') postman?.kick();
    if (event === 'watches.triggered') {
      const id = (payload as { watch?: { id?: string } }).watch?.id ?? '';
      if (announcedWatches.has(id)) return;
      announcedWatches.add(id);
      // Only recent ones matter (a replay follows its offline firing within a sync): stay bounded.
      if (announcedWatches.size > 10_000) announcedWatches.delete(announcedWatches.values().next().value ?? '');
    }
    events.emit('push', event, payload);
  };

  const dataFile = path.join(config.dataDir, DEVICE_DB_FILE);
  const givenKey = opts.dbKey !== undefined ? opts.dbKey : (config.dbKey ?? undefined);
  const raw = openDeviceDatabase(config.dataDir, givenKey);
  const migration = migrateSqlite(raw);
  if (migration.applied.length > 0) log('info', `local database ${dataFile} migrated to version ${migration.to}`);
  // The key the file was just opened with (the key file exists by now): it seals two-factor secrets too.
  const localSql = new SqliteDb(raw, deviceSecretBox(deviceKey(config.dataDir, givenKey)));
  const localDocs = new SqliteDocuments(localSql);
  // Entries a crash left queued are filed before anyone reads the trail.
  await localDocs.audit.file();
  const local: Engine = sqliteEngine(localSql, localDocs, { provisional: false });
  const sessions = new SessionBook(config.sessionHours * 3_600_000, now);

  let coordinator: SyncCoordinator | null = null;
  /** Set while the first start's demo data loads in the background. */
  let demoLoading: Promise<void> | null = null;
  const demoAbort = new AbortController();
  let mongoClient: MongoClient | null = null;
  let mysql: MysqlDb | null = null;
  let leases: JobLeases | null = null;
  if (config.mysqlUrl && config.mongoUrl) {
    mysql = MysqlDb.fromUrl(config.mysqlUrl, config.mysqlPoolSize, config.mysqlQueryTimeoutMs);
    leases = new JobLeases(mysql, leaseHolderId(config.consoleName), { ...DEFAULT_LEASE_TIMINGS, ...opts.jobTimings });
    mongoClient = openMongoClient(config.mongoUrl);
    coordinator = new SyncCoordinator({ mysql, mongoClient, mongoDb: mongoClient.db() }, localSql, localDocs, config, now, emit, log, opts.onPull);
  } else {
    const hasOperators = await localSql.get<{ n: number }>('SELECT COUNT(*) AS n FROM admins');
    if ((hasOperators?.n ?? 0) === 0 && config.demoData && opts.seedDemo) {
      log('info', 'first standalone start: loading demo data');
      const loading = loadDemoData({ sql: localSql, seed: opts.seedDemo, config, emit, log, signal: demoAbort.signal });
      if (!opts.demoInBackground) await loading;
      else {
        demoLoading = loading
          .catch((err: unknown) => {
            if (!demoAbort.signal.aborted) log('error', `the demo data could not be loaded: ${(err as Error)?.message ?? String(err)}`);
          })
          .finally(() => { demoLoading = null; });
      }
    }
  }

  const sync: SyncControl | null = coordinator && {
    status: () => coordinator.status(),
    syncNow: async () => { await coordinator.sync(); return coordinator.status(); },
    rehydrate: async () => { await coordinator.rehydrate(); return coordinator.status(); },
    inbox: () => listInbox(localSql),
    copyLacks: (tables) => coordinator.copyLacks(tables),
    serverIdOf: async (entity, localId) =>
      (await localSql.get<{ server_id: number | null }>('SELECT server_id FROM id_map WHERE entity = ? AND local_id = ?', [entity, localId]))?.server_id ?? null,
    resolve: async (r) => {
      const item = await resolveInboxItem(localSql, r, now());
      // A discarded change or a dismissed notice leaves nothing new to send.
      if (r.action !== 'discard' && r.action !== 'dismiss') void coordinator.sync();
      return item;
    },
  };
  postman = new Postman({
    config, now, log, sender: createSmtpSender(config.smtp),
    storeOfRecord: () => (coordinator ? (coordinator.mode() === 'online' ? coordinator.centralEngine() : null) : local),
  });
  const mailFiredWatch = async (engine: Engine, watch: Watch) => {
    const id = await recordWatchMessage(engine, watch, config.agency.name, now());
    if (id !== null) await postman?.deliver(engine, id);
  };
  const inventoryChanged = reactToInventory({ dealDropPct: config.dealDropPct, now, emit, log, mailFiredWatch });
  let jobs: BackgroundJobs | null = null;
  const notRunning = idleJobs(leases, () => coordinator?.mode() ?? 'standalone');
  const env: DispatchEnv = {
    config, sessions, now, emit, log, inventoryChanged,
    engine: () => coordinator?.engine() ?? local,
    mode: () => coordinator?.mode() ?? 'standalone',
    sync: () => sync,
    jobs: { status: () => (jobs ?? notRunning).status() },
    payments: createTestGateway(config.gatewayKey),
    postman,
  };

  if (coordinator) {
    coordinator.onInventoryPulled = inventoryChanged;
    coordinator.runReplayed = (channel, input, replay) => runOperation(env, channel, input, { kind: 'replay', ...replay });
  }

  /**
   * A call from the window or the web bridge. A mutation's opId is minted here when the caller
   * sent none (the one place it is minted; a replayed change carries the opId of its first call).
   * Offline, a queued mutation lands in SQLite and the outbox in one transaction (the engine's
   * afterMutation); a call that finds the servers gone is re-run offline with the same opId, so if
   * it did reach the server the replay is a no-op.
   */
  async function call(channel: string, input: unknown, token: string | null, origin: 'ipc' | 'bridge' = 'bridge'): Promise<Envelope<unknown>> {
    // A sign-in before the demo operators exist would be refused for no reason the agent can see.
    if (demoLoading) await demoLoading;
    const spec: ChannelSpec | null = isChannel(channel) ? channels[channel] : null;
    let args = input;
    // New keys before the spread, never after it: docs/SCALING.md, "One console".
    if (spec?.mutation && typeof input === 'object' && input !== null && !('opId' in input)) args = { opId: uuidv7(), ...input };
    const offlineRefused = spec !== null && needsServer(spec);
    if (coordinator?.mode() === 'offline' && offlineRefused) {
      return { ok: false, error: { code: 'OFFLINE', message: 'This needs the central servers, which cannot be reached right now.' } };
    }
    const from = { kind: origin, sessionToken: token } as const;
    const sentOnline = coordinator?.mode() === 'online';
    let res = await runOperation(env, channel, args, from);
    // The servers went away during the call. The watcher (or another call) may have noticed
    // first and switched to offline meanwhile: the call is re-run offline all the same.
    if (!res.ok && res.error.code === 'OFFLINE' && sentOnline && coordinator && !offlineRefused) {
      coordinator.markOffline(res.error.message);
      if (coordinator.mode() === 'offline') res = await runOperation(env, channel, args, from);
    }
    if (res.ok && spec?.mutation && coordinator) {
      if (coordinator.mode() === 'offline') coordinator.changeQueued();
      else coordinator.afterOnlineChange();
    }
    return res;
  }

  if (coordinator) {
    const first = coordinator.start();
    if (!opts.syncInBackground) await first;
    else first.catch((err: unknown) => log('warn', 'first sync failed', { error: String(err) }));
  }

  const startJobs = () => opts.jobs === false ? null : startBackgroundJobs({
    config, now, log, emit, inventoryChanged,
    mode: env.mode,
    engine: env.engine,
    localLogs: localDocs.logs,
    // Pipeline deals go where deals live: MongoDB centrally (a record waits, uncommitted, while
    // the server is away), the local database standalone.
    dealStore: () => (coordinator ? coordinator.centralEngine()?.docs.deals ?? unreachable() : localDocs.deals),
    central: coordinator && mongoClient && leases ? { mongoDb: mongoClient.db(), pruneChangeLog: () => coordinator.pruneChangeLog(), leases } : null,
    timings: opts.jobTimings,
    onJobRun: opts.onJobRun,
  });
  // Jobs that read the demo data (the deal scan) start once it is in, not on an empty database.
  jobs = demoLoading ? null : startJobs();
  if (demoLoading) void demoLoading.then(() => { if (!demoAbort.signal.aborted) jobs = startJobs(); });
  // Tests drive the sync by hand; a first download started in the background goes on.
  if (opts.jobs === false) coordinator?.stopWatching();
  // What a crash left queued (sent, perhaps, but not marked) goes again, with its Message-ID.
  postman.kick();

  return {
    config,
    dataFile,
    local,
    get central() { return coordinator?.centralEngine() ?? null; },
    sync: coordinator,
    mode: env.mode,
    call,
    subscribe(listener) {
      const handler = (event: PushEventName, payload: unknown) => listener(event, payload);
      events.on('push', handler);
      return () => events.off('push', handler);
    },
    async close() {
      // Stopped half-way, the demo load rolls back whole; the next start loads it again.
      demoAbort.abort();
      await demoLoading;
      await jobs?.stop();
      await postman?.close();
      await appLog.flush();
      await coordinator?.close();
      await coordinator?.closeAudit();
      await mysql?.close();
      await mongoClient?.close().catch(() => undefined);
      await localDocs.close();
      await localSql.close();
    },
  };
}

function unreachable(): never {
  throw new Error('the central servers cannot be reached; the deal will be read again later');
}
