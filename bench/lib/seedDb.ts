/**
 * The search benchmarks' SQLite database: the project's seed (loadIntoSqlite) in a freshly migrated
 * file, generated once and cached in ~/.cache/tripdesk/bench/ keyed by scale + seed + day (plus a
 * hash of the SQLite migrations and the seed code, so a schema or generator change regenerates it).
 * Each user gets a private copy: the core writes to its database, the cache must stay pristine.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { DEMO_PASSWORD, resolvePlan, type SeedScale } from '../../tools/seed/generate';
import { loadIntoSqlite } from '../../tools/seed/loadSqlite';
import { hashPassword } from '../../main/core/ops/auth/passwords';
import { migrateSqlite } from '../../main/core/engine/sqlite/migrate';
import { openSqliteFile } from '../../main/core/engine/sqlite/sqliteDb';
import { CACHE_DIR, ROOT, type Say } from './env';

export interface SeedDb {
  file: string;
  key: string;
  cached: boolean;
  /** Generation time (ms) when it was made in this run. */
  generatedMs: number | null;
  flights: number;
  bytes: number;
}

function sourceHash(): string {
  const h = createHash('sha256');
  const dirs = [path.join(ROOT, 'migrations', 'sqlite'), path.join(ROOT, 'tools', 'seed')];
  for (const dir of dirs) {
    for (const f of fs.readdirSync(dir).sort()) {
      h.update(f);
      h.update(fs.readFileSync(path.join(dir, f)));
    }
  }
  return h.digest('hex').slice(0, 10);
}

export function seedKey(scale: SeedScale, seed: number, today: string): string {
  return `seed-${String(scale)}-s${seed}-${today}-${sourceHash()}`;
}

/** The cached database for (scale, seed, today), generated if missing. */
export async function ensureSeedDb(scale: SeedScale, say: Say, seed = 42): Promise<SeedDb> {
  const plan = resolvePlan({ scale, seed });
  const key = seedKey(scale, seed, plan.today);
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  const file = path.join(CACHE_DIR, `${key}.sqlite`);
  if (fs.existsSync(file)) {
    return { file, key, cached: true, generatedMs: null, flights: plan.flights, bytes: fs.statSync(file).size };
  }
  say(`generating the ${String(scale)} seed (${plan.flights.toLocaleString('en-US')} flights) into ${file} (cached for next runs)…`);
  const tmp = path.join(CACHE_DIR, `.${key}.${process.pid}.tmp.sqlite`);
  const t = performance.now();
  try {
    const db = openSqliteFile(tmp);
    try {
      migrateSqlite(db);
      const hash = await hashPassword(DEMO_PASSWORD);
      let lastPhase = '';
      loadIntoSqlite(db, { scale, seed, today: plan.today, hashPassword: () => hash }, (p) => {
        if (p.phase !== lastPhase) {
          lastPhase = p.phase;
          if (p.total >= 100_000) say(`  loading ${p.phase} (${p.total.toLocaleString('en-US')} rows)`);
        }
      });
      db.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      db.close();
    }
    for (const suffix of ['-wal', '-shm']) fs.rmSync(tmp + suffix, { force: true });
    fs.renameSync(tmp, file);
  } catch (err) {
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(tmp + suffix, { force: true });
    throw err;
  }
  const generatedMs = performance.now() - t;
  pruneOld(scale, key);
  say(`  generated in ${(generatedMs / 1000).toFixed(1)} s (${(fs.statSync(file).size / 1e6).toFixed(0)} MB)`);
  return { file, key, cached: false, generatedMs, flights: plan.flights, bytes: fs.statSync(file).size };
}

/** Older cached databases of the same scale (another day or schema) are only disk space now. */
function pruneOld(scale: SeedScale, keep: string): void {
  const prefix = `seed-${String(scale)}-`;
  for (const f of fs.readdirSync(CACHE_DIR)) {
    if (f.startsWith(prefix) && f.endsWith('.sqlite') && f !== `${keep}.sqlite`) fs.rmSync(path.join(CACHE_DIR, f), { force: true });
  }
}

/** A private copy as `<dir>/tripdesk.sqlite` (the file startCore opens for a data dir). */
export function copySeedDb(db: SeedDb, dir: string): string {
  fs.mkdirSync(dir, { recursive: true });
  const target = path.join(dir, 'tripdesk.sqlite');
  fs.copyFileSync(db.file, target, fs.constants.COPYFILE_FICLONE);
  return target;
}
