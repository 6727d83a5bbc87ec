import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addDays } from '../../../../shared/time';
import { seedCatalog } from '../../../support/fixture';
import { fails, MODES, ok, startTestCore, tickingClock, type CoreMode, type TestCore } from '../../../support/testCore';

const FLIGHT = 101; // 10 seats, 4 available: 6 sold or held
const ROOM_TYPE = 211;
const CAR = 301;

function describeInventorySuite(mode: CoreMode): void {
  let t: TestCore;
  let supervisor: string;
  let agent: string;

  beforeAll(async () => {
    t = await startTestCore(mode, { now: tickingClock(), log: () => undefined, env: { TRIPDESK_DEMO_DATA: '0' } });
    await seedCatalog(t.db);
    supervisor = t.tokens.supervisor;
    agent = t.tokens.agent;
  });
  afterAll(async () => { await t?.close(); });

  const flightRow = () => t.db.get<{ seats_total: number; seats_available: number; price_cents: number; row_version: number }>(
    'SELECT seats_total, seats_available, price_cents, row_version FROM flights WHERE id = ?', [FLIGHT]);

  describe('flights', () => {
    it('shrinking below the seats sold or held is a CONFLICT with the numbers, and changes nothing', async () => {
      const before = await flightRow();
      const err = await fails(t, supervisor, 'inventory.flights.update', { flightId: FLIGHT, seatsTotal: 5, priceCents: 1 }, 'CONFLICT');
      expect(err.details).toEqual({ flightId: FLIGHT, soldOrHeld: 6, requested: 5 });
      expect(await flightRow()).toEqual(before);
    });

    it('resizing keeps the sold and held seats taken and reprices; returns the offer', async () => {
      const before = await flightRow();
      const offer = await ok(t, supervisor, 'inventory.flights.update', { flightId: FLIGHT, seatsTotal: 20, priceCents: 21500 });
      expect(offer).toEqual({
        id: FLIGHT, flightNumber: 'TD101', airline: 'TripDesk Air', from: 'JFK', to: 'LAX',
        departUtc: '2026-07-01T14:00:00.000Z', arriveUtc: '2026-07-01T20:30:00.000Z',
        departureLocal: '2026-07-01T10:00:00-04:00', arrivalLocal: '2026-07-01T13:30:00-07:00',
        departureTimeZone: 'America/New_York', arrivalTimeZone: 'America/Los_Angeles',
        priceCents: 21500, seatsAvailable: 14, seatsTotal: 20,
      });
      const after = await flightRow();
      expect(after).toMatchObject({ seats_total: 20, seats_available: 14, price_cents: 21500 });
      expect(Number(after?.row_version)).toBe(Number(before?.row_version) + 1);
    });

    it('shrinking to exactly the seats taken leaves none available', async () => {
      const offer = await ok(t, supervisor, 'inventory.flights.update', { flightId: FLIGHT, seatsTotal: 6 });
      expect(offer).toMatchObject({ seatsTotal: 6, seatsAvailable: 0, priceCents: 21500 });
    });

    it('a price-only change keeps the seats', async () => {
      const offer = await ok(t, supervisor, 'inventory.flights.update', { flightId: FLIGHT, priceCents: 19900 });
      expect(offer).toMatchObject({ seatsTotal: 6, seatsAvailable: 0, priceCents: 19900 });
    });

    it('an unknown flight is NOT_FOUND; a change naming nothing is VALIDATION', async () => {
      await fails(t, supervisor, 'inventory.flights.update', { flightId: 9999, seatsTotal: 10 }, 'NOT_FOUND');
      await fails(t, supervisor, 'inventory.flights.update', { flightId: FLIGHT }, 'VALIDATION');
    });

    it('agents may not change inventory', async () => {
      await fails(t, agent, 'inventory.flights.update', { flightId: FLIGHT, seatsTotal: 50 }, 'FORBIDDEN');
      await fails(t, agent, 'inventory.hotels.days', { roomTypeId: ROOM_TYPE, from: '2026-07-01', to: '2026-07-02' }, 'FORBIDDEN');
    });
  });

  describe('hotel nights', () => {
    const FROM = '2026-07-01';
    const TO = '2026-07-10';
    const BOOKED: Record<string, number> = { '2026-07-03': 6, '2026-07-04': 8 };

    beforeEach(async () => {
      await t.db.run('DELETE FROM hotel_inventory WHERE room_type_id = ?', [ROOM_TYPE]);
      for (let d = FROM; d <= TO; d = addDays(d, 1)) {
        await t.db.run('INSERT INTO hotel_inventory (room_type_id, stay_date, rooms_total, rooms_booked, price_cents) VALUES (?, ?, ?, ?, ?)',
          [ROOM_TYPE, d, 10, BOOKED[d] ?? 0, 15000]);
      }
    });

    const days = (from = FROM, to = TO) => ok(t, supervisor, 'inventory.hotels.days', { roomTypeId: ROOM_TYPE, from, to });

    it('lists every night of the range, both ends included', async () => {
      const list = await days('2026-07-03', '2026-07-05');
      // No rate rules set: every night takes any stay (test/core/ops/rates sets them).
      const open = { minStayNights: 1, closedToArrival: false, closedToDeparture: false };
      expect(list).toEqual([
        { date: '2026-07-03', roomsTotal: 10, roomsBooked: 6, priceCents: 15000, ...open },
        { date: '2026-07-04', roomsTotal: 10, roomsBooked: 8, priceCents: 15000, ...open },
        { date: '2026-07-05', roomsTotal: 10, roomsBooked: 0, priceCents: 15000, ...open },
      ]);
    });

    it('a range edit changes every night from the first to the last day', async () => {
      const res = await ok(t, supervisor, 'inventory.hotels.setDays', { roomTypeId: ROOM_TYPE, from: FROM, to: TO, roomsTotal: 12, priceCents: 17500 });
      expect(res).toEqual({ daysChanged: 10 });
      const list = await days();
      expect(list).toHaveLength(10);
      expect(list.every((d) => d.roomsTotal === 12 && d.priceCents === 17500)).toBe(true);
      expect(list.map((d) => d.roomsBooked)).toEqual(list.map((d) => BOOKED[d.date] ?? 0));
    });

    it('a one-day range (from = to) changes that one night only', async () => {
      expect(await ok(t, supervisor, 'inventory.hotels.setDays', { roomTypeId: ROOM_TYPE, from: '2026-07-05', to: '2026-07-05', priceCents: 9900 }))
        .toEqual({ daysChanged: 1 });
      const changed = (await days()).filter((d) => d.priceCents === 9900).map((d) => d.date);
      expect(changed).toEqual(['2026-07-05']);
    });

    it('capacity below what is booked on any night is a CONFLICT naming those nights, and nothing changes', async () => {
      const before = await days();
      const err = await fails(t, supervisor, 'inventory.hotels.setDays', { roomTypeId: ROOM_TYPE, from: FROM, to: TO, roomsTotal: 5, priceCents: 1 }, 'CONFLICT');
      expect(err.details).toEqual({ days: [{ date: '2026-07-03', booked: 6, requested: 5 }, { date: '2026-07-04', booked: 8, requested: 5 }] });
      expect(await days()).toEqual(before);
    });

    it('nights with no inventory are NOT_FOUND unless both rooms and price are given, then they are created', async () => {
      const before = await days(FROM, '2026-07-12');
      const err = await fails(t, supervisor, 'inventory.hotels.setDays', { roomTypeId: ROOM_TYPE, from: '2026-07-09', to: '2026-07-12', priceCents: 1 }, 'NOT_FOUND');
      expect(err.details).toMatchObject({ days: ['2026-07-11', '2026-07-12'] });
      expect(err.message).toContain('2026-07-11');
      expect(await days(FROM, '2026-07-12')).toEqual(before);

      const res = await ok(t, supervisor, 'inventory.hotels.setDays', { roomTypeId: ROOM_TYPE, from: '2026-07-09', to: '2026-07-12', roomsTotal: 9, priceCents: 16000 });
      expect(res).toEqual({ daysChanged: 4 });
      expect((await days('2026-07-09', '2026-07-12')).map((d) => [d.date, d.roomsTotal, d.roomsBooked, d.priceCents])).toEqual([
        ['2026-07-09', 9, 0, 16000], ['2026-07-10', 9, 0, 16000], ['2026-07-11', 9, 0, 16000], ['2026-07-12', 9, 0, 16000],
      ]);
    });

    it('replaying the same opId changes the nights once', async () => {
      const opId = uuidv7();
      const version = () => t.db.get<{ v: number }>('SELECT SUM(row_version) AS v FROM hotel_inventory WHERE room_type_id = ?', [ROOM_TYPE]);
      const v0 = Number((await version())?.v);
      const input = { roomTypeId: ROOM_TYPE, from: FROM, to: TO, priceCents: 18000, opId };
      expect(await ok(t, supervisor, 'inventory.hotels.setDays', input)).toEqual({ daysChanged: 10 });
      expect(await ok(t, supervisor, 'inventory.hotels.setDays', input)).toEqual({ daysChanged: 10 });
      expect(Number((await version())?.v)).toBe(v0 + 10);
    });

    it('validates the range: to before from, or more than 400 days, is VALIDATION on "to"', async () => {
      const backwards = await fails(t, supervisor, 'inventory.hotels.setDays', { roomTypeId: ROOM_TYPE, from: '2026-07-10', to: '2026-07-09', priceCents: 1 }, 'VALIDATION');
      expect(backwards.message).toMatch(/^to:/);
      const long = await fails(t, supervisor, 'inventory.hotels.days', { roomTypeId: ROOM_TYPE, from: '2026-01-01', to: addDays('2026-01-01', 400) }, 'VALIDATION');
      expect(long.message).toMatch(/^to:/);
      // 400 days, both ends included, is still allowed.
      expect(await ok(t, supervisor, 'inventory.hotels.days', { roomTypeId: ROOM_TYPE, from: '2026-01-01', to: addDays('2026-01-01', 399) })).toHaveLength(10);
    });

    it('an unknown room type is NOT_FOUND', async () => {
      await fails(t, supervisor, 'inventory.hotels.days', { roomTypeId: 9999, from: FROM, to: TO }, 'NOT_FOUND');
      await fails(t, supervisor, 'inventory.hotels.setDays', { roomTypeId: 9999, from: FROM, to: TO, priceCents: 1 }, 'NOT_FOUND');
    });

    it('leaves an audit entry for the edit', async () => {
      await ok(t, supervisor, 'inventory.hotels.setDays', { roomTypeId: ROOM_TYPE, from: FROM, to: '2026-07-02', priceCents: 14000 });
      const audit = await ok(t, supervisor, 'audit.list', { entity: 'room type', entityId: String(ROOM_TYPE) });
      expect(audit[0]).toMatchObject({ channel: 'inventory.hotels.setDays', summary: expect.stringContaining('2026-07-01..2026-07-02') });
    });
  });

  describe('car days', () => {
    beforeEach(async () => {
      await t.db.run('DELETE FROM car_availability WHERE car_id = ?', [CAR]);
      for (const [d, booked] of [['2026-08-01', 0], ['2026-08-02', 3], ['2026-08-03', 1]] as const) {
        await t.db.run('INSERT INTO car_availability (car_id, rental_date, units_total, units_booked, price_cents) VALUES (?, ?, ?, ?, ?)',
          [CAR, d, 5, booked, 4500]);
      }
    });
    const days = () => ok(t, supervisor, 'inventory.cars.days', { carId: CAR, from: '2026-08-01', to: '2026-08-03' });

    it('a range edit changes every day, both ends included', async () => {
      expect(await ok(t, supervisor, 'inventory.cars.setDays', { carId: CAR, from: '2026-08-01', to: '2026-08-03', unitsTotal: 3, priceCents: 5000 }))
        .toEqual({ daysChanged: 3 });
      expect(await days()).toEqual([
        { date: '2026-08-01', unitsTotal: 3, unitsBooked: 0, priceCents: 5000 },
        { date: '2026-08-02', unitsTotal: 3, unitsBooked: 3, priceCents: 5000 },
        { date: '2026-08-03', unitsTotal: 3, unitsBooked: 1, priceCents: 5000 },
      ]);
    });

    it('units below what is booked is a CONFLICT with the numbers, and nothing changes', async () => {
      const before = await days();
      const err = await fails(t, supervisor, 'inventory.cars.setDays', { carId: CAR, from: '2026-08-01', to: '2026-08-03', unitsTotal: 2 }, 'CONFLICT');
      expect(err).toMatchObject({ code: 'CONFLICT', details: { days: [{ date: '2026-08-02', booked: 3, requested: 2 }] } });
      expect(await days()).toEqual(before);
    });

    it('an unknown car is NOT_FOUND', async () => {
      await fails(t, supervisor, 'inventory.cars.setDays', { carId: 9999, from: '2026-08-01', to: '2026-08-03', unitsTotal: 2 }, 'NOT_FOUND');
    });
  });
}

for (const [name, mode] of MODES) {
  describe(`inventory on ${name}`, () => describeInventorySuite(mode));
}
