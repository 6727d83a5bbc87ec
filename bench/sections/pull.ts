/**
 * 6. Pull: a device (central core, hydrated) and another writer that changes 10,000 flights on the
 * server (one UPDATE: the change_log triggers log 10,000 changes); then pullChanges(...) brings them
 * into the device's SQLite. Raw limit, on the same change_log range: the same SELECTs (change_log
 * ids after a checkpoint in batches of 5,000, then the rows by id, 500 per IN list) and hand-written
 * upserts into the same SQLite file through a second better-sqlite3 connection, one transaction per
 * batch. Rounds alternate which side goes first; medians are shown.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import mysql from 'mysql2/promise';
import { migrateMysql } from '../../main/core/engine/mysql/migrate';
import type { MysqlDb } from '../../main/core/engine/mysql/mysqlDb';
import type { SqliteDb } from '../../main/core/engine/sqlite/sqliteDb';
import { pullChanges } from '../../main/core/device/pullChanges';
import { toDbInstant } from '../../shared/time';
import { benchCore, openBenchCoreFile, centralDatabases, type SectionCtx } from '../lib/env';
import { row, type Row } from '../lib/report';
import { median } from '../lib/stats';

const CHANGES = 10_000;

type Value = string | number | null;

/** Hand-written pull of flights changes (id > from) into `local`; returns the new checkpoint. */
async function rawPull(conn: mysql.PoolConnection, local: Database.Database, from: number): Promise<{ checkpoint: number; rows: number }> {
  let cursor = from;
  let rows = 0;
  let upsert: Database.Statement | null = null;
  let cols: string[] = [];
  for (;;) {
    const [changes] = await conn.query('SELECT id, table_name, row_pk, op FROM change_log WHERE id > ? ORDER BY id LIMIT ?', [cursor, 5_000]);
    const list = changes as Array<{ id: number; table_name: string; row_pk: string }>;
    if (list.length === 0) break;
    const ids = [...new Set(list.filter((c) => c.table_name === 'flights').map((c) => Number(c.row_pk)))];
    const fetched: Array<Record<string, Value>> = [];
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      const [r] = await conn.query(`SELECT * FROM flights WHERE id IN (${chunk.map(() => '?').join(', ')})`, chunk);
      fetched.push(...(r as Array<Record<string, Value>>));
    }
    if (!upsert && fetched[0]) {
      const localCols = new Set((local.prepare('PRAGMA table_info(flights)').all() as Array<{ name: string }>).map((c) => c.name));
      cols = Object.keys(fetched[0]).filter((c) => localCols.has(c));
      upsert = local.prepare(`INSERT INTO flights (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})
        ON CONFLICT (id) DO UPDATE SET ${cols.filter((c) => c !== 'id').map((c) => `${c} = excluded.${c}`).join(', ')}`);
    }
    const stmt = upsert;
    local.transaction(() => {
      for (const r of fetched) stmt?.run(...cols.map((c) => r[c] ?? null));
    }).immediate();
    rows += fetched.length;
    cursor = list.at(-1)?.id ?? cursor;
    if (list.length < 5_000) break;
  }
  return { checkpoint: cursor, rows };
}

