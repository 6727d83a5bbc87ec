// Fill a TripDesk database with deterministic demo or benchmark data.
//
//   npm run seed-data -- --scale demo|bench|<n> [--seed 42] [--target sqlite|central] [--db path]
//                        [--today YYYY-MM-DD] [--replace]
//
// Target: central (MySQL + MongoDB) when TRIPDESK_MYSQL_URL and TRIPDESK_MONGO_URL are both set,
// otherwise the standalone SQLite file ${TRIPDESK_DATA_DIR}/tripdesk.sqlite. Every operator gets
// the password 'tripdesk-demo' (agent@, supervisor@ and admin@tripdesk.test, plus a few agents).

import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { MongoClient } from 'mongodb';
import { defaultDataDir, loadConfig } from '../main/core/config';
import { createSeed, DEMO_OPERATORS, DEMO_PASSWORD, parseScale, type SeedScale } from '../tools/seed/generate';
import { loadIntoCentral } from '../tools/seed/loadCentral';
import { loadIntoSqlite, type LoadResult, type SeedProgress } from '../tools/seed/loadSqlite';
import { hashPasswords } from '../main/core/ops/auth/passwords';
import { migrateMongo } from '../main/core/engine/mongo/migrate';
import { migrateMysql } from '../main/core/engine/mysql/migrate';
import { createMysqlPool } from '../main/core/engine/mysql/mysqlDb';
import { migrateSqlite } from '../main/core/engine/sqlite/migrate';
import { openSqliteFile } from '../main/core/engine/sqlite/sqliteDb';
import { openDeviceDatabase } from '../main/core/engine/sqlite/deviceDatabase';

const USAGE = `Usage: npm run seed-data -- [options]

  --scale demo|bench|<n>   demo (default): ~103k flights, 200 hotels, 300 cars, 500 customers, 300 bookings
                           bench: ~1M flights, 10k hotels, 2k cars, 20k customers, 2k bookings
                           <n>: every demo count times n (0.1, 2, 10…)
  --seed <int>             default 42; same seed + same day = same data
  --today YYYY-MM-DD       first day of the schedules (default: today, UTC)
  --target sqlite|central  default: central when TRIPDESK_MYSQL_URL and TRIPDESK_MONGO_URL are set
  --db <path>              SQLite file (default: $TRIPDESK_DATA_DIR/tripdesk.sqlite)
  --replace                delete the seeded tables' rows first (otherwise a non-empty database is refused)
`;

interface Args {
  scale: SeedScale;
  seed: number;
  today?: string;
  target: 'sqlite' | 'central';
  db?: string;
  replace: boolean;
}

