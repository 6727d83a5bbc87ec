/**
 * Instants are stored as 'YYYY-MM-DD HH:MM:SS.mmm' UTC text in both engines (what MySQL
 * DATETIME(3) returns with dateStrings) and travel over the contract as ISO-8601 with 'Z'.
 */
// A mutation formats the same millisecond several times (now, the row's timestamps, the op's),
// with another instant in between (a hold's expiry): the last two are kept.
let lastMs = Number.NaN;
let lastText = '';
let priorMs = Number.NaN;
let priorText = '';

export function toDbInstant(at: Date | number | string): string {
  const ms = at instanceof Date ? at.getTime() : typeof at === 'number' ? at : new Date(at).getTime();
  if (Number.isNaN(ms)) throw new RangeError(`not an instant: ${String(at)}`);
  if (ms === lastMs) return lastText;
  if (ms === priorMs) return priorText;
  const text = new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
  priorMs = lastMs;
  priorText = lastText;
  lastMs = ms;
  lastText = text;
  return text;
}

export function fromDbInstant(text: string): string {
  // MySQL may drop the millisecond part for whole seconds in some drivers; normalise.
  const [date, time = '00:00:00'] = text.split(' ');
  const withMs = time.includes('.') ? time.padEnd(12, '0') : `${time}.000`;
  return `${date}T${withMs}Z`;
}

export const DAY_MS = 86_400_000;

/** 'YYYY-MM-DD' of a UTC instant. */
export function utcDay(at: Date | number): string {
  return new Date(at).toISOString().slice(0, 10);
}

/** Every calendar day from `from` up to but not including `to` (both 'YYYY-MM-DD'). */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  const end = Date.parse(`${to}T00:00:00Z`);
  for (let t = Date.parse(`${from}T00:00:00Z`); t < end; t += DAY_MS) days.push(utcDay(t));
  return days;
}

export function addDays(day: string, n: number): string {
  return utcDay(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS);
}
