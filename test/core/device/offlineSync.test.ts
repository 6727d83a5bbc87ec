import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import type { Core } from '../../../main/core/host/core';
import type { MysqlDb } from '../../../main/core/engine/mysql/mysqlDb';
import { toDbInstant } from '../../../shared/time';
import { addServerAgent, freshCentralBehindProxies, ok, startDeviceCore, type CutOffCentral, type DeviceCore } from '../../support/testCore';
import { GOOD_CARD, loadFixture, type Fixture } from '../../support/fixture';
import { createMysqlDatabase, freshMongoUrl, uniqueDbName } from '../../support/servers';
import { passengers } from '../../support/travellers';

const PASSWORD = 'field staff password';

/**
 * A field agent's device against a real MariaDB and FerretDB, reached through a fault proxy:
 * cut the line, keep working, restore it, and check that the server got everything exactly once.
 */
describe('offline work and sync (MariaDB + FerretDB behind a fault proxy)', () => {
  let server: MysqlDb;
  let central: CutOffCentral;
  let fx: Fixture;
  const devices: DeviceCore[] = [];

  async function device(viaProxy: boolean): Promise<{ core: Core; token: string }> {
    const dev = await startDeviceCore(central, {
      proxies: viaProxy ? central.proxies : undefined,
      env: { TRIPDESK_SESSION_HOURS: '1000' },
    });
    devices.push(dev);
    const { core } = dev;
    return { core, token: await dev.signIn('field@tripdesk.test', PASSWORD) };
  }

  beforeAll(async () => {
    central = await freshCentralBehindProxies('sync');
    server = central.server;
    fx = await loadFixture({ sql: server }, { seats: 4 });
    await addServerAgent(server, 'field@tripdesk.test', 'Field Agent', PASSWORD);
  });
  afterAll(async () => {
    for (const d of devices) await d.close();
    await central?.close();
  });

  it('hydrates a new device, works offline when the line is cut, and applies everything once on return', async () => {
    const { core, token } = await device(true);
    expect(core.mode()).toBe('online');
    const cached = await core.local.sql.get<{ n: number }>('SELECT COUNT(*) AS n FROM flights');
    expect(cached?.n).toBe(2);

    await central.cut();
    // The first call finds the servers gone and is answered from the local copy instead.
    const flights = await ok(core, token, 'flights.search', { from: 'JFK', to: 'LAX' });
    expect(flights.items).toHaveLength(2);
    expect(core.mode()).toBe('offline');

    const customer = await ok(core, token, 'customers.create', { email: 'grace.hopper@example.com', firstName: 'Grace', lastName: 'Hopper' });
    expect(customer.provisional).toBe(true);
    expect(customer.id).toBeLessThan(0);
    const booking = await ok(core, token, 'bookings.create', {
      customerId: customer.id, expectedTotalCents: 2 * fx.flightPriceCents,
      items: [{ kind: 'flight', flightId: fx.flightId, seats: 2, travellers: passengers(2) }], payment: { kind: 'card', card: GOOD_CARD },
    });
    expect(booking.provisional).toBe(true);
    await ok(core, token, 'reviews.create', { targetKind: 'flight', targetId: fx.flightId, customerId: customer.id, rating: 5, text: 'Smooth flight, kind crew.' });
    const offline = await ok(core, token, 'sync.status', {});
    expect(offline).toMatchObject({ mode: 'offline', pending: 3 });
    // The queued booking keeps the gateway's token, never the card number or the CVC.
    const queued = JSON.stringify(await core.local.sql.all('SELECT payload, result FROM outbox'));
    expect(queued).not.toMatch(/4242 ?4242 ?4242 ?4242/);
    expect(queued).not.toContain('cvc');
    const payment = (await core.local.sql.all<{ payload: string }>("SELECT payload FROM outbox WHERE kind = 'bookings.create'"))
      .map((r) => (JSON.parse(r.payload) as { payment: unknown }).payment);
    expect(payment).toEqual([{ kind: 'token', token: expect.objectContaining({ last4: '4242', brand: 'visa' }), save: false }]);

    await central.restore();
    await core.sync!.sync();
    const after = await ok(core, token, 'sync.status', {});
    expect(after).toMatchObject({ mode: 'online', pending: 0, conflicts: 0 });

    const users = await server.all<{ id: number }>("SELECT id FROM users WHERE email = 'grace.hopper@example.com'");
    expect(users).toHaveLength(1);
    const serverBookings = await server.all<{ id: number; user_id: number }>('SELECT id, user_id FROM bookings');
    expect(serverBookings).toEqual([{ id: expect.any(Number), user_id: users[0]!.id }]);
    const seats = await server.get<{ n: number }>('SELECT seats_available AS n FROM flights WHERE id = ?', [fx.flightId]);
    expect(seats?.n).toBe(fx.seats - 2);
    // The device now shows the server's records, no longer provisional.
    const local = await core.local.sql.all<{ id: number; provisional: number }>('SELECT id, provisional FROM bookings');
    expect(local).toEqual([{ id: serverBookings[0]!.id, provisional: 0 }]);
    // A screen still holding the offline id gets the synced booking.
    expect((await ok(core, token, 'bookings.get', { bookingId: booking.id })).id).toBe(serverBookings[0]!.id);
    const reviews = await ok(core, token, 'reviews.list', { targetKind: 'flight', targetId: fx.flightId });
    expect(reviews.items).toEqual([expect.objectContaining({ customerId: users[0]!.id })]);

    // Sending the same outbox again (a crash after the server committed) changes nothing.
    await core.local.sql.run("UPDATE outbox SET state = 'pending'");
    await core.sync!.sync();
    expect(await server.all('SELECT id FROM bookings')).toHaveLength(1);
    expect((await server.get<{ n: number }>('SELECT seats_available AS n FROM flights WHERE id = ?', [fx.flightId]))?.n).toBe(fx.seats - 2);
  });

  it("keeps a seat sold elsewhere while offline as a SOLD_OUT conflict, resolved by picking another flight", async () => {
    const field = await device(true);
    const desk = await device(false);
    await central.cut();
    await field.core.call('flights.search', {}, field.token);
    expect(field.core.mode()).toBe('offline');
    const left = (await field.core.local.sql.get<{ n: number }>('SELECT seats_available AS n FROM flights WHERE id = ?', [fx.flightId]))?.n ?? 0;
    const hold = await ok(field.core, field.token, 'holds.create', { flightId: fx.flightId, seats: left });
    expect(hold.provisional).toBe(true);
    // Meanwhile an agent at the desk sells the last seats.
    await ok(desk.core, desk.token, 'bookings.create', {
      customerId: fx.customerId, expectedTotalCents: left * fx.flightPriceCents,
      items: [{ kind: 'flight', flightId: fx.flightId, seats: left, travellers: passengers(left) }], payment: { kind: 'card', card: GOOD_CARD },
    });
    await central.restore();
    await field.core.sync!.sync();

    const inbox = await ok(field.core, field.token, 'sync.inbox.list', {});
    expect(inbox).toEqual([expect.objectContaining({ opId: hold.holdId, state: 'conflict', code: 'SOLD_OUT' })]);
    const status = await ok(field.core, field.token, 'sync.status', {});
    expect(status).toMatchObject({ pending: 0, conflicts: 1 });
    // The local copy shows the server's seat count again, not the provisional one.
    expect((await field.core.local.sql.get<{ n: number }>('SELECT seats_available AS n FROM flights WHERE id = ?', [fx.flightId]))?.n).toBe(0);

    const resolved = await ok(field.core, field.token, 'sync.inbox.resolve', { opId: hold.holdId, action: 'edit', input: { flightId: fx.cheapFlightId, seats: 1 } });
    await field.core.sync!.sync();
    expect(await ok(field.core, field.token, 'sync.inbox.list', {})).toEqual([]);
    const serverHold = await server.get<{ flight_id: number; status: string }>('SELECT flight_id, status FROM flight_seat_holds WHERE hold_token = ?', [resolved.opId]);
    expect(serverHold).toEqual({ flight_id: fx.cheapFlightId, status: 'active' });
  });

  it('turns a corrupt or unknown queued change into a failed one with a reason, and goes on', async () => {
    const { core, token } = await device(true);
    const at = toDbInstant(Date.now());
    await core.local.sql.run("INSERT INTO outbox (op_id, kind, payload, state, created_at_utc, updated_at_utc, operator_id) VALUES ('01a00000-0000-7000-8000-000000000001', 'bookings.create', '{not json', 'pending', ?, ?, 1)", [at, at]);
    await core.local.sql.run("INSERT INTO outbox (op_id, kind, payload, state, created_at_utc, updated_at_utc, operator_id) VALUES ('01a00000-0000-7000-8000-000000000002', 'flights.teleport', '{}', 'pending', ?, ?, 1)", [at, at]);
    const admin = await server.get<{ id: number }>("SELECT id FROM admins WHERE email = 'field@tripdesk.test'");
    await core.local.sql.run("INSERT INTO outbox (op_id, kind, payload, state, created_at_utc, updated_at_utc, operator_id) VALUES ('01a00000-0000-7000-8000-000000000003', 'customers.create', ?, 'pending', ?, ?, ?)",
      [JSON.stringify({ email: 'after.corrupt@example.com', firstName: 'After', lastName: 'Corrupt', opId: '01a00000-0000-7000-8000-000000000003' }), at, at, admin?.id ?? 0]);
    await core.sync!.sync();
    const inbox = await ok(core, token, 'sync.inbox.list', {});
    expect(inbox.map((i) => [i.state, i.reason?.slice(0, 30)])).toEqual([
      ['failed', 'The queued change is unreadabl'],
      ['failed', 'Unknown kind of change "flight'],
    ]);
    expect(await server.all("SELECT id FROM users WHERE email = 'after.corrupt@example.com'")).toHaveLength(1);
    const discarded = await ok(core, token, 'sync.inbox.resolve', { opId: '01a00000-0000-7000-8000-000000000001', action: 'discard', reason: 'garbled on disk' });
    expect(discarded.state).toBe('discarded');
    const refused = await core.call('sync.inbox.resolve', { opId: '01a00000-0000-7000-8000-000000000002', action: 'discard' }, token);
    expect(refused.ok ? 'OK' : refused.error.code).toBe('VALIDATION');
  });

  it('two devices converge: after both sync, each cache equals the server for the rows it holds', async () => {
    const a = await device(true);
    const b = await device(false);
    await ok(b.core, b.token, 'customers.create', { email: 'from.b@example.com', firstName: 'From', lastName: 'Bee' });
    await ok(a.core, a.token, 'customers.create', { email: 'from.a@example.com', firstName: 'From', lastName: 'Ay' });
    await a.core.sync!.sync();
    await b.core.sync!.sync();
    const columns = 'id, email, first_name, last_name, row_version';
    const truth = await server.all(`SELECT ${columns} FROM users ORDER BY id`);
    for (const d of [a, b]) {
      expect(await d.core.local.sql.all(`SELECT ${columns} FROM users ORDER BY id`)).toEqual(truth);
      const flights = await d.core.local.sql.all('SELECT id, seats_available, price_cents, row_version FROM flights ORDER BY id');
      expect(flights).toEqual(await server.all('SELECT id, seats_available, price_cents, row_version FROM flights ORDER BY id'));
    }
  });
});

