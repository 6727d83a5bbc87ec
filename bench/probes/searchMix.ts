/** The searches both RSS probes run, and how they read their own memory. */
import Database from 'better-sqlite3-multiple-ciphers';
import fs from 'node:fs';

export interface SearchInput { from?: string; to?: string; date?: string; sort?: 'price' | 'time' }

export interface Memory { rssMB: number; peakRssMB: number | null; heapUsedMB: number; externalMB: number }

export function memory(): Memory {
  const m = process.memoryUsage();
  let peak: number | null = null;
  try {
    const hwm = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    if (hwm) peak = Number(hwm[1]) / 1024;
  } catch {
    /* not Linux */
  }
  const mb = (x: number) => Math.round((x / 1048576) * 10) / 10;
  return { rssMB: mb(m.rss), peakRssMB: peak === null ? null : Math.round(peak * 10) / 10, heapUsedMB: mb(m.heapUsed), externalMB: mb(m.external) };
}

/** 20 route/day searches, 20 unfiltered ones, 2 sorted by price: a few minutes of an agent's day. */
export async function runSearches(file: string, search: (input: SearchInput) => Promise<number>): Promise<number> {
  const probeDb = new Database(file, { readonly: true });
  const maxId = (probeDb.prepare('SELECT MAX(id) AS m FROM flights').get() as { m: number }).m;
  const pick = probeDb.prepare('SELECT departure_airport AS "from", arrival_airport AS "to", substr(departure_ts_utc, 1, 10) AS date FROM flights WHERE id >= ? ORDER BY id LIMIT 1');
  const probes = Array.from({ length: 20 }, (_, i) => pick.get(1 + Math.floor(((i * 7919) % 1000) / 1000 * maxId)) as SearchInput);
  probeDb.close();
  let n = 0;
  for (const p of probes) n += await search(p);
  for (let i = 0; i < 20; i++) n += await search({});
  for (let i = 0; i < 2; i++) n += await search({ sort: 'price' });
  return n;
}
