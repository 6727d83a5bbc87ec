/**
 * 10. Watch evaluation: what one price change costs when 10,000 watches are set. A standalone
 * core on the demo seed; 10k active watches spread over real routes, hotels and cars for the
 * next 30 days, with thresholds under today's prices so they stay active and are checked every
 * time. Per change: the evaluator (find the watches the change concerns, check each against
 * what is on sale) beside the raw limit, the same two lookups as prepared better-sqlite3
 * statements on a second connection.
 */
import { addDays } from '../../shared/time';
import { evaluateWatches } from '../../main/core/ops/watches/evaluateWatches';
import { benchCore, openBenchCoreFile, type SectionCtx } from '../lib/env';
import { row, type Row } from '../lib/report';
import { copySeedDb, ensureSeedDb } from '../lib/seedDb';
import { summarize } from '../lib/stats';

const WATCHES = 10_000;

export async function benchWatches(ctx: SectionCtx): Promise<Row[]> {
  const seedDb = await ensureSeedDb('demo', ctx.say);
  const dir = ctx.tmpDir('td-bench-watches-');
  copySeedDb(seedDb, dir);
  const { core } = await benchCore(ctx, {}, dir);
  const engine = core.local;
  const raw = openBenchCoreFile(core);
  ctx.defer(() => raw.close());

  const today = new Date().toISOString().slice(0, 10);
  const horizon = addDays(today, 30);
  const routes = raw.prepare(`SELECT DISTINCT departure_airport AS "from", arrival_airport AS "to" FROM flights WHERE departure_ts_utc >= ? AND departure_ts_utc < ?`)
    .all(`${today} 00:00:00.000`, `${horizon} 00:00:00.000`) as Array<{ from: string; to: string }>;
  const hotels = (raw.prepare('SELECT id FROM hotels').all() as Array<{ id: number }>).map((h) => h.id);
  const cars = (raw.prepare('SELECT id FROM cars').all() as Array<{ id: number }>).map((c) => c.id);
  const customer = (raw.prepare('SELECT id FROM users ORDER BY id LIMIT 1').get() as { id: number }).id;
  let seed = 7;
  const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const pick = <T>(list: T[]): T => list[Math.floor(rand() * list.length)] as T;
  const t0 = performance.now();
  for (let i = 0; i < WATCHES; i++) {
    const dateFrom = addDays(today, Math.floor(rand() * 25));
    const dateTo = addDays(dateFrom, 1 + Math.floor(rand() * 5));
    const r = pick(routes);
    const target = i % 3 === 0 ? { kind: 'route' as const, from: r.from, to: r.to, dateFrom, dateTo }
      : i % 3 === 1 ? { kind: 'hotel' as const, hotelId: pick(hotels), dateFrom, dateTo } : { kind: 'car' as const, carId: pick(cars), dateFrom, dateTo };
    await engine.docs.watches.insertWatch({
      id: `bench-watch-${i}`, userId: customer, target, condition: { kind: 'price_below', priceCents: 100 }, status: 'active',
      createdAt: new Date(), createdBy: null, triggeredAt: null, hit: null, notifyCustomer: false, provisional: false,
    });
  }
  ctx.params.watches = WATCHES;
  ctx.params.setupSeconds = Math.round((performance.now() - t0) / 100) / 10;

  // Changes to listings that have watches on them: flights on watched routes, watched hotels' rooms.
  const flightsToChange = raw.prepare(
    `SELECT f.id, f.departure_airport AS "from", f.arrival_airport AS "to", substr(f.departure_ts_utc, 1, 10) AS day FROM flights f
      WHERE f.departure_ts_utc >= ? AND f.departure_ts_utc < ? AND EXISTS (SELECT 1 FROM watches w WHERE w.route_from = f.departure_airport AND w.route_to = f.arrival_airport)
      ORDER BY f.id LIMIT 300`).all(`${today} 00:00:00.000`, `${horizon} 00:00:00.000`) as Array<{ id: number; from: string; to: string; day: string }>;
  const n = ctx.opts.quick ? 200 : flightsToChange.length;
  const watchLookup = raw.prepare(`SELECT * FROM watches WHERE status = 'active' AND route_from = ? AND route_to = ? AND target_kind = 'route' AND date_from <= ? AND date_to >= ?`);
  const flightLookup = raw.prepare('SELECT departure_airport, arrival_airport, departure_ts_utc FROM flights WHERE id = ?');
  const offer = raw.prepare(`SELECT id, airline, flight_number, departure_ts_utc, price_cents, seats_available FROM flights
    WHERE departure_airport = ? AND arrival_airport = ? AND departure_ts_utc >= ? AND departure_ts_utc < ? AND seats_available > 0 ORDER BY price_cents, departure_ts_utc LIMIT 1`);

  const coreMs: number[] = [];
  const rawMs: number[] = [];
  let concerned = 0;
  for (let i = 0; i < n; i++) {
    const f = flightsToChange[i % flightsToChange.length];
    if (!f) break;
    let t = performance.now();
    const fired = await evaluateWatches(engine, [{ kind: 'flight', flightId: f.id }], Date.now());
    coreMs.push(performance.now() - t);
    if (fired.length > 0) throw new Error('a bench watch fired: thresholds are meant to keep them active');
    t = performance.now();
    flightLookup.get(f.id);
    const ws = watchLookup.all(f.from, f.to, f.day, f.day);
    for (let k = 0; k < ws.length; k++) offer.all(f.from, f.to, `${f.day} 00:00:00.000`, `${f.day} 23:59:59.999`);
    rawMs.push(performance.now() - t);
    concerned += ws.length;
  }
  ctx.params.changes = coreMs.length;
  ctx.params.watchesPerChange = Math.round((concerned / Math.max(1, coreMs.length)) * 10) / 10;
  ctx.notes.push(`${WATCHES.toLocaleString('en-US')} active watches (a third each on routes, hotels, cars); each change concerns ${ctx.params.watchesPerChange} watch(es) on average; raw = the same lookups as prepared statements on a second connection`);
  const c = summarize(coreMs);
  const r = summarize(rawMs);
  return [
    row({ metric: 'per flight price change p50', unit: 'ms', value: c.p50, raw: r.p50, rawLabel: 'raw lookups p50', better: 'lower' }),
    row({ metric: 'per flight price change p95', unit: 'ms', value: c.p95, raw: r.p95, rawLabel: 'raw lookups p95', better: 'lower' }),
  ];
}
