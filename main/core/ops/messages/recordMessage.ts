import { ContractError, type Message } from '../../../../shared/contract';
import { toDbInstant } from '../../../../shared/time';
import type { ServiceContext } from '../context';
import { insertRow } from '../insertRow';
import { runMutation } from '../runMutation';
import { subjectFor } from './composeMessage';
import { loadMessage, messageIdOf } from './messageRows';

/**
 * Records a message to a booking's customer (or `to`) as queued, exactly once per opId, then sends
 * it where the store of record is at hand. Offline the row is provisional and its op waits in the
 * outbox: the mail goes when the replayed row has committed on the server (the postman's sweep
 * after the sync), never from the device's copy.
 */
export async function recordBookingMessage(ctx: ServiceContext, input: { bookingId: number; kind: 'itinerary' | 'confirmation' | 'cancellation'; to?: string | undefined }): Promise<Message> {
  const opId = ctx.opId;
  if (!opId) throw new Error(`${ctx.channel} is a mutation and needs an opId`);
  const recorded = await runMutation(ctx, async (tx) => {
    const booking = await tx.get<{ id: number; user_id: number; locator: string; status: string; email: string }>(
      'SELECT b.id, b.user_id, b.locator, b.status, u.email FROM bookings b JOIN users u ON u.id = b.user_id WHERE b.id = ?', [input.bookingId]);
    if (!booking) throw new ContractError('NOT_FOUND', `No booking ${input.bookingId}.`, { field: 'bookingId' });
    if (input.kind === 'cancellation' && booking.status !== 'cancelled' && booking.status !== 'partially_cancelled') {
      throw new ContractError('VALIDATION', 'kind: booking ' + booking.locator + ' is not cancelled; there is no cancellation to tell the customer of.', { field: 'kind' });
    }
    if (input.kind !== 'cancellation' && booking.status === 'payment_failed') {
      throw new ContractError('VALIDATION', `bookingId: booking ${booking.locator} was not paid for; it has no itinerary to send.`, { field: 'bookingId' });
    }
    const at = toDbInstant(ctx.now());
    const id = await insertRow(tx, ctx, 'messages', {
      booking_id: input.bookingId, user_id: booking.user_id, kind: input.kind, to_address: input.to ?? booking.email,
      subject: subjectFor(input.kind, booking.locator, ctx.config.agency.name), state: 'queued', message_id: messageIdOf(opId),
      attempts: 0, created_by_admin_id: ctx.operator?.id ?? null, created_at_utc: at, updated_at_utc: at, op_id: opId,
    });
    const message = await loadMessage(tx, id);
    if (!message) throw new Error(`message ${id} vanished inside its own transaction`);
    return message;
  }, (m) => ({ entity: 'message', entityId: String(m.id), summary: `${m.kind} for booking ${m.bookingId ?? '-'} to ${m.to}` }));
  return sendNow(ctx, recorded);
}

/**
 * After the row committed: send it now, when this call reaches the store of record (not offline,
 * and not inside a replay, whose group has not committed yet), and answer the row as it is then.
 * A repeated opId answers the row as it is now, sending it if it is still queued.
 */
export async function sendNow(ctx: ServiceContext, recorded: Message): Promise<Message> {
  if (!ctx.postman || ctx.mode === 'offline' || ctx.origin === 'replay' || recorded.id < 0) return recorded;
  await ctx.postman.deliver(ctx.engine, recorded.id);
  return (await loadMessage(ctx.engine.sql, recorded.id).catch(() => undefined)) ?? recorded;
}
