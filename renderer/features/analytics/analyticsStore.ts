import { create } from 'zustand';
import type { AnalyticsGroupBy, AnalyticsSummary } from '../../../shared/contract';
import { call } from '../../client/contractClient';

const DAY_MS = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

interface AnalyticsState {
  from: string;
  to: string;
  groupBy: AnalyticsGroupBy;
  summary: AnalyticsSummary | null;
  loading: boolean;
  error: unknown;
  setRange(from: string, to: string): void;
  setGroupBy(groupBy: AnalyticsGroupBy): void;
  load(): Promise<void>;
}

/** The last 30 days, today included (UTC days, as the rollups are). */
export function defaultRange(now = Date.now()): { from: string; to: string } {
  return { from: isoDay(now - 29 * DAY_MS), to: isoDay(now) };
}

let gen = 0;

export const useAnalytics = create<AnalyticsState>((set, get) => ({
  ...defaultRange(),
  groupBy: 'day',
  summary: null,
  loading: false,
  error: null,
  setRange(from, to) {
    set({ from, to });
    void get().load();
  },
  setGroupBy(groupBy) {
    set({ groupBy });
    void get().load();
  },
  async load() {
    const { from, to, groupBy } = get();
    // A half-typed date or a reversed range waits for the user instead of asking the core.
    if (!/^\d{4}-\d{2}-\d{2}$/.test(from) || !/^\d{4}-\d{2}-\d{2}$/.test(to) || from > to) return;
    const g = ++gen;
    set({ loading: true, error: null });
    try {
      const summary = await call('analytics.summary', { from, to, groupBy });
      if (g === gen) set({ summary, loading: false });
    } catch (err) {
      if (g === gen) set({ error: err, loading: false });
    }
  },
}));
