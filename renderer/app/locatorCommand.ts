import { useEffect, useState } from 'react';
import type { Booking } from '../../shared/contract';
import { asLocator } from '../../shared/locator';
import { bookingByLocator } from '../client/bookingLookup';
import { navigate } from '../client/router';
import type { Command } from './commands';

/**
 * What the palette says about a query that is a record locator ("k7qm2t" too): a command that
 * opens that booking once it is found, or a line saying it is being looked up or is not there.
 */
export function useLocatorCommand(q: string): { command: Command | null; status: string | null } {
  const locator = asLocator(q);
  const [found, setFound] = useState<{ locator: string; booking: Booking | null; failed: boolean } | null>(null);
  useEffect(() => {
    if (!locator) return undefined;
    let live = true;
    bookingByLocator(locator)
      .then((booking) => { if (live) setFound({ locator, booking, failed: false }); })
      .catch(() => { if (live) setFound({ locator, booking: null, failed: true }); });
    return () => { live = false; };
  }, [locator]);
  if (!locator) return { command: null, status: null };
  if (found?.locator !== locator) return { command: null, status: `Looking for booking ${locator}…` };
  const b = found.booking;
  if (!b) return { command: null, status: found.failed ? `Booking ${locator} could not be looked up.` : `No booking ${locator}.` };
  return { command: { id: `booking-${b.id}`, label: `Open booking ${b.locator} — ${b.customerName}`, run: () => navigate(`/bookings/${b.id}`) }, status: null };
}
