import { v7 } from 'uuid';

/**
 * UUIDv7 ids (time-ordered, so a new id appends at the right edge of an index), as the uuid
 * package makes them, but with random bytes drawn 4 KB at a time: its own draws 16 bytes from the
 * system per id, which cost more than the rest of a seat hold's JavaScript. Same monotonic rule
 * as the package: a new millisecond starts a random 31-bit counter; ids within one count up.
 */
const pool = new Uint8Array(16 * 256);
let next = pool.length;
let lastMs = -Infinity;
let seq = 0;

export function uuidv7(): string {
  if (next === pool.length) {
    crypto.getRandomValues(pool);
    next = 0;
  }
  const random = pool.subarray(next, (next += 16));
  const now = Date.now();
  if (now > lastMs) {
    lastMs = now;
    seq = (((random[6] ?? 0) & 0x7f) << 24) | ((random[7] ?? 0) << 16) | ((random[8] ?? 0) << 8) | (random[9] ?? 0);
  } else {
    seq = (seq + 1) | 0;
    if (seq === 0) lastMs++;
  }
  return v7({ random, msecs: lastMs, seq });
}
