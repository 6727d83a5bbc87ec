// Loads a generated seed into a TripDesk SQLite database whose schema already exists
// (migrations/sqlite/001_schema.sql). Rows go in through prepared multi-row INSERTs inside large
// transactions; this is what makes a million flights a matter of seconds rather than minutes.

import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import {
  createSeed, SEED_TABLES, type SeedDataset, type SeedPlan, type SeedRow, type SeedTableName,
} from './generate';
import type { SeedOptions } from './plan';

export interface SeedProgress {
  /** The table being loaded (or 'clear' while --replace empties the old rows). */
  phase: string;
  done: number;
  total: number;
}

export type SeedProgressListener = (p: SeedProgress) => void;

export interface LoadOptions extends SeedOptions {
  /** Hashes the operators' password ('tripdesk-demo'); the loader never hashes by itself. */
  hashPassword: (password: string) => string;
  /** Delete the rows of the seeded tables first. Without it, a database that already holds seed rows is refused. */
  replace?: boolean;
  /** The key the saved cards' gateway tokens are signed with (TRIPDESK_GATEWAY_KEY); default: the development key. */
  gatewayKey?: string;
}

export interface LoadResult {
  plan: SeedPlan;
  counts: Readonly<Record<SeedTableName, number>>;
  rows: number;
  ms: number;
}

/** Rows per multi-row INSERT: past ~64 the statement setup is amortised and bigger gains nothing. */
const ROWS_PER_STATEMENT = 64;
/** Rows per transaction: big enough to be fast, small enough to keep the WAL and progress moving. */
const ROWS_PER_TRANSACTION = 100_000;
/** Rows between two yields of the stepwise load (tens of milliseconds of work). */
const ROWS_PER_STEP = 10_000;

/** From this many rows on, secondary indexes are dropped and rebuilt after the insert. */
const REBUILD_INDEXES_FROM = 50_000;

/** Tables the seed does not fill that point at seeded rows; emptied too when replacing. */
const DEPENDENT_TABLES = ['flight_seat_holds'] as const;

export function loadIntoSqlite(
  db: BetterSqlite3.Database,
  opts: LoadOptions,
  onProgress?: SeedProgressListener,
): LoadResult {
  const steps = loadSteps(db, opts, onProgress ?? (() => {}));
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

export interface StepwiseOptions {
  /** Between two steps (a few thousand rows each): the first start lets the event loop run here. */
  pause?: () => Promise<void>;
  /** Checked between steps: the open transaction is rolled back and the load rejects. */
  signal?: AbortSignal;
}

/**
 * The same load, giving the event loop back every few thousand rows, so the process that loads
 * (the console's first start) still answers its window and prints progress meanwhile. Nothing
 * else may use the connection until it resolves: a statement run between steps would land in
 * the load's open transaction.
 */
export async function loadIntoSqliteStepwise(
  db: BetterSqlite3.Database,
  opts: LoadOptions,
  onProgress?: SeedProgressListener,
  stepwise: StepwiseOptions = {},
): Promise<LoadResult> {
  const pause = stepwise.pause ?? (() => new Promise<void>((resolve) => setImmediate(resolve)));
  const steps = loadSteps(db, opts, onProgress ?? (() => {}));
  try {
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
      await pause();
      stepwise.signal?.throwIfAborted();
    }
  } finally {
    // Aborted or failed between steps: the generator's finally blocks roll back what is open.
    steps.return(undefined as never);
  }
}

function* loadSteps(db: BetterSqlite3.Database, opts: LoadOptions, report: SeedProgressListener): Generator<void, LoadResult> {
  const started = performance.now();
  const seed = createSeed(opts);

  const occupied = SEED_TABLES.filter(
    (t) => (db.prepare(`SELECT EXISTS (SELECT 1 FROM ${t}) AS has`).get() as { has: number }).has === 1,
  );
  if (occupied.length > 0) {
    if (!opts.replace) {
      throw new Error(`the database already holds seed data (${occupied.join(', ')}); pass replace: true (--replace) to overwrite it`);
    }
    clearSeedTables(db, report);
  }

  // A bigger page cache keeps the big tables' indexes in memory while they grow.
  const previousCache = db.pragma('cache_size', { simple: true }) as number;
  db.pragma('cache_size = -262144');
  try {
    for (const table of seed.tables) yield* insertTable(db, seed, table.name, report);
  } finally {
    db.pragma(`cache_size = ${previousCache}`);
  }
  db.pragma('optimize');

  return { plan: seed.plan, counts: seed.counts, rows: seed.totalRows, ms: performance.now() - started };
}

