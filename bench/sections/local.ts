/**
 * 1. Local writes: holds.create and bookings.create through Core.call on a standalone (SQLite)
 * core, against raw better-sqlite3 transactions on the same schema, same pragmas (WAL,
 * synchronous=NORMAL, foreign keys on) and BEGIN IMMEDIATE. The goal is judged against raw doing
 * the same work the rules ask of the op (the reads and the rows); raw doing its writes alone is
 * shown beside it. The section runs this in a child process on the core as it ships
 * (localShipped.ts).
 */
import { randomUUID } from 'node:crypto';
import { PerformanceObserver, constants as perfConstants } from 'node:perf_hooks';
import { toDbInstant } from '../../shared/time';
import { migrateSqlite } from '../../main/core/engine/sqlite/migrate';
import { SqliteDb, type RawSqlite } from '../../main/core/engine/sqlite/sqliteDb';
import { openDeviceDatabase } from '../../main/core/engine/sqlite/deviceDatabase';
import { newLocator } from '../../shared/locator';
import type { SqliteDocuments } from '../../main/core/engine/sqlite/sqliteDocuments';
import { GOOD_CARD, loadFixture } from '../../test/support/fixture';
import { BENCH_DB_KEY, benchCore, callOk, ensureOperator, signIn, type SectionCtx } from '../lib/env';
import { row, type Row } from '../lib/report';
import { opsPerSec, percentile, summarize, timeSequential, timeSequentialSync } from '../lib/stats';
import { passengers } from '../../test/support/travellers';

const SEATS = 5_000_000;
/** Raw and core take this many turns each (quick, full): more, shorter turns spread the VM's drift more evenly. */
const TURNS = { quick: 3, full: 8 } as const;

type Timed = { lat: number[]; wallMs: number };

/**
 * Raw and core take turns (raw, raw writes only, core, raw…), each turn a third of the ops: this VM's speed
 * drifts by several percent within a minute, and turns spread the drift over both sides. Each side
 * is then judged the same way over all its turns: pooled latencies, all its ops over all its time
 * (a best turn would favour whichever side's turn missed a WAL checkpoint).
 * Every turn starts on an empty WAL and ends by checkpointing what it wrote, on its own clock:
 * each side pays for copying exactly its own pages into the database, however its turn fell
 * against SQLite's automatic checkpoints (every 16,000 pages; a quick turn writes fewer).
 * `fileAudit` files (on the core's clock) the audit entries a core turn left waiting, as a read of
 * the logs would.
 */
async function takeTurns(
  turns: number, ops: number, raws: [() => unknown, () => unknown], core: () => Promise<void>,
  fileAudit: () => Promise<number>, checkpoint: { raw: () => number; core: () => Promise<number> },
  coreWindows: Array<[number, number]> = [],
): Promise<[Timed[], Timed[], Timed[]]> {
  const perTurn = Math.floor(ops / turns);
  const sameWork: Timed[] = [];
  const writesOnly: Timed[] = [];
  const coreRuns: Timed[] = [];
  const rawTurn = (op: () => unknown): Timed => {
    checkpoint.raw();
    const run = timeSequentialSync(perTurn, op);
    run.wallMs += checkpoint.raw();
    return run;
  };
  for (let turn = 0; turn < turns; turn++) {
    sameWork.push(rawTurn(raws[0]));
    writesOnly.push(rawTurn(raws[1]));
    await fileAudit();
    await checkpoint.core();
    const opened = performance.now();
    const run = await timeSequential(perTurn, core);
    coreWindows.push([opened, performance.now()]);
    run.wallMs += await fileAudit();
    run.wallMs += await checkpoint.core();
    coreRuns.push(run);
  }
  return [sameWork, writesOnly, coreRuns];
}

function pooled(runs: Timed[]): { lat: number[]; opsPerSec: number } {
  const lat = runs.flatMap((r) => r.lat);
  return { lat, opsPerSec: opsPerSec(lat.length, runs.reduce((ms, r) => ms + r.wallMs, 0)) };
}

