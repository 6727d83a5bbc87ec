/**
 * The one harness for tests that drive a real core through the contract (`core.call`).
 *
 *   const t = await startTestCore('central');           // or 'standalone'
 *   const fx = await loadFixture(t.engine);
 *   const hold = await ok(t, t.tokens.agent, 'holds.create', { flightId: fx.flightId, seats: 2 });
 *   const err = await fails(t, t.tokens.agent, 'holds.create', { flightId: fx.flightId, seats: 99 }, 'SOLD_OUT');
 *
 * A test core starts with three operators signed in (agent, supervisor, admin: ids 1, 2, 3, see
 * OPERATORS), jobs off, on a fresh data dir; in central mode on its own MariaDB database and
 * FerretDB database of the servers test/support/globalSetup.ts started (never skipped when they
 * are missing: globalSetup fails the run instead).
 *
 * Device tests share one central tier between several device cores: freshCentralServer() makes
 * the databases, addServerOperator() the people who sign in, startDeviceCore() each device.
 *
 * `ok` and `fails` take their input and answer types from the contract (shared/contract).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, inject } from 'vitest';
import type { ChannelInput, ChannelName, ChannelOutput, ContractErrorShape, Envelope, ErrorCode, Role, SignedIn } from '../../shared/contract';
import { toDbInstant } from '../../shared/time';
import { loadConfig, TEST_PASSWORD_COST } from '../../main/core/config';
import { startCore, type Core, type CoreOptions } from '../../main/core/host/core';
import { hashPassword } from '../../main/core/ops/auth/passwords';
import type { Engine } from '../../main/core/ops/context';
import type { SqlDb } from '../../main/core/engine/sql';
import { migrateMysql } from '../../main/core/engine/mysql/migrate';
import { MysqlDb } from '../../main/core/engine/mysql/mysqlDb';
import { startFaultProxy, type FaultProxy } from './faultProxy';
import { createMysqlDatabase, freshMongoUrl, uniqueDbName } from './servers';

export type CoreMode = 'standalone' | 'central';

/** Both modes, with the names suites that run on each use in their titles. */
export const MODES: ReadonlyArray<readonly [name: string, mode: CoreMode]> = [
  ['standalone (SQLite)', 'standalone'],
  ['central (MariaDB + FerretDB)', 'central'],
];

export const ROLES: readonly Role[] = ['agent', 'supervisor', 'admin'];
export const PASSWORD = 'correct horse battery';

/** The operators every test core starts with, one per role. */
export const OPERATORS: Readonly<Record<Role, { id: number; email: string; name: string }>> = {
  agent: { id: 1, email: 'agent@tripdesk.test', name: 'Test agent' },
  supervisor: { id: 2, email: 'supervisor@tripdesk.test', name: 'Test supervisor' },
  admin: { id: 3, email: 'admin@tripdesk.test', name: 'Test admin' },
};

export interface TestCore {
  readonly core: Core;
  readonly mode: CoreMode;
  /** The store of record (central's MySQL + Mongo, or the standalone SQLite): fixtures go in here, checks read from here. */
  readonly engine: Engine;
  /** `engine.sql`. */
  readonly db: SqlDb;
  readonly dir: string;
  readonly mysqlUrl: string | null;
  readonly mongoUrl: string | null;
  /** Session tokens of OPERATORS, signed in at start. */
  readonly tokens: Readonly<Record<Role, string>>;
  close(): Promise<void>;
}

export type TestCoreOptions = CoreOptions & {
  /** Extra config (TRIPDESK_… variables). */
  env?: Record<string, string>;
  /** Central: the MongoDB-protocol server to use instead of the run's FerretDB (e.g. one on PostgreSQL). */
  mongoServerUrl?: string;
};

/** Test cores hash at TRIPDESK_PASSWORD_COST=test (a test may pass another in `env`); so do the operators they start with. */
// Admins without two-factor sign in to a session that may only set it up (TRIPDESK_ADMIN_TWO_FACTOR=required);
// test cores make it optional so that suites drive admin channels directly (test/core/ops/auth/credentials.test.ts
// proves the requirement with it on).
const PASSWORD_COST = { TRIPDESK_PASSWORD_COST: 'test', TRIPDESK_ADMIN_TWO_FACTOR: 'optional' } as const;
let hashCache: Promise<string> | null = null;
const passwordHash = () => (hashCache ??= hashPassword(PASSWORD, TEST_PASSWORD_COST));

