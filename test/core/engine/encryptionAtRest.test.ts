import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../main/core/config';
import { DEVICE_DB_FILE, DEVICE_KEY_FILE, openDeviceDatabase } from '../../../main/core/engine/sqlite/deviceDatabase';
import { migrateSqlite } from '../../../main/core/engine/sqlite/migrate';
import { openSqliteFile, type RawSqlite } from '../../../main/core/engine/sqlite/sqliteDb';
import { startCore, type Core } from '../../../main/core/host/core';
import { ok, signInAs } from '../../support/testCore';

const EMAIL = 'zebulon.quartermaine@encrypted.example';
const dirs: string[] = [];
const cores: Core[] = [];

function tempParent(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'td-enc-'));
  dirs.push(d);
  return d;
}

/** Every file SQLite keeps for the database: the file, its WAL, shared memory and rollback journal. */
function rawBytes(dataDir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const f of fs.readdirSync(dataDir)) if (f.startsWith(DEVICE_DB_FILE)) out.set(f, fs.readFileSync(path.join(dataDir, f)));
  return out;
}

async function standalone(dataDir: string, env: Record<string, string> = {}): Promise<Core> {
  const core = await startCore(loadConfig({ TRIPDESK_DATA_DIR: dataDir, TRIPDESK_DEMO_DATA: '0', TRIPDESK_PASSWORD_COST: 'test', ...env }), { jobs: false, log: () => undefined });
  cores.push(core);
  return core;
}

/** A console opened on the folder finds the customer an older version left there, then closes. */
async function findsTheCustomerOnce(dataDir: string, env: Record<string, string> = {}): Promise<void> {
  const core = await standalone(dataDir, env);
  const supervisor = await signInAs({ core, engine: core.local }, 'supervisor');
  const found = await ok(core, supervisor, 'customers.search', { q: 'Quartermaine' });
  expect(found.items.map((c) => c.email)).toEqual([EMAIL]);
  await core.close();
  cores.splice(0);
}

