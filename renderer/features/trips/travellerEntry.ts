import type { BookingTravellerInput, SavedTraveller } from '../../../shared/contract';

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

/** "HOPPER" → "Hopper", "O'BRIEN-SMITH" → "O'Brien-Smith": names as on the ID, typed in capitals as a GDS has them. */
const nameCase = (s: string) => s.toLowerCase().replace(/(^|[\s'’-])(\p{L})/gu, (_, sep: string, ch: string) => sep + ch.toUpperCase());

function birthDate(text: string): string | null {
  const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const gds = /^(\d{1,2})([A-Z]{3})(\d{4})$/.exec(text);
  let y: number; let m: number; let d: number;
  if (isoDate) [y, m, d] = [Number(isoDate[1]), Number(isoDate[2]) - 1, Number(isoDate[3])];
  else if (gds && MONTHS.includes(gds[2]!)) [y, m, d] = [Number(gds[3]), MONTHS.indexOf(gds[2]!), Number(gds[1])];
  else return null;
  const date = new Date(Date.UTC(y, m, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

/**
 * A passenger typed as a GDS name entry: `HOPPER/GRACE 09DEC1906` (family/given, then the date of
 * birth as DDMMMYYYY or YYYY-MM-DD). The contract still checks the rest (letters only, a past date).
 */
export function parseTravellerEntry(text: string): BookingTravellerInput | null {
  const m = /^([^/\d]+)\/([^/\d]+?)\s+(\S+)$/u.exec(text.trim().toUpperCase());
  if (!m) return null;
  const dateOfBirth = birthDate(m[3]!);
  const familyName = nameCase(m[1]!.trim());
  const givenNames = nameCase(m[2]!.trim());
  if (!dateOfBirth || !familyName || !givenNames) return null;
  return { familyName, givenNames, dateOfBirth };
}

/** A saved traveller as booked: the passport, shown masked in lists, is taken from the saved record by the core. */
export function fromSaved(s: SavedTraveller): BookingTravellerInput {
  return {
    givenNames: s.givenNames, familyName: s.familyName, dateOfBirth: s.dateOfBirth, gender: s.gender,
    knownTravellerNumber: s.knownTravellerNumber, savedTravellerId: s.id,
  };
}
