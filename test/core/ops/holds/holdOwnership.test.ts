import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MysqlDb } from '../../../../main/core/engine/mysql/mysqlDb';
import {
  addServerAgent, fails, freshCentralServer, MODES, ok, signInAs, startDeviceCore, startTestCore, type CoreMode, type DeviceCore, type TestCore,
} from '../../../support/testCore';
import { startFaultProxy, type FaultProxy } from '../../../support/faultProxy';
import { GOOD_CARD, loadFixture, type Fixture } from '../../../support/fixture';
import { passengers } from '../../../support/travellers';

/**
 * A hold is its maker's: only the agent who made it, or a supervisor or admin, may release,
 * extend or book it; and it is booked for the customer it was held for, when it names one.
 */
function describeHoldOwnership(mode: CoreMode): void {
  let t: TestCore;
  let fx: Fixture;
  let agent: string;
  let otherAgent: string;
  let supervisor: string;
  let otherCustomerId: number;

  beforeAll(async () => {
    t = await startTestCore(mode, { log: () => undefined, env: { TRIPDESK_DEMO_DATA: '0' } });
    fx = await loadFixture(t.engine, { seats: 40 });
    agent = t.tokens.agent;
    supervisor = t.tokens.supervisor;
    otherAgent = await signInAs(t, 'agent', 'other.agent@test.tripdesk');
    otherCustomerId = (await ok(t, agent, 'customers.create', { email: 'grace.hopper@example.com', firstName: 'Grace', lastName: 'Hopper' })).id;
  });
  afterAll(async () => { await t?.close(); });

  const holdRow = (holdId: string) => t.db.get<{ status: string; seats: number; booking_id: number | null; expires_at_utc: string; extended_at_utc: string | null }>(
    'SELECT status, seats, booking_id, expires_at_utc, extended_at_utc FROM flight_seat_holds WHERE hold_token = ?', [holdId]);
  const seatsLeft = async () => (await ok(t, agent, 'flights.get', { flightId: fx.flightId })).seatsAvailable;
  const bookingCount = async () => Number((await t.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM bookings'))?.n ?? 0);
  const bookHold = (token: string, holdId: string, priceCents: number, customerId = fx.customerId, seats = 1) => ({
    token, input: { customerId, expectedTotalCents: priceCents, items: [{ kind: 'flight' as const, holdId, travellers: passengers(seats) }], payment: { kind: 'card' as const, card: GOOD_CARD, save: false } },
  });

  it("another agent may not release an agent's hold: FORBIDDEN, and the seats stay held", async () => {
    const hold = await ok(t, agent, 'holds.create', { flightId: fx.flightId, seats: 2, customerId: fx.customerId });
    const seats = await seatsLeft();
    const refused = await fails(t, otherAgent, 'holds.release', { holdId: hold.holdId }, 'FORBIDDEN');
    expect(refused.message).toMatch(/made by another agent.*only they or a supervisor may release it/);
    expect(refused.details).toMatchObject({ holdId: hold.holdId, heldByOperatorId: 1 });
    expect(await holdRow(hold.holdId)).toMatchObject({ status: 'active', seats: 2 });
    expect(await seatsLeft()).toBe(seats);
    // Its maker still may.
    expect(await ok(t, agent, 'holds.release', { holdId: hold.holdId })).toMatchObject({ status: 'released' });
    expect(await seatsLeft()).toBe(seats + 2);
  });

  it("another agent may not extend an agent's hold: FORBIDDEN, and the expiry stays", async () => {
    const hold = await ok(t, agent, 'holds.create', { flightId: fx.flightId, seats: 1 });
    const before = await holdRow(hold.holdId);
    const refused = await fails(t, otherAgent, 'holds.extend', { holdId: hold.holdId }, 'FORBIDDEN');
    expect(refused.message).toMatch(/only they or a supervisor may extend it/);
    expect(await holdRow(hold.holdId)).toEqual(before);
    await ok(t, agent, 'holds.extend', { holdId: hold.holdId });
    await ok(t, agent, 'holds.release', { holdId: hold.holdId });
  });

  it("another agent may not book an agent's hold: FORBIDDEN, nothing booked, nothing charged", async () => {
    const hold = await ok(t, agent, 'holds.create', { flightId: fx.flightId, seats: 1, customerId: fx.customerId });
    const bookings = await bookingCount();
    const { input } = bookHold(otherAgent, hold.holdId, hold.priceCents);
    const refused = await fails(t, otherAgent, 'bookings.create', input, 'FORBIDDEN');
    expect(refused.message).toMatch(/only they or a supervisor may book it/);
    expect(await holdRow(hold.holdId)).toMatchObject({ status: 'active', booking_id: null });
    expect(await bookingCount()).toBe(bookings);
    // Its maker books it.
    const booked = await ok(t, agent, 'bookings.create', input);
    expect(booked.status).toBe('confirmed');
    expect(await holdRow(hold.holdId)).toMatchObject({ status: 'converted', booking_id: booked.id });
  });

  it('a supervisor may release, extend or book any agent\'s hold', async () => {
    const released = await ok(t, agent, 'holds.create', { flightId: fx.flightId, seats: 1 });
    expect(await ok(t, supervisor, 'holds.release', { holdId: released.holdId })).toMatchObject({ status: 'released' });
    const extended = await ok(t, agent, 'holds.create', { flightId: fx.flightId, seats: 1, customerId: fx.customerId });
    await ok(t, supervisor, 'holds.extend', { holdId: extended.holdId });
    const booked = await ok(t, supervisor, 'bookings.create', bookHold(supervisor, extended.holdId, extended.priceCents).input);
    expect(booked.status).toBe('confirmed');
    expect(await ok(t, t.tokens.admin, 'holds.release', { holdId: (await ok(t, agent, 'holds.create', { flightId: fx.flightId, seats: 1 })).holdId }))
      .toMatchObject({ status: 'released' });
  });

  it('a hold booked for another customer than it names is CONFLICT, naming both; nothing booked', async () => {
    const hold = await ok(t, agent, 'holds.create', { flightId: fx.flightId, seats: 2, customerId: fx.customerId });
    const bookings = await bookingCount();
    for (const token of [agent, supervisor]) {
      const refused = await fails(t, token, 'bookings.create', bookHold(token, hold.holdId, hold.priceCents, otherCustomerId).input, 'CONFLICT');
      expect(refused.message).toContain(`customer ${fx.customerId}`);
      expect(refused.message).toContain(`customer ${otherCustomerId}`);
      expect(refused.details).toMatchObject({ holdId: hold.holdId, heldForCustomerId: fx.customerId, customerId: otherCustomerId });
    }
    expect(await holdRow(hold.holdId)).toMatchObject({ status: 'active', booking_id: null });
    expect(await bookingCount()).toBe(bookings);
    const booked = await ok(t, agent, 'bookings.create', bookHold(agent, hold.holdId, hold.priceCents, fx.customerId, 2).input);
    expect(booked).toMatchObject({ status: 'confirmed', customerId: fx.customerId });
  });

  it('a hold that names no customer may be booked by its maker for any customer', async () => {
    const hold = await ok(t, agent, 'holds.create', { flightId: fx.flightId, seats: 1 });
    const booked = await ok(t, agent, 'bookings.create', bookHold(agent, hold.holdId, hold.priceCents, otherCustomerId).input);
    expect(booked).toMatchObject({ status: 'confirmed', customerId: otherCustomerId });
  });
}

for (const [name, mode] of MODES) {
  describe(`holds are their maker's on ${name}`, () => describeHoldOwnership(mode));
}

describe('hold ownership offline: replay runs as the agent who made the change', () => {
  let server: MysqlDb;
  let mysqlProxy: FaultProxy;
  let mongoProxy: FaultProxy;
  let fx: Fixture;
  let device: DeviceCore;

  beforeAll(async () => {
    const made = await freshCentralServer('holdowner');
    server = made.server;
    fx = await loadFixture({ sql: server }, { seats: 6 });
    await addServerAgent(server, 'field@tripdesk.test', 'Field Agent', 'field staff password');
    await addServerAgent(server, 'second.field@tripdesk.test', 'Second Field Agent', 'field staff password');
    mysqlProxy = await startFaultProxy(made.mysqlUrl);
    mongoProxy = await startFaultProxy(made.mongoUrl);
    device = await startDeviceCore(made, { proxies: { mysql: mysqlProxy, mongo: mongoProxy } });
  });
  afterAll(async () => {
    await device?.close();
    await mysqlProxy?.close();
    await mongoProxy?.close();
    await server?.close();
  });

  it("offline, a second agent is refused the first agent's hold; the first agent's hold and booking replay on the server", async () => {
    const { core } = device;
    const owner = await device.signIn('field@tripdesk.test', 'field staff password');
    const other = await device.signIn('second.field@tripdesk.test', 'field staff password');
    await mysqlProxy.cut();
    await mongoProxy.cut();
    core.sync!.markOffline('test: line cut');

    const hold = await ok(device, owner, 'holds.create', { flightId: fx.flightId, seats: 2, customerId: fx.customerId });
    await fails(device, other, 'holds.release', { holdId: hold.holdId }, 'FORBIDDEN');
    await fails(device, other, 'holds.extend', { holdId: hold.holdId }, 'FORBIDDEN');
    await ok(device, owner, 'holds.extend', { holdId: hold.holdId });
    const booked = await ok(device, owner, 'bookings.create', {
      customerId: fx.customerId, expectedTotalCents: hold.priceCents, items: [{ kind: 'flight', holdId: hold.holdId, travellers: passengers(2) }], payment: { kind: 'card', card: GOOD_CARD },
    });
    expect(booked).toMatchObject({ status: 'confirmed', provisional: true });

    await mysqlProxy.restore();
    await mongoProxy.restore();
    await core.sync!.sync();
    expect(await core.local.sql.all('SELECT kind, state FROM outbox ORDER BY seq')).toEqual([
      { kind: 'holds.create', state: 'applied' }, { kind: 'holds.extend', state: 'applied' }, { kind: 'bookings.create', state: 'applied' },
    ]);
    const onServer = await server.get<{ status: string; booking_id: number | null; created_by_admin_id: number }>(
      'SELECT status, booking_id, created_by_admin_id FROM flight_seat_holds WHERE hold_token = ?', [hold.holdId]);
    expect(onServer?.status).toBe('converted');
    const booking = await server.get<{ user_id: number; status: string; created_by_admin_id: number }>(
      'SELECT user_id, status, created_by_admin_id FROM bookings WHERE id = ?', [onServer?.booking_id ?? 0]);
    expect(booking).toEqual({ user_id: fx.customerId, status: 'confirmed', created_by_admin_id: onServer?.created_by_admin_id });
  });
});
