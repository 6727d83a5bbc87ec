import type { AnalyticsGroupBy } from '../../../shared/contract';

/**
 * An `analytics_aggregates` document: one group's figures for one UTC day. `kind` is the
 * dimension (day, kind, route, hotel, state, operator); the window is [windowStart, windowEnd).
 */
export interface RollupDoc {
  id: string;
  kind: AnalyticsGroupBy;
  windowStart: Date;
  windowEnd: Date;
  key: string;
  label: string;
  bookings: number;
  revenueCents: number;
  cancellations: number;
  refundCents: number;
}

export interface RollupTotals {
  key: string;
  label: string;
  bookings: number;
  revenueCents: number;
  cancellations: number;
  refundCents: number;
}

export interface RollupStore {
  /** Replaces every rollup of the given days (all dimensions) with these documents. */
  replaceDays(days: Date[], docs: RollupDoc[]): Promise<void>;
  /** Sums one dimension's daily rollups over [from, to) per key. */
  sumRollups(kind: AnalyticsGroupBy, from: Date, to: Date): Promise<RollupTotals[]>;
  /** The rollup job's progress marker (opaque to the store) and when it last ran. */
  readState(): Promise<{ watermark: string | null; rolledUpAt: Date | null }>;
  writeState(state: { watermark: string; rolledUpAt: Date }): Promise<void>;
}
