import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Time-based one-time passwords (RFC 6238 over RFC 4226's HOTP), as authenticator apps make them:
 * HMAC-SHA1, 30-second steps, 6 digits, a base32 secret. Written on node:crypto rather than
 * taken from otplib, which is not among the project's packages; the RFC's own test vectors pin it
 * (test/core/ops/auth/totp.test.ts).
 */

export const STEP_SECONDS = 30;
export const DIGITS = 6;
/** Steps either side of now a code is still taken in: a clock a little off, or a code typed as it turned. */
export const WINDOW_STEPS = 1;
/** 160 bits, RFC 4226's recommended secret length for HMAC-SHA1. */
const SECRET_BYTES = 20;
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32Encode(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

/** Case, spaces and padding as people copy a secret are forgiven; any other character is not base32. */
export function base32Decode(text: string): Buffer {
  const clean = text.replace(/[\s=-]/g, '').toUpperCase();
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const ch of clean) {
    const idx = BASE32.indexOf(ch);
    if (idx < 0) throw new Error('not a base32 secret');
    value = (value << 5) | idx;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** A fresh secret, base32 (what the operator types into an app, or what the otpauth URI carries). */
export function newTotpSecret(): string {
  return base32Encode(randomBytes(SECRET_BYTES));
}

/** RFC 4226: the code for one counter value. */
export function hotp(key: Buffer, counter: number, digits = DIGITS, algorithm: 'sha1' | 'sha256' | 'sha512' = 'sha1'): string {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac(algorithm, key).update(msg).digest();
  const offset = (mac[mac.length - 1] ?? 0) & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

/** The 30-second step an instant (ms since the epoch) falls in. */
export function stepAt(ms: number): number {
  return Math.floor(ms / 1000 / STEP_SECONDS);
}

/** The code an app shows at `ms` for a base32 secret. */
export function totpAt(secret: string, ms: number): string {
  return hotp(base32Decode(secret), stepAt(ms));
}

/**
 * The step whose code `code` is, within WINDOW_STEPS of `ms`, or null. Steps at or before
 * `usedStep` are refused: a code once used (or an older one) is not taken again.
 */
export function matchTotp(secret: string, code: string, ms: number, usedStep: number | null = null): number | null {
  const typed = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(typed)) return null;
  const key = base32Decode(secret);
  const now = stepAt(ms);
  let found: number | null = null;
  // Every candidate is computed and compared, so the time taken does not say which step matched.
  for (let step = now - WINDOW_STEPS; step <= now + WINDOW_STEPS; step++) {
    const same = timingSafeEqual(Buffer.from(hotp(key, step)), Buffer.from(typed));
    if (same && found === null && (usedStep === null || step > usedStep)) found = step;
  }
  return found;
}

/** The otpauth:// URI authenticator apps read (as a QR code, or pasted). */
export function otpauthUri(secret: string, accountEmail: string, issuer = 'TripDesk'): string {
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(accountEmail)}`;
  const params = new URLSearchParams({ secret, issuer, algorithm: 'SHA1', digits: String(DIGITS), period: String(STEP_SECONDS) });
  return `otpauth://totp/${label}?${params.toString()}`;
}
