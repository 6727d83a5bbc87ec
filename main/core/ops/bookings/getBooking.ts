import { loadBooking } from './bookingRecord';
import { operation } from '../operation';

/** A booking made offline keeps answering to its local id after it synced (the screen may still hold it). */
export const getBooking = operation('bookings.get', async (ctx, input) => {
  const synced = input.bookingId < 0 && ctx.sync ? await ctx.sync.serverIdOf('bookings', input.bookingId) : null;
  return loadBooking(ctx.engine.sql, synced ?? input.bookingId);
});
