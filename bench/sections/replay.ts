/**
 * 5. Replay: a central device is started again with servers nobody answers at, N ops are made
 * offline (provisional rows + outbox), it is started once more with the real servers and
 * `core.sync.sync()` sends them. The mix is a field visit: a new customer, then a
 * remark on that customer (N/2 of each), so every second op names a row the op before it made
 * offline and must get its server id inside the same group. The replay is timed from the start of
 * sync() to the moment it moves on to receiving changes; the whole sync (with that pull) is shown
 * too. Raw limit: one mysql2 connection doing the same inserts (INSERT users / INSERT
 * customer_remarks, each with its applied_ops row) in the same batching as the core: groups of
 * 1, 2, 4… up to REPLAY_GROUP_OPS ops, one transaction each, no savepoints (the core sets them only
 * when a group has to be run again because one of its ops failed, and none fails here); into the
 * same tables (same triggers) of another database on the same server. The same with a SAVEPOINT
 * per op is shown in a note.
 */
import { randomUUID } from 'node:crypto';
import mysql from 'mysql2/promise';
import { MongoClient } from 'mongodb';
import { REPLAY_GROUP_OPS } from '../../main/core/device/replayOutbox';
import { migrateMysql } from '../../main/core/engine/mysql/migrate';
import { fromDbInstant, toDbInstant } from '../../shared/time';
import { getFreePort } from '../../test/support/ports';
import { benchCore, callOk, centralDatabases, ensureOperator, signIn, type SectionCtx } from '../lib/env';
import { row, type Row } from '../lib/report';
import { median, opsPerSec } from '../lib/stats';

/** The core's batching (replayOutbox.ts): groups of 1, 2, 4… up to REPLAY_GROUP_OPS. */
function groupSizes(n: number): number[] {
  const sizes: number[] = [];
  for (let left = n, size = 1; left > 0; size = Math.min(REPLAY_GROUP_OPS, size * 2)) {
    sizes.push(Math.min(size, left));
    left -= size;
  }
  return sizes;
}

