import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../main/core/host/core';
import type { MysqlDb } from '../../../main/core/engine/mysql/mysqlDb';
import { LOCATOR_PATTERN } from '../../../shared/locator';
import { addServerAgent, freshCentralBehindProxies, ok, startDeviceCore, type CutOffCentral, type DeviceCore } from '../../support/testCore';
import { GOOD_CARD, loadFixture, type Fixture } from '../../support/fixture';
import { passengers } from '../../support/travellers';

const PASSWORD = 'field staff password';

/**
 * A console cut off from MariaDB + FerretDB still gives the customer a locator at once, and keeps
 * remarks; on return the server keeps that locator, or, when another booking took it meanwhile,
 * gives a new one and Needs attention says which.
 */
describe('locators and remarks made offline (MariaDB + FerretDB behind a fault proxy)', () => {
  let central: CutOffCentral;
  let server: MysqlDb;
  let fx: Fixture;
  const devices: DeviceCore[] = [];

  async function device(name: string): Promise<{ core: Core; token: string }> {
    const dev = await startDeviceCore(central, {
      proxies: central.proxies, env: { TRIPDESK_SESSION_HOURS: '1000', TRIPDESK_CONSOLE_NAME: name },
    });
    devices.push(dev);
    return { core: dev.core, token: await dev.signIn('field@tripdesk.test', PASSWORD) };
  }
  const cut = () => central.cut();
  const restore = () => central.restore();
  const bookOne = (core: Core, token: string, customerId: number, extra: Record<string, unknown> = {}) => ok(core, token, 'bookings.create', {
    customerId, expectedTotalCents: fx.flightPriceCents, items: [{ kind: 'flight', flightId: fx.flightId, seats: 1, travellers: passengers(1) }], payment: { kind: 'card', card: GOOD_CARD }, ...extra,
  });

  beforeAll(async () => {
    central = await freshCentralBehindProxies('locators');
    server = central.server;
    fx = await loadFixture({ sql: server }, { seats: 20 });
    await addServerAgent(server, 'field@tripdesk.test', 'Field Agent', PASSWORD);
  });
  afterAll(async () => {
    for (const d of devices) await d.close();
    await central?.close();
  });

  it('an offline booking and its remarks, for a customer made offline, replay with the locator the customer was told', async () => {
    const { core, token } = await device('Airport kiosk');
    await cut();
    await ok(core, token, 'flights.search', { from: 'JFK', to: 'LAX' });
    expect(core.mode()).toBe('offline');
    const customer = await ok(core, token, 'customers.create', { email: 'ida.offline@example.com', firstName: 'Ida', lastName: 'Offline' });
    const booking = await bookOne(core, token, customer.id);
    expect(booking.provisional).toBe(true);
    expect(booking.locator).toMatch(LOCATOR_PATTERN);
    expect(booking).toMatchObject({ madeOffline: true, bookedOn: 'Airport kiosk', createdByName: 'Field Agent' });
    await ok(core, token, 'bookings.addRemark', { bookingId: booking.id, text: 'Told the customer the locator by phone', shareable: false });
    await ok(core, token, 'bookings.addRemark', { bookingId: booking.id, text: 'Bring a passport', shareable: true });
    await ok(core, token, 'customers.addRemark', { customerId: customer.id, text: 'Met at the kiosk' });
    // Offline, the locator already finds it on this console.
    expect((await ok(core, token, 'bookings.search', { q: booking.locator })).items.map((b) => b.id)).toEqual([booking.id]);

    await restore();
    await core.sync!.sync();
    expect(await ok(core, token, 'sync.status', {})).toMatchObject({ mode: 'online', pending: 0, conflicts: 0 });

    const onServer = await server.all<{ id: number; locator: string; made_offline: number; booked_on: string }>(
      "SELECT b.id, b.locator, b.made_offline, b.booked_on FROM bookings b JOIN users u ON u.id = b.user_id WHERE u.email = 'ida.offline@example.com'");
    expect(onServer.map((b) => [b.locator, Number(b.made_offline), b.booked_on])).toEqual([[booking.locator, 1, 'Airport kiosk']]);
    const serverId = Number(onServer[0]?.id);
    const remarks = await server.all<{ remark_text: string; shareable: number }>('SELECT remark_text, shareable FROM booking_remarks WHERE booking_id = ? ORDER BY id', [serverId]);
    expect(remarks.map((r) => [r.remark_text, Number(r.shareable)])).toEqual([['Told the customer the locator by phone', 0], ['Bring a passport', 1]]);
    expect(await server.all('SELECT remark_text FROM customer_remarks')).toEqual([{ remark_text: 'Met at the kiosk' }]);

    // Online now, the record reads from the server: made offline, synced, remarks kept, exactly once.
    const record = await ok(core, token, 'bookings.get', { bookingId: booking.id });
    expect(record).toMatchObject({ id: serverId, locator: booking.locator, madeOffline: true, provisional: false });
    expect(record.remarks.map((r) => [r.text, r.authorName, r.provisional])).toEqual([
      ['Told the customer the locator by phone', 'Field Agent', false], ['Bring a passport', 'Field Agent', false],
    ]);
    const history = await ok(core, token, 'bookings.history', { bookingId: serverId });
    expect(history[0]?.what).toMatch(/\(on Airport kiosk, offline, synced\)$/);
    // The device's own copy took the server's rows too.
    const local = await core.local.sql.all<{ id: number; provisional: number }>('SELECT id, provisional FROM booking_remarks ORDER BY id');
    expect(local).toEqual([{ id: expect.any(Number), provisional: 0 }, { id: expect.any(Number), provisional: 0 }]);
    expect(local.every((r) => r.id > 0)).toBe(true);
  });

  it('a locator taken on the server before replay: the server gives a new one and Needs attention names it', async () => {
    const { core, token } = await device('Back office');
    const other = await device('Other desk');
    await cut();
    await ok(core, token, 'flights.search', { from: 'JFK', to: 'LAX' });
    expect(core.mode()).toBe('offline');
    const offline = await bookOne(core, token, fx.customerId);
    const told = offline.locator;

    // Back on the line, before this console replays, another console books with that very locator.
    await restore();
    const rival = await bookOne(other.core, other.token, fx.customerId, { locator: told });
    expect(rival.locator).toBe(told);

    await core.sync!.sync();
    const mine = await server.all<{ id: number; locator: string }>('SELECT id, locator FROM bookings WHERE op_id = ?',
      [(await core.local.sql.get<{ op_id: string }>("SELECT op_id FROM outbox WHERE kind = 'bookings.create' ORDER BY seq DESC LIMIT 1"))?.op_id ?? '']);
    expect(mine).toHaveLength(1);
    const fresh = mine[0]?.locator ?? '';
    expect(fresh).toMatch(LOCATOR_PATTERN);
    expect(fresh).not.toBe(told);

    const inbox = await ok(core, token, 'sync.inbox.list', {});
    expect(inbox).toEqual([expect.objectContaining({ state: 'applied', notice: expect.stringContaining(fresh) })]);
    expect(inbox[0]?.notice).toContain(told);
    expect(await ok(core, token, 'sync.status', {})).toMatchObject({ pending: 0, conflicts: 1 });
    // The device's copy shows the new locator, and search finds each booking by its own.
    expect((await ok(core, token, 'bookings.get', { bookingId: offline.id })).locator).toBe(fresh);
    expect((await ok(core, token, 'bookings.search', { q: told })).items.map((b) => b.id)).toEqual([rival.id]);

    await ok(core, token, 'sync.inbox.resolve', { opId: inbox[0]?.opId ?? '', action: 'dismiss' });
    expect(await ok(core, token, 'sync.inbox.list', {})).toEqual([]);
    expect(await ok(core, token, 'sync.status', {})).toMatchObject({ pending: 0, conflicts: 0 });
  });
});
