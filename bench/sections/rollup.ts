/**
 * 9. Analytics rollup: N bookings (1,000,000; quick: 20,000) over the last 365 days, with their
 * items and cancellations, bulk-loaded into a throwaway MariaDB; then, on FerretDB over SQLite and
 * over PostgreSQL in turn, rollUpBookings() on the central engine as centralTier builds it (the
 * rollups in MySQL, published to FerretDB's analytics_aggregates) the way the job runs it: a full
 * rollup (published included), then an incremental one after 100 new bookings today (goal ≤ 200 ms
 * until the dashboard shows them; the publishing to analytics_aggregates that follows in the
 * background is shown beside it); then the dashboard's read of the 365 days by day (p50, goal ≤ 50 ms) and by hotel
 * (INFO). Raw limit, on the same data in the same run: one mysql2 `SELECT DATE(created_at_utc),
 * COUNT(*), SUM(total_cents) … GROUP BY` over all bookings (what a dashboard would run without
 * rollups).
 */
import mysql from 'mysql2/promise';
import { MongoClient } from 'mongodb';
import { rollUpBookings } from '../../main/core/ops/analytics/rollUpBookings';
import type { Engine } from '../../main/core/ops/context';
import { migrateMongo } from '../../main/core/engine/mongo/migrate';
import { MongoDocuments } from '../../main/core/engine/mongo/mongoDocuments';
import { migrateMysql } from '../../main/core/engine/mysql/migrate';
import { MysqlDb } from '../../main/core/engine/mysql/mysqlDb';
import { centralEngine } from '../../main/core/engine/centralEngine';
import { toDbInstant } from '../../shared/time';
import { freshMongoUrl, startFerretDb, uniqueDbName } from '../../test/support/servers';
import type { AnalyticsGroupBy } from '../../shared/contract';
import { centralDatabases, type SectionCtx } from '../lib/env';
import { row, type Row } from '../lib/report';
import { median } from '../lib/stats';

const DAY_MS = 86_400_000;
const STATES = 20;
const AIRPORTS = 20;
const FLIGHTS = 2_000;
const HOTELS = 300;
const USERS = 5_000;
const OPERATORS = 20;
const NEW_BOOKINGS = 100;
const READS = 9;
/** A booking's locator from its id, as migrations/mysql/005 backfills them (one-to-one, never colliding). */
const LOCATOR_OF = (id: string) => `CONCAT(${[25, 20, 15, 10, 5, 0].map((shift) =>
  `SUBSTR('ABCDEFGHJKLMNPQRSTUVWXYZ23456789', (((((${id}) * 387420489) & 1073741823) >> ${shift}) & 31) + 1, 1)`).join(', ')})`;
/** What a dashboard would run without rollups: the raw limit every figure here sits beside. */
const RAW_SQL = "SELECT DATE(created_at_utc) AS day, COUNT(*) AS n, SUM(total_cents) AS cents FROM bookings WHERE status <> 'payment_failed' GROUP BY DATE(created_at_utc)";

