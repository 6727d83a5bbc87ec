import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MongoClient, type Db } from 'mongodb';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import type { ReviewDoc } from '../../../main/core/engine/documents';
import { migrateMongo } from '../../../main/core/engine/mongo/migrate';
import { MongoDocuments } from '../../../main/core/engine/mongo/mongoDocuments';
import { migrateSqlite } from '../../../main/core/engine/sqlite/migrate';
import { openSqliteFile, SqliteDb } from '../../../main/core/engine/sqlite/sqliteDb';
import { SqliteDocuments } from '../../../main/core/engine/sqlite/sqliteDocuments';
import { readState, writeState } from '../../../main/core/engine/sqlite/syncState';
import { hydrate } from '../../../main/core/device/hydrate';
import { pullReviews, REVIEW_CHECKPOINT, REVIEW_OVERLAP_MS, type ReviewCheckpoint } from '../../../main/core/device/pullReviews';
import { freshCentralServer } from '../../support/testCore';
import { freshMongoUrl, uniqueDbName } from '../../support/servers';

const review = (id: string, at = new Date()): ReviewDoc => ({
  id, entityType: 'hotel', entityId: 7, userId: 3, rating: 4, title: null, body: `review ${id}`, createdAt: at, updatedAt: at,
  reply: null, hidden: false, hiddenReason: null, imageUrls: [], provisional: false,
});

