import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../main/core/host/core';
import type { MysqlDb } from '../../../main/core/engine/mysql/mysqlDb';
import { toDbInstant } from '../../../shared/time';
import { addServerAgent, freshCentralBehindProxies, ok, startDeviceCore, type CutOffCentral, type DeviceCore } from '../../support/testCore';
import { GOOD_CARD, loadFixture, type Fixture } from '../../support/fixture';
import { passengers } from '../../support/travellers';

const PASSWORD = 'field staff password';
const CHANGE_FEE = 5000;

/**
 * A console cut off from MariaDB + FerretDB changes booked flights and adds to a booking. On return
 * a change that can be had replays as it was made; one whose new flight sold out meanwhile waits
 * in Needs attention as SOLD_OUT, and the guided fix (another flight) clears it.
 */
describe('changes and additions made offline (MariaDB + FerretDB behind a fault proxy)', () => {
  let server: MysqlDb;
  let central: CutOffCentral;
  let fx: Fixture;
  let dev: DeviceCore;
  let core: Core;
  let token: string;

  const serverSeats = async (flightId: number) => Number((await server.get<{ n: number }>('SELECT seats_available AS n FROM flights WHERE id = ?', [flightId]))?.n);
  const serverMoney = async (bookingId: number) => server.all<{ kind: string; amount_cents: number }>(
    'SELECT kind, amount_cents FROM money_movements WHERE booking_id = ? ORDER BY id', [bookingId]);
  const offline = async () => {
    await central.cut();
    await ok(core, token, 'flights.search', { from: 'JFK', to: 'LAX' });
    expect(core.mode()).toBe('offline');
  };
  const online = async () => {
    await central.restore();
    await core.sync!.sync();
  };
  const bookOnline = async () => {
    const b = await ok(core, token, 'bookings.create', {
      customerId: fx.customerId, expectedTotalCents: 2 * fx.flightPriceCents, items: [{ kind: 'flight', flightId: fx.flightId, seats: 2, travellers: passengers(2) }],
      payment: { kind: 'card', card: GOOD_CARD },
    });
    await core.sync!.sync();
    return b;
  };

  beforeAll(async () => {
    central = await freshCentralBehindProxies('changes');
    server = central.server;
    fx = await loadFixture({ sql: server }, { seats: 20 });
    await addServerAgent(server, 'field@tripdesk.test', 'Field Agent', PASSWORD);
    dev = await startDeviceCore(central, {
      proxies: central.proxies, env: { TRIPDESK_SESSION_HOURS: '1000', TRIPDESK_CONSOLE_NAME: 'Gate B12' },
    });
    core = dev.core;
    token = await dev.signIn('field@tripdesk.test', PASSWORD);
  });
  afterAll(async () => {
    await dev?.close();
    await central?.close();
  });

  it('a flight changed offline, then a stay added on top of it, both sync: the server has the exchange and every movement', async () => {
    const b = await bookOnline();
    const itemId = b.items[0]?.id ?? 0;
    await offline();
    const replacement = { kind: 'flight', flightId: fx.cheapFlightId } as const;
    const preview = await ok(core, token, 'bookings.changePreview', { bookingId: b.id, itemId, replacement });
    expect(preview.differenceCents).toBe(2 * 19_900 - 2 * 25_000 + CHANGE_FEE);
    const changed = await ok(core, token, 'bookings.change', { bookingId: b.id, itemId, replacement, expectedDifferenceCents: preview.differenceCents });
    const offlineItem = changed.items.find((i) => i.status === 'active');
    expect(offlineItem?.id).toBeLessThan(0);
    expect(changed.movements?.at(-1)).toMatchObject({ kind: 'refund', amountCents: 5_200, provisional: true });
    const stayTotal = Number((await core.local.sql.get<{ p: number }>(
      'SELECT SUM(price_cents) AS p FROM hotel_inventory WHERE room_type_id = ? AND stay_date >= ? AND stay_date < ?', [fx.roomTypeId, fx.checkIn, fx.checkOut]))?.p);
    const added = await ok(core, token, 'bookings.addItems', {
      bookingId: b.id, expectedTotalCents: stayTotal, payment: { kind: 'card', card: GOOD_CARD },
      items: [{ kind: 'hotel', roomTypeId: fx.roomTypeId, checkIn: fx.checkIn, checkOut: fx.checkOut, rooms: 1, guests: 2, travellers: [{ givenNames: 'Mary', familyName: 'Somerville', dateOfBirth: '1975-12-26' }] }],
    });
    expect(added.provisional || added.items.some((i) => i.id < 0)).toBe(true);
    // Nothing reached the server yet.
    expect(await serverSeats(fx.cheapFlightId)).toBe(150);

    await online();
    expect(await ok(core, token, 'sync.status', {})).toMatchObject({ mode: 'online', pending: 0, conflicts: 0 });
    expect(await serverSeats(fx.flightId)).toBe(20);
    expect(await serverSeats(fx.cheapFlightId)).toBe(148);
    const items = await server.all<{ id: number; item_id: number; item_type: string; status: string; exchanged_for_item_id: number | null }>(
      'SELECT id, item_id, item_type, status, exchanged_for_item_id FROM booking_items WHERE booking_id = ? ORDER BY id', [b.id]);
    expect(items.map((i) => [i.item_type, Number(i.item_id), i.status])).toEqual([
      ['flight', fx.flightId, 'cancelled'], ['flight', fx.cheapFlightId, 'active'], ['hotel', fx.roomTypeId, 'active']]);
    expect(Number(items[0]?.exchanged_for_item_id)).toBe(Number(items[1]?.id));
    expect((await serverMoney(b.id)).map((m) => [m.kind, Number(m.amount_cents)])).toEqual([['charge', 50_000], ['refund', 5_200], ['charge', stayTotal]]);
    const onServer = await server.get<{ total_cents: number; refunded_cents: number; booking_type: string }>('SELECT total_cents, refunded_cents, booking_type FROM bookings WHERE id = ?', [b.id]);
    expect([Number(onServer?.total_cents), Number(onServer?.refunded_cents), onServer?.booking_type]).toEqual([50_000 + stayTotal, 5_200, 'package']);
    // The console's copy is the server's again, with the server's ids, the travellers on the new flight.
    const synced = await ok(core, token, 'bookings.get', { bookingId: b.id });
    expect(synced.items.map((i) => i.id)).toEqual(items.map((i) => Number(i.id)));
    expect(synced.items[1]?.travellers.map((p) => p.givenNames)).toEqual(['Ada', 'Grace']);
    expect(synced.movements?.map((m) => [m.kind, m.amountCents, m.provisional])).toEqual([['charge', 50_000, false], ['refund', 5_200, false], ['charge', stayTotal, false]]);
  });

  it('a change whose new flight sold out meanwhile waits as SOLD_OUT; picking another flight clears it', async () => {
    const at = toDbInstant(Date.now());
    const late = await server.run(
      `INSERT INTO flights (flight_number, airline, departure_airport, arrival_airport, departure_ts_utc, arrival_ts_utc, seats_total, seats_available, price_cents, updated_at_utc)
       VALUES ('UA 99', 'United Airlines', 'JFK', 'LAX', ?, ?, 4, 4, 27000, ?)`, [`${fx.departDay} 19:00:00.000`, `${fx.departDay} 23:30:00.000`, at]);
    const b = await bookOnline();
    const itemId = b.items[0]?.id ?? 0;
    await offline();
    const difference = 2 * 27_000 - 2 * 25_000 + CHANGE_FEE;
    await ok(core, token, 'bookings.change', {
      bookingId: b.id, itemId, replacement: { kind: 'flight', flightId: late.insertId }, expectedDifferenceCents: difference, payment: { kind: 'card', card: GOOD_CARD },
    });
    // Meanwhile another console sells UA 99's last seats.
    await server.run('UPDATE flights SET seats_available = 1, row_version = row_version + 1 WHERE id = ?', [late.insertId]);

    await online();
    expect(await ok(core, token, 'sync.status', {})).toMatchObject({ pending: 0, conflicts: 1 });
    const [waiting] = await ok(core, token, 'sync.inbox.list', {});
    expect(waiting).toMatchObject({ kind: 'bookings.change', state: 'conflict', code: 'SOLD_OUT' });
    expect(await serverSeats(late.insertId)).toBe(1);
    // The record shows what the server has: the flight as booked, still active.
    const shown = await ok(core, token, 'bookings.get', { bookingId: b.id });
    expect(shown.items.find((i) => i.id === itemId)?.status).toBe('active');

    // The guided fix: another flight for the same travellers, at the difference its preview gives.
    const preview = await ok(core, token, 'bookings.changePreview', { bookingId: b.id, itemId, replacement: { kind: 'flight', flightId: fx.cheapFlightId } });
    const fixed = await ok(core, token, 'sync.inbox.resolve', {
      opId: waiting?.opId ?? '', action: 'edit', input: { replacement: { kind: 'flight', flightId: fx.cheapFlightId }, expectedDifferenceCents: preview.differenceCents },
    });
    expect(fixed.state).toBe('pending');
    await core.sync!.sync();
    expect(await ok(core, token, 'sync.status', {})).toMatchObject({ pending: 0, conflicts: 0 });
    expect(await ok(core, token, 'sync.inbox.list', {})).toEqual([]);
    const items = await server.all<{ item_id: number; status: string }>('SELECT item_id, status FROM booking_items WHERE booking_id = ? ORDER BY id', [b.id]);
    expect(items.map((i) => [Number(i.item_id), i.status])).toEqual([[fx.flightId, 'cancelled'], [fx.cheapFlightId, 'active']]);
    expect((await serverMoney(b.id)).map((m) => [m.kind, Number(m.amount_cents)])).toEqual([['charge', 50_000], ['refund', 5_200]]);
    const synced = await ok(core, token, 'bookings.get', { bookingId: b.id });
    expect(synced.items.map((i) => [i.refId, i.status])).toEqual([[fx.flightId, 'cancelled'], [fx.cheapFlightId, 'active']]);
    expect(synced.movements?.every((m) => !m.provisional)).toBe(true);
  });
});
