import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ContractError, TripOption } from '../../../../shared/contract';
import { bookHeld, holdOption, type Caller } from '../../../../renderer/client/tripSearchStore';
import { GOOD_CARD } from '../../../support/fixture';
import { MODES, ok, startTestCore, type TestCore } from '../../../support/testCore';
import { passengers } from '../../../support/travellers';

/**
 * Holding and booking a whole trip option as the console does it (renderer/client/tripSearchStore's
 * holdOption and bookHeld), against the real core: every segment for the same travellers, all or none.
 */
describe.each(MODES)('booking a trip option on %s', (_name, mode) => {
  let t: TestCore;
  let customerId: number;
  let cardId: number;
  let day: string;
  const agentCall: Caller = (channel, input) => ok(t, t.tokens.agent, channel, input);
  const holdStatus = async (holdId: string) =>
    (await t.db.get<{ status: string }>('SELECT status FROM flight_seat_holds WHERE hold_token = ?', [holdId]))?.status;
  const seatsLeft = async (number: string) =>
    Number((await t.db.get<{ n: number }>('SELECT seats_available AS n FROM flights WHERE flight_number = ?', [number]))?.n);

  beforeAll(async () => {
    t = await startTestCore(mode, { log: () => undefined, env: { TRIPDESK_DEMO_DATA: '0' } });
    await t.db.run("INSERT INTO us_states (code, name) VALUES ('NY', 'New York'), ('CA', 'California'), ('IL', 'Illinois')");
    await t.db.run(`INSERT INTO airports (iata, name, city, state_code, time_zone) VALUES
      ('JFK', 'Kennedy', 'New York', 'NY', 'America/New_York'), ('LAX', 'Los Angeles', 'Los Angeles', 'CA', 'America/Los_Angeles'),
      ('ORD', 'O''Hare', 'Chicago', 'IL', 'America/Chicago')`);
    // Twenty days out, in the middle of the New York day, so the date is the same in every zone.
    day = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
    const at = new Date().toISOString().replace('T', ' ').replace('Z', '');
    for (const [number, from, to, departs, arrives, price] of [
      ['TD 1', 'JFK', 'ORD', '15:00', '17:30', 9000],
      ['TD 2', 'ORD', 'LAX', '18:30', '22:45', 11000],
    ] as const) {
      await t.db.run(
        `INSERT INTO flights (flight_number, airline, departure_airport, arrival_airport, departure_ts_utc, arrival_ts_utc, seats_total, seats_available, price_cents, updated_at_utc)
         VALUES (?, 'TripDesk Air', ?, ?, ?, ?, 10, 10, ?, ?)`,
        [number, from, to, `${day} ${departs}:00.000`, `${day} ${arrives}:00.000`, price, at]);
    }
    customerId = (await ok(t, t.tokens.agent, 'customers.create', { email: 'grace.hopper@example.com', firstName: 'Grace', lastName: 'Hopper' })).id;
    cardId = (await ok(t, t.tokens.agent, 'paymentMethods.add', { customerId, card: GOOD_CARD })).id;
  });
  afterAll(async () => { await t?.close(); });
  beforeEach(async () => {
    await t.db.run("UPDATE flights SET seats_available = 10 WHERE flight_number IN ('TD 1', 'TD 2')");
  });

  const connection = async (): Promise<TripOption> => {
    const { options } = await ok(t, t.tokens.agent, 'trips.search', { legs: [{ from: 'JFK', to: 'LAX', date: day }], passengers: 2 });
    const option = options.find((o) => o.legs[0]?.segments.length === 2);
    if (!option) throw new Error('no connection found');
    return option;
  };

  it('holds every segment for the same seats and books them as one booking with the same travellers', async () => {
    const option = await connection();
    expect(option.totalCents).toBe(40000);
    const held = await holdOption(agentCall, option, 2, customerId);
    expect(held.map((h) => h.flight.flightNumber)).toEqual(['TD 1', 'TD 2']);
    expect(await seatsLeft('TD 1')).toBe(8);
    expect(await seatsLeft('TD 2')).toBe(8);
    const travellers = passengers(2, 'Hopper');
    const booking = await bookHeld(agentCall, { customerId, held, travellers, payment: { kind: 'saved', paymentMethodId: cardId } });
    expect(booking.status).toBe('confirmed');
    expect(booking.totalCents).toBe(40000);
    expect(booking.items.map((i) => [i.kind, i.quantity, i.totalCents])).toEqual([['flight', 2, 18000], ['flight', 2, 22000]]);
    for (const item of booking.items) {
      expect(item.travellers.map((p) => `${p.givenNames} ${p.familyName} ${p.dateOfBirth}`)).toEqual(travellers.map((p) => `${p.givenNames} ${p.familyName} ${p.dateOfBirth}`));
    }
    expect(booking.billing.find((b) => b.status === 'captured')).toMatchObject({ amountCents: 40000, paymentMethodId: cardId });
    expect([await holdStatus(held[0]!.holdId), await holdStatus(held[1]!.holdId)]).toEqual(['converted', 'converted']);
    expect(await seatsLeft('TD 1')).toBe(8);
  });

  it('holds none when a later segment is sold out: the first hold is released and its seats are back', async () => {
    const option = await connection();
    await t.db.run("UPDATE flights SET seats_available = 1 WHERE flight_number = 'TD 2'");
    const err = await holdOption(agentCall, option, 2, customerId).then(() => null, (e: unknown) => e as ContractError);
    expect(err?.message).toMatch(/SOLD_OUT/);
    expect(await seatsLeft('TD 1')).toBe(10);
    expect(await seatsLeft('TD 2')).toBe(1);
    expect(await ok(t, t.tokens.agent, 'holds.list', {})).toEqual([]);
    const taken = await t.db.all<{ status: string }>("SELECT h.status FROM flight_seat_holds h JOIN flights f ON f.id = h.flight_id WHERE f.flight_number = 'TD 1' AND h.status <> 'converted'");
    expect(taken.map((h) => h.status)).toEqual(['released']);
  });

  it('books none when one segment’s hold has gone: the other stays held, nothing is charged', async () => {
    const option = await connection();
    const held = await holdOption(agentCall, option, 2, customerId);
    await ok(t, t.tokens.agent, 'holds.release', { holdId: held[1]!.holdId });
    const before = Number((await t.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM bookings'))?.n);
    const err = await bookHeld(agentCall, { customerId, held, travellers: passengers(2), payment: { kind: 'saved', paymentMethodId: cardId } })
      .then(() => null, (e: unknown) => e as Error);
    expect(err?.message).toMatch(/HOLD_EXPIRED/);
    expect(Number((await t.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM bookings'))?.n)).toBe(before);
    expect(await holdStatus(held[0]!.holdId)).toBe('active');
    expect(await seatsLeft('TD 1')).toBe(8);
    await ok(t, t.tokens.agent, 'holds.release', { holdId: held[0]!.holdId });
  });
});
