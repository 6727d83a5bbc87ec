import { toDbInstant } from '../../../../shared/time';
import { listMigrations, SchemaTooNewError, sqlStatements } from '../migrationFiles';
import type { RawSqlite } from './sqliteDb';

export interface MigrationReport {
  from: number;
  to: number;
  applied: string[];
}

export function migrateSqlite(db: RawSqlite): MigrationReport {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at_utc TEXT NOT NULL)`);
  const files = listMigrations('sqlite', '.sql');
  const latest = files.at(-1)?.version ?? 0;
  const current = (db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null }).v ?? 0;
  if (current > latest) throw new SchemaTooNewError('SQLite', current, latest);
  const applied: string[] = [];
  for (const m of files.filter((f) => f.version > current)) {
    db.transaction(() => {
      for (const stmt of sqlStatements(m.file)) db.exec(stmt);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at_utc) VALUES (?, ?, ?)').run(
        m.version, m.name, toDbInstant(Date.now()),
      );
    })();
    applied.push(`${m.version}_${m.name}`);
  }
  return { from: current, to: Math.max(current, latest), applied };
}