/** Writes an operator straight into a store's admins table (nothing if the email is there) and returns its id. */
async function addOperator(db: Pick<SqlDb, 'get' | 'run'>, op: { id?: number; email: string; name: string; role: Role; hash: string }): Promise<number> {
  const existing = await db.get<{ id: number }>('SELECT id FROM admins WHERE email = ?', [op.email]);
  if (existing) return Number(existing.id);
  const at = toDbInstant(Date.now());
  const res = op.id === undefined
    ? await db.run('INSERT INTO admins (email, name, role, password_hash, active, created_at_utc, updated_at_utc) VALUES (?, ?, ?, ?, 1, ?, ?)',
      [op.email, op.name, op.role, op.hash, at, at])
    : await db.run('INSERT INTO admins (id, email, name, role, password_hash, active, created_at_utc, updated_at_utc) VALUES (?, ?, ?, ?, ?, 1, ?, ?)',
      [op.id, op.email, op.name, op.role, op.hash, at, at]);
  return op.id ?? res.insertId;
}

async function logIn(core: Pick<Core, 'call'>, email: string, password: string): Promise<string> {
  const res = await core.call('auth.login', { email, password }, null);
  if (!res.ok) throw new Error(`sign-in as ${email} failed: ${res.error.code} ${res.error.message}`);
  return signedInAs(res.value as ChannelOutput<'auth.login'>).sessionToken;
}

/** The session of a sign-in that needed no second factor (a test's operators have none unless it says so). */
export function signedInAs(answer: ChannelOutput<'auth.login'>): SignedIn {
  if (answer.status !== 'signedIn') throw new Error('the sign-in asked for a second factor');
  return answer;
}

