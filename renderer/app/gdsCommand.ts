import { useEffect, useState } from 'react';
import type { TripOption } from '../../shared/contract';
import { localDate } from '../../shared/localTime';
import { useTripSearch } from '../client/tripSearchStore';
import { formatCents } from '../ui/format';
import { formatArrival, formatLocalTime } from '../ui/flightTimes';
import type { Command } from './commands';

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

/** An availability entry as a GDS takes it: `JFKLAX 12DEC`, `JFKLAX 12DEC 19DEC` (round trip), `… 2` for two seats. */
export interface AvailabilityEntry { from: string; to: string; dates: string[]; passengers: number }

const ENTRY = /^([A-Z]{3})\s*([A-Z]{3})\s+(\d{1,2}[A-Z]{3})(?:\s+(\d{1,2}[A-Z]{3}))?(?:\s+(\d)P?)?$/;

const iso = (y: number, m: number, d: number) => `${y}-${String(m + 1).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** The next `12DEC` on or after `onOrAfter` (YYYY-MM-DD): this year's, or next year's once it has passed; null for 31FEB. */
export function nextDate(ddmmm: string, onOrAfter: string): string | null {
  const m = /^(\d{1,2})([A-Z]{3})$/.exec(ddmmm);
  const month = m ? MONTHS.indexOf(m[2]!) : -1;
  if (!m || month < 0) return null;
  const day = Number(m[1]);
  const start = Number(onOrAfter.slice(0, 4));
  // A 29FEB may be up to four years ahead; every other date within a year.
  for (let y = start; y <= start + 4; y++) {
    const date = new Date(Date.UTC(y, month, day));
    if (date.getUTCMonth() !== month || date.getUTCDate() !== day) continue;
    const text = iso(y, month, day);
    if (text >= onOrAfter) return text;
  }
  return null;
}

/**
 * `JFKLAX 12DEC [19DEC] [2]` against today's date in the agent's zone: each date is the next such date
 * (the return's the next on or after the outbound), so `28DEC 03JAN` is a trip over New Year.
 */
export function parseAvailability(text: string, today: string): AvailabilityEntry | null {
  const m = ENTRY.exec(text.trim().toUpperCase());
  if (!m) return null;
  const [, from, to, out, back, pax] = m;
  if (!from || !to || !out || from === to) return null;
  const outDate = nextDate(out, today);
  if (!outDate) return null;
  const dates = [outDate];
  if (back) {
    const backDate = nextDate(back, outDate);
    if (!backDate) return null;
    dates.push(backDate);
  }
  const passengers = pax ? Number(pax) : 1;
  if (passengers < 1) return null;
  return { from, to, dates, passengers };
}

/** Today's date where the agent sits (the browser's zone), not in UTC. */
export function agentToday(now = Date.now()): string {
  return localDate(now, Intl.DateTimeFormat().resolvedOptions().timeZone);
}

/** "AA 12 08:00 EST → 11:15 PST · nonstop" / "… · via ORD 1 h 05". */
export function optionLabel(option: TripOption): string {
  return option.legs.map((leg) => {
    const first = leg.segments[0]!;
    const last = leg.segments[leg.segments.length - 1]!;
    const via = leg.connections.map((c) => `via ${c.airport} ${Math.floor(c.minutes / 60)} h ${String(c.minutes % 60).padStart(2, '0')}`);
    return `${leg.segments.map((s) => s.flightNumber).join(' + ')} ${first.from} ${formatLocalTime(first.departureLocal, first.departureTimeZone)}`
      + ` → ${last.to} ${formatArrival({ ...last, departureLocal: first.departureLocal })} · ${via.length ? via.join(', ') : 'nonstop'}`;
  }).join('  |  ');
}

/**
 * The palette's availability: an entry typed as a GDS takes it lists whole-trip options (trips.search,
 * one connection at most), cheapest first; Enter on one holds it (`onPick`).
 */
export function useAvailabilityCommands(q: string, onPick: (option: TripOption, seats: number) => void): { commands: Command[]; status: string | null } {
  const entry = parseAvailability(q, agentToday());
  const key = entry ? `${entry.from}${entry.to} ${entry.dates.join(' ')} ${entry.passengers}` : null;
  const [found, setFound] = useState<{ key: string; options: TripOption[]; failed: string | null } | null>(null);
  useEffect(() => {
    if (!entry || !key) return undefined;
    let live = true;
    const legs = entry.dates.map((date, i) => (i === 0 ? { from: entry.from, to: entry.to, date } : { from: entry.to, to: entry.from, date }));
    useTripSearch.getState().search({ legs, passengers: entry.passengers, maxStops: 1, limit: 20 })
      .then((options) => { if (live) setFound({ key, options, failed: null }); })
      .catch((err: unknown) => { if (live) setFound({ key, options: [], failed: err instanceof Error ? err.message : 'the search failed' }); });
    return () => { live = false; };
    // `key` says everything `entry` does.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  if (!entry || !key) return { commands: [], status: null };
  const what = `${entry.from}→${entry.to} ${entry.dates.join(' / ')}, ${entry.passengers} seat${entry.passengers === 1 ? '' : 's'}`;
  if (found?.key !== key) return { commands: [], status: `Searching ${what}…` };
  if (found.failed) return { commands: [], status: `${what}: ${found.failed}` };
  if (found.options.length === 0) return { commands: [], status: `Nothing available ${what}.` };
  return {
    commands: found.options.map((o) => ({
      id: `trip-${o.key}`, label: `${optionLabel(o)} · ${formatCents(o.totalCents)}`, hint: `Hold ${entry.passengers}`, stay: true,
      run: () => onPick(o, entry.passengers),
    })),
    status: null,
  };
}
