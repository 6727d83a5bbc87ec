// Deterministic randomness for the seed generator. Nothing here touches Math.random:
// the same seed gives the same bytes on every machine and every run.
//
// Two tools: `Rng` (mulberry32) for a sequence of draws, and `hash32` for a random-access draw
// keyed by (seed, tag, id…). Every catalog row seeds its own Rng from a hash of its id, so a row
// can be recomputed on its own (the booking planner needs flight #734 512 without generating
// the 734 511 before it) and the big tables stream without being held in memory.

/** The 32-bit finaliser of MurmurHash3: a bijection on uint32 with good avalanche. */
export function fmix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Hash any number of 32-bit integers (non-integers are truncated) into one uint32. */
export function hash32(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const p of parts) {
    h = fmix32((h ^ fmix32(p | 0)) + 0x7f4a7c15);
  }
  return h;
}

/** A uint32 mapped to [0, 1). */
export function unit(h: number): number {
  return (h >>> 0) / 4294967296;
}

/** A stable 32-bit tag for a string, so hash32 callers can name their stream ('flight', 'hotel'…). */
export function tag(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A generator for one keyed row: `Rng.for(seed, TAG, id)`. */
  static for(...parts: number[]): Rng {
    return new Rng(hash32(...parts));
  }

  /** mulberry32: uint32 in [0, 2^32). */
  nextU32(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    return this.nextU32() / 4294967296;
  }

  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('Rng.pick: empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Roughly normal around 0 with unit spread (Irwin–Hall of 4), cheap and bounded (±3.5). */
  gauss(): number {
    return (this.next() + this.next() + this.next() + this.next() - 2) * 1.7320508;
  }

  /** `n` lowercase alphanumerics, for fake gateway tokens and references. */
  alnum(n: number): string {
    const chars = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    let s = '';
    for (let i = 0; i < n; i++) s += chars[this.nextU32() % 62];
    return s;
  }

  hex(n: number): string {
    let s = '';
    while (s.length < n) s += this.nextU32().toString(16).padStart(8, '0');
    return s.slice(0, n);
  }
}

/**
 * A cumulative-weight table for fast weighted picks over a fixed list.
 * Binary search, so picking among 90 airports costs ~7 comparisons.
 */
export class WeightedPicker<T> {
  private readonly cumulative: Float64Array;
  private readonly totalWeight: number;

  constructor(
    readonly items: readonly T[],
    weight: (item: T, index: number) => number,
  ) {
    if (items.length === 0) throw new Error('WeightedPicker: empty list');
    this.cumulative = new Float64Array(items.length);
    let sum = 0;
    items.forEach((item, i) => {
      const w = weight(item, i);
      if (!(w >= 0)) throw new Error(`WeightedPicker: bad weight ${w}`);
      sum += w;
      this.cumulative[i] = sum;
    });
    if (sum <= 0) throw new Error('WeightedPicker: all weights are zero');
    this.totalWeight = sum;
  }

  /** Index for a uniform draw u in [0, 1). */
  indexAt(u: number): number {
    const target = u * this.totalWeight;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.cumulative[mid] as number) > target) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  pick(rng: Rng): T {
    return this.items[this.indexAt(rng.next())] as T;
  }
}

/**
 * A deterministic, uuid-shaped id (version-4 layout). The last 8 hex digits are a bijection of
 * `index` for a fixed (seed, kind), so ids of one kind never collide, which 128 random bits drawn
 * from a 32-bit-seeded generator could not promise.
 */
export function uuidLike(seed: number, kind: number, index: number): string {
  const r = Rng.for(seed, kind, index);
  const a = r.hex(8);
  const b = r.hex(4);
  const c = '4' + r.hex(3);
  const d = ((8 + (r.nextU32() & 3)).toString(16)) + r.hex(3);
  const e = r.hex(4) + fmix32((index ^ hash32(seed, kind)) >>> 0).toString(16).padStart(8, '0');
  return `${a}-${b}-${c}-${d}-${e}`;
}
