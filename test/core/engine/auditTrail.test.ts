import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../main/core/config';
import { startCore } from '../../../main/core/host/core';
import { migrateSqlite } from '../../../main/core/engine/sqlite/migrate';
import { SqliteAuditTrail } from '../../../main/core/engine/sqlite/sqliteAuditTrail';
import { openSqliteFile, SqliteDb } from '../../../main/core/engine/sqlite/sqliteDb';
import { SqliteDocuments } from '../../../main/core/engine/sqlite/sqliteDocuments';
import { ok, startTestCore, type TestCore } from '../../support/testCore';
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
    t = await startTestCore('standalone');
    const fx = await loadFixture(t.engine);
    const { agent, supervisor } = t.tokens;
    const hold = await ok(t, agent, 'holds.create', { flightId: fx.flightId, seats: 2 });
    expect(await counts(t.engine.sql as SqliteDb)).toEqual({ queued: 1, filed: 0 });
    const trail = await ok(t, supervisor, 'audit.list', { entity: 'hold' });
    expect(trail).toEqual([expect.objectContaining({ channel: 'holds.create', entityId: hold.holdId, summary: `held 2 seat(s) on flight ${fx.flightId}` })]);
    expect(await counts(t.engine.sql as SqliteDb)).toEqual({ queued: 0, filed: 1 });
  });

  it('files waiting entries by itself a moment after the calls, without anyone reading', async () => {
    t = await startTestCore('standalone');
    const fx = await loadFixture(t.engine, { seats: 50 });
    const { agent } = t.tokens;
    for (let i = 0; i < 3; i++) await ok(t, agent, 'holds.create', { flightId: fx.flightId, seats: 1 });
    expect(await counts(t.engine.sql as SqliteDb)).toEqual({ queued: 3, filed: 0 });
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(await counts(t.engine.sql as SqliteDb)).toEqual({ queued: 0, filed: 3 });
  });

  it('files inline once a long burst leaves maxWaiting entries, between two transactions', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'td-trail-'));
    const raw = openSqliteFile(path.join(dir, 'trail.sqlite'));
    migrateSqlite(raw);
    const db = new SqliteDb(raw);
    const trail = new SqliteAuditTrail(db, 3, 60_000);
    try {
      for (let i = 1; i <= 4; i++) {
        const opId = `op-${i}`;
        // What runMutation writes for a hold: the applied_ops row with its audit entry on it.
        await db.run(
          `INSERT INTO applied_ops (op_id, channel, outcome, result_json, admin_id, applied_at_utc, audit_entity, audit_entity_id, audit_summary)
           VALUES (?, 'holds.create', 'ok', '{}', 7, '2026-11-26 10:00:00.000', 'hold', ?, ?)`, [opId, opId, `hold ${i}`]);
        trail.written();
      }
      // The third entry filed all three before anything else ran on the connection; the fourth waits.
      expect(await counts(db)).toEqual({ queued: 1, filed: 3 });
      const logs = await new SqliteDocuments(db).listAudit({ limit: 10 });
      expect(logs.map((l) => l.summary).sort()).toEqual(['hold 1', 'hold 2', 'hold 3', 'hold 4']);
      expect(logs[0]).toMatchObject({ id: expect.stringMatching(/^op-\d:holds\.create$/), operatorId: 7, channel: 'holds.create', entity: 'hold' });
    } finally {
      await trail.close();
      await db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('files what a crash left queued when the console starts again', async () => {
    t = await startTestCore('standalone');
    const fx = await loadFixture(t.engine);
    const { agent } = t.tokens;
    const hold = await ok(t, agent, 'holds.create', { flightId: fx.flightId, seats: 1 });
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