/** Reference rows and N bookings (a quarter each flight, hotel, car and flight+hotel package). */
async function load(conn: mysql.PoolConnection, n: number, days: number, now: number): Promise<void> {
  const at = toDbInstant(now);
  await conn.query('SET @tripdesk_bulk_load = 1');
  // The rows are consistent by construction; checking each foreign key would only slow the load.
  await conn.query('SET foreign_key_checks = 0');
  const many = async (sql: string, rows: unknown[][]) => {
    for (let i = 0; i < rows.length; i += 1_000) {
      const chunk = rows.slice(i, i + 1_000);
      await conn.query(`${sql} VALUES ${chunk.map((r) => `(${r.map(() => '?').join(', ')})`).join(', ')}`, chunk.flat());
    }
  };
  const range = (k: number) => Array.from({ length: k }, (_, i) => i);
  await many('INSERT INTO us_states (code, name)', range(STATES).map((i) => [`S${String.fromCharCode(65 + i)}`, `State ${i + 1}`]));
  await many('INSERT INTO airports (iata, name, city, state_code)', range(AIRPORTS).map((i) => [`A${String.fromCharCode(65 + i)}X`, `Airport ${i}`, `City ${i}`, `S${String.fromCharCode(65 + (i % STATES))}`]));
  await many('INSERT INTO flights (id, flight_number, airline, departure_airport, arrival_airport, departure_ts_utc, arrival_ts_utc, seats_total, seats_available, price_cents, updated_at_utc)',
    range(FLIGHTS).map((i) => {
      const dep = i % AIRPORTS;
      const arr = (dep + 1 + (i % (AIRPORTS - 1))) % AIRPORTS;
      return [i + 1, `BR ${i}`, 'Bench Air', `A${String.fromCharCode(65 + dep)}X`, `A${String.fromCharCode(65 + arr)}X`, at, at, 180, 180, 20_000, at];
    }));
  await many('INSERT INTO hotels (id, name, address, city, state_code, star_rating, updated_at_utc)', range(HOTELS).map((i) => [i + 1, `Bench Hotel ${i + 1}`, `${i} Main St`, `City ${i % 50}`, `S${String.fromCharCode(65 + (i % STATES))}`, 3, at]));
  await many('INSERT INTO hotel_room_types (id, hotel_id, name, max_guests, base_price_cents)', range(HOTELS).map((i) => [i + 1, i + 1, 'Standard', 2, 15_000]));
  await many('INSERT INTO users (id, email, first_name, last_name, state_code, created_at_utc, updated_at_utc)', range(USERS).map((i) => [i + 1, `c${i}@bench.test`, 'Bench', `Customer ${i}`, `S${String.fromCharCode(65 + (i % STATES))}`, at, at]));
  await many('INSERT INTO admins (id, email, name, role, password_hash, active, created_at_utc, updated_at_utc)', range(OPERATORS).map((i) => [i + 1, `op${i}@bench.test`, `Operator ${i + 1}`, 'agent', 'x', 1, at, at]));

  // 0..999 crossed with itself: the row numbers the bookings are made from in the server.
  await conn.query('CREATE TEMPORARY TABLE bench_digits (d INT PRIMARY KEY)');
  await many('INSERT INTO bench_digits (d)', range(1_000).map((i) => [i]));
  const start = toDbInstant(now - days * DAY_MS);
  const spanSeconds = days * 86_400 - 3_600;
  // Every 10th booking is cancelled two days later with a full refund; every 50th card is declined.
  await conn.query(
    `INSERT INTO bookings (id, locator, user_id, booking_type, status, total_cents, refunded_cents, created_by_admin_id, created_at_utc, updated_at_utc)
     SELECT s.n + 1, ${LOCATOR_OF('s.n + 1')}, s.n % ${USERS} + 1, ELT(s.n % 4 + 1, 'flight', 'hotel', 'car', 'package'),
            CASE WHEN s.n % 10 = 0 THEN 'cancelled' WHEN s.n % 50 = 1 THEN 'payment_failed' ELSE 'confirmed' END,
            IF(s.n % 4 = 3, 40000, 20000) + s.n % 997, IF(s.n % 10 = 0, IF(s.n % 4 = 3, 40000, 20000) + s.n % 997, 0), s.n % ${OPERATORS} + 1,
            ? + INTERVAL FLOOR(s.n * ${spanSeconds} / ${n}) SECOND, ? + INTERVAL FLOOR(s.n * ${spanSeconds} / ${n}) SECOND + INTERVAL IF(s.n % 10 = 0, 2, 0) DAY
     FROM (SELECT a.d * 1000 + b.d AS n FROM bench_digits a CROSS JOIN bench_digits b WHERE a.d * 1000 + b.d < ?) s`,
    [start, start, n]);
  const item = (type: string, refId: string, cents: string, where: string) => conn.query(
    `INSERT INTO booking_items (booking_id, item_type, item_id, label, start_utc, end_utc, quantity, unit_price_cents, total_cents, status, refund_cents, cancelled_at_utc)
     SELECT b.id, '${type}', ${refId}, 'bench item', b.created_at_utc, b.created_at_utc, 1, ${cents}, ${cents},
            IF(b.status = 'confirmed', 'active', 'cancelled'), IF(b.status = 'cancelled', ${cents}, 0),
            CASE WHEN b.status = 'cancelled' THEN b.updated_at_utc WHEN b.status = 'payment_failed' THEN b.created_at_utc END
     FROM bookings b WHERE ${where}`);
  await item('flight', `(b.id * 31) % ${FLIGHTS} + 1`, "IF(b.booking_type = 'package', 20000, b.total_cents)", "b.booking_type IN ('flight', 'package')");
  await item('hotel', `(b.id * 17) % ${HOTELS} + 1`, "IF(b.booking_type = 'package', b.total_cents - 20000, b.total_cents)", "b.booking_type IN ('hotel', 'package')");
  await item('car', '1', 'b.total_cents', "b.booking_type = 'car'");
  await conn.query('SET foreign_key_checks = 1');
  await conn.query('SET @tripdesk_bulk_load = NULL');
}

