import type { Deal } from '../../../../shared/contract';
import type { DealDoc } from '../../engine/deals';
import { decodeKeyset, keysetPage } from '../keysetCursor';
import { operation } from '../operation';

export const toDeal = (d: DealDoc): Deal => ({
  id: d.id, kind: d.kind, key: d.key, targetId: d.targetId, title: d.title, day: d.day, priceCents: d.priceCents,
  referenceCents: d.referenceCents, discountPct: Math.max(0, Math.min(100, d.discountPct)), source: d.source, detectedAtUtc: d.ts.toISOString(),
});

/** The deals feed, newest first. */
export const listDeals = operation('deals.list', async (ctx, input) => {
  const docs = await ctx.engine.docs.deals.listDeals({
    kind: input.kind, since: input.from ? new Date(input.from) : undefined,
    before: input.cursor ? decodeKeyset(input.cursor) : undefined, limit: input.limit + 1,
  });
  return keysetPage(docs, input.limit, (d) => d, toDeal);
});
