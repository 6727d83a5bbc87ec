import type mysql from 'mysql2/promise';
import { toDbInstant } from '../../../../shared/time';
import { listMigrations, SchemaTooNewError, sqlStatements } from '../migrationFiles';
import type { MigrationReport } from '../sqlite/migrate';

/**
 * MySQL DDL commits implicitly, so a migration is not atomic: each file's version row is written
 * after its last statement, and files are written so that a failed one can be fixed and re-run.
 */
export async function migrateMysql(pool: mysql.Pool): Promise<MigrationReport> {
  await pool.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INT NOT NULL PRIMARY KEY, name VARCHAR(200) NOT NULL, applied_at_utc DATETIME(3) NOT NULL
  ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
  const files = listMigrations('mysql', '.sql');
  const latest = files.at(-1)?.version ?? 0;
  const [rows] = await pool.query('SELECT MAX(version) AS v FROM schema_migrations');
  const current = Number((rows as Array<{ v: number | null }>)[0]?.v ?? 0);
  if (current > latest) throw new SchemaTooNewError('MySQL', current, latest);
  const applied: string[] = [];
  for (const m of files.filter((f) => f.version > current)) {
    for (const stmt of sqlStatements(m.file)) await pool.query(stmt);
    await pool.query('INSERT INTO schema_migrations (version, name, applied_at_utc) VALUES (?, ?, ?)', [
      m.version, m.name, toDbInstant(Date.now()),
    ]);
    applied.push(`${m.version}_${m.name}`);
  }
  return { from: current, to: Math.max(current, latest), applied };
}