/** One FerretDB backend's run: a fresh MongoDB database and empty rollups in MySQL. */
async function onBackend(
  ctx: SectionCtx, backend: 'sqlite' | 'postgresql', mongoServerUrl: string, mysqlUrl: string, pool: mysql.Pool, days: number, now: number, raw: number, label: string,
): Promise<Row[]> {
  const name = backend === 'sqlite' ? 'FerretDB/SQLite' : 'FerretDB/PostgreSQL';
  // The rollups' state lives in MySQL: emptied, the first run is a full one on this backend too.
  await pool.query('DELETE FROM analytics_rollups');
  await pool.query('DELETE FROM analytics_state');
  const sql = MysqlDb.fromUrl(mysqlUrl, 4, 600_000);
  ctx.defer(() => sql.close());
  const client = new MongoClient(freshMongoUrl(mongoServerUrl, uniqueDbName('bench_rollup')));
  ctx.defer(() => client.close());
  await migrateMongo(client.db(), { retentionDays: 90 });
  // The central engine as the core builds it (centralTier.ts), without a device.
  const engine: Engine = centralEngine(sql, new MongoDocuments(client, client.db(), undefined, { rollupsIn: sql }));

  let t = performance.now();
  if (process.env.BENCH_DEBUG) ctx.say(`${name}: full rollup…`);
  const full = await rollUpBookings(engine, Date.now());
  await engine.docs.rollups.publishedAll?.();
  const fullMs = performance.now() - t;

  // 100 bookings today, with ids above the watermark, as the app would add them.
  const at = toDbInstant(Date.now());
  const [[highest]] = await pool.query('SELECT MAX(id) AS m FROM bookings') as unknown as [[{ m: number }]];
  const top = Number(highest.m);
  await pool.query(
    `INSERT INTO bookings (id, locator, user_id, booking_type, status, total_cents, created_by_admin_id, created_at_utc, updated_at_utc)
     VALUES ${Array.from({ length: NEW_BOOKINGS }, (_, i) => `(${top + i + 1}, ${LOCATOR_OF(String(top + i + 1))}, 1, 'car', 'confirmed', 12345, 1, ?, ?)`).join(', ')}`,
    Array.from({ length: NEW_BOOKINGS }, () => [at, at]).flat());
  t = performance.now();
  const incremental = await rollUpBookings(engine, Date.now());
  const incMs = performance.now() - t;
  // Publishing to analytics_aggregates goes on in the background: how long until it has caught up.
  await engine.docs.rollups.publishedAll?.();
  const publishedMs = performance.now() - t;

  const from = new Date(now - (days - 1) * DAY_MS - (now % DAY_MS));
  const to = new Date(now - (now % DAY_MS) + DAY_MS);
  const readP50 = async (groupBy: AnalyticsGroupBy) => {
    await engine.docs.rollups.sumRollups(groupBy, from, to);
    const ms: number[] = [];
    for (let i = 0; i < READS; i++) {
      const t0 = performance.now();
      await engine.docs.rollups.sumRollups(groupBy, from, to);
      ms.push(performance.now() - t0);
    }
    return median(ms);
  };
  const byDay = await readP50('day');
  const byHotel = await readP50('hotel');

  const check = await engine.docs.rollups.sumRollups('day', from, to);
  const [rows] = await pool.query(RAW_SQL);
  const firstDay = from.toISOString().slice(0, 10);
  const rawTotal = (rows as Array<{ day: string; n: number }>).filter((r) => String(r.day) >= firstDay).reduce((s, r) => s + Number(r.n), 0);
  const rolledTotal = check.reduce((s, r) => s + r.bookings, 0);
  if (rawTotal !== rolledTotal) ctx.notes.push(`${name}: the rollups count ${rolledTotal} bookings, the raw GROUP BY over the same days ${rawTotal}`);
  ctx.params[`${backend}Rollup`] = { fullDays: full.days, fullGroups: full.docs, incrementalDays: incremental.days, incrementalGroups: incremental.docs };
  ctx.notes.push(`${name}: full rollup wrote ${full.docs.toLocaleString('en-US')} groups to MySQL and published ${full.days * 6} day documents; the incremental run recomputed ${incremental.days} day(s) (${incremental.docs} groups) and published them`);
  return [
    row({ metric: `${name}: full rollup, ${label}`, unit: 'ms', value: fullMs, raw, rawLabel: 'one raw GROUP BY day', better: 'lower' }),
    row({ metric: `${name}: incremental rollup after ${NEW_BOOKINGS} new bookings (dashboard up to date)`, unit: 'ms', value: incMs, raw, rawLabel: 'one raw GROUP BY day', better: 'lower', goals: [{ on: 'abs', op: '<=', value: 200 }] }),
    row({ metric: `${name}: … and published to analytics_aggregates (background)`, unit: 'ms', value: publishedMs, raw, rawLabel: 'one raw GROUP BY day', better: 'lower' }),
    row({ metric: `${name}: ${days} days by day, dashboard read (p50)`, unit: 'ms', value: byDay, raw, rawLabel: 'one raw GROUP BY day', better: 'lower', goals: [{ on: 'abs', op: '<=', value: 50 }] }),
    row({ metric: `${name}: ${days} days by hotel, dashboard read (p50)`, unit: 'ms', value: byHotel, raw, rawLabel: 'one raw GROUP BY day', better: 'lower' }),
  ];
}

