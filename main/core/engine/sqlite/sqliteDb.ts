import Database from 'better-sqlite3-multiple-ciphers';
import fs from 'node:fs';
import path from 'node:path';
import type { SqlDb, SqlParams, SqlRunResult, SqlSession } from '../sql';
import { deviceSecretBox, type SecretBox } from '../secretBox';

export type RawSqlite = Database.Database;

export interface OpenOptions {
  readonly?: boolean;
  /** Runs before the first read of the file: where an encrypted database is given its key. */
  before?: (db: RawSqlite) => void;
  /** WAL unless a step (rekeying) needs a rollback journal. */
  journal?: 'WAL' | 'DELETE';
}

export function openSqliteFile(file: string, opts: OpenOptions = {}): RawSqlite {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const db = new Database(file, { readonly: opts.readonly ?? false });
  opts.before?.(db);
  if (opts.readonly) return db;
  try {
    db.pragma(`journal_mode = ${opts.journal ?? 'WAL'}`);
  } catch (err) {
    // A wrong key shows first here: leave the answer to the caller's read.
    if ((err as { code?: string }).code === 'SQLITE_NOTADB') return db;
    throw err;
  }
  db.pragma('foreign_keys = ON');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  // A statement that may change several rows (a range of inventory days, a cascade) or a
  // SAVEPOINT copies every page it changes to a statement journal first: a temporary file by
  // default, created, written page by page and deleted in every such transaction. In memory it is
  // a memcpy.
  db.pragma('temp_store = MEMORY');
  // SQLite checkpoints inline, in the commit that fills the WAL: it copies the WAL into the
  // database file and syncs both, 40-50 ms per 4,000 pages on a slow disk, and the next commit is
  // slow too. A booking writes ~24 pages, so at 4,000 pages one booking in ~85 paid for one, which
  // set the p99 of bookings (2.3 ms). At 16,000 pages (64 MB) it is one in ~340, each checkpoint
  // about 4x as long (150-190 ms, the p99.9), the cost per write the same. The size limit must stay
  // above the WAL's: below it, the file was truncated and regrown every cycle, slowing every commit.
  // (A checkpointer on a worker thread was measured too: its syncs stalled the writer's commits
  // more often than the inline checkpoint does.)
  db.pragma('wal_autocheckpoint = 16000');
  db.pragma('journal_size_limit = 83886080');
  return db;
}

/** The codes better-sqlite3 gives a row a unique or primary key refused. */
const DUPLICATE_CODES = new Set(['SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY']);

export function isDuplicateKey(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && DUPLICATE_CODES.has(code);
}

class Session implements SqlSession {
  // BEGIN IMMEDIATE already holds the whole database for the transaction: no row locks to take.
  readonly lockForUpdate = '';
  private readonly cache = new Map<string, Database.Statement>();
  constructor(protected readonly raw: RawSqlite) {}

  provisionalColumn(alias?: string): string {
    return alias ? `${alias}.provisional` : 'provisional';
  }
  isDuplicate(err: unknown): boolean {
    return isDuplicateKey(err);
  }
  isMissingReference(err: unknown): boolean {
    return (err as { code?: unknown } | null)?.code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
  }
  onKeyConflict(key: readonly string[], set: readonly string[], also?: string): string {
    return ` ON CONFLICT (${key.join(', ')}) DO UPDATE SET ${[...set.map((c) => `${c} = excluded.${c}`), ...(also ? [also] : [])].join(', ')}`;
  }

  protected stmt(sql: string): Database.Statement {
    let s = this.cache.get(sql);
    if (!s) {
      s = this.raw.prepare(sql);
      if (this.cache.size > 500) this.cache.clear();
      this.cache.set(sql, s);
    }
    return s;
  }
  allSync<T>(sql: string, params: SqlParams = []): T[] {
    return this.stmt(sql).all(...params) as T[];
  }
  getSync<T>(sql: string, params: SqlParams = []): T | undefined {
    return this.stmt(sql).get(...params) as T | undefined;
  }
  runSync(sql: string, params: SqlParams = []): SqlRunResult {
    const info = this.stmt(sql).run(...params);
    return { affectedRows: info.changes, insertId: Number(info.lastInsertRowid) };
  }
  async all<T>(sql: string, params?: SqlParams): Promise<T[]> {
    return this.allSync<T>(sql, params);
  }
  async get<T>(sql: string, params?: SqlParams): Promise<T | undefined> {
    return this.getSync<T>(sql, params);
  }
  async run(sql: string, params?: SqlParams): Promise<SqlRunResult> {
    return this.runSync(sql, params);
  }
}

/**
 * One connection, so transactions are serialised here: a transaction holds the lock from BEGIN to
 * COMMIT, and calls made outside it wait rather than slip into it.
 */
export class SqliteDb extends Session implements SqlDb {
  private tail: Promise<unknown> = Promise.resolve();
  /** Transactions in flight; reads wait only while one holds the connection. */
  private busy = 0;
  private readonly txSession: Session;
  // Prepared once: exec() would parse the statement again on every transaction.
  private readonly begin: Database.Statement;
  private readonly commit: Database.Statement;
  private readonly rollback: Database.Statement;

  /** Seals operators' two-factor secrets in this file (the device's key; host/core.ts passes it). */
  constructor(readonly handle: RawSqlite, readonly secrets: SecretBox = deviceSecretBox(null)) {
    super(handle);
    this.txSession = new Session(handle);
    this.begin = handle.prepare('BEGIN IMMEDIATE');
    this.commit = handle.prepare('COMMIT');
    this.rollback = handle.prepare('ROLLBACK');
  }

  private exclusive<T>(work: () => Promise<T> | T): Promise<T> {
    const run = this.tail.then(work, work);
    this.tail = run.catch(() => undefined);
    return run;
  }

  override all<T>(sql: string, params?: SqlParams): Promise<T[]> {
    if (this.busy === 0) return Promise.resolve(this.allSync<T>(sql, params));
    return this.exclusive(() => this.allSync<T>(sql, params));
  }
  override get<T>(sql: string, params?: SqlParams): Promise<T | undefined> {
    if (this.busy === 0) return Promise.resolve(this.getSync<T>(sql, params));
    return this.exclusive(() => this.getSync<T>(sql, params));
  }
  override run(sql: string, params?: SqlParams): Promise<SqlRunResult> {
    return this.exclusive(() => this.runSync(sql, params));
  }


  /**
   * Synchronous work on the raw handle (bulk loads, the mirror), under the same lock as
   * transactions: a statement run while another transaction is open would silently join it.
   */
  withHandle<T>(work: (raw: RawSqlite) => T): Promise<T> {
    return this.exclusive(() => work(this.handle));
  }

  /**
   * Like withHandle, for work that yields to the event loop while it holds its own transaction
   * (the first start's demo load): reads wait too, as they do for a transaction.
   */
  withHandleHeld<T>(work: (raw: RawSqlite) => Promise<T>): Promise<T> {
    return this.exclusive(async () => {
      this.busy++;
      try {
        return await work(this.handle);
      } finally {
        this.busy--;
      }
    });
  }

  transaction<T>(work: (tx: SqlSession) => Promise<T>): Promise<T> {
    return this.exclusive(async () => {
      this.busy++;
      this.begin.run();
      try {
        const out = await work(this.txSession);
        this.commit.run();
        return out;
      } catch (err) {
        if (this.handle.inTransaction) this.rollback.run();
        throw err;
      } finally {
        this.busy--;
      }
    });
  }

  async close(): Promise<void> {
    await this.tail;
    if (this.handle.open) this.handle.close();
  }
}
