/**
 * Local time at an airport from a UTC instant and the airport's IANA zone. The offsets come from the
 * platform's time-zone database (Intl, in Node and in the browser alike), never from a table of our
 * own: a DST rule change is an ICU update, not a code change.
 */

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/**
 * The widest spread of offsets on Earth (UTC-12 to UTC+14): a local calendar day anywhere lies
 * inside [date 00:00Z - 14 h, date+1 00:00Z + 12 h), a range an index on the UTC column can scan.
 */
export const EARLIEST_OFFSET_MIN = -12 * 60;
export const LATEST_OFFSET_MIN = 14 * 60;

// Building a DateTimeFormat costs far more than using one; a search formats two instants a row.
const wallClocks = new Map<string, Intl.DateTimeFormat>();
const abbreviations = new Map<string, Intl.DateTimeFormat>();

function wallClock(zone: string): Intl.DateTimeFormat {
  let f = wallClocks.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone, hourCycle: 'h23',
      year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    wallClocks.set(zone, f);
  }
  return f;
}

function toMs(at: Date | number | string): number {
  const ms = at instanceof Date ? at.getTime() : typeof at === 'number' ? at : Date.parse(at);
  if (Number.isNaN(ms)) throw new RangeError(`not an instant: ${String(at)}`);
  return ms;
}

/** True when the platform knows the zone (an unknown name would otherwise throw deep in a format). */
export function isTimeZone(zone: string): boolean {
  try {
    wallClock(zone);
    return true;
  } catch {
    return false;
  }
}

/** The wall clock in `zone` at a UTC instant, read back as if it were UTC (milliseconds dropped). */
function wallMs(ms: number, zone: string): number {
  const p: Record<string, number> = {};
  for (const part of wallClock(zone).formatToParts(ms)) if (part.type !== 'literal') p[part.type] = Number(part.value);
  return Date.UTC(p.year ?? 1970, (p.month ?? 1) - 1, p.day ?? 1, p.hour ?? 0, p.minute ?? 0, p.second ?? 0);
}

/** Minutes `zone` is ahead of UTC at that instant: -300 for New York in winter, -240 in summer. */
export function offsetMinutes(at: Date | number | string, zone: string): number {
  const ms = toMs(at);
  const whole = Math.floor(ms / 1000) * 1000;
  return Math.round((wallMs(whole, zone) - whole) / MINUTE_MS);
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function offsetText(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** ISO-8601 local date-time with its offset: '2026-12-03T08:15:00-05:00'. */
export function toLocalIso(at: Date | number | string, zone: string): string {
  const ms = toMs(at);
  const offset = offsetMinutes(ms, zone);
  const wall = new Date(Math.floor(ms / 1000) * 1000 + offset * MINUTE_MS).toISOString().slice(0, 19);
  return `${wall}${offsetText(offset)}`;
}

/** The local calendar date ('YYYY-MM-DD') in `zone` at a UTC instant. */
export function localDate(at: Date | number | string, zone: string): string {
  const ms = toMs(at);
  return new Date(ms + offsetMinutes(ms, zone) * MINUTE_MS).toISOString().slice(0, 10);
}

/**
 * The zone's short name at that instant, as travellers read it on a ticket: EST/EDT, MST all year in
 * Phoenix, HST, AKST. Where the platform has no letters for a zone it gives 'GMT-5'; that is kept.
 */
export function zoneAbbreviation(at: Date | number | string, zone: string): string {
  let f = abbreviations.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'short' });
    abbreviations.set(zone, f);
  }
  return f.formatToParts(toMs(at)).find((p) => p.type === 'timeZoneName')?.value ?? zone;
}

/** The date part of an ISO local date-time ('2026-12-03T08:15:00-05:00' → '2026-12-03'). */
export function datePart(localIso: string): string {
  return localIso.slice(0, 10);
}

/** Local calendar days from departure to arrival, each in its own zone: the "+1" on a red-eye. */
export function dayDifference(departLocal: string, arriveLocal: string): number {
  return Math.round((Date.parse(`${datePart(arriveLocal)}T00:00:00Z`) - Date.parse(`${datePart(departLocal)}T00:00:00Z`)) / DAY_MS);
}

/**
 * The UTC instant at which the wall clock in `zone` shows `wall` (as if-UTC ms). Two rounds converge:
 * the offset at the first guess is at most one change away. Only midnights are asked for, and US
 * zones change at 02:00, so a midnight always exists exactly once.
 */
function instantOfWall(wall: number, zone: string): number {
  const first = wall - offsetMinutes(wall, zone) * MINUTE_MS;
  return wall - offsetMinutes(first, zone) * MINUTE_MS;
}

/**
 * The UTC window [start, end) of one local calendar day in `zone`: 23 hours on a spring-forward day,
 * 25 on a fall-back day.
 */
export function localDayUtcWindow(date: string, zone: string): { startMs: number; endMs: number } {
  const midnight = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(midnight)) throw new RangeError(`not a date: ${date}`);
  return { startMs: instantOfWall(midnight, zone), endMs: instantOfWall(midnight + DAY_MS, zone) };
}

/** The UTC window that holds `date` in every zone on Earth, for an index range before an exact filter. */
export function anyZoneDayUtcWindow(date: string): { startMs: number; endMs: number } {
  const midnight = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(midnight)) throw new RangeError(`not a date: ${date}`);
  return { startMs: midnight - LATEST_OFFSET_MIN * MINUTE_MS, endMs: midnight + DAY_MS - EARLIEST_OFFSET_MIN * MINUTE_MS };
}

/**
 * The UTC instant of a local wall time ('2026-12-03T08:15') at an airport, as a schedule states it;
 * null when that clock time does not exist there (skipped by a spring-forward change). In a
 * fall-back hour, which happens twice, the first (daylight) one is taken, as airline schedules do.
 */
export function utcOfLocalWall(wall: string, zone: string): number | null {
  const asUtc = Date.parse(`${wall.length === 16 ? `${wall}:00` : wall}Z`);
  if (Number.isNaN(asUtc)) throw new RangeError(`not a local date-time: ${wall}`);
  const candidates = [asUtc - offsetMinutes(asUtc - DAY_MS / 2, zone) * MINUTE_MS, asUtc - offsetMinutes(asUtc + DAY_MS / 2, zone) * MINUTE_MS]
    .filter((ms) => wallMs(ms, zone) === asUtc)
    .sort((a, b) => a - b);
  return candidates[0] ?? null;
}
