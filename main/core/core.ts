import { EventEmitter } from 'node:events';
import path from 'node:path';
import { MongoClient, type Db } from 'mongodb';
import type { Envelope, Mode, PushEventName } from '../../shared/contract';
import type { CoreConfig } from './config';
import { dispatch, type DispatchEnv } from './dispatch';
import { SessionBook } from './services/auth/sessions';
import type { Engine } from './services/context';
import { migrateMongo, sweepOldLogs } from './stores/mongo/migrate';
import { MongoDocuments } from './stores/mongo/mongoDocuments';
import { migrateMysql } from './stores/mysql/migrate';
import { MysqlDb } from './stores/mysql/mysqlDb';
import { migrateSqlite } from './stores/sqlite/migrate';
import { openSqliteFile, SqliteDb } from './stores/sqlite/sqliteDb';
import { SqliteDocuments } from './stores/sqlite/sqliteDocuments';
import { sweepExpiredHolds } from './services/holds/sweepExpiredHolds';

export type LogFn = DispatchEnv['log'];

export interface CoreOptions {
  log?: LogFn;
  now?: () => number;
  /** Fills a brand-new standalone database with demo data (the seed module). */
  seedDemo?: (db: SqliteDb, report: (p: { phase: string; done: number; total: number }) => void) => Promise<void>;
  /** Background jobs (hold sweeper, log sweeper); tests turn them off to drive them by hand. */
  jobs?: boolean;
}

export interface Core {
  readonly config: CoreConfig;
  readonly dataFile: string;
  mode(): Mode;
  call(channel: string, input: unknown, sessionToken: string | null): Promise<Envelope<unknown>>;
  subscribe(listener: (event: PushEventName, payload: unknown) => void): () => void;
  /** For tests and tools: the engines behind the contract. */
  readonly local: Engine;
  readonly central: Engine | null;
  close(): Promise<void>;
}

const consoleLog: LogFn = (level, msg, extra) => {
  const line = `[tripdesk] ${level}: ${msg}${extra ? ` ${JSON.stringify(extra)}` : ''}`;
  if (level === 'error') console.error(line);
  else console.log(line);
};

export async function startCore(config: CoreConfig, opts: CoreOptions = {}): Promise<Core> {
  const log = opts.log ?? consoleLog;
  const now = opts.now ?? Date.now;
  const events = new EventEmitter();
  const emit = (event: PushEventName, payload: unknown) => events.emit('push', event, payload);

  const dataFile = path.join(config.dataDir, 'tripdesk.sqlite');
  const raw = openSqliteFile(dataFile);
  const migration = migrateSqlite(raw);
  if (migration.applied.length > 0) log('info', `local database ${dataFile} migrated to version ${migration.to}`);
  const localSql = new SqliteDb(raw);
  const local: Engine = { kind: 'sqlite', sql: localSql, docs: new SqliteDocuments(localSql), provisional: false };

  let central: Engine | null = null;
  let mongoDb: Db | null = null;
  if (config.mysqlUrl && config.mongoUrl) {
    const mysql = MysqlDb.fromUrl(config.mysqlUrl, config.mysqlPoolSize);
    await migrateMysql(mysql.pool);
    const client = new MongoClient(config.mongoUrl, { serverSelectionTimeoutMS: 5000 });
    await client.connect();
    mongoDb = client.db();
    await migrateMongo(mongoDb, { retentionDays: config.retentionDays, log: (m) => log('info', m) });
    central = { kind: 'central', sql: mysql, docs: new MongoDocuments(client, mongoDb), provisional: false };
  } else {
    const hasOperators = await localSql.get<{ n: number }>('SELECT COUNT(*) AS n FROM admins');
    if ((hasOperators?.n ?? 0) === 0 && config.demoData && opts.seedDemo) {
      log('info', 'first standalone start: loading demo data');
      await opts.seedDemo(localSql, (p) => emit('sync.progress', p));
    }
  }

  const mode: Mode = central ? 'online' : 'standalone';
  const sessions = new SessionBook(config.sessionHours * 3_600_000, now);
  const env: DispatchEnv = {
    config, sessions, now, emit, log,
    engine: () => central ?? local,
    mode: () => mode,
  };

  const timers: NodeJS.Timeout[] = [];
  if (opts.jobs !== false) {
    const sweep = () => {
      sweepExpiredHolds(env.engine(), now()).then(
        (ids) => { if (ids.length > 0) emit('holds.expired', { holdIds: ids }); },
        (err: unknown) => log('warn', 'hold sweeper failed; will try again', { error: String(err) }),
      );
    };
    timers.push(setInterval(sweep, 15_000));
    sweep();
    if (mongoDb) {
      const db = mongoDb;
      const sweepLogs = () => { sweepOldLogs(db, config.retentionDays, now()).catch(() => undefined); };
      timers.push(setInterval(sweepLogs, 3_600_000));
    }
    for (const t of timers) t.unref();
  }

  return {
    config,
    dataFile,
    local,
    central,
    mode: env.mode,
    call: (channel, input, token) => dispatch(env, channel, input, token),
    subscribe(listener) {
      const handler = (event: PushEventName, payload: unknown) => listener(event, payload);
      events.on('push', handler);
      return () => events.off('push', handler);
    },
    async close() {
      for (const t of timers) clearInterval(t);
      if (central) {
        await central.sql.close();
        await central.docs.close();
      }
      await localSql.close();
    },
  };
}
