import type { ChannelArgs, ChannelOutput } from '../../../../shared/contract';
import { writeAudit } from '../audit/audit';
import type { ServiceContext } from '../context';
import { requireOpId, requireTarget } from '../reviews/reviewShape';

/** Like a review, an image lives in the document store; its id is the opId, so a replay adds nothing. */
export async function addImage(ctx: ServiceContext, input: ChannelArgs<'images.add'>): Promise<ChannelOutput<'images.add'>> {
  const id = requireOpId(ctx.opId, ctx.channel);
  await requireTarget(ctx.engine.sql, input.targetKind, input.targetId);
  const img = await ctx.engine.docs.insertImage({
    id, entityType: input.targetKind, entityId: input.targetId, url: input.url, caption: input.caption ? input.caption : null, createdAt: new Date(ctx.now()),
  });
  await writeAudit(ctx, 'image', img.id, `image added to ${img.entityType} ${img.entityId}`);
  return { id: img.id, targetKind: img.entityType, targetId: img.entityId, url: img.url, caption: img.caption };
}
