import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GOOD_CARD } from '../../../support/fixture';
import { MODES, ok, startTestCore, tickingClock, type CoreMode, type TestCore } from '../../../support/testCore';
import { passengers } from '../../../support/travellers';

/**
 * `flights.search {date}` is the date on the departure board at the origin, not the UTC date the row
 * is stored under; every offer states both ends' local times. The flights sit on the nights that
 * catch a UTC-date search out: late evenings west of Greenwich, and the two nights the clocks change.
 */
const AIRPORTS = [
  ['JFK', 'New York', 'NY', 'America/New_York'],
  ['LAX', 'Los Angeles', 'CA', 'America/Los_Angeles'],
  ['PHX', 'Phoenix', 'AZ', 'America/Phoenix'],
  ['HNL', 'Honolulu', 'HI', 'Pacific/Honolulu'],
] as const;

// [flight number, from, to, departure UTC, arrival UTC]; the comment is the local departure.
const FLIGHTS = [
  ['TD 1', 'JFK', 'LAX', '2026-12-03 13:15:00.000', '2026-12-03 19:30:00.000'], // Thu 3 Dec 08:15 EST
  ['TD 2', 'JFK', 'LAX', '2026-12-04 01:00:00.000', '2026-12-04 07:10:00.000'], // Thu 3 Dec 20:00 EST, UTC says the 4th
  ['TD 3', 'JFK', 'LAX', '2026-12-04 05:30:00.000', '2026-12-04 11:40:00.000'], // Fri 4 Dec 00:30 EST
  ['TD 4', 'LAX', 'JFK', '2026-12-04 07:30:00.000', '2026-12-04 12:45:00.000'], // Thu 3 Dec 23:30 PST, red-eye
  ['TD 5', 'HNL', 'LAX', '2026-12-04 08:00:00.000', '2026-12-04 13:30:00.000'], // Thu 3 Dec 22:00 HST
  ['TD 6', 'LAX', 'HNL', '2026-12-03 07:00:00.000', '2026-12-03 12:45:00.000'], // Wed 2 Dec 23:00 PST
  // Fall back, Sunday 1 November: 01:30 comes twice in New York.
  ['TD 10', 'JFK', 'LAX', '2026-11-01 03:59:00.000', '2026-11-01 10:00:00.000'], // Sat 31 Oct 23:59 EDT
  ['TD 11', 'JFK', 'LAX', '2026-11-01 05:30:00.000', '2026-11-01 11:40:00.000'], // 01:30 EDT
  ['TD 12', 'JFK', 'LAX', '2026-11-01 06:30:00.000', '2026-11-01 12:40:00.000'], // 01:30 EST, an hour later
  ['TD 13', 'JFK', 'LAX', '2026-11-02 04:30:00.000', '2026-11-02 10:40:00.000'], // Sun 1 Nov 23:30 EST
  // Spring forward, Sunday 8 March: the day has 23 hours.
  ['TD 20', 'JFK', 'LAX', '2026-03-08 06:30:00.000', '2026-03-08 13:00:00.000'], // 01:30 EST, before the change
  ['TD 21', 'JFK', 'LAX', '2026-03-08 07:30:00.000', '2026-03-08 14:00:00.000'], // 03:30 EDT, just after it
  ['TD 22', 'JFK', 'LAX', '2026-03-09 03:30:00.000', '2026-03-09 10:00:00.000'], // Sun 8 Mar 23:30 EDT
  ['TD 23', 'JFK', 'LAX', '2026-03-09 04:15:00.000', '2026-03-09 10:45:00.000'], // Mon 9 Mar 00:15 EDT
  // Phoenix keeps MST all summer: 06:30 UTC is 23:30 on 1 July there (00:30 on the 2nd in Denver).
  ['TD 30', 'PHX', 'LAX', '2026-07-02 06:30:00.000', '2026-07-02 07:45:00.000'],
  ['TD 31', 'PHX', 'LAX', '2026-07-02 07:30:00.000', '2026-07-02 08:45:00.000'], // Thu 2 Jul 00:30 MST
] as const;

