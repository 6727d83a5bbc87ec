import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toDbInstant } from '../../../../shared/time';
import { loadFixture, type Fixture } from '../../../support/fixture';
import { ok, startTestCore, type CoreMode, type TestCore } from '../../../support/testCore';

const DAY = 86_400_000;
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

/** The deal detector and the deals feed, on both engines: a price well under the trailing median is a deal. */
describe.each<CoreMode>(['standalone', 'central'])('deals on the %s engine', (kind) => {
  let t: TestCore;
  let agent: string;
  let supervisor: string;
  let fx: Fixture;

  beforeAll(async () => {
    t = await startTestCore(kind, { env: { TRIPDESK_SESSION_HOURS: '10000' } });
    fx = await loadFixture(t.engine, { seats: 10, rooms: 1 });
    ({ agent, supervisor } = t.tokens);
  });
  afterAll(async () => t?.close());

  it('calls a fare 20% under the route\'s trailing 30-day median a deal, once', async () => {
    // Five earlier JFK→LAX fares around $300 and the morning's $199 one, then the fixture's flight repriced to $200.
    const at = toDbInstant(Date.now());
    for (let d = 1; d <= 5; d++) {
      const day = addDays(fx.departDay, -d);
      await t.engine.sql.run(
        `INSERT INTO flights (flight_number, airline, departure_airport, arrival_airport, departure_ts_utc, arrival_ts_utc, seats_total, seats_available, price_cents, updated_at_utc)
         VALUES (?, 'Delta Air Lines', 'JFK', 'LAX', ?, ?, 100, 100, ?, ?)`,
        [`DL ${900 + d}`, `${day} 14:00:00.000`, `${day} 20:00:00.000`, 29000 + d * 500, at]);
    }
    await ok(t, supervisor, 'inventory.flights.update', { flightId: fx.flightId, priceCents: 20000 });
    const deals = await ok(t, agent, 'deals.list', { kind: 'flight' });
    const deal = deals.items.find((d) => d.targetId === fx.flightId && d.priceCents === 20000);
    expect(deal).toMatchObject({ kind: 'flight', key: 'route:JFK-LAX', referenceCents: 30250, source: 'detector', day: fx.departDay });
    expect(deal?.discountPct).toBeCloseTo(33.9, 1);
    // The same price seen again (a replay, a second console) is the same deal.
    await ok(t, supervisor, 'inventory.flights.update', { flightId: fx.flightId, seatsTotal: 12 });
    const again = await ok(t, agent, 'deals.list', { kind: 'flight' });
    expect(again.items.filter((d) => d.targetId === fx.flightId && d.priceCents === 20000)).toHaveLength(1);
  });

  it('a flight off sale is no deal however cheap; put back on sale, it is', async () => {
    const day = addDays(fx.departDay, 1);
    const draft = { flightNumber: 'TD 77', airline: 'TripDesk Air', from: 'JFK', to: 'LAX', departureLocal: `${day}T10:00`, arrivalLocal: `${day}T13:20`, seatsTotal: 20, priceCents: 15_000 };
    const { flight } = await ok(t, supervisor, 'catalog.flights.save', { ...draft, active: false });
    const dealsFor = async () => (await ok(t, agent, 'deals.list', { kind: 'flight' })).items.filter((d) => d.targetId === flight.id);
    expect(await dealsFor()).toEqual([]);
    await ok(t, supervisor, 'catalog.flights.save', { ...draft, flightId: flight.id, active: true });
    expect(await dealsFor()).toEqual([expect.objectContaining({ priceCents: 15_000, source: 'detector' })]);
  });

  it('pages the deals feed newest first with a cursor', async () => {
    const now = Date.now();
    for (let i = 0; i < 3; i++) {
      await t.engine.docs.deals.insertDeal({
        id: `kafka-evt-${kind}-${i}`, eventType: 'deal', kind: 'hotel', key: `hotel:${fx.roomTypeId}`, targetId: fx.roomTypeId, title: `Harbor Inn flash sale ${i}`,
        day: fx.checkIn, priceCents: 12000, referenceCents: 18000, discountPct: 33.3, source: 'kafka', ts: new Date(now + i * 1000),
      });
    }
    const first = await ok(t, agent, 'deals.list', { kind: 'hotel', limit: 2 });
    expect(first.items.map((d) => d.title)).toEqual(['Harbor Inn flash sale 2', 'Harbor Inn flash sale 1']);
    expect(first.nextCursor).not.toBeNull();
    const second = await ok(t, agent, 'deals.list', { kind: 'hotel', limit: 2, cursor: first.nextCursor! });
    expect(second.items.map((d) => d.title)).toContain('Harbor Inn flash sale 0');
    const since = await ok(t, agent, 'deals.list', { kind: 'hotel', from: new Date(now + 1500).toISOString() });
    expect(since.items.map((d) => d.title)).toEqual(['Harbor Inn flash sale 2']);
  });
});
