// Loads a generated seed into the central stores: relational tables into MySQL/MariaDB
// (migrations/mysql), reviews and images into MongoDB. The schema must already exist.
//
// The whole MySQL load runs on ONE dedicated connection with `@tripdesk_bulk_load = 1`, which the
// change_log triggers read to skip logging: devices hydrate a fresh seed instead of pulling five
// million change rows. The variable is cleared again before the connection goes back to the pool,
// or the next borrower would silently stop feeding change_log.

import type { Db } from 'mongodb';
import type { Pool, PoolConnection } from 'mysql2/promise';
import {
  createSeed, DOCUMENT_TABLES, SEED_TABLES, type SeedRow, type SeedTable, type SeedTableName,
} from './generate';
import type { LoadOptions, LoadResult, SeedProgressListener } from './loadSqlite';
import { parseInstant } from './plan';

export interface CentralLoadOptions extends LoadOptions {
  /** Rows per multi-row INSERT (default 1000). */
  rowsPerStatement?: number;
  /** Rows per MySQL transaction (default 50 000). */
  rowsPerTransaction?: number;
  /** Documents per insertMany (default 1000). */
  documentsPerBatch?: number;
}

/** Seed tables that live in MySQL, parents first. */
const SQL_TABLES = SEED_TABLES.filter((t) => !DOCUMENT_TABLES.includes(t));
/** MySQL tables the seed does not fill that reference seeded rows; emptied too when replacing. */
const DEPENDENT_TABLES = ['flight_seat_holds'] as const;

export async function loadIntoCentral(
  mysqlPool: Pool,
  mongoDb: Db,
  opts: CentralLoadOptions,
  onProgress?: SeedProgressListener,
): Promise<LoadResult> {
  const started = performance.now();
  const seed = createSeed(opts);
  const report = onProgress ?? (() => {});
  const rowsPerStatement = opts.rowsPerStatement ?? 1000;
  const rowsPerTransaction = Math.max(rowsPerStatement, opts.rowsPerTransaction ?? 50_000);
  const documentsPerBatch = opts.documentsPerBatch ?? 1000;

  const conn = await mysqlPool.getConnection();
  let reusable = false;
  try {
    await conn.query('SET @tripdesk_bulk_load = 1');

    const occupied = await occupiedTables(conn, mongoDb);
    if (occupied.length > 0) {
      if (!opts.replace) {
        throw new Error(`the central stores already hold seed data (${occupied.join(', ')}); pass replace: true (--replace) to overwrite it`);
      }
      await clearCentral(conn, mongoDb, report);
    }

    for (const name of SQL_TABLES) {
      await insertSqlTable(conn, seed.table(name), rowsPerStatement, rowsPerTransaction, report);
    }
    for (const name of DOCUMENT_TABLES) {
      await insertDocuments(mongoDb, seed.table(name), documentsPerBatch, report);
    }

    await conn.query('SET @tripdesk_bulk_load = NULL');
    reusable = true;
  } finally {
    if (reusable) conn.release();
    else await resetAndRelease(conn);
  }

  return { plan: seed.plan, counts: seed.counts, rows: seed.totalRows, ms: performance.now() - started };
}

/** After a failure: roll back, clear the flag, and only then hand the connection back; if that fails, destroy it. */
async function resetAndRelease(conn: PoolConnection): Promise<void> {
  try {
    await conn.query('ROLLBACK');
    await conn.query('SET @tripdesk_bulk_load = NULL');
    conn.release();
  } catch {
    conn.destroy();
  }
}

async function occupiedTables(conn: PoolConnection, mongoDb: Db): Promise<string[]> {
  const occupied: string[] = [];
  for (const t of SQL_TABLES) {
    const [rows] = await conn.query(`SELECT 1 AS has FROM ${t} LIMIT 1`);
    if ((rows as unknown[]).length > 0) occupied.push(t);
  }
  for (const t of DOCUMENT_TABLES) {
    if ((await mongoDb.collection(t).countDocuments({}, { limit: 1 })) > 0) occupied.push(`${t} (MongoDB)`);
  }
  return occupied;
}

