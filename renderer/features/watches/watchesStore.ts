import { create } from 'zustand';
import type { ChannelInput, Customer, Watch } from '../../../shared/contract';
import { call, createAction, onEventConnection, subscribe } from '../../client/contractClient';
import { lookupOnce, type EnsureLookedUp } from '../../client/lookupOnce';
import { useSearch } from '../../client/searchStore';

/**
 * One long-lived action for watch mutations: it keys its opId by the input, so "Try again" after
 * a network failure reuses the opId and the core answers the first watch instead of a second one.
 */
const actions = createAction();

/** Sets a watch and shows it at once: in the list on screen, and in the alerts when it already fired. */
export async function createWatch(input: ChannelInput<'watches.create'>): Promise<Watch> {
  const w = await actions.run('watches.create', input);
  useWatches.getState().updated(w);
  if (w.status === 'triggered') useWatchAlerts.getState().fired(w);
  return w;
}

interface AlertsState {
  /** Triggered watches waiting for an agent (Needs attention), newest first. */
  alerts: Watch[] | null;
  error: unknown;
  /** The watch the last push announced, for the notice over every screen; null once seen. */
  toast: Watch | null;
  customers: Record<number, Customer | null>;
  load(): Promise<void>;
  /** Deletes the watch: the alert is dealt with. */
  dismiss(watchId: string): Promise<void>;
  fired(w: Watch): void;
  /** "Book this": the search that finds what the watch found, with its customer named. */
  openHit(w: Watch): Promise<void>;
  closeToast(): void;
  ensureCustomers(ids: number[]): Promise<void>;
  /** Listens for `watches.triggered` while signed in; returns the unsubscribe. */
  start(): () => void;
}

const newestFirst = (a: Watch, b: Watch) => (b.triggeredAtUtc ?? b.createdAtUtc).localeCompare(a.triggeredAtUtc ?? a.createdAtUtc);
/**
 * A customer that could not be looked up stays "customer #N": it is not asked for again. Typed by
 * hand: the store and its lookup refer to each other, which defeats inference.
 */
const lookUpCustomers: EnsureLookedUp = lookupOnce<Customer>(
  { get: () => useWatchAlerts.getState().customers, set: (customers) => useWatchAlerts.setState({ customers }) },
  (customerId) => call('customers.get', { customerId }));

/**
 * Alerts that arrived by push, numbered: a list read from the core that was asked for before an
 * alert fired does not have it, and must not wipe it off the screen.
 */
let pushSeq = 0;
const pushed = new Map<string, { seq: number; watch: Watch }>();

export const useWatchAlerts = create<AlertsState>((set, get) => ({
  alerts: null,
  error: null,
  toast: null,
  customers: {},

  async load() {
    const asked = pushSeq;
    try {
      const list = await call('watches.list', { status: 'triggered', limit: 500 });
      const byId = new Map(list.map((w) => [w.id, w]));
      for (const p of pushed.values()) if (p.seq > asked && !byId.has(p.watch.id)) byId.set(p.watch.id, p.watch);
      set({ alerts: [...byId.values()].sort(newestFirst), error: null });
    } catch (error) {
      set({ error });
    }
  },

  async dismiss(watchId) {
    await actions.run('watches.delete', { watchId });
    pushed.delete(watchId);
    set({ alerts: (get().alerts ?? []).filter((w) => w.id !== watchId), toast: get().toast?.id === watchId ? null : get().toast });
    useWatches.getState().removed(watchId);
  },

  fired(w) {
    pushed.set(w.id, { seq: ++pushSeq, watch: w });
    const rest = (get().alerts ?? []).filter((x) => x.id !== w.id);
    set({ alerts: [w, ...rest].sort(newestFirst), toast: w });
    useWatches.getState().updated(w);
    void get().ensureCustomers([w.customerId]);
  },

  async openHit(w) {
    if (!w.hit) return;
    void get().ensureCustomers([w.customerId]);
    await useSearch.getState().openListing({ kind: w.hit.refKind, targetId: w.hit.refId, day: w.hit.day });
  },

  closeToast() {
    set({ toast: null });
  },

  ensureCustomers(ids) {
    return lookUpCustomers(ids);
  },

  start() {
    // A new sign-in: nothing of the last operator's alerts stays on screen.
    set({ alerts: null, toast: null, error: null });
    pushed.clear();
    void get().load();
    const offPush = subscribe('watches.triggered', ({ watch }) => get().fired(watch));
    // An alert pushed while the event line was down (or not yet up) is not sent again: read the
    // list again whenever the line comes up.
    const offLine = onEventConnection((up) => { if (up) void get().load(); });
    return () => { offPush(); offLine(); };
  },
}));

/** Customer N in words: the name once looked up. */
export function customerLabel(id: number, customers: Record<number, Customer | null>): string {
  const c = customers[id];
  return c ? `${c.firstName} ${c.lastName} (customer #${id})` : `customer #${id}`;
}

interface WatchesState {
  /** The list on screen: one customer's watches, or everyone's (customerId null). */
  customerId: number | null;
  status: 'active' | 'triggered' | '';
  items: Watch[] | null;
  loading: boolean;
  error: unknown;
  load(customerId: number | null, status?: 'active' | 'triggered' | ''): Promise<void>;
  reload(): Promise<void>;
  remove(watchId: string): Promise<void>;
  removed(watchId: string): void;
  updated(w: Watch): void;
}

let gen = 0;

export const useWatches = create<WatchesState>((set, get) => ({
  customerId: null,
  status: '',
  items: null,
  loading: false,
  error: null,

  async load(customerId, status = get().status) {
    const g = ++gen;
    set({ customerId, status, loading: true, error: null, ...(customerId !== get().customerId ? { items: null } : {}) });
    try {
      const items = await call('watches.list', {
        ...(customerId !== null ? { customerId } : {}), ...(status ? { status } : {}), limit: 500,
      });
      if (g === gen) set({ items: [...items].sort((a, b) => b.createdAtUtc.localeCompare(a.createdAtUtc)), loading: false });
    } catch (error) {
      if (g === gen) set({ loading: false, error });
    }
  },

  async reload() {
    await get().load(get().customerId, get().status);
  },

  async remove(watchId) {
    await actions.run('watches.delete', { watchId });
    get().removed(watchId);
    const alerts = useWatchAlerts.getState().alerts;
    if (alerts?.some((w) => w.id === watchId)) useWatchAlerts.setState({ alerts: alerts.filter((w) => w.id !== watchId) });
  },

  removed(watchId) {
    const items = get().items;
    if (items) set({ items: items.filter((w) => w.id !== watchId) });
  },

  updated(w) {
    const { items, customerId, status } = get();
    if (!items) return;
    if (customerId !== null && w.customerId !== customerId) return;
    const rest = items.filter((x) => x.id !== w.id);
    if (status && w.status !== status) set({ items: rest });
    else set({ items: [w, ...rest].sort((a, b) => b.createdAtUtc.localeCompare(a.createdAtUtc)) });
  },
}));