function parseArgs(argv: string[]): Args {
  const values = new Map<string, string>();
  const flags = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--help' || arg === '-h') {
      process.stdout.write(USAGE);
      process.exit(0);
    }
    if (!arg.startsWith('--')) throw new Error(`unexpected argument "${arg}"\n\n${USAGE}`);
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(2, eq) : arg.slice(2);
    if (name === 'replace') {
      flags.add(name);
      continue;
    }
    if (!['scale', 'seed', 'today', 'target', 'db'].includes(name)) throw new Error(`unknown option --${name}\n\n${USAGE}`);
    const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined) throw new Error(`--${name} needs a value`);
    values.set(name, value);
  }
  const seedText = values.get('seed') ?? '42';
  const seed = Number(seedText);
  if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer, got "${seedText}"`);
  const centralConfigured = Boolean(process.env.TRIPDESK_MYSQL_URL && process.env.TRIPDESK_MONGO_URL);
  const target = values.get('target') ?? (centralConfigured ? 'central' : 'sqlite');
  if (target !== 'sqlite' && target !== 'central') throw new Error(`--target must be sqlite or central, got "${target}"`);
  const args: Args = { scale: parseScale(values.get('scale') ?? 'demo'), seed, target, replace: flags.has('replace') };
  const today = values.get('today');
  if (today !== undefined) args.today = today;
  const db = values.get('db');
  if (db !== undefined) args.db = db;
  return args;
}

// ---- progress ------------------------------------------------------------------------------------

/** 'clear' and '<table> (indexing)' report progress but load no rows. */
const loadsRows = (phase: string) => phase !== '' && phase !== 'clear' && !phase.endsWith('(indexing)');

class ProgressBar {
  private readonly tty = Boolean(process.stderr.isTTY);
  private readonly started = performance.now();
  private finishedRows = 0;
  private phase = '';
  private phaseDone = 0;
  private phaseTotal = 0;
  private lastDraw = 0;
  private lastLine = 0;

  constructor(private readonly totalRows: number) {}

  update(p: SeedProgress): void {
    if (p.phase !== this.phase) {
      if (this.phase && !this.tty) this.print(this.line());
      if (loadsRows(this.phase)) this.finishedRows += this.phaseDone;
      this.phase = p.phase;
    }
    this.phaseDone = p.done;
    this.phaseTotal = p.total;
    const now = performance.now();
    if (this.tty) {
      // Redraw in place, at most ~12 times a second.
      if (now - this.lastDraw >= 80 || p.done === p.total) {
        process.stderr.write(`\r\x1b[2K${this.line()}`);
        this.lastDraw = now;
      }
    } else if (now - this.lastLine >= 3000) {
      this.print(this.line());
    }
  }

  done(): void {
    if (this.tty) process.stderr.write('\r\x1b[2K');
    else if (this.phase) this.print(this.line());
  }

  private print(text: string): void {
    process.stderr.write(`${text}\n`);
    this.lastLine = performance.now();
  }

  private line(): string {
    const width = 28;
    const frac = this.phaseTotal > 0 ? Math.min(1, this.phaseDone / this.phaseTotal) : 1;
    const filled = Math.round(frac * width);
    const bar = '#'.repeat(filled) + '-'.repeat(width - filled);
    const loaded = this.finishedRows + (loadsRows(this.phase) ? this.phaseDone : 0);
    const seconds = (performance.now() - this.started) / 1000;
    const rate = seconds > 0 ? Math.round(loaded / seconds) : 0;
    const overall = this.totalRows > 0 ? Math.floor((loaded / this.totalRows) * 100) : 0;
    return `${this.phase.padEnd(26)} [${bar}] ${fmt(this.phaseDone).padStart(9)}/${fmt(this.phaseTotal).padEnd(9)} ${fmt(rate).padStart(9)} rows/s  all ${String(overall).padStart(3)}%  ${seconds.toFixed(1)}s`;
  }
}

const fmt = (n: number) => n.toLocaleString('en-US');

// ---- main ----------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const expected = createSeed({ scale: args.scale, seed: args.seed, today: args.today });
  const { plan } = expected;
  // Pin the day once, so a run that straddles midnight UTC does not plan one day and load another.
  // One hash per operator (TRIPDESK_PASSWORD_COST, production unless set), made up front on the threadpool.
  const hashes = await hashPasswords(DEMO_PASSWORD, expected.counts.admins);
  let next = 0;
  const hashPassword = () => hashes[next++ % hashes.length] as string;
  const opts = { scale: args.scale, seed: args.seed, today: plan.today, hashPassword, replace: args.replace, gatewayKey: process.env.TRIPDESK_GATEWAY_KEY || undefined };
  process.stderr.write(
    `Seeding ${args.target}: scale ${String(plan.scale)}, seed ${plan.seed}, today ${plan.today}, ${fmt(expected.totalRows)} rows\n`,
  );
  const bar = new ProgressBar(expected.totalRows);

  let result: LoadResult;
  let where: string;
  if (args.target === 'sqlite') {
    const dataDir = process.env.TRIPDESK_DATA_DIR || defaultDataDir();
    const file = resolve(args.db ?? join(dataDir, 'tripdesk.sqlite'));
    // The console's own database is encrypted with its key; a file named by --db is a plain one
    // for tooling (a console encrypts it on its first open).
    const db = args.db ? openSqliteFile(file) : openDeviceDatabase(dataDir, process.env.TRIPDESK_DB_KEY || undefined);
    try {
      migrateSqlite(db);
      result = loadIntoSqlite(db, opts, (p) => bar.update(p));
      db.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      db.close();
    }
    where = `${file} (${(statSync(file).size / 1e6).toFixed(1)} MB)`;
  } else {
    const config = loadConfig();
    if (!config.mysqlUrl || !config.mongoUrl) throw new Error('--target central needs TRIPDESK_MYSQL_URL and TRIPDESK_MONGO_URL');
    // Two connections: the loader holds one for the whole load; the migrator may use another.
    const pool = createMysqlPool(config.mysqlUrl, 2);
    const client = new MongoClient(config.mongoUrl, { serverSelectionTimeoutMS: 5000 });
    try {
      await migrateMysql(pool);
      await client.connect();
      const mongoDb = client.db();
      await migrateMongo(mongoDb, { retentionDays: config.retentionDays });
      result = await loadIntoCentral(pool, mongoDb, opts, (p) => bar.update(p));
    } finally {
      await Promise.allSettled([pool.end(), client.close()]);
    }
    where = `MySQL ${redact(config.mysqlUrl)} + MongoDB ${redact(config.mongoUrl)}`;
  }
  bar.done();

  const seconds = result.ms / 1000;
  process.stderr.write(`Loaded ${fmt(result.rows)} rows in ${seconds.toFixed(1)}s (${fmt(Math.round(result.rows / seconds))} rows/s) into ${where}\n`);
  for (const [table, count] of Object.entries(result.counts)) process.stderr.write(`  ${table.padEnd(18)} ${fmt(count).padStart(10)}\n`);
  process.stderr.write(`Operators (password "${DEMO_PASSWORD}"): ${DEMO_OPERATORS.map((o) => `${o.email} (${o.role})`).join(', ')}\n`);
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(url)';
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`\nseed-data failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
