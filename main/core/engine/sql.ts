export type SqlValue = string | number | bigint | null | Buffer;
export type SqlParams = readonly SqlValue[];

export interface SqlRunResult {
  affectedRows: number;
  insertId: number;
}

/** What a use case needs from a relational engine; SQL uses `?` placeholders on both. */
export interface SqlSession {
  readonly dialect: 'mysql' | 'sqlite';
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