/**
 * A transaction around a body that yields between its steps. A savepoint, so it nests inside a
 * caller's transaction (the first start loads all its tables in one) as db.transaction() did.
 */
function* inTransaction<T>(db: BetterSqlite3.Database, body: () => Generator<void, T>): Generator<void, T> {
  db.exec('SAVEPOINT seed_load');
  let released = false;
  try {
    const out = yield* body();
    db.exec('RELEASE seed_load');
    released = true;
    return out;
  } finally {
    if (!released && db.inTransaction) {
      db.exec('ROLLBACK TO seed_load');
      db.exec('RELEASE seed_load');
    }
  }
}

function clearSeedTables(db: BetterSqlite3.Database, report: SeedProgressListener): void {
  const order = [...DEPENDENT_TABLES, ...[...SEED_TABLES].reverse()];
  db.transaction(() => {
    order.forEach((t, i) => {
      db.prepare(`DELETE FROM ${t}`).run();
      report({ phase: 'clear', done: i + 1, total: order.length });
    });
  })();
}

function insertSql(table: string, columns: readonly string[], rows: number): string {
  const one = `(${columns.map(() => '?').join(', ')})`;
  return `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${Array.from({ length: rows }, () => one).join(', ')}`;
}

interface IndexDef {
  name: string;
  sql: string;
}

/** Secondary indexes declared with CREATE INDEX (not the automatic ones behind PRIMARY KEY / UNIQUE). */
function secondaryIndexes(db: BetterSqlite3.Database, table: string): IndexDef[] {
  return db
    .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL ORDER BY name")
    .all(table) as IndexDef[];
}

function* insertTable(db: BetterSqlite3.Database, seed: SeedDataset, name: SeedTableName, report: SeedProgressListener): Generator<void, void> {
  const table = seed.table(name);
  const width = table.columns.length;
  const many = db.prepare(insertSql(name, table.columns, ROWS_PER_STATEMENT));
  const single = db.prepare(insertSql(name, table.columns, 1));
  const params: SeedRow = new Array(ROWS_PER_STATEMENT * width);
  const total = table.count;
  let done = 0;
  report({ phase: name, done: 0, total });

  const rows = table.rows();
  const insertSome = (limit: number): number => {
    let n = 0;
    let filled = 0;
    while (n < limit) {
      const next = rows.next();
      if (next.done) break;
      const row = next.value;
      for (let c = 0; c < width; c++) params[filled * width + c] = row[c] as SeedRow[number];
      filled++;
      n++;
      if (filled === ROWS_PER_STATEMENT) {
        many.run(params);
        filled = 0;
      }
    }
    for (let r = 0; r < filled; r++) single.run(params.slice(r * width, (r + 1) * width));
    done += n;
    if (n > 0) report({ phase: name, done, total });
    return n;
  };
  /** Up to `limit` rows, a step at a time; how many went in. */
  function* insertUpTo(limit: number): Generator<void, number> {
    let inserted = 0;
    for (let n = ROWS_PER_STEP; n === ROWS_PER_STEP && inserted < limit; ) {
      n = insertSome(Math.min(ROWS_PER_STEP, limit - inserted));
      inserted += n;
      yield;
    }
    return inserted;
  }

  const indexes = total >= REBUILD_INDEXES_FROM ? secondaryIndexes(db, name) : [];
  if (indexes.length > 0) {
    // Maintaining the flights' three indexes row by row took ~50 s for a million rows; inserting
    // without them and building them afterwards from sorted keys takes ~7 s + ~5 s. One
    // transaction, so a crash mid-load rolls back to the table with its indexes, never without.
    yield* inTransaction(db, function* () {
      for (const ix of indexes) db.exec(`DROP INDEX ${ix.name}`);
      yield* insertUpTo(Infinity);
      report({ phase: `${name} (indexing)`, done, total });
      yield;
      for (const ix of indexes) {
        db.exec(ix.sql);
        yield;
      }
    });
  } else {
    for (let n = ROWS_PER_TRANSACTION; n === ROWS_PER_TRANSACTION; ) n = yield* inTransaction(db, () => insertUpTo(ROWS_PER_TRANSACTION));
  }
  if (done !== total) throw new Error(`seed ${name}: generated ${done} rows, expected ${total}`);
}
