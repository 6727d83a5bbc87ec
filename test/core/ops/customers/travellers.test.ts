import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, utcDay } from '../../../../shared/time';
import { GOOD_CARD, loadFixture, type Fixture } from '../../../support/fixture';
import { fails, MODES, ok, send, startTestCore, type TestCore } from '../../../support/testCore';
import { driver, leadGuest, passengers } from '../../../support/travellers';

const ADA = { givenNames: 'Ada', familyName: 'Lovelace', dateOfBirth: '1985-12-10', gender: 'female' as const,
  knownTravellerNumber: 'TT1234567', passport: { number: 'X12345678', country: 'GBR', expiry: '2034-05-01' } };
const BYRON = { givenNames: "Anne Isabella", familyName: "Noel-Byron", dateOfBirth: '1992-05-17' };

describe.each(MODES)('travellers on bookings and saved travellers, %s', (_name, mode) => {
  let t: TestCore;
  let fx: Fixture;
  const agent = () => t.tokens.agent;
  const flight = (travellers: unknown[], seats = 2) => ({ kind: 'flight' as const, flightId: fx.flightId, seats, travellers: travellers as never });
  const book = (items: unknown[], expectedTotalCents: number) => ({
    customerId: fx.customerId, expectedTotalCents, items: items as never, payment: { kind: 'card' as const, card: GOOD_CARD }, priceTolerancePct: 50,
  });

  /** Books at whatever the items cost now (the test is about travellers, not prices). */
  const bookAtPrice = async (items: unknown[]) => {
    const first = await send(t, agent(), 'bookings.create', book(items, 1));
    if (first.ok) return first.value;
    expect(first.error.code, first.error.message).toBe('PRICE_CHANGED');
    return ok(t, agent(), 'bookings.create', book(items, Number((first.error.details as { newTotalCents: number }).newTotalCents)));
  };

  beforeAll(async () => {
    t = await startTestCore(mode);
    fx = await loadFixture(t.engine);
  });
  afterAll(async () => t?.close());

  it('saves a traveller, lists it with the passport masked but for its last four, edits and removes it', async () => {
    const saved = await ok(t, agent(), 'customers.travellers.save', { customerId: fx.customerId, ...ADA });
    expect(saved).toMatchObject({ givenNames: 'Ada', familyName: 'Lovelace', dateOfBirth: '1985-12-10', knownTravellerNumber: 'TT1234567',
      passport: { last4: '5678', country: 'GBR', expiry: '2034-05-01' } });
    const listed = await ok(t, agent(), 'customers.travellers.list', { customerId: fx.customerId });
    expect(listed.map((s) => s.id)).toContain(saved.id);
    expect(JSON.stringify(listed)).not.toContain('X12345678');

    // The screen only saw the last four: left out, the passport stays as saved.
    const renamed = await ok(t, agent(), 'customers.travellers.save', { customerId: fx.customerId, travellerId: saved.id, ...ADA, passport: undefined, familyName: 'King' });
    expect(renamed).toMatchObject({ id: saved.id, familyName: 'King', passport: { last4: '5678' } });
    const cleared = await ok(t, agent(), 'customers.travellers.save', { customerId: fx.customerId, travellerId: saved.id, ...ADA, passport: null });
    expect(cleared.passport).toBeNull();

    await ok(t, agent(), 'customers.travellers.remove', { travellerId: saved.id });
    expect((await ok(t, agent(), 'customers.travellers.list', { customerId: fx.customerId })).map((s) => s.id)).not.toContain(saved.id);
    await fails(t, agent(), 'customers.travellers.remove', { travellerId: saved.id }, 'NOT_FOUND');
  });

  it('refuses names with digits, dates of birth in the future or over 120 years ago, naming the field', async () => {
    const digits = await fails(t, agent(), 'customers.travellers.save', { customerId: fx.customerId, ...ADA, givenNames: 'Ad4' }, 'VALIDATION');
    expect(digits.message).toMatch(/^givenNames: letters, spaces, hyphens and apostrophes only/);
    const tooLong = await fails(t, agent(), 'customers.travellers.save', { customerId: fx.customerId, ...ADA, familyName: 'a'.repeat(61) }, 'VALIDATION');
    expect(tooLong.message).toMatch(/^familyName: at most 60/);
    const future = await fails(t, agent(), 'customers.travellers.save', { customerId: fx.customerId, ...ADA, dateOfBirth: addDays(utcDay(Date.now()), 1) }, 'VALIDATION');
    expect(future.message).toBe('dateOfBirth: the date of birth must be in the past');
    const ancient = await fails(t, agent(), 'customers.travellers.save', { customerId: fx.customerId, ...ADA, dateOfBirth: '1890-01-01' }, 'VALIDATION');
    expect(ancient.message).toMatch(/at most 120 years/);
  });

  it('a two-seat flight books with both passengers, whom the record shows with the full passport', async () => {
    const booking = await ok(t, agent(), 'bookings.create', book([flight([ADA, BYRON])], 2 * fx.flightPriceCents));
    const again = await ok(t, agent(), 'bookings.get', { bookingId: booking.id });
    for (const b of [booking, again]) {
      expect(b.items[0]?.travellers).toEqual([
        expect.objectContaining({ role: 'passenger', givenNames: 'Ada', familyName: 'Lovelace', passport: ADA.passport, knownTravellerNumber: 'TT1234567', gender: 'female' }),
        expect.objectContaining({ role: 'passenger', givenNames: 'Anne Isabella', familyName: 'Noel-Byron', passport: null, gender: null, guestCount: null }),
      ]);
    }
  });

  it('a flight must name one passenger a seat, a held flight too: VALIDATION naming the item, nothing taken', async () => {
    const before = (await ok(t, agent(), 'flights.get', { flightId: fx.flightId })).seatsAvailable;
    const short = await fails(t, agent(), 'bookings.create', book([flight([ADA], 2)], 2 * fx.flightPriceCents), 'VALIDATION');
    expect(short.message).toBe('items[0].travellers: this flight has 2 seat(s): name one passenger a seat (1 named).');
    const hold = await ok(t, agent(), 'holds.create', { flightId: fx.flightId, seats: 3 });
    const held = await fails(t, agent(), 'bookings.create', book([{ kind: 'flight', holdId: hold.holdId, travellers: [ADA, BYRON] }], hold.priceCents), 'VALIDATION');
    expect(held.message).toMatch(/^items\[0\]\.travellers: this flight has 3 seat\(s\)/);
    expect((await ok(t, agent(), 'flights.get', { flightId: fx.flightId })).seatsAvailable).toBe(before - 3);
    const booked = await ok(t, agent(), 'bookings.create', book([{ kind: 'flight', holdId: hold.holdId, travellers: passengers(3) }], hold.priceCents));
    expect(booked.items[0]?.travellers).toHaveLength(3);
  });

  it('names the traveller and the field a booking refuses', async () => {
    const badName = await fails(t, agent(), 'bookings.create', book([flight([ADA, { ...BYRON, familyName: 'B0yron' }])], 0), 'VALIDATION');
    expect(badName.message).toMatch(/^items\[0\]\.travellers\[1\]\.familyName: letters/);
    const unborn = await fails(t, agent(), 'bookings.create', book([flight([ADA, { ...BYRON, dateOfBirth: '2199-01-01' }])], 0), 'VALIDATION');
    expect(unborn.message).toBe('items[0].travellers[1].dateOfBirth: the date of birth must be in the past (Anne Isabella Noel-Byron).');
    const lapsed = await fails(t, agent(), 'bookings.create', book([flight([{ ...ADA, passport: { ...ADA.passport, expiry: addDays(fx.departDay, -1) } }, BYRON])], 0), 'VALIDATION');
    expect(lapsed.message).toMatch(/^items\[0\]\.travellers\[0\]\.passport\.expiry: Ada Lovelace's passport expires before the flight/);
  });

  it('a stay names its lead guest and no more guests than its rooms sleep; a car a driver of 21 on the pick-up day', async () => {
    const stay = { kind: 'hotel', roomTypeId: fx.roomTypeId, checkIn: fx.checkIn, checkOut: addDays(fx.checkIn, 1), rooms: 1 };
    const crowded = await fails(t, agent(), 'bookings.create', book([{ ...stay, guests: 3, travellers: [leadGuest()] }], 0), 'VALIDATION');
    expect(crowded.message).toBe('items[0].guests: 1 room(s) of this type sleep at most 2 guest(s), not 3.');
    const pickUp = addDays(fx.checkIn, 5);
    const young = { givenNames: 'Kit', familyName: "O'Hara", dateOfBirth: addDays(pickUp.replace(/^\d{4}/, (y) => String(Number(y) - 21)), 1) };
    const car = { kind: 'car', carId: fx.carId, pickUp, dropOff: addDays(pickUp, 1) };
    const tooYoung = await fails(t, agent(), 'bookings.create', book([{ ...car, travellers: [young] }], 0), 'VALIDATION');
    expect(tooYoung.message).toMatch(/^items\[0\]\.travellers\[0\]\.dateOfBirth: the driver must be at least 21 on the pick-up date .* \(Kit O'Hara is 20\)\.$/);
    const booking = await bookAtPrice([{ ...stay, guests: 2, travellers: [leadGuest()] }, { ...car, travellers: [{ ...young, dateOfBirth: addDays(young.dateOfBirth, -1) }] }]);
    expect(booking.items.map((i) => i.travellers.map((p) => [p.role, p.familyName, p.guestCount]))).toEqual([[['lead_guest', 'Somerville', 2]], [['driver', "O'Hara", null]]]);
  });

  it('a saved traveller picked for a booking brings the passport the screen never saw; another customer\'s is refused', async () => {
    const saved = await ok(t, agent(), 'customers.travellers.save', { customerId: fx.customerId, ...ADA });
    const picked = { givenNames: saved.givenNames, familyName: saved.familyName, dateOfBirth: saved.dateOfBirth, savedTravellerId: saved.id };
    const booking = await ok(t, agent(), 'bookings.create', book([flight([picked], 1)], fx.flightPriceCents));
    expect(booking.items[0]?.travellers[0]).toMatchObject({ savedTravellerId: saved.id, passport: ADA.passport });
    // Removed meanwhile (on another console, say): a booking queued before still books with the details it names.
    await ok(t, agent(), 'customers.travellers.remove', { travellerId: saved.id });
    const late = await ok(t, agent(), 'bookings.create', book([flight([picked], 1)], fx.flightPriceCents));
    expect(late.items[0]?.travellers[0]).toMatchObject({ savedTravellerId: saved.id, givenNames: 'Ada', passport: ADA.passport });

    const other = await ok(t, agent(), 'customers.create', { email: `grace.${mode}@example.com`, firstName: 'Grace', lastName: 'Hopper' });
    const hers = await ok(t, agent(), 'customers.travellers.save', { customerId: other.id, ...BYRON });
    const refused = await fails(t, agent(), 'bookings.create', book([flight([{ ...BYRON, savedTravellerId: hers.id }], 1)], fx.flightPriceCents), 'VALIDATION');
    expect(refused.message).toBe(`items[0].travellers[0].savedTravellerId: Anne Isabella Noel-Byron is not a saved traveller of customer ${fx.customerId}.`);
  });

  it('a car booking with its driver from the helper and a one-seat flight still book together', async () => {
    const pickUp = addDays(fx.checkIn, 10);
    const booking = await bookAtPrice([flight(passengers(1), 1), { kind: 'car', carId: fx.carId, pickUp, dropOff: addDays(pickUp, 1), travellers: [driver()] }]);
    expect(booking.items.map((i) => i.travellers.length)).toEqual([1, 1]);
  });
});
