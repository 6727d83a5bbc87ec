import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sweepExpiredHolds } from '../../../../main/core/ops/holds/sweepExpiredHolds';
import { GOOD_CARD, loadFixture } from '../../../support/fixture';
import { startTestCore, type TestCore } from '../../../support/testCore';
import { passengers, leadGuest } from '../../../support/travellers';

type Step =
  | { op: 'hold'; seats: number }
  | { op: 'release'; pick: number }
  | { op: 'book'; seats: number }
  | { op: 'bookHold'; pick: number }
  | { op: 'bookStay'; rooms: number; night: number }
  | { op: 'cancel'; pick: number }
  | { op: 'resize'; seats: number }
  | { op: 'jump'; minutes: number }
  | { op: 'replay'; pick: number }
  | { op: 'change'; pick: number; shift: number }
  | { op: 'addStay'; pick: number; rooms: number; night: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ op: fc.constant('hold' as const), seats: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ op: fc.constant('release' as const), pick: fc.nat() }),
  fc.record({ op: fc.constant('book' as const), seats: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ op: fc.constant('bookHold' as const), pick: fc.nat() }),
  fc.record({ op: fc.constant('bookStay' as const), rooms: fc.integer({ min: 1, max: 3 }), night: fc.integer({ min: 0, max: 3 }) }),
  fc.record({ op: fc.constant('cancel' as const), pick: fc.nat() }),
  fc.record({ op: fc.constant('resize' as const), seats: fc.integer({ min: 0, max: 12 }) }),
  fc.record({ op: fc.constant('jump' as const), minutes: fc.integer({ min: 1, max: 20 }) }),
  fc.record({ op: fc.constant('replay' as const), pick: fc.nat() }),
  // Changes and additions come up more often: each needs a booking made earlier in the sequence.
  { arbitrary: fc.record({ op: fc.constant('change' as const), pick: fc.nat(), shift: fc.constantFrom(-1, 1) }), weight: 3 },
  { arbitrary: fc.record({ op: fc.constant('addStay' as const), pick: fc.nat(), rooms: fc.integer({ min: 1, max: 3 }), night: fc.integer({ min: 0, max: 3 }) }), weight: 2 },
);

async function seatLedger(t: TestCore, flightId: number) {
  const db = t.engine.sql;
  const f = await db.get<{ total: number; available: number }>('SELECT seats_total AS total, seats_available AS available FROM flights WHERE id = ?', [flightId]);
  const held = await db.get<{ n: number }>("SELECT COALESCE(SUM(seats), 0) AS n FROM flight_seat_holds WHERE flight_id = ? AND status = 'active'", [flightId]);
  const booked = await db.get<{ n: number }>("SELECT COALESCE(SUM(quantity), 0) AS n FROM booking_items WHERE item_type = 'flight' AND item_id = ? AND status = 'active'", [flightId]);
  return { total: Number(f?.total), available: Number(f?.available), held: Number(held?.n), booked: Number(booked?.n) };
}

async function ledger(t: TestCore, flightId: number, roomTypeId: number, otherFlightId: number) {
  const db = t.engine.sql;
  const nights = await db.all<{ total: number; booked: number }>('SELECT rooms_total AS total, rooms_booked AS booked FROM hotel_inventory WHERE room_type_id = ? ORDER BY stay_date', [roomTypeId]);
  const stays = await db.all<{ quantity: number; start_utc: string; end_utc: string }>("SELECT quantity, start_utc, end_utc FROM booking_items WHERE item_type = 'hotel' AND status = 'active'");
  return { ...(await seatLedger(t, flightId)), other: await seatLedger(t, otherFlightId), nights, stays };
}

/** Each booking's money: what its movements say it was charged and refunded, beside the booking's and billing's own totals. */
async function money(t: TestCore) {
  return t.engine.sql.all<{ id: number; total: number; refunded: number; charges: number; refunds: number; captured: number; refunded_billing: number }>(
    `SELECT b.id, b.total_cents AS total, b.refunded_cents AS refunded,
            (SELECT COALESCE(SUM(amount_cents), 0) FROM money_movements m WHERE m.booking_id = b.id AND m.kind = 'charge') AS charges,
            (SELECT COALESCE(SUM(amount_cents), 0) FROM money_movements m WHERE m.booking_id = b.id AND m.kind = 'refund') AS refunds,
            (SELECT COALESCE(SUM(amount_cents), 0) FROM billing l WHERE l.booking_id = b.id AND l.transaction_status = 'captured') AS captured,
            (SELECT COALESCE(SUM(amount_cents), 0) FROM billing l WHERE l.booking_id = b.id AND l.transaction_status = 'refunded') AS refunded_billing
       FROM bookings b WHERE b.status <> 'payment_failed'`);
}

