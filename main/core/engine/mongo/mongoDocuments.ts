import type { Db, Filter, MongoClient } from 'mongodb';
import type { AuditDoc, AuditFilter, DocumentStore, ImageDoc, RatingSummary, ReviewDoc, ReviewKey, ReviewMarks, TargetKind } from '../documents';
import { emptySummary } from '../documents';
import type { SqlDb, SqlSession } from '../sql';
import { MongoDeals } from './mongoDeals';
import { MongoLogs } from './mongoLogs';
import { MongoRollups } from './mongoRollups';
import { MysqlRollups } from '../mysql/mysqlRollups';
import type { RollupStore } from '../rollups';
import { MongoWatches } from './mongoWatches';
import { AuditWriter } from './auditWriter';

interface ReviewMongo {
  _id: string; entity_type: TargetKind; entity_id: number; user_id: number; rating: number; title: string | null;
  body: string; created_at: Date; reply: { text: string; by: number; at: Date } | null; hidden: boolean;
  hidden_reason: string | null; image_urls?: string[];
  /** Stamped by the server ($currentDate) on every write; absent on documents written before it was. */
  updated_at?: Date;
}
interface ImageMongo { _id: string; entity_type: TargetKind; entity_id: number; url: string; caption: string | null; created_at: Date; position?: number }
interface LogMongo { _id: string; ts: Date; level?: string; user_id: number | null; channel: string; op_id: string | null; entity: string | null; entity_id: string | null; summary: string }

const DUPLICATE_KEY = 11000;

function toReview(r: ReviewMongo): ReviewDoc {
  return {
    id: r._id, entityType: r.entity_type, entityId: r.entity_id, userId: r.user_id, rating: r.rating, title: r.title ?? null,
    body: r.body, createdAt: r.created_at, updatedAt: r.updated_at ?? r.created_at, reply: r.reply ?? null, hidden: r.hidden === true, hiddenReason: r.hidden_reason ?? null,
    imageUrls: r.image_urls ?? [], provisional: false,
  };
}

type Log = (level: 'info' | 'warn' | 'error', msg: string, extra?: Record<string, unknown>) => void;

export class MongoDocuments implements DocumentStore {
  private readonly audit: AuditWriter<LogMongo>;
  readonly deals: MongoDeals;
  readonly watches: MongoWatches;
  readonly logs: MongoLogs;
  /** What the dashboard reads: MySQL's rollups when given (published here), else the documents. */
  readonly rollups: RollupStore;
  /** `analytics_aggregates`, as published for everyone else who reads the figures. */
  readonly publishedRollups: MongoRollups;

  /** `rollupsIn`: the central MySQL, where the rollups read fastest (migrations/mysql/013). */
  constructor(private readonly client: MongoClient, private readonly db: Db, log: Log = () => undefined, opts: { rollupsIn?: SqlDb } = {}) {
    this.audit = new AuditWriter(() => this.db.collection<LogMongo>('logs'), log);
    this.deals = new MongoDeals(db);
    this.watches = new MongoWatches(db);
    this.publishedRollups = new MongoRollups(db, log);
    this.rollups = opts.rollupsIn ? new MysqlRollups(opts.rollupsIn, this.publishedRollups, log) : this.publishedRollups;
    // The log viewer reads audit lines too: queued ones are written first.
    this.logs = new MongoLogs(db, () => this.audit.flush());
  }

  /** MongoDB is not in the SQL transaction: its writes stand on their own (idempotent on their ids). */
  within(_tx: SqlSession): DocumentStore {
    return this;
  }

  private get reviews() { return this.db.collection<ReviewMongo>('reviews'); }
  private get images() { return this.db.collection<ImageMongo>('images'); }
  private get logCollection() { return this.db.collection<LogMongo>('logs'); }

  async insertReview(r: ReviewDoc): Promise<ReviewDoc> {
    try {
      // An upsert that sets nothing on a review already there, so that the server can stamp
      // updated_at ($currentDate; insertOne takes no update operators). A second run stamps the
      // first review again: a device pulls it once more, unchanged.
      await this.reviews.updateOne({ _id: r.id }, {
        $setOnInsert: {
          entity_type: r.entityType, entity_id: r.entityId, user_id: r.userId, rating: r.rating, title: r.title, body: r.body,
          created_at: r.createdAt, reply: r.reply, hidden: r.hidden, hidden_reason: r.hiddenReason, image_urls: r.imageUrls,
        },
        $currentDate: { updated_at: true },
      }, { upsert: true });
    } catch (err) {
      // The review's id is the opId that wrote it: two runs racing to insert it, one loses here and reads the first.
      if ((err as { code?: number }).code !== DUPLICATE_KEY) throw err;
    }
    return (await this.getReview(r.id)) ?? r;
  }