async function clearCentral(conn: PoolConnection, mongoDb: Db, report: SeedProgressListener): Promise<void> {
  // DELETE, not TRUNCATE: InnoDB refuses to truncate a table that a foreign key points at.
  const order = [...DEPENDENT_TABLES, ...[...SQL_TABLES].reverse()];
  const total = order.length + DOCUMENT_TABLES.length;
  let done = 0;
  await conn.beginTransaction();
  for (const t of order) {
    await conn.query(`DELETE FROM ${t}`);
    report({ phase: 'clear', done: ++done, total });
  }
  await conn.commit();
  for (const t of DOCUMENT_TABLES) {
    await mongoDb.collection(t).deleteMany({});
    report({ phase: 'clear', done: ++done, total });
  }
}

async function insertSqlTable(
  conn: PoolConnection,
  table: SeedTable,
  rowsPerStatement: number,
  rowsPerTransaction: number,
  report: SeedProgressListener,
): Promise<void> {
  // mysql2 expands `VALUES ?` with an array of row arrays into (…), (…), … with client-side escaping.
  // One statement at a time: sending the next before the previous finished measured slower on
  // MariaDB (the server, not the client, is the bottleneck).
  const sql = `INSERT INTO ${table.name} (${table.columns.join(', ')}) VALUES ?`;
  let done = 0;
  let inTransaction = 0;
  report({ phase: table.name, done, total: table.count });
  await conn.beginTransaction();
  for (const batch of table.batches(rowsPerStatement)) {
    await conn.query(sql, [batch]);
    done += batch.length;
    inTransaction += batch.length;
    if (inTransaction >= rowsPerTransaction) {
      await conn.commit();
      await conn.beginTransaction();
      inTransaction = 0;
    }
    report({ phase: table.name, done, total: table.count });
  }
  await conn.commit();
  if (done !== table.count) throw new Error(`seed ${table.name}: generated ${done} rows, expected ${table.count}`);
}

type ReviewDoc = {
  _id: string;
  entity_type: string;
  entity_id: number;
  user_id: number;
  rating: number;
  title: string | null;
  body: string;
  created_at: Date;
  reply: null;
  hidden: boolean;
};

type ImageDoc = {
  _id: string;
  entity_type: string;
  entity_id: number;
  url: string;
  caption: string | null;
  created_at: Date;
};

/** Row (in SEED_COLUMNS order) → the document shape the central engine reads. */
export function toDocument(table: SeedTableName, row: SeedRow): ReviewDoc | ImageDoc {
  if (table === 'reviews') {
    const [id, entityType, entityId, userId, rating, title, body, createdAt] = row;
    return {
      _id: id as string,
      entity_type: entityType as string,
      entity_id: entityId as number,
      user_id: userId as number,
      rating: rating as number,
      title: title as string | null,
      body: body as string,
      created_at: parseInstant(createdAt as string),
      reply: null,
      hidden: false,
    };
  }
  if (table === 'images') {
    const [id, entityType, entityId, url, caption, createdAt] = row;
    return {
      _id: id as string,
      entity_type: entityType as string,
      entity_id: entityId as number,
      url: url as string,
      caption: caption as string | null,
      created_at: parseInstant(createdAt as string),
    };
  }
  throw new Error(`${table} is not a document table`);
}

async function insertDocuments(mongoDb: Db, table: SeedTable, perBatch: number, report: SeedProgressListener): Promise<void> {
  const collection = mongoDb.collection<ReviewDoc | ImageDoc>(table.name);
  let done = 0;
  report({ phase: table.name, done, total: table.count });
  for (const batch of table.batches(perBatch)) {
    // ordered:false lets the server insert a batch in parallel; ids are unique by construction.
    await collection.insertMany(batch.map((row) => toDocument(table.name, row)), { ordered: false });
    done += batch.length;
    report({ phase: table.name, done, total: table.count });
  }
}
