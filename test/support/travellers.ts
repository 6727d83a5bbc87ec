import type { BookingTravellerInput } from '../../shared/contract';

const GIVEN = ['Ada', 'Grace', 'Alan', 'Edsger', 'Barbara', 'Donald', 'Frances', 'Ken', 'Radia'];

/** `n` valid passengers, one a seat, each with another given name so a record shows who is who. */
export function passengers(n: number, familyName = 'Lovelace'): BookingTravellerInput[] {
  return Array.from({ length: n }, (_, i) => ({ givenNames: GIVEN[i % GIVEN.length] ?? 'Ada', familyName, dateOfBirth: `19${80 + i}-03-1${i % 10}` }));
}

/** A stay's lead guest. */
export const leadGuest = (): BookingTravellerInput => ({ givenNames: 'Mary', familyName: 'Somerville', dateOfBirth: '1975-12-26' });

/** A car's driver, well past 21 on any pick-up day. */
export const driver = (): BookingTravellerInput => ({ givenNames: 'Bertha', familyName: 'Benz', dateOfBirth: '1970-05-03' });
