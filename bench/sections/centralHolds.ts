/**
 * 2. Central hot-flight holds: 32 clients (each its own signed-in session) call holds.create on ONE
 * flight with 100,000 seats through a central core on a throwaway MariaDB (+ FerretDB, which the
 * core needs for the audit trail), for a fixed time. Raw limit: 32 mysql2 connections doing
 * BEGIN; conditional UPDATE flights; INSERT flight_seat_holds; COMMIT on a flight with as many seats
 * in a second database of the same server, migrated the same way (same tables, same change_log
 * triggers, READ COMMITTED like the core's pool). A separate database, because the core's device
 * pulls every change_log row of its database after each of its own writes: the raw run's rows
 * would otherwise land on the core's run.
 * Oversell is checked on both: seats_total − seats_available must equal the active holds' seats.
 */
import { randomUUID } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import mysql from 'mysql2/promise';
import { migrateMysql } from '../../main/core/engine/mysql/migrate';
import { toDbInstant } from '../../shared/time';
import { loadFixture } from '../../test/support/fixture';
import { benchCore, centralDatabases, ensureOperator, signIn, sleep, type SectionCtx } from '../lib/env';
import { row, type Row } from '../lib/report';
import { opsPerSec, summarize } from '../lib/stats';

const CLIENTS = 32;
const SEATS = 100_000;

interface LoadResult { ops: number; errors: Map<string, number>; lat: number[]; wallMs: number }

async function hammer(clients: number, durationMs: number, op: (client: number) => Promise<string | null>): Promise<LoadResult> {
  const errors = new Map<string, number>();
  const lat: number[] = [];
  let ops = 0;
  const start = performance.now();
  const deadline = start + durationMs;
  await Promise.all(Array.from({ length: clients }, async (_, c) => {
    while (performance.now() < deadline) {
      const t = performance.now();
      let err: string | null;
      try {
        err = await op(c);
      } catch (e) {
        err = (e as { code?: string }).code ?? (e as Error).message.slice(0, 60);
      }
      if (err === null) {
        ops++;
        lat.push(performance.now() - t);
      } else errors.set(err, (errors.get(err) ?? 0) + 1);
    }
  }));
  return { ops, errors, lat, wallMs: performance.now() - start };
}

async function oversell(pool: mysql.Pool, flightId: number): Promise<{ taken: number; held: number; available: number; oversold: number }> {
  const [rows] = await pool.query(
    `SELECT f.seats_total - f.seats_available AS taken, f.seats_available AS available,
            (SELECT COALESCE(SUM(h.seats), 0) FROM flight_seat_holds h WHERE h.flight_id = f.id AND h.status = 'active') AS held
       FROM flights f WHERE f.id = ?`, [flightId]);
  const r = (rows as Array<{ taken: number; held: number | string; available: number }>)[0];
  if (!r) throw new Error(`flight ${flightId} is gone`);
  const taken = Number(r.taken);
  const held = Number(r.held);
  return { taken, held, available: Number(r.available), oversold: taken - held + (Number(r.available) < 0 ? 1 : 0) };
}

/** Waits until the device's pull checkpoint has reached the server's last change (its background pulls are done). */
async function settle(central: { get<T>(sql: string): Promise<T | undefined> }, local: { get<T>(sql: string): Promise<T | undefined> }, maxMs: number): Promise<number> {
  const t = performance.now();
  while (performance.now() - t < maxMs) {
    const top = await central.get<{ id: number | null }>('SELECT MAX(id) AS id FROM change_log');
    const cp = await local.get<{ value: string }>("SELECT value FROM sync_state WHERE key = 'pull.checkpoint'");
    if (Number(cp?.value ?? 0) >= Number(top?.id ?? 0)) break;
    await sleep(100);
  }
  return performance.now() - t;
}

const errText = (m: Map<string, number>) => (m.size === 0 ? 'none' : [...m].map(([k, v]) => `${k}×${v}`).join(', '));

