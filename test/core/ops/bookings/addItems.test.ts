import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../../../shared/time';
import { DECLINED_CARD, GOOD_CARD, loadFixture, type Fixture } from '../../../support/fixture';
import { fails, MODES, ok, startTestCore, type TestCore } from '../../../support/testCore';
import { driver, leadGuest, passengers } from '../../../support/travellers';

describe.each(MODES)('adding to a booking, %s', (_name, mode) => {
  let t: TestCore;
  let fx: Fixture;
  const card = { kind: 'card', card: GOOD_CARD } as const;
  const stayPrice = async (from: string, to: string) =>
    Number((await t.db.get<{ p: number }>('SELECT SUM(price_cents) AS p FROM hotel_inventory WHERE room_type_id = ? AND stay_date >= ? AND stay_date < ?', [fx.roomTypeId, from, to]))?.p);
  const bookFlight = () => ok(t, t.tokens.agent, 'bookings.create', {
    customerId: fx.customerId, expectedTotalCents: 25_000, items: [{ kind: 'flight', flightId: fx.flightId, seats: 1, travellers: passengers(1) }], payment: card,
  });

  beforeAll(async () => {
    t = await startTestCore(mode);
    fx = await loadFixture(t.engine);
  });
  afterAll(async () => t?.close());

  it('a stay and a car added to a flight booking: same locator, a package, one charge for both, one billing row per status', async () => {
    const b = await bookFlight();
    const stay = await stayPrice(fx.checkIn, fx.checkOut);
    const added = await ok(t, t.tokens.agent, 'bookings.addItems', {
      bookingId: b.id, expectedTotalCents: stay + 4500 * 3, payment: card,
      items: [
        { kind: 'hotel', roomTypeId: fx.roomTypeId, checkIn: fx.checkIn, checkOut: fx.checkOut, rooms: 1, guests: 1, travellers: [leadGuest()] },
        { kind: 'car', carId: fx.carId, pickUp: fx.checkIn, dropOff: fx.checkOut, travellers: [driver()] },
      ],
    });
    expect(added.locator).toBe(b.locator);
    expect(added.id).toBe(b.id);
    expect(added.bookingType).toBe('package');
    expect(added.items.map((i) => [i.kind, i.status])).toEqual([['flight', 'active'], ['hotel', 'active'], ['car', 'active']]);
    expect(added.items[2]?.travellers[0]).toMatchObject({ role: 'driver', familyName: 'Benz' });
    expect(added.totalCents).toBe(25_000 + stay + 4500 * 3);
    expect(added.movements?.map((m) => [m.kind, m.amountCents])).toEqual([['charge', 25_000], ['charge', stay + 4500 * 3]]);
    expect(added.movements?.[1]?.reason).toContain('Harbor Inn');
    expect(added.billing.map((r) => [r.status, r.amountCents])).toEqual(expect.arrayContaining([['captured', added.totalCents], ['authorized', added.totalCents]]));
    expect(added.billing).toHaveLength(2);
    const history = await ok(t, t.tokens.agent, 'bookings.history', { bookingId: b.id });
    expect(history.map((h) => h.kind)).toEqual(['booked', 'changed']);
    expect(history[1]?.what).toMatch(/^Added 2 item\(s\) to [A-Z0-9]{6} for \$/);
  });

  it('PRICE_CHANGED, SOLD_OUT and a declined card change nothing; a cancelled booking takes no more', async () => {
    const b = await bookFlight();
    const nights = { kind: 'hotel' as const, roomTypeId: fx.roomTypeId, checkIn: addDays(fx.checkIn, 5), checkOut: addDays(fx.checkIn, 6), guests: 1, travellers: [leadGuest()] };
    const price = await stayPrice(nights.checkIn, nights.checkOut);
    const moved = await fails(t, t.tokens.agent, 'bookings.addItems', { bookingId: b.id, expectedTotalCents: price - 100, payment: card, items: [{ ...nights, rooms: 1 }] }, 'PRICE_CHANGED');
    expect(moved.details).toMatchObject({ expectedTotalCents: price - 100, newTotalCents: price });
    await fails(t, t.tokens.agent, 'bookings.addItems', { bookingId: b.id, expectedTotalCents: price * 9, payment: card, items: [{ ...nights, rooms: 9 }] }, 'SOLD_OUT');
    await fails(t, t.tokens.agent, 'bookings.addItems', { bookingId: b.id, expectedTotalCents: price, payment: { kind: 'card', card: DECLINED_CARD }, items: [{ ...nights, rooms: 1 }] }, 'VALIDATION');
    const booked = await t.db.get<{ n: number }>('SELECT rooms_booked AS n FROM hotel_inventory WHERE room_type_id = ? AND stay_date = ?', [fx.roomTypeId, nights.checkIn]);
    expect(Number(booked?.n)).toBe(0);
    const same = await ok(t, t.tokens.agent, 'bookings.get', { bookingId: b.id });
    expect(same.items).toHaveLength(1);
    expect(same.movements).toHaveLength(1);
    await ok(t, t.tokens.agent, 'bookings.cancel', { bookingId: b.id, reason: 'off' });
    await fails(t, t.tokens.agent, 'bookings.addItems', { bookingId: b.id, expectedTotalCents: price, payment: card, items: [{ ...nights, rooms: 1 }] }, 'CONFLICT');
  });

  it('a held flight added to a booking converts the hold, and is charged what the hold quoted', async () => {
    const b = await bookFlight();
    const hold = await ok(t, t.tokens.agent, 'holds.create', { flightId: fx.cheapFlightId, seats: 2, customerId: fx.customerId });
    const added = await ok(t, t.tokens.agent, 'bookings.addItems', {
      bookingId: b.id, expectedTotalCents: hold.priceCents, payment: card, items: [{ kind: 'flight', holdId: hold.holdId, travellers: passengers(2, 'Turing') }],
    });
    expect(added.items.at(-1)).toMatchObject({ refId: fx.cheapFlightId, quantity: 2, totalCents: hold.priceCents });
    const held = await ok(t, t.tokens.agent, 'holds.list', {});
    expect(held.find((h) => h.holdId === hold.holdId)?.status ?? 'converted').toBe('converted');
    await fails(t, t.tokens.agent, 'bookings.addItems', {
      bookingId: b.id, expectedTotalCents: hold.priceCents, payment: card, items: [{ kind: 'flight', holdId: hold.holdId, travellers: passengers(2, 'Turing') }],
    }, 'CONFLICT');
  });
});
