import { create } from 'zustand';
import type { Booking, Customer, PaymentMethod } from '../../../shared/contract';
import { call, createAction } from '../../client/contractClient';
import { cursorPager } from '../../client/cursorPager';
import type { Card } from '../../ui/cardDraft';

interface CustomersState {
  q: string;
  rows: Customer[];
  nextCursor: string | null;
  loading: boolean;
  error: unknown;
  setQ(q: string): void;
  search(): Promise<void>;
  loadMore(): Promise<void>;
}

export const useCustomers = create<CustomersState>((set, get) => {
  const pager = cursorPager('rows', set, get);
  return {
    q: '',
    rows: [],
    nextCursor: null,
    loading: false,
    error: null,
    setQ(q) {
      set({ q });
    },
    search() {
      const q = get().q.trim();
      return pager.first(() => call('customers.search', { q, limit: 50 }));
    },
    loadMore() {
      const q = get().q.trim();
      return pager.more((cursor) => call('customers.search', { q, limit: 50, cursor }));
    },
  };
});

interface ProfileState {
  customerId: number | null;
  customer: Customer | null;
  methods: PaymentMethod[] | null;
  bookings: Booking[] | null;
  error: unknown;
  methodsError: unknown;
  bookingsError: unknown;
  load(customerId: number): Promise<void>;
  /** Reads the same customer again, keeping the profile on screen meanwhile (after a merge, say, whose answer is shown there). */
  reload(): Promise<void>;
  loadMethods(): Promise<void>;
  setCustomer(c: Customer): void;
  /** Saves a card for the customer; the list shows it once reloaded. */
  addCard(customerId: number, card: Card): Promise<void>;
  /** Removes a saved card and reloads the list. */
  removeCard(paymentMethodId: number): Promise<void>;
}

/**
 * One long-lived action for the profile's mutations: it keys its opId by the input, so "Try
 * again" after a network failure reuses the opId and a new input gets a new one.
 */
const actions = createAction();

/** One customer's profile: details, saved cards (brand and last four only) and bookings. */
export const useCustomerProfile = create<ProfileState>((set, get) => ({
  customerId: null,
  customer: null,
  methods: null,
  bookings: null,
  error: null,
  methodsError: null,
  bookingsError: null,
  async load(customerId) {
    set({ customerId, customer: null, methods: null, bookings: null, error: null, methodsError: null, bookingsError: null });
    await get().reload();
  },
  async reload() {
    const customerId = get().customerId;
    if (!customerId) return;
    await Promise.all([
      call('customers.get', { customerId }).then((customer) => set({ customer, error: null }), (error: unknown) => set({ error })),
      get().loadMethods(),
      call('bookings.search', { customerId, limit: 100 }).then((p) => set({ bookings: p.items, bookingsError: null }), (bookingsError: unknown) => set({ bookingsError })),
    ]);
  },
  async loadMethods() {
    const customerId = get().customerId;
    if (!customerId) return;
    try {
      set({ methods: await call('paymentMethods.list', { customerId }), methodsError: null });
    } catch (methodsError) {
      set({ methodsError });
    }
  },
  setCustomer(customer) {
    set({ customer });
  },
  async addCard(customerId, card) {
    await actions.run('paymentMethods.add', { customerId, card });
  },
  async removeCard(paymentMethodId) {
    await actions.run('paymentMethods.remove', { paymentMethodId });
    await get().loadMethods();
  },
}));
