import { z } from 'zod';
import { RefundRequest } from './domain';
import { Id } from './primitives';
import { mutation, query } from './spec';

export const RefundChannels = {
  /** The refunds queue of Needs attention: pending ones by default, oldest first. */
  'refunds.list': query('supervisor', z.object({ state: RefundRequest.shape.state.default('pending'), limit: z.number().int().min(1).max(500).default(100) }), z.array(RefundRequest)),
  /**
   * Approve (the money goes back, to the card the booking was paid with or to `paymentMethodId`,
   * another card of the customer's on file) or deny a waiting refund, with a reason. Another
   * supervisor than the one who asked decides. Online only: money moves through the gateway.
   */
  'refunds.decide': mutation('supervisor', z.object({
    refundId: Id, approve: z.boolean(), reason: z.string().trim().min(3).max(500), paymentMethodId: Id.optional(),
  }), RefundRequest, { offline: 'online-only' }),
};
