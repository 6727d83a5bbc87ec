import { create } from 'zustand';
import type { ChannelInput, ChannelOutput, Review } from '../../../shared/contract';
import { call, createAction } from '../../client/contractClient';
import { todayIso } from '../../ui/format';

export type TargetKind = Review['targetKind'];
export interface ReviewTarget {
  kind: TargetKind;
  id: number;
  label: string;
}
type Summary = ChannelOutput<'reviews.list'>['summary'];

interface ReviewsState {
  target: ReviewTarget | null;
  includeHidden: boolean;
  items: Review[];
  summary: Summary | null;
  nextCursor: string | null;
  loading: boolean;
  error: unknown;
  setTarget(t: ReviewTarget | null): void;
  setIncludeHidden(v: boolean): void;
  load(): Promise<void>;
  loadMore(): Promise<void>;
  reply(reviewId: string, text: string): Promise<void>;
  moderate(reviewId: string, hidden: boolean, reason: string): Promise<void>;
  upsert(r: Review): void;
  /** Hotels or cars in a city, to pick what to read reviews of (flights are picked by number). */
  findByCity(kind: 'hotel' | 'car', city: string): Promise<ReviewTarget[]>;
  create(input: ChannelInput<'reviews.create'>): Promise<Review>;
}

/** Listings found by city: enough to choose from. */
const CITY_LIMIT = 200;

let gen = 0;

/**
 * One long-lived action for this screen's mutations: it keys its opId by the input, so "Try
 * again" after a network failure reuses the opId and a new input gets a new one.
 */
const actions = createAction();

export const useReviews = create<ReviewsState>((set, get) => ({
  target: null,
  includeHidden: false,
  items: [],
  summary: null,
  nextCursor: null,
  loading: false,
  error: null,
  setTarget(target) {
    set({ target, items: [], summary: null, nextCursor: null, error: null });
    if (target) void get().load();
  },
  setIncludeHidden(includeHidden) {
    set({ includeHidden });
    if (get().target) void get().load();
  },
  async load() {
    const t = get().target;
    if (!t) return;
    const g = ++gen;
    set({ loading: true, error: null });
    try {
      const page = await call('reviews.list', { targetKind: t.kind, targetId: t.id, includeHidden: get().includeHidden, limit: 25 });
      if (g === gen) set({ items: page.items, summary: page.summary, nextCursor: page.nextCursor, loading: false });
    } catch (err) {
      if (g === gen) set({ error: err, loading: false });
    }
  },
  async loadMore() {
    const { target: t, nextCursor, loading } = get();
    if (!t || !nextCursor || loading) return;
    const g = gen;
    set({ loading: true });
    try {
      const page = await call('reviews.list', { targetKind: t.kind, targetId: t.id, includeHidden: get().includeHidden, limit: 25, cursor: nextCursor });
      if (g === gen) set({ items: get().items.concat(page.items), nextCursor: page.nextCursor, loading: false });
    } catch (err) {
      if (g === gen) set({ error: err, loading: false });
    }
  },
  async reply(reviewId, text) {
    get().upsert(await actions.run('reviews.reply', { reviewId, text }));
  },
  async moderate(reviewId, hidden, reason) {
    get().upsert(await actions.run('reviews.moderate', { reviewId, hidden, reason }));
  },
  upsert(r) {
    const items = get().items;
    set({ items: items.some((x) => x.id === r.id) ? items.map((x) => (x.id === r.id ? r : x)) : [r, ...items] });
  },
  async findByCity(kind, city) {
    // The searches need dates: a day two weeks out lists what the city has.
    if (kind === 'hotel') {
      const res = await call('hotels.search', { city: city.trim(), checkIn: todayIso(14), checkOut: todayIso(15), limit: CITY_LIMIT });
      const seen = new Set<number>();
      return res.items.filter((h) => !seen.has(h.hotelId) && seen.add(h.hotelId)).map((h) => ({ kind, id: h.hotelId, label: `${h.hotelName} (${h.city}, ${h.stateCode})` }));
    }
    const res = await call('cars.search', { city: city.trim(), pickUp: todayIso(14), dropOff: todayIso(15), limit: CITY_LIMIT });
    return res.items.map((c) => ({ kind, id: c.carId, label: `${c.company} ${c.model} (${c.city})` }));
  },
  create(input) {
    return actions.run('reviews.create', input);
  },
}));