export async function benchRollup(ctx: SectionCtx): Promise<Row[]> {
  const n = ctx.opts.quick ? 20_000 : 1_000_000;
  const days = 365;
  const rounds = ctx.opts.quick ? 1 : 3;
  ctx.params.bookings = n;
  ctx.params.days = days;
  if (ctx.opts.quick) ctx.say(`quick mode: ${n.toLocaleString('en-US')} bookings over ${days} days instead of 1,000,000`);
  const { mysqlUrl, mongoUrl } = await centralDatabases(ctx, 'bench_rollup');
  const pool = mysql.createPool({ uri: mysqlUrl, connectionLimit: 2, dateStrings: true, timezone: 'Z', supportBigNumbers: true, decimalNumbers: true });
  ctx.defer(() => pool.end());
  await migrateMysql(pool);
  const now = Date.now();
  const conn = await pool.getConnection();
  const tLoad = performance.now();
  try {
    await load(conn, n, days, now);
  } finally {
    conn.release();
  }
  ctx.params.loadSeconds = Math.round((performance.now() - tLoad) / 100) / 10;
  ctx.say(`loaded ${n.toLocaleString('en-US')} bookings in ${ctx.params.loadSeconds} s`);

  const rawMs: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t = performance.now();
    await pool.query(RAW_SQL);
    rawMs.push(performance.now() - t);
  }
  const raw = median(rawMs);
  const label = `${(n / 1000).toLocaleString('en-US')}k bookings`;

  // FerretDB on PostgreSQL (its main backend): a private one on a fresh database, beside the run's.
  const onPg = await startFerretDb({ useEnv: false, backend: 'postgresql', startTimeoutMs: 60_000 });
  ctx.defer(() => onPg.stop());
  const serverOf = { sqlite: mongoUrl, postgresql: onPg.url };
  const out: Row[] = [];
  for (const backend of ['sqlite', 'postgresql'] as const) out.push(...await onBackend(ctx, backend, serverOf[backend], mysqlUrl, pool, days, now, raw, label));
  if (ctx.opts.quick) ctx.notes.push(`quick mode: ${n.toLocaleString('en-US')} bookings over ${days} days, not 1,000,000`);
  return out;
}
