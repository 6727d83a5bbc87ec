import type mysql from 'mysql2/promise';
import { ContractError } from '../../../shared/contract';
import type { AuditDoc, DocumentStore } from '../engine/documents';
import type { Engine } from '../engine/engine';
import { isConnectionError, isDuplicateEntry, isMissingParent, isTransientLockError, mysqlKeyConflict, type MysqlDb } from '../engine/mysql/mysqlDb';
import type { SqlDb, SqlParams, SqlRunResult, SqlSession } from '../engine/sql';

/**
 * Why a group can take no more statements: its connection is gone, the server rolled the whole
 * group back, or an op failed in a group run without savepoints (it is run again with them).
 */
export type GroupBreak = 'lost' | 'rolled-back' | 'needs-savepoints';

/**
 * Thrown by every statement of a broken group. Coded OFFLINE so that the use case and the dispatch
 * hand it back untouched (a contract error, not a bug to log); replay asks the group why.
 */
class GroupBroken extends ContractError {
  constructor(readonly reason: GroupBreak) {
    super('OFFLINE', reason === 'lost' ? 'The central database cannot be reached.'
      : reason === 'rolled-back' ? 'The server rolled the replay group back (deadlock or lock wait).' : 'An op of the replay group failed; the group is sent again with a savepoint per op.');
  }
}

/** One savepoint name, set again for each op: MySQL replaces a savepoint of the same name, so none pile up. */
const SAVEPOINT = 'replay_op';

/**
 * Several replayed ops in one MySQL transaction on one pooled connection, each op's "transaction"
 * a SAVEPOINT: an op that fails rolls back to its savepoint only, so its neighbours commit with
 * their own outcomes, and the group costs one BEGIN and one COMMIT instead of one per op.
 *
 * Savepoints cost a round trip per op, and most groups apply whole: so a group is first run
 * without them, and the first op whose transaction fails breaks it ('needs-savepoints'); replay
 * rolls it back and runs the same ops again with a savepoint each. (A failed statement alone
 * needs no savepoint: MySQL undoes just that statement.) Each op
 * still writes its applied_ops row with its effect, so a group whose COMMIT answer was lost is
 * answered from applied_ops when it is sent again.
 *
 * A deadlock rolls the server's whole transaction back (MariaDB and MySQL alike), and later
 * statements would then run outside any transaction: the group marks itself broken at the first
 * such error (or a lost connection) and refuses every statement after it.
 */
export class ReplayGroup implements SqlDb {
  readonly lockForUpdate = ' FOR UPDATE';
  private broken: GroupBreak | null = null;
  private finished = false;
  private readonly audits: AuditDoc[] = [];

  private constructor(private readonly conn: mysql.PoolConnection, private readonly timeoutMs: number, private readonly savepoints: boolean) {}

  /** A pooled connection with a transaction open; a connection that died while idle gets one fresh try. */
  static async open(db: MysqlDb, timeoutMs: number, savepoints: boolean): Promise<ReplayGroup> {
    for (let attempt = 1; ; attempt++) {
      let conn: mysql.PoolConnection;
      try {
        conn = await db.pool.getConnection();
      } catch (err) {
        throw new ContractError('OFFLINE', 'The central database cannot be reached.', { cause: (err as Error)?.message });
      }
      try {
        await conn.query({ sql: 'START TRANSACTION', timeout: timeoutMs });
        return new ReplayGroup(conn, timeoutMs, savepoints);
      } catch (err) {
        conn.destroy();
        if (!isConnectionError(err) || attempt >= 2) throw isConnectionError(err) ? new GroupBroken('lost') : err;
      }
    }
  }

  /** Null while the group may go on. */
  breakReason(): GroupBreak | null {
    return this.broken;
  }

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

  private async query(sql: string, params: SqlParams): Promise<unknown> {
    if (this.broken) throw new GroupBroken(this.broken);
    try {
      const [res] = await this.conn.query({ sql, values: params as unknown[], timeout: this.timeoutMs });
      return res;
    } catch (err) {
      if (isConnectionError(err)) this.broken = 'lost';
      else if (isTransientLockError(err)) this.broken = 'rolled-back';
      if (this.broken) throw new GroupBroken(this.broken);
      throw err;
    }
  }

  async all<T>(sql: string, params: SqlParams = []): Promise<T[]> {
    return (await this.query(sql, params)) as T[];
  }
  async get<T>(sql: string, params: SqlParams = []): Promise<T | undefined> {
    return (await this.all<T>(sql, params))[0];
  }
  async run(sql: string, params: SqlParams = []): Promise<SqlRunResult> {
    const header = (await this.query(sql, params)) as mysql.ResultSetHeader;
    return { affectedRows: header.affectedRows, insertId: Number(header.insertId) };
  }

  /** An op's transaction: its savepoint. No RELEASE (one round trip less): COMMIT drops them all. */
  async transaction<T>(work: (tx: SqlSession) => Promise<T>): Promise<T> {
    if (!this.savepoints) {
      if (this.broken) throw new GroupBroken(this.broken);
      try {
        return await work(this);
      } catch (err) {
        this.broken ??= 'needs-savepoints';
        throw err instanceof GroupBroken ? err : new GroupBroken(this.broken);
      }
    }
    await this.query(`SAVEPOINT ${SAVEPOINT}`, []);
    try {
      return await work(this);
    } catch (err) {
      if (!this.broken) await this.query(`ROLLBACK TO SAVEPOINT ${SAVEPOINT}`, []);
      throw err;
    }
  }

  /**
   * The central engine with this group as its SQL. Audit entries wait for the COMMIT: a group that
   * never commits leaves none (its ops are sent again, and write them then, under the same ids).
   */
  engine(central: Engine): Engine {
    const audits = this.audits;
    const docs = new Proxy(central.docs, {
      get(target, prop) {
        if (prop === 'appendAudit') return async (entry: AuditDoc) => { audits.push(entry); };
        const value = Reflect.get(target, prop, target) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    }) as DocumentStore;
    return { ...central, sql: this, docs };
  }

  /** Commits the group, then hands its audit entries to the document store. A failed COMMIT may or may not have committed. */
  async commit(docs: DocumentStore): Promise<void> {
    await this.query('COMMIT', []);
    this.finished = true;
    this.conn.release();
    for (const entry of this.audits.splice(0)) await docs.appendAudit(entry).catch(() => undefined);
  }

  /** Undoes whatever the group did (a dead connection is dropped: the server rolls it back). */
  async close(): Promise<void> {
    if (this.finished) return;
    this.finished = true;
    if (this.broken === 'lost') {
      this.conn.destroy();
      return;
    }
    try {
      await this.conn.query({ sql: 'ROLLBACK', timeout: this.timeoutMs });
      this.conn.release();
    } catch {
      this.conn.destroy();
    }
  }
}

export function isGroupBroken(err: unknown): err is GroupBroken {
  return err instanceof GroupBroken;
}
