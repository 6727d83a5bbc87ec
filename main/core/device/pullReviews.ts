import type { DocumentStore, ReviewDoc, ReviewKey, ReviewMarks } from '../engine/documents';
import type { SqliteDb } from '../engine/sqlite/sqliteDb';
import { copyServerReviews } from '../engine/sqlite/sqliteDocuments';
import { readState, writeState } from '../engine/sqlite/syncState';

/**
 * How far back of its checkpoint each review pull reads again. The server stamps updated_at when
 * it takes a write, and a write stamped just before another can become visible just after it; ids
 * already copied at the same stamp are written no more than once (de-duplicated here and in the
 * local upsert).
 */
export const REVIEW_OVERLAP_MS = 60_000;
const BATCH = 1_000;

/** In sync_state: how far the device's copy of the reviews has come. */
export const REVIEW_CHECKPOINT = 'reviews.checkpoint';

/**
 * The newest change copied: the newest updated_at, and for documents that have none (written
 * before reviews had it) the newest created_at. ISO instants, null where nothing was seen yet.
 */
export interface ReviewCheckpoint { updatedAt: string | null; unstampedCreatedAt: string | null }

export function checkpointOf(marks: ReviewMarks): ReviewCheckpoint {
  return { updatedAt: marks.updatedAt?.toISOString() ?? null, unstampedCreatedAt: marks.unstampedCreatedAt?.toISOString() ?? null };
}

export interface ReviewPullReport { reviews: number; written: number; checkpoint: ReviewCheckpoint }

const later = (a: string | null, b: Date): string => (a !== null && Date.parse(a) >= b.getTime() ? a : b.toISOString());

/** Where a walk starts: REVIEW_OVERLAP_MS before the checkpoint, or at the very beginning. */
function startOf(mark: string | null): ReviewKey {
  return { at: new Date(mark === null ? 0 : Date.parse(mark) - REVIEW_OVERLAP_MS), id: '' };
}

/**
 * Copies the reviews changed on the server since the device's checkpoint into its SQLite copy:
 * new ones, replies, moderation (hidden reviews too: moderators offline see them, the read path
 * filters them for agents). Keyset batches in (updatedAt, id) order, each batch in one SQLite
 * transaction with the checkpoint it reached; then the same for documents without an updatedAt,
 * by createdAt. A device without a checkpoint (filled before reviews were pulled) copies them all
 * once. MongoDB has no change streams on FerretDB: this is a query, not a subscription.
 */
export async function pullReviews(
  docs: DocumentStore, localDb: SqliteDb, onProgress?: (done: number) => void, batchSize = BATCH,
): Promise<ReviewPullReport> {
  const local = localDb.handle;
  const checkpoint = await localDb.withHandle((raw) => readState<ReviewCheckpoint>(raw, REVIEW_CHECKPOINT, { updatedAt: null, unstampedCreatedAt: null }));
  const report: ReviewPullReport = { reviews: 0, written: 0, checkpoint: { ...checkpoint } };
  const changed = docs.reviewsChangedAfter?.bind(docs);
  if (!changed) return report;
  // A review changed while the walk runs moves ahead and is met again: copied once per stamp.
  const copied = new Map<string, number>();
  for (const unstamped of [false, true]) {
    const mark = unstamped ? 'unstampedCreatedAt' : 'updatedAt';
    let after = startOf(checkpoint[mark]);
    for (;;) {
      const batch = await changed(after, { unstamped, limit: batchSize });
      const last = batch.at(-1);
      if (!last) break;
      const fresh = batch.filter((r) => copied.get(r.id) !== r.updatedAt.getTime());
      after = { at: unstamped ? last.createdAt : last.updatedAt, id: last.id };
      const next: ReviewCheckpoint = { ...report.checkpoint, [mark]: later(report.checkpoint[mark], after.at) };
      report.written += await localDb.withHandle(() => local.transaction(() => {
        const written = copyServerReviews(local, fresh);
        writeState(local, REVIEW_CHECKPOINT, next);
        return written;
      })());
      report.checkpoint = next;
      for (const r of fresh) copied.set(r.id, r.updatedAt.getTime());
      report.reviews += fresh.length;
      onProgress?.(report.reviews);
      if (batch.length < batchSize) break;
    }
  }
  return report;
}

/**
 * Hydration's copy: the reviews given (written in the last year), in transactions of BATCH,
 * replacing what the device holds. The checkpoint is the caller's: the marks taken before the copy began.
 */
export async function copyReviews(reviews: AsyncIterable<ReviewDoc>, localDb: SqliteDb, onProgress?: (done: number) => void): Promise<number> {
  const local = localDb.handle;
  let done = 0;
  let pending: ReviewDoc[] = [];
  const flush = async () => {
    const rows = pending;
    pending = [];
    if (rows.length > 0) await localDb.withHandle(() => local.transaction(() => copyServerReviews(local, rows))());
  };
  for await (const review of reviews) {
    pending.push(review);
    done++;
    if (pending.length >= BATCH) {
      await flush();
      onProgress?.(done);
    }
  }
  await flush();
  return done;
}
