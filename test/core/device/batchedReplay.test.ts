import net from 'node:net';
import { describe, expect, it } from 'vitest';
import type { MysqlDb } from '../../../main/core/engine/mysql/mysqlDb';
import { startFaultProxy, targetFromUrl, type FaultProxy } from '../../support/faultProxy';
import { GOOD_CARD, loadFixture, type Fixture } from '../../support/fixture';
import { LOOPBACK } from '../../support/ports';
import { addServerAgent, freshCentralServer, ok, startDeviceCore, type DeviceCore } from '../../support/testCore';
import { passengers } from '../../support/travellers';

const PASSWORD = 'field staff password';
/** The COM_QUERY packet of a bare COMMIT: 3-byte length (7), sequence 0, command 0x03, the text. */
const COMMIT_PACKET = Buffer.concat([Buffer.from([7, 0, 0, 0, 0x03]), Buffer.from('COMMIT', 'latin1')]);

/**
 * A TCP hop in front of MariaDB that counts the COMMITs clients send, and can drop the line
 * right after the server has answered the Nth one, before the answer reaches the device: the
 * server has committed, the device never hears of it (as if it crashed at that instant).
 */
interface CommitTrap { readonly port: number; readonly commits: number; cutAfterCommit(n: number): void; close(): Promise<void> }

