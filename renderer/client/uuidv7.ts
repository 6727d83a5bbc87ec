/**
 * UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, then random bits. Ids sort by creation time,
 * which keeps the outbox and applied_ops indexes append-only. Monotonic within one millisecond.
 */
let lastMs = -1;
let lastRand = new Uint8Array(10);

export function uuidv7(now: number = Date.now()): string {
  const bytes = new Uint8Array(16);
  const rand = new Uint8Array(10);
  if (now <= lastMs) {
    // Same (or earlier) millisecond: bump the previous random part so order is kept.
    now = lastMs;
    rand.set(lastRand);
    for (let i = 9; i >= 0; i--) {
      rand[i] = ((rand[i] ?? 0) + 1) & 0xff;
      if (rand[i] !== 0) break;
    }
  } else {
    crypto.getRandomValues(rand);
  }
  lastMs = now;
  lastRand = rand;
  let ms = now;
  for (let i = 5; i >= 0; i--) {
    bytes[i] = ms % 256;
    ms = Math.floor(ms / 256);
  }
  bytes.set(rand, 6);
  bytes[6] = 0x70 | ((bytes[6] ?? 0) & 0x0f); // version 7
  bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f); // variant 10xx
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
