import {
  ageOn, ContractError, dateOfBirthProblem, type BookingItemInput, type BookingTraveller, type BookingTravellerInput, type Passport,
} from '../../../../shared/contract';
import { placeholders, type SqlSession } from '../../engine/sql';
import type { ServiceContext } from '../context';
import { insertRow } from '../insertRow';
import { findSavedTraveller, passportOf, travellerColumns, type TravellerColumns } from '../customers/travellerRows';
import type { ReservedLine } from './reserveItems';

/** The age a car's driver must have reached on the pick-up day. */
export const MIN_DRIVER_AGE = 21;

export interface BookingTravellerRow extends TravellerColumns {
  id: number; booking_id: number; booking_item_id: number; traveller_role: BookingTraveller['role'];
  guest_count: number | null; customer_traveller_id: number | null;
}

/** A traveller checked against its item, ready to be written with the booking. */
export interface CheckedTraveller {
  role: BookingTraveller['role'];
  input: BookingTravellerInput;
  passport: Passport | null;
  guestCount: number | null;
}

const refuse = (field: string, message: string, details: Record<string, unknown> = {}): never => {
  throw new ContractError('VALIDATION', `${field}: ${message}`, { field, ...details });
};
const at = (i: number, j?: number) => (j === undefined ? `items[${i}].travellers` : `items[${i}].travellers[${j}]`);
const nameOf = (t: BookingTravellerInput) => `${t.givenNames} ${t.familyName}`;

/**
 * What needs only the input and today: dates of birth, saved travellers being the customer's (a
 * left-out passport is taken from the saved one), a car's driver's age on the pick-up day. Runs
 * before any inventory is taken.
 */
export async function checkTravellerDetails(tx: SqlSession, items: BookingItemInput[], customerId: number, today: string): Promise<CheckedTraveller[][]> {
  const out: CheckedTraveller[][] = [];
  for (const [i, item] of items.entries()) {
    const role: BookingTraveller['role'] = item.kind === 'flight' ? 'passenger' : item.kind === 'hotel' ? 'lead_guest' : 'driver';
    const checked: CheckedTraveller[] = [];
    for (const [j, t] of item.travellers.entries()) {
      const problem = dateOfBirthProblem(t.dateOfBirth, today);
      if (problem) refuse(`${at(i, j)}.dateOfBirth`, `${problem} (${nameOf(t)}).`);
      let passport = t.passport ?? null;
      if (t.savedTravellerId !== undefined) {
        const saved = await findSavedTraveller(tx, t.savedTravellerId, customerId, { includeRemoved: true });
        if (!saved) refuse(`${at(i, j)}.savedTravellerId`, `${nameOf(t)} is not a saved traveller of customer ${customerId}.`);
        if (t.passport === undefined && saved) passport = passportOf(saved);
      }
      if (item.kind === 'car' && ageOn(t.dateOfBirth, item.pickUp) < MIN_DRIVER_AGE) {
        refuse(`${at(i, j)}.dateOfBirth`, `the driver must be at least ${MIN_DRIVER_AGE} on the pick-up date ${item.pickUp} (${nameOf(t)} is ${ageOn(t.dateOfBirth, item.pickUp)}).`,
          { minimumAge: MIN_DRIVER_AGE });
      }
      checked.push({ role, input: t, passport, guestCount: item.kind === 'hotel' ? item.guests : null });
    }
    out.push(checked);
  }
  return out;
}

/**
 * What needs the inventory taken: one passenger a seat (a hold's seats too), the stay's guests
 * within what its rooms sleep, a passport valid on the day of the flight.
 */
export async function checkTravellersAgainstLines(tx: SqlSession, items: BookingItemInput[], lines: ReservedLine[], travellers: CheckedTraveller[][]): Promise<void> {
  for (const [i, item] of items.entries()) {
    const line = lines[i];
    const named = travellers[i] ?? [];
    if (!line) continue;
    if (item.kind === 'flight') {
      if (named.length !== line.quantity) {
        refuse(at(i), `this flight has ${line.quantity} seat(s): name one passenger a seat (${named.length} named).`, { seats: line.quantity, named: named.length });
      }
      const flightDay = line.startUtc.slice(0, 10);
      for (const [j, t] of named.entries()) {
        if (t.passport && t.passport.expiry < flightDay) refuse(`${at(i, j)}.passport.expiry`, `${nameOf(t.input)}'s passport expires before the flight on ${flightDay}.`);
      }
    } else if (item.kind === 'hotel') {
      const rt = await tx.get<{ max_guests: number }>('SELECT max_guests FROM hotel_room_types WHERE id = ?', [item.roomTypeId]);
      const sleeps = Number(rt?.max_guests ?? 0) * item.rooms;
      if (item.guests > sleeps) {
        refuse(`items[${i}].guests`, `${item.rooms} room(s) of this type sleep at most ${sleeps} guest(s), not ${item.guests}.`, { maxGuests: sleeps });
      }
    }
  }
}

/** Writes each item's travellers with the booking, in the order named (replay pairs local and server ids by it). */
export async function insertTravellers(
  tx: SqlSession, ctx: ServiceContext, bookingId: number, itemIds: number[], travellers: CheckedTraveller[][],
): Promise<BookingTravellerRow[]> {
  const rows: BookingTravellerRow[] = [];
  for (const [i, named] of travellers.entries()) {
    const itemId = itemIds[i];
    if (itemId === undefined) continue;
    for (const t of named) {
      const row = {
        booking_id: bookingId, booking_item_id: itemId, traveller_role: t.role, ...travellerColumns(t.input, t.passport),
        guest_count: t.role === 'lead_guest' ? t.guestCount : null, customer_traveller_id: t.input.savedTravellerId ?? null,
      };
      const id = await insertRow(tx, ctx, 'booking_travellers', row);
      rows.push({ id, ...row });
    }
  }
  return rows;
}

export function toBookingTraveller(r: BookingTravellerRow): BookingTraveller {
  return {
    id: Number(r.id), role: r.traveller_role, givenNames: r.given_names, familyName: r.family_name, dateOfBirth: r.date_of_birth,
    gender: r.gender, knownTravellerNumber: r.known_traveller_number, passport: passportOf(r),
    guestCount: r.guest_count === null ? null : Number(r.guest_count),
    savedTravellerId: r.customer_traveller_id === null ? null : Number(r.customer_traveller_id),
  };
}

export async function loadBookingTravellers(db: SqlSession, bookingIds: number[]): Promise<BookingTravellerRow[]> {
  if (bookingIds.length === 0) return [];
  return db.all<BookingTravellerRow>(`SELECT * FROM booking_travellers WHERE booking_id IN (${placeholders(bookingIds.length)}) ORDER BY ABS(id)`, bookingIds);
}
