import type { Db, Filter } from 'mongodb';
import type { WatchHit } from '../../../../shared/contract';
import type { WatchDoc, WatchProbe, WatchStore } from '../watches';
import { flattenWatch, unflattenWatch, type FlatWatch } from '../watchShape';

interface WatchMongo extends FlatWatch {
  _id: string; user_id: number; status: 'active' | 'triggered'; created_at: Date; created_by: number | null;
  triggered_at: Date | null; hit: WatchHit | null;
  /** Absent on watches made before customers could be emailed: false. */
  notify_customer?: boolean;
}

const DUPLICATE_KEY = 11000;

function toWatch(d: WatchMongo): WatchDoc {
  return {
    id: d._id, userId: d.user_id, ...unflattenWatch(d), status: d.status, createdAt: d.created_at, createdBy: d.created_by ?? null,
    triggeredAt: d.triggered_at ?? null, hit: d.hit ?? null, notifyCustomer: d.notify_customer === true, provisional: false,
  };
}

export class MongoWatches implements WatchStore {
  constructor(private readonly db: Db) {}

  private get watches() { return this.db.collection<WatchMongo>('watches'); }

  async insertWatch(w: WatchDoc): Promise<WatchDoc> {
    try {
      await this.watches.insertOne({
        _id: w.id, user_id: w.userId, ...flattenWatch(w.target, w.condition), status: w.status, created_at: w.createdAt,
        created_by: w.createdBy, triggered_at: w.triggeredAt, hit: w.hit, notify_customer: w.notifyCustomer,
      });
    } catch (err) {
      // The watch's id is the opId that made it: a replayed create finds the first one.
      if ((err as { code?: number }).code !== DUPLICATE_KEY) throw err;
    }
    return (await this.getWatch(w.id)) ?? w;
  }

  async getWatch(id: string): Promise<WatchDoc | null> {
    const d = await this.watches.findOne({ _id: id });
    return d ? toWatch(d) : null;
  }

  async listWatches(f: { userId?: number; status?: 'active' | 'triggered'; limit: number }): Promise<WatchDoc[]> {
    const filter: Filter<WatchMongo> = {};
    if (f.userId !== undefined) filter.user_id = f.userId;
    if (f.status) filter.status = f.status;
    const docs = await this.watches.find(filter).sort({ created_at: -1, _id: -1 }).limit(f.limit).toArray();
    return docs.map(toWatch);
  }

  async activeWatchesFor(p: WatchProbe): Promise<WatchDoc[]> {
    const filter: Filter<WatchMongo> = p.kind === 'route'
      ? { status: 'active', target_kind: 'route', route_from: p.from, route_to: p.to, date_from: { $lte: p.day }, date_to: { $gte: p.day } }
      : { status: 'active', target_kind: p.kind, target_id: p.kind === 'hotel' ? p.hotelId : p.carId, date_from: { $lte: p.toDay }, date_to: { $gte: p.fromDay } };
    return (await this.watches.find(filter).toArray()).map(toWatch);
  }

  async markTriggered(id: string, at: Date, hit: WatchHit): Promise<boolean> {
    // Conditional on 'active', so two consoles seeing the same change fire the watch once.
    const res = await this.watches.updateOne({ _id: id, status: 'active' }, { $set: { status: 'triggered', triggered_at: at, hit } });
    return res.modifiedCount === 1;
  }

  async deleteWatch(id: string): Promise<boolean> {
    return (await this.watches.deleteOne({ _id: id })).deletedCount === 1;
  }
}
