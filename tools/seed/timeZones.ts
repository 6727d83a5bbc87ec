// Local wall-clock time at the seeded airports, through the runtime's IANA data (Intl). The flight
// stream runs per row, so Intl is asked once per zone and day up front and the rows only add a
// precomputed offset.

import { DAY_MS } from './plan';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** Whether Intl knows the zone (a typo such as 'America/Phoenix ' throws a RangeError there). */
export function isKnownTimeZone(zone: string): boolean {
  try {
    formatter(zone);
    return true;
  } catch {
    return false;
  }
}

/** Minutes to add to UTC for the wall clock in `zone` at `utcMs` (−300 for New York in winter). */
export function utcOffsetMinutes(zone: string, utcMs: number): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(zone).formatToParts(new Date(utcMs))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const wall = Date.UTC(parts.year ?? 1970, (parts.month ?? 1) - 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0);
  return Math.round((wall - Math.floor(utcMs / 60_000) * 60_000) / 60_000);
}

/**
 * Offsets of one zone for local days 0 … days − 1 of a calendar starting at `startMs` (midnight
 * UTC of day 0). US zones change at 02:00 local, so the offset a day has from then on is what
 * its flights (06:00–22:00) see; the hour after midnight keeps the previous day's.
 */
export class ZoneDays {
  private readonly offsets: Int16Array;

  constructor(readonly zone: string, startMs: number, days: number) {
    this.offsets = new Int16Array(days + 1);
    // Index 0 is the day before day 0; 18:00 UTC is past 02:00 local everywhere in the US.
    for (let d = -1; d < days; d++) this.offsets[d + 1] = utcOffsetMinutes(zone, startMs + d * DAY_MS + 18 * 3_600_000);
  }

  /** The offset for local times from 02:00 on local day `day`. */
  offsetOfDay(day: number): number {
    const i = Math.min(Math.max(day + 1, 0), this.offsets.length - 1);
    return this.offsets[i] as number;
  }

  /** Minutes after midnight UTC of day 0 for `minute` past local midnight of local day `day`. */
  toUtcMinute(day: number, minute: number): number {
    return day * 1440 + minute - this.offsetOfDay(day);
  }

  /** The local calendar day (index) of an instant given in minutes after midnight UTC of day 0. */
  localDayOf(utcMinute: number): number {
    let local = utcMinute + this.offsetOfDay(Math.floor(utcMinute / 1440));
    let day = Math.floor(local / 1440);
    const offset = this.offsetOfDay(day);
    local = utcMinute + offset;
    day = Math.floor(local / 1440);
    // Before 02:00 on a change day the previous day's offset still holds.
    if (local - day * 1440 < 120 && this.offsetOfDay(day - 1) !== this.offsetOfDay(day)) {
      day = Math.floor((utcMinute + this.offsetOfDay(day - 1)) / 1440);
    }
    return day;
  }
}