afterEach(async () => {
  for (const c of cores.splice(0)) await c.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('the device database at rest', () => {
  it("keeps a customer's email out of the database file, its WAL and its journal, and the data folder to its user", async () => {
    const dataDir = path.join(tempParent(), 'TripDesk');
    const core = await standalone(dataDir);
    const agent = await signInAs({ core, engine: core.local }, 'agent');
    await ok(core, agent, 'customers.create', { email: EMAIL, firstName: 'Zebulon', lastName: 'Quartermaine' });

    // While the core runs, the customer sits in the WAL; after a checkpoint, in the file itself.
    let files = rawBytes(dataDir);
    expect([...files.keys()]).toContain(`${DEVICE_DB_FILE}-wal`);
    for (const [name, bytes] of files) expect(bytes.includes(EMAIL), name).toBe(false);
    await core.close();
    cores.splice(0);
    files = rawBytes(dataDir);
    expect(files.get(DEVICE_DB_FILE)!.length).toBeGreaterThan(4096);
    for (const [name, bytes] of files) expect(bytes.includes(EMAIL), name).toBe(false);
    // A plain SQLite reader sees no database at all.
    const plain = openSqliteFile(path.join(dataDir, DEVICE_DB_FILE), { readonly: true });
    expect(() => plain.prepare('SELECT email FROM users').all()).toThrow(/not a database/);
    plain.close();

    if (process.platform !== 'win32') {
      expect(fs.statSync(dataDir).mode & 0o777).toBe(0o700);
      for (const f of fs.readdirSync(dataDir)) expect(fs.statSync(path.join(dataDir, f)).mode & 0o777, f).toBe(0o600);
      expect(fs.existsSync(path.join(dataDir, DEVICE_KEY_FILE))).toBe(true);
    }

    // With the key it reads back whole.
    const again = await standalone(dataDir);
    const supervisor = await signInAs({ core: again, engine: again.local }, 'supervisor');
    const found = await ok(again, supervisor, 'customers.search', { q: 'Quartermaine' });
    expect(found.items.map((c) => c.email)).toEqual([EMAIL]);
  });

  it('refuses to open with another key, saying so, and leaves the data as it was', async () => {
    const dataDir = path.join(tempParent(), 'TripDesk');
    const core = await standalone(dataDir, { TRIPDESK_DB_KEY: 'the-first-key-of-this-console-000000' });
    const agent = await signInAs({ core, engine: core.local }, 'agent');
    await ok(core, agent, 'customers.create', { email: EMAIL, firstName: 'Zebulon', lastName: 'Quartermaine' });
    await core.close();
    cores.splice(0);

    await expect(standalone(dataDir, { TRIPDESK_DB_KEY: 'some-other-key-altogether-11111111' })).rejects.toThrow(/cannot be opened with this console's key/);
    const back = openDeviceDatabase(dataDir, 'the-first-key-of-this-console-000000', { readonly: true });
    expect(back.prepare('SELECT email FROM users WHERE email = ?').get(EMAIL)).toEqual({ email: EMAIL });
    back.close();
  });

  it('encrypts a plain database from an older version on its first open, losing nothing', async () => {
    const dataDir = path.join(tempParent(), 'TripDesk');
    fs.mkdirSync(dataDir, { mode: 0o755 });
    const file = path.join(dataDir, DEVICE_DB_FILE);
    const old = openSqliteFile(file);
    fs.chmodSync(file, 0o644);
    migrateSqlite(old);
    old.prepare(`INSERT INTO users (email, first_name, last_name, created_at_utc, updated_at_utc) VALUES (?, 'Zebulon', 'Quartermaine', '2026-01-01 00:00:00.000', '2026-01-01 00:00:00.000')`).run(EMAIL);
    old.pragma('wal_checkpoint(TRUNCATE)');
    old.close();
    expect(fs.readFileSync(file).includes(EMAIL)).toBe(true);

    await findsTheCustomerOnce(dataDir);
    for (const [name, bytes] of rawBytes(dataDir)) expect(bytes.includes(EMAIL), name).toBe(false);
    if (process.platform !== 'win32') {
      expect(fs.statSync(dataDir).mode & 0o777).toBe(0o700);
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    }
  });

  it('reseals a database sealed with the earlier cipher (ChaCha20) with AEGIS on its first open, losing nothing', async () => {
    const dataDir = path.join(tempParent(), 'TripDesk');
    fs.mkdirSync(dataDir, { mode: 0o700 });
    const file = path.join(dataDir, DEVICE_DB_FILE);
    const key = 'the-key-of-a-console-from-november-0000';
    const sealWith = (cipher: string) => (raw: RawSqlite) => {
      raw.pragma(`cipher = '${cipher}'`);
      raw.key(Buffer.from(key, 'utf8'));
    };
    const old = openSqliteFile(file, { before: sealWith('chacha20') });
    migrateSqlite(old);
    old.prepare(`INSERT INTO users (email, first_name, last_name, created_at_utc, updated_at_utc) VALUES (?, 'Zebulon', 'Quartermaine', '2026-01-01 00:00:00.000', '2026-01-01 00:00:00.000')`).run(EMAIL);
    // Left in the WAL, as a console that was closed hard leaves it.
    old.close();

    await findsTheCustomerOnce(dataDir, { TRIPDESK_DB_KEY: key });

    for (const [name, bytes] of rawBytes(dataDir)) expect(bytes.includes(EMAIL), name).toBe(false);
    const asAegis = openSqliteFile(file, { readonly: true, before: sealWith('aegis') });
    expect(asAegis.prepare('SELECT email FROM users').all()).toEqual([{ email: EMAIL }]);
    asAegis.close();
    const asChaCha = openSqliteFile(file, { readonly: true, before: sealWith('chacha20') });
    expect(() => asChaCha.prepare('SELECT email FROM users').all()).toThrow(/not a database/);
    asChaCha.close();
  });
});
