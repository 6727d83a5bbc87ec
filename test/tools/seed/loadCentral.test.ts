import { MongoClient, type Db } from 'mongodb';
import type mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createSeed, DEMO_OPERATORS, SEED_COLUMNS, SEED_TABLES, type SeedTableName } from '../../../tools/seed/generate';
import { loadIntoCentral } from '../../../tools/seed/loadCentral';
import type { LoadResult, SeedProgress } from '../../../tools/seed/loadSqlite';
import { migrateMongo } from '../../../main/core/engine/mongo/migrate';
import { migrateMysql } from '../../../main/core/engine/mysql/migrate';
import { createMysqlPool } from '../../../main/core/engine/mysql/mysqlDb';
import { createMysqlDatabase, dropMysqlDatabase, freshMongoUrl, uniqueDbName } from '../../support/servers';

const TODAY = '2026-03-02';
const fakeHash = (pw: string) => `test$${pw}`;
const OPTS = { scale: 0.05, seed: 9, today: TODAY, hashPassword: fakeHash } as const;
const SQL_TABLES = SEED_TABLES.filter((t) => t !== 'reviews' && t !== 'images');

describe('loadIntoCentral into MariaDB + a MongoDB-protocol server', () => {
  const name = uniqueDbName('seed');
  let pool: mysql.Pool;
  let client: MongoClient;
  let mongoDb: Db;
  let result: LoadResult;
  const progress: SeedProgress[] = [];

  beforeAll(async () => {
    // One connection: every query after the load runs on the connection the loader used, so the
    // tests below see whatever session state it left behind.
    pool = createMysqlPool(await createMysqlDatabase(inject('mysqlUrl'), name), 1);
    await migrateMysql(pool);
    client = new MongoClient(freshMongoUrl(inject('mongoUrl'), name));
    await client.connect();
    mongoDb = client.db();
    await migrateMongo(mongoDb, { retentionDays: 30 });
    result = await loadIntoCentral(pool, mongoDb, OPTS, (p) => progress.push(p));
  });

  afterAll(async () => {
    await mongoDb?.dropDatabase().catch(() => undefined);
    await client?.close();
    await pool?.end();
    await dropMysqlDatabase(inject('mysqlUrl'), name).catch(() => undefined);
  });

  const scalar = async (sql: string) => {
    const [rows] = await pool.query(sql);
    return Object.values((rows as Array<Record<string, unknown>>)[0] ?? {})[0];
  };

  it('loads every table and collection the plan promised', async () => {
    for (const t of SQL_TABLES) expect(Number(await scalar(`SELECT COUNT(*) FROM ${t}`)), t).toBe(result.counts[t]);
    expect(await mongoDb.collection('reviews').countDocuments()).toBe(result.counts.reviews);
    expect(await mongoDb.collection('images').countDocuments()).toBe(result.counts.images);
    expect(progress.at(-1)).toEqual({ phase: 'images', done: result.counts.images, total: result.counts.images });
  });

  it('writes no change_log rows during the load, and leaves the pooled connection logging again', async () => {
    expect(Number(await scalar('SELECT COUNT(*) FROM change_log'))).toBe(0);
    expect(await scalar('SELECT @tripdesk_bulk_load')).toBeNull();
    await pool.query("UPDATE admins SET name = CONCAT(name, ' Jr.') WHERE id = 4");
    expect(Number(await scalar("SELECT COUNT(*) FROM change_log WHERE table_name = 'admins' AND row_pk = '4'"))).toBe(1);
  });

  it('stores the same rows the generator produced (dates, instants and cents intact)', async () => {
    const seed = createSeed(OPTS);
    for (const t of ['flights', 'hotel_inventory', 'booking_items', 'users'] as SeedTableName[]) {
      const expected = [...seed.table(t).batches(200).next().value ?? []];
      const order = t === 'hotel_inventory' ? 'room_type_id, stay_date' : 'id';
      const [rows] = await pool.query({ sql: `SELECT ${SEED_COLUMNS[t].join(', ')} FROM ${t} ORDER BY ${order} LIMIT 200`, rowsAsArray: true });
      expect((rows as unknown[][]).map((r) => r.map((v) => (typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v))), t)
        .toEqual(expected);
    }
  });

  it('stores every airport with its IANA time zone', async () => {
    const [rows] = await pool.query('SELECT iata, time_zone FROM airports');
    const zones = new Map((rows as Array<{ iata: string; time_zone: string }>).map((r) => [r.iata, r.time_zone]));
    expect(zones.size).toBe(result.counts.airports);
    expect(zones.get('PHX')).toBe('America/Phoenix');
    expect(zones.get('HNL')).toBe('Pacific/Honolulu');
    expect(zones.get('IND')).toBe('America/Indiana/Indianapolis');
  });

  it('stores reviews and images as documents with BSON dates', async () => {
    const review = await mongoDb.collection('reviews').findOne({});
    expect(review).toMatchObject({ reply: null, hidden: false });
    expect(typeof review?._id).toBe('string');
    expect(review?.created_at).toBeInstanceOf(Date);
    expect([1, 2, 3, 4, 5]).toContain(review?.rating);
    const image = await mongoDb.collection('images').findOne({ entity_type: 'hotel', entity_id: 1 });
    expect(image?.url).toBe('https://images.tripdesk.test/hotels/1/1.jpg');
    expect(image?.created_at).toBeInstanceOf(Date);
  });

  it('has the demo operators', async () => {
    const [rows] = await pool.query('SELECT email, role FROM admins WHERE id <= 3 ORDER BY id');
    expect(rows).toEqual(DEMO_OPERATORS.map((o) => ({ email: o.email, role: o.role })));
  });

  it('refuses to load twice unless told to replace, and replacing gives the same data', async () => {
    await expect(loadIntoCentral(pool, mongoDb, OPTS)).rejects.toThrow(/already hold seed data/);
    expect(await scalar('SELECT @tripdesk_bulk_load')).toBeNull();
    const again = await loadIntoCentral(pool, mongoDb, { ...OPTS, replace: true });
    expect(Number(await scalar('SELECT COUNT(*) FROM flights'))).toBe(again.counts.flights);
    expect(await mongoDb.collection('reviews').countDocuments()).toBe(again.counts.reviews);
    expect(Number(await scalar('SELECT price_cents FROM flights WHERE id = 1'))).toBe(
      createSeed(OPTS).table('flights').rows().next().value?.[9],
    );
  });
});
