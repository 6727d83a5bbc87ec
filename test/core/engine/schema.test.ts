import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import type mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { migrateMongo } from '../../../main/core/engine/mongo/migrate';
import { migrateMysql } from '../../../main/core/engine/mysql/migrate';
import { createMysqlPool } from '../../../main/core/engine/mysql/mysqlDb';
import { migrateSqlite } from '../../../main/core/engine/sqlite/migrate';
import { openSqliteFile, type RawSqlite } from '../../../main/core/engine/sqlite/sqliteDb';
import { createMysqlDatabase, freshMongoUrl, uniqueDbName } from '../../support/servers';
import {
  CENTRAL_SYNC_TABLES, LOCAL_DOCUMENT_TABLES, LOCAL_SYNC_TABLES, SEED_COLLECTIONS, SEED_FOREIGN_KEYS, SEED_INDEXES,
  SEED_MONGO_INDEXES, SEED_TABLES,
} from './seedSchema';

describe('the seed schema on SQLite', () => {
  let dir: string;
  let db: RawSqlite;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'td-schema-'));
    db = openSqliteFile(path.join(dir, 'local.sqlite'));
    migrateSqlite(db);
  });
  afterAll(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const tables = () => new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>).map((r) => r.name));
  const indexColumns = (table: string) =>
    (db.prepare(`PRAGMA index_list(${table})`).all() as Array<{ name: string; unique: number }>).map((ix) => ({
      unique: ix.unique === 1,
      columns: (db.prepare(`PRAGMA index_info(${ix.name})`).all() as Array<{ name: string }>).map((c) => c.name),
    }));

  it('has every seed table, the sync tables and the local documents', () => {
    const have = tables();
    for (const t of [...SEED_TABLES, ...LOCAL_SYNC_TABLES, ...LOCAL_DOCUMENT_TABLES]) expect(have, t).toContain(t);
  });

  it('has every relationship of the seed as a foreign key, and enforces them', () => {
    for (const [child, column, parent] of SEED_FOREIGN_KEYS) {
      const fks = db.prepare(`PRAGMA foreign_key_list(${child})`).all() as Array<{ table: string; from: string }>;
      expect(fks.some((fk) => fk.from === column && fk.table === parent), `${child}.${column} → ${parent}`).toBe(true);
    }
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(String(db.pragma('journal_mode', { simple: true }))).toBe('wal');
  });

  it('has every search index of the seed', () => {
    for (const ix of SEED_INDEXES) {
      const found = indexColumns(ix.table).some((i) => ix.columns.every((c, n) => i.columns[n] === c) && (!ix.unique || i.unique));
      expect(found, `${ix.table}(${ix.columns.join(', ')})`).toBe(true);
    }
  });

  it('re-running the migrator changes nothing, and a newer database is refused with a clear error', () => {
    expect(migrateSqlite(db).applied).toEqual([]);
    db.prepare("INSERT INTO schema_migrations (version, name, applied_at_utc) VALUES (999, 'from_the_future', '2030-01-01 00:00:00.000')").run();
    expect(() => migrateSqlite(db)).toThrow(/schema version 999, newer than this TripDesk/);
    db.prepare('DELETE FROM schema_migrations WHERE version = 999').run();
  });
});

