import { create } from 'zustand';
import type { AuditEntry, Booking } from '../../../shared/contract';
import type { BookingStatus } from '../../../shared/contract';
import type { z } from 'zod';
import { call } from '../../client/contractClient';
import { useSession } from '../session/sessionStore';

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

let gen = 0;

export const useBookingsList = create<ListState>((set, get) => ({
  q: '',
  status: '',
  rows: [],
  nextCursor: null,
  loading: false,
  error: null,
  setQuery(p) {
    set(p);
  },
  async search() {
    const g = ++gen;
    const { q, status } = get();
    set({ loading: true, error: null, rows: [], nextCursor: null });
    try {
      const page = await call('bookings.search', { ...(q.trim() ? { q: q.trim() } : {}), ...(status ? { status } : {}), limit: 50 });
      if (g === gen) set({ rows: page.items, nextCursor: page.nextCursor, loading: false });
    } catch (err) {
      if (g === gen) set({ error: err, loading: false });
    }
  },
  async loadMore() {
    const { q, status, nextCursor, loading } = get();
    if (!nextCursor || loading) return;
    const g = gen;
    set({ loading: true, error: null });
    try {
      const page = await call('bookings.search', { ...(q.trim() ? { q: q.trim() } : {}), ...(status ? { status } : {}), limit: 50, cursor: nextCursor });
      if (g === gen) set({ rows: get().rows.concat(page.items), nextCursor: page.nextCursor, loading: false });
    } catch (err) {
      if (g === gen) set({ error: err, loading: false });
    }
  },
}));

interface RecordState {
  booking: Booking | null;
  /** The id `booking` was asked for: a device-local id is answered with the server's booking. */
  loadedFor: number | null;
  history: AuditEntry[] | null;
  loading: boolean;
  error: unknown;
  historyError: unknown;
  load(bookingId: number): Promise<void>;
  /** Loads it again in the background (after a sync): a failure keeps what is shown. */
  refresh(bookingId: number): Promise<void>;
  loadHistory(bookingId: number): Promise<void>;
  replace(b: Booking): void;
}

/** The booking on screen. History is the supervisor's: agents are never asked for it. */
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
    if (useSession.getState().can('supervisor')) await get().loadHistory(bookingId);
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
      const history = await call('audit.list', { entity: 'booking', entityId: String(bookingId), limit: 100 });
      set({ history, historyError: null });
    } catch (err) {
      set({ historyError: err });
    }
  },
  replace(booking) {
    set({ booking, loadedFor: booking.id });
  },
}));
