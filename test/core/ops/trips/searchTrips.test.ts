import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TripOption } from '../../../../shared/contract';
import { badInput, fails, MODES, ok, startTestCore, tickingClock, type TestCore } from '../../../support/testCore';

const AIRPORTS = [
  ['JFK', 'New York', 'NY', 'America/New_York'],
  ['LAX', 'Los Angeles', 'CA', 'America/Los_Angeles'],
  ['ORD', 'Chicago', 'IL', 'America/Chicago'],
  ['DFW', 'Dallas', 'TX', 'America/Chicago'],
] as const;

// [number, from, to, departs UTC, arrives UTC, price a seat, seats left]; comments give local times.
const FLIGHTS = [
  ['TD 100', 'JFK', 'LAX', '2026-12-10 13:00:00.000', '2026-12-10 19:15:00.000', 30000, 50], // 08:00 EST
  ['TD 101', 'JFK', 'LAX', '2026-12-11 01:00:00.000', '2026-12-11 07:10:00.000', 26000, 50], // Thu 10 Dec 20:00 EST (UTC says the 11th)
  ['TD 102', 'JFK', 'LAX', '2026-12-11 06:00:00.000', '2026-12-11 12:10:00.000', 10000, 50], // Fri 11 Dec 01:00 EST: not the 10th
  ['TD 200', 'JFK', 'ORD', '2026-12-10 12:00:00.000', '2026-12-10 14:30:00.000', 9000, 50], // lands ORD 08:30 CST
  ['TD 300', 'ORD', 'LAX', '2026-12-10 15:15:00.000', '2026-12-10 19:45:00.000', 9000, 50], // 45 min after TD 200: bookable
  ['TD 301', 'ORD', 'LAX', '2026-12-10 15:14:00.000', '2026-12-10 19:40:00.000', 5000, 50], // 44 min: too tight
  ['TD 302', 'ORD', 'LAX', '2026-12-10 20:30:00.000', '2026-12-11 00:45:00.000', 12000, 50], // 6 h exactly: bookable
  ['TD 303', 'ORD', 'LAX', '2026-12-10 20:31:00.000', '2026-12-11 00:50:00.000', 4000, 50], // 6 h 1 min: too long
  ['TD 210', 'JFK', 'DFW', '2026-12-10 14:00:00.000', '2026-12-10 17:30:00.000', 8000, 50],
  ['TD 310', 'DFW', 'LAX', '2026-12-10 19:00:00.000', '2026-12-10 21:30:00.000', 8000, 1], // one seat left
  // 3 h 30 after TD 210 lands, but at ORD, not DFW; 6 h 30 after TD 200 lands at ORD: no connection at all.
  ['TD 311', 'ORD', 'LAX', '2026-12-10 21:00:00.000', '2026-12-11 01:30:00.000', 1000, 50],
  ['TD 400', 'LAX', 'JFK', '2026-12-17 16:00:00.000', '2026-12-18 00:30:00.000', 25000, 50], // 08:00 PST
  ['TD 401', 'LAX', 'JFK', '2026-12-17 18:00:00.000', '2026-12-18 02:30:00.000', 22000, 50],
  ['TD 402', 'LAX', 'JFK', '2026-12-10 22:00:00.000', '2026-12-11 06:00:00.000', 20000, 50], // 14:00 PST on the 10th
  ['TD 500', 'JFK', 'LAX', '2026-02-01 10:00:00.000', '2026-02-01 16:00:00.000', 15000, 50], // departed before the clock's now
  ['TD 501', 'JFK', 'LAX', '2026-02-01 18:00:00.000', '2026-02-02 00:00:00.000', 16000, 50],
] as const;

const numbers = (o: TripOption) => o.legs.map((l) => l.segments.map((s) => s.flightNumber).join('+')).join(' / ');

