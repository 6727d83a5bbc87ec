import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Booking } from '../../../../shared/contract';
import { sweepExpiredHolds } from '../../../../main/core/ops/holds/sweepExpiredHolds';
import { GOOD_CARD, loadFixture, type Fixture } from '../../../support/fixture';
import { ok, signInAs, startTestCore, type TestCore } from '../../../support/testCore';
import { passengers, leadGuest } from '../../../support/travellers';

const CLIENTS = 32;

/** Seats the database accounts for: what is left, held and booked must add up to the capacity. */
async function seatLedger(t: TestCore, flightId: number) {
  const f = await t.engine.sql.get<{ total: number; available: number }>('SELECT seats_total AS total, seats_available AS available FROM flights WHERE id = ?', [flightId]);
  const held = await t.engine.sql.get<{ n: number }>("SELECT COALESCE(SUM(seats), 0) AS n FROM flight_seat_holds WHERE flight_id = ? AND status = 'active'", [flightId]);
  const booked = await t.engine.sql.get<{ n: number }>("SELECT COALESCE(SUM(quantity), 0) AS n FROM booking_items WHERE item_type = 'flight' AND item_id = ? AND status = 'active'", [flightId]);
  return { total: Number(f?.total), available: Number(f?.available), held: Number(held?.n), booked: Number(booked?.n) };
}