export async function measureLocalWrites(ctx: SectionCtx): Promise<Row[]> {
  const holds = ctx.opts.quick ? 2_000 : 40_000;
  const bookings = ctx.opts.quick ? 1_000 : 10_000;
  const turns = ctx.opts.quick ? TURNS.quick : TURNS.full;
  const warm = 1_000;
  ctx.params.holds = holds;
  ctx.params.bookings = bookings;
  ctx.params.warmup = warm;
  ctx.params.turns = turns;

  // ---- through the core ----
  const { core } = await benchCore(ctx, {});
  await ensureOperator(core.local, 'agent@bench.tripdesk');
  const fx = await loadFixture(core.local, { seats: SEATS });
  const token = await signIn(core, 'agent@bench.tripdesk');
  const trail = (core.local.docs as SqliteDocuments).audit;
  const fileAudit = async (): Promise<number> => {
    const t0 = performance.now();
    await trail.file();
    return performance.now() - t0;
  };
  const holdInput = { flightId: fx.flightId, seats: 1 };
  // Two seats, two passengers: the booking writes a traveller row for each (issue 15).
  const BOOKED_SEATS = 2;
  const travellers = passengers(BOOKED_SEATS);
  const bookingInput = {
    customerId: fx.customerId, expectedTotalCents: BOOKED_SEATS * fx.flightPriceCents,
    items: [{ kind: 'flight', flightId: fx.flightId, seats: BOOKED_SEATS, travellers }], payment: { kind: 'card', card: GOOD_CARD },
  };

  // ---- raw better-sqlite3 on its own file with the same schema and fixture ----
  const rawDir = ctx.tmpDir('td-bench-raw-');
  // Encrypted with the same cipher and key as the core's device database: the app never writes a
  // plain one, so raw writing plain pages would set a limit no console could reach.
  const raw = openDeviceDatabase(rawDir, BENCH_DB_KEY);
  ctx.defer(() => raw.close());
  migrateSqlite(raw);
  const rawFx = await loadFixture({ kind: 'sqlite', sql: new SqliteDb(raw), docs: null as never, provisional: false }, { seats: SEATS });
  const take = raw.prepare('UPDATE flights SET seats_available = seats_available - ?, row_version = row_version + 1, updated_at_utc = ? WHERE id = ? AND seats_available >= ?');
  const readFlight = raw.prepare('SELECT price_cents, departure_ts_utc FROM flights WHERE id = ?');
  const readCustomer = raw.prepare('SELECT id, first_name, last_name FROM users WHERE id = ?');
  const insHold = raw.prepare(`INSERT INTO flight_seat_holds (hold_token, flight_id, user_id, created_by_admin_id, seats, price_cents, status, expires_at_utc, created_at_utc)
    VALUES (?, ?, NULL, NULL, 1, ?, 'active', ?, ?)`);
  const insBooking = raw.prepare(`INSERT INTO bookings (user_id, booking_type, status, total_cents, created_by_admin_id, op_id, created_at_utc, updated_at_utc, locator)
    VALUES (?, 'flight', 'confirmed', ?, NULL, ?, ?, ?, ?)`);
  const insItem = raw.prepare(`INSERT INTO booking_items (booking_id, item_type, item_id, label, start_utc, end_utc, quantity, unit_price_cents, total_cents, status)
    VALUES (?, 'flight', ?, 'DL 401 JFK-LAX', ?, ?, ?, ?, ?, 'active')`);
  const insTraveller = raw.prepare(`INSERT INTO booking_travellers (booking_id, booking_item_id, traveller_role, given_names, family_name, date_of_birth, gender,
      known_traveller_number, passport_number, passport_country, passport_expiry, guest_count, customer_traveller_id)
    VALUES (?, ?, 'passenger', ?, ?, ?, NULL, NULL, NULL, NULL, NULL, NULL, NULL)`);
  const insBilling = raw.prepare(`INSERT INTO billing (booking_id, user_id, payment_method_id, amount_cents, transaction_status, transaction_ts_utc, gateway_ref)
    VALUES (?, ?, NULL, ?, ?, ?, ?)`);
  const insMovement = raw.prepare(`INSERT INTO money_movements (booking_id, billing_id, booking_item_id, kind, amount_cents, at_utc, admin_id, reason, payment_method_id, payment_label, gateway_ref)
    VALUES (?, ?, NULL, 'charge', ?, ?, NULL, 'booking', NULL, 'Visa ending 4242', ?)`);
  // Exactly-once is a rule of every op: its opId and answer are written with its effect.
  const insApplied = raw.prepare(`INSERT INTO applied_ops (op_id, channel, outcome, result_json, admin_id, applied_at_utc, audit_entity, audit_entity_id, audit_summary)
    VALUES (?, ?, 'ok', ?, NULL, ?, ?, ?, ?)`);
  /** The flight as a sale must see it: on sale (not departed), at its price now. */
  const flightOnSale = (now: string): number => {
    const flight = readFlight.get(rawFx.flightId) as { price_cents: number; departure_ts_utc: string } | undefined;
    if (!flight || flight.departure_ts_utc <= now) throw new Error('raw: flight not on sale');
    return flight.price_cents;
  };
  const takeSeat = (now: string, seats = 1) => {
    if (take.run(seats, now, rawFx.flightId, seats).changes !== 1) throw new Error('raw: sold out');
  };
  const holdRows = (price: number, now: string) => {
    const token = randomUUID();
    const expires = toDbInstant(Date.now() + 15 * 60_000);
    const id = Number(insHold.run(token, rawFx.flightId, price, expires, now).lastInsertRowid);
    const answer = { id: token, flightId: rawFx.flightId, seats: 1, priceCents: price, status: 'active', expiresAtUtc: expires, createdAtUtc: now, customerId: null };
    insApplied.run(token, 'holds.create', JSON.stringify(answer), now, 'hold', String(id), `held 1 seat on flight ${rawFx.flightId} at ${price} cents`);
  };
  // Same work: the hold reads the flight (departed? price?), takes the seat, writes the hold.
  const rawHold = raw.transaction(() => {
    const now = toDbInstant(Date.now());
    const price = flightOnSale(now);
    takeSeat(now);
    holdRows(price, now);
  });
  const rawHoldWrites = raw.transaction(() => {
    const now = toDbInstant(Date.now());
    takeSeat(now);
    holdRows(rawFx.flightPriceCents, now);
  });
  const bookingRows = (price: number, now: string, billingStates: readonly string[]) => {
    const opId = randomUUID();
    const locator = newLocator();
    const total = BOOKED_SEATS * price;
    const b = Number(insBooking.run(rawFx.customerId, total, opId, now, now, locator).lastInsertRowid);
    const item = Number(insItem.run(b, rawFx.flightId, now, now, BOOKED_SEATS, price, total).lastInsertRowid);
    const named = travellers.map((t) => ({ id: Number(insTraveller.run(b, item, t.givenNames, t.familyName, t.dateOfBirth).lastInsertRowid), ...t }));
    const ref = randomUUID();
    const billing = billingStates.map((state) => ({ id: Number(insBilling.run(b, rawFx.customerId, total, state, now, ref).lastInsertRowid), state }));
    const last = billing[billing.length - 1];
    if (last) insMovement.run(b, last.id, total, now, ref);
    // The answer as the op keeps it: the booking with its item, travellers and payments.
    const answer = {
      id: b, locator, customerId: rawFx.customerId, status: 'confirmed', totalCents: total, createdAtUtc: now,
      items: [{ id: item, kind: 'flight', refId: rawFx.flightId, label: 'DL 401 JFK-LAX', startUtc: now, endUtc: now, quantity: BOOKED_SEATS, unitPriceCents: price, totalCents: total, travellers: named }],
      billing: billing.map((x) => ({ ...x, amountCents: total, at: now, gatewayRef: ref })),
    };
    insApplied.run(opId, 'bookings.create', JSON.stringify(answer), now, 'booking', String(b), `booked ${locator} for customer ${rawFx.customerId}: ${total} cents`);
  };
  // Same work: the booking reads the customer and re-reads the flight's price, takes the seat,
  // writes the booking, its item and the card's billing rows, one per state as the schema's
  // unique key (booking, status) says: authorized, then captured.
  const rawBook = raw.transaction(() => {
    const now = toDbInstant(Date.now());
    if (!readCustomer.get(rawFx.customerId)) throw new Error('raw: no customer');
    const price = flightOnSale(now);
    takeSeat(now, BOOKED_SEATS);
    bookingRows(price, now, ['authorized', 'captured']);
  });
  const rawBookWrites = raw.transaction(() => {
    const now = toDbInstant(Date.now());
    takeSeat(now, BOOKED_SEATS);
    bookingRows(rawFx.flightPriceCents, now, ['captured']);
  });

  /** Copies the WAL into the database and starts it over; answers how long that took (ms). */
  const checkpointOf = (db: RawSqlite): number => {
    const t0 = performance.now();
    db.pragma('wal_checkpoint(RESTART)');
    return performance.now() - t0;
  };
  const checkpoint = {
    raw: () => checkpointOf(raw),
    core: () => (core.local.sql as SqliteDb).withHandle(checkpointOf),
  };
  /** Warms every path (JIT, statement caches, page cache), then lets raw and core take turns. */
  const measure = async (channel: string, input: unknown, ops: number, sameWork: () => unknown, writesOnly: () => unknown) => {
    const viaCore = async () => void (await callOk(core, token, channel, input));
    for (let i = 0; i < warm; i++) {
      sameWork();
      writesOnly();
      await viaCore();
    }
    const coreWindows: Array<[number, number]> = [];
    const [rawRuns, writeRuns, coreRuns] = await takeTurns(turns, ops, [sameWork, writesOnly], viaCore, fileAudit, checkpoint, coreWindows);
    return { core: pooled(coreRuns), raw: pooled(rawRuns), writesOnly: pooled(writeRuns), coreWindows };
  };
  // Young-generation collections stop the process for about a millisecond each: how many fell in
  // the core's booking turns says how much of the p99 they can be (docs/SCALING.md, "One console").
  const collections: Array<{ at: number; ms: number }> = [];
  const gcWatch = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if ((e as { detail?: { kind?: number } }).detail?.kind === perfConstants.NODE_PERFORMANCE_GC_MINOR) collections.push({ at: e.startTime, ms: e.duration });
    }
  });
  gcWatch.observe({ entryTypes: ['gc'] });
  const hold = await measure('holds.create', holdInput, holds, () => rawHold.immediate(), () => rawHoldWrites.immediate());
  const book = await measure('bookings.create', bookingInput, bookings, () => rawBook.immediate(), () => rawBookWrites.immediate());
  // The observer's entries arrive when the event loop turns; the timed loops never let it.
  await new Promise((resolve) => setTimeout(resolve, 20));
  gcWatch.disconnect();
  const inBookingTurns = collections.filter((c) => book.coreWindows.some(([from, to]) => c.at >= from && c.at < to));
  const pauses = inBookingTurns.map((c) => c.ms).sort((a, b) => a - b);
  const ch = summarize(hold.core.lat);
  const rh = summarize(hold.raw.lat);
  const cb = summarize(book.core.lat);
  const rb = summarize(book.raw.lat);

  // Sanity: the core's writes really happened (no silent failures).
  const left = await core.local.sql.get<{ n: number }>('SELECT seats_available AS n FROM flights WHERE id = ?', [fx.flightId]);
  const expected = SEATS - (warm + turns * Math.floor(holds / turns)) - BOOKED_SEATS * (warm + turns * Math.floor(bookings / turns));
  if (left?.n !== expected) ctx.notes.push(`seat count after the run is ${left?.n}, expected ${expected}`);

  ctx.notes.push('raw hold = BEGIN IMMEDIATE; SELECT the flight (departed? price); conditional UPDATE flights; INSERT flight_seat_holds + applied_ops (the opId with its answer as JSON); COMMIT (prepared, better-sqlite3, same schema/pragmas, its own file encrypted with the same cipher and key)');
  ctx.notes.push('raw booking = BEGIN IMMEDIATE; SELECT the customer; SELECT the flight (price re-read at commit); conditional UPDATE flights (2 seats); INSERT bookings (with a fresh locator) + booking_items + 2 booking_travellers + billing authorized + billing captured + money_movements (the charge) + applied_ops (the opId with the booking as JSON); COMMIT: the rows the core writes, no more');
  ctx.notes.push('raw writes only = the same without the SELECTs, and one billing row: the floor of what any booking could cost');
  ctx.notes.push(`raw and core took ${turns} turns each (raw, raw writes only, core, …); latencies and throughput over all turns; each turn ends by checkpointing its WAL, timed in its throughput`);
  const tail = (x: ReturnType<typeof summarize>, xs: readonly number[]) => `p99.9 ${percentile([...xs].sort((a, b) => a - b), 99.9).toFixed(2)} ms, max ${x.max.toFixed(1)} ms`;
  ctx.notes.push(`beyond p99 (WAL checkpoints, every 16,000 pages): holds core ${tail(ch, hold.core.lat)}, raw ${tail(rh, hold.raw.lat)}; bookings core ${tail(cb, book.core.lat)}, raw ${tail(rb, book.raw.lat)}`);
  ctx.notes.push(pauses.length === 0
    ? 'young-generation collections in the core\'s booking turns: none'
    : `young-generation collections in the core's booking turns: ${pauses.length} (one per ${Math.round(book.core.lat.length / pauses.length)} bookings), `
      + `pause p50 ${percentile(pauses, 50).toFixed(2)} ms, max ${(pauses.at(-1) ?? 0).toFixed(2)} ms`);
  ctx.notes.push('the core also checks the session and role, validates input and output with zod, writes applied_ops (idempotency) with the audit entry on it, in the same transaction (a declined card rolls it back whole and writes the failed booking in a second one); entries are filed into logs between calls or inline every 5,000; what a timed loop leaves waiting is filed on its clock');

  // ---- what encryption at rest costs: the same holds on a core whose device database is plain ----
  // (every core above runs encrypted, as the app does; turns alternate as above).
  const { core: plainCore } = await benchCore(ctx, {}, undefined, { dbKey: null });
  await ensureOperator(plainCore.local, 'agent@bench.tripdesk');
  const plainFx = await loadFixture(plainCore.local, { seats: SEATS });
  const plainToken = await signIn(plainCore, 'agent@bench.tripdesk');
  const plainHold = { flightId: plainFx.flightId, seats: 1 };
  const plainTrail = (plainCore.local.docs as SqliteDocuments).audit;
  const encryptedRuns: Timed[] = [];
  const plainRuns: Timed[] = [];
  for (let i = 0; i < warm; i++) await callOk(plainCore, plainToken, 'holds.create', plainHold);
  const perTurn = Math.floor(holds / turns);
  for (let turn = 0; turn < turns; turn++) {
    for (const [c, t, input, trailOf, runs] of [
      [core, token, holdInput, trail, encryptedRuns], [plainCore, plainToken, plainHold, plainTrail, plainRuns],
    ] as const) {
      await (c.local.sql as SqliteDb).withHandle(checkpointOf);
      const run = await timeSequential(perTurn, async () => void (await callOk(c, t, 'holds.create', input)));
      const t0 = performance.now();
      await trailOf.file();
      await (c.local.sql as SqliteDb).withHandle(checkpointOf);
      run.wallMs += performance.now() - t0;
      runs.push(run);
    }
  }
  const enc = pooled(encryptedRuns);
  const plain = pooled(plainRuns);
  const ep = summarize(enc.lat);
  const pp = summarize(plain.lat);
  ctx.notes.push('encryption at rest: the device database is sealed with AEGIS-256 per page (SQLite3 Multiple Ciphers); the rows "encrypted vs plain" run the same holds on a core opened with and without a key, turns alternating');

  return [
    row({ metric: 'holds.create p50', unit: 'ms', value: ch.p50, raw: rh.p50, rawLabel: 'raw txn p50', better: 'lower' }),
    row({ metric: 'holds.create p99', unit: 'ms', value: ch.p99, raw: rh.p99, rawLabel: 'raw txn p99', better: 'lower', goals: [{ on: 'abs', op: '<=', value: 1 }] }),
    row({ metric: 'holds.create throughput', unit: 'ops/s', value: hold.core.opsPerSec, raw: hold.raw.opsPerSec, rawLabel: 'raw SELECT+UPDATE+2 INSERTs txn', better: 'higher', goals: [{ on: 'ratio', op: '>=', value: 0.5 }] }),
    row({ metric: 'holds.create vs raw writes only', unit: 'ops/s', value: hold.core.opsPerSec, raw: hold.writesOnly.opsPerSec, rawLabel: 'raw UPDATE+2 INSERTs txn', better: 'higher' }),
    row({ metric: 'bookings.create p50', unit: 'ms', value: cb.p50, raw: rb.p50, rawLabel: 'raw txn p50', better: 'lower' }),
    row({ metric: 'bookings.create p99', unit: 'ms', value: cb.p99, raw: rb.p99, rawLabel: 'raw txn p99', better: 'lower', goals: [{ on: 'abs', op: '<=', value: 1 }] }),
    row({ metric: 'bookings.create throughput', unit: 'ops/s', value: book.core.opsPerSec, raw: book.raw.opsPerSec, rawLabel: 'raw 2 SELECTs+UPDATE+8 INSERTs txn', better: 'higher', goals: [{ on: 'ratio', op: '>=', value: 0.5 }] }),
    row({ metric: 'bookings.create vs raw writes only', unit: 'ops/s', value: book.core.opsPerSec, raw: book.writesOnly.opsPerSec, rawLabel: 'raw UPDATE+7 INSERTs txn', better: 'higher' }),
    row({ metric: 'holds.create p99, encrypted vs plain device db', unit: 'ms', value: ep.p99, raw: pp.p99, rawLabel: 'same core, no key', better: 'lower' }),
    row({ metric: 'holds.create throughput, encrypted vs plain device db', unit: 'ops/s', value: enc.opsPerSec, raw: plain.opsPerSec, rawLabel: 'same core, no key', better: 'higher' }),
  ];
}