export async function benchReplay(ctx: SectionCtx): Promise<Row[]> {
  const n = ctx.opts.quick ? 1_000 : 10_000;
  ctx.params.ops = n;
  ctx.params.kind = 'customers.create + customers.addRemark on it';
  ctx.params.groupOps = REPLAY_GROUP_OPS;

  const { mysqlUrl, mongoUrl } = await centralDatabases(ctx, 'bench_rep');
  // The line is cut by starting the same device (same data folder) with servers nobody answers
  // at, as a laptop taken into the field is; then it starts again with the real ones and syncs.
  // The replay thus reaches MariaDB directly, as raw does: a relay in the path (the fault proxy
  // this section used before) cost every round trip more than the core's own work per op.
  const dir = ctx.tmpDir('td-bench-replay-');
  const central = { TRIPDESK_MYSQL_URL: mysqlUrl, TRIPDESK_MONGO_URL: mongoUrl };
  const first = await benchCore(ctx, central, dir);
  if (first.core.mode() !== 'online' || !first.core.central || !first.core.sync) throw new Error(`the device started ${first.core.mode()}, not online`);
  await ensureOperator(first.core.central, 'field@bench.tripdesk');
  await signIn(first.core, 'field@bench.tripdesk');
  // The operator row must be on the device too (offline sign-in; replay checks the operator on the server).
  await first.core.sync.sync();
  await first.core.close();

  const nowhere = await getFreePort();
  const field = await benchCore(ctx, { TRIPDESK_MYSQL_URL: `mysql://root@127.0.0.1:${nowhere}/nowhere`, TRIPDESK_MONGO_URL: `mongodb://127.0.0.1:${nowhere}/nowhere` }, dir);
  if (field.core.mode() !== 'offline') throw new Error(`with no server answering the device started ${field.core.mode()}, not offline`);
  const fieldToken = await signIn(field.core, 'field@bench.tripdesk');
  const run = Date.now().toString(36);
  const t0 = performance.now();
  for (let i = 0; i < n / 2; i++) {
    const customer = await callOk<{ id: number }>(field.core, fieldToken, 'customers.create', { email: `field.${run}.${i}@example.com`, firstName: 'Field', lastName: `Customer ${i}` });
    await callOk(field.core, fieldToken, 'customers.addRemark', { customerId: customer.id, text: `met at the fair, stand ${i}` });
  }
  const offlineMs = performance.now() - t0;
  const pending = await callOk<{ pending: number }>(field.core, fieldToken, 'sync.status', {});
  if (pending.pending !== n) ctx.notes.push(`outbox holds ${pending.pending} pending ops, expected ${n}`);
  await field.core.close();

  const questions = async () => {
    const status = mysql.createPool({ uri: mysqlUrl, connectionLimit: 1 });
    try {
      const [rows] = await status.query("SHOW GLOBAL STATUS LIKE 'Questions'");
      return Number((rows as Array<{ Value: string }>)[0]?.Value ?? 0);
    } finally {
      await status.end();
    }
  };
  const q0 = await questions();
  ctx.say(`replaying ${n} offline ops…`);
  // Back in the office: the start's first sync sends the outbox. The replay is timed from its
  // first progress report to its move on to receiving changes, as the banner shows them.
  const t1 = performance.now();
  const { core } = await benchCore(ctx, central, dir, { syncInBackground: true });
  let replayStart: number | null = null;
  let replayEnd: number | null = null;
  let lastSent = 0;
  const off = core.subscribe((event, payload) => {
    if (event !== 'sync.progress') return;
    const p = payload as { phase: string; done: number };
    if (p.phase === 'Sending offline changes') {
      replayStart ??= performance.now();
      lastSent = p.done;
    }
    if (p.phase === 'Receiving changes' && replayEnd === null) replayEnd = performance.now();
  });
  if (!core.sync) throw new Error('back in the office the device has no central tier');
  // Joins the start's sync (one run at a time) and waits for it.
  await core.sync.sync();
  const syncMs = performance.now() - t1;
  off();
  if (core.mode() !== 'online' || !core.central) throw new Error(`back in the office the device is ${core.mode()}, not online`);
  ctx.notes.push(`the whole sync sent ${((await questions()) - q0 - 1) / n} statements to MySQL per op (raw: 2 per op, plus BEGIN/COMMIT per group)`);
  if (replayStart === null || replayEnd === null) throw new Error('the start\'s sync reported no replay');
  const replayMs = replayEnd - replayStart;
  const token = await signIn(core, 'field@bench.tripdesk');
  const after = await callOk<{ mode: string; pending: number; conflicts: number }>(core, token, 'sync.status', {});
  const corePool = (core.central.sql as unknown as { pool: mysql.Pool }).pool;
  const [cnt] = await corePool.query(
    `SELECT (SELECT COUNT(*) FROM users WHERE email LIKE ?) AS customers,
            (SELECT COUNT(*) FROM customer_remarks r JOIN users u ON u.id = r.user_id WHERE u.email LIKE ?) AS remarks`, [`field.${run}.%`, `field.${run}.%`]);
  const counts = (cnt as Array<{ customers: number; remarks: number }>)[0];
  const onServer = Number(counts?.customers ?? 0) + Number(counts?.remarks ?? 0);
  if (after.pending !== 0 || after.conflicts !== 0 || onServer !== n) {
    throw new Error(`replay incomplete: mode ${after.mode}, ${after.pending} pending, ${after.conflicts} conflicts, ${onServer}/${n} rows on the server (last progress ${lastSent})`);
  }

  // ---- raw: the same inserts + an applied_ops row each, in the core's groups ----
  const rawDb = await centralDatabases(ctx, 'bench_rep_raw');
  const pool = mysql.createPool({ uri: rawDb.mysqlUrl, connectionLimit: 1, dateStrings: true, timezone: 'Z' });
  ctx.defer(() => pool.end());
  await migrateMysql(pool);
  const conn = await pool.getConnection();
  ctx.defer(() => conn.release());
  await conn.query('SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED');
  // The same bytes as the core's: each row names its operator (a foreign key to check) and each
  // applied_ops row stores the answer the core stores, in the same shape.
  const boot = toDbInstant(Date.now());
  const [agent] = await conn.query("INSERT INTO admins (email, name, role, password_hash, active, created_at_utc, updated_at_utc) VALUES (?, 'Bench agent', 'agent', 'x', 1, ?, ?)",
    ['field@bench.tripdesk', boot, boot]);
  const agentId = (agent as mysql.ResultSetHeader).insertId;
  const applied = (channel: string, result: unknown, at: string) =>
    conn.query('INSERT INTO applied_ops (op_id, channel, outcome, result_json, admin_id, applied_at_utc) VALUES (?, ?, ?, ?, ?, ?)',
      [randomUUID(), channel, 'ok', JSON.stringify(result), agentId, at]);
  let lastCustomer = 0;
  const rawOp = async (tag: string, i: number, savepoints: boolean) => {
    const at = toDbInstant(Date.now());
    if (savepoints) await conn.query('SAVEPOINT replay_op');
    const k = Math.floor(i / 2);
    if (i % 2 === 0) {
      const email = `raw.${tag}.${run}.${k}@example.com`;
      const [res] = await conn.query('INSERT INTO users (email, first_name, last_name, phone, state_code, created_at_utc, updated_at_utc) VALUES (?, ?, ?, NULL, NULL, ?, ?)',
        [email, 'Field', `Customer ${k}`, at, at]);
      lastCustomer = (res as mysql.ResultSetHeader).insertId;
      await applied('customers.create', {
        id: lastCustomer, email, firstName: 'Field', lastName: `Customer ${k}`, phone: null, stateCode: null, createdAtUtc: fromDbInstant(at),
        provisional: false, mergedIntoId: null, erasedAtUtc: null,
      }, at);
    } else {
      const text = `met at the fair, stand ${k}`;
      const [res] = await conn.query('INSERT INTO customer_remarks (user_id, remark_text, created_by_admin_id, created_at_utc) VALUES (?, ?, ?, ?)',
        [lastCustomer, text, agentId, at]);
      await applied('customers.addRemark', {
        id: (res as mysql.ResultSetHeader).insertId, customerId: lastCustomer, text, authorId: agentId, authorName: 'Bench agent', atUtc: fromDbInstant(at), provisional: false,
      }, at);
    }
  };
  const rawRun = async (tag: string, ops: number, savepoints: boolean): Promise<number> => {
    const t = performance.now();
    let i = 0;
    for (const size of groupSizes(ops)) {
      await conn.query('START TRANSACTION');
      for (let j = 0; j < size; j++) await rawOp(tag, i++, savepoints);
      await conn.query('COMMIT');
    }
    return performance.now() - t;
  };
  await rawRun('warm', Math.min(500, n), true);
  const rawMs = await rawRun('plain', n, false);
  const rawSavepointMs = await rawRun('sp', n, true);

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
  ctx.params.groups = groupSizes(n).length;
  ctx.notes.push(`for scale: one FerretDB insertOne takes ${median(insertLat).toFixed(2)} ms (p50) here, one MySQL round trip ${median(pingLat).toFixed(3)} ms`);

  ctx.params.offlineCreateSeconds = Math.round(offlineMs / 10) / 100;
  ctx.params.replaySeconds = Math.round(replayMs / 10) / 100;
  ctx.params.startAndSyncSeconds = Math.round(syncMs / 10) / 100;
  ctx.notes.push(`${n} ops (${n / 2} customers.create, each followed by a customers.addRemark naming the customer's local id) made offline in ${(offlineMs / 1000).toFixed(1)} s; the start with its first sync took ${(syncMs / 1000).toFixed(1)} s in all, of which replay ${(replayMs / 1000).toFixed(1)} s; all ${n} on the server once, 0 pending, 0 conflicts`);
  ctx.notes.push(`ops go up in ${groupSizes(n).length} groups (1, 2, 4… then ${REPLAY_GROUP_OPS} ops), one MySQL transaction each (a group with a failing op is rolled back and run again with a SAVEPOINT per op); per op the core maps local ids (from the group for ids minted in it), runs the use case with its applied_ops row; per group one COMMIT, the audit documents to FerretDB in a batch, and one SQLite transaction for the outcomes and id_map`);
  ctx.notes.push(`raw with a SAVEPOINT per op (same groups): ${Math.round(opsPerSec(n, rawSavepointMs)).toLocaleString('en-US')} ops/s; the core is at ${Math.round((opsPerSec(n, replayMs) / opsPerSec(n, rawSavepointMs)) * 100)}% of that`);
  ctx.notes.push('the ops are made on the device started with servers nobody answers at (offline), then it starts again with the real ones and sync() replays: core and raw both reach MariaDB directly');

  return [
    row({ metric: `replay of ${n.toLocaleString('en-US')} offline ops (customer + remark)`, unit: 'ops/s', value: opsPerSec(n, replayMs), raw: opsPerSec(n, rawMs), rawLabel: 'mysql2 same inserts + applied_ops, same groups', better: 'higher', goals: [{ on: 'abs', op: '>=', value: 2_000 }, { on: 'ratio', op: '>=', value: 0.6 }] }),
    row({ metric: `time to replay ${n.toLocaleString('en-US')} offline ops`, unit: 's', value: replayMs / 1000, raw: rawMs / 1000, rawLabel: 'mysql2 same inserts + applied_ops, same groups', better: 'lower', goals: [{ on: 'abs', op: '<=', value: 10 }] }),
    row({ metric: 'start + first sync incl. the pull after it', unit: 'ops/s', value: opsPerSec(n, syncMs), raw: opsPerSec(n, rawMs), rawLabel: 'mysql2 same inserts + applied_ops, same groups', better: 'higher' }),
  ];
}
