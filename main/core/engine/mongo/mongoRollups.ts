import { MongoServerError, type AnyBulkWriteOperation, type Db, type Filter } from 'mongodb';
import type { AnalyticsGroupBy } from '../../../../shared/contract';
import type { RollupDoc, RollupStore, RollupTotals } from '../rollups';

/** One group's figures inside a day's document. */
interface RollupItem { key: string; label: string; bookings: number; revenue_cents: number; cancellations: number; refund_cents: number }

/**
 * One document per grouping and UTC day, holding that day's groups (none, on a day without
 * them): a year is 6 × 365 documents however many routes or hotels there are. One document per group was 30× as many, and FerretDB
 * (SQLite underneath) writes about a thousand documents a second.
 */
interface DayMongo {
  _id: string;
  kind: AnalyticsGroupBy;
  window_start: Date;
  window_end: Date;
  items: RollupItem[];
}
interface StateMongo { _id: string; watermark: string; rolled_up_at: Date }

type Log = (level: 'info' | 'warn' | 'error', msg: string, extra?: Record<string, unknown>) => void;

const DUPLICATE_KEY = 11000;
const STATE_ID = 'bookings';
/** Days per round trip when replacing: bounds the `$in` lists and the bulk writes. */
const DAY_BATCH = 62;

const KINDS: AnalyticsGroupBy[] = ['day', 'kind', 'route', 'hotel', 'state', 'operator'];
const FIGURES = ['bookings', 'revenue_cents', 'cancellations', 'refund_cents'] as const;
type Figure = (typeof FIGURES)[number];
/** Where sums are done: in one $group on the server, or in the core over the day documents. */
export type SumWay = 'oneGroup' | 'core';

const sortByKey = (rows: RollupTotals[]) => [...rows].sort((a, b) => a.key.localeCompare(b.key));

/** Sums groups per key: the fallback where the server cannot $group, and the merge of label variants. */
export function sumInJs(items: Iterable<RollupItem>): RollupTotals[] {
  const byKey = new Map<string, RollupTotals>();
  for (const d of items) {
    const t = byKey.get(d.key) ?? { key: d.key, label: d.label, bookings: 0, revenueCents: 0, cancellations: 0, refundCents: 0 };
    // A renamed hotel has several labels over a range: the greatest wins, whichever way summed.
    if (d.label > t.label) t.label = d.label;
    t.bookings += Number(d.bookings ?? 0);
    t.revenueCents += Number(d.revenue_cents ?? 0);
    t.cancellations += Number(d.cancellations ?? 0);
    t.refundCents += Number(d.refund_cents ?? 0);
    byKey.set(d.key, t);
  }
  return [...byKey.values()];
}

/**
 * `analytics_aggregates` on MongoDB. A day's document _id is `kind|day`, so replacing days is
 * inserts, replaces and deletes by _id: a reader never sees a day half-empty, and two cores rolling
 * up the same day at once converge instead of leaving duplicates (FerretDB has no transactions to
 * make a delete-then-insert atomic). Another core's insert racing ours is replaced by our figures,
 * which are as new.
 */
export class MongoRollups implements RollupStore {
  /** How sums are done, once a check settled it. */
  private way: SumWay | null = null;

  constructor(private readonly db: Db, private readonly log: Log = () => undefined) {}

  private get aggregates() { return this.db.collection<DayMongo>('analytics_aggregates'); }
  private get state() { return this.db.collection<StateMongo>('analytics_state'); }

  async replaceDays(days: Date[], docs: RollupDoc[]): Promise<void> {
    const wanted = new Set(days.map((d) => d.getTime()));
    const byId = new Map<string, DayMongo>();
    for (const d of docs) {
      if (!wanted.has(d.windowStart.getTime())) throw new RangeError(`rollup ${d.id} is outside the days being replaced`);
      const id = `${d.kind}|${d.windowStart.toISOString().slice(0, 10)}`;
      let day = byId.get(id);
      if (!day) byId.set(id, (day = { _id: id, kind: d.kind, window_start: d.windowStart, window_end: d.windowEnd, items: [] }));
      day.items.push({ key: d.key, label: d.label, bookings: d.bookings, revenue_cents: d.revenueCents, cancellations: d.cancellations, refund_cents: d.refundCents });
    }
    // Every grouping of every day gets its document, empty when the day has no such group: a
    // replace by _id costs FerretDB little, a delete (or a delete of nothing) a read of everything.
    for (const t of wanted) {
      const day = new Date(t);
      for (const kind of KINDS) {
        const id = `${kind}|${day.toISOString().slice(0, 10)}`;
        if (!byId.has(id)) byId.set(id, { _id: id, kind, window_start: day, window_end: new Date(t + 86_400_000), items: [] });
      }
    }
    const all = [...wanted].sort((a, b) => a - b);
    for (let i = 0; i < all.length; i += DAY_BATCH) {
      const batch = new Set(all.slice(i, i + DAY_BATCH));
      await this.replaceBatch([...byId.values()].filter((d) => batch.has(d.window_start.getTime())));
    }
  }

