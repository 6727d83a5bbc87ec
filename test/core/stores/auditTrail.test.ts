import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../main/core/config';
import { startCore } from '../../../main/core/core';
import type { SqliteDb } from '../../../main/core/stores/sqlite/sqliteDb';
import { makeCore, ok, signInAs, type TestCore } from '../../support/cores';
import { loadFixture } from '../../support/fixture';

/**
 * Entries waiting on their applied_ops rows and entries in logs, counted straight off the SQLite
 * handle: a read through the stores would file the waiting ones first.
 */
async function counts(db: SqliteDb): Promise<{ queued: number; filed: number }> {
  return db.withHandle((h) => ({
    queued: (h.prepare(`SELECT COUNT(*) AS n FROM applied_ops WHERE audit_summary IS NOT NULL
      AND rowid > (SELECT CAST(value AS INTEGER) FROM sync_state WHERE key = 'audit.filedThrough')`).get() as { n: number }).n,
    filed: (h.prepare("SELECT COUNT(*) AS n FROM logs WHERE level = 'audit'").get() as { n: number }).n,
  }));
}

describe('the SQLite audit trail (entries written with the mutation, filed in batches)', () => {
  let t: TestCore | null = null;
  afterEach(async () => {
    await t?.close();
    t = null;
  });

  it('shows a hold in audit.list straight after the hold', async () => {
    t = await makeCore('sqlite');
    const fx = await loadFixture(t.engine);
    const agent = await signInAs(t, 'agent');
    const supervisor = await signInAs(t, 'supervisor');
    const hold = await ok<{ holdId: string }>(t, agent, 'holds.create', { flightId: fx.flightId, seats: 2 });
    expect(await counts(t.engine.sql as SqliteDb)).toEqual({ queued: 1, filed: 0 });
    const trail = await ok<Array<{ channel: string; entityId: string; summary: string }>>(t, supervisor, 'audit.list', { entity: 'hold' });
    expect(trail).toEqual([expect.objectContaining({ channel: 'holds.create', entityId: hold.holdId, summary: `held 2 seat(s) on flight ${fx.flightId}` })]);
    expect(await counts(t.engine.sql as SqliteDb)).toEqual({ queued: 0, filed: 1 });
  });

  it('files a full batch of 200 without anyone reading', async () => {
    t = await makeCore('sqlite');
    const fx = await loadFixture(t.engine, { seats: 500 });
    const agent = await signInAs(t, 'agent');
    for (let i = 0; i < 201; i++) await ok(t, agent, 'holds.create', { flightId: fx.flightId, seats: 1 });
    expect(await counts(t.engine.sql as SqliteDb)).toEqual({ queued: 1, filed: 200 });
  });

  it('files what a crash left queued when the console starts again', async () => {
    t = await makeCore('sqlite');
    const fx = await loadFixture(t.engine);
    const agent = await signInAs(t, 'agent');
    const hold = await ok<{ holdId: string }>(t, agent, 'holds.create', { flightId: fx.flightId, seats: 1 });
    const db = t.engine.sql as SqliteDb;
    expect(await counts(db)).toEqual({ queued: 1, filed: 0 });
    // The process dies: the connection goes away without the core's close (which would file).
    await db.withHandle((h) => h.close());
    const dir = t.dir;
    t = null;

    const again = await startCore(loadConfig({ TRIPDESK_DATA_DIR: dir }), { jobs: false, log: () => undefined });
    try {
      expect(await counts(again.local.sql as SqliteDb)).toEqual({ queued: 0, filed: 1 });
      const entries = await again.local.docs.listAudit({ entity: 'hold', limit: 10 });
      expect(entries.map((e) => e.entityId)).toEqual([hold.holdId]);
    } finally {
      await again.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
