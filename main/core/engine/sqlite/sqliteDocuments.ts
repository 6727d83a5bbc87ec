import { fromDbInstant, toDbInstant } from '../../../../shared/time';
import type { AuditDoc, AuditFilter, DocumentStore, ImageDoc, RatingSummary, ReviewDoc, TargetKind } from '../documents';
import { emptySummary } from '../documents';
import { placeholders, type SqlSession } from '../sql';
import { insertAuditRow, SqliteAuditTrail } from './sqliteAuditTrail';
import type { RawSqlite, SqliteDb } from './sqliteDb';
import { SqliteDeals } from './sqliteDeals';
import { SqliteRollups } from './sqliteRollups';
import { SqliteLogs } from './sqliteLogs';
import { SqliteWatches } from './sqliteWatches';

interface ReviewRow {
  id: string; entity_type: TargetKind; entity_id: number; user_id: number; rating: number; title: string | null;
  body: string; created_at: string; reply_text: string | null; reply_by: number | null; reply_at: string | null;
  hidden: number; hidden_reason: string | null; image_urls: string | null; provisional: number; updated_at: string | null;
}

const date = (text: string) => new Date(fromDbInstant(text));

function toReview(r: ReviewRow): ReviewDoc {
  return {
    id: r.id, entityType: r.entity_type, entityId: r.entity_id, userId: r.user_id, rating: r.rating, title: r.title,
    body: r.body, createdAt: date(r.created_at), updatedAt: date(r.updated_at ?? r.created_at),
    reply: r.reply_text !== null && r.reply_by !== null && r.reply_at !== null ? { text: r.reply_text, by: r.reply_by, at: date(r.reply_at) } : null,
    hidden: r.hidden === 1, hiddenReason: r.hidden_reason, imageUrls: r.image_urls ? (JSON.parse(r.image_urls) as string[]) : [],
    provisional: r.provisional === 1,
  };
}

const REVIEW_COLUMNS = [
  'id', 'entity_type', 'entity_id', 'user_id', 'rating', 'title', 'body', 'created_at', 'updated_at',
  'reply_text', 'reply_by', 'reply_at', 'hidden', 'hidden_reason', 'image_urls', 'provisional',
] as const;

function reviewValues(r: ReviewDoc): (string | number | null)[] {
  return [r.id, r.entityType, r.entityId, r.userId, r.rating, r.title, r.body, toDbInstant(r.createdAt), toDbInstant(r.updatedAt),
    r.reply?.text ?? null, r.reply?.by ?? null, r.reply ? toDbInstant(r.reply.at) : null,
    r.hidden ? 1 : 0, r.hiddenReason, r.imageUrls.length > 0 ? JSON.stringify(r.imageUrls) : null, r.provisional ? 1 : 0];
}

const COPY_REVIEW = `INSERT INTO reviews (${REVIEW_COLUMNS.join(', ')}) VALUES (${REVIEW_COLUMNS.map(() => '?').join(', ')})
  ON CONFLICT (id) DO UPDATE SET ${REVIEW_COLUMNS.filter((c) => c !== 'id').map((c) => `${c} = excluded.${c}`).join(', ')}
  WHERE reviews.provisional = 1 OR reviews.updated_at IS NOT excluded.updated_at`;

/**
 * Server reviews into the device's copy, on the raw handle (the caller holds the lock and opens
 * the transaction, with its checkpoint): a review there is replaced, a provisional one made
 * offline too, and stops being provisional; one already copied at the same updatedAt is left
 * alone. Hidden reviews are copied like any other (the read path filters them). Returns how many
 * rows were written.
 */
export function copyServerReviews(raw: RawSqlite, reviews: Iterable<ReviewDoc>): number {
  const stmt = raw.prepare(COPY_REVIEW);
  let written = 0;
  for (const r of reviews) written += stmt.run(...reviewValues({ ...r, provisional: false })).changes;
  return written;
}

/** A store seen from inside an open transaction (what within() makes). */
interface InTransaction {
  tx: SqlSession;
  parent: SqliteDocuments;
}

/**
 * Documents in the device's own database. Reviews, images and watches are read and written
 * through `session`: the database, or in a view from within(tx), the mutation's transaction. The
 * database serialises work on its one connection, so a call on it from inside an open transaction
 * would wait for that transaction, which waits for the call.
 */
export class SqliteDocuments implements DocumentStore {
  readonly deals: SqliteDeals;
  readonly watches: SqliteWatches;
  readonly logs: SqliteLogs;
  readonly rollups: SqliteRollups;
  readonly audit: SqliteAuditTrail;
  private readonly session: SqlSession;
  private readonly parent: SqliteDocuments | null;

