import { create } from 'zustand';
import type { ChannelInput, Customer } from '../../shared/contract';
import { call, createAction } from './contractClient';

/** A customer's own fields, as the create and edit forms send them. */
export type CustomerFields = ChannelInput<'customers.create'>;

interface CustomerDirectoryState {
  /** The few best matches for what the agent typed, for a picker. */
  find(q: string): Promise<Customer[]>;
  create(fields: CustomerFields): Promise<Customer>;
  update(customerId: number, fields: CustomerFields): Promise<Customer>;
}

/** Matches a picker shows: enough to choose from without scrolling. */
const PICK_LIMIT = 8;

/**
 * One long-lived action for customer edits: it keys its opId by the input, so "Try again" after a
 * network failure reuses the opId and the core answers the first customer instead of a second one.
 */
const actions = createAction();

/**
 * Finding and adding customers from any screen: the booking, a review and a price watch all ask
 * "for whom?" with the same picker and the same "New customer" form.
 */
export const useCustomerDirectory = create<CustomerDirectoryState>(() => ({
  async find(q) {
    return (await call('customers.search', { q: q.trim(), limit: PICK_LIMIT })).items;
  },
  create(fields) {
    return actions.run('customers.create', fields);
  },
  update(customerId, fields) {
    return actions.run('customers.update', { customerId, ...fields });
  },
}));
