/**
 * Throwaway database servers for tests.
 *
 *   startMariaDb()  -> MariaDB 10.11 (`mariadbd`) in a temp dir on a free loopback port
 *   startFerretDb() -> FerretDB 1.24 (MongoDB wire protocol, SQLite backend) likewise
 *   startFerretDb({ backend: 'postgresql' }) -> FerretDB on a fresh database of the PostgreSQL at
 *                      TRIPDESK_TEST_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/),
 *                      made with psql and dropped by stop()
 *
 * Both honour TRIPDESK_TEST_MYSQL_URL / TRIPDESK_TEST_MONGO_URL: when set (the vitest
 * globalSetup sets them for the whole run, CI may point them at real servers) that URL is
 * used and nothing is started; stop() is then a no-op. Pass `{ useEnv: false }` to force a
 * private instance (e.g. a test that wants to kill its own server).
 *
 * Missing binaries are an error, never a skip: run `npm run test-servers`.
 *
 * This module runs in the vitest main process (globalSetup) and in test workers; it
 * must not import from 'vitest'.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { accessSync, constants as fsConstants, rmSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import mysql from 'mysql2/promise';
import { getFreePort, LOOPBACK } from './ports';

export const MYSQL_URL_ENV = 'TRIPDESK_TEST_MYSQL_URL';
export const MONGO_URL_ENV = 'TRIPDESK_TEST_MONGO_URL';
/** A MongoDB-protocol server backed by PostgreSQL (FerretDB's main backend), when one is given. */
export const MONGO_PG_URL_ENV = 'TRIPDESK_TEST_MONGO_PG_URL';
/** The PostgreSQL a FerretDB on the postgresql backend is started on (no database in the URL). */
export const POSTGRES_URL_ENV = 'TRIPDESK_TEST_POSTGRES_URL';
const DEFAULT_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/';

const INSTALL_HINT = 'Run `npm run test-servers` (scripts/install-test-servers.sh) to install/build the test servers.';

export interface TestServer {
  /** Server URL without a database, e.g. `mysql://root@127.0.0.1:41234/` or `mongodb://127.0.0.1:41235/`. */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  /** true when the URL came from the environment and nothing was started. */
  readonly external: boolean;
  /** Temp dir holding the server's data (undefined for external servers); removed by stop(). */
  readonly dir: string | undefined;
  /** Last lines of the server's stdout/stderr ('' for external servers). */
  logTail(): string;
  /** Kill the server and delete its temp dir. Idempotent. No-op for external servers. */
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Use TRIPDESK_TEST_*_URL when set (default true). */
  useEnv?: boolean;
  /** How long to wait for the server to accept connections (default 30 s, env TRIPDESK_TEST_SERVER_START_TIMEOUT_MS). */
  startTimeoutMs?: number;
}

// ---------------------------------------------------------------------------
// URL / naming helpers
// ---------------------------------------------------------------------------

