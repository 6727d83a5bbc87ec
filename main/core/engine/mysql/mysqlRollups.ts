import type { AnalyticsGroupBy } from '../../../../shared/contract';
import { fromDbInstant, toDbInstant } from '../../../../shared/time';
import type { RollupDoc, RollupStore, RollupTotals } from '../rollups';
import { placeholders, type SqlDb } from '../sql';

/** Rows per INSERT: one round trip for a day of every grouping at the bench's scale. */
const ROW_BATCH = 1_000;
const DAY_BATCH = 500;

interface Published {
  replaceDays(days: Date[], docs: RollupDoc[]): Promise<void>;
}

/**
 * The central rollups (migrations/mysql/013): kept in MySQL, where a year reads with one range
 * scan of the primary key, and published to MongoDB's `analytics_aggregates` after each write.
 *
 * A day is replaced in one transaction, so the dashboard never sums half a day. The console may
 * not DELETE, so a group a day no longer has is zeroed instead, and the sums skip zero rows (a
 * group with neither a sale nor a cancellation on a day has no figures there, as before).
 * MySQL is written first: if publishing fails the run fails, the watermark stays, and the next
 * run recomputes and publishes the same days again.
 */
export class MysqlRollups implements RollupStore {
  constructor(private readonly db: SqlDb, private readonly published: Published) {}

  async replaceDays(days: Date[], docs: RollupDoc[]): Promise<void> {
    const keys = days.map((d) => toDbInstant(d));
    await this.db.transaction(async (tx) => {
      for (let i = 0; i < keys.length; i += DAY_BATCH) {
        const batch = keys.slice(i, i + DAY_BATCH);
        await tx.run(`UPDATE analytics_rollups SET bookings = 0, revenue_cents = 0, cancellations = 0, refund_cents = 0
                      WHERE window_start IN (${placeholders(batch.length)})`, batch);
      }
      for (let i = 0; i < docs.length; i += ROW_BATCH) {
        const chunk = docs.slice(i, i + ROW_BATCH);
        await tx.run(
          `INSERT INTO analytics_rollups (kind, window_start, group_key, label, bookings, revenue_cents, cancellations, refund_cents)
           VALUES ${chunk.map(() => '(?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}
           ON DUPLICATE KEY UPDATE label = VALUES(label), bookings = VALUES(bookings), revenue_cents = VALUES(revenue_cents),
             cancellations = VALUES(cancellations), refund_cents = VALUES(refund_cents)`,
          chunk.flatMap((d) => [d.kind, toDbInstant(d.windowStart), d.key, d.label, d.bookings, d.revenueCents, d.cancellations, d.refundCents]));
      }
    });
    await this.published.replaceDays(days, docs);
  }

  async sumRollups(kind: AnalyticsGroupBy, from: Date, to: Date): Promise<RollupTotals[]> {
    const rows = await this.db.all<{ k: string; label: string; bookings: number; revenue_cents: number; cancellations: number; refund_cents: number }>(
      `SELECT group_key AS k, MAX(label) AS label, SUM(bookings) AS bookings, SUM(revenue_cents) AS revenue_cents,
              SUM(cancellations) AS cancellations, SUM(refund_cents) AS refund_cents
       FROM analytics_rollups
       WHERE kind = ? AND window_start >= ? AND window_start < ? AND (bookings > 0 OR cancellations > 0)
       GROUP BY group_key`,
      [kind, toDbInstant(from), toDbInstant(to)]);
    return rows.map((r) => ({
      key: String(r.k), label: String(r.label), bookings: Number(r.bookings), revenueCents: Number(r.revenue_cents),
      cancellations: Number(r.cancellations), refundCents: Number(r.refund_cents),
    }));
  }

  async readState(): Promise<{ watermark: string | null; rolledUpAt: Date | null }> {
    const row = await this.db.get<{ watermark: string; rolled_up_at: string }>('SELECT watermark, rolled_up_at FROM analytics_state WHERE id = 1');
    return { watermark: row?.watermark ?? null, rolledUpAt: row ? new Date(fromDbInstant(row.rolled_up_at)) : null };
  }

  async writeState(s: { watermark: string; rolledUpAt: Date }): Promise<void> {
    await this.db.run(
      `INSERT INTO analytics_state (id, watermark, rolled_up_at) VALUES (1, ?, ?)
       ON DUPLICATE KEY UPDATE watermark = VALUES(watermark), rolled_up_at = VALUES(rolled_up_at)`,
      [s.watermark, toDbInstant(s.rolledUpAt)]);
  }
}
