import mysql from 'mysql2/promise';
import { ContractError } from '../../../../shared/contract/errors';
import type { SqlDb, SqlParams, SqlRunResult, SqlSession } from '../sql';

const DEADLOCK = 1213;
const LOCK_WAIT_TIMEOUT = 1205;
const DUPLICATE_ENTRY = 1062;
const MAX_ATTEMPTS = 6;

/** Errors that mean the server is out of reach (not that the request was wrong). */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND',
  'PROTOCOL_CONNECTION_LOST', 'PROTOCOL_SEQUENCE_TIMEOUT', 'ER_CON_COUNT_ERROR', 'POOL_CLOSED',
]);

export function isConnectionError(err: unknown): boolean {
  const e = err as { code?: string; fatal?: boolean; message?: string } | null;
  if (!e) return false;
  if (e.code && CONNECTION_CODES.has(e.code)) return true;
  if (e.fatal === true) return true;
  return /Connection lost|connect ETIMEDOUT|Pool is closed|Can't add new command when connection is in closed state/i.test(e.message ?? '');
}

export function isTransientLockError(err: unknown): boolean {
  const errno = (err as { errno?: number } | null)?.errno;
  return errno === DEADLOCK || errno === LOCK_WAIT_TIMEOUT;
}

/** ER_NO_REFERENCED_ROW_2: a child row whose parent is not there. */
export function isMissingParent(err: unknown): boolean {
  const e = err as { errno?: number; code?: string } | null;
  return e?.errno === 1452 || e?.code === 'ER_NO_REFERENCED_ROW_2';
}

export function isDuplicateEntry(err: unknown): boolean {
  const e = err as { errno?: number; code?: string } | null;
  return e?.errno === DUPLICATE_ENTRY || e?.code === 'ER_DUP_ENTRY';
}

/** MySQL picks the colliding key itself; VALUES(c) is the value the line would have inserted. */
export function mysqlKeyConflict(set: readonly string[], also?: string): string {
  return ` ON DUPLICATE KEY UPDATE ${[...set.map((c) => `${c} = VALUES(${c})`), ...(also ? [also] : [])].join(', ')}`;
}

type Queryable = Pick<mysql.Pool, 'query'> | Pick<mysql.PoolConnection, 'query'>;

class Session implements SqlSession {
  readonly lockForUpdate = ' FOR UPDATE';
  constructor(private readonly conn: Queryable, private readonly timeoutMs: number) {}

  /** The server's rows are final; only a device's copy holds provisional ones. */
  provisionalColumn(): string {
    return '0';
  }
  isDuplicate(err: unknown): boolean {
    return isDuplicateEntry(err);
  }
  isMissingReference(err: unknown): boolean {
    return isMissingParent(err);
  }
  onKeyConflict(_key: readonly string[], set: readonly string[], also?: string): string {
    return mysqlKeyConflict(set, also);
  }

  /** A stalled network must not hang a sync forever: past the timeout the query fails as lost. */
  async all<T>(sql: string, params: SqlParams = []): Promise<T[]> {
    const [rows] = await this.conn.query({ sql, values: params as unknown[], timeout: this.timeoutMs });
    return rows as T[];
  }
  async get<T>(sql: string, params: SqlParams = []): Promise<T | undefined> {
    return (await this.all<T>(sql, params))[0];
  }
  async run(sql: string, params: SqlParams = []): Promise<SqlRunResult> {
    const [res] = await this.conn.query({ sql, values: params as unknown[], timeout: this.timeoutMs });
    const header = res as mysql.ResultSetHeader;
    return { affectedRows: header.affectedRows, insertId: Number(header.insertId) };
  }
}

/** A console's MySQL budget when the caller names none (config's TRIPDESK_MYSQL_POOL has the same default). */
export const DEFAULT_MYSQL_POOL = 4;

