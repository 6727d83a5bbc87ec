import { toWatch } from './watchShape';
import { operation } from '../operation';

/** Newest first; `status: 'triggered'` is the Needs-attention list of hits. */
export const listWatches = operation('watches.list', async (ctx, input) => {
  const docs = await ctx.engine.docs.watches.listWatches({ userId: input.customerId, status: input.status, limit: input.limit });
  return docs.map(toWatch);
});