describe.each(MODES)('trips.search on %s', (_name, mode) => {
  let t: TestCore;
  let agent: string;

  beforeAll(async () => {
    t = await startTestCore(mode, { now: tickingClock(Date.parse('2026-02-01T12:00:00Z')), log: () => undefined, env: { TRIPDESK_DEMO_DATA: '0' } });
    for (const [code, name] of [['NY', 'New York'], ['CA', 'California'], ['IL', 'Illinois'], ['TX', 'Texas']] as const) {
      await t.db.run('INSERT INTO us_states (code, name) VALUES (?, ?)', [code, name]);
    }
    for (const [iata, city, state, zone] of AIRPORTS) {
      await t.db.run('INSERT INTO airports (iata, name, city, state_code, time_zone) VALUES (?, ?, ?, ?, ?)', [iata, `${city} airport`, city, state, zone]);
    }
    for (const [number, from, to, departs, arrives, price, left] of FLIGHTS) {
      await t.db.run(
        `INSERT INTO flights (flight_number, airline, departure_airport, arrival_airport, departure_ts_utc, arrival_ts_utc, seats_total, seats_available, price_cents, updated_at_utc)
         VALUES (?, 'TripDesk Air', ?, ?, ?, ?, 50, ?, ?, '2026-01-01 00:00:00.000')`,
        [number, from, to, departs, arrives, left, price]);
    }
    agent = t.tokens.agent;
  });
  afterAll(async () => { await t?.close(); });

  it('joins two flights at one airport with 45 minutes to 6 hours between them, cheapest total first', async () => {
    const { options, passengers } = await ok(t, agent, 'trips.search', { legs: [{ from: 'JFK', to: 'LAX', date: '2026-12-10' }], passengers: 2 });
    expect(passengers).toBe(2);
    expect(options.map(numbers)).toEqual(['TD 200+TD 300', 'TD 200+TD 302', 'TD 101', 'TD 100']);
    expect(options.map((o) => o.totalCents)).toEqual([36000, 42000, 52000, 60000]);
    const [tight, long] = options;
    expect(tight?.legs[0]?.connections).toEqual([{ airport: 'ORD', minutes: 45 }]);
    expect(long?.legs[0]?.connections).toEqual([{ airport: 'ORD', minutes: 360 }]);
    expect(tight?.legs[0]).toMatchObject({ departUtc: '2026-12-10T12:00:00.000Z', arriveUtc: '2026-12-10T19:45:00.000Z', durationMinutes: 465, priceCents: 36000 });
    expect(tight?.key).toBe(tight?.legs[0]?.segments.map((s) => s.id).join('-'));
  });

  it('reads the date on the departure board at the origin and shows each airport’s clock', async () => {
    const { options } = await ok(t, agent, 'trips.search', { legs: [{ from: 'JFK', to: 'LAX', date: '2026-12-10' }], maxStops: 0 });
    expect(options.map(numbers)).toEqual(['TD 101', 'TD 100']);
    const evening = options[0]?.legs[0]?.segments[0];
    expect(evening?.departureLocal).toBe('2026-12-10T20:00:00-05:00');
    expect(evening?.arrivalLocal).toBe('2026-12-10T23:10:00-08:00');
    const next = await ok(t, agent, 'trips.search', { legs: [{ from: 'JFK', to: 'LAX', date: '2026-12-11' }], maxStops: 0 });
    expect(next.options.map(numbers)).toEqual(['TD 102']);
  });

  it('counts the seats every passenger needs on each segment', async () => {
    const one = await ok(t, agent, 'trips.search', { legs: [{ from: 'JFK', to: 'LAX', date: '2026-12-10' }], passengers: 1 });
    expect(one.options.map(numbers)[0]).toBe('TD 210+TD 310');
    expect(one.options[0]?.legs[0]?.connections).toEqual([{ airport: 'DFW', minutes: 90 }]);
    const two = await ok(t, agent, 'trips.search', { legs: [{ from: 'JFK', to: 'LAX', date: '2026-12-10' }], passengers: 2 });
    expect(two.options.map(numbers)).not.toContain('TD 210+TD 310');
  });

  it('pairs a round trip’s legs into options sorted by total price', async () => {
    const { options } = await ok(t, agent, 'trips.search', {
      legs: [{ from: 'JFK', to: 'LAX', date: '2026-12-10' }, { from: 'LAX', to: 'JFK', date: '2026-12-17' }], passengers: 1, maxStops: 0,
    });
    expect(options.map(numbers)).toEqual(['TD 101 / TD 401', 'TD 101 / TD 400', 'TD 100 / TD 401', 'TD 100 / TD 400']);
    expect(options.map((o) => o.totalCents)).toEqual([48000, 51000, 52000, 55000]);
    expect(options[0]?.key).toMatch(/^\d+\/\d+$/);
  });

  it('never pairs a leg that leaves before the one before it has landed', async () => {
    const { options } = await ok(t, agent, 'trips.search', {
      legs: [{ from: 'JFK', to: 'LAX', date: '2026-12-10' }, { from: 'LAX', to: 'JFK', date: '2026-12-10' }], passengers: 2,
    });
    // TD 402 leaves LAX at 22:00Z: after TD 200+TD 300 (19:45Z) and TD 100 (19:15Z), not after the later arrivals.
    expect(options.map(numbers)).toEqual(['TD 200+TD 300 / TD 402', 'TD 100 / TD 402']);
  });

  it('sells nothing that has left: a search for today starts now', async () => {
    const { options } = await ok(t, agent, 'trips.search', { legs: [{ from: 'JFK', to: 'LAX', date: '2026-02-01' }] });
    expect(options.map(numbers)).toEqual(['TD 501']);
  });

  it('answers at most the limit, and nothing for a route nobody flies', async () => {
    const { options } = await ok(t, agent, 'trips.search', { legs: [{ from: 'JFK', to: 'LAX', date: '2026-12-10' }], limit: 2 });
    expect(options).toHaveLength(2);
    expect((await ok(t, agent, 'trips.search', { legs: [{ from: 'DFW', to: 'JFK', date: '2026-12-10' }] })).options).toEqual([]);
    expect((await ok(t, agent, 'trips.search', { legs: [{ from: 'SFO', to: 'JFK', date: '2026-12-10' }] })).options).toEqual([]);
  });

  it('refuses legs that go back in time, more than four legs, and a leg to where it starts', async () => {
    const back = await fails(t, agent, 'trips.search', {
      legs: [{ from: 'JFK', to: 'LAX', date: '2026-12-17' }, { from: 'LAX', to: 'JFK', date: '2026-12-10' }],
    }, 'VALIDATION');
    expect(back.message).toMatch(/legs\.1\.date/);
    const leg = { from: 'JFK', to: 'LAX', date: '2026-12-10' };
    await fails(t, agent, 'trips.search', { legs: [leg, leg, leg, leg, leg] }, 'VALIDATION');
    await fails(t, agent, 'trips.search', { legs: [] }, 'VALIDATION');
    await fails(t, agent, 'trips.search', { legs: [{ from: 'JFK', to: 'JFK', date: '2026-12-10' }] }, 'VALIDATION');
    await fails(t, agent, 'trips.search', badInput({ legs: [leg], maxStops: 2 }), 'VALIDATION');
  });
});
