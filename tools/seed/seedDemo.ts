import type { CoreConfig } from '../../main/core/config';
import { hashPasswords } from '../../main/core/ops/auth/passwords';
import type { SqliteDb } from '../../main/core/engine/sqlite/sqliteDb';
import { DEMO_OPERATORS, DEMO_PASSWORD, resolvePlan } from './generate';
import { loadIntoSqliteStepwise, type SeedProgressListener } from './loadSqlite';
import type { SeedScale } from './plan';

type DemoSeeder = (db: SqliteDb, report: SeedProgressListener, config: Pick<CoreConfig, 'gatewayKey' | 'passwordCost'>, signal?: AbortSignal) => Promise<void>;

/**
 * The first standalone start: demo data (and the three demo operators) into the new database.
 * Stepwise, so the console that loads it keeps answering its window (which shows the progress),
 * and in one transaction, so a start stopped half-way leaves no half-loaded demo behind: the
 * next start loads it again.
 */
export function demoSeeder(scale: SeedScale = 'demo'): DemoSeeder {
  return async (db, report, config, signal) => {
    const operators = DEMO_OPERATORS.length + resolvePlan({ scale }).extraAgents;
    // One hash per operator, each with its own salt, made first on the threadpool (the loader hashes synchronously).
    report({ phase: 'operator passwords', done: 0, total: operators });
    const hashes = await hashPasswords(DEMO_PASSWORD, operators, config.passwordCost);
    report({ phase: 'operator passwords', done: operators, total: operators });
    signal?.throwIfAborted();
    let next = 0;
    await db.withHandleHeld(async (raw) => {
      raw.exec('BEGIN IMMEDIATE');
      try {
        // Saved cards carry tokens signed with this console's gateway key, so they charge.
        await loadIntoSqliteStepwise(raw, { scale, hashPassword: () => hashes[next++ % hashes.length] as string, gatewayKey: config.gatewayKey }, report, { signal });
        raw.exec('COMMIT');
      } catch (err) {
        if (raw.inTransaction) raw.exec('ROLLBACK');
        throw err;
      }
    });
  };
}

export const seedDemoData: DemoSeeder = demoSeeder('demo');
