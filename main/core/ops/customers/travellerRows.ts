import { ContractError, type Passport, type SavedTraveller, type TravellerDetails } from '../../../../shared/contract';
import type { SqlSession, SqlValue } from '../../engine/sql';

/** The traveller columns a saved traveller and a booked one share. */
export interface TravellerColumns {
  given_names: string; family_name: string; date_of_birth: string; gender: SavedTraveller['gender'];
  known_traveller_number: string | null; passport_number: string | null; passport_country: string | null; passport_expiry: string | null;
}
export interface SavedTravellerRow extends TravellerColumns { id: number; user_id: number; removed: number; provisional: number }

export function travellerColumns(t: TravellerDetails, passport: Passport | null): TravellerColumns & Record<string, SqlValue> {
  return {
    given_names: t.givenNames, family_name: t.familyName, date_of_birth: t.dateOfBirth, gender: t.gender ?? null,
    known_traveller_number: t.knownTravellerNumber ?? null,
    passport_number: passport?.number ?? null, passport_country: passport?.country ?? null, passport_expiry: passport?.expiry ?? null,
  };
}

export function passportOf(r: TravellerColumns): Passport | null {
  return r.passport_number === null || r.passport_country === null || r.passport_expiry === null
    ? null : { number: r.passport_number, country: r.passport_country, expiry: r.passport_expiry };
}

/** Outside the booking record a passport number shows only its last four. */
export function toSavedTraveller(r: SavedTravellerRow): SavedTraveller {
  const passport = passportOf(r);
  return {
    id: Number(r.id), customerId: Number(r.user_id), givenNames: r.given_names, familyName: r.family_name, dateOfBirth: r.date_of_birth,
    gender: r.gender, knownTravellerNumber: r.known_traveller_number,
    passport: passport && { last4: passport.number.slice(-4), country: passport.country, expiry: passport.expiry },
    provisional: Number(r.provisional) === 1,
  };
}

export function savedTravellerColumns(db: SqlSession): string {
  return `id, user_id, given_names, family_name, date_of_birth, gender, known_traveller_number, passport_number, passport_country, passport_expiry,
          removed, ${db.provisionalColumn()} AS provisional`;
}

/**
 * A saved traveller still kept; `customerId` given, it must be that customer's. A booking may name
 * one removed since (`includeRemoved`): the details travel with the booking, and a removal on
 * another console must not refuse a booking queued offline before it.
 */
export async function findSavedTraveller(
  db: SqlSession, travellerId: number, customerId?: number, opts: { includeRemoved?: boolean } = {},
): Promise<SavedTravellerRow | undefined> {
  const row = await db.get<SavedTravellerRow>(`SELECT ${savedTravellerColumns(db)} FROM customer_travellers WHERE id = ?`, [travellerId]);
  if (!row || (Number(row.removed) === 1 && !opts.includeRemoved)) return undefined;
  return customerId === undefined || Number(row.user_id) === customerId ? row : undefined;
}

export async function loadSavedTraveller(db: SqlSession, travellerId: number): Promise<SavedTravellerRow> {
  const row = await findSavedTraveller(db, travellerId);
  if (!row) throw new ContractError('NOT_FOUND', `No saved traveller ${travellerId}.`, { field: 'travellerId' });
  return row;
}
