import type mysql from 'mysql2/promise';
import { toDbInstant } from '../../../../shared/time';
import { listMigrations, SchemaTooNewError, sqlStatements } from '../migrationFiles';
import type { MigrationReport } from '../sqlite/migrate';
import { isAccessDenied } from './accessDenied';

const NO_SUCH_TABLE = 1146;

/**
 * The schema needs changes this MySQL account may not make: consoles sign in with the restricted
 * console account (no DDL), so the schema is migrated by `npm run migrate` with an administrator's.
 */
export class SchemaNeedsAdministratorError extends Error {
  constructor(detail: string, cause: unknown) {
    super(
      `${detail}, and this MySQL account may not change the schema (${(cause as Error)?.message ?? String(cause)}). ` +
        "Run `npm run migrate` with an administrator's MySQL account; nothing was changed.",
    );
    this.name = 'SchemaNeedsAdministratorError';
  }
}

/**
 * MySQL DDL commits implicitly, so a migration is not atomic: each file's version row is written
 * after its last statement, and files are written so that a failed one can be fixed and re-run.
 *
 * The version is read first: a schema that is already current is left alone without a single DDL
 * statement, so a console signed in with the console account (SELECT on schema_migrations, no DDL)
 * starts normally. With something to apply, the first statement is DDL (the version table), so an
 * account without DDL rights is refused before anything changes.
 */
export async function migrateMysql(pool: mysql.Pool): Promise<MigrationReport> {
  const files = listMigrations('mysql', '.sql');
  const latest = files.at(-1)?.version ?? 0;
  const current = await schemaVersion(pool);
  if (current > latest) throw new SchemaTooNewError('MySQL', current, latest);
  if (current === latest) return { from: current, to: current, applied: [] };
  const applied: string[] = [];
  try {
    await pool.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INT NOT NULL PRIMARY KEY, name VARCHAR(200) NOT NULL, applied_at_utc DATETIME(3) NOT NULL
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
    for (const m of files.filter((f) => f.version > current)) {
      for (const stmt of sqlStatements(m.file)) await pool.query(stmt);
      await pool.query('INSERT INTO schema_migrations (version, name, applied_at_utc) VALUES (?, ?, ?)', [
        m.version, m.name, toDbInstant(Date.now()),
      ]);
      applied.push(`${m.version}_${m.name}`);
    }
  } catch (err) {
    if (isAccessDenied(err) && applied.length === 0) {
      throw new SchemaNeedsAdministratorError(`The MySQL schema is at version ${current}, this TripDesk needs ${latest}`, err);
    }
    throw err;
  }
  return { from: current, to: Math.max(current, latest), applied };
}

/** 0 for a database never migrated (no version table yet). */
async function schemaVersion(pool: mysql.Pool): Promise<number> {
  try {
    const [rows] = await pool.query('SELECT MAX(version) AS v FROM schema_migrations');
    return Number((rows as Array<{ v: number | null }>)[0]?.v ?? 0);
  } catch (err) {
    if ((err as { errno?: number } | null)?.errno === NO_SUCH_TABLE) return 0;
    // MySQL answers "denied" rather than "no such table" for a table the account has no right on.
    if (isAccessDenied(err)) throw new SchemaNeedsAdministratorError('The MySQL schema version cannot be read', err);
    throw err;
  }
}