function describeLocalDates(mode: CoreMode): void {
  let t: TestCore;
  let agent: string;

  beforeAll(async () => {
    t = await startTestCore(mode, { now: tickingClock(Date.parse('2026-02-01T12:00:00Z')), log: () => undefined, env: { TRIPDESK_DEMO_DATA: '0' } });
    for (const [code, name] of [['NY', 'New York'], ['CA', 'California'], ['AZ', 'Arizona'], ['HI', 'Hawaii']] as const) {
      await t.db.run('INSERT INTO us_states (code, name) VALUES (?, ?)', [code, name]);
    }
    for (const [iata, city, state, zone] of AIRPORTS) {
      await t.db.run('INSERT INTO airports (iata, name, city, state_code, time_zone) VALUES (?, ?, ?, ?, ?)', [iata, `${city} airport`, city, state, zone]);
    }
    for (const [number, from, to, departs, arrives] of FLIGHTS) {
      await t.db.run(
        `INSERT INTO flights (flight_number, airline, departure_airport, arrival_airport, departure_ts_utc, arrival_ts_utc, seats_total, seats_available, price_cents, updated_at_utc)
         VALUES (?, 'TripDesk Air', ?, ?, ?, ?, 100, 100, 20000, '2026-01-01 00:00:00.000')`,
        [number, from, to, departs, arrives]);
    }
    agent = t.tokens.agent;
  });
  afterAll(async () => { await t?.close(); });

  const numbers = async (input: { from?: string; to?: string; date: string; limit?: number; sort?: 'time' | 'price' }) => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await ok(t, agent, 'flights.search', { ...input, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((f) => f.flightNumber));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return seen;
  };

  it('finds the flights leaving on that date at the origin, whatever date UTC says', async () => {
    expect(await numbers({ from: 'JFK', date: '2026-12-03' })).toEqual(['TD 1', 'TD 2']);
    expect(await numbers({ from: 'JFK', date: '2026-12-04' })).toEqual(['TD 3']);
    expect(await numbers({ from: 'LAX', date: '2026-12-03' })).toEqual(['TD 4']);
    expect(await numbers({ from: 'LAX', date: '2026-12-02' })).toEqual(['TD 6']);
    expect(await numbers({ from: 'HNL', to: 'LAX', date: '2026-12-03' })).toEqual(['TD 5']);
  });

  it("without an origin, takes each flight's own origin date, and pages through exactly those", async () => {
    const all = ['TD 1', 'TD 2', 'TD 4', 'TD 5'];
    expect(await numbers({ date: '2026-12-03' })).toEqual(all);
    expect(await numbers({ date: '2026-12-03', limit: 1 })).toEqual(all);
    expect((await numbers({ date: '2026-12-03', limit: 3, sort: 'price' })).sort()).toEqual(all);
    expect(await numbers({ to: 'LAX', date: '2026-12-03' })).toEqual(['TD 1', 'TD 2', 'TD 5']);
  });

  it('counts both 01:30s on the fall-back night, and the 23-hour spring-forward day', async () => {
    expect(await numbers({ from: 'JFK', date: '2026-10-31' })).toEqual(['TD 10']);
    expect(await numbers({ from: 'JFK', date: '2026-11-01' })).toEqual(['TD 11', 'TD 12', 'TD 13']);
    expect(await numbers({ from: 'JFK', date: '2026-03-08' })).toEqual(['TD 20', 'TD 21', 'TD 22']);
    expect(await numbers({ date: '2026-03-09' })).toEqual(['TD 23']);
  });

  it('keeps Phoenix on MST through the summer', async () => {
    expect(await numbers({ from: 'PHX', date: '2026-07-01' })).toEqual(['TD 30']);
    expect(await numbers({ date: '2026-07-02' })).toEqual(['TD 31']);
  });

  it('states local times and zones on every offer: search and get alike', async () => {
    const [redEye] = (await ok(t, agent, 'flights.search', { from: 'LAX', date: '2026-12-03' })).items;
    expect(redEye).toMatchObject({
      departUtc: '2026-12-04T07:30:00.000Z', departureLocal: '2026-12-03T23:30:00-08:00', departureTimeZone: 'America/Los_Angeles',
      arriveUtc: '2026-12-04T12:45:00.000Z', arrivalLocal: '2026-12-04T07:45:00-05:00', arrivalTimeZone: 'America/New_York',
    });
    const twice = (await ok(t, agent, 'flights.search', { from: 'JFK', date: '2026-11-01' })).items;
    expect(twice.slice(0, 2).map((f) => f.departureLocal)).toEqual(['2026-11-01T01:30:00-04:00', '2026-11-01T01:30:00-05:00']);
    const hnl = await ok(t, agent, 'flights.get', { flightId: (await ok(t, agent, 'flights.search', { from: 'HNL', date: '2026-12-03' })).items[0]!.id });
    expect(hnl).toMatchObject({ departureLocal: '2026-12-03T22:00:00-10:00', arrivalLocal: '2026-12-04T05:30:00-08:00', departureTimeZone: 'Pacific/Honolulu' });
  });

  it("gives a booked flight its airports' zones, on the confirmation and on the record", async () => {
    const customer = await t.db.run(
      "INSERT INTO users (email, first_name, last_name, phone, state_code, created_at_utc, updated_at_utc) VALUES ('mary.jackson@example.com', 'Mary', 'Jackson', NULL, 'CA', ?, ?)",
      ['2026-01-01 00:00:00.000', '2026-01-01 00:00:00.000']);
    const [redEye] = (await ok(t, agent, 'flights.search', { from: 'LAX', date: '2026-12-03' })).items;
    const booked = await ok(t, agent, 'bookings.create', {
      customerId: customer.insertId, expectedTotalCents: redEye!.priceCents,
      items: [{ kind: 'flight', flightId: redEye!.id, seats: 1, travellers: passengers(1, 'Jackson') }],
      payment: { kind: 'card', card: GOOD_CARD },
    });
    const zones = { startUtc: '2026-12-04T07:30:00.000Z', startTimeZone: 'America/Los_Angeles', endTimeZone: 'America/New_York' };
    expect(booked.items[0]).toMatchObject(zones);
    expect((await ok(t, agent, 'bookings.get', { bookingId: booked.id })).items[0]).toMatchObject(zones);
  });
}

for (const [name, mode] of MODES) {
  describe(`flights by local date on ${name}`, () => describeLocalDates(mode));
}
