/**
 * 13. Rate import: a 100,000-line hotel rate sheet (quick: 20,000) through `imports.run` on a
 * standalone core — csv-parse streaming the file, every line checked (ids, dates, prices, the
 * rooms already booked), then one transaction of 500-row upserts with its applied_ops row —
 * beside the raw limit in the same run on the same database file: csv-parse's sync parser and
 * one prepared better-sqlite3 upsert per line in one transaction, with no checks at all. Half the
 * nights exist before each run (updated), half do not (created); both sides start from the same
 * rows every time.
 */
import { parse } from 'csv-parse/sync';
import { addDays } from '../../shared/time';
import type { ImportReport } from '../../shared/contract';
import { benchCore, callOk, ensureOperator, openBenchCoreFile, signIn, type SectionCtx } from '../lib/env';
import { row, type Row } from '../lib/report';
import { summarize } from '../lib/stats';

const DAYS = 400;

export async function benchImports(ctx: SectionCtx): Promise<Row[]> {
  const lines = ctx.opts.quick ? 20_000 : 100_000;
  const reps = ctx.opts.quick ? 1 : 3;
  const roomTypes = lines / DAYS;
  const { core } = await benchCore(ctx, {});
  const db = core.local.sql;
  await ensureOperator(core.local, 'supervisor@bench.test', 'supervisor');
  const token = await signIn(core, 'supervisor@bench.test');
  const at = '2026-01-01 00:00:00.000';
  await db.run("INSERT INTO us_states (code, name) VALUES ('NY', 'New York')");
  for (let h = 1; h <= roomTypes; h++) {
    await db.run("INSERT INTO hotels (id, name, address, city, state_code, star_rating, updated_at_utc) VALUES (?, ?, '1 Main St', 'New York', 'NY', 4, ?)", [h, `Bench Hotel ${h}`, at]);
    await db.run("INSERT INTO hotel_room_types (id, hotel_id, name, max_guests, base_price_cents) VALUES (?, ?, 'Double', 2, 15000)", [h, h]);
  }
  const first = addDays(new Date().toISOString().slice(0, 10), 1);
  const dayList = Array.from({ length: DAYS }, (_, d) => addDays(first, d));
  const rows: string[] = ['room_type_id,date,price_usd,rooms_total'];
  for (let r = 1; r <= roomTypes; r++) for (const [d, day] of dayList.entries()) rows.push(`${r},${day},${189 + (d % 40)}.${String(r % 100).padStart(2, '0')},${10 + (d % 5)}`);
  const csv = `${rows.join('\n')}\n`;

  const raw = openBenchCoreFile(core);
  ctx.defer(() => raw.close());
  // Every other night on sale before each run, at another price: the import updates those and opens the rest.
  const seedNight = raw.prepare('INSERT INTO hotel_inventory (room_type_id, stay_date, rooms_total, rooms_booked, price_cents, row_version) VALUES (?, ?, 8, 1, 9900, 1)');
  const reset = raw.transaction(() => {
    raw.prepare('DELETE FROM hotel_inventory').run();
    for (let r = 1; r <= roomTypes; r++) for (let d = 0; d < DAYS; d += 2) seedNight.run(r, dayList[d]);
  });
  const upsert = raw.prepare(`INSERT INTO hotel_inventory (room_type_id, stay_date, rooms_total, rooms_booked, price_cents, row_version) VALUES (?, ?, ?, 0, ?, 1)
    ON CONFLICT (room_type_id, stay_date) DO UPDATE SET rooms_total = excluded.rooms_total, price_cents = excluded.price_cents, row_version = row_version + 1`);
  const rawImport = raw.transaction((records: string[][]) => {
    for (let i = 1; i < records.length; i++) {
      const rec = records[i] as [string, string, string, string];
      const [dollars, cents = '0'] = rec[2].split('.');
      upsert.run(Number(rec[0]), rec[1], Number(rec[3]), Number(dollars) * 100 + Number(cents.padEnd(2, '0')));
    }
  });

  const coreMs: number[] = [];
  const dryMs: number[] = [];
  const rawMs: number[] = [];
  let report: ImportReport | null = null;
  for (let rep = 0; rep < reps; rep++) {
    reset();
    let t = performance.now();
    const dry = await callOk<ImportReport>(core, token, 'imports.run', { kind: 'hotelRates', csv, dryRun: true });
    dryMs.push(performance.now() - t);
    if (dry.problemCount !== 0) throw new Error(`the bench file has problems: ${JSON.stringify(dry.problems.slice(0, 3))}`);
    t = performance.now();
    report = await callOk<ImportReport>(core, token, 'imports.run', { kind: 'hotelRates', csv, dryRun: false });
    coreMs.push(performance.now() - t);
    reset();
    t = performance.now();
    rawImport(parse(csv) as string[][]);
    rawMs.push(performance.now() - t);
  }
  const check = raw.prepare('SELECT COUNT(*) AS n, SUM(price_cents) AS cents FROM hotel_inventory').get() as { n: number; cents: number };
  ctx.params.lines = lines;
  ctx.params.reps = reps;
  ctx.params.csvBytes = csv.length;
  ctx.params.created = report?.created;
  ctx.params.updated = report?.updated;
  ctx.params.rowsAfter = check.n;
  ctx.notes.push(`${lines.toLocaleString('en-US')} lines (${(csv.length / 1e6).toFixed(1)} MB) over ${roomTypes} room types × ${DAYS} nights, half on sale before; median of ${reps} run(s), each from the same rows; raw = csv-parse/sync + one prepared upsert per line in one better-sqlite3 transaction, no checks`);
  const c = summarize(coreMs);
  const d = summarize(dryMs);
  const r = summarize(rawMs);
  const perSec = (ms: number) => (lines * 1000) / ms;
  return [
    row({ metric: `imports.run hotelRates, ${lines.toLocaleString('en-US')} lines`, unit: 's', value: c.p50 / 1000, raw: r.p50 / 1000, rawLabel: 'csv-parse + prepared upserts', better: 'lower',
      goals: [{ on: 'abs', op: '<=', value: 10 }] }),
    row({ metric: 'imports.run throughput', unit: 'lines/s', value: perSec(c.p50), raw: perSec(r.p50), rawLabel: 'csv-parse + prepared upserts', better: 'higher',
      goals: [{ on: 'ratio', op: '>=', value: 0.25 }] }),
    row({ metric: 'imports.run dry run (checks only)', unit: 's', value: d.p50 / 1000, raw: r.p50 / 1000, rawLabel: 'csv-parse + prepared upserts', better: 'lower' }),
  ];
}
