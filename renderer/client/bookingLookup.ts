import type { Booking } from '../../shared/contract';
import { call } from './contractClient';

/** The booking with this record locator (bookings.search matches locators exactly), or null. */
export async function bookingByLocator(locator: string): Promise<Booking | null> {
  const page = await call('bookings.search', { q: locator, limit: 10 });
  return page.items.find((b) => b.locator === locator) ?? null;
}
