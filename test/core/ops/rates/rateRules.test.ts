import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelInput } from '../../../../shared/contract';
import { addDays, utcDay } from '../../../../shared/time';
import type { MysqlDb } from '../../../../main/core/engine/mysql/mysqlDb';
import { startFaultProxy, type FaultProxy } from '../../../support/faultProxy';
import { GOOD_CARD, loadFixture, type Fixture } from '../../../support/fixture';
import { addServerOperator, fails, freshCentralServer, MODES, ok, startDeviceCore, startTestCore, type Callable, type TestCore } from '../../../support/testCore';
import { pdfText } from '../../../support/pdfText';
import { leadGuest, passengers } from '../../../support/travellers';

const HARBOR = { name: 'Harbor Inn', address: '1 Pier St', city: 'Los Angeles', stateCode: 'CA', starRating: 4 };

/** What a stay of one room costs, from the calendar (nights of [checkIn, checkOut)). */
async function stayPrice(t: Callable, token: string, roomTypeId: number, checkIn: string, checkOut: string): Promise<number> {
  const days = await ok(t, token, 'inventory.hotels.days', { roomTypeId, from: checkIn, to: addDays(checkOut, -1) });
  return days.reduce((s, d) => s + d.priceCents, 0);
}

const stay = (roomTypeId: number, checkIn: string, checkOut: string) =>
  ({ kind: 'hotel' as const, roomTypeId, checkIn, checkOut, rooms: 1, guests: 2, travellers: [leadGuest()] });

/**
 * Issue 18, part 3: rate rules. A supervisor sets a minimum stay and closes days to arrival or
 * departure per room type; a hotel may have its own cancellation policy. Bookings, additions and
 * changes that break a rule are refused with the rule and its day; previews refund as the
 * cancellation then does.
 */
