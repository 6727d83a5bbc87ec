import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, toDbInstant } from '../../../../shared/time';
import type { Booking } from '../../../../shared/contract';
import { DECLINED_CARD, GOOD_CARD, loadFixture, type Fixture } from '../../../support/fixture';
import { fails, MODES, ok, OPERATORS, startTestCore, type TestCore } from '../../../support/testCore';
import { driver, leadGuest, passengers } from '../../../support/travellers';

const CHANGE_FEE = 5000;

describe.each(MODES)('changing a booked item, %s', (_name, mode) => {
  let t: TestCore;
  let fx: Fixture;
  const card = { kind: 'card', card: GOOD_CARD } as const;

  const seatsLeft = async (flightId: number) =>
    Number((await t.db.get<{ n: number }>('SELECT seats_available AS n FROM flights WHERE id = ?', [flightId]))?.n);
  const roomsBooked = async (from: string, to: string) =>
    (await t.db.all<{ n: number }>('SELECT rooms_booked AS n FROM hotel_inventory WHERE room_type_id = ? AND stay_date >= ? AND stay_date < ? ORDER BY stay_date', [fx.roomTypeId, from, to])).map((r) => Number(r.n));
  const carBooked = async (from: string, to: string) =>
    (await t.db.all<{ n: number }>('SELECT units_booked AS n FROM car_availability WHERE car_id = ? AND rental_date >= ? AND rental_date < ? ORDER BY rental_date', [fx.carId, from, to])).map((r) => Number(r.n));
  const nightsPrice = async (from: string, to: string) =>
    Number((await t.db.get<{ p: number }>('SELECT SUM(price_cents) AS p FROM hotel_inventory WHERE room_type_id = ? AND stay_date >= ? AND stay_date < ?', [fx.roomTypeId, from, to]))?.p);
  /** Charges minus refunds, as the movements say, beside what the booking says it was charged and refunded. */
  const moneyOf = (b: Booking) => {
    const sum = (kind: 'charge' | 'refund') => (b.movements ?? []).filter((m) => m.kind === kind).reduce((s, m) => s + m.amountCents, 0);
    return { charged: sum('charge'), refunded: sum('refund'), totalCents: b.totalCents, refundedCents: b.refundedCents };
  };
  const expectMoneyAddsUp = (b: Booking) => {
    const m = moneyOf(b);
    expect(m.charged).toBe(m.totalCents);
    expect(m.refunded).toBe(m.refundedCents);
    expect(b.billing.find((r) => r.status === 'captured')?.amountCents).toBe(m.charged);
    expect(b.billing.find((r) => r.status === 'refunded')?.amountCents ?? 0).toBe(m.refunded);
  };

  const bookFlight = (flightId: number, seats: number, price: number) => ok(t, t.tokens.agent, 'bookings.create', {
    customerId: fx.customerId, expectedTotalCents: price * seats, items: [{ kind: 'flight', flightId, seats, travellers: passengers(seats, 'Hopper') }], payment: card,
  });

  beforeAll(async () => {
    t = await startTestCore(mode);
    fx = await loadFixture(t.engine);
  });
  afterAll(async () => t?.close());

  it('a flight for a cheaper one: same locator and travellers, old seats back, the lower fare less the change fee refunded', async () => {
    const b = await bookFlight(fx.flightId, 2, 25_000);
    const item = b.items[0];
    if (!item) throw new Error('no item');
    const replacement = { kind: 'flight', flightId: fx.cheapFlightId } as const;
    const preview = await ok(t, t.tokens.agent, 'bookings.changePreview', { bookingId: b.id, itemId: item.id, replacement });
    expect(preview).toMatchObject({
      oldTotalCents: 50_000, newTotalCents: 39_800, feeCents: CHANGE_FEE, differenceCents: 39_800 - 50_000 + CHANGE_FEE, chargeCents: 0, refundCents: 5_200,
    });
    // The preview rolled its inventory steps back.
    expect(await seatsLeft(fx.flightId)).toBe(8);
    expect(await seatsLeft(fx.cheapFlightId)).toBe(150);

    const changed = await ok(t, t.tokens.agent, 'bookings.change', { bookingId: b.id, itemId: item.id, replacement, expectedDifferenceCents: preview.differenceCents });
    expect(changed.locator).toBe(b.locator);
    const old = changed.items.find((i) => i.id === item.id);
    const added = changed.items.find((i) => i.id !== item.id);
    expect(old).toMatchObject({ status: 'cancelled', refundCents: 5_200 });
    expect(added).toMatchObject({ status: 'active', kind: 'flight', refId: fx.cheapFlightId, quantity: 2, totalCents: 39_800 });
    expect(old?.exchangedForItemId).toBe(added?.id);
    expect(added?.travellers.map((p) => `${p.givenNames} ${p.familyName}`)).toEqual(item.travellers.map((p) => `${p.givenNames} ${p.familyName}`));
    expect(added?.travellers.map((p) => p.id)).not.toEqual(item.travellers.map((p) => p.id));
    expect(await seatsLeft(fx.flightId)).toBe(10);
    expect(await seatsLeft(fx.cheapFlightId)).toBe(148);
    expect(changed.refundedCents).toBe(5_200);
    expect(changed.movements?.map((m) => [m.kind, m.amountCents, m.operatorName])).toEqual([['charge', 50_000, OPERATORS.agent.name], ['refund', 5_200, OPERATORS.agent.name]]);
    expectMoneyAddsUp(changed);
    const history = await ok(t, t.tokens.agent, 'bookings.history', { bookingId: b.id });
    const words = history.find((h) => h.kind === 'changed')?.what ?? '';
    expect(words).toContain('DL 401');
    expect(words).toContain('exchanged for');
    expect(words).toContain('B6 23');
    expect(words).toContain('refunded $52.00');
    // The exchanged item is done with: it cannot be changed again.
    await fails(t, t.tokens.agent, 'bookings.change', { bookingId: b.id, itemId: item.id, replacement: { kind: 'flight', flightId: fx.flightId }, expectedDifferenceCents: 0 }, 'CONFLICT');
  });

  it('a flight for a dearer one charges the difference and the fee; without a card to charge it is refused', async () => {
    const b = await bookFlight(fx.cheapFlightId, 1, 19_900);
    const itemId = b.items[0]?.id ?? 0;
    const replacement = { kind: 'flight', flightId: fx.flightId } as const;
    const difference = 25_000 - 19_900 + CHANGE_FEE;
    // Paid with a card that was not saved: the change needs one.
    const refused = await fails(t, t.tokens.agent, 'bookings.change', { bookingId: b.id, itemId, replacement, expectedDifferenceCents: difference }, 'VALIDATION');
    expect(refused.message).toMatch(/^payment:/);
    await fails(t, t.tokens.agent, 'bookings.change', { bookingId: b.id, itemId, replacement, expectedDifferenceCents: difference, payment: { kind: 'card', card: DECLINED_CARD } }, 'VALIDATION');
    expect(await seatsLeft(fx.cheapFlightId)).toBe(150 - 1 - 2);
    const changed = await ok(t, t.tokens.agent, 'bookings.change', { bookingId: b.id, itemId, replacement, expectedDifferenceCents: difference, payment: card });
    expect(changed.totalCents).toBe(19_900 + difference);
    const charge = changed.movements?.at(-1);
    expect(charge).toMatchObject({ kind: 'charge', amountCents: difference, paymentLabel: 'Visa ending 4242', operatorId: OPERATORS.agent.id });
    expect(charge?.reason).toContain('DL 401');
    expect(changed.billing.filter((r) => r.status === 'captured')).toHaveLength(1);
    expectMoneyAddsUp(changed);
  });

  it('PRICE_CHANGED when the difference is not what was quoted, SOLD_OUT when the new flight is full: nothing changes', async () => {
    const at = toDbInstant(Date.now());
    const full = await t.db.run(
      `INSERT INTO flights (flight_number, airline, departure_airport, arrival_airport, departure_ts_utc, arrival_ts_utc, seats_total, seats_available, price_cents, updated_at_utc)
       VALUES ('AA 10', 'American Airlines', 'JFK', 'LAX', ?, ?, 1, 1, 30000, ?)`, [`${fx.departDay} 18:00:00.000`, `${fx.departDay} 23:59:00.000`, at]);
    const b = await bookFlight(fx.flightId, 2, 25_000);
    const itemId = b.items[0]?.id ?? 0;
    const before = await seatsLeft(fx.flightId);
    const moved = await fails(t, t.tokens.agent, 'bookings.change', { bookingId: b.id, itemId, replacement: { kind: 'flight', flightId: fx.cheapFlightId }, expectedDifferenceCents: 0 }, 'PRICE_CHANGED');
    expect(moved.details).toMatchObject({ expectedDifferenceCents: 0, newDifferenceCents: 39_800 - 50_000 + CHANGE_FEE });
    await fails(t, t.tokens.agent, 'bookings.changePreview', { bookingId: b.id, itemId, replacement: { kind: 'flight', flightId: full.insertId } }, 'SOLD_OUT');
    await fails(t, t.tokens.agent, 'bookings.change', { bookingId: b.id, itemId, replacement: { kind: 'flight', flightId: full.insertId }, expectedDifferenceCents: 0, payment: card }, 'SOLD_OUT');
    expect(await seatsLeft(fx.flightId)).toBe(before);
    expect(await seatsLeft(full.insertId)).toBe(1);
    const again = await ok(t, t.tokens.agent, 'bookings.get', { bookingId: b.id });
    expect(again.items.map((i) => i.status)).toEqual(['active']);
    expect(again.movements).toHaveLength(1);
  });

  it('refuses what is not a change: another kind, the item as booked, an unknown item', async () => {
    const b = await bookFlight(fx.flightId, 1, 25_000);
    const itemId = b.items[0]?.id ?? 0;
    await fails(t, t.tokens.agent, 'bookings.change', { bookingId: b.id, itemId, replacement: { kind: 'car', carId: fx.carId, pickUp: fx.checkIn, dropOff: fx.checkOut }, expectedDifferenceCents: 0 }, 'VALIDATION');
    await fails(t, t.tokens.agent, 'bookings.changePreview', { bookingId: b.id, itemId, replacement: { kind: 'flight', flightId: fx.flightId } }, 'VALIDATION');
    await fails(t, t.tokens.agent, 'bookings.changePreview', { bookingId: b.id, itemId: 999_999, replacement: { kind: 'flight', flightId: fx.cheapFlightId } }, 'NOT_FOUND');
    await fails(t, t.tokens.agent, 'bookings.changePreview', { bookingId: 999_999, itemId, replacement: { kind: 'flight', flightId: fx.cheapFlightId } }, 'NOT_FOUND');
  });

  it('a stay moved by a night keeps its rooms on the nights it overlaps (all five rooms: the old nights are given back first)', async () => {
    const from = addDays(fx.checkIn, 5);
    const to = addDays(from, 3);
    const oldPrice = (await nightsPrice(from, to)) * fx.rooms;
    const b = await ok(t, t.tokens.agent, 'bookings.create', {
      customerId: fx.customerId, expectedTotalCents: oldPrice,
      items: [{ kind: 'hotel', roomTypeId: fx.roomTypeId, checkIn: from, checkOut: to, rooms: fx.rooms, guests: 3, travellers: [leadGuest()] }], payment: card,
    });
    const itemId = b.items[0]?.id ?? 0;
    const replacement = { kind: 'hotel', roomTypeId: fx.roomTypeId, checkIn: addDays(from, 1), checkOut: addDays(to, 1) } as const;
    const newPrice = (await nightsPrice(replacement.checkIn, replacement.checkOut)) * fx.rooms;
    const preview = await ok(t, t.tokens.agent, 'bookings.changePreview', { bookingId: b.id, itemId, replacement });
    expect(preview).toMatchObject({ feeCents: 0, oldTotalCents: oldPrice, newTotalCents: newPrice, differenceCents: newPrice - oldPrice });
    const changed = await ok(t, t.tokens.agent, 'bookings.change', {
      bookingId: b.id, itemId, replacement, expectedDifferenceCents: preview.differenceCents, payment: card,
    });
    expect(await roomsBooked(from, addDays(to, 1))).toEqual([0, fx.rooms, fx.rooms, fx.rooms]);
    const added = changed.items.find((i) => i.status === 'active');
    expect(added?.travellers).toHaveLength(1);
    expect(added?.travellers[0]).toMatchObject({ role: 'lead_guest', guestCount: 3, familyName: 'Somerville' });
    expectMoneyAddsUp(changed);
  });

  it('a car for other days, then the whole booking cancelled: the new days go back, and the money still adds up', async () => {
    const from = addDays(fx.checkIn, 12);
    const b = await ok(t, t.tokens.agent, 'bookings.create', {
      customerId: fx.customerId, expectedTotalCents: 4500 * 2, items: [{ kind: 'car', carId: fx.carId, pickUp: from, dropOff: addDays(from, 2), travellers: [driver()] }], payment: card,
    });
    const itemId = b.items[0]?.id ?? 0;
    const replacement = { kind: 'car', carId: fx.carId, pickUp: addDays(from, 1), dropOff: addDays(from, 4) } as const;
    const changed = await ok(t, t.tokens.agent, 'bookings.change', { bookingId: b.id, itemId, replacement, expectedDifferenceCents: 4500, payment: card });
    expect(await carBooked(from, addDays(from, 4))).toEqual([0, 1, 1, 1]);
    expect(changed.totalCents).toBe(4500 * 3);
    const cancelled = await ok(t, t.tokens.agent, 'bookings.cancel', { bookingId: b.id, reason: 'trip off' });
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.refundedCents).toBe(4500 * 3);
    expect(await carBooked(from, addDays(from, 4))).toEqual([0, 0, 0, 0]);
    expect(cancelled.movements?.map((m) => m.kind)).toEqual(['charge', 'charge', 'refund']);
    expectMoneyAddsUp(cancelled);
  });

  it('the same opId twice is one change', async () => {
    const b = await bookFlight(fx.flightId, 1, 25_000);
    const input = {
      bookingId: b.id, itemId: b.items[0]?.id ?? 0, replacement: { kind: 'flight', flightId: fx.cheapFlightId } as const,
      expectedDifferenceCents: 19_900 - 25_000 + CHANGE_FEE, opId: crypto.randomUUID(),
    };
    const cheapBefore = await seatsLeft(fx.cheapFlightId);
    const first = await ok(t, t.tokens.agent, 'bookings.change', input);
    const second = await ok(t, t.tokens.agent, 'bookings.change', input);
    expect(second.items.map((i) => i.id)).toEqual(first.items.map((i) => i.id));
    expect(await seatsLeft(fx.cheapFlightId)).toBe(cheapBefore - 1);
    expect((await ok(t, t.tokens.agent, 'bookings.get', { bookingId: b.id })).movements).toHaveLength(2);
  });
});
