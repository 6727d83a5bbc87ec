import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../../shared/uuidv7';
import type { MysqlDb } from '../../../../main/core/engine/mysql/mysqlDb';
import {
  addServerAgent, fails, freshCentralBehindProxies, ok, startDeviceCore, startTestCore, type CoreMode, type CutOffCentral, type DeviceCore, type TestCore,
} from '../../../support/testCore';
import { loadFixture, type Fixture } from '../../../support/fixture';
import { passengers } from '../../../support/travellers';

const HOLD_MINUTES = 15;
const minutes = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / 60_000;

describe.each<CoreMode>(['standalone', 'central'])('holds.extend: a customer needs a little longer (%s)', (mode) => {
  let t: TestCore;
  let fx: Fixture;
  let agent: string;
  let supervisor: string;
  let clock = Date.now();

  beforeAll(async () => {
    t = await startTestCore(mode, { now: () => clock, env: { TRIPDESK_HOLD_MINUTES: String(HOLD_MINUTES) } });
    fx = await loadFixture(t.engine);
    agent = t.tokens.agent;
    supervisor = t.tokens.supervisor;
  });
  afterAll(async () => t?.close());

  it('extends an active hold once by the hold time, keeps its seats, and audits it', async () => {
    const hold = await ok(t, agent, 'holds.create', { flightId: fx.flightId, seats: 2 });
    const seats = (await ok(t, agent, 'flights.get', { flightId: fx.flightId })).seatsAvailable;
    clock += 10 * 60_000;
    const extended = await ok(t, agent, 'holds.extend', { holdId: hold.holdId });
    expect(minutes(hold.expiresAtUtc, extended.expiresAtUtc)).toBe(HOLD_MINUTES);
    expect(extended).toMatchObject({ holdId: hold.holdId, priceCents: hold.priceCents, provisional: false });
    const listed = (await ok(t, agent, 'holds.list', {})).find((h) => h.holdId === hold.holdId);
    expect(listed?.expiresAtUtc).toBe(extended.expiresAtUtc);
    expect((await ok(t, agent, 'flights.get', { flightId: fx.flightId })).seatsAvailable).toBe(seats);
    // Once only: a second extension is refused and leaves the expiry alone.
    await fails(t, agent, 'holds.extend', { holdId: hold.holdId }, 'CONFLICT');
    const again = (await ok(t, agent, 'holds.list', {})).find((h) => h.holdId === hold.holdId);
    expect(again?.expiresAtUtc).toBe(extended.expiresAtUtc);
    const trail = await ok(t, supervisor, 'audit.list', { entity: 'hold', entityId: hold.holdId });
    expect(trail.map((e) => e.channel)).toContain('holds.extend');
  });

  it('the same extension sent twice is one extension', async () => {
    const hold = await ok(t, agent, 'holds.create', { flightId: fx.flightId, seats: 1 });
    const opId = uuidv7();
    const first = await ok(t, agent, 'holds.extend', { holdId: hold.holdId, opId });
    const second = await ok(t, agent, 'holds.extend', { holdId: hold.holdId, opId });
    expect(second).toEqual(first);
    expect(minutes(hold.expiresAtUtc, first.expiresAtUtc)).toBe(HOLD_MINUTES);
  });

  it('a released hold, or one past its time, is HOLD_EXPIRED; a booked one is CONFLICT; an unknown one NOT_FOUND', async () => {
    const released = await ok(t, agent, 'holds.create', { flightId: fx.flightId, seats: 1 });
    await ok(t, agent, 'holds.release', { holdId: released.holdId });
    await fails(t, agent, 'holds.extend', { holdId: released.holdId }, 'HOLD_EXPIRED');

    const lapsed = await ok(t, agent, 'holds.create', { flightId: fx.flightId, seats: 1 });
    clock += (HOLD_MINUTES + 1) * 60_000;
    await fails(t, agent, 'holds.extend', { holdId: lapsed.holdId }, 'HOLD_EXPIRED');

    const booked = await ok(t, agent, 'holds.create', { flightId: fx.cheapFlightId, seats: 1 });
    await ok(t, agent, 'bookings.create', {
      customerId: fx.customerId, expectedTotalCents: booked.priceCents, items: [{ kind: 'flight', holdId: booked.holdId, travellers: passengers(1) }],
      payment: { kind: 'card', card: { number: '4242 4242 4242 4242', expMonth: 12, expYear: 2035, cvc: '123' } },
    });
    await fails(t, agent, 'holds.extend', { holdId: booked.holdId }, 'CONFLICT');
    await fails(t, agent, 'holds.extend', { holdId: 'no-such-hold' }, 'NOT_FOUND');
  });
});

describe('holds.extend offline: queued with the hold, replayed once', () => {
  let server: MysqlDb;
  let central: CutOffCentral;
  let fx: Fixture;
  let device: DeviceCore;

  beforeAll(async () => {
    central = await freshCentralBehindProxies('extend');
    server = central.server;
    fx = await loadFixture({ sql: server }, { seats: 4 });
    await addServerAgent(server, 'field@tripdesk.test', 'Field Agent', 'field staff password');
    device = await startDeviceCore(central, { proxies: central.proxies, env: { TRIPDESK_HOLD_MINUTES: String(HOLD_MINUTES) } });
  });
  afterAll(async () => {
    await device?.close();
    await central?.close();
  });

  it('an agent extends a hold made offline; after the sync the server has the hold with the longer time', async () => {
    const { core } = device;
    const token = await device.signIn('field@tripdesk.test', 'field staff password');
    await central.cut();
    core.sync!.markOffline('test: line cut');
    const hold = await ok(device, token, 'holds.create', { flightId: fx.flightId, seats: 2 });
    const extended = await ok(device, token, 'holds.extend', { holdId: hold.holdId });
    expect(extended.provisional).toBe(true);
    expect(minutes(hold.expiresAtUtc, extended.expiresAtUtc)).toBe(HOLD_MINUTES);
    const queued = await core.local.sql.all<{ kind: string; state: string }>('SELECT kind, state FROM outbox ORDER BY seq');
    expect(queued).toEqual([{ kind: 'holds.create', state: 'pending' }, { kind: 'holds.extend', state: 'pending' }]);

    await central.restore();
    await core.sync!.sync();
    expect(await core.local.sql.all('SELECT kind, state FROM outbox ORDER BY seq')).toEqual([
      { kind: 'holds.create', state: 'applied' }, { kind: 'holds.extend', state: 'applied' },
    ]);
    const onServer = await server.get<{ created: string; expires: string; extended: string | null; seats_available: number }>(
      `SELECT h.created_at_utc AS created, h.expires_at_utc AS expires, h.extended_at_utc AS extended, f.seats_available
         FROM flight_seat_holds h JOIN flights f ON f.id = h.flight_id WHERE h.hold_token = ?`, [hold.holdId]);
    expect(onServer?.extended).not.toBeNull();
    expect(onServer?.seats_available).toBe(fx.seats - 2);
    // Judged on the server's clock at replay: made at replay time, so twice the hold time from then.
    expect(minutes(`${onServer!.created.replace(' ', 'T')}Z`, `${onServer!.expires.replace(' ', 'T')}Z`)).toBeCloseTo(2 * HOLD_MINUTES, 1);
  });
});
