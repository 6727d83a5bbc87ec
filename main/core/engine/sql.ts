export type SqlValue = string | number | bigint | null | Buffer;
export type SqlParams = readonly SqlValue[];

export interface SqlRunResult {
  affectedRows: number;
  insertId: number;
}

/**
 * What a use case needs from a relational engine; SQL uses `?` placeholders on both. Where the two
 * engines differ, the session says how, so use cases never ask which one they are on.
 */
export interface SqlSession {
  /**
   * Appended to a SELECT that reads rows the transaction will change: ' FOR UPDATE' on MySQL, where
   * row locks keep a racing booking out; '' on SQLite, whose write transaction holds the whole file.
   */
  readonly lockForUpdate: string;
  /**
   * The SQL expression for "this row is provisional" (written offline, not yet confirmed by the
   * server): the `provisional` column of the device's SQLite copy (`alias.provisional` given a
   * table alias); '0' on MySQL, where every row is final.
   */
  provisionalColumn(alias?: string): string;
  /** A unique or primary key refused the row (someone else wrote it first). */
  isDuplicate(err: unknown): boolean;
  /** A foreign key names a row that is not there (the customer a remark is for, say). */
  isMissingReference(err: unknown): boolean;
  /**
   * The tail of a multi-row INSERT that changes the row its key already names instead of failing:
   * each `set` column takes the value the line inserts; `also` (SQL over the old row, such as
   * `row_version = row_version + 1`) is added as it is. `key` names the key the rows collide on.
   */
  onKeyConflict(key: readonly string[], set: readonly string[], also?: string): string;
  all<T = Record<string, unknown>>(sql: string, params?: SqlParams): Promise<T[]>;
  get<T = Record<string, unknown>>(sql: string, params?: SqlParams): Promise<T | undefined>;
  run(sql: string, params?: SqlParams): Promise<SqlRunResult>;
}

export interface SqlDb extends SqlSession {
  /** All or nothing; deadlocks and lock-wait timeouts are retried a bounded number of times. */
  transaction<T>(work: (tx: SqlSession) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** `?, ?, ?` for an IN list of n values. */
const placeholderLists: string[] = [];
/** `?, ?, ?` for n values (kept per n: every insert asks for one). */
export function placeholders(n: number): string {
  return (placeholderLists[n] ??= n > 0 ? `${'?, '.repeat(n - 1)}?` : '');
}