/** The device's review pull against FerretDB: what changed on the server reaches the SQLite copy, once. */
describe('the review pull (FerretDB → the device SQLite copy)', () => {
  let client: MongoClient;
  let db: Db;
  let central: MongoDocuments;
  let dir: string;
  let local: SqliteDb;
  let localDocs: SqliteDocuments;

  beforeAll(async () => {
    client = new MongoClient(freshMongoUrl(inject('mongoUrl'), uniqueDbName('revpull')));
    await client.connect();
    db = client.db();
    await migrateMongo(db, { retentionDays: 30 });
    central = new MongoDocuments(client, db);
  });
  afterAll(async () => client?.close());

  beforeEach(async () => {
    await db.collection('reviews').deleteMany({});
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'td-revpull-'));
    const raw = openSqliteFile(path.join(dir, 'local.sqlite'));
    migrateSqlite(raw);
    local = new SqliteDb(raw);
    localDocs = new SqliteDocuments(local);
  });
  afterEach(async () => {
    await localDocs.close();
    await local.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const copy = () => local.all<{ id: string; reply_text: string | null; hidden: number; hidden_reason: string | null; provisional: number }>(
    'SELECT id, reply_text, hidden, hidden_reason, provisional FROM reviews ORDER BY id');
  const checkpoint = () => local.withHandle((raw) => readState<ReviewCheckpoint | null>(raw, REVIEW_CHECKPOINT, null));

  it('copies new reviews, replies and moderation (hidden ones too), each pull only what changed', async () => {
    await central.insertReview(review('r1'));
    await central.insertReview(review('r2'));
    const first = await pullReviews(central, local);
    expect(first.written).toBe(2);
    expect(await copy()).toEqual([
      { id: 'r1', reply_text: null, hidden: 0, hidden_reason: null, provisional: 0 },
      { id: 'r2', reply_text: null, hidden: 0, hidden_reason: null, provisional: 0 },
    ]);
    const stored = await central.getReview('r2');
    expect((await checkpoint())?.updatedAt).toBe(stored?.updatedAt.toISOString());

    // Re-read in the overlap, but nothing is written again.
    expect((await pullReviews(central, local)).written).toBe(0);

    await central.updateReview('r1', { reply: { text: 'Thanks!', by: 9, at: new Date() } });
    await central.updateReview('r2', { hidden: true, hiddenReason: 'spam' });
    expect((await pullReviews(central, local)).written).toBe(2);
    expect(await copy()).toEqual([
      { id: 'r1', reply_text: 'Thanks!', hidden: 0, hidden_reason: null, provisional: 0 },
      { id: 'r2', reply_text: null, hidden: 1, hidden_reason: 'spam', provisional: 0 },
    ]);
    // The agent's read path on the copy leaves the hidden one out; a supervisor's keeps it.
    expect((await localDocs.listReviews('hotel', 7, { includeHidden: false, limit: 10 })).map((r) => r.id)).toEqual(['r1']);
    expect((await localDocs.listReviews('hotel', 7, { includeHidden: true, limit: 10 })).map((r) => r.id).sort()).toEqual(['r1', 'r2']);
  });

  it('walks in batches, and the server stamps every insert and update on its own clock', async () => {
    const written = new Date('2020-01-01T00:00:00Z');
    for (let i = 1; i <= 5; i++) await central.insertReview(review(`b${i}`, written));
    const docs = await Promise.all([1, 2, 3, 4, 5].map((i) => central.getReview(`b${i}`)));
    for (const d of docs) expect(d?.updatedAt.getTime()).toBeGreaterThan(written.getTime());
    const progress: number[] = [];
    const report = await pullReviews(central, local, (n) => progress.push(n), 2);
    expect(report).toMatchObject({ reviews: 5, written: 5 });
    expect(progress).toEqual([2, 4, 5]);
    expect((await copy()).map((r) => r.id)).toEqual(['b1', 'b2', 'b3', 'b4', 'b5']);
  });

  it('re-reads an overlap window behind the checkpoint, so a write stamped just before it is not skipped', async () => {
    const reviews = db.collection<{ _id: string; updated_at?: Date }>('reviews');
    await central.insertReview(review('seen'));
    await pullReviews(central, local);
    const mark = Date.parse((await checkpoint())?.updatedAt ?? '');
    // Two writes that became visible only after the pull: one stamped inside the window, one long before it.
    await central.insertReview(review('late'));
    await central.insertReview(review('ancient'));
    await reviews.updateOne({ _id: 'late' }, { $set: { updated_at: new Date(mark - REVIEW_OVERLAP_MS / 2) } });
    await reviews.updateOne({ _id: 'ancient' }, { $set: { updated_at: new Date(mark - 10 * REVIEW_OVERLAP_MS) } });
    const report = await pullReviews(central, local);
    expect(report.written).toBe(1);
    expect((await copy()).map((r) => r.id)).toEqual(['late', 'seen']);
    // The checkpoint never goes back.
    expect(Date.parse((await checkpoint())?.updatedAt ?? '')).toBe(mark);
  });

  it('documents written before updatedAt existed are pulled by their createdAt', async () => {
    await db.collection<{ _id: string } & Record<string, unknown>>('reviews').insertMany([
      { _id: 'old1', entity_type: 'hotel', entity_id: 7, user_id: 3, rating: 5, title: null, body: 'old', created_at: new Date('2026-01-01T00:00:00Z'), reply: null, hidden: false },
      { _id: 'old2', entity_type: 'hotel', entity_id: 7, user_id: 3, rating: 2, title: null, body: 'old', created_at: new Date('2026-01-02T00:00:00Z'), reply: null, hidden: true, hidden_reason: 'rude' },
    ]);
    expect((await central.getReview('old1'))?.updatedAt.toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect((await pullReviews(central, local)).written).toBe(2);
    expect(await checkpoint()).toMatchObject({ unstampedCreatedAt: '2026-01-02T00:00:00.000Z' });
    expect((await copy()).map((r) => [r.id, r.hidden])).toEqual([['old1', 0], ['old2', 1]]);
    expect((await pullReviews(central, local)).written).toBe(0);
    // Replying stamps it: from then on it is followed by its updatedAt.
    await central.updateReview('old1', { reply: { text: 'Sorry', by: 9, at: new Date() } });
    expect((await pullReviews(central, local)).written).toBe(1);
    expect((await copy())[0]).toMatchObject({ id: 'old1', reply_text: 'Sorry' });
  });

  it("a provisional review made offline is replaced by the server's and stops being provisional", async () => {
    await localDocs.insertReview({ ...review('mine'), body: 'draft', provisional: true });
    await central.insertReview({ ...review('mine'), body: 'as the server has it' });
    await pullReviews(central, local);
    expect(await local.all('SELECT id, body, provisional FROM reviews')).toEqual([{ id: 'mine', body: 'as the server has it', provisional: 0 }]);
  });

  it('hydration copies the reviews and sets the checkpoint, so the next pull copies nothing again', async () => {
    const { server } = await freshCentralServer('revhydrate');
    try {
      for (let i = 1; i <= 3; i++) await central.insertReview(review(`h${i}`));
      // A device that held a checkpoint from an earlier fill: hydration sets it anew.
      await local.withHandle((raw) => writeState(raw, REVIEW_CHECKPOINT, { updatedAt: null, unstampedCreatedAt: null }));
      await hydrate(server, central, local, localDocs, Date.now, () => undefined);
      expect((await copy()).map((r) => r.id)).toEqual(['h1', 'h2', 'h3']);
      const marks = await central.reviewMarks();
      expect(await checkpoint()).toEqual({ updatedAt: marks.updatedAt?.toISOString(), unstampedCreatedAt: null });
      expect((await pullReviews(central, local)).written).toBe(0);
    } finally {
      await server.close();
    }
  });
});
