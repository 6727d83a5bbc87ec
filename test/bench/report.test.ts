/**
 * Smoke test of the benchmark's bookkeeping (verdicts, ratios, the printed table, percentiles).
 * It measures nothing and asserts no timing: `npm run bench` does the measuring.
 */
import { describe, expect, it } from 'vitest';
import { renderTable, row, type SectionResult } from '../../bench/lib/report';
import { percentile, summarize } from '../../bench/lib/stats';

describe('bench report', () => {
  it('puts a figure beside its raw limit as a ratio and judges every goal', () => {
    const throughput = row({ metric: 'holds', unit: 'ops/s', value: 400, raw: 1000, better: 'higher', goals: [{ on: 'ratio', op: '>=', value: 0.5 }] });
    expect(throughput.ratio).toBeCloseTo(0.4);
    expect(throughput.verdict).toBe('MISS');
    expect(throughput.goalText).toBe('≥ 50% of raw');

    const both = row({ metric: 'rows', unit: 'rows/s', value: 40_000, raw: 50_000, better: 'higher', goals: [{ on: 'abs', op: '>=', value: 30_000 }, { on: 'ratio', op: '>=', value: 0.4 }] });
    expect(both.verdict).toBe('PASS');

    const latency = row({ metric: 'p99', unit: 'ms', value: 0.8, raw: 0.2, better: 'lower', goals: [{ on: 'abs', op: '<=', value: 1 }] });
    expect(latency.verdict).toBe('PASS');
    expect(latency.ratio).toBeCloseTo(4);

    expect(row({ metric: 'info', unit: 'ms', value: 3, better: 'lower' }).verdict).toBe('INFO');
    // A goal on a ratio without a raw figure cannot be judged.
    expect(row({ metric: 'x', unit: 'ops/s', value: 3, raw: null, better: 'higher', goals: [{ on: 'ratio', op: '>=', value: 0.5 }] }).verdict).toBe('ERROR');
    expect(row({ metric: 'oversell', unit: 'seats', value: 0, raw: 0, better: 'lower', goals: [{ on: 'abs', op: '==', value: 0 }] }).verdict).toBe('PASS');
  });

  it('prints every section, and the reason for a section that failed', () => {
    const ok: SectionResult = {
      id: 1, key: 'a', title: 'Local writes', status: 'ok', ms: 1, params: {}, notes: [],
      rows: [row({ metric: 'holds', unit: 'ops/s', value: 400, raw: 1000, rawLabel: 'raw txn', better: 'higher', goals: [{ on: 'ratio', op: '>=', value: 0.5 }] })],
    };
    const failed: SectionResult = { id: 2, key: 'b', title: 'Central holds', status: 'error', error: 'MariaDB not found', ms: 1, params: {}, notes: [], rows: [] };
    const text = renderTable([ok, failed]);
    expect(text).toContain('400 ops/s');
    expect(text).toContain('1000 ops/s (raw txn)');
    expect(text).toContain('40%');
    expect(text).toContain('MISS');
    expect(text).toContain('ERROR');
    expect(text).toContain('MariaDB not found');
  });

  it('takes nearest-rank percentiles', () => {
    const xs = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(xs, 50)).toBe(50);
    expect(percentile(xs, 99)).toBe(99);
    expect(summarize([3, 1, 2])).toMatchObject({ n: 3, min: 1, p50: 2, max: 3 });
    expect(Number.isNaN(percentile([], 50))).toBe(true);
  });
});
