import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../main/core/host/core';
import type { MysqlDb } from '../../../main/core/engine/mysql/mysqlDb';
import { addServerOperator, fails, freshCentralBehindProxies, ok, startDeviceCore, type CutOffCentral, type DeviceCore } from '../../support/testCore';
import { GOOD_CARD, loadFixture, type Fixture } from '../../support/fixture';
import { passengers } from '../../support/travellers';

const PASSWORD = 'duty supervisor password';

/**
 * Overbookings sync like every row: a console's copy lists what the servers hold as overbooked
 * (and reads it offline), a capacity set offline is queued and replayed with its shortfall, and
 * resolving needs the servers.
 */
describe('overbookings on a console (MariaDB + FerretDB behind a fault proxy)', () => {
  let central: CutOffCentral;
  let server: MysqlDb;
  let fx: Fixture;
  let dev: DeviceCore;
  let core: Core;
  let token: string;

  const offline = async () => {
    await central.cut();
    await ok(core, token, 'flights.search', { from: 'JFK', to: 'LAX' });
    expect(core.mode()).toBe('offline');
  };
  const online = async () => {
    await central.restore();
    await core.sync!.sync();
  };
  const book = (flightId: number, seats: number, priceCents: number) => ok(core, token, 'bookings.create', {
    customerId: fx.customerId, expectedTotalCents: seats * priceCents, items: [{ kind: 'flight', flightId, seats, travellers: passengers(seats) }],
    payment: { kind: 'card', card: GOOD_CARD },
  });
  const serverShortfall = (key: string) => server.get<{ capacity_wanted: number; closed_at_utc: string | null }>(
    'SELECT capacity_wanted, closed_at_utc FROM overbookings WHERE inventory_key = ?', [key]);

  beforeAll(async () => {
    central = await freshCentralBehindProxies('overbookings');
    server = central.server;
    fx = await loadFixture({ sql: server }, { seats: 6 });
    await addServerOperator(server, { role: 'supervisor', email: 'duty@tripdesk.test', name: 'Duty Supervisor', password: PASSWORD });
    dev = await startDeviceCore(central, { proxies: central.proxies, env: { TRIPDESK_SESSION_HOURS: '1000' } });
    core = dev.core;
    token = await dev.signIn('duty@tripdesk.test', PASSWORD);
  });
  afterAll(async () => {
    await dev?.close();
    await central?.close();
  });

  it('an overbooking made online is in the copy: listed offline too, where resolving it is OFFLINE', async () => {
    const booking = await book(fx.flightId, 3, fx.flightPriceCents);
    await ok(core, token, 'inventory.flights.update', { flightId: fx.flightId, seatsTotal: 1, allowOverbooking: true });
    expect(await serverShortfall(`flight:${fx.flightId}`)).toMatchObject({ capacity_wanted: 1, closed_at_utc: null });
    await core.sync!.sync();

    await offline();
    const [short] = await ok(core, token, 'overbookings.list', {});
    expect([short?.key, short?.over, short?.items.map((i) => i.locator)]).toEqual([`flight:${fx.flightId}`, 2, [booking.locator]]);
    await fails(core, token, 'overbookings.resolve', { items: [{ itemId: booking.items[0]?.id ?? 0, action: 'cancel' }], reason: 'Aircraft swap' }, 'OFFLINE');

    await online();
    const res = await ok(core, token, 'overbookings.resolve', { items: [{ itemId: booking.items[0]?.id ?? 0, action: 'cancel' }], reason: 'Aircraft swap' });
    expect(res.outcomes[0]?.ok).toBe(true);
    expect((await serverShortfall(`flight:${fx.flightId}`))?.closed_at_utc).not.toBeNull();
    await core.sync!.sync();
    const copy = await core.local.sql.get<{ closed_at_utc: string | null }>('SELECT closed_at_utc FROM overbookings WHERE inventory_key = ?', [`flight:${fx.flightId}`]);
    expect(copy?.closed_at_utc).not.toBeNull();
    expect(await ok(core, token, 'overbookings.list', {})).toEqual([]);
  });

  it('a capacity set below booked offline is queued with its shortfall and replayed to the servers', async () => {
    const booking = await book(fx.cheapFlightId, 2, 19_900);
    await core.sync!.sync();
    const before = await ok(core, token, 'flights.get', { flightId: fx.cheapFlightId });
    const taken = before.seatsTotal - before.seatsAvailable;

    await offline();
    await ok(core, token, 'inventory.flights.update', { flightId: fx.cheapFlightId, seatsTotal: taken - 2, allowOverbooking: true });
    expect((await ok(core, token, 'overbookings.list', {})).map((s) => s.key)).toEqual([`flight:${fx.cheapFlightId}`]);
    expect(await serverShortfall(`flight:${fx.cheapFlightId}`)).toBeUndefined();

    await online();
    expect(await serverShortfall(`flight:${fx.cheapFlightId}`)).toMatchObject({ capacity_wanted: taken - 2, closed_at_utc: null });
    const [short] = await ok(core, token, 'overbookings.list', {});
    expect(short?.items.map((i) => i.locator)).toEqual([booking.locator]);
  });
});