describe('racing agents on MariaDB', () => {
  let t: TestCore;
  let fx: Fixture;
  const tokens: string[] = [];
  let clock = Date.now();

  beforeAll(async () => {
    t = await startTestCore('central', { now: () => clock, env: { TRIPDESK_MYSQL_POOL: String(CLIENTS), TRIPDESK_SESSION_HOURS: '1000' } });
    fx = await loadFixture(t.engine, { seats: 5, rooms: 3, now: clock });
    for (let i = 0; i < CLIENTS; i++) tokens.push(await signInAs(t, 'agent', `agent${i}@race.test`));
  });
  afterAll(async () => t?.close());

  it(`${CLIENTS} agents holding the last 5 seats: exactly 5 win, the rest hear SOLD_OUT`, async () => {
    const results = await Promise.all(tokens.map((tok) => t.core.call('holds.create', { flightId: fx.flightId, seats: 1 }, tok)));
    expect(results.filter((r) => r.ok)).toHaveLength(5);
    expect(results.filter((r) => !r.ok).map((r) => (r.ok ? '' : r.error.code))).toEqual(Array(CLIENTS - 5).fill('SOLD_OUT'));
    expect(await seatLedger(t, fx.flightId)).toEqual({ total: 5, available: 0, held: 5, booked: 0 });
  });

  it(`${CLIENTS} agents booking the last 3 rooms for the same stay: exactly 3 bookings, no night oversold`, async () => {
    const stay = { kind: 'hotel', roomTypeId: fx.roomTypeId, checkIn: fx.checkIn, checkOut: fx.checkOut, rooms: 1, guests: 1, travellers: [leadGuest()] };
    const quote = await ok(t, tokens[0]!, 'hotels.search', { stateCode: 'CA', checkIn: fx.checkIn, checkOut: fx.checkOut, rooms: 1 });
    const total = quote.items[0]!.totalCents;
    const results = await Promise.all(tokens.map((tok) => t.core.call('bookings.create', {
      customerId: fx.customerId, expectedTotalCents: total, items: [stay], payment: { kind: 'card', card: GOOD_CARD },
    }, tok)));
    expect(results.filter((r) => r.ok)).toHaveLength(3);
    expect(new Set(results.flatMap((r) => (r.ok ? [] : [r.error.code])))).toEqual(new Set(['SOLD_OUT']));
    const nights = await t.engine.sql.all<{ booked: number; total: number }>(
      'SELECT rooms_booked AS booked, rooms_total AS total FROM hotel_inventory WHERE room_type_id = ? AND stay_date >= ? AND stay_date < ?',
      [fx.roomTypeId, fx.checkIn, fx.checkOut]);
    expect(nights.map((n) => n.booked)).toEqual([3, 3, 3]);
  });

  it('hold expiry racing the booking of that hold: exactly one of them wins and the seats add up', async () => {
    await t.engine.sql.run("UPDATE flight_seat_holds SET status = 'released' WHERE flight_id = ? AND status = 'active'", [fx.flightId]);
    // A seat for every round: the booking may win all eight (with 5 seats, a sixth win had no seat to hold).
    await t.engine.sql.run('UPDATE flights SET seats_total = 8, seats_available = 8 WHERE id = ?', [fx.flightId]);
    for (let round = 0; round < 8; round++) {
      const hold = await ok(t, tokens[0]!, 'holds.create', { flightId: fx.flightId, seats: 1 });
      // The booking (by the hold's maker: a hold is theirs) is judged a moment before expiry, the sweeper just after: they race on the hold row.
      clock = Date.parse(hold.expiresAtUtc) - 1;
      const [booking, swept] = await Promise.all([
        t.core.call('bookings.create', { customerId: fx.customerId, expectedTotalCents: hold.priceCents, items: [{ kind: 'flight', holdId: hold.holdId, travellers: passengers(1) }], payment: { kind: 'card', card: GOOD_CARD } }, tokens[0]!),
        sweepExpiredHolds(t.engine, Date.parse(hold.expiresAtUtc) + 1),
      ]);
      clock = Date.now();
      const booked = booking.ok && (booking.value as Booking).status === 'confirmed';
      expect(booked !== swept.includes(hold.holdId), `round ${round}: booked=${booked} swept=${swept.join(',')}`).toBe(true);
      const ledger = await seatLedger(t, fx.flightId);
      expect(ledger.available + ledger.held + ledger.booked).toBe(ledger.total);
    }
  });

  it('a cancellation racing a booking for the seats it frees: never oversold, never lost', async () => {
    // The expiry race above books between 0 and 8 of the flight's seats, at random: leave exactly
    // three on sale (what one booking may take, and the racers may win back), the rest as they are.
    await t.engine.sql.run('UPDATE flights SET seats_total = seats_total - seats_available + 3, seats_available = 3 WHERE id = ?', [fx.flightId]);
    const ledger0 = await seatLedger(t, fx.flightId);
    const fill = await ok(t, tokens[2]!, 'bookings.create', {
      customerId: fx.customerId, expectedTotalCents: ledger0.available * fx.flightPriceCents,
      items: [{ kind: 'flight', flightId: fx.flightId, seats: ledger0.available, travellers: passengers(ledger0.available) }], payment: { kind: 'card', card: GOOD_CARD },
    });
    expect((await seatLedger(t, fx.flightId)).available).toBe(0);
    const [cancel, ...racers] = await Promise.all([
      t.core.call('bookings.cancel', { bookingId: fill.id, reason: 'race' }, tokens[3]!),
      ...tokens.slice(4, 12).map((tok) => t.core.call('bookings.create', {
        customerId: fx.customerId, expectedTotalCents: fx.flightPriceCents, items: [{ kind: 'flight', flightId: fx.flightId, seats: 1, travellers: passengers(1) }], payment: { kind: 'card', card: GOOD_CARD },
      }, tok)),
    ]);
    expect(cancel.ok, JSON.stringify(cancel)).toBe(true);
    const won = racers.filter((r) => r.ok).length;
    expect(won).toBeLessThanOrEqual(ledger0.available);
    const ledger = await seatLedger(t, fx.flightId);
    expect(ledger.available + ledger.held + ledger.booked).toBe(ledger.total);
    expect(ledger.available).toBeGreaterThanOrEqual(0);
    expect(ledger.booked, JSON.stringify({ ledger, won, racers: racers.map((r) => (r.ok ? 'ok' : r.error.code)) })).toBe(ledger0.booked + won);
  });
});
