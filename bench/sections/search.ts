/**
 * 3. Cached flight search: flights.search through Core.call on a standalone core whose SQLite holds
 * the bench seed (≥ 1M flights; quick: 100k), against the same SELECT run with better-sqlite3 on a
 * second connection to the same file. Core and raw queries alternate, with the same parameters.
 */
import { addDays, toDbInstant } from '../../shared/time';
import { FLIGHT_COLUMNS, FLIGHTS_WITH_ZONES } from '../../main/core/ops/rows';
import { DEMO_PASSWORD, type SeedScale } from '../../tools/seed/generate';
import { benchCore, openBenchCoreFile, signIn, type SectionCtx } from '../lib/env';
import { row, type Row } from '../lib/report';
import { copySeedDb, ensureSeedDb } from '../lib/seedDb';
import { summarize } from '../lib/stats';

/** bench = ≥ 1,000,000 flights; quick: demo = 103,050 flights (its busy routes alone are ~82k). */
export const searchScale = (quick: boolean): SeedScale => (quick ? 'demo' : 'bench');

interface Probe { from: string; to: string; day: string }

export async function benchSearch(ctx: SectionCtx): Promise<Row[]> {
  const scale = searchScale(ctx.opts.quick);
  const n = ctx.opts.quick ? 200 : 1_000;
  const nPrice = ctx.opts.quick ? 2 : 3;
  const seedDb = await ensureSeedDb(scale, ctx.say);
  ctx.params.scale = scale;
  ctx.params.flights = seedDb.flights;
  ctx.params.dbFile = seedDb.file;
  ctx.params.dbMB = Math.round(seedDb.bytes / 1e6);
  ctx.params.cached = seedDb.cached;
  if (seedDb.generatedMs !== null) ctx.params.generatedSeconds = Math.round(seedDb.generatedMs / 100) / 10;
  ctx.params.queriesPerKind = n;

  const dir = ctx.tmpDir('td-bench-search-');
  copySeedDb(seedDb, dir);
  const { core } = await benchCore(ctx, {}, dir);
  const token = await signIn(core, 'agent@tripdesk.test', DEMO_PASSWORD);

  const raw = openBenchCoreFile(core, { readonly: true });
  ctx.defer(() => raw.close());
  const count = (raw.prepare('SELECT COUNT(*) AS n FROM flights').get() as { n: number }).n;
  ctx.params.flightsInDb = count;

  // Real (from, to, day) triples: the routes and days of randomly picked flights.
  const maxId = (raw.prepare('SELECT MAX(id) AS m FROM flights').get() as { m: number }).m;
  const pick = raw.prepare('SELECT departure_airport AS "from", arrival_airport AS "to", substr(departure_ts_utc, 1, 10) AS day FROM flights WHERE id >= ? ORDER BY id LIMIT 1');
  let seed = 12345;
  const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const probes: Probe[] = Array.from({ length: n }, () => pick.get(1 + Math.floor(rand() * maxId)) as Probe);

  // The service's reads: flights with their airports' zones (an offer states local times).
  const routeSql = `SELECT ${FLIGHT_COLUMNS} FROM ${FLIGHTS_WITH_ZONES} WHERE f.seats_available >= ? AND f.departure_airport = ? AND f.arrival_airport = ? AND f.departure_ts_utc >= ? AND f.departure_ts_utc < ? ORDER BY f.departure_ts_utc, f.id LIMIT ?`;
  const anySql = `SELECT ${FLIGHT_COLUMNS} FROM ${FLIGHTS_WITH_ZONES} WHERE f.seats_available >= ? AND f.departure_ts_utc >= ? ORDER BY f.departure_ts_utc, f.id LIMIT ?`;
  const priceSql = `SELECT ${FLIGHT_COLUMNS} FROM ${FLIGHTS_WITH_ZONES} WHERE f.seats_available >= ? AND f.departure_ts_utc >= ? ORDER BY f.price_cents, f.id LIMIT ?`;
  const routeStmt = raw.prepare(routeSql);
  const anyStmt = raw.prepare(anySql);
  const priceStmt = raw.prepare(priceSql);
  const LIMIT = 50; // the contract's default page; the service asks for one more row to know if there is a next page

  const coreRoute: number[] = [];
  const rawRoute: number[] = [];
  const coreAny: number[] = [];
  const rawAny: number[] = [];
  let routeRows = 0;
  const time = async (fn: () => unknown): Promise<number> => {
    const t = performance.now();
    await fn();
    return performance.now() - t;
  };
  const searchCall = async (input: object) => {
    const res = await core.call('flights.search', input, token);
    if (!res.ok) throw new Error(`flights.search: ${res.error.code} ${res.error.message}`);
    return (res.value as { items: unknown[] }).items.length;
  };
  // Warm-up: a few of each (statement caches, page cache).
  for (const p of probes.slice(0, 20)) {
    await searchCall({ from: p.from, to: p.to, date: p.day });
    routeStmt.all(1, p.from, p.to, `${p.day} 00:00:00.000`, `${addDays(p.day, 1)} 00:00:00.000`, LIMIT + 1);
  }
  for (let i = 0; i < n; i++) {
    const p = probes[i]!;
    const lo = `${p.day} 00:00:00.000`;
    const hi = `${addDays(p.day, 1)} 00:00:00.000`;
    coreRoute.push(await time(async () => { routeRows += await searchCall({ from: p.from, to: p.to, date: p.day }); }));
    rawRoute.push(await time(() => routeStmt.all(1, p.from, p.to, lo, hi, LIMIT + 1)));
    coreAny.push(await time(() => searchCall({})));
    rawAny.push(await time(() => anyStmt.all(1, toDbInstant(Date.now()), LIMIT + 1)));
  }
  ctx.params.avgRowsPerRouteSearch = Math.round((routeRows / n) * 10) / 10;

  // Sorting by price without filters (the UI's "Sort by: Price" on an empty form): no index has
  // price first, so this is a scan + sort of every future flight. Few runs: it is slow.
  const corePrice: number[] = [];
  const rawPrice: number[] = [];
  await searchCall({ sort: 'price' });
  priceStmt.all(1, toDbInstant(Date.now()), LIMIT + 1);
  for (let i = 0; i < nPrice; i++) {
    corePrice.push(await time(() => searchCall({ sort: 'price' })));
    rawPrice.push(await time(() => priceStmt.all(1, toDbInstant(Date.now()), LIMIT + 1)));
  }
  const plan = (raw.prepare(`EXPLAIN QUERY PLAN ${priceSql}`).all(1, '2000-01-01', 51) as Array<{ detail: string }>).map((r) => r.detail).join('; ');
  ctx.notes.push(`query plan, no filter sorted by price: ${plan}`);
  ctx.notes.push(`${count.toLocaleString('en-US')} flights in the cached SQLite (${ctx.params.dbMB} MB${seedDb.cached ? ', from the cache' : ', generated this run'}); raw = the service's SELECT on a second better-sqlite3 connection, same params, alternating with the core`);

  const cr = summarize(coreRoute);
  const rr = summarize(rawRoute);
  const ca = summarize(coreAny);
  const ra = summarize(rawAny);
  const cp = summarize(corePrice);
  const rp = summarize(rawPrice);
  const budget = [{ on: 'abs' as const, op: '<=' as const, value: 16 }];
  return [
    row({ metric: 'from/to/date p50', unit: 'ms', value: cr.p50, raw: rr.p50, rawLabel: 'raw SELECT p50', better: 'lower' }),
    row({ metric: 'from/to/date p95', unit: 'ms', value: cr.p95, raw: rr.p95, rawLabel: 'raw SELECT p95', better: 'lower', goals: budget }),
    row({ metric: 'no filter p50', unit: 'ms', value: ca.p50, raw: ra.p50, rawLabel: 'raw SELECT p50', better: 'lower' }),
    row({ metric: 'no filter p95', unit: 'ms', value: ca.p95, raw: ra.p95, rawLabel: 'raw SELECT p95', better: 'lower', goals: budget }),
    row({ metric: `no filter, sort=price, max of ${nPrice}`, unit: 'ms', value: cp.max, raw: rp.max, rawLabel: 'raw SELECT, max', better: 'lower', note: 'not in the brief: the UI can ask for it' }),
  ];
}
