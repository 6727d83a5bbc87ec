import { ContractError, type ChannelOutput } from '../../../../shared/contract';
import { fromDbInstant } from '../../../../shared/time';
import type { SqlSession } from '../../engine/sql';
import type { ServiceContext } from '../context';
import { policiesOfItems } from '../rates/propertyPolicy';
import type { ItemRow } from './bookingRecord';
import { quoteRefund } from './refundPolicy';

export type CancellationQuote = ChannelOutput<'bookings.cancelPreview'>;

/**
 * The items a cancellation is about: those named, or every active one. Unknown or already
 * cancelled items, or nothing left to cancel, refuse the whole request. `lock`: read in the
 * cancelling transaction, so a racing cancel waits for this one.
 */
export async function itemsToCancel(db: SqlSession, bookingId: number, itemIds: number[] | undefined, lock: boolean): Promise<ItemRow[]> {
  const booking = await db.get<{ id: number; status: string }>(`SELECT id, status FROM bookings WHERE id = ?${lock ? db.lockForUpdate : ''}`, [bookingId]);
  if (!booking) throw new ContractError('NOT_FOUND', `No booking ${bookingId}.`);
  const items = await db.all<ItemRow>('SELECT * FROM booking_items WHERE booking_id = ? ORDER BY id', [bookingId]);
  const wanted = itemIds ? items.filter((i) => itemIds.includes(i.id)) : items.filter((i) => i.status === 'active');
  if (itemIds) {
    const unknown = itemIds.filter((id) => !items.some((i) => i.id === id));
    if (unknown.length > 0) throw new ContractError('NOT_FOUND', `Booking ${bookingId} has no item ${unknown.join(', ')}.`, { itemIds: unknown });
    const done = wanted.filter((i) => i.status !== 'active');
    if (done.length > 0) throw new ContractError('CONFLICT', 'Some of those items are already cancelled.', { itemIds: done.map((i) => i.id) });
  }
  if (wanted.length === 0) throw new ContractError('CONFLICT', `Booking ${bookingId} has nothing left to cancel.`, { bookingId });
  return wanted;
}

/**
 * What the policy refunds for each item now: a stay under its hotel's own policy when it has one,
 * everything else under the console's. The preview shows it and the cancellation applies it, each
 * reading the policies with `db` (the cancellation in its own transaction).
 */
export async function quoteCancellation(ctx: ServiceContext, db: SqlSession, bookingId: number, items: ItemRow[]): Promise<CancellationQuote> {
  const policies = await policiesOfItems(db, ctx.config.refundPolicy, items);
  const lines = items.map((i) => {
    const p = policies.get(Number(i.id)) ?? { policy: ctx.config.refundPolicy, owner: null };
    const q = quoteRefund(p.policy, Number(i.total_cents), Date.parse(fromDbInstant(i.start_utc)), ctx.now(), p.owner);
    return { itemId: i.id, refundCents: q.refundCents, feeCents: q.feeCents, rule: q.rule };
  });
  return {
    bookingId, items: lines,
    refundCents: lines.reduce((s, l) => s + l.refundCents, 0),
    feeCents: lines.reduce((s, l) => s + l.feeCents, 0),
  };
}