const URL_RE = /^([a-z][a-z0-9+.-]*:\/\/[^/?#]*)(\/[^?#]*)?(\?[^#]*)?(#.*)?$/i;

/** Replace the database (path) part of a mysql:// or mongodb:// URL, keeping credentials, hosts and query. */
export function withDatabase(url: string, dbName: string): string {
  const m = URL_RE.exec(url);
  if (!m) throw new Error(`not a URL with an authority: ${url}`);
  const [, authority = '', , query = ''] = m;
  return `${authority}/${encodeURIComponent(dbName)}${query}`;
}

/** A unique, valid MariaDB/MongoDB database name, e.g. `td_m3k9x2_a1b2c3`. */
export function uniqueDbName(prefix = 'td'): string {
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  if (!/^[A-Za-z0-9_]{1,64}$/.test(name)) throw new Error(`invalid database name prefix: ${prefix}`);
  return name;
}

function assertMysqlDbName(name: string): void {
  if (!/^[A-Za-z0-9_$]{1,64}$/.test(name)) {
    throw new Error(`invalid MySQL database name ${JSON.stringify(name)} (use [A-Za-z0-9_$], max 64 chars)`);
  }
}

/**
 * (Re)create database `name` (utf8mb4 / utf8mb4_unicode_ci) on the server at `serverUrl`
 * and return a URL pointing at it. Any existing database of that name is dropped first.
 */
export async function createMysqlDatabase(serverUrl: string, name: string): Promise<string> {
  assertMysqlDbName(name);
  const conn = await mysql.createConnection({ uri: withDatabase(serverUrl, ''), connectTimeout: 10_000 });
  try {
    await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
    await conn.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await conn.end().catch(() => undefined);
  }
  return withDatabase(serverUrl, name);
}

/** Drop a database created with createMysqlDatabase (optional: servers are throwaway). */
export async function dropMysqlDatabase(serverUrl: string, name: string): Promise<void> {
  assertMysqlDbName(name);
  const conn = await mysql.createConnection({ uri: withDatabase(serverUrl, ''), connectTimeout: 10_000 });
  try {
    await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
  } finally {
    await conn.end().catch(() => undefined);
  }
}

/**
 * URL for database `dbName` on the MongoDB-protocol server at `serverUrl`. MongoDB creates
 * databases lazily, so nothing is done on the server; use a unique name (uniqueDbName()).
 */
export function freshMongoUrl(serverUrl: string, dbName: string): string {
  if (!/^[^/\\. "$*<>:|?]{1,63}$/.test(dbName)) {
    throw new Error(`invalid MongoDB database name ${JSON.stringify(dbName)}`);
  }
  return withDatabase(serverUrl, dbName);
}

// ---------------------------------------------------------------------------
// Binaries
// ---------------------------------------------------------------------------

function isExecutable(p: string): boolean {
  try {
    accessSync(p, fsConstants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function findBinary(names: string[], extraDirs: string[]): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter).filter(Boolean), ...extraDirs];
  for (const name of names) {
    for (const dir of dirs) {
      const p = path.join(dir, name);
      if (isExecutable(p)) return p;
    }
  }
  return undefined;
}

function requireBinary(what: string, names: string[], extraDirs: string[], envVar: string): string {
  const fromEnv = process.env[envVar];
  if (fromEnv) {
    if (isExecutable(fromEnv)) return fromEnv;
    throw new Error(`${what}: ${envVar}=${fromEnv} is not an executable file. ${INSTALL_HINT}`);
  }
  const found = findBinary(names, extraDirs);
  if (found) return found;
  throw new Error(
    `${what} not found: looked for ${names.map((n) => `'${n}'`).join(' / ')} in PATH and ${extraDirs.join(', ')} ` +
      `(or set ${envVar}). ${INSTALL_HINT}`,
  );
}

function ferretDbDefaultPath(): string {
  return path.join(os.homedir(), '.cache', 'tripdesk', 'bin', 'ferretdb');
}

// ---------------------------------------------------------------------------
// Process management
// ---------------------------------------------------------------------------

const live = new Set<{ child: ChildProcess; dir: string }>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // Synchronous last-chance cleanup (normal exit, process.exit()).
  process.on('exit', () => {
    for (const s of live) {
      try {
        s.child.kill('SIGKILL');
      } catch {
        /* already gone */
      }
      try {
        rmSync(s.dir, { recursive: true, force: true });
      } catch {
        /* best effort */
      }
    }
  });
}

/**
 * Detached shell that kills the server and removes its dir if this Node process dies
 * without running exit hooks (SIGKILL, crash, Ctrl-C of a worker...).
 */
function spawnWatchdog(serverPid: number, dir: string): ChildProcess | undefined {
  try {
    const wd = spawn(
      '/bin/sh',
      [
        '-c',
        'while kill -0 "$1" 2>/dev/null; do sleep 1; done; kill -9 "$2" 2>/dev/null; sleep 0.2; rm -rf "$3"',
        'tripdesk-test-server-watchdog',
        String(process.pid),
        String(serverPid),
        dir,
      ],
      { detached: true, stdio: 'ignore' },
    );
    wd.on('error', () => undefined);
    wd.unref();
    return wd;
  } catch {
    return undefined;
  }
}

class LogRing {
  private buf = '';
  constructor(private readonly max = 64 * 1024) {}
  push(chunk: Buffer | string): void {
    this.buf += chunk.toString();
    if (this.buf.length > this.max) this.buf = this.buf.slice(this.buf.length - this.max);
  }
  tail(lines = 40): string {
    return this.buf.split('\n').slice(-lines).join('\n').trimEnd();
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Resolves true if `p` settles within `ms`, false otherwise; never leaves a timer behind. */
function settlesWithin(p: Promise<unknown>, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    p.then(
      () => {
        clearTimeout(timer);
        resolve(true);
      },
      () => {
        clearTimeout(timer);
        resolve(true);
      },
    );
  });
}

function startTimeout(opts: StartOptions | undefined): number {
  if (opts?.startTimeoutMs !== undefined) return opts.startTimeoutMs;
  const env = Number(process.env.TRIPDESK_TEST_SERVER_START_TIMEOUT_MS);
  return Number.isFinite(env) && env > 0 ? env : 30_000;
}

function errMsg(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

interface SpawnSpec {
  what: string;
  bin: string;
  args: string[];
  cwd: string;
  dir: string;
  host: string;
  port: number;
  url: string;
  ping: (url: string) => Promise<void>;
  timeoutMs: number;
  /** Extra hint appended when the process exits early and its log matches. */
  diagnose?: (log: string) => string | undefined;
}

class PortInUseError extends Error {}

const PORT_IN_USE_RE = /address already in use|bind on tcp\/ip port|can't start server: bind|do you already have another .* running/i;

async function spawnAndWait(spec: SpawnSpec): Promise<TestServer> {
  const log = new LogRing();
  const child = spawn(spec.bin, spec.args, { cwd: spec.cwd, stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
  child.stdout?.on('data', (c: Buffer) => log.push(c));
  child.stderr?.on('data', (c: Buffer) => log.push(c));
  let exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  let spawnError: Error | undefined;
  const exitPromise = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exited = { code, signal };
      resolve();
    });
    child.once('error', (e) => {
      spawnError = e;
      exited ??= { code: null, signal: null };
      resolve();
    });
  });
  // Don't let the server (or its pipes) keep the test process alive.
  child.unref();
  (child.stdout as unknown as { unref?: () => void } | null)?.unref?.();
  (child.stderr as unknown as { unref?: () => void } | null)?.unref?.();

  const entry = { child, dir: spec.dir };
  live.add(entry);
  installExitHook();
  const watchdog = child.pid !== undefined ? spawnWatchdog(child.pid, spec.dir) : undefined;

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      if (!exited) {
        child.kill('SIGTERM');
        if (!(await settlesWithin(exitPromise, 5_000))) {
          child.kill('SIGKILL');
          await settlesWithin(exitPromise, 5_000);
        }
      }
      live.delete(entry);
      try {
        watchdog?.kill('SIGKILL');
      } catch {
        /* gone */
      }
      await rm(spec.dir, { recursive: true, force: true, maxRetries: 3 });
    })();
    return stopping;
  };

  const started = Date.now();
  let lastErr = '';
  for (;;) {
    if (exited) {
      await stop();
      const tail = log.tail();
      if (PORT_IN_USE_RE.test(tail)) throw new PortInUseError(tail);
      const hint = spec.diagnose?.(tail);
      throw new Error(
        `${spec.what} exited during startup (${spawnError ? `spawn error: ${spawnError.message}` : `code ${exited.code}, signal ${exited.signal}`}).` +
          (hint ? `\n${hint}` : '') +
          `\ncommand: ${spec.bin} ${spec.args.join(' ')}\n--- output tail ---\n${tail}`,
      );
    }
    try {
      await spec.ping(spec.url);
      break;
    } catch (e) {
      lastErr = errMsg(e);
    }
    if (Date.now() - started > spec.timeoutMs) {
      await stop();
      throw new Error(
        `${spec.what} did not accept connections on ${spec.host}:${spec.port} within ${spec.timeoutMs} ms ` +
          `(last error: ${lastErr}).\ncommand: ${spec.bin} ${spec.args.join(' ')}\n--- output tail ---\n${log.tail()}`,
      );
    }
    await sleep(100);
  }

  return {
    url: spec.url,
    host: spec.host,
    port: spec.port,
    external: false,
    dir: spec.dir,
    logTail: () => log.tail(),
    stop,
  };
}

