import { create } from 'zustand';
import type { Deal, DealKind } from '../../../shared/contract';
import { call, subscribe } from '../../client/contractClient';
import { cursorPager } from '../../client/cursorPager';

interface DealsState {
  kind: DealKind | '';
  items: Deal[];
  nextCursor: string | null;
  loading: boolean;
  error: unknown;
  /** Deals the pipeline announced since the list was last loaded by hand. */
  arrived: number;
  setKind(kind: DealKind | ''): Promise<void>;
  load(): Promise<void>;
  loadMore(): Promise<void>;
  /** A `deals.new` push: reload the first page, keep the count for the notice. */
  announced(count: number): Promise<void>;
  /** Listens for `deals.new` while the screen is open; returns the unsubscribe. */
  listen(): () => void;
}

export const DEALS_PAGE = 50;

/** A deal already listed (a reload put it on the first page meanwhile) is not listed twice. */
const appendNew = (have: Deal[], page: Deal[]) => {
  const seen = new Set(have.map((d) => d.id));
  return have.concat(page.filter((d) => !seen.has(d.id)));
};

export const useDeals = create<DealsState>((set, get) => {
  // A newer load makes older answers stale (a filter change while a page was on its way).
  const pager = cursorPager('items', set, get);
  const byKind = () => {
    const kind = get().kind;
    return kind ? { kind } : {};
  };
  return {
    kind: '',
    items: [],
    nextCursor: null,
    loading: false,
    error: null,
    arrived: 0,

    async setKind(kind) {
      set({ kind });
      await get().load();
    },

    load() {
      const input = { ...byKind(), limit: DEALS_PAGE };
      return pager.first(() => call('deals.list', input));
    },

    loadMore() {
      const input = byKind();
      return pager.more((cursor) => call('deals.list', { ...input, cursor, limit: DEALS_PAGE }), { merge: appendNew });
    },

    async announced(count) {
      set({ arrived: get().arrived + count });
      await get().load();
    },

    listen() {
      return subscribe('deals.new', ({ count }) => void get().announced(count));
    },
  };
});