  async getReview(id: string): Promise<ReviewDoc | null> {
    const doc = await this.reviews.findOne({ _id: id });
    return doc ? toReview(doc) : null;
  }

  async moveCustomerDocuments(fromUserId: number, toUserId: number): Promise<{ reviews: number; watches: number }> {
    // Stamped, so devices' review pulls (which follow updated_at) see the new owner.
    const reviews = await this.reviews.updateMany({ user_id: fromUserId }, { $set: { user_id: toUserId }, $currentDate: { updated_at: true } });
    const watches = await this.db.collection('watches').updateMany({ user_id: fromUserId }, { $set: { user_id: toUserId } });
    return { reviews: reviews.modifiedCount, watches: watches.modifiedCount };
  }

  async forgetCustomerWatches(userId: number): Promise<number> {
    return (await this.db.collection('watches').deleteMany({ user_id: userId })).deletedCount;
  }

  async updateReview(id: string, patch: Partial<Pick<ReviewDoc, 'reply' | 'hidden' | 'hiddenReason' | 'provisional'>>): Promise<ReviewDoc | null> {
    const set: Partial<ReviewMongo> = {};
    if (patch.reply !== undefined) set.reply = patch.reply;
    if (patch.hidden !== undefined) set.hidden = patch.hidden;
    if (patch.hiddenReason !== undefined) set.hidden_reason = patch.hiddenReason;
    if (Object.keys(set).length > 0) await this.reviews.updateOne({ _id: id }, { $set: set, $currentDate: { updated_at: true } });
    return this.getReview(id);
  }

  async listReviews(kind: TargetKind, id: number, opts: { includeHidden: boolean; before?: { at: Date; id: string }; limit: number }): Promise<ReviewDoc[]> {
    const filter: Filter<ReviewMongo> = { entity_type: kind, entity_id: id };
    if (!opts.includeHidden) filter.hidden = { $ne: true };
    if (opts.before) {
      filter.$or = [{ created_at: { $lt: opts.before.at } }, { created_at: opts.before.at, _id: { $lt: opts.before.id } }];
    }
    const docs = await this.reviews.find(filter).sort({ created_at: -1, _id: -1 }).limit(opts.limit).toArray();
    return docs.map(toReview);
  }

  // Ratings are summed here rather than with $group: FerretDB 1.x lacks $avg and miscounts
  // { $sum: 1 } in some groupings; a target's reviews are few enough to fetch.
  async ratingSummary(kind: TargetKind, id: number): Promise<RatingSummary> {
    const docs = await this.reviews.find({ entity_type: kind, entity_id: id, hidden: { $ne: true } }, { projection: { rating: 1 } }).toArray();
    const summary = emptySummary();
    let sum = 0;
    for (const d of docs) {
      const r = Number(d.rating);
      if (r < 1 || r > 5) continue;
      summary.byStars[r - 1] = (summary.byStars[r - 1] ?? 0) + 1;
      summary.count++;
      sum += r;
    }
    summary.average = summary.count > 0 ? Math.round((sum / summary.count) * 10) / 10 : null;
    return summary;
  }

  async averageRatings(kind: TargetKind, ids: number[]): Promise<Map<number, number>> {
    if (ids.length === 0) return new Map();
    const docs = await this.reviews.find({ entity_type: kind, entity_id: { $in: ids }, hidden: { $ne: true } }, { projection: { entity_id: 1, rating: 1 } }).toArray();
    const totals = new Map<number, { sum: number; n: number }>();
    for (const d of docs) {
      const t = totals.get(d.entity_id) ?? { sum: 0, n: 0 };
      t.sum += Number(d.rating);
      t.n++;
      totals.set(d.entity_id, t);
    }
    return new Map([...totals].map(([id, t]) => [id, Math.round((t.sum / t.n) * 10) / 10]));
  }

  async *recentReviews(since: Date): AsyncIterable<ReviewDoc> {
    for await (const doc of this.reviews.find({ created_at: { $gte: since } }).sort({ created_at: 1, _id: 1 })) yield toReview(doc);
  }

  // Keyset walks with plain comparisons, $or and $exists: what FerretDB 1.x runs (no aggregation).
  // ix_reviews_updated serves the first, ix_reviews_created the second (migrations/mongo/003).
  async reviewsChangedAfter(after: ReviewKey, opts: { unstamped: boolean; limit: number }): Promise<ReviewDoc[]> {
    const field = opts.unstamped ? 'created_at' : 'updated_at';
    const filter: Filter<ReviewMongo> = {
      $or: [{ [field]: { $gt: after.at } }, { [field]: after.at, _id: { $gt: after.id } }],
      ...(opts.unstamped ? { updated_at: { $exists: false } } : {}),
    };
    const docs = await this.reviews.find(filter).sort({ [field]: 1, _id: 1 }).limit(opts.limit).toArray();
    return docs.map(toReview);
  }