describe.each(MODES)('rate rules, %s', (_name, mode) => {
  let t: TestCore;
  let fx: Fixture;
  let agent: string;
  let supervisor: string;
  const today = utcDay(Date.now());
  const day = (n: number) => addDays(today, n);

  beforeAll(async () => {
    t = await startTestCore(mode, { env: { TRIPDESK_DEMO_DATA: '0' } });
    fx = await loadFixture(t.engine, { rooms: 9, seats: 20 });
    agent = t.tokens.agent;
    supervisor = t.tokens.supervisor;
  });
  afterAll(async () => { await t?.close(); });

  const book = async (checkIn: string, checkOut: string) => ok(t, agent, 'bookings.create', {
    customerId: fx.customerId, items: [stay(fx.roomTypeId, checkIn, checkOut)], payment: { kind: 'card', card: GOOD_CARD, save: true },
    expectedTotalCents: await stayPrice(t, supervisor, fx.roomTypeId, checkIn, checkOut),
  });
  const refuseBooking = async (checkIn: string, checkOut: string) => fails(t, agent, 'bookings.create', {
    customerId: fx.customerId, items: [stay(fx.roomTypeId, checkIn, checkOut)], payment: { kind: 'card', card: GOOD_CARD },
    expectedTotalCents: await stayPrice(t, supervisor, fx.roomTypeId, checkIn, checkOut),
  }, 'VALIDATION');
  const roomsBooked = async (d: string) => Number((await t.db.get<{ n: number }>('SELECT rooms_booked AS n FROM hotel_inventory WHERE room_type_id = ? AND stay_date = ?', [fx.roomTypeId, d]))?.n);

  it('a minimum stay: the calendar shows it, search marks a shorter stay, booking it is refused naming the rule and the day; a long enough stay books', async () => {
    expect(await ok(t, supervisor, 'rates.rules.set', { roomTypeId: fx.roomTypeId, from: day(5), to: day(6), minStayNights: 3 })).toEqual({ daysChanged: 2 });
    const days = await ok(t, supervisor, 'inventory.hotels.days', { roomTypeId: fx.roomTypeId, from: day(4), to: day(7) });
    expect(days.map((d) => [d.date, d.minStayNights, d.closedToArrival, d.closedToDeparture])).toEqual([
      [day(4), 1, false, false], [day(5), 3, false, false], [day(6), 3, false, false], [day(7), 1, false, false],
    ]);

    const short = await ok(t, agent, 'hotels.search', { city: 'Los Angeles', checkIn: day(5), checkOut: day(7) });
    expect(short.items.find((h) => h.roomTypeId === fx.roomTypeId)?.restriction).toBe(`Minimum stay 3 nights from ${day(5)}`);
    const long = await ok(t, agent, 'hotels.search', { city: 'Los Angeles', checkIn: day(5), checkOut: day(8) });
    expect(long.items.find((h) => h.roomTypeId === fx.roomTypeId)?.restriction).toBeUndefined();

    const before = await roomsBooked(day(5));
    const err = await refuseBooking(day(5), day(7));
    expect(err.message).toContain(`Minimum stay 3 nights from ${day(5)}`);
    expect(err.message).toContain('Harbor Inn');
    expect(err.details).toMatchObject({ rule: 'minStay', date: day(5), minStayNights: 3 });
    expect(await roomsBooked(day(5))).toBe(before);

    const booked = await book(day(5), day(8));
    expect(booked.status).toBe('confirmed');
    expect(await roomsBooked(day(5))).toBe(before + 1);
    // The rule binds stays arriving on its days: one arriving the day after the rule ends needs one night.
    expect((await book(day(7), day(8))).status).toBe('confirmed');
  });

  it('closed to arrival and to departure: a stay checking in or out on such a day is refused; one passing through books; additions and changes are judged the same', async () => {
    await ok(t, supervisor, 'rates.rules.set', { roomTypeId: fx.roomTypeId, from: day(15), to: day(15), closedToArrival: true });
    await ok(t, supervisor, 'rates.rules.set', { roomTypeId: fx.roomTypeId, from: day(18), to: day(18), closedToDeparture: true });
    const days = await ok(t, supervisor, 'inventory.hotels.days', { roomTypeId: fx.roomTypeId, from: day(15), to: day(18) });
    expect(days.map((d) => [d.closedToArrival, d.closedToDeparture])).toEqual([[true, false], [false, false], [false, false], [false, true]]);

    expect((await refuseBooking(day(15), day(17))).message).toContain(`Closed to arrival on ${day(15)}`);
    expect((await refuseBooking(day(16), day(18))).message).toContain(`Closed to departure on ${day(18)}`);
    const booked = await book(day(16), day(19));
    expect(booked.status).toBe('confirmed');

    const addition = await fails(t, agent, 'bookings.addItems', {
      bookingId: booked.id, items: [stay(fx.roomTypeId, day(15), day(16))], payment: { kind: 'card', card: GOOD_CARD },
      expectedTotalCents: await stayPrice(t, supervisor, fx.roomTypeId, day(15), day(16)),
    }, 'VALIDATION');
    expect(addition.message).toContain(`Closed to arrival on ${day(15)}`);

    const item = booked.items[0]!;
    const change = { bookingId: booked.id, itemId: item.id, replacement: { kind: 'hotel' as const, roomTypeId: fx.roomTypeId, checkIn: day(17), checkOut: day(18) } };
    expect((await fails(t, agent, 'bookings.changePreview', change, 'VALIDATION')).message).toContain(`Closed to departure on ${day(18)}`);
    expect((await fails(t, agent, 'bookings.change', { ...change, expectedDifferenceCents: 0 }, 'VALIDATION')).message).toContain(`Closed to departure on ${day(18)}`);
    // The refused change kept the booking as it was.
    expect((await ok(t, agent, 'bookings.get', { bookingId: booked.id })).items.map((i) => i.status)).toEqual(['active']);
    expect(await roomsBooked(day(16))).toBe(1);
  });

  it('only a supervisor sets rules, on nights that are on sale; clearing a rule opens the dates again; each change is audited', async () => {
    const input: ChannelInput<'rates.rules.set'> = { roomTypeId: fx.roomTypeId, from: day(25), to: day(25), closedToArrival: true };
    await fails(t, agent, 'rates.rules.set', input, 'FORBIDDEN');
    await ok(t, supervisor, 'rates.rules.set', input);
    expect((await refuseBooking(day(25), day(26))).details).toMatchObject({ rule: 'closedToArrival', date: day(25) });
    await ok(t, supervisor, 'rates.rules.set', { ...input, closedToArrival: false });
    expect((await book(day(25), day(26))).status).toBe('confirmed');

    const missing = await fails(t, supervisor, 'rates.rules.set', { roomTypeId: fx.roomTypeId, from: day(29), to: day(31), minStayNights: 2 }, 'NOT_FOUND');
    expect(missing.details).toMatchObject({ days: [day(30), day(31)] });
    // All or nothing: the night that exists kept its rule.
    expect((await ok(t, supervisor, 'inventory.hotels.days', { roomTypeId: fx.roomTypeId, from: day(29), to: day(29) }))[0]?.minStayNights).toBe(1);
    await fails(t, supervisor, 'rates.rules.set', { roomTypeId: fx.roomTypeId, from: day(29), to: day(29) }, 'VALIDATION');
    await fails(t, supervisor, 'rates.rules.set', { roomTypeId: 999_999, from: day(29), to: day(29), minStayNights: 2 }, 'NOT_FOUND');

    const trail = await ok(t, supervisor, 'audit.list', { entity: 'room type', entityId: String(fx.roomTypeId), limit: 50 });
    const summaries = trail.filter((e) => e.channel === 'rates.rules.set').map((e) => e.summary);
    expect(summaries).toEqual(expect.arrayContaining([
      `rate rules ${day(25)}..${day(25)} (inclusive): closed to arrival; 1 night(s) changed`,
      `rate rules ${day(25)}..${day(25)} (inclusive): open to arrival; 1 night(s) changed`,
      `rate rules ${day(5)}..${day(6)} (inclusive): minimum stay 3 nights; 2 night(s) changed`,
    ]));
  });

  it("a hotel's own cancellation policy: the preview names it, the cancellation refunds exactly what it said; a flight on the same booking keeps the console's", async () => {
    const hotelId = Number((await t.db.get<{ id: number }>('SELECT hotel_id AS id FROM hotel_room_types WHERE id = ?', [fx.roomTypeId]))?.id);
    const saved = await ok(t, supervisor, 'catalog.hotels.save', { ...HARBOR, hotelId, cancellationPolicy: { freeCancelHours: 30 * 24, lateFeePct: 40 } });
    expect(saved).toMatchObject({ cancellationPolicy: { freeCancelHours: 720, lateFeePct: 40 }, appliedCancellationPolicy: { freeCancelHours: 720, lateFeePct: 40 } });
    const audited = await ok(t, supervisor, 'audit.list', { entity: 'hotel', entityId: String(hotelId), limit: 10 });
    expect(audited.map((e) => e.summary)).toContainEqual(expect.stringContaining('cancellation policy: free until 720 h before check-in, then 40% fee'));
    // An edit that leaves the policy out keeps it.
    expect((await ok(t, supervisor, 'catalog.hotels.save', { ...HARBOR, hotelId, starRating: 5 })).cancellationPolicy).toEqual({ freeCancelHours: 720, lateFeePct: 40 });

    const stayCents = await stayPrice(t, supervisor, fx.roomTypeId, day(20), day(22));
    const booked = await ok(t, agent, 'bookings.create', {
      customerId: fx.customerId, payment: { kind: 'card', card: GOOD_CARD },
      items: [stay(fx.roomTypeId, day(20), day(22)), { kind: 'flight', flightId: fx.flightId, seats: 1, travellers: passengers(1) }],
      expectedTotalCents: stayCents + fx.flightPriceCents,
    });
    const stayItem = booked.items.find((i) => i.kind === 'hotel')!;
    const flightItem = booked.items.find((i) => i.kind === 'flight')!;

    const preview = await ok(t, agent, 'bookings.cancelPreview', { bookingId: booked.id });
    const fee = Math.round(stayCents * 0.4);
    expect(preview.items.find((i) => i.itemId === stayItem.id)).toEqual({
      itemId: stayItem.id, refundCents: stayCents - fee, feeCents: fee,
      rule: "Harbor Inn's policy (free until 720 h before, then 40%): less than 720 h before start: 40% fee",
    });
    expect(preview.items.find((i) => i.itemId === flightItem.id)).toMatchObject({ refundCents: fx.flightPriceCents, feeCents: 0, rule: 'more than 24 h before start: full refund' });

    // The itinerary says the hotel's terms, and lists only the flight as still free to cancel (the stay is inside its 720 h).
    const itinerary = (await pdfText(await ok(t, agent, 'documents.itinerary', { bookingId: booked.id }))).replace(/\s+/g, ' ');
    expect(itinerary).toContain("Stays at Harbor Inn follow the hotel's own policy: cancelled more than 720 hours before check-in, refunded in full; later, 40% of the price is kept as a fee.");
    expect(itinerary).toMatch(/DL 401 JFK→LAX: free to cancel until/);
    expect(itinerary).not.toMatch(/Harbor Inn, Deluxe King, 2 night\(s\): free to cancel/);

    const cancelled = await ok(t, agent, 'bookings.cancel', { bookingId: booked.id, reason: 'Plans changed' });
    expect(cancelled.refundedCents).toBe(preview.refundCents);
    expect(cancelled.items.find((i) => i.id === stayItem.id)?.refundCents).toBe(stayCents - fee);
    expect(cancelled.items.find((i) => i.id === flightItem.id)?.refundCents).toBe(fx.flightPriceCents);
  });

  it("a stay changed to a cheaper one refunds the difference under the hotel's policy, as its preview said", async () => {
    const booked = await book(day(21), day(24));
    const item = booked.items[0]!;
    const change = { bookingId: booked.id, itemId: item.id, replacement: { kind: 'hotel' as const, roomTypeId: fx.roomTypeId, checkIn: day(21), checkOut: day(23) } };
    const preview = await ok(t, agent, 'bookings.changePreview', change);
    const lower = item.totalCents - preview.newTotalCents;
    expect(preview.refundCents).toBe(lower - Math.round(lower * 0.4));
    expect(preview.rule).toContain("Harbor Inn's policy");
    const changed = await ok(t, agent, 'bookings.change', { ...change, expectedDifferenceCents: preview.differenceCents });
    expect(changed.refundedCents).toBe(preview.refundCents);
  });

  it("back to the console's policy: the hotel shows none of its own and its new stays refund by the console's, while a stay booked before keeps the terms it was sold with", async () => {
    const hotelId = Number((await t.db.get<{ id: number }>('SELECT hotel_id AS id FROM hotel_room_types WHERE id = ?', [fx.roomTypeId]))?.id);
    const soldUnderOwnTerms = await book(day(28), day(29));
    const saved = await ok(t, supervisor, 'catalog.hotels.save', { ...HARBOR, hotelId, cancellationPolicy: null });
    expect(saved).toMatchObject({ cancellationPolicy: null, appliedCancellationPolicy: { freeCancelHours: 24, lateFeePct: 20 } });
    const booked = await book(day(26), day(27));
    const preview = await ok(t, agent, 'bookings.cancelPreview', { bookingId: booked.id });
    expect(preview.items[0]).toMatchObject({ feeCents: 0, rule: 'more than 24 h before start: full refund' });

    const earlier = await ok(t, agent, 'bookings.cancelPreview', { bookingId: soldUnderOwnTerms.id });
    const fee = Math.round(soldUnderOwnTerms.totalCents * 0.4);
    expect(earlier.items[0]).toMatchObject({ feeCents: fee, rule: "Harbor Inn's policy (free until 720 h before, then 40%): less than 720 h before start: 40% fee" });
    const cancelled = await ok(t, agent, 'bookings.cancel', { bookingId: soldUnderOwnTerms.id, reason: 'Plans changed' });
    expect(cancelled.refundedCents).toBe(soldUnderOwnTerms.totalCents - fee);
  });
});

