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
  | { op: 'replay'; pick: number };

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
);

async function ledger(t: TestCore, flightId: number, roomTypeId: number) {
  const db = t.engine.sql;
  const f = await db.get<{ total: number; available: number }>('SELECT seats_total AS total, seats_available AS available FROM flights WHERE id = ?', [flightId]);
  const held = await db.get<{ n: number }>("SELECT COALESCE(SUM(seats), 0) AS n FROM flight_seat_holds WHERE flight_id = ? AND status = 'active'", [flightId]);
  const booked = await db.get<{ n: number }>("SELECT COALESCE(SUM(quantity), 0) AS n FROM booking_items WHERE item_type = 'flight' AND item_id = ? AND status = 'active'", [flightId]);
  const nights = await db.all<{ total: number; booked: number }>('SELECT rooms_total AS total, rooms_booked AS booked FROM hotel_inventory WHERE room_type_id = ? ORDER BY stay_date', [roomTypeId]);
  const stays = await db.all<{ quantity: number; start_utc: string; end_utc: string }>("SELECT quantity, start_utc, end_utc FROM booking_items WHERE item_type = 'hotel' AND status = 'active'");
  return { total: Number(f?.total), available: Number(f?.available), held: Number(held?.n), booked: Number(booked?.n), nights, stays };
}

/**
 * Random sequences of what agents do — hold, release, book, book a hold, book a stay, cancel,
 * resize the flight, let time pass, retry an earlier request — never break the inventory rules:
 * capacity is never negative, held + booked never exceed it, and a retried opId changes nothing.
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
          const bookings: number[] = [];
          const sent: Array<{ channel: string; input: Record<string, unknown>; token: string }> = [];
          const send = async (channel: string, input: Record<string, unknown>, token = agent) => {
            const withOp = { ...input, opId: crypto.randomUUID() };
            sent.push({ channel, input: withOp, token });
            return t.core.call(channel, withOp, token);
          };
          const pay = { kind: 'card', card: GOOD_CARD };
          for (const s of steps) {
            const before = await ledger(t, fx.flightId, fx.roomTypeId);
            switch (s.op) {
              case 'hold': {
                const r = await send('holds.create', { flightId: fx.flightId, seats: s.seats });
                if (r.ok) {
                  holds.push((r.value as { holdId: string }).holdId);
                  heldSeats.set((r.value as { holdId: string }).holdId, s.seats);
                }
                else expect(r.error.code).toBe('SOLD_OUT');
                break;
              }
              case 'release':
                if (holds.length) await send('holds.release', { holdId: holds[s.pick % holds.length] });
                break;
              case 'book': {
                const r = await send('bookings.create', { customerId: fx.customerId, expectedTotalCents: 0, priceTolerancePct: 50, items: [{ kind: 'flight', flightId: fx.flightId, seats: s.seats, travellers: passengers(s.seats) }], payment: pay });
                if (r.ok) bookings.push((r.value as { id: number }).id);
                break;
              }
              case 'bookHold': {
                if (!holds.length) break;
                const holdId = holds[s.pick % holds.length];
                const r = await send('bookings.create', { customerId: fx.customerId, expectedTotalCents: 0, priceTolerancePct: 50, items: [{ kind: 'flight', holdId, travellers: passengers(heldSeats.get(holdId ?? '') ?? 1) }], payment: pay });
                if (r.ok) bookings.push((r.value as { id: number }).id);
                break;
              }
              case 'bookStay': {
                const checkIn = addDays(fx.checkIn, s.night);
                const r = await send('bookings.create', { customerId: fx.customerId, expectedTotalCents: 0, priceTolerancePct: 50, items: [{ kind: 'hotel', roomTypeId: fx.roomTypeId, checkIn, checkOut: addDays(checkIn, 2), rooms: s.rooms, guests: 1, travellers: [leadGuest()] }], payment: pay });
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
              case 'jump':
                clock += s.minutes * 60_000;
                await sweepExpiredHolds(t.engine, clock);
                break;
              case 'replay': {
                const earlier = sent.length ? sent[s.pick % sent.length] : undefined;
                if (!earlier) break;
                await t.core.call(earlier.channel, earlier.input, earlier.token);
                const after = await ledger(t, fx.flightId, fx.roomTypeId);
                expect(after, `replaying ${earlier.channel} changed the inventory`).toEqual(before);
                break;
              }
            }
            const l = await ledger(t, fx.flightId, fx.roomTypeId);
            expect(l.available).toBeGreaterThanOrEqual(0);
            expect(l.available + l.held + l.booked).toBe(l.total);
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
