/**
 * Record locators: the six characters an agent reads out to a customer ("your booking is K7QM2T").
 * The alphabet leaves out I, O, 0 and 1, which are misheard and misread for each other.
 */
export const LOCATOR_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const LOCATOR_LENGTH = 6;
export const LOCATOR_PATTERN = /^[A-HJ-NP-Z2-9]{6}$/;

// 32 letters: the low five bits of a random byte pick one without bias.
const MASK = LOCATOR_ALPHABET.length - 1;

// Random bytes are drawn for 256 locators at a time, as crypto.randomUUID draws for 128 UUIDs: one
// getRandomValues call (Node's Web Crypto checks, then a native call) cost 2.6% of a whole booking.
const pool = new Uint8Array(LOCATOR_LENGTH * 256);
let drawn = pool.length;

/** A fresh random locator (about a billion possible: the store of record still refuses a repeat). */
export function newLocator(): string {
  if (drawn === pool.length) {
    crypto.getRandomValues(pool);
    drawn = 0;
  }
  let out = '';
  for (const b of pool.subarray(drawn, drawn + LOCATOR_LENGTH)) out += LOCATOR_ALPHABET.charAt(b & MASK);
  drawn += LOCATOR_LENGTH;
  return out;
}

/** What the agent typed, as a locator when it is one ("k7qm2t " → "K7QM2T"), else null. */
export function asLocator(text: string): string | null {
  const upper = text.trim().toUpperCase();
  return LOCATOR_PATTERN.test(upper) ? upper : null;
}

/**
 * Locator number n (0 ≤ n < 2^30) for rows that had none (existing bookings, seeded ones): n times
 * an odd constant, modulo 2^30, is a one-to-one mapping, so distinct numbers never share a
 * locator, while neighbouring bookings do not get look-alike ones. The SQL migrations compute the
 * same expression for rows already stored (migrations/mysql/005_locators_remarks.sql).
 */
export const LOCATOR_SPREAD = 387_420_489;
export function locatorOfNumber(n: number): string {
  // Math.imul keeps the low 32 bits of the product, exact where a double would round.
  const x = Math.imul(n, LOCATOR_SPREAD) & 0x3fffffff;
  let out = '';
  for (let shift = 25; shift >= 0; shift -= 5) out += LOCATOR_ALPHABET.charAt((x >>> shift) & MASK);
  return out;
}
