import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { deviceKeyFromKeychain, KEYCHAIN_KEY_FILE } from '../../main/electron-main/deviceKeychain';
import { DEVICE_KEY_FILE } from '../../main/core/engine/sqlite/deviceDatabase';
import { tempDir } from './coreFixture';

/** A keychain that really hides what it keeps (XOR is enough to see no plain key on disk). */
function keychain(available = true, backend = 'gnome_libsecret') {
  return {
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend,
    encryptString: (plain: string) => Buffer.from(Buffer.from(plain, 'utf8').map((b) => b ^ 0x5a)),
    decryptString: (enc: Buffer) => Buffer.from(enc.map((b) => b ^ 0x5a)).toString('utf8'),
  };
}

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
function dataDir(): string {
  const d = tempDir('td-keychain-');
  dirs.push(d);
  return path.join(d, 'TripDesk');
}

describe('the device database key in the desktop app', () => {
  it('is made once, kept only as keychain ciphertext (0600), and the same on every start', () => {
    const dir = dataDir();
    const warnings: string[] = [];
    const first = deviceKeyFromKeychain(dir, keychain(), (_l, m) => warnings.push(m));
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    const sealed = fs.readFileSync(path.join(dir, KEYCHAIN_KEY_FILE), 'utf8');
    expect(sealed).not.toContain(first);
    if (process.platform !== 'win32') expect(fs.statSync(path.join(dir, KEYCHAIN_KEY_FILE)).mode & 0o777).toBe(0o600);
    expect(deviceKeyFromKeychain(dir, keychain(), (_l, m) => warnings.push(m))).toBe(first);
    expect(warnings).toEqual([]);
  });

  it("moves a headless console's key file into the keychain, so its database still opens", () => {
    const dir = dataDir();
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, DEVICE_KEY_FILE), 'ab'.repeat(32), { mode: 0o600 });
    expect(deviceKeyFromKeychain(dir, keychain(), () => undefined)).toBe('ab'.repeat(32));
    expect(fs.existsSync(path.join(dir, DEVICE_KEY_FILE))).toBe(false);
  });

  it('falls back to the key file, saying why, where the keychain is missing or is plain text (Linux basic_text)', () => {
    for (const safe of [keychain(false), keychain(true, 'basic_text')]) {
      const warnings: string[] = [];
      expect(deviceKeyFromKeychain(dataDir(), safe, (_l, m) => warnings.push(m))).toBeUndefined();
      expect(warnings.join(' ')).toMatch(/key is kept in a file only this user can read/);
    }
  });
});
