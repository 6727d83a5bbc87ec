import { ContractError, type ChannelArgs, type ChannelOutput, type Deal } from '../../../../shared/contract';
import type { DealDoc } from '../../stores/deals';
import type { ServiceContext } from '../context';

export const toDeal = (d: DealDoc): Deal => ({
  id: d.id, kind: d.kind, key: d.key, targetId: d.targetId, title: d.title, day: d.day, priceCents: d.priceCents,
  referenceCents: d.referenceCents, discountPct: Math.max(0, Math.min(100, d.discountPct)), source: d.source, detectedAtUtc: d.ts.toISOString(),
});

function parseCursor(cursor: string): { ts: Date; id: string } {
  const bar = cursor.indexOf('|');
  const ts = new Date(cursor.slice(0, bar));
  if (bar < 0 || Number.isNaN(ts.getTime())) throw new ContractError('VALIDATION', 'cursor: not a cursor this channel gave', { field: 'cursor' });
  return { ts, id: cursor.slice(bar + 1) };
}

/** The deals feed, newest first. */
export async function listDeals(ctx: ServiceContext, input: ChannelArgs<'deals.list'>): Promise<ChannelOutput<'deals.list'>> {
  const docs = await ctx.engine.docs.deals.listDeals({
    kind: input.kind, since: input.from ? new Date(input.from) : undefined,
    before: input.cursor ? parseCursor(input.cursor) : undefined, limit: input.limit + 1,
  });
  const page = docs.slice(0, input.limit);
  const last = page.at(-1);
  return { items: page.map(toDeal), nextCursor: docs.length > input.limit && last ? `${last.ts.toISOString()}|${last.id}` : null };
}
