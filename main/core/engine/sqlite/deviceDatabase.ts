import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { openSqliteFile, type RawSqlite } from './sqliteDb';

/**
 * The device database: customers' personal data and operators' password hashes, on a laptop that
 * may be lost. It is encrypted at rest (SQLite3 Multiple Ciphers' AEGIS-256 per page: WAL and
 * journal pages are written encrypted too), kept in a folder only its user can open.
 */
export const DEVICE_DB_FILE = 'tripdesk.sqlite';
/** Headless consoles keep their key beside the data, readable by its user alone. */
export const DEVICE_KEY_FILE = 'tripdesk.key';

/**
 * The key: the desktop app's keychain's or `TRIPDESK_DB_KEY` (the caller passes it), else the key
 * file, which is created on the first start.
 * `null` means unencrypted: benchmarks and tools comparing against a plain file, never the app.
 */
export type DeviceKey = string | null | undefined;

export class DeviceKeyError extends Error {}

/** The data folder, created for its user alone (0700). */
export function makeDataDir(dataDir: string): void {
  if (!fs.existsSync(dataDir)) fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
}

/** The key this console opens its database with: given, from the environment, or from (a new) key file. */
export function deviceKey(dataDir: string, given: DeviceKey): string | null {
  if (given !== undefined) return given;
  makeDataDir(dataDir);
  const file = path.join(dataDir, DEVICE_KEY_FILE);
  try {
    // 'wx': two starts racing on a new folder must not write two keys.
    fs.writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  const key = fs.readFileSync(file, 'utf8').trim();
  if (key.length < 32) throw new DeviceKeyError(`the database key file ${file} is damaged (too short); restore it from a backup`);
  return key;
}

/**
 * AEGIS-256, an authenticated cipher built on the AES round, which the CPU runs in hardware: a
 * booking's ~26 pages cost 0.02 ms to seal, against 0.29 ms with the library's default,
 * ChaCha20-Poly1305 in portable C, which files made before 2026-12 use (measured side by side on
 * the same writes; `npm run bench`, section 1, shows the encrypted core beside a plain one).
 */
const CIPHER = 'aegis';
/** What databases made before the switch are sealed with: opened once more with it, then rekeyed. */
const LEGACY_CIPHER = 'chacha20';

function unlockWith(cipher: string): (db: RawSqlite, key: string) => void {
  return (db, key) => {
    // A constant of this module; the key goes in as bytes, never spliced into a PRAGMA's text.
    db.pragma(`cipher = '${cipher}'`);
    db.key(Buffer.from(key, 'utf8'));
  };
}
const unlock = unlockWith(CIPHER);
const unlockLegacy = unlockWith(LEGACY_CIPHER);

/** Reading the schema is the first read that needs the key: a wrong key fails here, not later. */
function readable(db: RawSqlite): boolean {
  try {
    db.prepare('SELECT COUNT(*) FROM sqlite_master').get();
    return true;
  } catch (err) {
    if ((err as { code?: string }).code === 'SQLITE_NOTADB') return false;
    throw err;
  }
}

/**
 * Opens (creating it if need be) the encrypted device database in `dataDir`. A plain database
 * from an older version is encrypted in place on its first open, so an upgrade loses nothing.
 */
export function openDeviceDatabase(dataDir: string, key: DeviceKey = undefined, opts: { readonly?: boolean } = {}): RawSqlite {
  makeDataDir(dataDir);
  const file = path.join(dataDir, DEVICE_DB_FILE);
  const secret = deviceKey(dataDir, key);
  // SQLite gives the -wal, -shm and journal files the database file's mode: create it 0600 first.
  if (!fs.existsSync(file) && !opts.readonly) fs.closeSync(fs.openSync(file, 'a', 0o600));
  else if (!opts.readonly) keepPrivate(dataDir, file);
  if (secret === null) return openSqliteFile(file, { readonly: opts.readonly, before: () => undefined });
  let db = openSqliteFile(file, { readonly: opts.readonly, before: (raw) => unlock(raw, secret) });
  if (readable(db)) return db;
  db.close();
  const legacy = openSqliteFile(file, { readonly: true, before: (raw) => unlockLegacy(raw, secret) });
  const wasLegacy = readable(legacy);
  legacy.close();
  const plain = wasLegacy ? null : openSqliteFile(file, { readonly: true });
  const wasPlain = plain !== null && readable(plain);
  plain?.close();
  if (wasLegacy && opts.readonly) return openSqliteFile(file, { readonly: true, before: (raw) => unlockLegacy(raw, secret) });
  if ((!wasPlain && !wasLegacy) || opts.readonly) {
    throw new DeviceKeyError(
      `the local database ${file} cannot be opened with this console's key (keychain, TRIPDESK_DB_KEY or ${DEVICE_KEY_FILE}); ` +
        'it was encrypted with another key',
    );
  }
  if (wasLegacy) resealDatabase(file, secret);
  else encryptPlainDatabase(file, secret);
  db = openSqliteFile(file, { before: (raw) => unlock(raw, secret) });
  if (!readable(db)) throw new DeviceKeyError(`the local database ${file} could not be encrypted`);
  return db;
}

/** Files an older version made 0644 in a 0755 folder are closed to other users on the next start. */
function keepPrivate(dataDir: string, file: string): void {
  if (process.platform === 'win32') return;
  fs.chmodSync(dataDir, 0o700);
  for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`, path.join(dataDir, DEVICE_KEY_FILE)]) {
    if (fs.existsSync(f)) fs.chmodSync(f, 0o600);
  }
}

/** Rekeying needs a rollback journal, not WAL; the journal file is 0600 like the database. */
function encryptPlainDatabase(file: string, key: string): void {
  rekeyWith(openSqliteFile(file, { journal: 'DELETE' }), key);
}

/** A file sealed with the legacy cipher is read with it and written again, page by page, with AEGIS. */
function resealDatabase(file: string, key: string): void {
  rekeyWith(openSqliteFile(file, { journal: 'DELETE', before: (raw) => unlockLegacy(raw, key) }), key);
}

function rekeyWith(raw: RawSqlite, key: string): void {
  try {
    // rekey seals with the cipher set on the connection last.
    raw.pragma(`cipher = '${CIPHER}'`);
    raw.rekey(Buffer.from(key, 'utf8'));
  } finally {
    raw.close();
  }
}
