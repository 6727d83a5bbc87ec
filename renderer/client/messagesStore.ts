import { create } from 'zustand';
import type { Message } from '../../shared/contract';
import { call } from './contractClient';

interface MessagesState {
  /** Each booking's messages, newest first, as messages.list answered. */
  byBooking: Record<number, Message[]>;
  /** Messages that were not sent (state failed), for Needs attention. */
  unsent: Message[];
  load(bookingId: number): Promise<void>;
  loadUnsent(): Promise<void>;
  /** The customer's email on file, for the dialog's default address. */
  customerEmail(customerId: number): Promise<string>;
  /** Emails the itinerary (to the customer when `to` is empty); answers the recorded message. */
  sendItinerary(bookingId: number, to: string | null): Promise<Message>;
  retry(messageId: number, to?: string): Promise<Message>;
  discard(messageId: number, reason: string): Promise<Message>;
}

/** Customers' emails: sent from the booking record, retried or discarded from Needs attention. */
export const useMessages = create<MessagesState>((set, get) => {
  /** Puts a message's new state where the screens show it. */
  const remember = (m: Message) => {
    const { byBooking, unsent } = get();
    const list = m.bookingId === null ? null : byBooking[m.bookingId] ?? [];
    set({
      byBooking: list === null || m.bookingId === null ? byBooking : { ...byBooking, [m.bookingId]: [m, ...list.filter((x) => x.id !== m.id)] },
      unsent: m.state === 'failed' ? [m, ...unsent.filter((x) => x.id !== m.id)] : unsent.filter((x) => x.id !== m.id),
    });
    return m;
  };
  return {
    byBooking: {},
    unsent: [],
    async load(bookingId) {
      const list = await call('messages.list', { bookingId });
      set({ byBooking: { ...get().byBooking, [bookingId]: list } });
    },
    async loadUnsent() {
      set({ unsent: await call('messages.list', { state: 'failed' }) });
    },
    async customerEmail(customerId) {
      return (await call('customers.get', { customerId })).email;
    },
    async sendItinerary(bookingId, to) {
      return remember(await call('messages.sendItinerary', { bookingId, ...(to ? { to } : {}) }));
    },
    async retry(messageId, to) {
      return remember(await call('messages.retry', { messageId, ...(to ? { to } : {}) }));
    },
    async discard(messageId, reason) {
      return remember(await call('messages.discard', { messageId, reason }));
    },
  };
});