  /** `inTransaction` is within()'s: open a store with the database alone. */
  constructor(private readonly db: SqliteDb, inTransaction?: InTransaction) {
    this.session = inTransaction?.tx ?? db;
    this.parent = inTransaction?.parent ?? null;
    // Deals, logs, rollups and the trail are written by jobs outside mutations: shared, on the database.
    this.audit = this.parent?.audit ?? new SqliteAuditTrail(db);
    this.deals = this.parent?.deals ?? new SqliteDeals(db);
    this.logs = this.parent?.logs ?? new SqliteLogs(db, this.audit);
    this.rollups = this.parent?.rollups ?? new SqliteRollups(db);
    this.watches = new SqliteWatches(this.session);
  }

  within(tx: SqlSession): SqliteDocuments {
    return new SqliteDocuments(this.db, { tx, parent: this.parent ?? this });
  }

  async insertReview(r: ReviewDoc): Promise<ReviewDoc> {
    await this.session.run(
      `INSERT INTO reviews (${REVIEW_COLUMNS.join(', ')}) VALUES (${REVIEW_COLUMNS.map(() => '?').join(', ')}) ON CONFLICT (id) DO NOTHING`,
      reviewValues(r),
    );
    return (await this.getReview(r.id)) ?? r;
  }

  async getReview(id: string): Promise<ReviewDoc | null> {
    const row = await this.session.get<ReviewRow>('SELECT * FROM reviews WHERE id = ?', [id]);
    return row ? toReview(row) : null;
  }

  async moveCustomerDocuments(fromUserId: number, toUserId: number): Promise<{ reviews: number; watches: number }> {
    const reviews = await this.session.run('UPDATE reviews SET user_id = ?, updated_at = ? WHERE user_id = ?', [toUserId, toDbInstant(Date.now()), fromUserId]);
    const watches = await this.session.run('UPDATE watches SET user_id = ? WHERE user_id = ?', [toUserId, fromUserId]);
    return { reviews: reviews.affectedRows, watches: watches.affectedRows };
  }

  async forgetCustomerWatches(userId: number): Promise<number> {
    return (await this.session.run('DELETE FROM watches WHERE user_id = ?', [userId])).affectedRows;
  }

  async updateReview(id: string, patch: Partial<Pick<ReviewDoc, 'reply' | 'hidden' | 'hiddenReason' | 'provisional'>>): Promise<ReviewDoc | null> {
    const sets: string[] = [];
    const params: (string | number | null)[] = [];
    if (patch.reply !== undefined) {
      sets.push('reply_text = ?', 'reply_by = ?', 'reply_at = ?');
      params.push(patch.reply?.text ?? null, patch.reply?.by ?? null, patch.reply ? toDbInstant(patch.reply.at) : null);
    }
    if (patch.hidden !== undefined) { sets.push('hidden = ?'); params.push(patch.hidden ? 1 : 0); }
    if (patch.hiddenReason !== undefined) { sets.push('hidden_reason = ?'); params.push(patch.hiddenReason); }
    if (patch.provisional !== undefined) { sets.push('provisional = ?'); params.push(patch.provisional ? 1 : 0); }
    // A change of the review itself stamps it (on the device's clock: the server stamps its own copy).
    if (patch.reply !== undefined || patch.hidden !== undefined || patch.hiddenReason !== undefined) {
      sets.push('updated_at = ?');
      params.push(toDbInstant(Date.now()));
    }
    if (sets.length > 0) await this.session.run(`UPDATE reviews SET ${sets.join(', ')} WHERE id = ?`, [...params, id]);
    return this.getReview(id);
  }

  async listReviews(kind: TargetKind, id: number, opts: { includeHidden: boolean; before?: { at: Date; id: string }; limit: number }): Promise<ReviewDoc[]> {
    const where = ['entity_type = ?', 'entity_id = ?'];
    const params: (string | number)[] = [kind, id];
    if (!opts.includeHidden) where.push('hidden = 0');
    if (opts.before) {
      where.push('(created_at < ? OR (created_at = ? AND id < ?))');
      const at = toDbInstant(opts.before.at);
      params.push(at, at, opts.before.id);
    }
    const rows = await this.session.all<ReviewRow>(
      `SELECT * FROM reviews WHERE ${where.join(' AND ')} ORDER BY created_at DESC, id DESC LIMIT ?`, [...params, opts.limit]);
    return rows.map(toReview);
  }

  async ratingSummary(kind: TargetKind, id: number): Promise<RatingSummary> {
    const rows = await this.session.all<{ rating: number; n: number }>(
      'SELECT rating, COUNT(*) AS n FROM reviews WHERE entity_type = ? AND entity_id = ? AND hidden = 0 GROUP BY rating', [kind, id]);
    const summary = emptySummary();
    let sum = 0;
    for (const r of rows) {
      summary.byStars[r.rating - 1] = r.n;
      summary.count += r.n;
      sum += r.rating * r.n;
    }
    summary.average = summary.count > 0 ? Math.round((sum / summary.count) * 10) / 10 : null;
    return summary;
  }

