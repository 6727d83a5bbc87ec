import { z } from 'zod';
import { Id, IsoDate, Ok } from './primitives';
import { mutation, query } from './spec';

/** As printed on the ID: letters (any script), spaces, hyphens, apostrophes. */
const Name = z.string().trim().min(1, 'at least one letter').max(60, 'at most 60 characters')
  .regex(/^[\p{L}\p{M}][\p{L}\p{M} '’-]*$/u, 'letters, spaces, hyphens and apostrophes only');

export const Gender = z.enum(['female', 'male', 'unspecified']);

export const Passport = z.object({
  number: z.string().trim().toUpperCase().regex(/^[A-Z0-9]{5,9}$/, 'a passport number: 5 to 9 letters and digits'),
  /** The issuing country as printed on the passport: ISO 3166 alpha-3 such as USA. */
  country: z.string().trim().toUpperCase().regex(/^[A-Z]{3}$/, 'a three-letter country code such as USA'),
  expiry: IsoDate,
});
export type Passport = z.infer<typeof Passport>;

/** Known traveller number (TSA PreCheck, Global Entry): 8 to 10 letters and digits. */
const KnownTravellerNumber = z.string().trim().toUpperCase().regex(/^[A-Z0-9]{8,10}$/, 'a known traveller number: 8 to 10 letters and digits');

/** Who travels, as on their ID. The date of birth's range (past, at most 120 years) needs today: `dateOfBirthProblem`. */
export const TravellerDetails = z.object({
  givenNames: Name,
  familyName: Name,
  dateOfBirth: IsoDate,
  gender: Gender.nullable().optional(),
  knownTravellerNumber: KnownTravellerNumber.nullable().optional(),
  passport: Passport.nullable().optional(),
});
export type TravellerDetails = z.infer<typeof TravellerDetails>;

/**
 * A traveller on a booking item. Picked from the customer's saved travellers, it names the saved
 * one; a passport left out is then taken from the saved traveller (lists show it masked, so the
 * screen never holds the full number to send back).
 */
export const BookingTravellerInput = TravellerDetails.extend({ savedTravellerId: Id.optional() });
export type BookingTravellerInput = z.infer<typeof BookingTravellerInput>;

export const TravellerRole = z.enum(['passenger', 'lead_guest', 'driver']);

/** A traveller as booked: a copy of the details at booking time, passport in full (the record shows it). */
export const BookingTraveller = z.object({
  id: Id,
  role: TravellerRole,
  givenNames: z.string(),
  familyName: z.string(),
  dateOfBirth: IsoDate,
  gender: Gender.nullable(),
  knownTravellerNumber: z.string().nullable(),
  passport: Passport.nullable(),
  /** The stay's guests, lead guest included (lead guest only). */
  guestCount: z.number().int().nullable(),
  savedTravellerId: Id.nullable(),
});
export type BookingTraveller = z.infer<typeof BookingTraveller>;

/** A saved traveller as lists show it: the passport number masked but for its last four. */
export const SavedTraveller = z.object({
  id: Id,
  customerId: Id,
  givenNames: z.string(),
  familyName: z.string(),
  dateOfBirth: IsoDate,
  gender: Gender.nullable(),
  knownTravellerNumber: z.string().nullable(),
  passport: z.object({ last4: z.string(), country: z.string(), expiry: IsoDate }).nullable(),
  provisional: z.boolean(),
});
export type SavedTraveller = z.infer<typeof SavedTraveller>;

/** Years completed on `day` by someone born on `dateOfBirth` (both YYYY-MM-DD). */
export function ageOn(dateOfBirth: string, day: string): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** Why a date of birth cannot be, as of `today` (YYYY-MM-DD, UTC), or null. */
export function dateOfBirthProblem(dateOfBirth: string, today: string): string | null {
  if (dateOfBirth >= today) return 'the date of birth must be in the past';
  if (ageOn(dateOfBirth, today) >= 120) return 'the date of birth must be at most 120 years ago';
  return null;
}

export const TravellerChannels = {
  /** The customer's saved travellers, oldest first; removed ones are left out. */
  'customers.travellers.list': query('agent', z.object({ customerId: Id }), z.array(SavedTraveller)),
  /**
   * Adds a saved traveller, or with `travellerId` replaces one's details. On a replace, a passport
   * left out keeps the one saved (the screen only ever saw its last four); null clears it.
   */
  'customers.travellers.save': mutation('agent', TravellerDetails.extend({ customerId: Id, travellerId: Id.optional() }), SavedTraveller, {
    offline: 'queued', localIds: { customerId: 'users', travellerId: 'customer_travellers' }, serverIds: { id: 'customer_travellers' },
  }),
  'customers.travellers.remove': mutation('agent', z.object({ travellerId: Id }), Ok, { offline: 'queued', localIds: { travellerId: 'customer_travellers' } }),
};
