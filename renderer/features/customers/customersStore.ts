import { create } from 'zustand';
import type { Booking, Customer, PaymentMethod } from '../../../shared/contract';
import { call } from '../../client/contractClient';

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

let gen = 0;

export const useCustomers = create<CustomersState>((set, get) => ({
  q: '',
  rows: [],
  nextCursor: null,
  loading: false,
  error: null,
  setQ(q) {
    set({ q });
  },
  async search() {
    const g = ++gen;
    set({ loading: true, error: null });
    try {
      const page = await call('customers.search', { q: get().q.trim(), limit: 50 });
      if (g === gen) set({ rows: page.items, nextCursor: page.nextCursor, loading: false });
    } catch (err) {
      if (g === gen) set({ error: err, loading: false });
    }
  },
  async loadMore() {
    const { nextCursor, loading, q } = get();
    if (!nextCursor || loading) return;
    const g = gen;
    set({ loading: true });
    try {
      const page = await call('customers.search', { q: q.trim(), limit: 50, cursor: nextCursor });
      if (g === gen) set({ rows: get().rows.concat(page.items), nextCursor: page.nextCursor, loading: false });
    } catch (err) {
      if (g === gen) set({ error: err, loading: false });
    }
  },
}));

interface ProfileState {
  customerId: number | null;
  customer: Customer | null;
  methods: PaymentMethod[] | null;
  bookings: Booking[] | null;
  error: unknown;
  methodsError: unknown;
  bookingsError: unknown;
  load(customerId: number): Promise<void>;
  loadMethods(): Promise<void>;
  setCustomer(c: Customer): void;
}

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
    await Promise.all([
      call('customers.get', { customerId }).then((customer) => set({ customer }), (error: unknown) => set({ error })),
      get().loadMethods(),
      call('bookings.search', { customerId, limit: 100 }).then((p) => set({ bookings: p.items }), (bookingsError: unknown) => set({ bookingsError })),
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
}));