export async function benchPull(ctx: SectionCtx): Promise<Row[]> {
  const rounds = ctx.opts.quick ? 1 : 3;
  ctx.params.changes = CHANGES;
  ctx.params.rounds = rounds;
  const { mysqlUrl, mongoUrl } = await centralDatabases(ctx, 'bench_pull');

  // The server: 10,000 flights in the next days, bulk-loaded without change_log rows.
  const pool = mysql.createPool({ uri: mysqlUrl, connectionLimit: 2, dateStrings: true, timezone: 'Z', supportBigNumbers: true, decimalNumbers: true });
  ctx.defer(() => pool.end());
  await migrateMysql(pool);
  const conn = await pool.getConnection();
  ctx.defer(() => conn.release());
  await conn.query('SET @tripdesk_bulk_load = 1');
  await conn.query("INSERT INTO us_states (code, name) VALUES ('NY', 'New York'), ('CA', 'California')");
  await conn.query("INSERT INTO airports (iata, name, city, state_code) VALUES ('JFK', 'John F. Kennedy International', 'New York', 'NY'), ('LAX', 'Los Angeles International', 'Los Angeles', 'CA')");
  const now = Date.now();
  const at = toDbInstant(now);
  for (let i = 0; i < CHANGES; i += 1_000) {
    const values: Value[] = [];
    for (let j = i; j < i + 1_000; j++) {
      const dep = now + 86_400_000 + j * 300_000;
      values.push(`BN ${j}`, 'Bench Air', 'JFK', 'LAX', toDbInstant(dep), toDbInstant(dep + 6 * 3_600_000), 180, 180, 20_000 + j, at);
    }
    await conn.query(`INSERT INTO flights (flight_number, airline, departure_airport, arrival_airport, departure_ts_utc, arrival_ts_utc, seats_total, seats_available, price_cents, updated_at_utc)
      VALUES ${Array.from({ length: 1_000 }, () => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`, values);
  }
  await conn.query('SET @tripdesk_bulk_load = NULL');

  // The device: hydrates the 10,000 flights at start.
  const { core } = await benchCore(ctx, { TRIPDESK_MYSQL_URL: mysqlUrl, TRIPDESK_MONGO_URL: mongoUrl });
  if (core.mode() !== 'online' || !core.central) throw new Error(`the device started ${core.mode()}, not online`);
  const cached = await core.local.sql.get<{ n: number }>('SELECT COUNT(*) AS n FROM flights');
  if (cached?.n !== CHANGES) throw new Error(`the device hydrated ${cached?.n} flights, expected ${CHANGES}`);
  const central = core.central.sql as MysqlDb;
  const raw = openBenchCoreFile(core);
  raw.pragma('busy_timeout = 5000');
  raw.pragma('synchronous = NORMAL');
  raw.pragma('foreign_keys = ON');
  ctx.defer(() => raw.close());

  const coreMs: number[] = [];
  const rawMs: number[] = [];
  let rawCheckpoint = (await conn.query('SELECT COALESCE(MAX(id), 0) AS m FROM change_log').then(([r]) => Number((r as Array<{ m: number }>)[0]?.m ?? 0)));
  for (let round = 0; round < rounds + 1; round++) {
    // Another writer changes every flight's price: 10,000 change_log rows.
    await conn.query('UPDATE flights SET price_cents = price_cents + 1, row_version = row_version + 1, updated_at_utc = ?', [toDbInstant(Date.now())]);
    const doCore = async () => {
      const t = performance.now();
      const rep = await pullChanges(central, core.local.sql as SqliteDb, Date.now);
      const ms = performance.now() - t;
      if (rep.changes !== CHANGES) ctx.notes.push(`round ${round}: pullChanges saw ${rep.changes} changes, expected ${CHANGES}`);
      return ms;
    };
    const doRaw = async () => {
      const t = performance.now();
      const r = await rawPull(conn, raw, rawCheckpoint);
      const ms = performance.now() - t;
      rawCheckpoint = r.checkpoint;
      if (r.rows !== CHANGES) ctx.notes.push(`round ${round}: the raw pull fetched ${r.rows} rows, expected ${CHANGES}`);
      return ms;
    };
    // Round 0 warms both paths and is not counted.
    if (round % 2 === 0) {
      const c = await doCore();
      const r = await doRaw();
      if (round > 0) { coreMs.push(c); rawMs.push(r); }
    } else {
      const r = await doRaw();
      const c = await doCore();
      coreMs.push(c);
      rawMs.push(r);
    }
  }
  const [srv] = await conn.query('SELECT SUM(price_cents) AS s FROM flights');
  const local = await core.local.sql.get<{ s: number }>('SELECT SUM(price_cents) AS s FROM flights');
  if (Number((srv as Array<{ s: number }>)[0]?.s) !== Number(local?.s)) ctx.notes.push('after the pulls the device\'s prices differ from the server\'s');
  ctx.params.coreMs = coreMs.map(Math.round);
  ctx.params.rawMs = rawMs.map(Math.round);
  ctx.notes.push(`pull of ${CHANGES.toLocaleString('en-US')} changed flights, ${rounds} counted round(s) after a warm-up: core ${coreMs.map((x) => Math.round(x)).join(', ')} ms; raw ${rawMs.map((x) => Math.round(x)).join(', ')} ms`);
  return [
    row({ metric: `pullChanges, ${CHANGES.toLocaleString('en-US')} changes`, unit: 'ms', value: median(coreMs), raw: median(rawMs), rawLabel: 'same SELECTs + upserts by hand', better: 'lower', goals: [{ on: 'abs', op: '<=', value: 1000 }] }),
  ];
}
