/**
 * What every benchmark section shares: the run's options, temp dirs that are always removed,
 * cores started the way the app starts them, sign-in, and the throwaway MariaDB + FerretDB.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../main/core/config';
import { startCore, type Core, type CoreOptions } from '../../main/core/host/core';
import { hashPassword } from '../../main/core/ops/auth/passwords';
import { openDeviceDatabase } from '../../main/core/engine/sqlite/deviceDatabase';
import type { RawSqlite } from '../../main/core/engine/sqlite/sqliteDb';
import type { Engine } from '../../main/core/ops/context';
import { toDbInstant } from '../../shared/time';
import { createMysqlDatabase, freshMongoUrl, startFerretDb, startMariaDb, uniqueDbName, type TestServer } from '../../test/support/servers';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BENCH_DIR = path.join(ROOT, 'bench');
export const CACHE_DIR = path.join(os.homedir(), '.cache', 'tripdesk', 'bench');

export interface RunOptions {
  quick: boolean;
}

export type Say = (msg: string) => void;

export interface SectionCtx {
  opts: RunOptions;
  say: Say;
  /** A fresh temp dir, removed when the section ends (or when the run ends, at the latest). */
  tmpDir(prefix: string): string;
  /** Registers cleanup to run when the section ends (last registered runs first). */
  defer(fn: () => Promise<unknown> | unknown): void;
  /** MariaDB + FerretDB for the run (started once, on first use). */
  servers(): Promise<Servers>;
  params: Record<string, unknown>;
  notes: string[];
}

export interface Servers {
  mysql: TestServer;
  mongo: TestServer;
}

const quietLog: NonNullable<CoreOptions['log']> = (level, msg, extra) => {
  if (level === 'error' || process.env.BENCH_DEBUG) console.error(`    [core ${level}] ${msg}${extra ? ` ${JSON.stringify(extra)}` : ''}`);
};

export interface BenchCore {
  core: Core;
  dir: string;
}

/** Every bench core's device database is encrypted, as the app's is, with this key (unless `dbKey: null`). */
export const BENCH_DB_KEY = 'bench-device-key-0123456789abcdef0123456789abcdef';

/** A core as the app starts one (loadConfig from env-style values), background jobs off. */
export async function benchCore(
  ctx: SectionCtx, env: Record<string, string>, dir = ctx.tmpDir('td-bench-core-'), opts: { dbKey?: string | null; syncInBackground?: boolean } = {},
): Promise<BenchCore> {
  const config = loadConfig({ TRIPDESK_DATA_DIR: dir, TRIPDESK_DEMO_DATA: '0', TRIPDESK_SESSION_HOURS: '1000', ...env });
  const core = await startCore(config, {
    jobs: false, log: quietLog, dbKey: opts.dbKey === undefined ? BENCH_DB_KEY : opts.dbKey, syncInBackground: opts.syncInBackground,
  });
  ctx.defer(() => core.close());
  return { core, dir };
}

/** The bench core's own database file, opened beside it with its key (for raw comparisons on the same file). */
export function openBenchCoreFile(core: Core, opts: { readonly?: boolean } = {}): RawSqlite {
  return openDeviceDatabase(path.dirname(core.dataFile), BENCH_DB_KEY, opts);
}

export const BENCH_PASSWORD = 'bench password 1234';
let benchHash: Promise<string> | null = null;
export function benchPasswordHash(): Promise<string> {
  benchHash ??= hashPassword(BENCH_PASSWORD);
  return benchHash;
}

/** Adds an operator (if missing) straight to the engine's store of record. */
export async function ensureOperator(engine: Engine, email: string, role: 'agent' | 'supervisor' | 'admin' = 'agent'): Promise<void> {
  const at = toDbInstant(Date.now());
  if (await engine.sql.get('SELECT id FROM admins WHERE email = ?', [email])) return;
  await engine.sql.run(
    'INSERT INTO admins (email, name, role, password_hash, active, created_at_utc, updated_at_utc) VALUES (?, ?, ?, ?, 1, ?, ?)',
    [email, `Bench ${role}`, role, await benchPasswordHash(), at, at]);
}

export async function signIn(core: Core, email: string, password = BENCH_PASSWORD): Promise<string> {
  const res = await core.call('auth.login', { email, password }, null);
  if (!res.ok) throw new Error(`sign-in as ${email} failed: ${res.error.code} ${res.error.message}`);
  return (res.value as { sessionToken: string }).sessionToken;
}

export async function callOk<T = unknown>(core: Core, token: string | null, channel: string, input: unknown): Promise<T> {
  const res = await core.call(channel, input, token);
  if (!res.ok) throw new Error(`${channel}: ${res.error.code} ${res.error.message}`);
  return res.value as T;
}

// ---- servers ------------------------------------------------------------------------------------

let serversPromise: Promise<Servers> | null = null;
let started: TestServer[] = [];

/**
 * Private throwaway servers on 127.0.0.1 (never the TRIPDESK_TEST_* URLs: the bench must not
 * write into someone's test server). Started together on first use, stopped by stopServers().
 */
export function getServers(say: Say): Promise<Servers> {
  serversPromise ??= (async () => {
    const t = performance.now();
    say('starting MariaDB and FerretDB (throwaway, 127.0.0.1)…');
    const [mysql, mongo] = await Promise.allSettled([
      startMariaDb({ useEnv: false, startTimeoutMs: 60_000 }),
      startFerretDb({ useEnv: false, startTimeoutMs: 60_000 }),
    ]);
    if (mysql.status === 'fulfilled') started.push(mysql.value);
    if (mongo.status === 'fulfilled') started.push(mongo.value);
    if (mysql.status === 'rejected' || mongo.status === 'rejected') {
      const why = [mysql, mongo].filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason?.message ?? r)).join('\n');
      throw new Error(`test servers could not start: ${why.split('\n').slice(0, 6).join(' | ')}`);
    }
    say(`servers up in ${((performance.now() - t) / 1000).toFixed(1)} s (MariaDB ${mysql.value.url}, FerretDB ${mongo.value.url})`);
    return { mysql: mysql.value, mongo: mongo.value };
  })();
  return serversPromise;
}

export async function stopServers(): Promise<void> {
  const list = started;
  started = [];
  await Promise.allSettled(list.map((s) => s.stop()));
}

export function removeDir(dir: string): void {
  try {
    fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  } catch {
    /* best effort */
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} did not finish within ${Math.round(ms / 1000)} s`)), ms);
    }),
  ]);
}

/** A fresh MySQL database and MongoDB database name on the run's servers. */
export async function centralDatabases(ctx: SectionCtx, prefix: string): Promise<{ mysqlUrl: string; mongoUrl: string; name: string }> {
  const servers = await ctx.servers();
  const name = uniqueDbName(prefix);
  const mysqlUrl = await createMysqlDatabase(servers.mysql.url, name);
  const mongoUrl = freshMongoUrl(servers.mongo.url, name);
  return { mysqlUrl, mongoUrl, name };
}
