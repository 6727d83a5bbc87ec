import { describe, expect, it } from 'vitest';
import { nextDate, parseAvailability } from '../../../renderer/app/gdsCommand';
import { parseTravellerEntry } from '../../../renderer/features/trips/travellerEntry';

describe('a GDS availability entry', () => {
  it('reads JFKLAX 12DEC as the next 12 December from today, this year or next', () => {
    expect(parseAvailability('JFKLAX 12DEC', '2026-03-01')).toEqual({ from: 'JFK', to: 'LAX', dates: ['2026-12-12'], passengers: 1 });
    expect(parseAvailability('jfklax 12dec', '2026-12-12')?.dates).toEqual(['2026-12-12']);
    expect(parseAvailability('JFKLAX 12DEC', '2026-12-13')?.dates).toEqual(['2027-12-12']);
    expect(parseAvailability('  JFK LAX 3JAN ', '2026-12-20')?.dates).toEqual(['2027-01-03']);
  });

  it('takes a round trip whose return is the next such date after the outbound, and a seat count', () => {
    expect(parseAvailability('JFKLAX 12DEC 19DEC', '2026-03-01')).toEqual({ from: 'JFK', to: 'LAX', dates: ['2026-12-12', '2026-12-19'], passengers: 1 });
    expect(parseAvailability('JFKLAX 28DEC 03JAN 2', '2026-03-01')).toEqual({ from: 'JFK', to: 'LAX', dates: ['2026-12-28', '2027-01-03'], passengers: 2 });
    expect(parseAvailability('JFKLAX 12DEC 3P', '2026-03-01')?.passengers).toBe(3);
  });

  it('is not an entry without a date, with a date that does not exist, or from an airport to itself', () => {
    expect(parseAvailability('JFKLAX', '2026-03-01')).toBeNull();
    expect(parseAvailability('K7QM2T', '2026-03-01')).toBeNull();
    expect(parseAvailability('JFKLAX 31FEB', '2026-03-01')).toBeNull();
    expect(parseAvailability('JFKLAX 12XYZ', '2026-03-01')).toBeNull();
    expect(parseAvailability('JFKJFK 12DEC', '2026-03-01')).toBeNull();
    expect(parseAvailability('JFKLAX 12DEC 0', '2026-03-01')).toBeNull();
    expect(parseAvailability('Ada Lovelace', '2026-03-01')).toBeNull();
  });

  it('finds the next 29 February, up to four years ahead', () => {
    expect(nextDate('29FEB', '2026-03-01')).toBe('2028-02-29');
    expect(nextDate('29FEB', '2028-02-29')).toBe('2028-02-29');
  });
});

describe('a passenger typed as a GDS name entry', () => {
  it('reads FAMILY/GIVEN and the date of birth, in the case names are printed in', () => {
    expect(parseTravellerEntry('TURING/ALAN 23JUN1912')).toEqual({ familyName: 'Turing', givenNames: 'Alan', dateOfBirth: '1912-06-23' });
    expect(parseTravellerEntry("o'neil/mary-kate 1990-04-02")).toEqual({ familyName: "O'Neil", givenNames: 'Mary-Kate', dateOfBirth: '1990-04-02' });
    expect(parseTravellerEntry('VAN DER BERG/ANNA MARIE 01JAN1980')).toEqual({ familyName: 'Van Der Berg', givenNames: 'Anna Marie', dateOfBirth: '1980-01-01' });
  });

  it('is nothing without a slash, a name on each side, or a real date', () => {
    expect(parseTravellerEntry('TURING ALAN 23JUN1912')).toBeNull();
    expect(parseTravellerEntry('/ALAN 23JUN1912')).toBeNull();
    expect(parseTravellerEntry('TURING/ALAN')).toBeNull();
    expect(parseTravellerEntry('TURING/ALAN 31FEB1912')).toBeNull();
    expect(parseTravellerEntry('TURING/ALAN 1912-13-01')).toBeNull();
  });
});
