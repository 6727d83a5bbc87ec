import { create } from 'zustand';
import type { ChannelInput, SavedTraveller } from '../../shared/contract';
import { call, createAction } from './contractClient';

interface SavedTravellersState {
  /** Per customer: their saved travellers (passport shown by its last four only). */
  byCustomer: Record<number, SavedTraveller[]>;
  error: unknown;
  load(customerId: number): Promise<SavedTraveller[]>;
  save(input: ChannelInput<'customers.travellers.save'>): Promise<SavedTraveller>;
  remove(customerId: number, travellerId: number): Promise<void>;
}

const actions = createAction();

/** A customer's saved travellers: the profile edits them, the booking flow picks from them. */
export const useSavedTravellers = create<SavedTravellersState>((set, get) => ({
  byCustomer: {},
  error: null,
  async load(customerId) {
    try {
      const list = await call('customers.travellers.list', { customerId });
      set({ byCustomer: { ...get().byCustomer, [customerId]: list }, error: null });
      return list;
    } catch (error) {
      set({ error });
      return [];
    }
  },
  async save(input) {
    const saved = await actions.run('customers.travellers.save', input);
    await get().load(input.customerId);
    return saved;
  },
  async remove(customerId, travellerId) {
    await actions.run('customers.travellers.remove', { travellerId });
    await get().load(customerId);
  },
}));
