import type { RawSqlite } from './sqliteDb';

/** Small durable facts of the device (sync checkpoints, hydration progress, the audit trail's filing mark), in sync_state. */
export function readState<T>(db: RawSqlite, key: string, fallback: T): T {
  const row = db.prepare('SELECT value FROM sync_state WHERE key = ?').get(key) as { value: string } | undefined;
  return row ? (JSON.parse(row.value) as T) : fallback;
}

export function writeState(db: RawSqlite, key: string, value: unknown): void {
  db.prepare('INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, JSON.stringify(value));
}

export function clearState(db: RawSqlite, prefix: string): void {
  db.prepare('DELETE FROM sync_state WHERE key LIKE ?').run(`${prefix}%`);
}
