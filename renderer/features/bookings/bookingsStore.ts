import { create } from 'zustand';
import type { Booking, BookingHistoryEntry, ChannelInput, ChannelOutput } from '../../../shared/contract';
import type { BookingStatus } from '../../../shared/contract';
import type { z } from 'zod';
import { call, createAction, subscribe } from '../../client/contractClient';
import { cursorPager } from '../../client/cursorPager';
import { useSync } from '../../client/syncStore';

type Status = z.infer<typeof BookingStatus>;

interface ListState {
  q: string;
  status: Status | '';
  rows: Booking[];
  nextCursor: string | null;
  loading: boolean;
  error: unknown;
  setQuery(p: { q?: string; status?: Status | '' }): void;
  search(): Promise<void>;
  loadMore(): Promise<void>;
}

export const useBookingsList = create<ListState>((set, get) => {
  const pager = cursorPager('rows', set, get);
  const query = () => {
    const { q, status } = get();
    return { ...(q.trim() ? { q: q.trim() } : {}), ...(status ? { status } : {}), limit: 50 };
  };
  return {
    q: '',
    status: '',
    rows: [],
    nextCursor: null,
    loading: false,
    error: null,
    setQuery(p) {
      set(p);
    },
    search() {
      const input = query();
      return pager.first(() => call('bookings.search', input), { rows: [], nextCursor: null });
    },
    loadMore() {
      const input = query();
      return pager.more((cursor) => call('bookings.search', { ...input, cursor }));
    },
  };
});

interface RecordState {
  booking: Booking | null;
  /** The id `booking` was asked for: a device-local id is answered with the server's booking. */
  loadedFor: number | null;
  history: BookingHistoryEntry[] | null;
  loading: boolean;
  error: unknown;
  historyError: unknown;
  load(bookingId: number): Promise<void>;
  /** Loads it again in the background (after a sync): a failure keeps what is shown. */
  refresh(bookingId: number): Promise<void>;
  loadHistory(bookingId: number): Promise<void>;
  replace(b: Booking): void;
  /**
   * A provisional booking becomes the server's when a sync finishes: it is loaded again then.
   * Returns the unsubscribe.
   */
  followSync(bookingId: number): () => void;
  /** What cancelling would refund, item by item, before anything changes. */
  previewCancel(input: ChannelInput<'bookings.cancelPreview'>): Promise<ChannelOutput<'bookings.cancelPreview'>>;
  /** Cancels the booking (or some items) and shows the result. */
  cancel(input: ChannelInput<'bookings.cancel'>): Promise<Booking>;
  /** Adds a remark, then shows the booking and its history with it. */
  addRemark(input: ChannelInput<'bookings.addRemark'>): Promise<void>;
  /** What exchanging an item would cost; changes nothing. */
  previewChange(input: ChannelInput<'bookings.changePreview'>): Promise<ChannelOutput<'bookings.changePreview'>>;
  /** Exchanges one item (at the quoted difference), then shows the booking and its history. */
  change(input: ChannelInput<'bookings.change'>): Promise<Booking>;
  /** Adds items to the booking (at the quoted total), then shows the booking and its history. */
  addItems(input: ChannelInput<'bookings.addItems'>): Promise<Booking>;
}

/**
 * One long-lived action for cancellations: it keys its opId by the input, so "Try again" after a
 * network failure reuses the opId and the core refunds once.
 */
const actions = createAction();

/** The booking on screen, with its history (bookings.history: any agent who may open the booking reads it). */
export const useBookingRecord = create<RecordState>((set, get) => ({
  booking: null,
  loadedFor: null,
  history: null,
  loading: false,
  error: null,
  historyError: null,
  async load(bookingId) {
    set({ loading: true, error: null, booking: get().booking?.id === bookingId ? get().booking : null, history: null });
    try {
      const booking = await call('bookings.get', { bookingId });
      set({ booking, loadedFor: bookingId, loading: false });
    } catch (err) {
      set({ error: err, loading: false });
    }
    await get().loadHistory(bookingId);
  },
  async refresh(bookingId) {
    try {
      const booking = await call('bookings.get', { bookingId });
      set({ booking, loadedFor: bookingId });
    } catch {
      /* keep the record on screen; the next sync or a visit loads it again */
    }
  },
  async loadHistory(bookingId) {
    try {
      const history = await call('bookings.history', { bookingId });
      set({ history, historyError: null });
    } catch (err) {
      set({ historyError: err });
    }
  },
  replace(booking) {
    set({ booking, loadedFor: booking.id });
  },
  followSync(bookingId) {
    const reloadIfProvisional = () => {
      const shown = get().booking;
      if (bookingId < 0 || (shown?.id === bookingId && shown.provisional)) void get().refresh(bookingId);
    };
    const offPush = subscribe('sync.status', reloadIfProvisional);
    const offStore = useSync.subscribe((s, prev) => {
      if (s.lastSyncUtc !== prev.lastSyncUtc || (s.pending < prev.pending)) reloadIfProvisional();
    });
    return () => {
      offPush();
      offStore();
    };
  },
  previewCancel(input) {
    return call('bookings.cancelPreview', input);
  },
  cancel(input) {
    return actions.run('bookings.cancel', input);
  },
  previewChange(input) {
    return call('bookings.changePreview', input);
  },
  async change(input) {
    const changed = await actions.run('bookings.change', input);
    set({ booking: changed, loadedFor: changed.id });
    await get().loadHistory(changed.id);
    return changed;
  },
  async addItems(input) {
    const added = await actions.run('bookings.addItems', input);
    set({ booking: added, loadedFor: added.id });
    await get().loadHistory(added.id);
    return added;
  },
  async addRemark(input) {
    const remark = await actions.run('bookings.addRemark', input);
    const shown = get().booking;
    if (shown?.id === remark.bookingId) set({ booking: { ...shown, remarks: [...shown.remarks, remark] } });
    await get().loadHistory(remark.bookingId);
  },
}));