export async function benchCentralHolds(ctx: SectionCtx): Promise<Row[]> {
  const durationMs = ctx.opts.quick ? 2_000 : 10_000;
  ctx.params.clients = CLIENTS;
  ctx.params.seats = SEATS;
  ctx.params.durationSeconds = durationMs / 1000;

  const { mysqlUrl, mongoUrl } = await centralDatabases(ctx, 'bench_hot');
  const { core } = await benchCore(ctx, { TRIPDESK_MYSQL_URL: mysqlUrl, TRIPDESK_MONGO_URL: mongoUrl });
  if (core.mode() !== 'online' || !core.central) throw new Error(`the central core started ${core.mode()}, not online`);
  ctx.params.corePoolSize = core.config.mysqlPoolSize;
  const central = core.central;
  await ensureOperator(central, 'agent@bench.tripdesk');
  const fx = await loadFixture(central, { seats: SEATS });
  const tokens: string[] = [];
  for (let i = 0; i < CLIENTS; i++) tokens.push(await signIn(core, 'agent@bench.tripdesk'));

  const rawDb = await centralDatabases(ctx, 'bench_hot_raw');
  const pool = mysql.createPool({ uri: rawDb.mysqlUrl, connectionLimit: CLIENTS + 2, dateStrings: true, timezone: 'Z', supportBigNumbers: true, decimalNumbers: true });
  ctx.defer(() => pool.end());
  pool.on('connection', (conn) => {
    conn.query('SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED');
    conn.query("SET time_zone = '+00:00'");
  });
  await migrateMysql(pool);
  await pool.query("INSERT INTO us_states (code, name) VALUES ('NY', 'New York'), ('CA', 'California')");
  await pool.query("INSERT INTO airports (iata, name, city, state_code) VALUES ('JFK', 'John F. Kennedy International', 'New York', 'NY'), ('LAX', 'Los Angeles International', 'Los Angeles', 'CA')");
  const at = toDbInstant(Date.now());
  const [ins] = await pool.query(
    `INSERT INTO flights (flight_number, airline, departure_airport, arrival_airport, departure_ts_utc, arrival_ts_utc, seats_total, seats_available, price_cents, updated_at_utc)
     VALUES ('RAW 1', 'Raw Air', 'JFK', 'LAX', ?, ?, ?, ?, 25000, ?)`,
    [`${fx.departDay} 14:00:00.000`, `${fx.departDay} 20:00:00.000`, SEATS, SEATS, at]);
  const rawFlightId = (ins as mysql.ResultSetHeader).insertId;

  // Each raw client keeps one connection, as each core client keeps its session.
  const conns = await Promise.all(Array.from({ length: CLIENTS }, () => pool.getConnection()));
  ctx.defer(() => { for (const c of conns) c.release(); });
  const rawHold = async (c: number): Promise<string | null> => {
    const conn = conns[c]!;
    const now = toDbInstant(Date.now());
    await conn.query('BEGIN');
    try {
      const [res] = await conn.query('UPDATE flights SET seats_available = seats_available - 1, row_version = row_version + 1, updated_at_utc = ? WHERE id = ? AND seats_available >= 1', [now, rawFlightId]);
      if ((res as mysql.ResultSetHeader).affectedRows !== 1) {
        await conn.query('ROLLBACK');
        return 'SOLD_OUT';
      }
      await conn.query(
        `INSERT INTO flight_seat_holds (hold_token, flight_id, user_id, created_by_admin_id, seats, price_cents, status, expires_at_utc, created_at_utc)
         VALUES (?, ?, NULL, NULL, 1, 25000, 'active', ?, ?)`, [randomUUID(), rawFlightId, toDbInstant(Date.now() + 15 * 60_000), now]);
      await conn.query('COMMIT');
      return null;
    } catch (err) {
      await conn.query('ROLLBACK').catch(() => undefined);
      throw err;
    }
  };
  const coreHold = async (c: number): Promise<string | null> => {
    const res = await core.call('holds.create', { flightId: fx.flightId, seats: 1 }, tokens[c] ?? null);
    return res.ok ? null : res.error.code;
  };

  // Warm-up (connections, JIT, buffer pool), then raw, core, raw again; the better raw run is the limit.
  const warm = ctx.opts.quick ? 250 : 1_000;
  await hammer(CLIENTS, warm, rawHold);
  await hammer(CLIENTS, warm, coreHold);
  ctx.say(`raw mysql2, ${CLIENTS} connections, ${durationMs / 1000} s…`);
  const raw1 = await hammer(CLIENTS, durationMs, rawHold);
  ctx.say(`core, ${CLIENTS} sessions, ${durationMs / 1000} s…`);
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const coreRun = await hammer(CLIENTS, durationMs, coreHold);
  loop.disable();
  if (process.env.BENCH_DEBUG) ctx.say(`core run done: ${coreRun.ops} ops`);
  const settleMs = await settle(core.central.sql, core.local.sql, 30_000);
  ctx.params.deviceCatchUpMsAfterRun = Math.round(settleMs);
  if (process.env.BENCH_DEBUG) ctx.say(`settled after ${Math.round(settleMs)} ms`);
  const raw2 = ctx.opts.quick ? raw1 : await hammer(CLIENTS, durationMs, rawHold);
  const raw = opsPerSec(raw1.ops, raw1.wallMs) >= opsPerSec(raw2.ops, raw2.wallMs) ? raw1 : raw2;

  const corePool = (core.central.sql as unknown as { pool: mysql.Pool }).pool;
  const coreCheck = await oversell(corePool, fx.flightId);
  const rawCheck = await oversell(pool, rawFlightId);
  ctx.params.coreFlight = coreCheck;
  ctx.params.rawFlight = rawCheck;
  ctx.params.coreErrors = Object.fromEntries(coreRun.errors);
  ctx.params.rawErrors = Object.fromEntries(raw.errors);
  const cl = summarize(coreRun.lat);
  const rl = summarize(raw.lat);
  ctx.notes.push(`core: ${coreRun.ops.toLocaleString('en-US')} holds in ${(coreRun.wallMs / 1000).toFixed(1)} s, errors: ${errText(coreRun.errors)}; latency p50 ${cl.p50.toFixed(1)} ms, p99 ${cl.p99.toFixed(1)} ms (raw p50 ${rl.p50.toFixed(1)}, p99 ${rl.p99.toFixed(1)}); core MySQL pool ${core.config.mysqlPoolSize} connections`);
  ctx.notes.push(`event-loop delay during the core run: p50 ${(loop.percentile(50) / 1e6).toFixed(1)} ms, p99 ${(loop.percentile(99) / 1e6).toFixed(1)} ms, max ${(loop.max / 1e6).toFixed(0)} ms (every await inside a transaction that holds the flight's row lock waits for the loop); the device's background pulls needed ${(settleMs / 1000).toFixed(1)} s after the run to catch up`);
  ctx.notes.push(`per core hold: START TRANSACTION, flight read, INSERT applied_ops (the answer), conditional UPDATE, INSERT hold, COMMIT; the audit entry goes to FerretDB in batches behind the request, and a background pull brings the change into the device's SQLite`);
  ctx.notes.push(`oversell check: core flight taken ${coreCheck.taken} = held ${coreCheck.held}; raw flight taken ${rawCheck.taken} = held ${rawCheck.held}`);

  return [
    row({ metric: `holds.create, ${CLIENTS} clients, one flight`, unit: 'ops/s', value: opsPerSec(coreRun.ops, coreRun.wallMs), raw: opsPerSec(raw.ops, raw.wallMs), rawLabel: `raw mysql2 txn, ${CLIENTS} conns`, better: 'higher', goals: [{ on: 'ratio', op: '>=', value: 0.5 }] }),
    row({ metric: 'oversold seats (core)', unit: 'seats', value: coreCheck.oversold, raw: rawCheck.oversold, rawLabel: 'raw run', better: 'lower', goals: [{ on: 'abs', op: '==', value: 0 }] }),
    row({ metric: 'holds.create latency p99 under load', unit: 'ms', value: cl.p99, raw: rl.p99, rawLabel: 'raw txn p99', better: 'lower' }),
  ];
}
