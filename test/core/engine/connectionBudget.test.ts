import mysql from 'mysql2/promise';
import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { loadConfig } from '../../../main/core/config';
import { MONGO_POOL_SIZE, openMongoClient } from '../../../main/core/engine/mongo/mongoClient';
import { startFaultProxy } from '../../support/faultProxy';
import { loadFixture } from '../../support/fixture';
import { addServerAgent, freshCentralServer, startDeviceCore } from '../../support/testCore';

const PASSWORD = 'budget password';
const IN_FLIGHT = 40;
const ROUNDS = 6;

/** Samples `probe` every few milliseconds while `work` runs; answers the work's result and the highest sample. */
async function sampledWhile<T>(probe: () => Promise<number>, work: () => Promise<T>): Promise<{ result: T; peak: number; samples: number }> {
  let peak = 0;
  let samples = 0;
  let done = false;
  const sampler = (async () => {
    while (!done) {
      peak = Math.max(peak, await probe());
      samples++;
      await new Promise((r) => setTimeout(r, 2));
    }
  })();
  try {
    return { result: await work(), peak, samples };
  } finally {
    done = true;
    await sampler;
  }
}

/** `IN_FLIGHT` calls at once, `ROUNDS` times over; every envelope is kept. */
async function burst<T>(call: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let r = 0; r < ROUNDS; r++) out.push(...(await Promise.all(Array.from({ length: IN_FLIGHT }, (_, i) => call(r * IN_FLIGHT + i)))));
  return out;
}

describe('a console keeps to its connection budget (MariaDB + FerretDB)', () => {
  it('the defaults are 4 MySQL connections (TRIPDESK_MYSQL_POOL) and 4 MongoDB connections', () => {
    expect(loadConfig({}).mysqlPoolSize).toBe(4);
    expect(loadConfig({ TRIPDESK_MYSQL_POOL: '7' }).mysqlPoolSize).toBe(7);
    expect(MONGO_POOL_SIZE).toBe(4);
    const client = openMongoClient('mongodb://127.0.0.1:1/x');
    expect(client.options.maxPoolSize).toBe(4);
  });

  it(`${IN_FLIGHT} calls in flight at once: the server never sees more than 4 MySQL connections, or 4 pooled MongoDB ones, and every call succeeds`, async () => {
    const { server, mysqlUrl, mongoUrl } = await freshCentralServer('budget');
    const fx = await loadFixture({ sql: server });
    await addServerAgent(server, 'budget@tripdesk.test', 'Budget Agent', PASSWORD);
    const dbName = new URL(mysqlUrl).pathname.slice(1);
    // The fixture's own connections must not be counted as the console's.
    await server.close();
    const mysqlProxy = await startFaultProxy(mysqlUrl);
    const mongoProxy = await startFaultProxy(mongoUrl);
    const admin = await mysql.createConnection({ uri: inject('mysqlUrl') });
    const dev = await startDeviceCore({ mysqlUrl, mongoUrl }, { proxies: { mysql: mysqlProxy, mongo: mongoProxy }, env: { TRIPDESK_SESSION_HOURS: '1000' } });
    try {
      expect(dev.core.mode()).toBe('online');
      const token = await dev.signIn('budget@tripdesk.test', PASSWORD);
      // The server's own count: the console's threads on its database (the sampler sits on none).
      const onServer = async () => {
        const [rows] = await admin.query('SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE DB = ?', [dbName]);
        return Number((rows as Array<{ n: number }>)[0]?.n ?? 0);
      };

      const sql = await sampledWhile(onServer, () => burst((i) => {
        if (i % 3 === 0) return dev.core.call('customers.create', { email: `burst.${i}@example.com`, firstName: 'Burst', lastName: `No ${i}` }, token);
        if (i % 3 === 1) return dev.core.call('customers.search', { q: 'burst' }, token);
        return dev.core.call('flights.search', { from: 'JFK', to: 'LAX', date: fx.departDay }, token);
      }));
      const failed = sql.result.filter((r) => !r.ok);
      expect(failed, JSON.stringify(failed.slice(0, 3))).toEqual([]);
      expect(sql.result).toHaveLength(IN_FLIGHT * ROUNDS);
      expect(sql.samples).toBeGreaterThan(5);
      expect(sql.peak, 'MySQL connections the server saw at the peak').toBeLessThanOrEqual(4);
      // The budget was used (the sampler saw the burst), not idle throughout.
      expect(sql.peak).toBeGreaterThanOrEqual(2);
      const created = await dev.core.central!.sql.get<{ n: number }>("SELECT COUNT(*) AS n FROM users WHERE email LIKE 'burst.%'");
      expect(Number(created?.n)).toBe(IN_FLIGHT * ROUNDS / 3);

      // Idle again, the console gives back all but one connection: hundreds of idle consoles must
      // not hold four server threads each.
      const quietSince = performance.now();
      let idle = await onServer();
      while (idle > 1 && performance.now() - quietSince < 25_000) {
        await new Promise((r) => setTimeout(r, 250));
        idle = await onServer();
      }
      expect(idle, 'MySQL connections left once the console is idle').toBeLessThanOrEqual(1);

      // FerretDB's serverStatus counts every client of the server, so the console's MongoDB
      // connections are counted where they come from: the TCP connections through its proxy. The
      // driver keeps monitoring connections (server monitor, RTT pinger) beside its pool: up to 2.
      const mongo = await sampledWhile(async () => mongoProxy.activeConnections,
        () => burst(() => dev.core.call('reviews.list', { targetKind: 'flight', targetId: fx.flightId }, token)));
      const mongoFailed = mongo.result.filter((r) => !r.ok);
      expect(mongoFailed, JSON.stringify(mongoFailed.slice(0, 3))).toEqual([]);
      expect(mongo.peak, 'TCP connections to MongoDB at the peak (4 pooled + monitoring)').toBeLessThanOrEqual(MONGO_POOL_SIZE + 2);
    } finally {
      await dev.close();
      await admin.end();
      await mysqlProxy.close();
      await mongoProxy.close();
    }
  });

  it(`the MongoDB client checks out at most 4 connections with ${IN_FLIGHT} operations in flight, and all of them succeed`, async () => {
    const client = openMongoClient(`${inject('mongoUrl').replace(/\/$/, '')}/budget_pool`);
    let out = 0;
    let peak = 0;
    let created = 0;
    client.on('connectionCheckedOut', () => { out++; peak = Math.max(peak, out); });
    client.on('connectionCheckedIn', () => { out--; });
    client.on('connectionCreated', () => { created++; });
    try {
      const coll = client.db().collection<{ _id: number }>('burst');
      const results = await burst((i) => coll.insertOne({ _id: i }).then((r) => r.acknowledged));
      expect(results.every(Boolean)).toBe(true);
      expect(await coll.countDocuments()).toBe(IN_FLIGHT * ROUNDS);
      expect(peak).toBeLessThanOrEqual(MONGO_POOL_SIZE);
      expect(created).toBeLessThanOrEqual(MONGO_POOL_SIZE);
      expect(peak).toBeGreaterThanOrEqual(2);
      await client.db().dropDatabase();
    } finally {
      await client.close();
    }
  });
});