/** A core on a fresh store (its own SQLite file; central: its own MySQL and Mongo database) with OPERATORS signed in. */
export async function startTestCore(mode: CoreMode, options: TestCoreOptions = {}): Promise<TestCore> {
  const { env, mongoServerUrl, ...coreOptions } = options;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'td-core-'));
  let mysqlUrl: string | null = null;
  let mongoUrl: string | null = null;
  if (mode === 'central') {
    const name = uniqueDbName();
    mysqlUrl = await createMysqlDatabase(inject('mysqlUrl'), name);
    mongoUrl = freshMongoUrl(mongoServerUrl ?? inject('mongoUrl'), name);
  }
  const config = loadConfig({
    TRIPDESK_DATA_DIR: dir,
    ...PASSWORD_COST,
    ...(mysqlUrl && mongoUrl ? { TRIPDESK_MYSQL_URL: mysqlUrl, TRIPDESK_MONGO_URL: mongoUrl } : {}),
    ...env,
  });
  const core = await startCore(config, { jobs: false, log: (level, msg, extra) => { if (level === 'error') console.error(msg, extra); }, ...coreOptions });
  const engine = mode === 'central' ? core.central : core.local;
  if (!engine) {
    await core.close();
    throw new Error('the core did not start in central mode');
  }
  for (const role of ROLES) await addOperator(engine.sql, { ...OPERATORS[role], role, hash: await passwordHash() });
  const tokens = {} as Record<Role, string>;
  for (const role of ROLES) tokens[role] = await logIn(core, OPERATORS[role].email, PASSWORD);
  return {
    core, mode, engine, db: engine.sql, dir, mysqlUrl, mongoUrl, tokens,
    async close() {
      await core.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A new session: for OPERATORS[role] by default, or for another operator with that role and
 * email (made on first use, named "Test <role>").
 */
export async function signInAs(t: Pick<TestCore, 'core' | 'engine'>, role: Role, email = OPERATORS[role].email): Promise<string> {
  await addOperator(t.engine.sql, { email, name: `Test ${role}`, role, hash: await passwordHash() });
  return logIn(t.core, email, PASSWORD);
}

/** A clock starting at 2026-06-01 09:00Z that moves on 10 ms at every reading, so writes one after another get distinct times. */
/** A console's clock that moves only when the test says so. */
export function manualClock(start = Date.now()): { now: () => number; advance: (ms: number) => void } {
  let t = start;
  return { now: () => t, advance: (ms: number) => { t += ms; } };
}

export function tickingClock(start = Date.parse('2026-06-01T09:00:00.000Z')): () => number {
  let t = start;
  return () => (t += 10);
}

// ---------------------------------------------------------------------------------------------
// Calling the contract

/** What a test calls the contract on: a TestCore, a DeviceCore, or a bare Core. */
export type Callable = Pick<Core, 'call'> | { readonly core: Pick<Core, 'call'> };

/** Calls a channel and returns the envelope as it is (for calls that may go either way). */
export async function send<C extends ChannelName>(target: Callable, token: string | null, channel: C, input: ChannelInput<C>): Promise<Envelope<ChannelOutput<C>>> {
  const core = 'call' in target ? target : target.core;
  return (await core.call(channel, input, token)) as Envelope<ChannelOutput<C>>;
}

/** Calls a channel and returns its value; a contract error fails the test with its code, message and details. */
export async function ok<C extends ChannelName>(target: Callable, token: string | null, channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const res = await send(target, token, channel, input);
  if (!res.ok) throw new Error(`${channel} failed: ${res.error.code} ${res.error.message} ${JSON.stringify(res.error.details ?? null)}`);
  return res.value;
}

/** Calls a channel that must fail with `code`, and returns the contract error. */
export async function fails<C extends ChannelName>(target: Callable, token: string | null, channel: C, input: ChannelInput<C>, code: ErrorCode): Promise<ContractErrorShape> {
  const res = await send(target, token, channel, input);
  if (res.ok) throw new Error(`${channel} should have failed with ${code} but answered ${JSON.stringify(res.value).slice(0, 300)}`);
  expect(res.error.code, `${channel}: ${res.error.message} ${JSON.stringify(res.error.details ?? null)}`).toBe(code);
  return res.error;
}

/** Input that breaks the channel's schema on purpose, for tests of the contract's validation. */
export function badInput(input: unknown): never {
  return input as never;
}

// ---------------------------------------------------------------------------------------------
// A central tier shared by several devices

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

/**
 * A fresh central tier reached through a fault proxy per server, for device tests that take a
 * console into the field: `cut()` drops both lines, `restore()` gives them back. Devices reach it
 * with `startDeviceCore(central, { proxies: central.proxies })`.
 */
export interface CutOffCentral extends CentralServer {
  readonly proxies: { mysql: FaultProxy; mongo: FaultProxy };
  cut(): Promise<void>;
  restore(): Promise<void>;
  /** The proxies, then the server's pool. */
  close(): Promise<void>;
}

export async function freshCentralBehindProxies(prefix: string): Promise<CutOffCentral> {
  const central = await freshCentralServer(prefix);
  const proxies = { mysql: await startFaultProxy(central.mysqlUrl), mongo: await startFaultProxy(central.mongoUrl) };
  return {
    ...central,
    proxies,
    cut: async () => { await proxies.mysql.cut(); await proxies.mongo.cut(); },
    restore: async () => { await proxies.mysql.restore(); await proxies.mongo.restore(); },
    close: async () => {
      await proxies.mysql.close();
      await proxies.mongo.close();
      await central.server.close();
    },
  };
}

/** Adds an active operator with the given role and password straight to the server's admins table; returns its id. */
export async function addServerOperator(server: MysqlDb, op: { role: Role; email: string; name: string; password: string }): Promise<number> {
  return addOperator(server, { email: op.email, name: op.name, role: op.role, hash: await (op.password === PASSWORD ? passwordHash() : hashPassword(op.password, TEST_PASSWORD_COST)) });
}

/** Adds an active agent with the given password straight to the server's admins table. */
export async function addServerAgent(server: MysqlDb, email: string, name: string, password: string): Promise<void> {
  await addServerOperator(server, { role: 'agent', email, name, password });
}

export interface DeviceCore {
  readonly core: Core;
  readonly dir: string;
  /** A session on this device for an operator the server knows. */
  signIn(email: string, password: string): Promise<string>;
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
      ...PASSWORD_COST,
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
    signIn: (email, password) => logIn(core, email, password),
    async close() {
      await core.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
