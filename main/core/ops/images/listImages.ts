import type { ChannelArgs, ChannelOutput } from '../../../../shared/contract';
import type { ServiceContext } from '../context';
import { requireTarget } from '../reviews/reviewShape';

export async function listImages(ctx: ServiceContext, input: ChannelArgs<'images.list'>): Promise<ChannelOutput<'images.list'>> {
  await requireTarget(ctx.engine.sql, input.targetKind, input.targetId);
  const docs = await ctx.engine.docs.listImages(input.targetKind, input.targetId);
  return docs.map((d) => ({ id: d.id, targetKind: d.entityType, targetId: d.entityId, url: d.url, caption: d.caption }));
}
