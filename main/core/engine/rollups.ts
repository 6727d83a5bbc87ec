import type { AnalyticsGroupBy, AnalyticsRow } from '../../../shared/contract';

/**
 * An `analytics_aggregates` document: one group's figures for one UTC day. `kind` is the
 * dimension (day, kind, route, hotel, state, operator); the window is [windowStart, windowEnd).
 */
export interface RollupDoc extends AnalyticsRow {
  id: string;
  kind: AnalyticsGroupBy;
  windowStart: Date;
  windowEnd: Date;
}

/** One group's figures summed over a range: the contract's row. */
export type RollupTotals = AnalyticsRow;

export interface RollupStore {
  /** Replaces every rollup of the given days (all dimensions) with these documents. */
  replaceDays(days: Date[], docs: RollupDoc[]): Promise<void>;
  /** Sums one dimension's daily rollups over [from, to) per key. */
  sumRollups(kind: AnalyticsGroupBy, from: Date, to: Date): Promise<RollupTotals[]>;
  /** The rollup job's progress marker (opaque to the store) and when it last ran. */
  readState(): Promise<{ watermark: string | null; rolledUpAt: Date | null }>;
  writeState(state: { watermark: string; rolledUpAt: Date }): Promise<void>;
  /** Where rollups are also published elsewhere in the background: resolves once that has caught up. */
  publishedAll?(): Promise<void>;
}
