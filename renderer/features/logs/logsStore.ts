import { create } from 'zustand';
import type { ChannelInput, LogEntry, LogLevel } from '../../../shared/contract';
import { call } from '../../client/contractClient';
import { cursorPager } from '../../client/cursorPager';

export interface LogFilters {
  level: LogLevel | '';
  q: string;
  /** Digits typed by the supervisor; '' for any operator. */
  operatorId: string;
  /** `datetime-local` values, in the supervisor's own time zone; '' for open-ended. */
  from: string;
  to: string;
}

export const emptyFilters: LogFilters = { level: '', q: '', operatorId: '', from: '', to: '' };
export const LOGS_PAGE = 100;

/** A `datetime-local` value (local time) as a UTC instant, or null when it is not one. */
export function localToUtc(value: string): string | null {
  if (!value) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** The filters as logs.list input; a problem in words when one cannot be sent. */
export function logsQuery(f: LogFilters): { input: ChannelInput<'logs.list'> } | { problem: string } {
  const input: ChannelInput<'logs.list'> = { limit: LOGS_PAGE };
  if (f.level) input.level = f.level;
  if (f.q.trim()) input.q = f.q.trim().slice(0, 120);
  if (f.operatorId.trim()) {
    const n = Number(f.operatorId.trim());
    if (!Number.isInteger(n) || n === 0) return { problem: 'Operator: an operator number, such as 2.' };
    input.operatorId = n;
  }
  const from = localToUtc(f.from);
  const to = localToUtc(f.to);
  if (f.from && !from) return { problem: 'From: not a date and time.' };
  if (f.to && !to) return { problem: 'To: not a date and time.' };
  if (from && to && to < from) return { problem: 'To must not be before From.' };
  if (from) input.from = from;
  if (to) input.to = to;
  return { input };
}

interface LogsState {
  filters: LogFilters;
  /** The query the rows came from (the form may have changed since). */
  searched: ChannelInput<'logs.list'> | null;
  items: LogEntry[];
  nextCursor: string | null;
  loading: boolean;
  error: unknown;
  problem: string | null;
  setFilters(p: Partial<LogFilters>): void;
  search(): Promise<void>;
  loadMore(): Promise<void>;
}

export const useLogs = create<LogsState>((set, get) => {
  const pager = cursorPager('items', set, get);
  return {
    filters: emptyFilters,
    searched: null,
    items: [],
    nextCursor: null,
    loading: false,
    error: null,
    problem: null,

    setFilters(p) {
      set({ filters: { ...get().filters, ...p } });
    },

    async search() {
      const q = logsQuery(get().filters);
      if ('problem' in q) {
        set({ problem: q.problem });
        return;
      }
      await pager.first(() => call('logs.list', q.input), { problem: null, searched: q.input, items: [], nextCursor: null });
    },

    async loadMore() {
      const searched = get().searched;
      if (!searched) return;
      await pager.more((cursor) => call('logs.list', { ...searched, cursor }));
    },
  };
});
