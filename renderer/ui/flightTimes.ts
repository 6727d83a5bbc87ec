import { dayDifference, toLocalIso, zoneAbbreviation } from '../../shared/localTime';
import { formatDay, formatInstant } from './format';

/**
 * Flight times as the ticket and the departure board show them: the clock at that airport with its
 * zone's name ("08:15 EST"), and "+1" on an arrival the next local day. An agent reading "08:15 UTC"
 * to a traveller in New York would send them to the airport five hours late.
 */
export interface ZonedTimes {
  departUtc: string;
  arriveUtc: string;
  departureLocal: string;
  arrivalLocal: string;
  departureTimeZone: string;
  arrivalTimeZone: string;
}

const dayFmt = new Intl.DateTimeFormat('en-US', { weekday: 'short', month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' });

/** "08:15 EST" from a local ISO date-time and its zone. */
export function formatLocalTime(localIso: string, zone: string): string {
  return `${localIso.slice(11, 16)} ${zoneAbbreviation(localIso, zone)}`;
}

/** "Thu, Dec 3, 2026" — the local calendar date, read off the local ISO text (never through UTC). */
export function formatLocalDay(localIso: string): string {
  const d = new Date(`${localIso.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? localIso : dayFmt.format(d);
}

/** "Thu, Dec 3, 2026 08:15 EST". */
export function formatLocalDateTime(localIso: string, zone: string): string {
  return `${formatLocalDay(localIso)} ${formatLocalTime(localIso, zone)}`;
}

/** "+1" (or "+2", "−1") when the flight lands on another local calendar day; '' when it is the same. */
export function dayShift(f: Pick<ZonedTimes, 'departureLocal' | 'arrivalLocal'>): string {
  const d = dayDifference(f.departureLocal, f.arrivalLocal);
  return d === 0 ? '' : d > 0 ? `+${d}` : `−${-d}`;
}

/** "11:30 PST" or "07:45 EST +1". */
export function formatArrival(f: Pick<ZonedTimes, 'departureLocal' | 'arrivalLocal' | 'arrivalTimeZone'>): string {
  const shift = dayShift(f);
  return `${formatLocalTime(f.arrivalLocal, f.arrivalTimeZone)}${shift ? ` ${shift}` : ''}`;
}

/** "Thu, Dec 3, 2026 08:15 EST → 11:30 PST": a flight in one line, for labels and lists. */
export function formatFlightTimes(f: Pick<ZonedTimes, 'departureLocal' | 'arrivalLocal' | 'departureTimeZone' | 'arrivalTimeZone'>): string {
  return `${formatLocalDateTime(f.departureLocal, f.departureTimeZone)} → ${formatArrival(f)}`;
}

/** The same from UTC instants and zones, for records that keep only the instants (booking items). */
export function zonedTimes(departUtc: string, arriveUtc: string, departureTimeZone: string, arrivalTimeZone: string): ZonedTimes {
  return {
    departUtc, arriveUtc, departureTimeZone, arrivalTimeZone,
    departureLocal: toLocalIso(departUtc, departureTimeZone), arrivalLocal: toLocalIso(arriveUtc, arrivalTimeZone),
  };
}

/**
 * When a booking item starts and ends, as the traveller reads it: a flight at each airport's clock; a
 * hotel stay or car rental on its calendar days (stored as 00:00 UTC, which is a date, not a time).
 * A flight whose zones the record lacks (a long-past one on a device) stays in UTC, labelled.
 */
export function formatItemWhen(
  item: { kind: 'flight' | 'hotel' | 'car'; startUtc: string; endUtc: string; startTimeZone?: string | undefined; endTimeZone?: string | undefined },
  end: 'start' | 'end',
): string {
  const at = end === 'start' ? item.startUtc : item.endUtc;
  if (item.kind !== 'flight') return formatDay(at);
  const zone = end === 'start' ? item.startTimeZone : item.endTimeZone;
  return zone ? formatLocalDateTime(toLocalIso(at, zone), zone) : formatInstant(at);
}