describe('rate rules reach a device and are set offline (MariaDB + FerretDB behind a fault proxy)', () => {
  let server: MysqlDb;
  let urls: { mysqlUrl: string; mongoUrl: string };
  let proxies: { mysql: FaultProxy; mongo: FaultProxy };
  let fx: Fixture;
  const today = utcDay(Date.now());
  const day = (n: number) => addDays(today, n);

  beforeAll(async () => {
    const central = await freshCentralServer('raterules');
    server = central.server;
    urls = { mysqlUrl: central.mysqlUrl, mongoUrl: central.mongoUrl };
    fx = await loadFixture({ sql: server });
    await addServerOperator(server, { role: 'supervisor', email: 'field.supervisor@tripdesk.test', name: 'Field Supervisor', password: 'field supervisor password' });
    await addServerOperator(server, { role: 'agent', email: 'field.agent@tripdesk.test', name: 'Field Agent', password: 'field agent password' });
    proxies = { mysql: await startFaultProxy(urls.mysqlUrl), mongo: await startFaultProxy(urls.mongoUrl) };
  });
  afterAll(async () => {
    await proxies?.mysql.close();
    await proxies?.mongo.close();
    await server?.close();
  });

  it("a rule and a hotel's policy set centrally are pulled into the device's copy and applied there; a rule set offline replays once; an offline stay a rule set meanwhile refuses waits in Needs attention", async () => {
    const dev = await startDeviceCore(urls, { proxies, env: { TRIPDESK_SESSION_HOURS: '100' } });
    try {
      const token = await dev.signIn('field.supervisor@tripdesk.test', 'field supervisor password');
      const agentToken = await dev.signIn('field.agent@tripdesk.test', 'field agent password');
      await dev.core.sync!.sync();
      // Another console (or another system) writes the rule and the policy: the change_log triggers carry them.
      await ok(dev.core, token, 'rates.rules.set', { roomTypeId: fx.roomTypeId, from: day(12), to: day(12), minStayNights: 4 });
      await server.run('UPDATE hotels SET free_cancel_hours = 72, late_fee_pct = 50, row_version = row_version + 1 WHERE id = (SELECT hotel_id FROM hotel_room_types WHERE id = ?)', [fx.roomTypeId]);
      await dev.core.sync!.sync();
      const local = dev.core.local.sql;
      expect(await local.get('SELECT min_stay_nights AS m FROM hotel_inventory WHERE room_type_id = ? AND stay_date = ?', [fx.roomTypeId, day(12)])).toEqual({ m: 4 });
      expect(await local.get('SELECT h.free_cancel_hours AS f, h.late_fee_pct AS p FROM hotels h JOIN hotel_room_types rt ON rt.hotel_id = h.id WHERE rt.id = ?', [fx.roomTypeId]))
        .toEqual({ f: 72, p: 50 });

      await proxies.mysql.cut();
      await proxies.mongo.cut();
      // Offline the device reads its copy: the pulled rule is shown and applied there.
      expect((await ok(dev.core, token, 'inventory.hotels.days', { roomTypeId: fx.roomTypeId, from: day(12), to: day(12) }))[0]?.minStayNights).toBe(4);
      expect((await ok(dev.core, token, 'catalog.hotels.get', { hotelId: Number((await local.get<{ id: number }>('SELECT hotel_id AS id FROM hotel_room_types WHERE id = ?', [fx.roomTypeId]))?.id) }))
        .cancellationPolicy).toEqual({ freeCancelHours: 72, lateFeePct: 50 });
      // The device judges a stay by the pulled rule: arriving on day 12, three nights are too few.
      const stayOf = (checkIn: string, checkOut: string) => ({ kind: 'hotel' as const, roomTypeId: fx.roomTypeId, checkIn, checkOut, rooms: 1, guests: 1, travellers: [leadGuest()] });
      const priceOf = async (checkIn: string, checkOut: string) => Number((await local.get<{ p: number }>(
        'SELECT SUM(price_cents) AS p FROM hotel_inventory WHERE room_type_id = ? AND stay_date >= ? AND stay_date < ?', [fx.roomTypeId, checkIn, checkOut]))?.p);
      const refused = await fails(dev.core, agentToken, 'bookings.create', {
        customerId: fx.customerId, items: [stayOf(day(12), day(15))], payment: { kind: 'card', card: GOOD_CARD }, expectedTotalCents: await priceOf(day(12), day(15)),
      }, 'VALIDATION');
      expect(refused.message).toContain(`Minimum stay 4 nights from ${day(12)}`);
      // A stay the device may book now, which a rule set centrally meanwhile will refuse at replay.
      const queued = await ok(dev.core, agentToken, 'bookings.create', {
        customerId: fx.customerId, items: [stayOf(day(20), day(21))], payment: { kind: 'card', card: GOOD_CARD }, expectedTotalCents: await priceOf(day(20), day(21)),
      });
      expect(queued.provisional).toBe(true);
      await server.run('UPDATE hotel_inventory SET closed_to_arrival = 1, row_version = row_version + 1 WHERE room_type_id = ? AND stay_date = ?', [fx.roomTypeId, day(20)]);
      expect(await ok(dev.core, token, 'rates.rules.set', { roomTypeId: fx.roomTypeId, from: day(14), to: day(15), closedToDeparture: true })).toEqual({ daysChanged: 2 });
      expect((await ok(dev.core, token, 'inventory.hotels.days', { roomTypeId: fx.roomTypeId, from: day(14), to: day(15) })).map((d) => d.closedToDeparture)).toEqual([true, true]);
      await proxies.mysql.restore();
      await proxies.mongo.restore();
      await dev.core.sync!.sync();
      await dev.core.sync!.sync();
      const onServer = await server.all<{ d: string; c: number }>(
        'SELECT stay_date AS d, closed_to_departure AS c FROM hotel_inventory WHERE room_type_id = ? AND stay_date BETWEEN ? AND ? ORDER BY stay_date', [fx.roomTypeId, day(13), day(16)]);
      expect(onServer.map((r) => [String(r.d).slice(0, 10), Number(r.c)])).toEqual([[day(13), 0], [day(14), 1], [day(15), 1], [day(16), 0]]);
      const applied = await server.all<{ n: number }>("SELECT COUNT(*) AS n FROM applied_ops WHERE channel = 'rates.rules.set'");
      expect(Number(applied[0]?.n)).toBe(2);
      // The offline booking waits in Needs attention with the hotel's rule; the server took no room.
      const inbox = await ok(dev.core, agentToken, 'sync.inbox.list', {});
      const waiting = inbox.find((i) => i.kind === 'bookings.create');
      expect(waiting).toMatchObject({ state: 'conflict', code: 'VALIDATION' });
      expect(waiting?.reason).toContain(`Closed to arrival on ${day(20)}`);
      expect(await server.get('SELECT rooms_booked AS n FROM hotel_inventory WHERE room_type_id = ? AND stay_date = ?', [fx.roomTypeId, day(20)])).toEqual({ n: 0 });
    } finally {
      await dev.close();
    }
  });
});
