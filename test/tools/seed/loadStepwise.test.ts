import { describe, expect, it } from 'vitest';
import { SEED_TABLES } from '../../../tools/seed/generate';
import { loadIntoSqlite, loadIntoSqliteStepwise } from '../../../tools/seed/loadSqlite';
import { migrateSqlite } from '../../../main/core/engine/sqlite/migrate';
import { openSqliteFile, type RawSqlite } from '../../../main/core/engine/sqlite/sqliteDb';

const TODAY = '2026-03-02';
const fakeHash = (pw: string) => `test$${pw}`;
const opts = { scale: 0.2, seed: 11, today: TODAY, hashPassword: fakeHash } as const;

function newDatabase(): RawSqlite {
  const db = openSqliteFile(':memory:');
  migrateSqlite(db);
  return db;
}

const tableRows = (db: RawSqlite) =>
  Object.fromEntries(SEED_TABLES.map((t) => [t, (db.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n]));

describe('the stepwise seed load (the first start keeps its window answering)', () => {
  it('loads the same rows as the one-go load, handing the event loop back every few thousand rows', async () => {
    const once = newDatabase();
    const stepped = newDatabase();
    try {
      const expected = loadIntoSqlite(once, opts);
      let pauses = 0;
      const reports: string[] = [];
      const result = await loadIntoSqliteStepwise(stepped, opts, (p) => reports.push(`${p.phase} ${p.done}/${p.total}`), {
        pause: async () => {
          pauses++;
          // Between steps no transaction of the loader's may be left open on its own.
          await new Promise<void>((resolve) => setImmediate(resolve));
        },
      });
      expect(result.counts).toEqual(expected.counts);
      expect(tableRows(stepped)).toEqual(tableRows(once));
      expect(stepped.prepare('SELECT * FROM flights ORDER BY id').all()).toEqual(once.prepare('SELECT * FROM flights ORDER BY id').all());
      // hotel_inventory alone (43,800 rows at this scale) is five steps of at most 10,000.
      expect(pauses).toBeGreaterThan(SEED_TABLES.length + 4);
      expect(reports).toContain(`hotel_inventory 10000/${expected.counts.hotel_inventory}`);
      expect(stepped.inTransaction).toBe(false);
    } finally {
      once.close();
      stepped.close();
    }
  });

  it('aborted between two steps, it rolls back what it had open and leaves no transaction behind', async () => {
    const db = newDatabase();
    try {
      const abort = new AbortController();
      const load = loadIntoSqliteStepwise(db, opts, (p) => {
        if (p.phase === 'hotel_inventory' && p.done >= 20_000) abort.abort();
      }, { signal: abort.signal });
      await expect(load).rejects.toThrow(/abort/i);
      expect(db.inTransaction).toBe(false);
      // Tables before it stay (each its own transaction); the one it was in is empty, not half full.
      expect((db.prepare('SELECT COUNT(*) AS n FROM hotel_inventory').get() as { n: number }).n).toBe(0);
      expect((db.prepare('SELECT COUNT(*) AS n FROM hotels').get() as { n: number }).n).toBeGreaterThan(0);
    } finally {
      db.close();
    }
  });
});