describe('the seed schema on MariaDB', () => {
  let pool: mysql.Pool;
  let dbName: string;
  beforeAll(async () => {
    dbName = uniqueDbName('schema');
    pool = createMysqlPool(await createMysqlDatabase(inject('mysqlUrl'), dbName));
    await migrateMysql(pool);
  });
  afterAll(async () => pool?.end());

  it('has every seed table and the sync tables, on InnoDB, unpartitioned', async () => {
    const [rows] = await pool.query('SELECT TABLE_NAME AS t, ENGINE AS e, CREATE_OPTIONS AS o FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?', [dbName]);
    const have = new Map((rows as Array<{ t: string; e: string; o: string }>).map((r) => [r.t, r]));
    for (const t of [...SEED_TABLES, ...CENTRAL_SYNC_TABLES]) {
      expect(have.get(t)?.e, t).toBe('InnoDB');
      expect(have.get(t)?.o ?? '', t).not.toContain('partitioned');
    }
  });

  it('has every relationship of the seed as a foreign key', async () => {
    const [rows] = await pool.query(
      'SELECT TABLE_NAME AS child, COLUMN_NAME AS col, REFERENCED_TABLE_NAME AS parent FROM information_schema.KEY_COLUMN_USAGE WHERE TABLE_SCHEMA = ? AND REFERENCED_TABLE_NAME IS NOT NULL',
      [dbName]);
    const fks = rows as Array<{ child: string; col: string; parent: string }>;
    for (const [child, column, parent] of SEED_FOREIGN_KEYS) {
      expect(fks.some((f) => f.child === child && f.col === column && f.parent === parent), `${child}.${column} → ${parent}`).toBe(true);
    }
  });

  it('has every search index of the seed', async () => {
    const [rows] = await pool.query(
      'SELECT TABLE_NAME AS t, INDEX_NAME AS i, SEQ_IN_INDEX AS n, COLUMN_NAME AS c, NON_UNIQUE AS nu FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? ORDER BY t, i, n',
      [dbName]);
    const indexes = new Map<string, { columns: string[]; unique: boolean }>();
    for (const r of rows as Array<{ t: string; i: string; c: string; nu: number }>) {
      const key = `${r.t}.${r.i}`;
      const ix = indexes.get(key) ?? { columns: [], unique: Number(r.nu) === 0 };
      ix.columns.push(r.c);
      indexes.set(key, ix);
    }
    for (const want of SEED_INDEXES) {
      const found = [...indexes.entries()].some(([k, ix]) => k.startsWith(`${want.table}.`) && want.columns.every((c, n) => ix.columns[n] === c) && (!want.unique || ix.unique));
      expect(found, `${want.table}(${want.columns.join(', ')})`).toBe(true);
    }
  });

  it('logs changes to synced tables through triggers, and re-running the migrator is a no-op', async () => {
    await pool.query("INSERT INTO us_states (code, name) VALUES ('ZZ', 'Test State')");
    const [log] = await pool.query("SELECT table_name, row_pk, op FROM change_log WHERE table_name = 'us_states'");
    expect(log).toEqual([{ table_name: 'us_states', row_pk: 'ZZ', op: 'I' }]);
    expect((await migrateMysql(pool)).applied).toEqual([]);
  });
});

describe('the seed collections on a MongoDB-protocol server (FerretDB here)', () => {
  let client: MongoClient;
  let report: Awaited<ReturnType<typeof migrateMongo>>;
  const logged: string[] = [];
  beforeAll(async () => {
    client = new MongoClient(freshMongoUrl(inject('mongoUrl'), uniqueDbName('schema')));
    await client.connect();
    report = await migrateMongo(client.db(), { retentionDays: 30, log: (m) => logged.push(m) });
  });
  afterAll(async () => client?.close());

  it('has every collection and compound index of the seed', async () => {
    const db = client.db();
    const names = (await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name);
    for (const c of SEED_COLLECTIONS) expect(names, c).toContain(c);
    for (const want of SEED_MONGO_INDEXES) {
      const indexes = await db.collection(want.collection).listIndexes().toArray();
      const found = indexes.some((ix) => {
        const keys = Object.keys(ix.key as Record<string, number>);
        return want.keys.every((k, n) => keys[n] === k) && keys.length === want.keys.length;
      });
      expect(found, `${want.collection}(${want.keys.join(', ')})`).toBe(true);
    }
  });

  it('uses a TTL index on logs where the server has them, else falls back to the sweeper and says so', async () => {
    const ttl = (await client.db().collection('logs').listIndexes().toArray()).find((ix) => ix.name === 'ix_logs_ts');
    if (report.capabilities.server.startsWith('FerretDB')) {
      expect(report.ttlFallback).toBe(true);
      expect(logged.join('\n')).toContain('log sweeper');
      expect(ttl?.expireAfterSeconds).toBeUndefined();
    } else {
      expect(report.ttlFallback).toBe(false);
      expect(ttl?.expireAfterSeconds).toBe(30 * 86_400);
    }
  });

  it('re-running the migrator is a no-op', async () => {
    expect((await migrateMongo(client.db(), { retentionDays: 30 })).applied).toEqual([]);
  });
});
