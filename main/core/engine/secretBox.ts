import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Where a store keeps an operator's two-factor secret. The device database is encrypted at rest as
 * a whole; on top of that, the secret itself is sealed with a key derived from the device's database
 * key (the keychain's, TRIPDESK_DB_KEY or the key file's): a copy of the rows taken out of the
 * opened database (an export, a support dump, a log) does not carry a usable secret.
 * MySQL, the store of record every console shares, keeps the secret as it is (`open` of a value
 * that was never sealed gives it back unchanged).
 */
export interface SecretBox {
  seal(plain: string): string;
  open(stored: string): string;
}

const PREFIX = 'sealed1:';

/** The central tier's: kept as given. */
export const PLAIN_BOX: SecretBox = {
  seal: (plain) => plain,
  open: (stored) => openUnsealed(stored),
};

function openUnsealed(stored: string): string {
  if (stored.startsWith(PREFIX)) throw new Error('this secret was sealed by a device and cannot be opened here');
  return stored;
}

/**
 * AES-256-GCM under HKDF-SHA256(device key): `sealed1:<iv>:<ciphertext+tag>` (base64url). A device
 * database opened without a key (benchmarks and tools only) still seals, under a key derived from
 * the empty string, so the stored form is the same everywhere.
 */
export function deviceSecretBox(deviceKey: string | null): SecretBox {
  const key = Buffer.from(hkdfSync('sha256', Buffer.from(deviceKey ?? '', 'utf8'), Buffer.alloc(0), 'tripdesk operator secrets v1', 32));
  return {
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final(), cipher.getAuthTag()]);
      return `${PREFIX}${iv.toString('base64url')}:${body.toString('base64url')}`;
    },
    open(stored) {
      // A value written before sealing (none in practice) or by hand is taken as it is.
      if (!stored.startsWith(PREFIX)) return stored;
      const [ivText, bodyText] = stored.slice(PREFIX.length).split(':');
      if (!ivText || !bodyText) throw new Error('a sealed secret is damaged');
      const body = Buffer.from(bodyText, 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(ivText, 'base64url'));
      decipher.setAuthTag(body.subarray(body.length - 16));
      return Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()]).toString('utf8');
    },
  };
}
