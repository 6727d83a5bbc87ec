import { describe, expect, it } from 'vitest';
import type { MysqlDb } from '../../../main/core/engine/mysql/mysqlDb';
import { MongoClient } from 'mongodb';
import { startFaultProxy, type FaultProxy } from '../../support/faultProxy';
import { GOOD_CARD, loadFixture, type Fixture } from '../../support/fixture';
import { addServerAgent, freshCentralServer, ok, startDeviceCore, type DeviceCore } from '../../support/testCore';
import { passengers, driver } from '../../support/travellers';

const PASSWORD = 'field staff password';

interface Device { dev: DeviceCore; token: string; cut(): Promise<void>; restore(): Promise<void>; sync(): Promise<void> }
interface World { server: MysqlDb; mongoUrl: string; fx: Fixture; devices: Device[]; close(): Promise<void> }

/** A fresh server with the small fixture and `n` devices, each behind its own fault proxies. */
async function startWorld(n: number): Promise<World> {
  const { server, mysqlUrl, mongoUrl } = await freshCentralServer('chain');
  const fx = await loadFixture({ sql: server }, { seats: 4 });
  await addServerAgent(server, 'field@tripdesk.test', 'Field Agent', PASSWORD);
  const proxies: FaultProxy[] = [];
  const devices: Device[] = [];
  for (let i = 0; i < n; i++) {
    const mysql = await startFaultProxy(mysqlUrl);
    const mongo = await startFaultProxy(mongoUrl);
    proxies.push(mysql, mongo);
    const dev = await startDeviceCore({ mysqlUrl, mongoUrl }, { proxies: { mysql, mongo }, env: { TRIPDESK_SESSION_HOURS: '1000' } });
    devices.push({
      dev, token: await dev.signIn('field@tripdesk.test', PASSWORD),
      async cut() { await mysql.cut(); await mongo.cut(); },
      async restore() { await mysql.restore(); await mongo.restore(); },
      async sync() { await mysql.restore(); await mongo.restore(); await dev.core.sync!.sync(); },
    });
  }
  return {
    server, mongoUrl, fx, devices,
    async close() {
      for (const d of devices) await d.dev.close();
      for (const p of proxies) await p.close();
      await server.close();
    },
  };
}

const outbox = (d: Device) => d.dev.core.local.sql.all<{ kind: string; state: string; error_code: string | null }>('SELECT kind, state, error_code FROM outbox ORDER BY seq');

/**
 * Chains of offline work the five-device model test (deviceModel.test.ts) runs into, each on its
 * own: offline again after a sync, offline work on records made offline, refusals and discards.
 */