async function withPortRetries(start: (port: number) => Promise<TestServer>): Promise<TestServer> {
  for (let attempt = 1; ; attempt++) {
    const port = await getFreePort();
    try {
      return await start(port);
    } catch (e) {
      if (e instanceof PortInUseError && attempt < 4) continue;
      if (e instanceof PortInUseError) throw new Error(`port kept being taken by someone else:\n${e.message}`);
      throw e;
    }
  }
}

function hostPortOf(url: string): { host: string; port: number } {
  const m = URL_RE.exec(url);
  const authority = (m?.[1] ?? '').replace(/^[^:]+:\/\//, '').replace(/^.*@/, '');
  const first = authority.split(',')[0] ?? '';
  const hp = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(first);
  return { host: hp?.[1] ?? LOOPBACK, port: hp?.[2] ? Number(hp[2]) : 0 };
}

async function externalServer(what: string, envVar: string, url: string, ping: (u: string) => Promise<void>, timeoutMs: number): Promise<TestServer> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await ping(url);
      break;
    } catch (e) {
      if (Date.now() > deadline) throw new Error(`${what} at ${envVar}=${url} is not reachable: ${errMsg(e)}`);
      await sleep(200);
    }
  }
  const { host, port } = hostPortOf(url);
  return { url, host, port, external: true, dir: undefined, logTail: () => '', stop: () => Promise.resolve() };
}

