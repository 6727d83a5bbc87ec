import { operation } from '../operation';
import { recordBookingMessage } from './recordMessage';

/** A booking confirmation (the itinerary attached) or a cancellation notice, as messages.sendItinerary sends. */
export const sendBookingMessage = operation('messages.send', async (ctx, input) =>
  recordBookingMessage(ctx, { bookingId: input.bookingId, kind: input.kind, to: input.to }));
