import type { Booking, BookingTraveller } from '../../../../shared/contract';
import { dayDifference, toLocalIso, zoneAbbreviation } from '../../../../shared/localTime';

type Item = Booking['items'][number];

/**
 * Words for documents, in one fixed US English format whatever the machine's locale: the same
 * booking prints the same on every console, and a traveller reads the clock of the airport.
 */
const day = new Intl.DateTimeFormat('en-US', { weekday: 'short', month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' });

/** "Thu, Dec 3, 2026" from 'YYYY-MM-DD…' read as a calendar date, never through a zone. */
export function calendarDay(isoDate: string): string {
  const d = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? isoDate : day.format(d);
}

/** "Thu, Dec 3, 2026 09:00 EST" at that airport; "… 14:00 UTC" when the zone is not known. */
export function localDateTime(utc: string, zone: string | undefined): string {
  if (!zone) return `${calendarDay(utc)} ${utc.slice(11, 16)} UTC`;
  const local = toLocalIso(utc, zone);
  return `${calendarDay(local)} ${local.slice(11, 16)} ${zoneAbbreviation(utc, zone)}`;
}

/** A flight's departure and arrival, each at its airport, with "+1" when it lands another local day. */
export function flightTimes(item: Pick<Item, 'startUtc' | 'endUtc' | 'startTimeZone' | 'endTimeZone'>): { departs: string; arrives: string } {
  const departs = `${localDateTime(item.startUtc, item.startTimeZone)}${item.startTimeZone ? ` (${item.startTimeZone})` : ''}`;
  let arrives = `${localDateTime(item.endUtc, item.endTimeZone)}${item.endTimeZone ? ` (${item.endTimeZone})` : ''}`;
  if (item.startTimeZone && item.endTimeZone) {
    const shift = dayDifference(toLocalIso(item.startUtc, item.startTimeZone), toLocalIso(item.endUtc, item.endTimeZone));
    if (shift !== 0) arrives += ` ${shift > 0 ? '+' : '−'}${Math.abs(shift)} day${Math.abs(shift) === 1 ? '' : 's'}`;
  }
  return { departs, arrives };
}

export function travellerName(t: Pick<BookingTraveller, 'givenNames' | 'familyName'>): string {
  return `${t.givenNames} ${t.familyName}`;
}

export const ROLE_WORDS: Record<BookingTraveller['role'], string> = { passenger: 'passenger', lead_guest: 'lead guest', driver: 'driver' };

/** A file name part from a locator or number: letters, digits and hyphens only. */
export function fileSafe(text: string): string {
  return text.replace(/[^A-Za-z0-9-]+/g, '-').slice(0, 60);
}