  /**
   * Writes without reading first: every day is inserted (cheap everywhere); only the documents
   * that exist already (duplicate key) are replaced, by _id. Nothing is deleted: FerretDB's SQLite
   * backend reads the whole collection for each delete (seconds at a year of days).
   */
  private async replaceBatch(docs: DayMongo[]): Promise<void> {
    let existing: DayMongo[] = [];
    if (docs.length > 0) {
      try {
        await this.aggregates.insertMany(docs, { ordered: false });
      } catch (err) {
        const writeErrors = (err as { writeErrors?: Array<{ code?: number; index: number }> | { code?: number; index: number } }).writeErrors;
        const list = Array.isArray(writeErrors) ? writeErrors : writeErrors ? [writeErrors] : [];
        if (list.length === 0 || list.some((e) => e.code !== DUPLICATE_KEY)) throw err;
        existing = list.map((e) => docs[e.index]).filter((d): d is DayMongo => d !== undefined);
      }
    }
    const ops: AnyBulkWriteOperation<DayMongo>[] = existing.map((d) => ({ replaceOne: { filter: { _id: d._id }, replacement: d, upsert: true } }));
    if (ops.length > 0) await this.aggregates.bulkWrite(ops, { ordered: false });
  }

  /**
   * Sums with $match + $unwind + $group on the server where it gets them right, else in the core.
   * The first non-empty server answer is checked against the core's own sum of the same documents:
   * FerretDB 1.24 refuses some accumulators ($max) and, worse, answers a $group with several $sum
   * accumulators with zeros after the first. (One $group per figure is right there, but four scans
   * of the collection cost more than one read summed here.)
   */
  async sumRollups(kind: AnalyticsGroupBy, from: Date, to: Date): Promise<RollupTotals[]> {
    // By _id where the range is a list of days one can write out: one indexed lookup on MongoDB.
    // (FerretDB's SQLite backend reads the whole collection whatever the filter; one query with
    // $in costs one scan, where a lookup per day would cost one scan each.)
    const dayCount = Math.ceil((to.getTime() - from.getTime()) / 86_400_000);
    const ids = dayCount > 0 && dayCount <= 4_000
      ? Array.from({ length: dayCount }, (_, i) => `${kind}|${new Date(from.getTime() + i * 86_400_000).toISOString().slice(0, 10)}`)
      : null;
    const match: Filter<DayMongo> = ids ? { _id: { $in: ids }, window_start: { $gte: from, $lt: to } } : { kind, window_start: { $gte: from, $lt: to } };
    if (this.way === 'core') return this.sumHere(match);
    let viaServer: RollupTotals[];
    try {
      viaServer = await this.sumOnServer(match);
    } catch (err) {
      // Refused (the server answered with an error, unlike a lost connection): sum here from now on.
      if (this.way || !(err instanceof MongoServerError)) throw err;
      this.settle('core', `the server refused the $group (${err.message})`);
      return this.sumHere(match);
    }
    if (this.way) return viaServer;
    const viaCore = await this.sumHere(match);
    if (viaCore.length === 0) return viaCore;
    const agree = JSON.stringify(sortByKey(viaServer)) === JSON.stringify(sortByKey(viaCore));
    this.settle(agree ? 'oneGroup' : 'core', agree ? 'its $group agrees with the documents' : "its $group's sums differ from what the documents add up to");
    return viaCore;
  }

  private settle(way: SumWay, why: string): void {
    this.way = way;
    this.log(way === 'core' ? 'warn' : 'info', `analytics: summing rollups ${way === 'core' ? 'in TripDesk' : 'on the server with one $group'}: ${why}`);
  }

  private async sumOnServer(match: Filter<DayMongo>): Promise<RollupTotals[]> {
    // Grouped by key and label with $sum only (FerretDB has no $max/$last to pick one label per
    // key): a renamed hotel's few label variants are merged by sumInJs.
    const group: Record<string, unknown> = { _id: { key: '$items.key', label: '$items.label' } };
    for (const f of FIGURES) group[f] = { $sum: `$items.${f}` };
    const rows = await this.aggregates.aggregate<{ _id: { key: string; label: string } } & Partial<Record<Figure, number>>>([
      { $match: match }, { $unwind: '$items' }, { $group: group },
    ]).toArray();
    return sumInJs(rows.map((r) => ({
      key: String(r._id.key), label: String(r._id.label),
      bookings: r.bookings ?? 0, revenue_cents: r.revenue_cents ?? 0, cancellations: r.cancellations ?? 0, refund_cents: r.refund_cents ?? 0,
    })));
  }

  private async sumHere(match: Filter<DayMongo>): Promise<RollupTotals[]> {
    const days = await this.aggregates.find(match, { projection: { items: 1 } }).toArray();
    return sumInJs(days.flatMap((d) => d.items));
  }

  /** How sums are done (for logs and tests); null until a non-empty sum settled it. */
  summingWay(): SumWay | null {
    return this.way;
  }

  async readState(): Promise<{ watermark: string | null; rolledUpAt: Date | null }> {
    const doc = await this.state.findOne({ _id: STATE_ID });
    return { watermark: doc?.watermark ?? null, rolledUpAt: doc?.rolled_up_at ?? null };
  }

  async writeState(s: { watermark: string; rolledUpAt: Date }): Promise<void> {
    await this.state.replaceOne({ _id: STATE_ID }, { watermark: s.watermark, rolled_up_at: s.rolledUpAt }, { upsert: true });
  }
}
