import { create } from 'zustand';
import type { Booking, ChannelInput, ChannelOutput, Customer, FlightOffer, Hold } from '../../../shared/contract';
import { call, createAction, subscribe } from '../../client/contractClient';
import { lookupOnce, type EnsureLookedUp } from '../../client/lookupOnce';
import { useSync } from '../../client/syncStore';

export type InboxItem = ChannelOutput<'sync.inbox.list'>[number];
export type ResolveAction = 'accept_new_price' | 'retry' | 'edit' | 'discard' | 'dismiss';

interface AttentionState {
  inbox: InboxItem[] | null;
  holds: Hold[] | null;
  /** Every hold holds.list returned (any status), by id: a queued booking names its hold. */
  holdsById: Record<string, Hold>;
  /** Looked-up flights and customers, to put ids in words (null: could not be found). */
  flights: Record<number, FlightOffer | null>;
  customers: Record<number, Customer | null>;
  ensureFlights(ids: number[]): Promise<void>;
  ensureCustomers(ids: number[]): Promise<void>;
  failedPayments: Booking[] | null;
  inboxError: unknown;
  holdsError: unknown;
  paymentsError: unknown;
  load(): Promise<void>;
  loadInbox(): Promise<void>;
  loadHolds(): Promise<void>;
  loadFailedPayments(): Promise<void>;
  resolve(opId: string, action: ResolveAction, extra?: { input?: Record<string, unknown>; reason?: string }): Promise<InboxItem>;
  /** What a refused change would cost with another replacement (its guided fix sends it at that difference). */
  previewChange(input: ChannelInput<'bookings.changePreview'>): Promise<ChannelOutput<'bookings.changePreview'>>;
  release(holdId: string): Promise<void>;
  /** SOLD_OUT in the inbox: the flight refused, and others on its route with `seats` free. */
  otherFlights(flightId: number, seats: number): Promise<{ original: FlightOffer; flights: FlightOffer[] }>;
  /** Keeps the screen current while it is open (expiries, syncs); returns the unsubscribe. */
  listen(): () => void;
}

/** Declined payments shown (newest first). */
const PAYMENT_SCAN = 200;
/** How many same-route flights the picker offers. */
const ALTERNATIVES = 20;

/**
 * One long-lived action for this screen's mutations: it keys its opId by the input, so "Try
 * again" after a network failure reuses the opId and a new input gets a new one.
 */
const actions = createAction();
// A lookup that failed is tried again the next time the screen asks (when the inbox or holds reload).
// Typed by hand: the store and its lookups refer to each other, which defeats inference.
const lookUpFlights: EnsureLookedUp = lookupOnce<FlightOffer>(
  { get: () => useAttention.getState().flights, set: (flights) => useAttention.setState({ flights }) },
  (flightId) => call('flights.get', { flightId }), { retryFailed: true });
const lookUpCustomers: EnsureLookedUp = lookupOnce<Customer>(
  { get: () => useAttention.getState().customers, set: (customers) => useAttention.setState({ customers }) },
  (customerId) => call('customers.get', { customerId }), { retryFailed: true });

export const useAttention = create<AttentionState>((set, get) => ({
  inbox: null,
  holds: null,
  holdsById: {},
  flights: {},
  customers: {},
  failedPayments: null,
  inboxError: null,
  holdsError: null,
  paymentsError: null,

  async load() {
    await Promise.all([get().loadInbox(), get().loadHolds(), get().loadFailedPayments()]);
  },
  async loadInbox() {
    try {
      const items = await call('sync.inbox.list', {});
      // An applied change stays while it carries a notice the agent has not dismissed.
      set({ inbox: items.filter((i) => (i.state !== 'applied' || Boolean(i.notice)) && i.state !== 'discarded'), inboxError: null });
    } catch (inboxError) {
      set({ inboxError });
    }
  },
  async loadHolds() {
    try {
      const holds = await call('holds.list', {});
      set({ holdsById: Object.fromEntries(holds.map((h) => [h.holdId, h])) });
      set({ holds: holds.filter((h) => h.status === 'active').sort((a, b) => a.expiresAtUtc.localeCompare(b.expiresAtUtc)), holdsError: null });
    } catch (holdsError) {
      set({ holdsError });
    }
  },
  async loadFailedPayments() {
    try {
      const page = await call('bookings.search', { status: 'payment_failed', limit: PAYMENT_SCAN });
      set({ failedPayments: page.items, paymentsError: null });
    } catch (paymentsError) {
      set({ paymentsError });
    }
  },
  async resolve(opId, action, extra) {
    const item = await actions.run('sync.inbox.resolve', { opId, action, ...(extra?.input ? { input: extra.input } : {}), ...(extra?.reason ? { reason: extra.reason } : {}) });
    await get().loadInbox();
    void useSync.getState().refresh();
    return item;
  },
  previewChange(input) {
    return call('bookings.changePreview', input);
  },
  ensureFlights(ids) {
    return lookUpFlights(ids);
  },
  ensureCustomers(ids) {
    return lookUpCustomers(ids);
  },
  async release(holdId) {
    await actions.run('holds.release', { holdId });
    await get().loadHolds();
  },
  async otherFlights(flightId, seats) {
    const original = await call('flights.get', { flightId });
    const page = await call('flights.search', { from: original.from, to: original.to, passengers: seats, sort: 'time', limit: ALTERNATIVES + 1 });
    return { original, flights: page.items.filter((f) => f.id !== flightId && f.seatsAvailable >= seats).slice(0, ALTERNATIVES) };
  },
  listen() {
    // A sync changes both the inbox and the holds (a provisional hold becomes the server's).
    const reload = () => void Promise.all([get().loadInbox(), get().loadHolds()]);
    const offs = [
      subscribe('holds.expired', () => void get().loadHolds()),
      subscribe('sync.status', reload),
      useSync.subscribe((s, prev) => {
        if (s.lastSyncUtc !== prev.lastSyncUtc || s.pending !== prev.pending || s.conflicts !== prev.conflicts) reload();
      }),
    ];
    return () => offs.forEach((off) => off());
  },
}));
