import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { migrateMongo, sweepOldLogs } from '../../../main/core/engine/mongo/migrate';
import { MongoLogs } from '../../../main/core/engine/mongo/mongoLogs';
import { migrateSqlite } from '../../../main/core/engine/sqlite/migrate';
import { openSqliteFile, SqliteDb } from '../../../main/core/engine/sqlite/sqliteDb';
import { SqliteDocuments } from '../../../main/core/engine/sqlite/sqliteDocuments';
import type { LogDoc } from '../../../main/core/engine/logs';
import { freshMongoUrl, uniqueDbName } from '../../support/servers';

const DAY = 86_400_000;
const now = Date.parse('2026-11-25T12:00:00Z');
const line = (id: string, ageDays: number, level: LogDoc['level'] = 'info'): LogDoc => ({
  id, ts: new Date(now - ageDays * DAY), level, source: 'sync', message: `line ${id}`, operatorId: null, opId: null, entity: null, entityId: null,
});

/** Logs are kept for the retention period: by TTL where the server has it, by the sweeper where it has not. */
describe('log retention where there are no TTL indexes', () => {
  let client: MongoClient;
  beforeAll(async () => {
    client = new MongoClient(freshMongoUrl(inject('mongoUrl'), uniqueDbName('logs')));
    await client.connect();
  });
  afterAll(async () => client?.close());

  it('FerretDB: the migration says the sweeper is needed, and the sweeper deletes only lines past the retention', async () => {
    const db = client.db();
    const report = await migrateMongo(db, { retentionDays: 30 });
    expect(report.ttlFallback).toBe(true);
    const logs = new MongoLogs(db);
    await logs.appendLogs([line('old-1', 45), line('old-2', 31, 'audit'), line('fresh-1', 29), line('fresh-2', 0, 'error')]);
    // A redelivered batch (same ids) is not an error and adds nothing.
    await logs.appendLogs([line('fresh-1', 29), line('fresh-3', 1)]);
    expect(await sweepOldLogs(db, 30, now)).toBe(2);
    const left = await logs.listLogs({ limit: 50 });
    expect(left.map((l) => l.id).sort()).toEqual(['fresh-1', 'fresh-2', 'fresh-3']);
    expect(await sweepOldLogs(db, 30, now)).toBe(0);
  });

  it('SQLite (standalone and offline): the same retention by sweeping', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'td-logs-'));
    const raw = openSqliteFile(path.join(dir, 'logs.sqlite'));
    migrateSqlite(raw);
    const db = new SqliteDb(raw);
    try {
      const logs = new SqliteDocuments(db).logs;
      await logs.appendLogs([line('old-1', 45), line('fresh-1', 29), line('fresh-2', 0, 'warn')]);
      expect(await logs.sweepOlderThan(new Date(now - 30 * DAY))).toBe(1);
      expect((await logs.listLogs({ limit: 50 })).map((l) => l.id).sort()).toEqual(['fresh-1', 'fresh-2']);
      expect((await logs.listLogs({ level: 'warn', limit: 50 })).map((l) => l.id)).toEqual(['fresh-2']);
    } finally {
      await db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
