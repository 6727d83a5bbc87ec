import { hashPassword } from '../../main/core/ops/auth/passwords';
import type { SqliteDb } from '../../main/core/engine/sqlite/sqliteDb';
import { loadIntoSqlite, type SeedProgressListener } from './loadSqlite';

/** The first standalone start: demo data (and the three demo operators) into the new database. */
export async function seedDemoData(db: SqliteDb, report: SeedProgressListener): Promise<void> {
  loadIntoSqlite(db.handle, { scale: 'demo', hashPassword }, report);
}
