import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelOutput } from '../../../../shared/contract';
import { addDays } from '../../../../shared/time';
import { GOOD_CARD, loadFixture, type Fixture } from '../../../support/fixture';
import { fails, MODES, OPERATORS, ok, startTestCore, type CoreMode, type TestCore } from '../../../support/testCore';
import { driver, leadGuest, passengers } from '../../../support/travellers';

type Booking = ChannelOutput<'bookings.create'>;

function describeOverbookingSuite(mode: CoreMode): void {
  let t: TestCore;
  let fx: Fixture;
  let agent: string;
  let supervisor: string;

  beforeAll(async () => {
    t = await startTestCore(mode, { env: { TRIPDESK_DEMO_DATA: '0' } });
    fx = await loadFixture(t.engine);
    agent = t.tokens.agent;
    supervisor = t.tokens.supervisor;
  });
  afterAll(async () => { await t?.close(); });

  const bookFlight = (flightId: number, seats: number, priceCents: number): Promise<Booking> => ok(t, agent, 'bookings.create', {
    customerId: fx.customerId, items: [{ kind: 'flight', flightId, seats, travellers: passengers(seats) }],
    // Saved with the booking: a move that costs more is charged to it.
    payment: { kind: 'card', card: GOOD_CARD, save: true }, expectedTotalCents: seats * priceCents,
  });
  const itemOf = (b: Booking) => b.items[0]?.id ?? 0;
  const shortfallOf = async (key: string) => (await ok(t, supervisor, 'overbookings.list', {})).find((s) => s.key === key);

  describe('a flight set below the seats sold', () => {
    let a: Booking; let b: Booking; let c: Booking; let d: Booking;
    let pricey: number;

    beforeAll(async () => {
      a = await bookFlight(fx.flightId, 2, 25_000);
      b = await bookFlight(fx.flightId, 1, 25_000);
      c = await bookFlight(fx.flightId, 1, 25_000);
      d = await bookFlight(fx.flightId, 1, 25_000);
      const saved = await ok(t, supervisor, 'catalog.flights.save', {
        flightNumber: 'TD 77', airline: 'TripDesk Air', from: 'JFK', to: 'LAX',
        departureLocal: `${fx.departDay}T12:00`, arrivalLocal: `${fx.departDay}T15:30`, seatsTotal: 20, priceCents: 30_000,
      });
      pricey = saved.flight.id;
    });

    it('is refused unless the supervisor accepts the overbooking; then the flight stays full and is listed with every booking on it', async () => {
      const refused = await fails(t, supervisor, 'inventory.flights.update', { flightId: fx.flightId, seatsTotal: 0 }, 'CONFLICT');
      expect(refused.details).toMatchObject({ soldOrHeld: 5, requested: 0 });
      expect(await ok(t, supervisor, 'overbookings.list', {})).toEqual([]);

      const flight = await ok(t, supervisor, 'inventory.flights.update', { flightId: fx.flightId, seatsTotal: 0, allowOverbooking: true });
      // Nothing more is sold: the seats sold stay sold, none are left.
      expect([flight.seatsTotal, flight.seatsAvailable]).toEqual([5, 0]);
      await fails(t, agent, 'bookings.create', {
        customerId: fx.customerId, items: [{ kind: 'flight', flightId: fx.flightId, seats: 1, travellers: passengers(1) }],
        payment: { kind: 'card', card: GOOD_CARD }, expectedTotalCents: 25_000,
      }, 'SOLD_OUT');

      const short = await shortfallOf(`flight:${fx.flightId}`);
      expect(short).toMatchObject({ kind: 'flight', reason: 'capacity', label: 'Delta Air Lines DL 401 JFK→LAX', booked: 5, capacity: 0, over: 5, openedByName: OPERATORS.supervisor.name });
      expect(short?.items.map((i) => [i.locator, i.quantity, i.customerName])).toEqual([
        [a.locator, 2, 'Ada Lovelace'], [b.locator, 1, 'Ada Lovelace'], [c.locator, 1, 'Ada Lovelace'], [d.locator, 1, 'Ada Lovelace'],
      ]);
      expect(short?.items[0]?.travellers).toHaveLength(2);
      await fails(t, agent, 'overbookings.list', {}, 'FORBIDDEN');
    });

    it('offers the other flights on the route that day, priced without a change fee', async () => {
      const options = await ok(t, supervisor, 'overbookings.moveOptions', { itemId: itemOf(a) });
      expect(options.map((o) => [o.label, o.differenceCents])).toEqual([
        ['JetBlue B6 23 JFK→LAX', 2 * 19_900 - 50_000],
        ['TripDesk Air TD 77 JFK→LAX', 2 * 30_000 - 50_000],
      ]);
    });

    it('moving one to a cheaper flight refunds the whole difference; it leaves the list and its history says who did it', async () => {
      const res = await ok(t, supervisor, 'overbookings.resolve', {
        items: [{ itemId: itemOf(b), action: 'move', to: { kind: 'flight', flightId: fx.cheapFlightId }, expectedDifferenceCents: -5_100 }], reason: 'Aircraft swap',
      });
      const [moved] = res.outcomes;
      if (!moved?.ok) throw new Error(`move refused: ${JSON.stringify(moved)}`);
      expect([moved.chargedCents, moved.refundedCents]).toEqual([0, 5_100]);
      expect(moved.booking.items.filter((i) => i.status === 'active').map((i) => i.label)).toEqual(['JetBlue B6 23 JFK→LAX']);
      expect(moved.booking.refundedCents).toBe(5_100);

      const short = await shortfallOf(`flight:${fx.flightId}`);
      expect([short?.booked, short?.over]).toEqual([4, 4]);
      expect(short?.items.map((i) => i.locator)).not.toContain(b.locator);
      // The seat given back is not for sale again: the flight shrinks towards the capacity wanted.
      expect((await ok(t, agent, 'flights.get', { flightId: fx.flightId })).seatsAvailable).toBe(0);

      const history = await ok(t, agent, 'bookings.history', { bookingId: b.id });
      expect(history.at(-1)).toMatchObject({ kind: 'changed', operatorName: OPERATORS.supervisor.name });
      expect(history.at(-1)?.what).toMatch(/^Overbooking: changed .* exchanged for JetBlue B6 23 .* refunded \$51\.00 \(no change fee\); reason: Aircraft swap$/);
    });

    it('in bulk each item has its own outcome: a more expensive move is charged, a cancel refunds in full, and the refused ones change nothing', async () => {
      const opId = uuidv7();
      const request = {
        opId, reason: 'Aircraft swap',
        items: [
          { itemId: itemOf(a), action: 'move' as const, to: { kind: 'flight' as const, flightId: pricey }, expectedDifferenceCents: 10_000 },
          // The difference is −$51, not $0: PRICE_CHANGED for this one only.
          { itemId: itemOf(d), action: 'move' as const, to: { kind: 'flight' as const, flightId: fx.cheapFlightId }, expectedDifferenceCents: 0 },
          { itemId: itemOf(c), action: 'cancel' as const },
          { itemId: 987_654, action: 'cancel' as const },
        ],
      };
      const res = await ok(t, supervisor, 'overbookings.resolve', request);
      expect(res.outcomes.map((o) => [o.itemId, o.ok ? 'ok' : o.error.code])).toEqual([
        [itemOf(a), 'ok'], [itemOf(d), 'PRICE_CHANGED'], [itemOf(c), 'ok'], [987_654, 'NOT_FOUND'],
      ]);
      const [moved, , cancelled] = res.outcomes;
      if (!moved?.ok || !cancelled?.ok) throw new Error('expected two resolutions');
      expect([moved.chargedCents, moved.refundedCents]).toEqual([10_000, 0]);
      expect(moved.booking.totalCents).toBe(60_000);
      expect(moved.booking.movements?.filter((m) => m.kind === 'charge').map((m) => m.amountCents)).toEqual([50_000, 10_000]);
      expect(cancelled.booking).toMatchObject({ status: 'cancelled', refundedCents: 25_000 });
      expect(cancelled.booking.items[0]).toMatchObject({ status: 'cancelled', refundCents: 25_000 });

      // Sent again (a resend after a cut), every item answers as the first time and nothing moves twice.
      const again = await ok(t, supervisor, 'overbookings.resolve', request);
      expect(again.outcomes.map((o) => (o.ok ? 'ok' : o.error.code))).toEqual(['ok', 'PRICE_CHANGED', 'ok', 'NOT_FOUND']);
      const a2 = await ok(t, agent, 'bookings.get', { bookingId: a.id });
      expect(a2.movements?.filter((m) => m.kind === 'charge').map((m) => m.amountCents)).toEqual([50_000, 10_000]);

      const short = await shortfallOf(`flight:${fx.flightId}`);
      expect(short?.items.map((i) => i.locator)).toEqual([d.locator]);
      expect(short?.over).toBe(1);
      const cancelHistory = await ok(t, agent, 'bookings.history', { bookingId: c.id });
      expect(cancelHistory.at(-1)).toMatchObject({ kind: 'cancelled', operatorName: OPERATORS.supervisor.name });
      expect(cancelHistory.at(-1)?.what).toMatch(/^Cancelled Delta Air Lines DL 401 JFK→LAX \(overbooked\); refunded \$250\.00 in full, no fee; reason: Aircraft swap$/);
    });

    it('once the last one is resolved the flight leaves the list, at the capacity the supervisor set; an item not overbooked is refused', async () => {
      const res = await ok(t, supervisor, 'overbookings.resolve', { items: [{ itemId: itemOf(d), action: 'cancel' }], reason: 'Aircraft swap' });
      expect(res.outcomes[0]?.ok).toBe(true);
      expect(await shortfallOf(`flight:${fx.flightId}`)).toBeUndefined();
      const flight = await ok(t, agent, 'flights.get', { flightId: fx.flightId });
      expect([flight.seatsTotal, flight.seatsAvailable]).toEqual([0, 0]);

      const other = await bookFlight(fx.cheapFlightId, 1, 19_900);
      const refused = await ok(t, supervisor, 'overbookings.resolve', { items: [{ itemId: itemOf(other), action: 'cancel' }], reason: 'Not overbooked' });
      expect(refused.outcomes[0]).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
      expect((await ok(t, agent, 'bookings.get', { bookingId: other.id })).status).toBe('confirmed');
      await fails(t, supervisor, 'overbookings.resolve', { items: [{ itemId: itemOf(other), action: 'cancel' }, { itemId: itemOf(other), action: 'cancel' }], reason: 'twice' }, 'VALIDATION');
    });

    it('a flight taken off sale lists all its bookings until they are moved', async () => {
      const before = await ok(t, agent, 'flights.get', { flightId: pricey });
      await ok(t, supervisor, 'catalog.flights.save', {
        flightId: pricey, flightNumber: 'TD 77', airline: 'TripDesk Air', from: 'JFK', to: 'LAX',
        departureLocal: before.departureLocal.slice(0, 16), arrivalLocal: before.arrivalLocal.slice(0, 16), seatsTotal: 20, priceCents: 30_000, active: false,
      });
      const short = await shortfallOf(`flight:${pricey}`);
      expect(short).toMatchObject({ reason: 'offSale', booked: 2, capacity: 0, over: 2 });
      expect(short?.items.map((i) => i.locator)).toEqual([a.locator]);
      // A's item now is the one it was moved to: the list names it.
      const res = await ok(t, supervisor, 'overbookings.resolve', {
        items: [{ itemId: short?.items[0]?.itemId ?? 0, action: 'move', to: { kind: 'flight', flightId: fx.cheapFlightId } }], reason: 'Flight cancelled',
      });
      expect(res.outcomes[0]).toMatchObject({ ok: true, refundedCents: 60_000 - 2 * 19_900 });
      expect(await shortfallOf(`flight:${pricey}`)).toBeUndefined();
    });
  });

  describe('a room type set below the rooms booked on some nights', () => {
    /** The nights' prices vary by weekday: booked at the total a search quotes. */
    async function bookStay(checkIn: string, checkOut: string, rooms: number): Promise<Booking> {
      const offers = await ok(t, agent, 'hotels.search', { city: 'Los Angeles', checkIn, checkOut, rooms });
      const offer = offers.items.find((o) => o.roomTypeId === fx.roomTypeId);
      return ok(t, agent, 'bookings.create', {
        customerId: fx.customerId, items: [{ kind: 'hotel', roomTypeId: fx.roomTypeId, checkIn, checkOut, rooms, guests: rooms, travellers: [leadGuest()] }],
        payment: { kind: 'card', card: GOOD_CARD }, expectedTotalCents: offer?.totalCents ?? 0,
      });
    }

    it('lists the stay for those nights; cancelling it refunds in full and the nights keep the smaller capacity', async () => {
      const quoted = await bookStay(fx.checkIn, fx.checkOut, 2);
      const second = addDays(fx.checkIn, 1);
      await fails(t, supervisor, 'inventory.hotels.setDays', { roomTypeId: fx.roomTypeId, from: fx.checkIn, to: second, roomsTotal: 1 }, 'CONFLICT');
      expect(await ok(t, supervisor, 'inventory.hotels.setDays', { roomTypeId: fx.roomTypeId, from: fx.checkIn, to: second, roomsTotal: 1, allowOverbooking: true })).toEqual({ daysChanged: 2 });
      const nights = await ok(t, supervisor, 'inventory.hotels.days', { roomTypeId: fx.roomTypeId, from: fx.checkIn, to: addDays(fx.checkIn, 2) });
      expect(nights.map((n) => [n.roomsTotal, n.roomsBooked])).toEqual([[2, 2], [2, 2], [5, 2]]);

      const short = await shortfallOf(`hotel:${fx.roomTypeId}`);
      expect(short).toMatchObject({ kind: 'hotel', label: 'Harbor Inn, Deluxe King', booked: 2, capacity: 1, over: 1 });
      expect(short?.days).toEqual([{ date: fx.checkIn, booked: 2, capacity: 1 }, { date: second, booked: 2, capacity: 1 }]);
      expect(short?.items.map((i) => i.locator)).toEqual([quoted.locator]);

      const res = await ok(t, supervisor, 'overbookings.resolve', { items: [{ itemId: itemOf(quoted), action: 'cancel' }], reason: 'Floor closed for repairs' });
      expect(res.outcomes[0]).toMatchObject({ ok: true, refundedCents: quoted.totalCents });
      expect(await shortfallOf(`hotel:${fx.roomTypeId}`)).toBeUndefined();
      const after = await ok(t, supervisor, 'inventory.hotels.days', { roomTypeId: fx.roomTypeId, from: fx.checkIn, to: addDays(fx.checkIn, 2) });
      expect(after.map((n) => [n.roomsTotal, n.roomsBooked])).toEqual([[1, 0], [1, 0], [5, 0]]);
    });

    it('raising the capacity again covers the shortfall: the room type leaves the list', async () => {
      const day = addDays(fx.checkIn, 5);
      await bookStay(day, addDays(day, 1), 1);
      await ok(t, supervisor, 'inventory.hotels.setDays', { roomTypeId: fx.roomTypeId, from: day, to: day, roomsTotal: 0, allowOverbooking: true });
      expect((await shortfallOf(`hotel:${fx.roomTypeId}`))?.days).toEqual([{ date: day, booked: 1, capacity: 0 }]);
      await ok(t, supervisor, 'inventory.hotels.setDays', { roomTypeId: fx.roomTypeId, from: day, to: day, roomsTotal: 3 });
      expect(await shortfallOf(`hotel:${fx.roomTypeId}`)).toBeUndefined();
    });
  });

  describe('a car set below the days rented', () => {
    it('moves the rental to another car in the city, the difference charged to the saved card; a hold given back on an overbooked flight stays off sale', async () => {
      const pickUp = addDays(fx.checkIn, 8);
      const dropOff = addDays(pickUp, 2);
      const rental = await ok(t, agent, 'bookings.create', {
        customerId: fx.customerId, items: [{ kind: 'car', carId: fx.carId, pickUp, dropOff, travellers: [driver()] }],
        payment: { kind: 'card', card: GOOD_CARD, save: true }, expectedTotalCents: 2 * 4_500,
      });
      const bigger = await ok(t, supervisor, 'catalog.cars.save', {
        company: 'Hertz', model: 'Tahoe', carClass: 'suv', seats: 7, transmission: 'automatic', pickUp: { kind: 'city', city: 'Los Angeles', stateCode: 'CA' }, basePriceCents: 7_000,
      });
      await ok(t, supervisor, 'inventory.cars.setDays', { carId: fx.carId, from: pickUp, to: pickUp, unitsTotal: 0, allowOverbooking: true });
      const short = await shortfallOf(`car:${fx.carId}`);
      expect(short).toMatchObject({ kind: 'car', label: 'Hertz, Toyota Corolla', over: 1, days: [{ date: pickUp, booked: 1, capacity: 0 }] });
      expect(short?.items.map((i) => i.locator)).toEqual([rental.locator]);
      const [option] = (await ok(t, supervisor, 'overbookings.moveOptions', { itemId: itemOf(rental) })).filter((o) => o.to.kind === 'car' && o.to.carId === bigger.id);
      expect(option?.differenceCents).toBe(2 * 7_000 - 2 * 4_500);
      const res = await ok(t, supervisor, 'overbookings.resolve', {
        items: [{ itemId: itemOf(rental), action: 'move', to: option?.to ?? { kind: 'car', carId: bigger.id, pickUp, dropOff }, expectedDifferenceCents: 5_000 }], reason: 'Car in for repairs',
      });
      expect(res.outcomes[0]).toMatchObject({ ok: true, chargedCents: 5_000, refundedCents: 0 });
      expect(await shortfallOf(`car:${fx.carId}`)).toBeUndefined();
      const days = await ok(t, supervisor, 'inventory.cars.days', { carId: fx.carId, from: pickUp, to: addDays(pickUp, 1) });
      expect(days.map((d) => [d.unitsTotal, d.unitsBooked])).toEqual([[0, 0], [1, 0]]);

      // Seats held on an overbooked flight: released, they shrink it rather than going back on sale.
      const hold = await ok(t, agent, 'holds.create', { flightId: fx.cheapFlightId, seats: 2 });
      const cheap = await ok(t, agent, 'flights.get', { flightId: fx.cheapFlightId });
      const taken = cheap.seatsTotal - cheap.seatsAvailable;
      await ok(t, supervisor, 'inventory.flights.update', { flightId: fx.cheapFlightId, seatsTotal: taken - 2, allowOverbooking: true });
      await ok(t, agent, 'holds.release', { holdId: hold.holdId });
      const after = await ok(t, agent, 'flights.get', { flightId: fx.cheapFlightId });
      expect([after.seatsTotal, after.seatsAvailable]).toEqual([taken - 2, 0]);
      expect(await shortfallOf(`flight:${fx.cheapFlightId}`)).toBeUndefined();
    });
  });

  it('every resolution is in the audit trail under overbookings.resolve', async () => {
    const trail = await ok(t, supervisor, 'audit.list', { limit: 200 });
    const resolved = trail.filter((e) => e.channel === 'overbookings.resolve');
    expect(resolved.length).toBe(7);
    expect(resolved.every((e) => e.entity === 'booking' && e.operatorId === OPERATORS.supervisor.id)).toBe(true);
    expect(trail.find((e) => e.channel === 'inventory.flights.update' && e.entityId === String(fx.flightId))?.summary).toMatch(/overbooked: 0 seats wanted, 5 over/);
  });
}

for (const [name, mode] of MODES) {
  describe(`overbooking resolution on ${name}`, () => describeOverbookingSuite(mode));
}
