import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import { loadConfig } from '../../main/core/config';
import { startCore, type Core, type CoreOptions } from '../../main/core/core';
import { hashPassword } from '../../main/core/services/auth/passwords';
import type { Engine } from '../../main/core/services/context';
import { toDbInstant } from '../../shared/time';
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
