import { create } from 'zustand';
import type { Booking, ChannelInput, PaymentMethod } from '../../../shared/contract';
import { call, createAction } from '../../client/contractClient';

export type CheckoutInput = ChannelInput<'bookings.create'>;

interface CheckoutState {
  /** Books the trip; a PRICE_CHANGED, SOLD_OUT or HOLD_EXPIRED answer comes back as the error. */
  confirm(input: CheckoutInput): Promise<Booking>;
  /** The customer's saved cards (brand and last four only). */
  savedCards(customerId: number): Promise<PaymentMethod[]>;
}

/**
 * One long-lived action for "Confirm booking": it keys its opId by the input, so "Try again"
 * after a network failure (even from a remounted screen) reuses the opId and the core answers the
 * first booking instead of making a second one.
 */
const actions = createAction();

export const useCheckout = create<CheckoutState>(() => ({
  confirm(input) {
    return actions.run('bookings.create', input);
  },
  savedCards(customerId) {
    return call('paymentMethods.list', { customerId });
  },
}));