/**
 * Random sequences of what agents do — hold, release, book, book a hold, book a stay, change a
 * booked flight or stay, add a stay to a booking, cancel, resize the flight, let time pass, retry
 * an earlier request — never break the inventory rules: capacity is never negative, held + booked
 * never exceed it, a retried opId changes nothing, and every booking's money movements add up to
 * what it was charged minus what was refunded.
 */
describe('inventory invariants under random agent work (fast-check, SQLite engine)', () => {
  it('holds + bookings never exceed capacity; capacity never negative; replays change nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 5, maxLength: 25 }), async (steps) => {
        let clock = Date.now();
        const t = await startTestCore('standalone', { now: () => clock, env: { TRIPDESK_SESSION_HOURS: '1000' } });
        try {
          const fx = await loadFixture(t.engine, { seats: 8, rooms: 3, now: clock });
          const { agent, supervisor } = t.tokens;
          const holds: string[] = [];
          const heldSeats = new Map<string, number>();
          const heldPrice = new Map<string, number>();
          // What the agent is quoted: each step books at the price on sale (a wrong quote is PRICE_CHANGED, tested elsewhere).
          const stayPrice = async (checkIn: string, checkOut: string, rooms: number) => rooms * Number((await t.engine.sql.get<{ p: number }>(
            'SELECT SUM(price_cents) AS p FROM hotel_inventory WHERE room_type_id = ? AND stay_date >= ? AND stay_date < ?', [fx.roomTypeId, checkIn, checkOut]))?.p ?? 0);
          const bookings: number[] = [];
          const sent: Array<{ channel: string; input: Record<string, unknown>; token: string }> = [];
          const send = async (channel: string, input: Record<string, unknown>, token = agent) => {
            const withOp = { ...input, opId: crypto.randomUUID() };
            sent.push({ channel, input: withOp, token });
            return t.core.call(channel, withOp, token);
          };
          const pay = { kind: 'card', card: GOOD_CARD };
          for (const s of steps) {
            const before = await ledger(t, fx.flightId, fx.roomTypeId, fx.cheapFlightId);
            switch (s.op) {
              case 'hold': {
                const r = await send('holds.create', { flightId: fx.flightId, seats: s.seats });
                if (r.ok) {
                  holds.push((r.value as { holdId: string }).holdId);
                  heldSeats.set((r.value as { holdId: string }).holdId, s.seats);
                  heldPrice.set((r.value as { holdId: string }).holdId, (r.value as { priceCents: number }).priceCents);
                }
                else expect(r.error.code).toBe('SOLD_OUT');
                break;
              }
              case 'release':
                if (holds.length) await send('holds.release', { holdId: holds[s.pick % holds.length] });
                break;
              case 'book': {
                const r = await send('bookings.create', { customerId: fx.customerId, expectedTotalCents: fx.flightPriceCents * s.seats, items: [{ kind: 'flight', flightId: fx.flightId, seats: s.seats, travellers: passengers(s.seats) }], payment: pay });
                if (r.ok) bookings.push((r.value as { id: number }).id);
                break;
              }
              case 'bookHold': {
                if (!holds.length) break;
                const holdId = holds[s.pick % holds.length];
                const r = await send('bookings.create', { customerId: fx.customerId, expectedTotalCents: heldPrice.get(holdId ?? '') ?? 0, items: [{ kind: 'flight', holdId, travellers: passengers(heldSeats.get(holdId ?? '') ?? 1) }], payment: pay });
                if (r.ok) bookings.push((r.value as { id: number }).id);
                break;
              }
              case 'bookStay': {
                const checkIn = addDays(fx.checkIn, s.night);
                const r = await send('bookings.create', { customerId: fx.customerId, expectedTotalCents: await stayPrice(checkIn, addDays(checkIn, 2), s.rooms), items: [{ kind: 'hotel', roomTypeId: fx.roomTypeId, checkIn, checkOut: addDays(checkIn, 2), rooms: s.rooms, guests: 1, travellers: [leadGuest()] }], payment: pay });
                if (r.ok) bookings.push((r.value as { id: number }).id);
                break;
              }
              case 'cancel':
                if (bookings.length) await send('bookings.cancel', { bookingId: bookings[s.pick % bookings.length], reason: 'property test' });
                break;
              case 'resize': {
                const r = await send('inventory.flights.update', { flightId: fx.flightId, seatsTotal: s.seats }, supervisor);
                if (!r.ok) expect(r.error.code).toBe('CONFLICT');
                break;
              }
              case 'change': {
                if (!bookings.length) break;
                const bookingId = bookings[s.pick % bookings.length] ?? 0;
                const got = await t.core.call('bookings.get', { bookingId }, agent);
                if (!got.ok) throw new Error(got.error.message);
                const item = (got.value as { items: Array<{ id: number; kind: string; refId: number; status: string; startUtc: string; endUtc: string }> }).items.find((i) => i.status === 'active');
                if (!item) break;
                const replacement = item.kind === 'flight'
                  ? { kind: 'flight', flightId: item.refId === fx.flightId ? fx.cheapFlightId : fx.flightId }
                  : { kind: 'hotel', roomTypeId: fx.roomTypeId, checkIn: addDays(item.startUtc.slice(0, 10), s.shift), checkOut: addDays(item.endUtc.slice(0, 10), s.shift) };
                const preview = await t.core.call('bookings.changePreview', { bookingId, itemId: item.id, replacement }, agent);
                const expected = preview.ok ? (preview.value as { differenceCents: number }).differenceCents : 0;
                const r = await send('bookings.change', { bookingId, itemId: item.id, replacement, expectedDifferenceCents: expected, payment: pay });
                if (preview.ok) expect(r.ok, r.ok ? '' : `${r.error.code} ${r.error.message}`).toBe(true);
                else if (!r.ok) expect(['SOLD_OUT', 'PRICE_CHANGED', 'CONFLICT']).toContain(r.error.code);
                break;
              }
              case 'addStay': {
                if (!bookings.length) break;
                const checkIn = addDays(fx.checkIn, s.night);
                const r = await send('bookings.addItems', { bookingId: bookings[s.pick % bookings.length], expectedTotalCents: await stayPrice(checkIn, addDays(checkIn, 1), s.rooms), payment: pay,
                  items: [{ kind: 'hotel', roomTypeId: fx.roomTypeId, checkIn, checkOut: addDays(checkIn, 1), rooms: s.rooms, guests: 1, travellers: [leadGuest()] }] });
                if (!r.ok) expect(['SOLD_OUT', 'PRICE_CHANGED', 'CONFLICT']).toContain(r.error.code);
                break;
              }
              case 'jump':
                clock += s.minutes * 60_000;
                await sweepExpiredHolds(t.engine, clock);
                break;
              case 'replay': {
                const earlier = sent.length ? sent[s.pick % sent.length] : undefined;
                if (!earlier) break;
                await t.core.call(earlier.channel, earlier.input, earlier.token);
                const after = await ledger(t, fx.flightId, fx.roomTypeId, fx.cheapFlightId);
                expect(after, `replaying ${earlier.channel} changed the inventory`).toEqual(before);
                break;
              }
            }
            const l = await ledger(t, fx.flightId, fx.roomTypeId, fx.cheapFlightId);
            expect(l.available).toBeGreaterThanOrEqual(0);
            expect(l.available + l.held + l.booked).toBe(l.total);
            expect(l.other.available).toBeGreaterThanOrEqual(0);
            expect(l.other.available + l.other.held + l.other.booked).toBe(l.other.total);
            for (const m of await money(t)) {
              const row = Object.fromEntries(Object.entries(m).map(([k, v]) => [k, Number(v)]));
              expect(row.charges, `booking ${m.id}: charges`).toBe(row.total);
              expect(row.refunds, `booking ${m.id}: refunds`).toBe(row.refunded);
              expect(row.captured, `booking ${m.id}: captured`).toBe(row.charges);
              expect(row.refunded_billing, `booking ${m.id}: refunded`).toBe(row.refunds);
            }
            for (const n of l.nights) {
              expect(n.booked).toBeGreaterThanOrEqual(0);
              expect(n.booked).toBeLessThanOrEqual(n.total);
            }
          }
        } finally {
          await t.close();
        }
      }),
      { numRuns: Number(process.env.TRIPDESK_PROPERTY_RUNS ?? 25), seed: 4242 },
    );
  });
});

function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}
