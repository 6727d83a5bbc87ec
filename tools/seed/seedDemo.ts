import type { CoreConfig } from '../../main/core/config';
import { hashPasswords } from '../../main/core/ops/auth/passwords';
import type { SqliteDb } from '../../main/core/engine/sqlite/sqliteDb';
import { DEMO_OPERATORS, DEMO_PASSWORD, resolvePlan } from './generate';
import { loadIntoSqlite, type SeedProgressListener } from './loadSqlite';

/** The first standalone start: demo data (and the three demo operators) into the new database. */
export async function seedDemoData(db: SqliteDb, report: SeedProgressListener, config: Pick<CoreConfig, 'gatewayKey' | 'passwordCost'>): Promise<void> {
  // One hash per operator, each with its own salt, made first on the threadpool (the loader hashes synchronously).
  const hashes = await hashPasswords(DEMO_PASSWORD, DEMO_OPERATORS.length + resolvePlan({ scale: 'demo' }).extraAgents, config.passwordCost);
  let next = 0;
  // Saved cards carry tokens signed with this console's gateway key, so they charge.
  loadIntoSqlite(db.handle, { scale: 'demo', hashPassword: () => hashes[next++ % hashes.length] as string, gatewayKey: config.gatewayKey }, report);
}