async function startCommitTrap(mysqlUrl: string): Promise<CommitTrap> {
  const target = targetFromUrl(mysqlUrl);
  let commits = 0;
  let cutAt: number | null = null;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect({ host: target.host, port: target.port });
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => undefined);
      s.on('close', () => { sockets.delete(s); client.destroy(); upstream.destroy(); });
    }
    let dropReply = false;
    client.on('data', (chunk: Buffer) => {
      if (chunk.equals(COMMIT_PACKET)) {
        commits++;
        if (cutAt === commits) {
          cutAt = null;
          dropReply = true;
        }
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (!dropReply) {
        client.write(chunk);
        return;
      }
      client.resetAndDestroy();
      upstream.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen({ host: LOOPBACK, port: 0 }, resolve));
  const addr = server.address() as net.AddressInfo;
  return {
    port: addr.port,
    get commits() { return commits; },
    cutAfterCommit(n) { cutAt = commits + n; },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

interface World {
  server: MysqlDb; fx: Fixture; dev: DeviceCore; token: string; trap: CommitTrap;
  cut(): Promise<void>;
  /** Restores the line and syncs; answers the COMMITs the device sent while sending its outbox. */
  sync(): Promise<number>;
  close(): Promise<void>;
}

/** A server with the small fixture and one device whose MySQL line runs through a fault proxy, then the commit trap. */
async function startWorld(): Promise<World> {
  const { server, mysqlUrl, mongoUrl } = await freshCentralServer('batch');
  const fx = await loadFixture({ sql: server }, { seats: 4 });
  await addServerAgent(server, 'field@tripdesk.test', 'Field Agent', PASSWORD);
  const trap = await startCommitTrap(mysqlUrl);
  const mysql: FaultProxy = await startFaultProxy({ host: LOOPBACK, port: trap.port });
  const mongo: FaultProxy = await startFaultProxy(mongoUrl);
  const dev = await startDeviceCore({ mysqlUrl, mongoUrl }, { proxies: { mysql, mongo }, env: { TRIPDESK_SESSION_HOURS: '1000' } });
  const token = await dev.signIn('field@tripdesk.test', PASSWORD);
  return {
    server, fx, dev, token, trap,
    async cut() { await mysql.cut(); await mongo.cut(); },
    async sync() {
      await mysql.restore();
      await mongo.restore();
      const before = trap.commits;
      let pushed: number | null = null;
      const off = dev.core.subscribe((event, payload) => {
        if (event === 'sync.progress' && (payload as { phase: string }).phase === 'Receiving changes' && pushed === null) pushed = trap.commits - before;
      });
      try {
        await dev.core.sync!.sync();
      } finally {
        off();
      }
      return pushed ?? trap.commits - before;
    },
    async close() {
      await dev.close();
      await mysql.close();
      await mongo.close();
      await trap.close();
      await server.close();
    },
  };
}

const outbox = (w: World) => w.dev.core.local.sql.all<{ kind: string; state: string; error_code: string | null; attempts: number }>(
  'SELECT kind, state, error_code, attempts FROM outbox ORDER BY seq');

/** Three customers first: the replay's first groups are 1 and 2 ops, so what follows shares the third group (up to 4 ops). */
async function warmUp(w: World): Promise<void> {
  for (let i = 0; i < 3; i++) await ok(w.dev, w.token, 'customers.create', { email: `warm.${i}@example.com`, firstName: 'Warm', lastName: `Up ${i}` });
}

describe('the outbox goes up in batches: one MySQL transaction per group, a savepoint per op (MariaDB + FerretDB)', () => {
  it('a batch whose middle ops are refused: its neighbours apply in the same transaction, the refused ones wait in Needs attention as CONFLICT', async () => {
    const w = await startWorld();
    try {
      await w.cut();
      await warmUp(w);
      await ok(w.dev, w.token, 'customers.create', { email: 'first@example.com', firstName: 'First', lastName: 'Neighbour' });
      await ok(w.dev, w.token, 'customers.create', { email: 'taken@example.com', firstName: 'Taken', lastName: 'Offline' });
      await ok(w.dev, w.token, 'customers.update', { customerId: w.fx.customerId, lastName: 'Edited offline' });
      await ok(w.dev, w.token, 'customers.create', { email: 'last@example.com', firstName: 'Last', lastName: 'Neighbour' });
      // Meanwhile, at the desk: the email is taken and the customer edited.
      const at = new Date().toISOString().slice(0, 23).replace('T', ' ');
      await w.server.run("INSERT INTO users (email, first_name, last_name, created_at_utc, updated_at_utc) VALUES ('taken@example.com', 'Taken', 'At the desk', ?, ?)", [at, at]);
      await w.server.run("UPDATE users SET last_name = 'Edited at the desk', row_version = row_version + 1 WHERE id = ?", [w.fx.customerId]);

      const commits = await w.sync();
      // Groups of 1, 2 and 4 ops: the last four (two applied, two refused) in one transaction.
      expect(commits).toBe(3);
      expect(await outbox(w)).toEqual([
        ...[0, 1, 2].map(() => ({ kind: 'customers.create', state: 'applied', error_code: null, attempts: 1 })),
        { kind: 'customers.create', state: 'applied', error_code: null, attempts: 1 },
        { kind: 'customers.create', state: 'conflict', error_code: 'CONFLICT', attempts: 1 },
        { kind: 'customers.update', state: 'conflict', error_code: 'CONFLICT', attempts: 1 },
        { kind: 'customers.create', state: 'applied', error_code: null, attempts: 1 },
      ]);
      expect(await w.server.all("SELECT email, last_name FROM users WHERE email IN ('first@example.com', 'taken@example.com', 'last@example.com') ORDER BY id")).toEqual([
        { email: 'taken@example.com', last_name: 'At the desk' },
        { email: 'first@example.com', last_name: 'Neighbour' },
        { email: 'last@example.com', last_name: 'Neighbour' },
      ]);
      expect(await w.server.get('SELECT last_name FROM users WHERE id = ?', [w.fx.customerId])).toEqual({ last_name: 'Edited at the desk' });
      // The email clash was refused by the use case: its refusal is stored, so a resend stays refused.
      expect(await w.server.all("SELECT outcome FROM applied_ops WHERE channel = 'customers.create' ORDER BY applied_at_utc, outcome")).toEqual(
        expect.arrayContaining([{ outcome: 'rejected' }]));
      expect(await w.server.get<{ n: number }>("SELECT COUNT(*) AS n FROM applied_ops WHERE outcome = 'ok'")).toEqual({ n: 5 });

      const inbox = await ok(w.dev, w.token, 'sync.inbox.list', {});
      expect(inbox.map((i) => ({ kind: i.kind, state: i.state, code: i.code }))).toEqual([
        { kind: 'customers.create', state: 'conflict', code: 'CONFLICT' },
        { kind: 'customers.update', state: 'conflict', code: 'CONFLICT' },
      ]);
      expect(await ok(w.dev, w.token, 'sync.status', {})).toMatchObject({ mode: 'online', pending: 0, conflicts: 2 });
    } finally {
      await w.close();
    }
  });

  it('a chain made offline, customer → booking → booking remark (+ a customer remark), replays in one sync, in order, in one group', async () => {
    const w = await startWorld();
    try {
      await w.cut();
      await warmUp(w);
      const customer = await ok(w.dev, w.token, 'customers.create', { email: 'chain@example.com', firstName: 'Chain', lastName: 'Customer' });
      const booking = await ok(w.dev, w.token, 'bookings.create', {
        customerId: customer.id, expectedTotalCents: w.fx.flightPriceCents,
        items: [{ kind: 'flight', flightId: w.fx.flightId, seats: 1, travellers: passengers(1) }], payment: { kind: 'card', card: GOOD_CARD },
      });
      await ok(w.dev, w.token, 'bookings.addRemark', { bookingId: booking.id, text: 'window seat please' });
      await ok(w.dev, w.token, 'customers.addRemark', { customerId: customer.id, text: 'prefers email' });
      expect(customer.id).toBeLessThan(0);
      expect(booking.id).toBeLessThan(0);

      const commits = await w.sync();
      expect(commits).toBe(3);
      expect((await outbox(w)).map((o) => `${o.kind} ${o.state}`)).toEqual([
        'customers.create applied', 'customers.create applied', 'customers.create applied',
        'customers.create applied', 'bookings.create applied', 'bookings.addRemark applied', 'customers.addRemark applied',
      ]);
      const serverCustomer = await w.server.get<{ id: number }>("SELECT id FROM users WHERE email = 'chain@example.com'");
      const serverBooking = await w.server.get<{ id: number; user_id: number }>('SELECT id, user_id FROM bookings');
      expect(serverBooking?.user_id).toBe(serverCustomer?.id);
      expect(await w.server.all('SELECT booking_id, remark_text AS body FROM booking_remarks')).toEqual([{ booking_id: serverBooking?.id, body: 'window seat please' }]);
      expect(await w.server.all('SELECT user_id, remark_text AS body FROM customer_remarks')).toEqual([{ user_id: serverCustomer?.id, body: 'prefers email' }]);
      // The device's copy now names the records by the server's ids.
      expect(await w.dev.core.local.sql.get('SELECT id, provisional FROM users WHERE email = ?', ['chain@example.com'])).toEqual({ id: serverCustomer?.id, provisional: 0 });
      expect(await w.dev.core.local.sql.all('SELECT id, user_id FROM bookings')).toEqual([{ id: serverBooking?.id, user_id: serverCustomer?.id }]);
      expect(await ok(w.dev, w.token, 'sync.status', {})).toMatchObject({ mode: 'online', pending: 0, conflicts: 0 });
    } finally {
      await w.close();
    }
  });

  it('the line drops right after a group committed, before the device heard: the next sync applies nothing twice', async () => {
    const w = await startWorld();
    const PAIRS = 10;
    try {
      await w.cut();
      for (let i = 0; i < PAIRS; i++) {
        const c = await ok(w.dev, w.token, 'customers.create', { email: `cut.${i}@example.com`, firstName: 'Cut', lastName: `No ${i}` });
        // Remarks have no natural key: applied twice, they would be there twice.
        await ok(w.dev, w.token, 'customers.addRemark', { customerId: c.id, text: `remark ${i}` });
      }
      // Groups of 1, 2, 4, 8, 5 ops: the answer to the fourth COMMIT (ops 8-15) never arrives.
      w.trap.cutAfterCommit(4);
      await w.sync();
      expect(w.dev.core.mode()).toBe('offline');
      expect(await w.server.get<{ n: number }>('SELECT COUNT(*) AS n FROM applied_ops')).toEqual({ n: 15 });
      const states = (await outbox(w)).map((o) => o.state);
      expect(states.filter((s) => s === 'applied')).toHaveLength(7);
      expect(states.filter((s) => s === 'pending')).toHaveLength(2 * PAIRS - 7);

      await w.sync();
      expect(await ok(w.dev, w.token, 'sync.status', {})).toMatchObject({ mode: 'online', pending: 0, conflicts: 0 });
      expect((await outbox(w)).every((o) => o.state === 'applied')).toBe(true);
      expect(await w.server.get<{ n: number }>("SELECT COUNT(*) AS n FROM users WHERE email LIKE 'cut.%'")).toEqual({ n: PAIRS });
      expect(await w.server.get<{ n: number }>('SELECT COUNT(*) AS n FROM customer_remarks')).toEqual({ n: PAIRS });
      expect(await w.server.get<{ n: number }>('SELECT COUNT(*) AS n FROM applied_ops')).toEqual({ n: 2 * PAIRS });
      // Each remark on its own customer, on the server and on the device.
      const pairs = await w.server.all<{ email: string; body: string }>('SELECT u.email, r.remark_text AS body FROM customer_remarks r JOIN users u ON u.id = r.user_id ORDER BY r.id');
      expect(pairs).toEqual(Array.from({ length: PAIRS }, (_, i) => ({ email: `cut.${i}@example.com`, body: `remark ${i}` })));
      const local = await w.dev.core.local.sql.all<{ id: number; email: string }>("SELECT id, email FROM users WHERE email LIKE 'cut.%' ORDER BY id");
      const remote = await w.server.all<{ id: number; email: string }>("SELECT id, email FROM users WHERE email LIKE 'cut.%' ORDER BY id");
      expect(local.map((u) => ({ id: Number(u.id), email: u.email }))).toEqual(remote.map((u) => ({ id: Number(u.id), email: u.email })));
    } finally {
      await w.close();
    }
  });
});
