import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { passwordCostFrom, type PasswordCost } from '../../config';

/**
 * Operators' passwords: scrypt, memory-hard, built into Node. A hash carries its own parameters,
 * `scrypt$N$r$p$salt$key` (salt and key in base64), so hashes made at an older, lower cost still
 * verify, and `needsRehash` tells sign-in to raise them to the configured cost
 * (`config.passwordCost`: N = 2^17, r = 8, p = 1 in production, TRIPDESK_PASSWORD_COST=test for
 * tests and development).
 *
 * Hashing runs on libuv's threadpool (node:crypto's async `scrypt`), never on the event loop, and at
 * most MAX_PARALLEL_HASHES at once: a burst of sign-ins neither stalls other calls nor takes every
 * thread of the pool (4 by default) from file and DNS work, and holds at most 2 × 128 MiB.
 */

const KEYLEN = 32;
const SALT_BYTES = 16;
export const MAX_PARALLEL_HASHES = 2;
/** Parameters a stored hash may ask for: anything beyond is refused rather than computed. */
const MAX_N = 2 ** 24;
const MAX_R = 64;
const MAX_P = 16;
const MAX_MEMORY = 1024 * 1024 * 1024;

/**
 * Memory scrypt needs for these parameters, with a margin, as node:crypto's `maxmem`. OpenSSL
 * counts 128·r·(N + 2) bytes for V and 128·r·p for B: at N = 2^17, r = 8 that is just over 128 MiB,
 * more than Node's default of 32 MiB and than exactly 128 MiB.
 */
export function scryptMemory(cost: PasswordCost): number {
  return 128 * cost.r * (cost.N + 2) + 128 * cost.r * cost.p + 1024 * 1024;
}

interface Parsed { cost: PasswordCost; salt: Buffer; key: Buffer }

function parse(stored: string): Parsed | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [, n, r, p, saltB64, keyB64] = parts as [string, string, string, string, string, string];
  const cost = { N: Number(n), r: Number(r), p: Number(p) };
  const { N } = cost;
  if (!Number.isInteger(N) || N < 2 || N > MAX_N || (N & (N - 1)) !== 0) return null;
  if (!Number.isInteger(cost.r) || cost.r < 1 || cost.r > MAX_R) return null;
  if (!Number.isInteger(cost.p) || cost.p < 1 || cost.p > MAX_P) return null;
  if (scryptMemory(cost) > MAX_MEMORY) return null;
  const salt = Buffer.from(saltB64, 'base64');
  const key = Buffer.from(keyB64, 'base64');
  if (salt.length === 0 || salt.length > 64 || key.length === 0 || key.length > 64) return null;
  return { cost, salt, key };
}

// A small semaphore: at most MAX_PARALLEL_HASHES scrypt jobs on the threadpool, the rest wait in order.
let running = 0;
const waiting: Array<() => void> = [];

async function derive(password: string, salt: Buffer, keylen: number, cost: PasswordCost): Promise<Buffer> {
  if (running < MAX_PARALLEL_HASHES) running += 1;
  else await new Promise<void>((resolve) => waiting.push(resolve)); // the finishing job hands its slot over
  try {
    return await new Promise<Buffer>((resolve, reject) => {
      scrypt(password, salt, keylen, { N: cost.N, r: cost.r, p: cost.p, maxmem: scryptMemory(cost) },
        (err, key) => (err ? reject(err) : resolve(key)));
    });
  } finally {
    const next = waiting.shift();
    if (next) next();
    else running -= 1;
  }
}

/** A new hash of `password` at `cost` (default: TRIPDESK_PASSWORD_COST, i.e. production unless set). */
export async function hashPassword(password: string, cost: PasswordCost = passwordCostFrom()): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, KEYLEN, cost);
  return `scrypt$${cost.N}$${cost.r}$${cost.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/** Whether `password` matches `stored`, at the cost `stored` names; false for anything that is not a hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parse(stored);
  if (!parsed) return false;
  const key = await derive(password, parsed.salt, parsed.key.length, parsed.cost);
  return timingSafeEqual(key, parsed.key);
}

/** Whether `stored` is a hash made at `cost` or more (N, r, p, salt and key length). */
export function meetsCost(stored: string, cost: PasswordCost): boolean {
  const parsed = parse(stored);
  if (!parsed) return false;
  const c = parsed.cost;
  return c.N >= cost.N && c.r >= cost.r && c.p >= cost.p && parsed.salt.length >= SALT_BYTES && parsed.key.length >= KEYLEN;
}

/** Whether `stored` is a hash made at less than `cost` (sign-in re-hashes it); false for what is no hash at all. */
export function needsRehash(stored: string, cost: PasswordCost): boolean {
  return parse(stored) !== null && !meetsCost(stored, cost);
}

const dummies = new Map<string, string>();
/**
 * A well-formed hash at `cost` that no password matches (a random key, never derived): verifying
 * against it is the same scrypt work as checking a wrong password against a real hash at that cost.
 */
export function dummyHash(cost: PasswordCost): string {
  const id = `${cost.N}$${cost.r}$${cost.p}`;
  let hash = dummies.get(id);
  if (hash === undefined) {
    hash = `scrypt$${id}$${randomBytes(SALT_BYTES).toString('base64')}$${randomBytes(KEYLEN).toString('base64')}`;
    dummies.set(id, hash);
  }
  return hash;
}

/** Several hashes of one password at `cost`, each with its own salt (the seed's operators). */
export async function hashPasswords(password: string, count: number, cost: PasswordCost = passwordCostFrom()): Promise<string[]> {
  return Promise.all(Array.from({ length: count }, () => hashPassword(password, cost)));
}
