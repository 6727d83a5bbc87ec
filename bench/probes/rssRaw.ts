/**
 * Child process for the RSS benchmark's raw limit: the same database and the same searches with
 * better-sqlite3 alone (no core), memory printed as one JSON line. Bundled and run by bench/sections/rss.ts.
 */
import Database from 'better-sqlite3-multiple-ciphers';
import fs from 'node:fs';
import path from 'node:path';
import { FLIGHT_COLUMNS } from '../../main/core/ops/rows';
import { addDays, toDbInstant } from '../../shared/time';
import { memory, runSearches } from './searchMix';

async function main(): Promise<void> {
  const dir = process.argv[2];
  const file = dir ? path.join(dir, 'tripdesk.sqlite') : '';
  if (!fs.existsSync(file)) throw new Error('usage: rssRaw.ts <data dir holding tripdesk.sqlite>');
  const before = memory();
  const db = new Database(file, { readonly: true });
  const afterOpen = memory();
  const route = db.prepare(`SELECT ${FLIGHT_COLUMNS} FROM flights WHERE seats_available >= ? AND departure_airport = ? AND arrival_airport = ? AND departure_ts_utc >= ? AND departure_ts_utc < ? ORDER BY departure_ts_utc, id LIMIT ?`);
  const any = db.prepare(`SELECT ${FLIGHT_COLUMNS} FROM flights WHERE seats_available >= ? AND departure_ts_utc >= ? ORDER BY departure_ts_utc, id LIMIT ?`);
  const price = db.prepare(`SELECT ${FLIGHT_COLUMNS} FROM flights WHERE seats_available >= ? AND departure_ts_utc >= ? ORDER BY price_cents, id LIMIT ?`);
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
