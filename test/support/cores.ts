import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import { loadConfig } from '../../main/core/config';
import { startCore, type Core, type CoreOptions } from '../../main/core/host/core';
import { hashPassword } from '../../main/core/ops/auth/passwords';
import type { Engine } from '../../main/core/ops/context';
import { migrateMysql } from '../../main/core/engine/mysql/migrate';
import { MysqlDb } from '../../main/core/engine/mysql/mysqlDb';
import { toDbInstant } from '../../shared/time';
import type { FaultProxy } from './faultProxy';
import { createMysqlDatabase, freshMongoUrl, uniqueDbName } from './servers';

export type EngineKind = 'sqlite' | 'central';

export interface TestCore {
  core: Core;
  /** The store of record: what the fixture writes to and what assertions read. */
  engine: Engine;
  dir: string;
  mysqlUrl: string | null;
  mongoUrl: string | null;
  close(): Promise<void>;
}

export const PASSWORD = 'correct horse battery';

/** A core on a fresh store: its own SQLite file, and for central its own MySQL and Mongo database. */
export async function makeCore(kind: EngineKind, options: CoreOptions & { env?: Record<string, string> } = {}): Promise<TestCore> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'td-core-'));
  let mysqlUrl: string | null = null;
  let mongoUrl: string | null = null;
  if (kind === 'central') {
    const name = uniqueDbName();
    mysqlUrl = await createMysqlDatabase(inject('mysqlUrl'), name);
    mongoUrl = freshMongoUrl(inject('mongoUrl'), name);
  }
  const config = loadConfig({
    TRIPDESK_DATA_DIR: dir,
    ...(mysqlUrl && mongoUrl ? { TRIPDESK_MYSQL_URL: mysqlUrl, TRIPDESK_MONGO_URL: mongoUrl } : {}),
    ...options.env,
  });
  const core = await startCore(config, { jobs: false, log: (level, msg, extra) => { if (level === 'error') console.error(msg, extra); }, ...options });
  return {
    core, dir, mysqlUrl, mongoUrl,
    engine: core.central ?? core.local,
    async close() {
      await core.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

let hashCache: string | null = null;

/** Adds an operator with the given role (idempotent) and signs in; returns the session token. */
export async function signInAs(t: TestCore, role: 'agent' | 'supervisor' | 'admin', email = `${role}@test.tripdesk`): Promise<string> {
  hashCache ??= hashPassword(PASSWORD);
  const at = toDbInstant(Date.now());
  const existing = await t.engine.sql.get('SELECT id FROM admins WHERE email = ?', [email]);
  if (!existing) {
    await t.engine.sql.run(
      'INSERT INTO admins (email, name, role, password_hash, active, created_at_utc, updated_at_utc) VALUES (?, ?, ?, ?, 1, ?, ?)',
      [email, `Test ${role}`, role, hashCache, at, at]);
  }
  const res = await t.core.call('auth.login', { email, password: PASSWORD }, null);
  if (!res.ok) throw new Error(`sign-in failed: ${res.error.message}`);
  return (res.value as { sessionToken: string }).sessionToken;
}

/** Calls a channel and returns the value, failing the test with the error when it is not ok. */
export async function ok<T = unknown>(t: TestCore, token: string | null, channel: string, input: unknown): Promise<T> {
  const res = await t.core.call(channel, input, token);
  if (!res.ok) throw new Error(`${channel} failed: ${res.error.code} ${res.error.message} ${JSON.stringify(res.error.details ?? null)}`);
  return res.value as T;
}

/** Calls a channel that must fail, and returns the error. */
export async function fails(t: TestCore, token: string | null, channel: string, input: unknown) {
  const res = await t.core.call(channel, input, token);
  if (res.ok) throw new Error(`${channel} was expected to fail but answered ${JSON.stringify(res.value).slice(0, 200)}`);
  return res.error;
}

/** A central server for device tests: a fresh, migrated MariaDB database and its FerretDB twin. */
export interface CentralServer {
  /** A direct connection to the MySQL store of record (pool of 4), for fixtures and assertions. */
  server: MysqlDb;
  mysqlUrl: string;
  mongoUrl: string;
}

/** Creates a fresh MariaDB + FerretDB database pair (named from `prefix`) and migrates MySQL. The caller closes `server`. */
export async function freshCentralServer(prefix: string): Promise<CentralServer> {
  const name = uniqueDbName(prefix);
  const mysqlUrl = await createMysqlDatabase(inject('mysqlUrl'), name);
  const mongoUrl = freshMongoUrl(inject('mongoUrl'), name);
  const server = MysqlDb.fromUrl(mysqlUrl, 4);
  await migrateMysql(server.pool);
  return { server, mysqlUrl, mongoUrl };
}

/** Adds an active agent with the given password straight to the server's admins table. */
export async function addServerAgent(server: MysqlDb, email: string, name: string, password: string): Promise<void> {
  const at = toDbInstant(Date.now());
  await server.run(
    "INSERT INTO admins (email, name, role, password_hash, active, created_at_utc, updated_at_utc) VALUES (?, ?, 'agent', ?, 1, ?, ?)",
    [email, name, hashPassword(password), at, at]);
}

export interface DeviceCore {
  core: Core;
  dir: string;
  /** Closes the core and removes its data dir. */
  close(): Promise<void>;
}

export type DeviceOptions = CoreOptions & {
  /** Prefix of the fresh temp data dir (ignored when `dir` is given). */
  prefix?: string;
  /** An existing data dir to start on (a restart). */
  dir?: string;
  /** Reach the servers through these fault proxies instead of directly. */
  proxies?: { mysql: FaultProxy; mongo: FaultProxy };
  /** Extra config (TRIPDESK_… variables). */
  env?: Record<string, string>;
};

/**
 * A device's core in central mode against a server's MySQL and Mongo URLs — directly, or through
 * fault proxies — on a fresh temp data dir (or `dir`). Jobs are off and logs dropped unless `options` say otherwise.
 */
export async function startDeviceCore(urls: { mysqlUrl: string; mongoUrl: string }, options: DeviceOptions = {}): Promise<DeviceCore> {
  const { prefix = 'td-device-', dir: given, proxies, env, ...coreOptions } = options;
  const dir = given ?? fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  let core: Core;
  try {
    core = await startCore(loadConfig({
      TRIPDESK_DATA_DIR: dir,
      TRIPDESK_MYSQL_URL: proxies ? proxies.mysql.proxyUrlFor(urls.mysqlUrl) : urls.mysqlUrl,
      TRIPDESK_MONGO_URL: proxies ? proxies.mongo.proxyUrlFor(urls.mongoUrl) : urls.mongoUrl,
      ...env,
    }), { jobs: false, log: () => undefined, ...coreOptions });
  } catch (err) {
    if (!given) fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  return {
    core, dir,
    async close() {
      await core.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