describe('a stalled or cut line in the middle of a sync', () => {
  let server: MysqlDb;
  let central: CutOffCentral;
  let device: DeviceCore;
  let core: Core;
  let token: string;

  beforeAll(async () => {
    central = await freshCentralBehindProxies('stall');
    server = central.server;
    await loadFixture({ sql: server });
    await addServerAgent(server, 'field@tripdesk.test', 'Field Agent', PASSWORD);
    device = await startDeviceCore(central, {
      prefix: 'td-stall-', proxies: central.proxies,
      env: { TRIPDESK_MYSQL_QUERY_TIMEOUT_MS: '1500' },
      log: (l, m, e) => { if (process.env.DEBUG_SYNC) console.log(l, m, e); },
    });
    core = device.core;
    token = await device.signIn('field@tripdesk.test', PASSWORD);
  });
  afterAll(async () => {
    await device?.close();
    await central?.close();
  });

  it('a stall mid-replay stops the sync (the op stays queued) and the next sync applies everything once', async () => {
    await central.cut();
    await core.call('flights.search', {}, token);
    for (let i = 0; i < 40; i++) await ok(core, token, 'customers.create', { email: `stall.${i}@example.com`, firstName: 'Stall', lastName: `Test ${i}` });
    await central.restore();
    // Let three through, then freeze the line before the fourth: queries time out, the run stops,
    // nothing is lost. The sync's own progress says when; polling the server from here lost the
    // race to a fast replay, which finished all 40 before the stall.
    const stopAtThird = core.subscribe((event, payload) => {
      const progress = payload as { phase: string; done: number };
      if (event === 'sync.progress' && progress.phase === 'Sending offline changes' && progress.done === 3) void central.proxies.mysql.stall();
    });
    await core.sync!.sync();
    stopAtThird();
    expect(Number((await server.get<{ n: number }>("SELECT COUNT(*) AS n FROM users WHERE email LIKE 'stall.%'"))?.n)).toBe(3);
    const midway = await ok(core, token, 'sync.status', {});
    expect(midway.mode).toBe('offline');
    expect(midway.pending).toBeGreaterThan(0);
    await central.proxies.mysql.restore();
    await core.sync!.sync();
    expect(await ok(core, token, 'sync.status', {})).toMatchObject({ pending: 0, conflicts: 0 });
    const rows = await server.all<{ n: number }>("SELECT COUNT(*) AS n FROM users WHERE email LIKE 'stall.%' GROUP BY email");
    expect(rows).toHaveLength(40);
    expect(rows.every((r) => Number(r.n) === 1)).toBe(true);
  });

  it('a search in flight when the line stalls is answered from the device, even when the watcher noticed first', async () => {
    await core.sync!.sync();
    expect(core.mode()).toBe('online');
    await central.proxies.mysql.stall();
    const searching = core.call('flights.search', {}, token);
    // The watcher's ping (or another call) finds the servers gone while the search still waits.
    core.sync!.markOffline('test: the line is down');
    const res = await searching;
    expect(res.ok ? res.value : res.error).toMatchObject({ items: expect.any(Array) });
    await central.proxies.mysql.restore();
    await core.sync!.sync();
    expect(core.mode()).toBe('online');
  });

  it('a pull cut off by a dead line keeps its checkpoint with the rows, and the next pull completes the copy', async () => {
    const at = toDbInstant(Date.now());
    for (let i = 0; i < 30; i++) {
      await server.run('INSERT INTO users (email, first_name, last_name, created_at_utc, updated_at_utc) VALUES (?, ?, ?, ?, ?)', [`desk.${i}@example.com`, 'Desk', `Entry ${i}`, at, at]);
    }
    await central.proxies.mysql.cut();
    await core.sync!.sync();
    expect(core.mode()).toBe('offline');
    await central.proxies.mysql.restore();
    await core.sync!.sync();
    expect(core.mode()).toBe('online');
    const columns = 'id, email, row_version';
    expect(await core.local.sql.all(`SELECT ${columns} FROM users ORDER BY id`)).toEqual(await server.all(`SELECT ${columns} FROM users ORDER BY id`));
  });
});

