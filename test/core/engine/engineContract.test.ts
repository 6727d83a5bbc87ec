import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepExpiredHolds } from '../../../main/core/ops/holds/sweepExpiredHolds';
import type { ChannelInput } from '../../../shared/contract';
import { DECLINED_CARD, GOOD_CARD, loadFixture, type Fixture } from '../../support/fixture';
import { badInput, fails, ok, startTestCore, type CoreMode, type TestCore } from '../../support/testCore';
import { uuidv7 } from '../../../shared/uuidv7';
import { passengers, leadGuest, driver } from '../../support/travellers';

/**
 * The engine contract suite: the same agent journeys against the SQLite engine (standalone and
 * offline) and the MySQL + MongoDB engine (central), so the two cannot drift apart.
 */
describe.each<CoreMode>(['standalone', 'central'])('agent operations on the %s engine', (kind) => {
  let t: TestCore;
  let agent: string;
  let supervisor: string;
  let fx: Fixture;
  let clock = Date.now();

  beforeAll(async () => {
    t = await startTestCore(kind, { now: () => clock, env: { TRIPDESK_SESSION_HOURS: '10000' } });
    fx = await loadFixture(t.engine, { seats: 10, rooms: 5, now: clock });
    agent = t.tokens.agent;
    supervisor = t.tokens.supervisor;
  });
  afterAll(async () => t?.close());

  const seatsLeft = async (flightId: number) =>
    (await ok(t, agent, 'flights.get', { flightId })).seatsAvailable;
  const roomsBooked = async (day: string) =>
    Number((await t.engine.sql.get<{ n: number }>('SELECT rooms_booked AS n FROM hotel_inventory WHERE room_type_id = ? AND stay_date = ?', [fx.roomTypeId, day]))?.n);

  it('lists upcoming flights in departure order with no filter, and pages through a route', async () => {
    const all = await ok(t, agent, 'flights.search', {});
    expect(all.items.map((f) => f.flightNumber)).toEqual(['B6 23', 'DL 401']);
    const first = await ok(t, agent, 'flights.search', { from: 'JFK', to: 'LAX', date: fx.departDay, limit: 1 });
    expect(first.items).toHaveLength(1);
    expect(first.nextCursor).not.toBeNull();
    const second = await ok(t, agent, 'flights.search', { from: 'JFK', to: 'LAX', date: fx.departDay, limit: 1, cursor: first.nextCursor! });
    expect(second.items[0]?.flightNumber).toBe('DL 401');
    expect(second.nextCursor).toBeNull();
    const byPrice = await ok(t, agent, 'flights.search', { sort: 'price' });
    expect(byPrice.items.map((f) => f.priceCents)).toEqual([19900, 25000]);
  });

  it('finds a stay with every night priced, and a car for the rental days', async () => {
    const hotels = await ok(t, agent, 'hotels.search', { stateCode: 'CA', checkIn: fx.checkIn, checkOut: fx.checkOut, rooms: 2 });
    expect(hotels.items).toHaveLength(1);
    expect(hotels.items[0]?.nights).toHaveLength(3);
    const cars = await ok(t, agent, 'cars.search', { city: 'Los Angeles', pickUp: fx.checkIn, dropOff: fx.checkOut });
    expect(cars.items[0]?.totalCents).toBe(3 * 4500);
    const tooMany = await ok(t, agent, 'hotels.search', { stateCode: 'CA', checkIn: fx.checkIn, checkOut: fx.checkOut, rooms: 6 });
    expect(tooMany.items).toHaveLength(0);
  });

  it("shows a hotel's average rating from its reviews in the search, sortable by rating", async () => {
    const hotel = await t.engine.sql.get<{ hotel_id: number }>('SELECT hotel_id FROM hotel_room_types WHERE id = ?', [fx.roomTypeId]);
    for (const rating of [5, 4]) {
      await ok(t, agent, 'reviews.create', { targetKind: 'hotel', targetId: hotel!.hotel_id, customerId: fx.customerId, rating, text: `A ${rating}-star stay.` });
    }
    const found = await ok(t, agent, 'hotels.search', { stateCode: 'CA', checkIn: fx.checkIn, checkOut: fx.checkOut, sort: 'rating' });
    expect(found.items[0]?.rating).toBe(4.5);
    const summary = await ok(t, agent, 'reviews.list', { targetKind: 'hotel', targetId: hotel!.hotel_id });
    expect(summary.summary).toEqual({ count: 2, average: 4.5, byStars: [0, 0, 0, 1, 1] });
  });

  it('holds seats, gives them back on release, and refuses more seats than are left', async () => {
    const before = await seatsLeft(fx.flightId);
    const hold = await ok(t, agent, 'holds.create', { flightId: fx.flightId, seats: 3 });
    expect(hold.priceCents).toBe(3 * fx.flightPriceCents);
    expect(await seatsLeft(fx.flightId)).toBe(before - 3);
    const listed = await ok(t, agent, 'holds.list', {});
    expect(listed.map((h) => h.holdId)).toContain(hold.holdId);
    await ok(t, agent, 'holds.release', { holdId: hold.holdId });
    expect(await seatsLeft(fx.flightId)).toBe(before);
    const big = await ok(t, agent, 'holds.create', { flightId: fx.flightId, seats: before - 1 });
    const err = await fails(t, agent, 'holds.create', { flightId: fx.flightId, seats: 2 }, 'SOLD_OUT');
    expect(err.details).toMatchObject({ seatsAvailable: 1, requested: 2 });
    await ok(t, agent, 'holds.release', { holdId: big.holdId });
    expect(await seatsLeft(fx.flightId)).toBe(before);
  });

  it('books a held flight, a stay and a car in one go with a new card, storing only the token', async () => {
    const hold = await ok(t, agent, 'holds.create', { flightId: fx.flightId, seats: 2, customerId: fx.customerId });
    const stay = await ok(t, agent, 'hotels.search', { stateCode: 'CA', checkIn: fx.checkIn, checkOut: fx.checkOut, rooms: 1 });
    const expected = hold.priceCents + (stay.items[0]?.totalCents ?? 0) + 3 * 4500;
    const bookedBefore = await roomsBooked(fx.checkIn);
    const booking = await ok(t, agent, 'bookings.create', {
      customerId: fx.customerId, expectedTotalCents: expected,
      items: [
        { kind: 'flight', holdId: hold.holdId, travellers: passengers(2) },
        { kind: 'hotel', roomTypeId: fx.roomTypeId, checkIn: fx.checkIn, checkOut: fx.checkOut, rooms: 1, guests: 1, travellers: [leadGuest()] },
        { kind: 'car', carId: fx.carId, pickUp: fx.checkIn, dropOff: fx.checkOut, travellers: [driver()] },
      ],
      payment: { kind: 'card', card: GOOD_CARD, save: true },
    });
    expect(booking.status).toBe('confirmed');
    expect(booking.bookingType).toBe('package');
    expect(booking.totalCents).toBe(expected);
    expect(booking.items.map((i) => i.kind)).toEqual(['flight', 'hotel', 'car']);
    expect(booking.billing.map((b) => b.status)).toEqual(['authorized', 'captured']);
    // The answer is the booking as stored: reading it back shows exactly the same.
    expect(await ok(t, agent, 'bookings.get', { bookingId: booking.id })).toEqual(booking);
    expect(await roomsBooked(fx.checkIn)).toBe(bookedBefore + 1);
    const methods = await ok(t, agent, 'paymentMethods.list', { customerId: fx.customerId });
    expect(methods).toEqual([expect.objectContaining({ last4: '4242', brand: 'visa' })]);
    const stored = JSON.stringify(await t.engine.sql.all('SELECT * FROM payment_methods')) + JSON.stringify(await t.engine.sql.all('SELECT * FROM applied_ops'));
    expect(stored).not.toContain('4242424242424242');
    expect(stored).not.toContain('4242 4242 4242 4242');
    const holds = await ok(t, agent, 'holds.list', {});
    expect(holds.map((h) => h.holdId)).not.toContain(hold.holdId);
    await fails(t, agent, 'bookings.create', {
      customerId: fx.customerId, expectedTotalCents: hold.priceCents, items: [{ kind: 'flight', holdId: hold.holdId, travellers: passengers(1) }],
      payment: { kind: 'card', card: GOOD_CARD },
    }, 'CONFLICT');
  });

  it('books all items or none: a sold-out stay leaves the flight seats untouched', async () => {
    const before = await seatsLeft(fx.cheapFlightId);
    await fails(t, agent, 'bookings.create', {
      customerId: fx.customerId, expectedTotalCents: 1,
      items: [
        { kind: 'flight', flightId: fx.cheapFlightId, seats: 1, travellers: passengers(1) },
        { kind: 'hotel', roomTypeId: fx.roomTypeId, checkIn: fx.checkIn, checkOut: fx.checkOut, rooms: fx.rooms + 1, guests: 1, travellers: [leadGuest()] },
      ],
      payment: { kind: 'card', card: GOOD_CARD },
    }, 'SOLD_OUT');
    expect(await seatsLeft(fx.cheapFlightId)).toBe(before);
  });

  it('answers PRICE_CHANGED with the new total beyond the tolerance, and books within it', async () => {
    await t.engine.sql.run('UPDATE flights SET price_cents = 21000 WHERE id = ?', [fx.cheapFlightId]);
    const input = {
      customerId: fx.customerId, expectedTotalCents: 19900,
      items: [{ kind: 'flight', flightId: fx.cheapFlightId, seats: 1, travellers: passengers(1) }], payment: { kind: 'card', card: GOOD_CARD },
    } satisfies ChannelInput<'bookings.create'>;
    const err = await fails(t, agent, 'bookings.create', input, 'PRICE_CHANGED');
    expect(err.details).toMatchObject({ expectedTotalCents: 19900, newTotalCents: 21000 });
    const booking = await ok(t, agent, 'bookings.create', { ...input, priceTolerancePct: 10 });
    expect(booking.totalCents).toBe(21000);
  });

  it('applies an opId once: the same booking request twice makes one booking', async () => {
    const opId = '0190f5d2-1c3a-7b4e-9f10-2a3b4c5d6e7f';
    const input = {
      opId, customerId: fx.customerId, expectedTotalCents: 21000,
      items: [{ kind: 'flight', flightId: fx.cheapFlightId, seats: 1, travellers: passengers(1) }], payment: { kind: 'card', card: GOOD_CARD },
    } satisfies ChannelInput<'bookings.create'>;
    const before = await seatsLeft(fx.cheapFlightId);
    const first = await ok(t, agent, 'bookings.create', input);
    const second = await ok(t, agent, 'bookings.create', input);
    expect(second.id).toBe(first.id);
    expect(await seatsLeft(fx.cheapFlightId)).toBe(before - 1);
  });

  it('records a declined card as a failed payment without taking inventory', async () => {
    const before = await seatsLeft(fx.cheapFlightId);
    const booking = await ok(t, agent, 'bookings.create', {
      customerId: fx.customerId, expectedTotalCents: 21000,
      items: [{ kind: 'flight', flightId: fx.cheapFlightId, seats: 1, travellers: passengers(1) }], payment: { kind: 'card', card: DECLINED_CARD },
    });
    expect(booking.status).toBe('payment_failed');
    expect(booking.billing.map((b) => b.status)).toEqual(['failed']);
    expect(await ok(t, agent, 'bookings.get', { bookingId: booking.id })).toEqual(booking);
    expect(await seatsLeft(fx.cheapFlightId)).toBe(before);
  });

  it('a declined card keeps the hold and the rooms, and the same opId sent again is the same failed booking', async () => {
    const hold = await ok(t, agent, 'holds.create', { flightId: fx.flightId, seats: 1, customerId: fx.customerId });
    const stay = await ok(t, agent, 'hotels.search', { stateCode: 'CA', checkIn: fx.checkIn, checkOut: fx.checkOut, rooms: 1 });
    const seatsBefore = await seatsLeft(fx.flightId);
    const roomsBefore = await roomsBooked(fx.checkIn);
    const input = {
      customerId: fx.customerId, expectedTotalCents: hold.priceCents + (stay.items[0]?.totalCents ?? 0), opId: uuidv7(),
      items: [{ kind: 'flight', holdId: hold.holdId, travellers: passengers(1) }, { kind: 'hotel', roomTypeId: fx.roomTypeId, checkIn: fx.checkIn, checkOut: fx.checkOut, rooms: 1, guests: 1, travellers: [leadGuest()] }],
      payment: { kind: 'card', card: DECLINED_CARD },
    } satisfies ChannelInput<'bookings.create'>;
    const failed = await ok(t, agent, 'bookings.create', input);
    expect(failed.status).toBe('payment_failed');
    expect(failed.items.map((i) => [i.kind, i.status])).toEqual([['flight', 'cancelled'], ['hotel', 'cancelled']]);
    expect(failed.billing.map((b) => b.status)).toEqual(['failed']);
    expect(await seatsLeft(fx.flightId)).toBe(seatsBefore);
    expect(await roomsBooked(fx.checkIn)).toBe(roomsBefore);
    expect((await ok(t, agent, 'holds.list', {})).map((h) => h.holdId)).toContain(hold.holdId);
    expect(await ok(t, agent, 'bookings.create', input)).toEqual(failed);
    expect(await t.engine.sql.all('SELECT id FROM bookings WHERE op_id = ?', [input.opId])).toHaveLength(1);
    await ok(t, agent, 'holds.release', { holdId: hold.holdId });
  });

  it('cancels well ahead with a full refund, returning the seats, and shows the refund before confirming', async () => {
    const booking = await ok(t, agent, 'bookings.create', {
      customerId: fx.customerId, expectedTotalCents: 2 * 21000,
      items: [{ kind: 'flight', flightId: fx.cheapFlightId, seats: 2, travellers: passengers(2) }], payment: { kind: 'card', card: GOOD_CARD },
    });
    const before = await seatsLeft(fx.cheapFlightId);
    const preview = await ok(t, agent, 'bookings.cancelPreview', { bookingId: booking.id });
    expect(preview).toMatchObject({ refundCents: 42000, feeCents: 0 });
    const cancelled = await ok(t, agent, 'bookings.cancel', { bookingId: booking.id, reason: 'customer changed plans' });
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.refundedCents).toBe(42000);
    expect(cancelled.billing.map((b) => b.status)).toEqual(['authorized', 'captured', 'refunded']);
    expect(await seatsLeft(fx.cheapFlightId)).toBe(before + 2);
    await fails(t, agent, 'bookings.cancel', { bookingId: booking.id, reason: 'again' }, 'CONFLICT');
  });

  it('charges the late fee close to departure, and lets only a supervisor override it', async () => {
    const booking = await ok(t, agent, 'bookings.create', {
      customerId: fx.customerId, expectedTotalCents: 21000,
      items: [{ kind: 'flight', flightId: fx.cheapFlightId, seats: 1, travellers: passengers(1) }], payment: { kind: 'card', card: GOOD_CARD },
    });
    const departs = Date.parse(booking.items[0]?.startUtc ?? '');
    clock = departs - 2 * 3_600_000;
    try {
      const preview = await ok(t, agent, 'bookings.cancelPreview', { bookingId: booking.id });
      expect(preview).toMatchObject({ refundCents: 16800, feeCents: 4200 });
      await fails(t, agent, 'bookings.cancel', { bookingId: booking.id, reason: 'sick', overrideRefundCents: 21000 }, 'FORBIDDEN');
      const asked = await ok(t, supervisor, 'bookings.cancel', { bookingId: booking.id, reason: 'sick', overrideRefundCents: 21000 });
      expect(asked).toMatchObject({ status: 'cancelled', refundedCents: 0, refundRequests: [{ amountCents: 21000, policyCents: 16800, state: 'pending' }] });
      await fails(t, supervisor, 'refunds.decide', { refundId: asked.refundRequests?.[0]?.id ?? 0, approve: true, reason: 'my own' }, 'FORBIDDEN');
      await ok(t, t.tokens.admin, 'refunds.decide', { refundId: asked.refundRequests?.[0]?.id ?? 0, approve: true, reason: 'doctor letter' });
      const done = await ok(t, agent, 'bookings.get', { bookingId: booking.id });
      expect(done.refundedCents).toBe(21000);
      expect(done.billing.find((b) => b.status === 'refunded')?.note).toContain('override');
    } finally {
      clock = Date.now();
    }
  });

  it('cancels one item of a package and keeps the rest', async () => {
    const booking = await ok(t, agent, 'bookings.create', {
      customerId: fx.customerId, expectedTotalCents: 21000 + 2 * 4500,
      items: [{ kind: 'flight', flightId: fx.cheapFlightId, seats: 1, travellers: passengers(1) }, { kind: 'car', carId: fx.carId, pickUp: fx.checkOut, dropOff: addDay(fx.checkOut, 2), travellers: [driver()] }],
      payment: { kind: 'card', card: GOOD_CARD },
    });
    const car = booking.items.find((i) => i.kind === 'car');
    const partly = await ok(t, agent, 'bookings.cancel', { bookingId: booking.id, itemIds: [car!.id], reason: 'no car needed' });
    expect(partly.status).toBe('partially_cancelled');
    expect(partly.items.map((i) => i.status)).toEqual(['active', 'cancelled']);
    const cars = await ok(t, agent, 'cars.search', { city: 'Los Angeles', pickUp: fx.checkOut, dropOff: addDay(fx.checkOut, 2) });
    expect(cars.items).toHaveLength(1);
  });

  it('expires holds after their time: the sweeper returns the seats, once, and booking the hold says HOLD_EXPIRED', async () => {
    const before = await seatsLeft(fx.flightId);
    const hold = await ok(t, agent, 'holds.create', { flightId: fx.flightId, seats: 1 });
    const later = clock + 16 * 60_000;
    const [swept, sweptAgain] = await Promise.all([sweepExpiredHolds(t.engine, later), sweepExpiredHolds(t.engine, later)]);
    expect([...swept, ...sweptAgain]).toEqual([hold.holdId]);
    expect(await seatsLeft(fx.flightId)).toBe(before);
    await fails(t, agent, 'bookings.create', {
      customerId: fx.customerId, expectedTotalCents: hold.priceCents, items: [{ kind: 'flight', holdId: hold.holdId, travellers: passengers(1) }], payment: { kind: 'card', card: GOOD_CARD },
    }, 'HOLD_EXPIRED');
  });

  it('finds bookings by customer name and keeps an audit trail a supervisor can read', async () => {
    const found = await ok(t, agent, 'bookings.search', { q: 'lovelace', limit: 100 });
    expect(found.items.length).toBeGreaterThan(3);
    expect(found.items.every((b) => b.customerName === 'Ada Lovelace')).toBe(true);
    const id = found.items[0]?.id;
    const trail = await ok(t, supervisor, 'audit.list', { entity: 'booking', entityId: String(id) });
    expect(trail.map((e) => e.channel)).toContain('bookings.create');
    await fails(t, agent, 'audit.list', {}, 'FORBIDDEN');
    // Application log lines share the logs store but are not the audit trail.
    await t.engine.docs.logs.appendLogs([{
      id: `log-${kind}-1`, ts: new Date(clock), level: 'warn', source: 'core', message: 'central servers unreachable',
      operatorId: null, opId: null, entity: null, entityId: null,
    }]);
    expect((await ok(t, supervisor, 'logs.list', { level: 'warn' })).items.map((l) => l.message))
      .toContain('central servers unreachable');
    const everything = await ok(t, supervisor, 'audit.list', { limit: 500 });
    expect(everything.length).toBeGreaterThan(3);
    expect(everything.map((e) => e.id)).not.toContain(`log-${kind}-1`);
  });

  it('names the field on bad input, refuses unknown channels and callers without a session', async () => {
    const bad = await fails(t, agent, 'holds.create', badInput({ flightId: 'abc', seats: 1 }), 'VALIDATION');
    expect(bad.message).toContain('flightId');
    const unknown = await t.core.call('flights.teleport', {}, agent);
    expect(unknown.ok ? 'OK' : unknown.error.code).toBe('NOT_FOUND');
    await fails(t, null, 'flights.search', {}, 'UNAUTHENTICATED');
    const card = await fails(t, agent, 'paymentMethods.add', { customerId: fx.customerId, card: { ...GOOD_CARD, number: '4242 4242 4242 4241' } }, 'VALIDATION');
    expect(card.message).toContain('card.number');
  });
});

function addDay(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}
