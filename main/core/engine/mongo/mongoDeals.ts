import type { Db, Filter } from 'mongodb';
import type { DealKind } from '../../../../shared/contract';
import type { DealDoc, DealFilter, DealStore } from '../deals';

interface DealMongo {
  _id: string; event_type: 'deal'; kind: DealKind; key: string; target_id: number; title: string; day: string | null;
  price_cents: number; reference_cents: number; discount_pct: number; source: 'kafka' | 'detector'; ts: Date;
}

const DUPLICATE_KEY = 11000;

function toDeal(d: DealMongo): DealDoc {
  return {
    id: d._id, eventType: d.event_type, kind: d.kind, key: d.key, targetId: d.target_id, title: d.title, day: d.day ?? null,
    priceCents: d.price_cents, referenceCents: d.reference_cents, discountPct: d.discount_pct, source: d.source, ts: d.ts,
  };
}

export class MongoDeals implements DealStore {
  constructor(private readonly db: Db) {}

  private get events() { return this.db.collection<DealMongo>('deal_events'); }

  async insertDeal(d: DealDoc): Promise<boolean> {
    try {
      await this.events.insertOne({
        _id: d.id, event_type: d.eventType, kind: d.kind, key: d.key, target_id: d.targetId, title: d.title, day: d.day,
        price_cents: d.priceCents, reference_cents: d.referenceCents, discount_pct: d.discountPct, source: d.source, ts: d.ts,
      });
      return true;
    } catch (err) {
      // The event id is the document's _id: a redelivered event lands on the first copy.
      if ((err as { code?: number }).code === DUPLICATE_KEY) return false;
      throw err;
    }
  }

  async listDeals(f: DealFilter): Promise<DealDoc[]> {
    const filter: Filter<DealMongo> = { event_type: 'deal' };
    if (f.kind) filter.kind = f.kind;
    if (f.since) filter.ts = { $gte: f.since };
    if (f.before) filter.$or = [{ ts: { $lt: f.before.ts } }, { ts: f.before.ts, _id: { $lt: f.before.id } }];
    const docs = await this.events.find(filter).sort({ ts: -1, _id: -1 }).limit(f.limit).toArray();
    return docs.map(toDeal);
  }
}
