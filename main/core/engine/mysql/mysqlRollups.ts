import type { AnalyticsGroupBy } from '../../../../shared/contract';
import { DAY_MS, fromDbInstant, toDbInstant } from '../../../../shared/time';
import type { RollupDoc, RollupStore, RollupTotals } from '../rollups';
import { placeholders, type SqlDb } from '../sql';

/** Rows per INSERT: one round trip for a day of every grouping at the bench's scale. */
const ROW_BATCH = 1_000;
const DAY_BATCH = 500;
/** Days per publish round trip to MongoDB (bounds its bulk writes). */
const PUBLISH_DAYS = 62;

interface Published {
  replaceDays(days: Date[], docs: RollupDoc[]): Promise<void>;
}

type Log = (level: 'info' | 'warn' | 'error', msg: string, extra?: Record<string, unknown>) => void;

interface RollupRow { kind: AnalyticsGroupBy; window_start: string; group_key: string; label: string; bookings: number; revenue_cents: number; cancellations: number; refund_cents: number }

/**
 * The central rollups (migrations/mysql/013): kept in MySQL, where a year reads with one range
 * scan of the primary key, and published to MongoDB's `analytics_aggregates` for other readers.
 *
 * A day is replaced in one transaction, so the dashboard never sums half a day. The console may
 * not DELETE, so a group a day no longer has is zeroed instead, and the sums skip zero rows (a
 * group with neither a sale nor a cancellation on a day has no figures there, as before).
 *
 * Publishing runs in the background after each write, so a rollup costs what MySQL costs (FerretDB
 * replaces a day's documents far slower than MySQL writes them). Each write takes the next run
 * number and stamps its rows with it; publishing copies every day holding rows newer than
 * `published_seq`, whole, then moves `published_seq` up to the newest run it read. A publish that
 * fails or a console that dies leaves the marker behind, and the next publish (after the next
 * rollup, or at start) copies those days again. Within a console writes and publishes are one at
 * a time; across consoles the rollup job has one leader (job_leases).
 */
export class MysqlRollups implements RollupStore {
  private publishing: Promise<void> | null = null;
  private publishAgain = false;

  constructor(private readonly db: SqlDb, private readonly published: Published, private readonly log: Log = () => undefined) {}

  /** The next rollup run's number, from the one state row (made here on the first run). */
  private async nextRun(): Promise<number> {
    const res = await this.db.run(
      `INSERT INTO analytics_state (id, watermark, rolled_up_at, run_seq) VALUES (1, '', UTC_TIMESTAMP(3), 1)
       ON DUPLICATE KEY UPDATE run_seq = LAST_INSERT_ID(run_seq + 1)`);
    // A fresh row answers no LAST_INSERT_ID: it is run 1.
    return res.insertId > 0 ? res.insertId : 1;
  }

  async replaceDays(days: Date[], docs: RollupDoc[]): Promise<void> {
    const keys = days.map((d) => toDbInstant(d));
    const run = await this.nextRun();
    await this.db.transaction(async (tx) => {
      for (let i = 0; i < keys.length; i += DAY_BATCH) {
        const batch = keys.slice(i, i + DAY_BATCH);
        await tx.run(`UPDATE analytics_rollups SET bookings = 0, revenue_cents = 0, cancellations = 0, refund_cents = 0, written_seq = ?
                      WHERE window_start IN (${placeholders(batch.length)}) AND (bookings <> 0 OR cancellations <> 0)`, [run, ...batch]);
      }
      for (let i = 0; i < docs.length; i += ROW_BATCH) {
        const chunk = docs.slice(i, i + ROW_BATCH);
        await tx.run(
          `INSERT INTO analytics_rollups (kind, window_start, group_key, label, bookings, revenue_cents, cancellations, refund_cents, written_seq)
           VALUES ${chunk.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}
           ON DUPLICATE KEY UPDATE label = VALUES(label), bookings = VALUES(bookings), revenue_cents = VALUES(revenue_cents),
             cancellations = VALUES(cancellations), refund_cents = VALUES(refund_cents), written_seq = VALUES(written_seq)`,
          chunk.flatMap((d) => [d.kind, toDbInstant(d.windowStart), d.key, d.label, d.bookings, d.revenueCents, d.cancellations, d.refundCents, run]));
      }
      // A day with no groups at all stamps nothing above: mark it by its 'day' row so it is published (emptied) too.
      for (let i = 0; i < keys.length; i += DAY_BATCH) {
        const batch = keys.slice(i, i + DAY_BATCH);
        await tx.run(
          `INSERT INTO analytics_rollups (kind, window_start, group_key, label, bookings, revenue_cents, cancellations, refund_cents, written_seq)
           VALUES ${batch.map(() => "('day', ?, '', '', 0, 0, 0, 0, ?)").join(', ')}
           ON DUPLICATE KEY UPDATE written_seq = GREATEST(written_seq, VALUES(written_seq))`,
          batch.flatMap((k) => [k, run]));
      }
    });
    this.publish();
  }