/** At most `connectionLimit` connections; calls beyond it wait in the pool's queue (unbounded), never fail. */
export function createMysqlPool(url: string, connectionLimit = DEFAULT_MYSQL_POOL): mysql.Pool {
  const pool = mysql.createPool({
    uri: url,
    connectionLimit,
    // An idle console needs one connection (its pull, its lease read): mysql2 closes the others a
    // busy moment opened within a second of their going free, and the last one after 15 s unused,
    // so hundreds of idle consoles do not hold four server threads each. Opening one again on a
    // LAN costs a few milliseconds and the two SETs below.
    maxIdle: 1,
    idleTimeout: 15_000,
    dateStrings: true,
    timezone: 'Z',
    supportBigNumbers: true,
    decimalNumbers: true,
    multipleStatements: false,
    connectTimeout: 5000,
    enableKeepAlive: true,
    // No call-site stack captured for every query (mysql2's default): it costs each statement a
    // stack walk, and our errors are told apart by their codes, not their stacks.
    trace: false,
  });
  // Read committed: conditional decrements still see the latest row, with fewer gap locks
  // (and so fewer deadlocks) than the default repeatable read.
  pool.on('connection', (conn) => {
    conn.query('SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED');
    conn.query("SET time_zone = '+00:00'");
  });
  return pool;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class MysqlDb extends Session implements SqlDb {
  constructor(readonly pool: mysql.Pool, private readonly queryTimeoutMs = 15_000) {
    super(pool, queryTimeoutMs);
  }

  static fromUrl(url: string, connectionLimit?: number, queryTimeoutMs?: number): MysqlDb {
    return new MysqlDb(createMysqlPool(url, connectionLimit), queryTimeoutMs);
  }

  async transaction<T>(work: (tx: SqlSession) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      let conn: mysql.PoolConnection;
      try {
        conn = await this.pool.getConnection();
      } catch (err) {
        throw offline(err);
      }
      try {
        // BEGIN and COMMIT carry the timeout too: a COMMIT lost in a stalled line must not hang.
        await conn.query({ sql: 'START TRANSACTION', timeout: this.queryTimeoutMs });
        const out = await work(new Session(conn, this.queryTimeoutMs));
        await conn.query({ sql: 'COMMIT', timeout: this.queryTimeoutMs });
        conn.release();
        return out;
      } catch (err) {
        if (isConnectionError(err)) {
          // No ROLLBACK on a dead or stalled connection (it may never answer): dropping the
          // connection makes the server roll back.
          conn.destroy();
          // A pooled connection may have died while idle: one fresh try. Safe for mutations too,
          // since an op that did commit is found in applied_ops on the second try.
          if (attempt < 2) {
            await sleep(50);
            continue;
          }
          throw offline(err);
        }
        await conn.query({ sql: 'ROLLBACK', timeout: this.queryTimeoutMs }).catch(() => undefined);
        conn.release();
        if (isTransientLockError(err) && attempt < MAX_ATTEMPTS) {
          // Jittered backoff so racing transactions do not collide again in lockstep.
          await sleep(Math.random() * 10 * 2 ** attempt);
          continue;
        }
        throw err;
      }
    }
  }

  /** Reads get one fresh try when a pooled connection turns out to be dead. */
  override async all<T>(sql: string, params?: SqlParams): Promise<T[]> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await super.all<T>(sql, params);
      } catch (err) {
        if (!isConnectionError(err)) throw err;
        if (attempt >= 2) throw offline(err);
        await sleep(50);
      }
    }
  }
  override async run(sql: string, params?: SqlParams): Promise<SqlRunResult> {
    try {
      return await super.run(sql, params);
    } catch (err) {
      throw isConnectionError(err) ? offline(err) : err;
    }
  }

  async close(): Promise<void> {
    await this.pool.end().catch(() => undefined);
  }
}

function offline(err: unknown): ContractError {
  if (err instanceof ContractError) return err;
  return new ContractError('OFFLINE', 'The central database cannot be reached.', { cause: (err as Error)?.message });
}
