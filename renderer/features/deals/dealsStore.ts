import { create } from 'zustand';
import type { Deal, DealKind } from '../../../shared/contract';
import { call } from '../../client/contractClient';

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
}

export const DEALS_PAGE = 50;

// A newer load makes older answers stale (a filter change while a page was on its way).
let gen = 0;

export const useDeals = create<DealsState>((set, get) => ({
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

  async load() {
    const g = ++gen;
    const kind = get().kind;
    set({ loading: true, error: null });
    try {
      const page = await call('deals.list', { ...(kind ? { kind } : {}), limit: DEALS_PAGE });
      if (g === gen) set({ items: page.items, nextCursor: page.nextCursor, loading: false });
    } catch (error) {
      if (g === gen) set({ loading: false, error });
    }
  },

  async loadMore() {
    const { nextCursor, loading, kind } = get();
    if (!nextCursor || loading) return;
    const g = gen;
    set({ loading: true, error: null });
    try {
      const page = await call('deals.list', { ...(kind ? { kind } : {}), cursor: nextCursor, limit: DEALS_PAGE });
      if (g !== gen) return;
      const seen = new Set(get().items.map((d) => d.id));
      set({ items: get().items.concat(page.items.filter((d) => !seen.has(d.id))), nextCursor: page.nextCursor, loading: false });
    } catch (error) {
      if (g === gen) set({ loading: false, error });
    }
  },

  async announced(count) {
    set({ arrived: get().arrived + count });
    await get().load();
  },
}));