describe('a device that stayed away longer than the change log is kept', () => {
  it('prunes old change_log entries on the server, and a device last synced before that downloads everything again', async () => {
    const name = uniqueDbName('prune');
    const mysqlUrl = await createMysqlDatabase(inject('mysqlUrl'), name);
    const mongoUrl = freshMongoUrl(inject('mongoUrl'), name);
    let clock = Date.now();
    const device = await startDeviceCore({ mysqlUrl, mongoUrl }, { prefix: 'td-prune-', env: { TRIPDESK_RETENTION_DAYS: '30' }, now: () => clock });
    const { core } = device;
    try {
      const server = core.central!.sql;
      await server.run("INSERT INTO us_states (code, name) VALUES ('NY', 'New York')");
      await server.run("UPDATE change_log SET changed_at_utc = '2020-01-01 00:00:00.000'");
      expect(await core.sync!.pruneChangeLog()).toBe(1);
      expect(await server.all('SELECT id FROM change_log')).toEqual([]);
      // Rows written while the log entries were gone are only reached by a new download.
      await server.run("INSERT INTO airports (iata, name, city, state_code) VALUES ('JFK', 'John F. Kennedy International', 'New York', 'NY')");
      await server.run('DELETE FROM change_log');
      clock += 40 * 86_400_000;
      await core.sync!.sync();
      expect(await core.local.sql.all('SELECT iata FROM airports')).toEqual([{ iata: 'JFK' }]);
    } finally {
      await device.close();
    }
  });
});