  /** Publishes what MongoDB lacks, in the background: one publish at a time, and one more after it if asked meanwhile. */
  publish(): void {
    if (this.publishing) {
      this.publishAgain = true;
      return;
    }
    this.publishing = (async () => {
      do {
        this.publishAgain = false;
        await this.publishPending().catch((err: unknown) =>
          this.log('warn', 'analytics rollups not published to MongoDB; the next rollup tries again', { source: 'jobs', error: String(err) }));
      } while (this.publishAgain);
    })().finally(() => { this.publishing = null; });
  }

  /** Resolves once no publish is running (tests, the bench, shutdown). */
  async publishedAll(): Promise<void> {
    while (this.publishing) await this.publishing;
  }

  private async publishPending(): Promise<void> {
    const state = await this.db.get<{ published_seq: number }>('SELECT published_seq FROM analytics_state WHERE id = 1');
    if (!state) return;
    const since = Number(state.published_seq);
    const pending = await this.db.all<{ day: string; seq: number }>(
      'SELECT window_start AS day, MAX(written_seq) AS seq FROM analytics_rollups WHERE written_seq > ? GROUP BY window_start ORDER BY window_start', [since]);
    if (pending.length === 0) return;
    let upTo = since;
    for (let i = 0; i < pending.length; i += PUBLISH_DAYS) {
      const batch = pending.slice(i, i + PUBLISH_DAYS);
      const keys = batch.map((p) => String(p.day));
      const rows = await this.db.all<RollupRow>(
        `SELECT kind, window_start, group_key, label, bookings, revenue_cents, cancellations, refund_cents FROM analytics_rollups
         WHERE window_start IN (${placeholders(keys.length)}) AND (bookings > 0 OR cancellations > 0)`, keys);
      const days = keys.map((k) => new Date(fromDbInstant(k)));
      await this.published.replaceDays(days, rows.map(toDoc));
      for (const p of batch) upTo = Math.max(upTo, Number(p.seq));
    }
    await this.db.run('UPDATE analytics_state SET published_seq = ? WHERE id = 1 AND published_seq < ?', [upTo, upTo]);
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

  /** Read at the start of every rollup run: it also publishes what an earlier console left unpublished. */
  async readState(): Promise<{ watermark: string | null; rolledUpAt: Date | null }> {
    this.publish();
    const row = await this.db.get<{ watermark: string; rolled_up_at: string }>('SELECT watermark, rolled_up_at FROM analytics_state WHERE id = 1');
    return { watermark: row?.watermark || null, rolledUpAt: row?.watermark ? new Date(fromDbInstant(row.rolled_up_at)) : null };
  }

  async writeState(s: { watermark: string; rolledUpAt: Date }): Promise<void> {
    await this.db.run(
      `INSERT INTO analytics_state (id, watermark, rolled_up_at) VALUES (1, ?, ?)
       ON DUPLICATE KEY UPDATE watermark = VALUES(watermark), rolled_up_at = VALUES(rolled_up_at)`,
      [s.watermark, toDbInstant(s.rolledUpAt)]);
  }
}

function toDoc(r: RollupRow): RollupDoc {
  const windowStart = new Date(fromDbInstant(String(r.window_start)));
  const day = windowStart.toISOString().slice(0, 10);
  return {
    id: `${r.kind}|${day}|${r.group_key}`, kind: r.kind, windowStart, windowEnd: new Date(windowStart.getTime() + DAY_MS), key: String(r.group_key),
    label: String(r.label), bookings: Number(r.bookings), revenueCents: Number(r.revenue_cents), cancellations: Number(r.cancellations), refundCents: Number(r.refund_cents),
  };
}
