import { z } from 'zod';
import { Id } from './primitives';
import { query } from './spec';

/** A document the core made, ready to save or print: the same bytes on the desktop, the headless server and offline. */
export const DocumentFile = z.object({
  fileName: z.string().regex(/^[A-Za-z0-9._-]{1,120}\.pdf$/, 'a PDF file name'),
  contentType: z.literal('application/pdf'),
  base64: z.string().min(1),
});
export type DocumentFile = z.infer<typeof DocumentFile>;

export const DocumentChannels = {
  /** The customer's itinerary: travellers, each segment in local time, stays and cars, shareable remarks, the refund policy. */
  'documents.itinerary': query('agent', z.object({ bookingId: Id }), DocumentFile),
  /**
   * The booking's invoice. Its number is given the first time it is asked for where numbers are
   * given (online, or standalone) and kept: later calls re-render the same number, on any console.
   * Offline, or for a booking not yet synced, the invoice says it is provisional.
   */
  'documents.invoice': query('agent', z.object({ bookingId: Id }), DocumentFile),
};
