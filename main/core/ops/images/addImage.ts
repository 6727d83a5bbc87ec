import { requireOpId, requireTarget } from '../reviews/reviewShape';
import { runMutation } from '../runMutation';
import { operation } from '../operation';

/** A photo of a hotel or car, by https link. Its id is the opId, as a review's is. */
export const addImage = operation('images.add', async (ctx, input) => {
  const id = requireOpId(ctx.opId, ctx.channel);
  return runMutation(ctx, async (tx) => {
    await requireTarget(tx, input.targetKind, input.targetId);
    const img = await ctx.engine.docs.within(tx).insertImage({
      id, entityType: input.targetKind, entityId: input.targetId, url: input.url, caption: input.caption ? input.caption : null, createdAt: new Date(ctx.now()),
    });
    return { id: img.id, targetKind: img.entityType, targetId: img.entityId, url: img.url, caption: img.caption };
  }, (img) => ({ entity: 'image', entityId: img.id, summary: `image added to ${img.targetKind} ${img.targetId}` }));
});
