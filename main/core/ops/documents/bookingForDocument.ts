import type { Booking } from '../../../../shared/contract';
import { loadBooking } from '../bookings/bookingRecord';
import type { ServiceContext } from '../context';

/** The booking a document is made of; a booking made offline still answers to its local id once synced. */
export async function bookingForDocument(ctx: ServiceContext, bookingId: number): Promise<Booking> {
  const synced = bookingId < 0 && ctx.sync ? await ctx.sync.serverIdOf('bookings', bookingId) : null;
  return loadBooking(ctx.engine.sql, synced ?? bookingId);
}

export const pdfFile = (fileName: string, bytes: Buffer) => ({ fileName, contentType: 'application/pdf' as const, base64: bytes.toString('base64') });
