import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { encryptionStatus, type SafeStorageLike } from './settings';

/** The device database key, as the OS keychain's ciphertext: useless without this user's login. */
export const KEYCHAIN_KEY_FILE = 'tripdesk.key.keychain';

/**
 * The desktop app's key for the device database, kept by the OS keychain (safeStorage). Where no
 * keychain is available the core falls back to its 0600 key file (undefined), and the log says so.
 */
export function deviceKeyFromKeychain(
  dataDir: string,
  safe: SafeStorageLike,
  log: (level: 'warn', msg: string) => void,
): string | undefined {
  const status = encryptionStatus(safe);
  if (!status.available) {
    log('warn', `${status.problem} The local database key is kept in a file only this user can read instead.`);
    return undefined;
  }
  if (!fs.existsSync(dataDir)) fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = path.join(dataDir, KEYCHAIN_KEY_FILE);
  if (fs.existsSync(file)) return safe.decryptString(Buffer.from(fs.readFileSync(file, 'utf8'), 'base64'));
  // A database from before this version (or from the key file) keeps its key: it moves into the keychain.
  const headless = path.join(dataDir, 'tripdesk.key');
  const key = fs.existsSync(headless) ? fs.readFileSync(headless, 'utf8').trim() : randomBytes(32).toString('hex');
  fs.writeFileSync(file, safe.encryptString(key).toString('base64'), { mode: 0o600 });
  if (fs.existsSync(headless)) fs.rmSync(headless);
  return key;
}