describe('chains of offline work across syncs, refusals and discards (MariaDB + FerretDB behind fault proxies)', () => {
  it('a device offline again after a sync makes new customers and bookings offline: local ids are never reused', async () => {
    const w = await startWorld(1);
    const [d] = w.devices as [Device];
    try {
      for (const round of [1, 2]) {
        await d.cut();
        const customer = await ok(d.dev, d.token, 'customers.create', { email: `offline.${round}@example.com`, firstName: 'Offline', lastName: `Round ${round}` });
        expect(customer).toMatchObject({ provisional: true, id: expect.any(Number) });
        expect(customer.id).toBeLessThan(0);
        await ok(d.dev, d.token, 'bookings.create', {
          customerId: customer.id, expectedTotalCents: w.fx.flightPriceCents,
          items: [{ kind: 'flight', flightId: w.fx.flightId, seats: 1, travellers: passengers(1) }], payment: { kind: 'card', card: GOOD_CARD },
        });
        await d.sync();
        expect(await ok(d.dev, d.token, 'sync.status', {}), `round ${round}`).toMatchObject({ mode: 'online', pending: 0, conflicts: 0 });
      }
      expect(await w.server.all("SELECT email FROM users WHERE email LIKE 'offline.%' ORDER BY email")).toEqual([{ email: 'offline.1@example.com' }, { email: 'offline.2@example.com' }]);
      expect(await w.server.all('SELECT id FROM bookings')).toHaveLength(2);
    } finally {
      await w.close();
    }
  });

  it('a card saved with an offline booking, then an item of that booking cancelled offline: both replay and the device syncs on', async () => {
    const w = await startWorld(1);
    const [d] = w.devices as [Device];
    try {
      await d.cut();
      const booking = await ok(d.dev, d.token, 'bookings.create', {
        customerId: w.fx.customerId, expectedTotalCents: w.fx.flightPriceCents + 4500, priceTolerancePct: 50,
        items: [{ kind: 'flight', flightId: w.fx.flightId, seats: 1, travellers: passengers(1) }, { kind: 'car', carId: w.fx.carId, pickUp: w.fx.checkIn, dropOff: w.fx.checkOut, travellers: [driver()] }],
        payment: { kind: 'card', card: GOOD_CARD, save: true },
      });
      await ok(d.dev, d.token, 'bookings.cancel', { bookingId: booking.id, itemIds: [booking.items[1]!.id], reason: 'no car after all' });
      await d.sync();
      expect(await outbox(d)).toEqual([
        { kind: 'bookings.create', state: 'applied', error_code: null },
        { kind: 'bookings.cancel', state: 'applied', error_code: null },
      ]);
      expect(await ok(d.dev, d.token, 'sync.status', {})).toMatchObject({ mode: 'online', pending: 0, conflicts: 0 });
      expect(await w.server.all("SELECT status FROM bookings")).toEqual([{ status: 'partially_cancelled' }]);
    } finally {
      await w.close();
    }
  });

  it('two devices edit a customer offline, one of them twice: the edit made on top of its refused one is refused too, never an overwrite', async () => {
    const w = await startWorld(2);
    const [a, b] = w.devices as [Device, Device];
    try {
      await a.cut();
      await b.cut();
      await ok(b.dev, b.token, 'customers.update', { customerId: w.fx.customerId, lastName: 'From B, first' });
      await ok(a.dev, a.token, 'customers.update', { customerId: w.fx.customerId, lastName: 'From A' });
      await ok(b.dev, b.token, 'customers.update', { customerId: w.fx.customerId, lastName: 'From B, second' });
      await a.sync();
      await b.sync();
      expect(await outbox(a)).toEqual([{ kind: 'customers.update', state: 'applied', error_code: null }]);
      // B's second edit was made on B's first, which the server refused: B never saw A's edit.
      expect(await outbox(b)).toEqual([
        { kind: 'customers.update', state: 'conflict', error_code: 'CONFLICT' },
        { kind: 'customers.update', state: 'conflict', error_code: 'CONFLICT' },
      ]);
      expect(await w.server.get('SELECT last_name FROM users WHERE id = ?', [w.fx.customerId])).toEqual({ last_name: 'From A' });
    } finally {
      await w.close();
    }
  });

  it('a hold made offline that the server refuses, and the booking made of it, can both be discarded from the inbox, the booking first', async () => {
    const w = await startWorld(1);
    const [d] = w.devices as [Device];
    try {
      await d.cut();
      const hold = await ok(d.dev, d.token, 'holds.create', { flightId: w.fx.flightId, seats: 2 });
      await ok(d.dev, d.token, 'bookings.create', {
        customerId: w.fx.customerId, expectedTotalCents: hold.priceCents, items: [{ kind: 'flight', holdId: hold.holdId, travellers: passengers(2) }], payment: { kind: 'card', card: GOOD_CARD },
      });
      // Meanwhile the flight is sold out at the desk.
      await w.server.run('UPDATE flights SET seats_total = 0, seats_available = 0 WHERE id = ?', [w.fx.flightId]);
      await d.sync();
      const inbox = await ok(d.dev, d.token, 'sync.inbox.list', {});
      expect(inbox.map((i) => [i.kind, i.state, i.code])).toEqual([['holds.create', 'conflict', 'SOLD_OUT'], ['bookings.create', 'conflict', 'NOT_FOUND']]);
      // The booking first: the agent picks which to drop, in any order.
      for (const item of [...inbox].reverse()) {
        expect(await ok(d.dev, d.token, 'sync.inbox.resolve', { opId: item.opId, action: 'discard', reason: 'sold out at the desk' })).toMatchObject({ state: 'discarded' });
      }
      for (const table of ['bookings', 'booking_items', 'billing', 'flight_seat_holds']) {
        expect(await d.dev.core.local.sql.all(`SELECT id FROM ${table} WHERE provisional = 1 OR id < 0`), table).toEqual([]);
      }
    } finally {
      await w.close();
    }
  });

  it('a booking cancelled offline while another device cancelled it too: the refusal waits in the inbox, and the device keeps pulling', async () => {
    const w = await startWorld(2);
    const [a, b] = w.devices as [Device, Device];
    try {
      const booking = await ok(b.dev, b.token, 'bookings.create', {
        customerId: w.fx.customerId, expectedTotalCents: w.fx.flightPriceCents, items: [{ kind: 'flight', flightId: w.fx.flightId, seats: 1, travellers: passengers(1) }], payment: { kind: 'card', card: GOOD_CARD },
      });
      await a.sync();
      await a.cut();
      await ok(a.dev, a.token, 'bookings.cancel', { bookingId: booking.id, reason: 'customer called the field office' });
      await ok(b.dev, b.token, 'bookings.cancel', { bookingId: booking.id, reason: 'customer called the desk' });
      await a.sync();
      expect(await outbox(a)).toEqual([{ kind: 'bookings.cancel', state: 'conflict', error_code: 'CONFLICT' }]);
      expect(await ok(a.dev, a.token, 'sync.status', {})).toMatchObject({ mode: 'online', pending: 0, conflicts: 1 });
      // The desk's cancellation, as the server has it, is on the device.
      const columns = 'id, status, refunded_cents, row_version';
      expect(await a.dev.core.local.sql.all(`SELECT ${columns} FROM bookings`)).toEqual(await w.server.all(`SELECT ${columns} FROM bookings`));
    } finally {
      await w.close();
    }
  });

  it('a review made offline for a customer made offline names the customer by the server id after the sync', async () => {
    const w = await startWorld(1);
    const [d] = w.devices as [Device];
    try {
      await d.cut();
      const customer = await ok(d.dev, d.token, 'customers.create', { email: 'new.reviewer@example.com', firstName: 'New', lastName: 'Reviewer' });
      const review = await ok(d.dev, d.token, 'reviews.create', { targetKind: 'flight', targetId: w.fx.flightId, customerId: customer.id, rating: 4, text: 'Fine.' });
      await d.sync();
      const serverId = (await w.server.get<{ id: number }>("SELECT id FROM users WHERE email = 'new.reviewer@example.com'"))!.id;
      expect(await d.dev.core.local.sql.get('SELECT user_id, provisional FROM reviews WHERE id = ?', [review.id])).toEqual({ user_id: serverId, provisional: 0 });
    } finally {
      await w.close();
    }
  });

  it('a review and a reply written on another device reach this device\'s copy with the next sync', async () => {
    const w = await startWorld(2);
    const [a, b] = w.devices as [Device, Device];
    const mongo = new MongoClient(w.mongoUrl);
    try {
      const review = await ok(a.dev, a.token, 'reviews.create', { targetKind: 'flight', targetId: w.fx.flightId, customerId: w.fx.customerId, rating: 5, text: 'Great crew.' });
      await ok(a.dev, a.token, 'reviews.reply', { reviewId: review.id, text: 'Thank you!' });
      expect(await mongo.db().collection('reviews').countDocuments({ _id: review.id as never })).toBe(1);
      await b.sync();
      expect(await b.dev.core.local.sql.all('SELECT id, reply_text FROM reviews')).toEqual([{ id: review.id, reply_text: 'Thank you!' }]);
      // So that an agent offline sees it too.
      await b.cut();
      const offline = await ok(b.dev, b.token, 'reviews.list', { targetKind: 'flight', targetId: w.fx.flightId });
      expect(offline.items.map((r) => r.id)).toEqual([review.id]);
    } finally {
      await mongo.close();
      await w.close();
    }
  });
});
