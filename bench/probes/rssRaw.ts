/**
 * Child process for the RSS benchmark's raw limit: the same database and the same searches with
 * better-sqlite3 alone (no core), memory printed as one JSON line. Bundled and run by bench/sections/rss.ts.
 */
import Database from 'better-sqlite3-multiple-ciphers';
import fs from 'node:fs';
import path from 'node:path';
import { FLIGHT_COLUMNS, FLIGHTS_WITH_ZONES } from '../../main/core/ops/rows';
import { addDays, toDbInstant } from '../../shared/time';
import { memory, runSearches } from './searchMix';

async function main(): Promise<void> {
  const dir = process.argv[2];
  const file = dir ? path.join(dir, 'tripdesk.sqlite') : '';
  if (!fs.existsSync(file)) throw new Error('usage: rssRaw.ts <data dir holding tripdesk.sqlite>');
  const before = memory();
  const db = new Database(file, { readonly: true });
  const afterOpen = memory();
  // The core's reads: flights with their airports' zones (an offer states local times).
  const route = db.prepare(`SELECT ${FLIGHT_COLUMNS} FROM ${FLIGHTS_WITH_ZONES} WHERE f.seats_available >= ? AND f.departure_airport = ? AND f.arrival_airport = ? AND f.departure_ts_utc >= ? AND f.departure_ts_utc < ? ORDER BY f.departure_ts_utc, f.id LIMIT ?`);
  const any = db.prepare(`SELECT ${FLIGHT_COLUMNS} FROM ${FLIGHTS_WITH_ZONES} WHERE f.seats_available >= ? AND f.departure_ts_utc >= ? ORDER BY f.departure_ts_utc, f.id LIMIT ?`);
  const price = db.prepare(`SELECT ${FLIGHT_COLUMNS} FROM ${FLIGHTS_WITH_ZONES} WHERE f.seats_available >= ? AND f.departure_ts_utc >= ? ORDER BY f.price_cents, f.id LIMIT ?`);
  const searches = await runSearches(file, async (input) => {
    if (input.from && input.to && input.date) {
      return route.all(1, input.from, input.to, `${input.date} 00:00:00.000`, `${addDays(input.date, 1)} 00:00:00.000`, 51).length;
    }
    return (input.sort === 'price' ? price : any).all(1, toDbInstant(Date.now()), 51).length;
  });
  const after = memory();
  db.close();
  console.log(JSON.stringify({ before, afterOpen, after, searches }));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