// ---------------------------------------------------------------------------
// MariaDB
// ---------------------------------------------------------------------------

async function pingMysql(url: string): Promise<void> {
  const conn = await mysql.createConnection({ uri: url, connectTimeout: 2_000 });
  try {
    await conn.query('SELECT 1');
  } finally {
    conn.destroy();
  }
}

function execFileP(bin: string, args: string[], opts: { cwd: string; timeout: number }): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(bin, args, { ...opts, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) {
        const tail = `${stdout}\n${stderr}`.split('\n').slice(-30).join('\n').trim();
        reject(new Error(`${path.basename(bin)} failed: ${err.message}\n--- output tail ---\n${tail}`));
      } else resolve({ stdout, stderr });
    });
  });
}

/**
 * Start a throwaway MariaDB server: fresh datadir in a temp dir, root without password,
 * 127.0.0.1 only, utf8mb4, time zone UTC, binlog off, relaxed durability.
 */
export async function startMariaDb(opts?: StartOptions): Promise<TestServer> {
  const timeoutMs = startTimeout(opts);
  const fromEnv = opts?.useEnv === false ? undefined : process.env[MYSQL_URL_ENV];
  if (fromEnv) return externalServer('MariaDB/MySQL', MYSQL_URL_ENV, fromEnv, pingMysql, timeoutMs);

  const sbinDirs = ['/usr/sbin', '/usr/local/sbin', '/usr/local/mysql/bin', '/usr/bin', '/usr/local/bin'];
  const mariadbd = requireBinary('MariaDB server', ['mariadbd', 'mysqld'], sbinDirs, 'TRIPDESK_MARIADBD');
  const installDb = requireBinary(
    'MariaDB datadir initialiser',
    ['mariadb-install-db', 'mysql_install_db'],
    ['/usr/bin', '/usr/local/bin', '/usr/local/mysql/scripts', '/usr/local/mysql/bin'],
    'TRIPDESK_MARIADB_INSTALL_DB',
  );
  const user = os.userInfo().username;
  const common = ['--skip-log-bin', '--innodb-log-file-size=16M'];

  return withPortRetries(async (port) => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'tripdesk-mariadb-'));
    try {
      const datadir = path.join(dir, 'data');
      await mkdir(path.join(dir, 'tmp'));
      await execFileP(
        installDb,
        [
          '--no-defaults',
          `--datadir=${datadir}`,
          `--user=${user}`,
          '--auth-root-authentication-method=normal',
          '--skip-test-db',
          ...common,
        ],
        { cwd: dir, timeout: 120_000 },
      );
      const url = `mysql://root@${LOOPBACK}:${port}/`;
      return await spawnAndWait({
        what: 'MariaDB (mariadbd)',
        bin: mariadbd,
        args: [
          '--no-defaults',
          `--datadir=${datadir}`,
          `--user=${user}`,
          `--port=${port}`,
          `--bind-address=${LOOPBACK}`,
          `--socket=${path.join(dir, 'mariadbd.sock')}`,
          `--pid-file=${path.join(dir, 'mariadbd.pid')}`,
          `--tmpdir=${path.join(dir, 'tmp')}`,
          ...common,
          '--skip-name-resolve',
          '--innodb-buffer-pool-size=256M',
          '--innodb-flush-log-at-trx-commit=2',
          '--innodb-doublewrite=0',
          '--innodb-use-native-aio=0',
          '--performance-schema=OFF',
          '--max-connections=500',
          '--character-set-server=utf8mb4',
          '--collation-server=utf8mb4_unicode_ci',
          '--default-time-zone=+00:00',
        ],
        cwd: dir,
        dir,
        host: LOOPBACK,
        port,
        url,
        ping: pingMysql,
        timeoutMs,
      });
    } catch (e) {
      await rm(dir, { recursive: true, force: true }).catch(() => undefined);
      throw e;
    }
  });
}

// ---------------------------------------------------------------------------
// FerretDB
// ---------------------------------------------------------------------------

async function pingMongo(url: string): Promise<void> {
  const client = new MongoClient(url, { serverSelectionTimeoutMS: 1_000, connectTimeoutMS: 1_000, monitorCommands: false });
  try {
    await client.connect();
    await client.db('admin').command({ ping: 1 });
  } finally {
    await client.close(true).catch(() => undefined);
  }
}

