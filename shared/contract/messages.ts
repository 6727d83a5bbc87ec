import { z } from 'zod';
import { Email, Id, PageLimit, UtcInstant } from './primitives';
import { mutation, query } from './spec';

/** What a message says: the itinerary PDF, a booking confirmation, a cancellation, or a watch that fired. */
export const MessageKind = z.enum(['itinerary', 'confirmation', 'cancellation', 'watch']);
export type MessageKind = z.infer<typeof MessageKind>;

/**
 * queued: recorded, not yet accepted by the SMTP server (offline it waits in the outbox);
 * sent: the SMTP server accepted it; failed: the server could not be reached or refused it (the
 * reason says which; it waits in Needs attention); discarded: an agent gave it up, with a reason.
 */
export const MessageState = z.enum(['queued', 'sent', 'failed', 'discarded']);
export type MessageState = z.infer<typeof MessageState>;

/** One email to a customer, as recorded: every send is, whatever became of it. */
export const Message = z.object({
  id: Id,
  bookingId: Id.nullable(),
  kind: MessageKind,
  to: z.string(),
  subject: z.string(),
  state: MessageState,
  /** `<opId@tripdesk>`: the same on every attempt, so a receiver can tell a resend from a new message. */
  messageId: z.string(),
  failureReason: z.string().nullable(),
  attempts: z.number().int().nonnegative(),
  createdBy: Id.nullable(),
  createdByName: z.string().nullable(),
  createdAtUtc: UtcInstant,
  sentAtUtc: UtcInstant.nullable(),
  provisional: z.boolean(),
});
export type Message = z.infer<typeof Message>;

const Reason = z.string().trim().min(1).max(500);

/** Sends that may wait offline: the row and its outbox entry commit together; the mail goes after replay. */
const queuedSend = { offline: 'queued', localIds: { bookingId: 'bookings' }, serverIds: { id: 'messages' } } as const;

export const MessageChannels = {
  /** Emails the itinerary PDF to the booking's customer (or `to`). A bad address is VALIDATION. */
  'messages.sendItinerary': mutation('agent', z.object({ bookingId: Id, to: Email.optional() }), Message, queuedSend),
  /** A booking confirmation (with the itinerary attached) or a cancellation notice, to the customer (or `to`). */
  'messages.send': mutation('agent', z.object({ bookingId: Id, kind: z.enum(['confirmation', 'cancellation']), to: Email.optional() }), Message, queuedSend),
  /** A booking's messages, newest first; without a booking, the messages in `state` (Needs attention lists the failed ones). */
  'messages.list': query('agent', z.object({ bookingId: Id.optional(), state: MessageState.optional(), limit: PageLimit.default(100) }), z.array(Message)),
  /** Sends a failed message again (to `to` when the address was wrong), with the same Message-ID. */
  'messages.retry': mutation('agent', z.object({ messageId: Id, to: Email.optional() }), Message, { offline: 'online-only' }),
  /** Gives up a message that was not sent; the reason is kept and audited. */
  'messages.discard': mutation('agent', z.object({ messageId: Id, reason: Reason }), Message, { offline: 'online-only' }),
};
