import { operation } from '../operation';
import { recordBookingMessage } from './recordMessage';

/** Emails the itinerary PDF (documents.itinerary's) to the booking's customer, or to `to`. */
export const sendItinerary = operation('messages.sendItinerary', async (ctx, input) =>
  recordBookingMessage(ctx, { bookingId: input.bookingId, kind: 'itinerary', to: input.to }));