/** Runs one statement with psql against the server's maintenance database. */
async function psql(serverUrl: string, statement: string): Promise<void> {
  const bin = requireBinary('PostgreSQL client', ['psql'], ['/usr/bin', '/usr/local/bin', '/usr/lib/postgresql/15/bin'], 'TRIPDESK_PSQL');
  await execFileP(bin, ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', withDatabase(serverUrl, 'postgres'), '-c', statement], { cwd: os.tmpdir(), timeout: 30_000 });
}

function assertPgDbName(name: string): void {
  if (!/^[a-z0-9_]{1,63}$/.test(name)) throw new Error(`invalid PostgreSQL database name ${JSON.stringify(name)} (use [a-z0-9_], max 63 chars)`);
}

/**
 * Start a throwaway FerretDB. On the SQLite backend (the default) its data are SQLite files in a
 * temp dir; on `backend: 'postgresql'` a fresh database on the PostgreSQL at
 * TRIPDESK_TEST_POSTGRES_URL (or postgres://postgres@127.0.0.1:5432/), created with psql and
 * dropped by stop(). No auth, 127.0.0.1 only, telemetry off, no debug HTTP listener, nothing
 * written to cwd. A PostgreSQL that is not there is an error, as a missing binary is.
 *
 * FerretDB 1.24 does NOT support: TTL indexes (expireAfterSeconds -> error 238),
 * transactions, change streams, $lookup and several other aggregation stages.
 */
export async function startFerretDb(opts?: StartOptions & { backend?: 'sqlite' | 'postgresql' }): Promise<TestServer> {
  const timeoutMs = startTimeout(opts);
  const backend = opts?.backend ?? 'sqlite';
  const envVar = backend === 'postgresql' ? MONGO_PG_URL_ENV : MONGO_URL_ENV;
  const fromEnv = opts?.useEnv === false ? undefined : process.env[envVar];
  if (fromEnv) return externalServer(`MongoDB/FerretDB (${backend})`, envVar, fromEnv, pingMongo, timeoutMs);

  const defaultBin = ferretDbDefaultPath();
  const ferretdb = requireBinary('FerretDB', ['ferretdb'], [path.dirname(defaultBin)], 'TRIPDESK_FERRETDB_BIN');
  if (backend === 'sqlite') return spawnFerretDb(ferretdb, timeoutMs, (dir) => ['--handler=sqlite', `--sqlite-url=file:${path.join(dir, 'data')}/`]);

  const pgServer = process.env[POSTGRES_URL_ENV] || DEFAULT_POSTGRES_URL;
  const pgDb = uniqueDbName('td_ferret').toLowerCase();
  assertPgDbName(pgDb);
  try {
    // FerretDB wants UTF8 and a C/POSIX or en_US collation, whatever the cluster's default is.
    await psql(pgServer, `CREATE DATABASE ${pgDb} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`);
  } catch (e) {
    throw new Error(`FerretDB (postgresql): could not create a database on ${pgServer} (set ${POSTGRES_URL_ENV}): ${errMsg(e)}`);
  }
  const drop = () => psql(pgServer, `DROP DATABASE IF EXISTS ${pgDb} WITH (FORCE)`).catch(() => undefined);
  let server: TestServer;
  try {
    server = await spawnFerretDb(ferretdb, timeoutMs, () => ['--handler=postgresql', `--postgresql-url=${withDatabase(pgServer, pgDb)}`]);
  } catch (e) {
    await drop();
    throw e;
  }
  let stopping: Promise<void> | undefined;
  return { ...server, stop: () => (stopping ??= server.stop().then(drop)) };
}

async function spawnFerretDb(ferretdb: string, timeoutMs: number, backendArgs: (dir: string) => string[]): Promise<TestServer> {
  return withPortRetries(async (port) => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'tripdesk-ferretdb-'));
    try {
      await mkdir(path.join(dir, 'data'));
      await mkdir(path.join(dir, 'state'));
      const url = `mongodb://${LOOPBACK}:${port}/`;
      return await spawnAndWait({
        what: 'FerretDB',
        bin: ferretdb,
        args: [
          ...backendArgs(dir),
          `--listen-addr=${LOOPBACK}:${port}`,
          `--state-dir=${path.join(dir, 'state')}`,
          '--debug-addr=-',
          '--telemetry=disable',
          '--log-level=error',
        ],
        cwd: dir,
        dir,
        host: LOOPBACK,
        port,
        url,
        ping: pingMongo,
        timeoutMs,
        diagnose: (log) =>
          /version\.txt/.test(log)
            ? `This FerretDB binary was built with plain \`go install\` and cannot start. ${INSTALL_HINT}`
            : undefined,
      });
    } catch (e) {
      await rm(dir, { recursive: true, force: true }).catch(() => undefined);
      throw e;
    }
  });
}
