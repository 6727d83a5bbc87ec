import type { AnalyticsRow, ChannelArgs } from '../../../../shared/contract';
import { addDays } from '../../../../shared/time';
import { rollUpBookings } from './rollUpBookings';
import { operation } from '../operation';

/** Older than this, the aggregates are brought up to date before answering (the job runs every few minutes). */
export const STALE_AFTER_MS = 60_000;

function order(groupBy: ChannelArgs<'analytics.summary'>['groupBy'], rows: AnalyticsRow[]): AnalyticsRow[] {
  // Days read as a timeline; every other grouping reads best with the biggest earner first.
  if (groupBy === 'day') return rows.sort((a, b) => a.key.localeCompare(b.key));
  return rows.sort((a, b) => b.revenueCents - a.revenueCents || b.bookings - a.bookings || a.label.localeCompare(b.label));
}

/**
 * Bookings, revenue, cancellations and refunds over [from, to] (whole UTC days), grouped one way,
 * summed from the daily rollups (see dailyFigures for what counts on which day).
 */
export const analyticsSummary = operation('analytics.summary', async (ctx, input) => {
  const store = ctx.engine.docs.rollups;
  let { rolledUpAt } = await store.readState();
  if (!rolledUpAt || ctx.now() - rolledUpAt.getTime() > STALE_AFTER_MS) {
    rolledUpAt = (await rollUpBookings(ctx.engine, ctx.now())).rolledUpAt;
  }
  const totals = await store.sumRollups(input.groupBy, new Date(`${input.from}T00:00:00.000Z`), new Date(`${addDays(input.to, 1)}T00:00:00.000Z`));
  const rows = order(input.groupBy, totals.map((t) => ({ ...t })));
  return {
    from: input.from,
    to: input.to,
    groupBy: input.groupBy,
    rows,
    totals: rows.reduce(
      (s, r) => ({ bookings: s.bookings + r.bookings, revenueCents: s.revenueCents + r.revenueCents, cancellations: s.cancellations + r.cancellations, refundCents: s.refundCents + r.refundCents }),
      { bookings: 0, revenueCents: 0, cancellations: 0, refundCents: 0 }),
    rolledUpAtUtc: rolledUpAt.toISOString(),
  };
});
