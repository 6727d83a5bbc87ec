/**
 * 4. Hydration: a central database filled with loadIntoCentral (full: demo scale; quick: a fifth of it), then hydrate(...) into a fresh, migrated SQLite exactly as a new device does. Raw limit:
 * mysql2 streaming `SELECT *` of the same tables with the same scope (the rows a device keeps) and
 * better-sqlite3 prepared INSERTs, 5,000 rows per transaction, into another fresh SQLite.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import mysqlCb from 'mysql2';
import { DEMO_PASSWORD, type SeedScale } from '../../tools/seed/generate';
import { loadIntoCentral } from '../../tools/seed/loadCentral';
import type { DocumentStore } from '../../main/core/engine/documents';
import { migrateMongo } from '../../main/core/engine/mongo/migrate';
import { MongoDocuments } from '../../main/core/engine/mongo/mongoDocuments';
import { migrateMysql } from '../../main/core/engine/mysql/migrate';
import { MysqlDb } from '../../main/core/engine/mysql/mysqlDb';
import { migrateSqlite } from '../../main/core/engine/sqlite/migrate';
import { openSqliteFile, SqliteDb, type RawSqlite } from '../../main/core/engine/sqlite/sqliteDb';
import { SqliteDocuments } from '../../main/core/engine/sqlite/sqliteDocuments';
import { deviceScope, hydrate } from '../../main/core/device/hydrate';
import { MIRRORED } from '../../main/core/device/mirror';
import { centralDatabases, type SectionCtx } from '../lib/env';
import { row, type Row } from '../lib/report';
import { opsPerSec } from '../lib/stats';


type Value = string | number | bigint | null | Buffer;

/** Streams each table out of MySQL and inserts it with prepared statements in 5,000-row transactions. */
async function rawCopy(mysqlUrl: string, local: RawSqlite, now: number): Promise<number> {
  const conn = mysqlCb.createConnection({ uri: mysqlUrl, dateStrings: true, timezone: 'Z', supportBigNumbers: true, decimalNumbers: true });
  try {
    let rows = 0;
    for (const { table } of MIRRORED) {
      const localCols = new Set((local.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string }>).map((c) => c.name));
      const s = deviceScope(table, now);
      let insert: Database.Statement<Value[]> | null = null;
      let cols: string[] = [];
      let inTx = 0;
      local.exec('BEGIN');
      local.pragma('defer_foreign_keys = ON');
      const stream = conn.query({ sql: `SELECT * FROM ${table} WHERE ${s.where}`, values: s.params }).stream({ highWaterMark: 1000 });
      for await (const r of stream as AsyncIterable<Record<string, Value>>) {
        if (!insert) {
          cols = Object.keys(r).filter((c) => localCols.has(c));
          insert = local.prepare<Value[]>(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`);
        }
        insert.run(...cols.map((c) => r[c] ?? null));
        rows++;
        if (++inTx === 5_000) {
          local.exec('COMMIT');
          local.exec('BEGIN');
          local.pragma('defer_foreign_keys = ON');
          inTx = 0;
        }
      }
      local.exec('COMMIT');
    }
    return rows;
  } finally {
    conn.destroy();
  }
}

function freshSqlite(dir: string, name: string): RawSqlite {
  const db = openSqliteFile(path.join(dir, name));
  migrateSqlite(db);
  return db;
}

export async function benchHydrate(ctx: SectionCtx): Promise<Row[]> {
  const scale: SeedScale = ctx.opts.quick ? 0.2 : 1;
  ctx.params.scale = scale;
  const { mysqlUrl, mongoUrl } = await centralDatabases(ctx, 'bench_hyd');
  const mysql = MysqlDb.fromUrl(mysqlUrl, 4);
  ctx.defer(() => mysql.close());
  const client = new MongoClient(mongoUrl, { serverSelectionTimeoutMS: 10_000 });
  ctx.defer(() => client.close());
  await client.connect();
  const mongoDb = client.db();
  await migrateMysql(mysql.pool);
  await migrateMongo(mongoDb, { retentionDays: 30 });
  let t = performance.now();
  ctx.say(`loading the ${String(scale)} seed into MariaDB + FerretDB (loadIntoCentral)…`);
  const loaded = await loadIntoCentral(mysql.pool, mongoDb, { scale, seed: 42, hashPassword: () => `bench$${DEMO_PASSWORD}` });
  ctx.params.centralRows = loaded.rows;
  ctx.params.loadSeconds = Math.round((performance.now() - t) / 100) / 10;

  const dir = ctx.tmpDir('td-bench-hydrate-');
  const now = Date.now();

  // Raw first (it warms MariaDB's buffer pool for both; hydrate reads the same rows after).
  const rawDb = freshSqlite(dir, 'raw.sqlite');
  ctx.defer(() => rawDb.close());
  t = performance.now();
  const rawRows = await rawCopy(mysqlUrl, rawDb, now);
  const rawMs = performance.now() - t;

  ctx.say('hydrate…');
  const localRaw = freshSqlite(dir, 'device.sqlite');
  const local = new SqliteDb(localRaw);
  ctx.defer(() => local.close());
  const localDocs = new SqliteDocuments(local);
  const mongoDocs = new MongoDocuments(client, mongoDb);
  let reviewsStart: number | null = null;
  let reviews = 0;
  const docs: DocumentStore = Object.create(mongoDocs) as DocumentStore;
  const inner = mongoDocs.recentReviews?.bind(mongoDocs);
  if (inner) {
    docs.recentReviews = (since: Date) => {
      reviewsStart = performance.now();
      return (async function* counted() {
        for await (const r of inner(since)) {
          reviews++;
          yield r;
        }
      })();
    };
  }
  t = performance.now();
  const res = await hydrate(mysql, docs, local, localDocs, () => now, () => undefined);
  const end = performance.now();
  const sqlMs = (reviewsStart ?? end) - t;
  const totalMs = end - t;

  if (res.rows !== rawRows) ctx.notes.push(`hydrate copied ${res.rows} rows, the raw copy ${rawRows}: the raw copy and hydrate() disagree on the rows (both use deviceScope())`);
  ctx.params.rows = res.rows;
  ctx.params.reviews = reviews;
  ctx.params.hydrateSqlSeconds = Math.round(sqlMs / 10) / 100;
  ctx.params.hydrateTotalSeconds = Math.round(totalMs / 10) / 100;
  ctx.notes.push(`${res.rows.toLocaleString('en-US')} rows of ${MIRRORED.length} tables (a device's share of ${loaded.rows.toLocaleString('en-US')} seeded rows) in ${(sqlMs / 1000).toFixed(1)} s; then ${reviews.toLocaleString('en-US')} reviews from FerretDB in ${((totalMs - sqlMs) / 1000).toFixed(1)} s (not in the rows/s figures; the raw copy has no documents)`);
  ctx.notes.push('hydrate: keyset batches of 5,000 (SELECT … ORDER BY pk LIMIT), each upserted in one SQLite transaction with its resume point; raw: one streamed SELECT per table, plain INSERTs');

  return [
    row({ metric: 'hydrate, MySQL tables', unit: 'rows/s', value: opsPerSec(res.rows, sqlMs), raw: opsPerSec(rawRows, rawMs), rawLabel: 'mysql2 stream + prepared INSERTs', better: 'higher', goals: [{ on: 'abs', op: '>=', value: 30_000 }, { on: 'ratio', op: '>=', value: 0.4 }] }),
    row({ metric: 'hydrate incl. reviews (wall)', unit: 's', value: totalMs / 1000, raw: null, rawLabel: '—', better: 'lower' }),
  ];
}
