import { existsSync } from 'node:fs';
import { MongoClient } from 'mongodb';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  createMysqlDatabase,
  freshMongoUrl,
  MONGO_URL_ENV,
  MYSQL_URL_ENV,
  startMariaDb,
  uniqueDbName,
  withDatabase,
} from './servers';

describe('url helpers', () => {
  it('withDatabase replaces the path and keeps credentials and query', () => {
    expect(withDatabase('mysql://root@127.0.0.1:3306/', 'abc')).toBe('mysql://root@127.0.0.1:3306/abc');
    expect(withDatabase('mysql://u:p@h:1/old?charset=utf8mb4', 'new')).toBe('mysql://u:p@h:1/new?charset=utf8mb4');
    expect(withDatabase('mongodb://a:1,b:2/x?replicaSet=rs', 'y')).toBe('mongodb://a:1,b:2/y?replicaSet=rs');
    expect(withDatabase('mongodb://127.0.0.1:27017', 'z')).toBe('mongodb://127.0.0.1:27017/z');
  });

  it('uniqueDbName gives distinct valid names', () => {
    const a = uniqueDbName();
    const b = uniqueDbName('trip');
    expect(a).not.toBe(b);
    expect(a).toMatch(/^td_[a-z0-9]+_[0-9a-f]{8}$/);
    expect(b.startsWith('trip_')).toBe(true);
  });

  it('rejects unsafe database names', async () => {
    await expect(createMysqlDatabase(inject('mysqlUrl'), 'x`; DROP DATABASE mysql; --')).rejects.toThrow(/invalid MySQL database name/);
    expect(() => freshMongoUrl(inject('mongoUrl'), 'a/b')).toThrow(/invalid MongoDB database name/);
  });
});

describe('shared servers from globalSetup', () => {
  it('are provided via inject() and the environment', () => {
    expect(inject('mysqlUrl')).toMatch(/^mysql:\/\/root@127\.0\.0\.1:\d+\/$/);
    expect(inject('mongoUrl')).toMatch(/^mongodb:\/\/127\.0\.0\.1:\d+\/$/);
    expect(process.env[MYSQL_URL_ENV]).toBe(inject('mysqlUrl'));
    expect(process.env[MONGO_URL_ENV]).toBe(inject('mongoUrl'));
  });

  it('startMariaDb() reuses the env URL instead of starting a server', async () => {
    const s = await startMariaDb();
    expect(s.external).toBe(true);
    expect(s.url).toBe(inject('mysqlUrl'));
    await s.stop(); // no-op
  });
});

describe('MariaDB', () => {
  let conn: mysql.Connection;
  let dbName: string;

  beforeAll(async () => {
    dbName = uniqueDbName();
    const url = await createMysqlDatabase(inject('mysqlUrl'), dbName);
    expect(url).toBe(`${inject('mysqlUrl')}${dbName}`);
    conn = await mysql.createConnection({ uri: url });
  });
  afterAll(async () => {
    await conn?.end();
  });

  it('answers SELECT VERSION()', async () => {
    const [rows] = await conn.query<mysql.RowDataPacket[]>('SELECT VERSION() AS v, DATABASE() AS db');
    expect(rows[0]?.v).toMatch(/MariaDB/);
    expect(rows[0]?.db).toBe(dbName);
  });

  it('creates utf8mb4 databases and runs in UTC', async () => {
    const [rows] = await conn.query<mysql.RowDataPacket[]>(
      'SELECT @@character_set_database AS cs, @@collation_database AS co, @@time_zone AS tz',
    );
    expect(rows[0]).toMatchObject({ cs: 'utf8mb4', co: 'utf8mb4_unicode_ci', tz: '+00:00' });
    await conn.query('CREATE TABLE t (id INT PRIMARY KEY, name VARCHAR(50))');
    await conn.query('INSERT INTO t VALUES (1, ?)', ['Zürich ✈️ 東京']);
    const [back] = await conn.query<mysql.RowDataPacket[]>('SELECT name FROM t');
    expect(back[0]?.name).toBe('Zürich ✈️ 東京');
  });

  it('isolates databases created for different tests', async () => {
    const other = await createMysqlDatabase(inject('mysqlUrl'), uniqueDbName());
    const c2 = await mysql.createConnection({ uri: other });
    try {
      const [rows] = await c2.query<mysql.RowDataPacket[]>('SHOW TABLES');
      expect(rows).toHaveLength(0);
    } finally {
      await c2.end();
    }
  });
});

describe('FerretDB', () => {
  let client: MongoClient;
  let dbName: string;

  beforeAll(async () => {
    dbName = uniqueDbName();
    client = new MongoClient(freshMongoUrl(inject('mongoUrl'), dbName));
    await client.connect();
  });
  afterAll(async () => {
    await client?.close();
  });

  it('answers a ping', async () => {
    expect(await client.db('admin').command({ ping: 1 })).toMatchObject({ ok: 1 });
  });

  it('round-trips an insert/find in the database from the URL', async () => {
    const col = client.db().collection<{ _id: string; city: string; at: Date }>('bookings');
    expect(client.db().databaseName).toBe(dbName);
    const at = new Date('2025-03-01T10:00:00Z');
    await col.insertOne({ _id: 'b1', city: 'Zürich ✈️', at });
    expect(await col.findOne({ _id: 'b1' })).toEqual({ _id: 'b1', city: 'Zürich ✈️', at });
  });

  it('identifies itself as FerretDB and rejects TTL indexes (documents the limitation)', async () => {
    const info = await client.db('admin').command({ buildInfo: 1 });
    if (typeof info.ferretdbVersion !== 'string') return; // pointed at a real MongoDB via env
    expect(info.ferretdbVersion).toMatch(/^v1\./);
    await expect(client.db().collection('ttl').createIndex({ ts: 1 }, { expireAfterSeconds: 60 })).rejects.toMatchObject({
      code: 238, // NotImplemented
    });
  });
});

describe('private instances', () => {
  it('startMariaDb({ useEnv: false }) starts its own server and stop() cleans up', async () => {
    const t0 = Date.now();
    const s = await startMariaDb({ useEnv: false });
    const ms = Date.now() - t0;
    try {
      expect(s.external).toBe(false);
      expect(s.url).not.toBe(inject('mysqlUrl'));
      const c = await mysql.createConnection({ uri: s.url });
      const [rows] = await c.query<mysql.RowDataPacket[]>('SELECT 1 + 1 AS two');
      expect(rows[0]?.two).toBe(2);
      await c.end();
      expect(ms).toBeLessThan(30_000);
      expect(s.dir && existsSync(s.dir)).toBe(true);
    } finally {
      await s.stop();
    }
    await expect(mysql.createConnection({ uri: s.url, connectTimeout: 1000 })).rejects.toThrow();
    expect(existsSync(s.dir ?? '/nonexistent')).toBe(false);
  });

  it('fails loudly (no skip) when a binary is missing', async () => {
    const saved = process.env.TRIPDESK_FERRETDB_BIN;
    process.env.TRIPDESK_FERRETDB_BIN = '/nonexistent/ferretdb';
    try {
      const { startFerretDb } = await import('./servers');
      await expect(startFerretDb({ useEnv: false })).rejects.toThrow(/npm run test-servers/);
    } finally {
      if (saved === undefined) delete process.env.TRIPDESK_FERRETDB_BIN;
      else process.env.TRIPDESK_FERRETDB_BIN = saved;
    }
    expect(existsSync('/nonexistent')).toBe(false);
  });
});
