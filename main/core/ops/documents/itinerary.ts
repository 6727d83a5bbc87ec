import { operation } from '../operation';
import { bookingForDocument, pdfFile } from './bookingForDocument';
import { fileSafe } from './documentText';
import { policiesOfBooking } from '../rates/propertyPolicy';
import { renderItinerary } from './itineraryPdf';

/** The itinerary PDF, from the booking as this console holds it (the device's copy offline). */
export const itineraryDocument = operation('documents.itinerary', async (ctx, input) => {
  const booking = await bookingForDocument(ctx, input.bookingId);
  const itemPolicies = await policiesOfBooking(ctx.engine.sql, ctx.config.refundPolicy, booking);
  const bytes = await renderItinerary(booking, { agency: ctx.config.agency, policy: ctx.config.refundPolicy, now: ctx.now(), itemPolicies });
  return pdfFile(`itinerary-${fileSafe(booking.locator)}.pdf`, bytes);
});