  async averageRatings(kind: TargetKind, ids: number[]): Promise<Map<number, number>> {
    if (ids.length === 0) return new Map();
    const rows = await this.session.all<{ entity_id: number; avg: number }>(
      `SELECT entity_id, AVG(rating) AS avg FROM reviews WHERE entity_type = ? AND hidden = 0 AND entity_id IN (${placeholders(ids.length)}) GROUP BY entity_id`,
      [kind, ...ids]);
    return new Map(rows.map((r) => [r.entity_id, Math.round(r.avg * 10) / 10]));
  }

  async listImages(kind: TargetKind, id: number): Promise<ImageDoc[]> {
    const rows = await this.session.all<ImageRow>('SELECT * FROM images WHERE entity_type = ? AND entity_id = ? ORDER BY position, created_at, id', [kind, id]);
    return rows.map(imageOf);
  }

  async getImage(id: string): Promise<ImageDoc | null> {
    const row = await this.session.get<ImageRow>('SELECT * FROM images WHERE id = ?', [id]);
    return row ? imageOf(row) : null;
  }

  async removeImage(id: string): Promise<boolean> {
    return (await this.session.run('DELETE FROM images WHERE id = ?', [id])).affectedRows === 1;
  }

  async setImagePositions(kind: TargetKind, id: number, orderedIds: string[]): Promise<void> {
    for (const [i, imageId] of orderedIds.entries()) {
      await this.session.run('UPDATE images SET position = ? WHERE id = ? AND entity_type = ? AND entity_id = ?', [i + 1, imageId, kind, id]);
    }
  }

  async firstImages(kind: TargetKind, ids: number[]): Promise<Map<number, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.session.all<{ entity_id: number; url: string }>(
      `SELECT entity_id, url FROM images WHERE entity_type = ? AND entity_id IN (${placeholders(ids.length)}) ORDER BY position, created_at, id`, [kind, ...ids]);
    const first = new Map<number, string>();
    for (const r of rows) if (!first.has(r.entity_id)) first.set(r.entity_id, r.url);
    return first;
  }

  async insertImage(img: ImageDoc): Promise<ImageDoc> {
    await this.session.run(
      `INSERT INTO images (id, entity_type, entity_id, url, caption, created_at, position)
       SELECT ?, ?, ?, ?, ?, ?, COALESCE(?, (SELECT MAX(position) FROM images WHERE entity_type = ? AND entity_id = ?), 0) + 1 WHERE 1 ON CONFLICT (id) DO NOTHING`,
      [img.id, img.entityType, img.entityId, img.url, img.caption, toDbInstant(img.createdAt), img.position === undefined ? null : img.position - 1, img.entityType, img.entityId]);
    return img;
  }

  async appendAudit(e: AuditDoc): Promise<void> {
    await insertAuditRow(this.session, e);
  }

  /** Files the trail first, in a transaction of its own: not for use inside a mutation's. */
  async listAudit(f: AuditFilter): Promise<AuditDoc[]> {
    await this.audit.file();
    // The logs table also holds the application's log lines; the trail is the audit entries.
    const where: string[] = ["level = 'audit'"];
    const params: (string | number)[] = [];
    if (f.entity) { where.push('entity = ?'); params.push(f.entity); }
    if (f.entityId) { where.push('entity_id = ?'); params.push(f.entityId); }
    if (f.operatorId) { where.push('user_id = ?'); params.push(f.operatorId); }
    if (f.from) { where.push('ts >= ?'); params.push(toDbInstant(f.from)); }
    if (f.to) { where.push('ts < ?'); params.push(toDbInstant(f.to)); }
    const rows = await this.db.all<{ id: string; ts: string; user_id: number | null; channel: string; op_id: string | null; entity: string | null; entity_id: string | null; summary: string }>(
      `SELECT * FROM logs WHERE ${where.join(' AND ')} ORDER BY ts DESC, id DESC LIMIT ?`, [...params, f.limit]);
    return rows.map((r) => ({ id: r.id, ts: date(r.ts), operatorId: r.user_id, channel: r.channel, opId: r.op_id, entity: r.entity, entityId: r.entity_id, summary: r.summary }));
  }

  /** A view's parent owns the trail: closing a view leaves it open. */
  async close(): Promise<void> {
    if (!this.parent) await this.audit.close();
  }
}

interface ImageRow { id: string; entity_type: TargetKind; entity_id: number; url: string; caption: string | null; created_at: string; position: number }

function imageOf(r: ImageRow): ImageDoc {
  return { id: r.id, entityType: r.entity_type, entityId: r.entity_id, url: r.url, caption: r.caption, createdAt: date(r.created_at), position: Number(r.position) };
}
