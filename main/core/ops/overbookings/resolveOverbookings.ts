import { v5 as uuidv5 } from 'uuid';
import { ContractError, type ChannelArgs, type ResolutionOutcome } from '../../../../shared/contract';
import { dollars } from '../../../../shared/money';
import { toDbInstant } from '../../../../shared/time';
import type { SqlSession } from '../../engine/sql';
import type { ItemRow } from '../bookings/bookingRecord';
import { cancelItems } from '../bookings/cancelBooking';
import { BUSINESS_MOVE, exchangeItem } from '../bookings/changeItem';
import type { ServiceContext } from '../context';
import { operation } from '../operation';
import { runMutation } from '../runMutation';
import { itemIsOverbooked } from './shortfallRows';

type Resolution = ChannelArgs<'overbookings.resolve'>['items'][number];
type Done = Extract<ResolutionOutcome, { ok: true }>;

/** The namespace of the per-item op ids below (a fixed, random UUID). */
const ITEM_OP_NAMESPACE = '6f1d4a52-3c1e-4f7a-9a0b-2d5e8c7b9f10';

/**
 * Each item is its own mutation, exactly once: its op id is derived from the request's and the
 * item's, so a resent request answers every item as it was answered the first time (a move is not
 * made twice, a refusal stays refused) while one refused item leaves the others as they were.
 */
const itemOpId = (opId: string, itemId: number) => uuidv5(`${opId}:${itemId}`, ITEM_OP_NAMESPACE);

async function overbookedItem(tx: SqlSession, itemId: number): Promise<ItemRow> {
  const item = await tx.get<ItemRow>('SELECT * FROM booking_items WHERE id = ?', [itemId]);
  if (!item) throw new ContractError('NOT_FOUND', `No booking item ${itemId}.`, { itemId });
  if (item.status !== 'active') throw new ContractError('CONFLICT', `"${item.label}" is no longer booked: it was moved or cancelled already.`, { itemId });
  // Another supervisor may have covered the shortfall a moment ago: nobody else is moved for it.
  if (!(await itemIsOverbooked(tx, item))) {
    throw new ContractError('CONFLICT', `"${item.label}" is not overbooked (any more); change or cancel it from the booking if the customer asks.`, { itemId });
  }
  return item;
}

async function moveOne(ctx: ServiceContext, r: Extract<Resolution, { action: 'move' }>, reason: string): Promise<Done> {
  let words = '';
  return runMutation(ctx, async (tx) => {
    const nowUtc = toDbInstant(ctx.now());
    const item = await overbookedItem(tx, r.itemId);
    const done = await exchangeItem(tx, ctx, {
      bookingId: Number(item.booking_id), itemId: r.itemId, replacement: r.to, expectedDifferenceCents: r.expectedDifferenceCents,
    }, null, nowUtc, BUSINESS_MOVE);
    words = `overbooking: ${done.words} (no change fee); reason: ${reason}`;
    return { itemId: r.itemId, ok: true as const, action: 'move' as const, booking: done.booking, chargedCents: done.preview.chargeCents, refundedCents: done.preview.refundCents, what: words };
  }, (d) => ({ entity: 'booking', entityId: String(d.booking.id), summary: words || d.what }));
}

async function cancelOne(ctx: ServiceContext, r: Extract<Resolution, { action: 'cancel' }>, reason: string): Promise<Done> {
  let words = '';
  return runMutation(ctx, async (tx) => {
    const item = await overbookedItem(tx, r.itemId);
    const done = await cancelItems(tx, ctx, {
      bookingId: Number(item.booking_id), itemIds: [r.itemId], reason: `overbooked: ${reason}`, refund: { kind: 'full' },
    });
    // "cancelled …" first: the booking's history reads it as a cancellation.
    words = `cancelled ${item.label} (overbooked); refunded ${dollars(done.refundCents)} in full, no fee; reason: ${reason}`;
    return { itemId: r.itemId, ok: true as const, action: 'cancel' as const, booking: done.booking, chargedCents: 0, refundedCents: done.refundCents, what: words };
  }, (d) => ({ entity: 'booking', entityId: String(d.booking.id), summary: words || d.what }));
}

/**
 * Resolves overbooked items one by one: a move is a change (bookings.change's own exchange) for
 * the business's fault, so no change fee, the difference charged to the booking's card or
 * refunded in full; a cancel is a cancellation (bookings.cancel's own) refunded in full at once.
 * Seats, rooms or cars given back shrink the shortfall rather than going on sale
 * (inventory/shortfalls.ts), so nothing is announced to watchers here.
 */
export const resolveOverbookings = operation('overbookings.resolve', async (ctx, input) => {
  const opId = ctx.opId;
  if (!opId) throw new Error('overbookings.resolve is a mutation and needs an opId');
  const twice = input.items.map((r) => r.itemId).filter((id, i, all) => all.indexOf(id) !== i);
  if (twice.length > 0) throw new ContractError('VALIDATION', `items: item ${twice.join(', ')} is named twice.`, { field: 'items', itemIds: twice });
  const outcomes: ResolutionOutcome[] = [];
  for (const r of input.items) {
    const itemCtx: ServiceContext = { ...ctx, opId: itemOpId(opId, r.itemId) };
    try {
      outcomes.push(r.action === 'move' ? await moveOne(itemCtx, r, input.reason) : await cancelOne(itemCtx, r, input.reason));
    } catch (err) {
      // A fault (the server lost, a bug) stops here: the items before it stand, and the request
      // sent again answers them as before and carries on.
      if (!(err instanceof ContractError)) throw err;
      outcomes.push({ itemId: r.itemId, ok: false, action: r.action, error: err.toShape() });
    }
  }
  return { outcomes };
});
