/**
 * 5. Replay: a central device reaches MariaDB and FerretDB through fault proxies (test/support/
 * faultProxy.ts); the line is cut, N customers.create are made offline (provisional rows + outbox),
 * the line is restored and `core.sync.sync()` sends them. The replay is timed from the start of
 * sync() to the moment it moves on to receiving changes; the whole sync (with that pull) is shown
 * too. Raw limit: one mysql2 connection doing, per op, BEGIN; INSERT users; INSERT applied_ops;
 * COMMIT into the same tables (same triggers) of another database on the same server.
 */
import { randomUUID } from 'node:crypto';
import mysql from 'mysql2/promise';
import { MongoClient } from 'mongodb';
import { migrateMysql } from '../../main/core/engine/mysql/migrate';
import { toDbInstant } from '../../shared/time';
import { startFaultProxy } from '../../test/support/faultProxy';
import { benchCore, callOk, centralDatabases, ensureOperator, signIn, type SectionCtx } from '../lib/env';
import { row, type Row } from '../lib/report';
import { median, opsPerSec } from '../lib/stats';

export async function benchReplay(ctx: SectionCtx): Promise<Row[]> {
  const n = ctx.opts.quick ? 200 : 2_000;
  ctx.params.ops = n;
  ctx.params.kind = 'customers.create';

  const { mysqlUrl, mongoUrl } = await centralDatabases(ctx, 'bench_rep');
  const mysqlProxy = await startFaultProxy(mysqlUrl);
  ctx.defer(() => mysqlProxy.close());
  const mongoProxy = await startFaultProxy(mongoUrl);
  ctx.defer(() => mongoProxy.close());
  const { core } = await benchCore(ctx, { TRIPDESK_MYSQL_URL: mysqlProxy.proxyUrlFor(mysqlUrl), TRIPDESK_MONGO_URL: mongoProxy.proxyUrlFor(mongoUrl) });
  if (core.mode() !== 'online' || !core.central || !core.sync) throw new Error(`the device started ${core.mode()}, not online`);
  await ensureOperator(core.central, 'field@bench.tripdesk');
  const token = await signIn(core, 'field@bench.tripdesk');
  // The operator row must be on the device too (replay checks the operator on the server).
  await core.sync.sync();

  await mysqlProxy.cut();
  await mongoProxy.cut();
  const run = Date.now().toString(36);
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    await callOk(core, token, 'customers.create', { email: `field.${run}.${i}@example.com`, firstName: 'Field', lastName: `Customer ${i}` });
  }
  const offlineMs = performance.now() - t0;
  if (core.mode() !== 'offline') throw new Error(`after cutting the line the device is ${core.mode()}, not offline`);
  const pending = await callOk<{ pending: number }>(core, token, 'sync.status', {});
  if (pending.pending !== n) ctx.notes.push(`outbox holds ${pending.pending} pending ops, expected ${n}`);

  await mysqlProxy.restore();
  await mongoProxy.restore();
  // As the coordinator's watcher does before a sync: both servers answer again.
  const probe = new MongoClient(mongoProxy.proxyUrlFor(mongoUrl), { serverSelectionTimeoutMS: 10_000 });
  await probe.db().command({ ping: 1 }).finally(() => probe.close());

  let replayEnd: number | null = null;
  let lastSent = 0;
  const off = core.subscribe((event, payload) => {
    if (event !== 'sync.progress') return;
    const p = payload as { phase: string; done: number };
    if (p.phase === 'Sending offline changes') lastSent = p.done;
    if (p.phase === 'Receiving changes' && replayEnd === null) replayEnd = performance.now();
  });
  ctx.say(`replaying ${n} offline ops…`);
  const t1 = performance.now();
  await core.sync.sync();
  const syncMs = performance.now() - t1;
  off();
  const replayMs = (replayEnd ?? performance.now()) - t1;
  const after = await callOk<{ mode: string; pending: number; conflicts: number }>(core, token, 'sync.status', {});
  const corePool = (core.central.sql as unknown as { pool: mysql.Pool }).pool;
  const [cnt] = await corePool.query('SELECT COUNT(*) AS n FROM users WHERE email LIKE ?', [`field.${run}.%`]);
  const onServer = Number((cnt as Array<{ n: number }>)[0]?.n ?? 0);
  if (after.pending !== 0 || after.conflicts !== 0 || onServer !== n) {
    throw new Error(`replay incomplete: mode ${after.mode}, ${after.pending} pending, ${after.conflicts} conflicts, ${onServer}/${n} customers on the server (last progress ${lastSent})`);
  }

  // ---- raw: the same inserts + an applied_ops row each, one transaction per op ----
  const rawDb = await centralDatabases(ctx, 'bench_rep_raw');
  const pool = mysql.createPool({ uri: rawDb.mysqlUrl, connectionLimit: 1, dateStrings: true, timezone: 'Z' });
  ctx.defer(() => pool.end());
  await migrateMysql(pool);
  const conn = await pool.getConnection();
  ctx.defer(() => conn.release());
  await conn.query('SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED');
  const rawOp = async (i: number) => {
    const at = toDbInstant(Date.now());
    const opId = randomUUID();
    await conn.query('BEGIN');
    const [res] = await conn.query('INSERT INTO users (email, first_name, last_name, phone, state_code, created_at_utc, updated_at_utc) VALUES (?, ?, ?, NULL, NULL, ?, ?)',
      [`raw.${run}.${i}@example.com`, 'Field', `Customer ${i}`, at, at]);
    const id = (res as mysql.ResultSetHeader).insertId;
    await conn.query('INSERT INTO applied_ops (op_id, channel, outcome, result_json, admin_id, applied_at_utc) VALUES (?, ?, ?, ?, NULL, ?)',
      [opId, 'customers.create', 'ok', JSON.stringify({ id, email: `raw.${run}.${i}@example.com` }), at]);
    await conn.query('COMMIT');
  };
  for (let i = 0; i < Math.min(50, n); i++) await rawOp(n + i); // warm-up
  const t2 = performance.now();
  for (let i = 0; i < n; i++) await rawOp(i);
  const rawMs = performance.now() - t2;

  // Context for the figure: what one FerretDB insert and one MySQL round trip cost on this machine.
  const docClient = new MongoClient(mongoUrl, { serverSelectionTimeoutMS: 10_000 });
  ctx.defer(() => docClient.close());
  const scratch = docClient.db().collection<{ _id: string; n: number }>('bench_scratch');
  const insertLat: number[] = [];
  for (let i = 0; i < 100; i++) {
    const t = performance.now();
    await scratch.insertOne({ _id: `${run}-${i}`, n: i });
    insertLat.push(performance.now() - t);
  }
  await scratch.drop().catch(() => undefined);
  const pingLat: number[] = [];
  for (let i = 0; i < 200; i++) {
    const t = performance.now();
    await conn.query('SELECT 1');
    pingLat.push(performance.now() - t);
  }
  ctx.params.ferretInsertP50Ms = Math.round(median(insertLat) * 100) / 100;
  ctx.params.mysqlRoundTripP50Ms = Math.round(median(pingLat) * 1000) / 1000;
  ctx.notes.push(`for scale: one FerretDB insertOne takes ${median(insertLat).toFixed(2)} ms (p50) here, one MySQL round trip ${median(pingLat).toFixed(3)} ms; the core replays one op at a time, so every round trip and the audit insert add up per op`);

  ctx.params.offlineCreateSeconds = Math.round(offlineMs / 10) / 100;
  ctx.params.replaySeconds = Math.round(replayMs / 10) / 100;
  ctx.params.wholeSyncSeconds = Math.round(syncMs / 10) / 100;
  ctx.notes.push(`${n} customers.create made offline in ${(offlineMs / 1000).toFixed(1)} s; sync() took ${(syncMs / 1000).toFixed(1)} s in all, of which replay ${(replayMs / 1000).toFixed(1)} s; all ${n} on the server once, 0 pending, 0 conflicts`);
  ctx.notes.push('per replayed op the core reads the outbox row, maps local ids, checks the operator on MySQL (once per operator), runs the use case (insert, applied_ops row) in one transaction, queues an audit document for FerretDB (written in batches), then updates the outbox and id_map locally in one SQLite transaction');

  return [
    row({ metric: `replay of ${n.toLocaleString('en-US')} offline customers.create`, unit: 'ops/s', value: opsPerSec(n, replayMs), raw: opsPerSec(n, rawMs), rawLabel: 'mysql2 INSERT + applied_ops txn', better: 'higher', goals: [{ on: 'abs', op: '>=', value: 200 }, { on: 'ratio', op: '>=', value: 0.3 }] }),
    row({ metric: 'whole sync() incl. the pull after it', unit: 'ops/s', value: opsPerSec(n, syncMs), raw: opsPerSec(n, rawMs), rawLabel: 'mysql2 INSERT + applied_ops txn', better: 'higher' }),
  ];
}
