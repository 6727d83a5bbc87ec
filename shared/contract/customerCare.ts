import { z } from 'zod';
import { Customer } from './domain';
import { Id } from './primitives';
import { mutation } from './spec';

/** What moved from the merged record to the kept one, per kind. */
export const CustomerMerge = z.object({
  kept: Customer,
  merged: Customer,
  moved: z.object({
    bookings: z.number().int(), payments: z.number().int(), paymentMethods: z.number().int(), holds: z.number().int(),
    travellers: z.number().int(), remarks: z.number().int(), messages: z.number().int(), watches: z.number().int(), reviews: z.number().int(),
  }),
});
export type CustomerMerge = z.infer<typeof CustomerMerge>;

export const CustomerErasure = z.object({
  customer: Customer,
  erased: z.object({ travellers: z.number().int(), bookingTravellers: z.number().int(), remarks: z.number().int(), messages: z.number().int(), watches: z.number().int() }),
});
export type CustomerErasure = z.infer<typeof CustomerErasure>;

/** Both change every console's copy of a customer at once: they need the store of record. */
export const CustomerCareChannels = {
  /** Moves everything of `mergeId` (bookings, cards, travellers, watches, remarks…) to `keepId`, which stays. */
  'customers.merge': mutation('supervisor', z.object({ keepId: Id, mergeId: Id }).refine((m) => m.keepId !== m.mergeId, {
    message: 'a customer cannot be merged into itself', path: ['mergeId'],
  }), CustomerMerge, { offline: 'online-only' }),
  /** Anonymises the customer's personal data everywhere; bookings and billing stay for the accounts. */
  'customers.erase': mutation('supervisor', z.object({ customerId: Id, reason: z.string().trim().min(3).max(500) }), CustomerErasure, { offline: 'online-only' }),
};
