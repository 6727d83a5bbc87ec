import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../../shared/contract';
import { toDbInstant, utcDay } from '../../../shared/time';
import type { MysqlDb } from '../../../main/core/engine/mysql/mysqlDb';
import { addServerAgent, freshCentralBehindProxies, ok, startDeviceCore, type CutOffCentral, type DeviceCore } from '../../support/testCore';
import { GOOD_CARD, loadFixture, type Fixture } from '../../support/fixture';
import { passengers } from '../../support/travellers';

const PASSWORD = 'field staff password';
/** Enough flights that the copy takes a few seconds: long enough to work during it. */
const EXTRA_FLIGHTS = 50_000;
const MINUTE = 60_000;
const DAY = 86_400_000;

async function waitFor<T>(what: string, check: () => Promise<T | null | undefined | false>, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const got = await check();
    if (got) return got;
    if (Date.now() > end) throw new Error(`waited ${ms} ms for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** LAX to JFK every two minutes from tomorrow, about 70 days of them: what a new console downloads. */
async function addFlights(server: MysqlDb, start: number): Promise<void> {
  const at = toDbInstant(start);
  for (let i = 0; i < EXTRA_FLIGHTS; i += 1_000) {
    const rows: string[] = [];
    const params: Array<string | number> = [];
    for (let j = i; j < Math.min(EXTRA_FLIGHTS, i + 1_000); j++) {
      const departs = start + DAY + j * 2 * MINUTE;
      rows.push("(?, 'Delta Air Lines', 'LAX', 'JFK', ?, ?, 180, 180, ?, ?)");
      params.push(`DL ${1000 + (j % 8000)}`, toDbInstant(departs), toDbInstant(departs + 5 * 60 * MINUTE), 20_000 + (j % 50) * 100, at);
    }
    await server.run(
      `INSERT INTO flights (flight_number, airline, departure_airport, arrival_airport, departure_ts_utc, arrival_ts_utc, seats_total, seats_available, price_cents, updated_at_utc)
       VALUES ${rows.join(', ')}`, params);
  }
}

/**
 * A new console in central mode, the servers reachable: it works online at once while its offline
 * copy downloads behind (MariaDB + FerretDB, through fault proxies to cut the line mid-way).
 */
describe('a new console works online while its offline copy downloads', () => {
  let server: MysqlDb;
  let central: CutOffCentral;
  let fx: Fixture;
  const devices: DeviceCore[] = [];
  const started = Date.now();

  async function newConsole(): Promise<DeviceCore> {
    const dev = await startDeviceCore(central, {
      proxies: central.proxies,
      syncInBackground: true,
      env: { TRIPDESK_SESSION_HOURS: '1000' },
    });
    devices.push(dev);
    return dev;
  }

  const status = (dev: DeviceCore): Promise<SyncStatus> => dev.core.sync!.status();
  const localFlights = async (dev: DeviceCore) => Number((await dev.core.local.sql.get<{ n: number }>('SELECT COUNT(*) AS n FROM flights'))?.n);

  beforeAll(async () => {
    central = await freshCentralBehindProxies('hydrate');
    server = central.server;
    fx = await loadFixture({ sql: server }, { seats: 6, now: started });
    await addFlights(server, started);
    await addServerAgent(server, 'field@tripdesk.test', 'Field Agent', PASSWORD);
  }, 60_000);
  afterAll(async () => {
    for (const d of devices) await d.close();
    await central?.close();
  });

  it('searches and books on the servers during the download; the booking is in the copy once it ends', async () => {
    // Another session holds a table the copy reads late: the download waits there, a known
    // point, while the agent works (a write lock blocks even InnoDB's plain reads).
    const lock = await server.pool.getConnection();
    let locked = false;
    try {
      const dev = await newConsole();
      // Online from the start, before the copy has its flights.
      const during = await waitFor('online while downloading flights', async () => {
        const s = await status(dev);
        return s.mode === 'online' && s.offlineCopy.state === 'downloading' && s.progress?.phase === 'Downloading flights' ? s : null;
      });
      expect(during.offlineCopy.percent).toBeLessThan(100);
      await lock.query('LOCK TABLES customer_travellers WRITE');
      locked = true;
      const token = await dev.signIn('field@tripdesk.test', PASSWORD);

      // A flight scheduled on the servers now: the console finds it though its copy does not have it.
      const departs = started + 20 * DAY;
      const added = await server.run(
        `INSERT INTO flights (flight_number, airline, departure_airport, arrival_airport, departure_ts_utc, arrival_ts_utc, seats_total, seats_available, price_cents, updated_at_utc)
         VALUES ('AA 2', 'American Airlines', 'JFK', 'LAX', ?, ?, 100, 100, 31000, ?)`,
        [toDbInstant(departs), toDbInstant(departs + 6 * 60 * MINUTE), toDbInstant(Date.now())]);
      const found = await ok(dev.core, token, 'flights.search', { from: 'JFK', to: 'LAX', date: utcDay(departs) });
      expect(found.items.map((f) => f.flightNumber)).toEqual(['AA 2']);
      expect(found.incomplete).toBeUndefined();
      expect(await dev.core.local.sql.get('SELECT id FROM flights WHERE id = ?', [added.insertId])).toBeUndefined();

      const booking = await ok(dev.core, token, 'bookings.create', {
        customerId: fx.customerId, expectedTotalCents: 2 * fx.flightPriceCents,
        items: [{ kind: 'flight', flightId: fx.flightId, seats: 2, travellers: passengers(2) }], payment: { kind: 'card', card: GOOD_CARD },
      });
      // Made on the servers, final, nothing queued on the device.
      expect(booking.provisional).toBe(false);
      expect(await server.all('SELECT id FROM bookings WHERE id = ?', [booking.id])).toHaveLength(1);
      expect(await status(dev)).toMatchObject({ mode: 'online', pending: 0, offlineCopy: { state: 'downloading' } });

      await lock.query('UNLOCK TABLES');
      locked = false;
      await dev.core.sync!.sync();
      expect(await status(dev)).toMatchObject({ mode: 'online', pending: 0, offlineCopy: { state: 'complete', percent: 100 } });
      // What changed during the copy came in by the pull after it: the new flight, the booking, and
      // the seats it took from a flight copied before it was made.
      expect(await localFlights(dev)).toBe(EXTRA_FLIGHTS + 3);
      const local = await dev.core.local.sql.get<{ id: number; provisional: number }>('SELECT id, provisional FROM bookings WHERE id = ?', [booking.id]);
      expect(local).toEqual({ id: booking.id, provisional: 0 });
      const seats = await dev.core.local.sql.get<{ n: number }>('SELECT seats_available AS n FROM flights WHERE id = ?', [fx.flightId]);
      expect(seats?.n).toBe(fx.seats - 2);
    } finally {
      if (locked) await lock.query('UNLOCK TABLES');
      lock.release();
    }
  }, 60_000);

  it('the line dropping mid-download leaves a partial copy whose searches say so; the return finishes it', async () => {
    const dev = await newConsole();
    await waitFor('online while downloading flights', async () => {
      const s = await status(dev);
      return s.mode === 'online' && s.progress?.phase === 'Downloading flights' && s.progress.done > 0;
    });
    const token = await dev.signIn('field@tripdesk.test', PASSWORD);
    await central.cut();
    try {
      const cut = await waitFor('offline with a partial copy', async () => {
        const s = await status(dev);
        return s.mode === 'offline' && s.offlineCopy.state === 'partial' ? s : null;
      });
      expect(cut.offlineCopy.percent).toBeGreaterThan(0);
      expect(cut.offlineCopy.percent).toBeLessThan(100);
      const copied = await localFlights(dev);
      expect(copied).toBeLessThan(EXTRA_FLIGHTS + 3);

      // What it has, it shows, and says more may exist.
      const flights = await ok(dev.core, token, 'flights.search', { from: 'JFK', to: 'LAX', date: fx.departDay });
      expect(flights.items.map((f) => f.id).sort()).toEqual([fx.flightId, fx.cheapFlightId].sort());
      expect(flights.incomplete).toBe(true);
      const trips = await ok(dev.core, token, 'trips.search', { legs: [{ from: 'JFK', to: 'LAX', date: fx.departDay }], passengers: 1, maxStops: 0 });
      expect(trips.incomplete).toBe(true);
      // Hotels were copied before the line dropped: that answer is whole.
      const hotels = await ok(dev.core, token, 'hotels.search', { city: 'Los Angeles', checkIn: fx.checkIn, checkOut: fx.checkOut });
      expect(hotels.items).toHaveLength(1);
      expect(hotels.incomplete).toBeUndefined();
    } finally {
      await central.restore();
    }

    await dev.core.sync!.sync();
    expect(await status(dev)).toMatchObject({ mode: 'online', offlineCopy: { state: 'complete', percent: 100 } });
    expect(await localFlights(dev)).toBe(EXTRA_FLIGHTS + 3);
    // Whole again: the same search offline no longer says it is incomplete.
    await central.cut();
    try {
      const flights = await ok(dev.core, token, 'flights.search', { from: 'JFK', to: 'LAX', date: fx.departDay });
      expect(dev.core.mode()).toBe('offline');
      expect(flights.incomplete).toBeUndefined();
    } finally {
      await central.restore();
    }
  }, 60_000);
});
