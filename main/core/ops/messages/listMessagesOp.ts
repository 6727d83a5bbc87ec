import { operation } from '../operation';
import { listMessages } from './messageRows';

/** A booking's messages (the booking record's Messages card), or those in a state (Needs attention: failed). */
export const listMessagesOp = operation('messages.list', async (ctx, input) => {
  // A booking made offline answers to its local id once synced, as documents do.
  const synced = input.bookingId !== undefined && input.bookingId < 0 && ctx.sync ? await ctx.sync.serverIdOf('bookings', input.bookingId) : null;
  return listMessages(ctx.engine.sql, { bookingId: synced ?? input.bookingId, state: input.state, limit: input.limit });
});
