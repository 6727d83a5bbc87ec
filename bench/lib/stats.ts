/** Small statistics helpers for the benchmarks (nearest-rank percentiles on raw samples). */

export interface Summary {
  n: number;
  min: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] ?? Number.NaN;
}

export function summarize(samples: readonly number[]): Summary {
  const s = [...samples].sort((a, b) => a - b);
  const sum = s.reduce((a, b) => a + b, 0);
  return {
    n: s.length,
    min: s[0] ?? Number.NaN,
    mean: s.length ? sum / s.length : Number.NaN,
    p50: percentile(s, 50),
    p95: percentile(s, 95),
    p99: percentile(s, 99),
    max: s.at(-1) ?? Number.NaN,
  };
}

export function median(values: readonly number[]): number {
  return percentile([...values].sort((a, b) => a - b), 50);
}

/** Runs `fn` n times one after another; returns per-op latencies (ms) and the wall time (ms). */
export async function timeSequential(n: number, fn: (i: number) => Promise<unknown> | unknown): Promise<{ lat: number[]; wallMs: number }> {
  const lat = new Array<number>(n);
  const start = performance.now();
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn(i);
    lat[i] = performance.now() - t;
  }
  return { lat, wallMs: performance.now() - start };
}

/** Like timeSequential for synchronous work (no await between ops, as raw better-sqlite3 runs). */
export function timeSequentialSync(n: number, fn: (i: number) => unknown): { lat: number[]; wallMs: number } {
  const lat = new Array<number>(n);
  const start = performance.now();
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    fn(i);
    lat[i] = performance.now() - t;
  }
  return { lat, wallMs: performance.now() - start };
}

export const opsPerSec = (ops: number, ms: number): number => (ms > 0 ? (ops * 1000) / ms : Number.NaN);
