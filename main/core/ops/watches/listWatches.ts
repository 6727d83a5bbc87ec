import { ContractError, type ChannelArgs, type ChannelOutput } from '../../../../shared/contract';
import { writeAudit } from '../audit/audit';
import type { ServiceContext } from '../context';
import { toWatch } from './watchShape';

/** Newest first; `status: 'triggered'` is the Needs-attention list of hits. */
export async function listWatches(ctx: ServiceContext, input: ChannelArgs<'watches.list'>): Promise<ChannelOutput<'watches.list'>> {
  const docs = await ctx.engine.docs.watches.listWatches({ userId: input.customerId, status: input.status, limit: input.limit });
  return docs.map(toWatch);
}

/** Removing a watch (or dismissing a hit). Deleting one already gone is NOT_FOUND, except on a replay of the same op. */
export async function deleteWatch(ctx: ServiceContext, input: ChannelArgs<'watches.delete'>): Promise<ChannelOutput<'watches.delete'>> {
  const removed = await ctx.engine.docs.watches.deleteWatch(input.watchId);
  if (!removed) {
    const replayed = ctx.opId ? (await ctx.engine.docs.listAudit({ entity: 'watch', entityId: input.watchId, limit: 20 })).some((a) => a.opId === ctx.opId) : false;
    if (!replayed) throw new ContractError('NOT_FOUND', `No watch ${input.watchId}.`, { field: 'watchId' });
  }
  await writeAudit(ctx, 'watch', input.watchId, 'watch removed');
  return { ok: true };
}
