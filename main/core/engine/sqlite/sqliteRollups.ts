import type { AnalyticsGroupBy } from '../../../../shared/contract';
import { fromDbInstant, toDbInstant } from '../../../../shared/time';
import type { RollupDoc, RollupStore, RollupTotals } from '../rollups';
import { placeholders } from '../sql';
import type { SqliteDb } from './sqliteDb';

/** Days per DELETE: keeps the IN list far below SQLite's parameter limit. */
const DAY_BATCH = 500;

/**
 * `analytics_aggregates` on the device (standalone and offline): the same daily documents as on
 * MongoDB, as rows. A day is replaced in one transaction, so readers never see it half-written.
 */
export class SqliteRollups implements RollupStore {
  constructor(private readonly db: SqliteDb) {}

  async replaceDays(days: Date[], docs: RollupDoc[]): Promise<void> {
    const keys = days.map((d) => toDbInstant(d));
    await this.db.transaction(async (tx) => {
      for (let i = 0; i < keys.length; i += DAY_BATCH) {
        const batch = keys.slice(i, i + DAY_BATCH);
        await tx.run(`DELETE FROM analytics_aggregates WHERE window_start IN (${placeholders(batch.length)})`, batch);
      }
      for (const d of docs) {
        await tx.run(
          `INSERT INTO analytics_aggregates (id, kind, window_start, window_end, key, label, bookings, revenue_cents, cancellations, refund_cents)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          [d.id, d.kind, toDbInstant(d.windowStart), toDbInstant(d.windowEnd), d.key, d.label, d.bookings, d.revenueCents, d.cancellations, d.refundCents]);
      }
    });
  }

  async sumRollups(kind: AnalyticsGroupBy, from: Date, to: Date): Promise<RollupTotals[]> {
    const rows = await this.db.all<{ key: string; label: string; bookings: number; revenue_cents: number; cancellations: number; refund_cents: number }>(
      `SELECT key, MAX(label) AS label, SUM(bookings) AS bookings, SUM(revenue_cents) AS revenue_cents,
              SUM(cancellations) AS cancellations, SUM(refund_cents) AS refund_cents
       FROM analytics_aggregates WHERE kind = ? AND window_start >= ? AND window_start < ? GROUP BY key`,
      [kind, toDbInstant(from), toDbInstant(to)]);
    return rows.map((r) => ({
      key: r.key, label: r.label, bookings: Number(r.bookings), revenueCents: Number(r.revenue_cents),
      cancellations: Number(r.cancellations), refundCents: Number(r.refund_cents),
    }));
  }

  async readState(): Promise<{ watermark: string | null; rolledUpAt: Date | null }> {
    const row = await this.db.get<{ watermark: string; rolled_up_at: string }>('SELECT watermark, rolled_up_at FROM analytics_state WHERE id = 1');
    return { watermark: row?.watermark ?? null, rolledUpAt: row ? new Date(fromDbInstant(row.rolled_up_at)) : null };
  }

  async writeState(s: { watermark: string; rolledUpAt: Date }): Promise<void> {
    await this.db.run(
      'INSERT INTO analytics_state (id, watermark, rolled_up_at) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET watermark = excluded.watermark, rolled_up_at = excluded.rolled_up_at',
      [s.watermark, toDbInstant(s.rolledUpAt)]);
  }
}