  async reviewMarks(): Promise<ReviewMarks> {
    const [stamped, unstamped] = await Promise.all([
      this.reviews.find({ updated_at: { $exists: true } }, { projection: { updated_at: 1 } }).sort({ updated_at: -1 }).limit(1).next(),
      this.reviews.find({ updated_at: { $exists: false } }, { projection: { created_at: 1 } }).sort({ created_at: -1 }).limit(1).next(),
    ]);
    return { updatedAt: stamped?.updated_at ?? null, unstampedCreatedAt: unstamped?.created_at ?? null };
  }

  async listImages(kind: TargetKind, id: number): Promise<ImageDoc[]> {
    // Images written before galleries had an order have no position: they sort first (as null), by time.
    const docs = await this.images.find({ entity_type: kind, entity_id: id }).sort({ position: 1, created_at: 1, _id: 1 }).toArray();
    return docs.map(imageOf);
  }

  async getImage(id: string): Promise<ImageDoc | null> {
    const d = await this.images.findOne({ _id: id });
    return d ? imageOf(d) : null;
  }

  async removeImage(id: string): Promise<boolean> {
    return (await this.images.deleteOne({ _id: id })).deletedCount === 1;
  }

  async setImagePositions(kind: TargetKind, id: number, orderedIds: string[]): Promise<void> {
    if (orderedIds.length === 0) return;
    await this.images.bulkWrite(orderedIds.map((imageId, i) => ({
      updateOne: { filter: { _id: imageId, entity_type: kind, entity_id: id }, update: { $set: { position: i + 1 } } },
    })), { ordered: false });
  }

  async firstImages(kind: TargetKind, ids: number[]): Promise<Map<number, string>> {
    if (ids.length === 0) return new Map();
    const docs = await this.images.find({ entity_type: kind, entity_id: { $in: ids } }, { projection: { entity_id: 1, url: 1, created_at: 1, position: 1 } })
      .sort({ position: 1, created_at: 1, _id: 1 }).toArray();
    const first = new Map<number, string>();
    for (const d of docs) if (!first.has(d.entity_id)) first.set(d.entity_id, d.url);
    return first;
  }

  async insertImage(img: ImageDoc): Promise<ImageDoc> {
    try {
      // Last in its gallery. Two supervisors adding at once may share a position; the time orders them.
      const last = await this.images.find({ entity_type: img.entityType, entity_id: img.entityId }, { projection: { position: 1 } }).sort({ position: -1 }).limit(1).next();
      const position = img.position ?? (last?.position ?? 0) + 1;
      await this.images.insertOne({ _id: img.id, entity_type: img.entityType, entity_id: img.entityId, url: img.url, caption: img.caption, created_at: img.createdAt, position });
    } catch (err) {
      if ((err as { code?: number }).code !== DUPLICATE_KEY) throw err;
    }
    return img;
  }

  /** Queued, not awaited: see AuditWriter (the trail is read through listAudit, which flushes first). */
  appendAudit(e: AuditDoc): Promise<void> {
    return this.audit.append({ _id: e.id, ts: e.ts, user_id: e.operatorId, channel: e.channel, op_id: e.opId, entity: e.entity, entity_id: e.entityId, summary: e.summary });
  }

  /** Writes the queued audit entries and stops retrying them (before the client closes). */
  closeAudit(): Promise<void> {
    return this.audit.close();
  }

  async listAudit(f: AuditFilter): Promise<AuditDoc[]> {
    await this.audit.flush();
    // The logs collection also holds the application's log lines; audit entries are level 'audit'
    // (or have no level: those predate it).
    const filter: Filter<LogMongo> = { $or: [{ level: 'audit' }, { level: { $exists: false } }] };
    if (f.entity) filter.entity = f.entity;
    if (f.entityId) filter.entity_id = f.entityId;
    if (f.operatorId) filter.user_id = f.operatorId;
    if (f.from || f.to) filter.ts = { ...(f.from ? { $gte: f.from } : {}), ...(f.to ? { $lt: f.to } : {}) };
    const docs = await this.logCollection.find(filter).sort({ ts: -1, _id: -1 }).limit(f.limit).toArray();
    return docs.map((d) => ({ id: d._id, ts: d.ts, operatorId: d.user_id, channel: d.channel, opId: d.op_id, entity: d.entity, entityId: d.entity_id, summary: d.summary }));
  }

  async close(): Promise<void> {
    await this.audit.close();
    await this.client.close();
  }
}

function imageOf(d: ImageMongo): ImageDoc {
  return { id: d._id, entityType: d.entity_type, entityId: d.entity_id, url: d.url, caption: d.caption ?? null, createdAt: d.created_at, position: d.position ?? 0 };
}
